"""The ecosystem: actors and partnerships backed by a networkx graph.

An :class:`Ecosystem` is immutable: filters and edits return new ecosystems,
and the graphs it hands out are frozen copies, so no analysis can alter it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING

from nec_network.codes import departement_of
from nec_network.errors import NecNetworkError
from nec_network.model.actor import LIST_FIELDS, Actor
from nec_network.model.event import Event
from nec_network.model.partnership import Partnership

if TYPE_CHECKING:
    import networkx as nx


class Ecosystem:
    """Actors (by id, in insertion order), the partnerships between them and the events where
    they met.

    Partnerships and events must name known actors; build through the readers of
    :mod:`nec_network.io`, which report offending rows instead of raising.

    >>> eco = Ecosystem([Actor("a", "A", code_insee="02691"), Actor("b", "B", code_insee="80021")],
    ...                 [Partnership("a", "b", "partenariat")])
    >>> len(eco), eco.graph.number_of_edges()
    (2, 1)
    >>> len(eco.subset(lambda actor: actor.departement == "80"))
    1
    """

    def __init__(
        self,
        actors: Iterable[Actor] = (),
        partnerships: Iterable[Partnership] = (),
        *,
        events: Iterable[Event] = (),
        name: str = "",
    ) -> None:
        self.name = name
        self._actors: dict[str, Actor] = {}
        for actor in actors:
            if actor.id in self._actors:
                raise NecNetworkError(f"Identifiant d'acteur en double : « {actor.id} ».")
            self._actors[actor.id] = actor
        self._partnerships: tuple[Partnership, ...] = tuple(partnerships)
        for link in self._partnerships:
            for end in (link.source, link.cible):
                if end not in self._actors:
                    raise NecNetworkError(
                        f"Le partenariat {link.source} → {link.cible} cite un acteur inconnu : « {end} »."
                    )
        self._events: dict[str, Event] = {}
        for event in events:
            if event.id in self._events:
                raise NecNetworkError(f"Identifiant d'événement en double : « {event.id} ».")
            unknown = sorted(event.attendees - self._actors.keys())
            if unknown:
                raise NecNetworkError(f"L'événement « {event.id} » cite un acteur inconnu : « {unknown[0]} ».")
            self._events[event.id] = event
        self._graph: nx.MultiDiGraph | None = None
        self._undirected: nx.Graph | None = None

    # -- containers -------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._actors)

    def __iter__(self) -> Iterator[Actor]:
        return iter(self._actors.values())

    def __contains__(self, actor_id: object) -> bool:
        return actor_id in self._actors

    def __getitem__(self, actor_id: str) -> Actor:
        return self._actors[actor_id]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Ecosystem):
            return NotImplemented
        return (
            list(self._actors.values()) == list(other._actors.values())
            and self._partnerships == other._partnerships
            and self._events == other._events
        )

    def __repr__(self) -> str:
        return f"Ecosystem({len(self._actors)} acteurs, {len(self._partnerships)} partenariats)"

    @property
    def actors(self) -> tuple[Actor, ...]:
        """All actors, in insertion order."""
        return tuple(self._actors.values())

    @property
    def events(self) -> tuple[Event, ...]:
        """All events, in insertion order."""
        return tuple(self._events.values())

    def event(self, event_id: str) -> Event:
        """The event ``event_id`` (KeyError when unknown)."""
        return self._events[event_id]

    @property
    def partnerships(self) -> tuple[Partnership, ...]:
        """All partnerships, in insertion order."""
        return self._partnerships

    # -- graphs -----------------------------------------------------------------------------
    @property
    def graph(self) -> nx.MultiDiGraph:
        """Frozen multigraph: one node per actor (attributes = actor fields), one edge per partnership.

        Undirected partnerships are stored once, from source to cible, with
        ``directed=False``; use :meth:`undirected_graph` for structure analyses.
        """
        if self._graph is None:
            # networkx loads here, not with the module: reading, checking and writing
            # actors never needs it, and the command line starts faster (#8.7).
            import networkx as nx

            graph = nx.MultiDiGraph(name=self.name)
            for actor in self._actors.values():
                graph.add_node(actor.id, **node_attributes(actor))
            for index, link in enumerate(self._partnerships):
                graph.add_edge(link.source, link.cible, key=index, **_edge_attributes(link))
            self._graph = nx.freeze(graph)
        return self._graph

    def undirected_graph(self) -> nx.Graph:
        """Simple undirected graph, parallel links merged: built once and frozen like :attr:`graph`
        (every structure analysis reads it; ``nx.Graph(ecosystem.undirected_graph())`` is a copy
        to change).

        Edge attributes: ``weight`` (sum of ``poids``), ``types`` (sorted tuple)
        and ``count``. Node attributes as in :attr:`graph`.
        """
        if self._undirected is None:
            import networkx as nx

            self._undirected = nx.freeze(self._build_undirected())
        return self._undirected

    def _build_undirected(self) -> nx.Graph:
        import networkx as nx

        graph = nx.Graph(name=self.name)
        graph.add_nodes_from(self.graph.nodes(data=True))
        for link in self._partnerships:
            if link.source == link.cible:
                continue
            if graph.has_edge(link.source, link.cible):
                data = graph.edges[link.source, link.cible]
                data["weight"] += link.poids
                data["types"] = tuple(sorted(set(data["types"]) | {link.type}))
                data["count"] += 1
            else:
                graph.add_edge(link.source, link.cible, weight=link.poids, types=(link.type,), count=1)
        return graph

    # -- derived ecosystems ----------------------------------------------------------------
    def subset(self, predicate: Callable[[Actor], bool]) -> Ecosystem:
        """New ecosystem of the actors satisfying ``predicate`` and the partnerships among them."""
        kept = [actor for actor in self._actors.values() if predicate(actor)]
        ids = {actor.id for actor in kept}
        links = [link for link in self._partnerships if link.source in ids and link.cible in ids]
        events = [
            dataclasses.replace(
                event,
                organisateurs=tuple(actor for actor in event.organisateurs if actor in ids),
                participants=tuple(actor for actor in event.participants if actor in ids),
            )
            for event in self._events.values()
        ]
        return Ecosystem(kept, links, events=events, name=self.name)

    def replace_actors(self, updated: Mapping[str, Actor]) -> Ecosystem:
        """New ecosystem where the actors whose id is in ``updated`` are replaced."""
        actors = [updated.get(actor.id, actor) for actor in self._actors.values()]
        return Ecosystem(actors, self._partnerships, events=self._events.values(), name=self.name)

    def with_actors(self, actors: Iterable[Actor], partnerships: Iterable[Partnership] = ()) -> Ecosystem:
        """New ecosystem with more actors and partnerships appended."""
        return Ecosystem(
            [*self._actors.values(), *actors], [*self._partnerships, *partnerships],
            events=self._events.values(), name=self.name,
        )

    def with_events(self, events: Iterable[Event]) -> Ecosystem:
        """New ecosystem with these events (replacing any it had)."""
        return Ecosystem(self._actors.values(), self._partnerships, events=events, name=self.name)

    def partners(self, actor_id: str) -> tuple[str, ...]:
        """Ids of the actors linked to ``actor_id`` by any partnership, in either direction."""
        graph = self.graph
        seen = dict.fromkeys([*graph.successors(actor_id), *graph.predecessors(actor_id)])
        seen.pop(actor_id, None)
        return tuple(seen)


def in_departements(actor: Actor, departements: Iterable[str]) -> bool:
    """Whether the actor is in one of the départements, or an itinerant zone of its reaches one.

    >>> in_departements(Actor("b", "Bus", code_insee="60057", zone_intervention=("80021",)), {"80"})
    True
    """
    wanted = set(departements)
    return actor.departement in wanted or any(
        _zone_departement(code) in wanted for code in actor.zone_intervention
    )


def _zone_departement(code: str) -> str:
    """Département of a zone code: an INSEE commune code; EPCI SIREN codes have none here."""
    return departement_of(code) if len(code) == 5 else ""


def _edge_attributes(link: Partnership) -> dict[str, object]:
    """Graph-friendly attributes of a partnership, like :func:`node_attributes`: scalars only,
    dates as text (``""`` when unknown)."""
    return {
        "type": link.type,
        "directed": link.directed,
        "poids": link.poids,
        "debut": str(link.debut or ""),
        "fin": str(link.fin or ""),
        "evenement": link.evenement,
        "note": link.note,
        "origine": link.origine,
    }


def node_attributes(actor: Actor) -> dict[str, object]:
    """Graph-friendly attributes of an actor: scalars only, lists joined with ``|``.

    GraphML and GEXF cannot hold lists or ``None``: missing numbers are left out.
    """
    attributes: dict[str, object] = {}
    for item in dataclasses.fields(actor):
        value = getattr(actor, item.name)
        if item.name == "extra":
            continue
        if item.name in LIST_FIELDS:
            attributes[item.name] = "|".join(value)
        elif value is None:
            continue
        elif item.name == "date_maj":
            attributes[item.name] = value.isoformat()
        else:
            attributes[item.name] = value
    attributes["departement"] = actor.departement
    attributes["label"] = actor.nom
    return attributes
