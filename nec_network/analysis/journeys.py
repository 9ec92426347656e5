"""Personae and journeys: where can a helper send this person, and through whom?

A :class:`Persona` is a home commune, needs (v1 services), publics and *prise en
charge*, a mobility mode and optionally the actor who already supports them
(their first contact). :func:`journey` answers the helper's question:

- **options**: the actors within reach offering at least one of the needs,
  ranked by the number of needs they meet (all first), then by distance. Reach
  is the coverage :class:`~nec_network.analysis.criteria.Threshold` (default 20 minutes):
  its minutes on the road approximation for the persona's mode, so a person without a car
  has a smaller radius, or its kilometres; itinerant actors whose zone includes the home commune
  are in reach at distance 0 (the bus stops in the village);
- **unmet needs**: needs no actor within reach offers, each with the nearest
  actor beyond reach, if any;
- **referral path**: from the first contact, the shortest chain of partnerships
  (:data:`REFERRAL_TYPES`: every type but *financement*, either direction) to an option, preferring the nearest option
  among the closest in the graph, else to the nearest actor beyond reach for an
  unmet need; without any chain, the answer says whom to contact directly.

The answer in French is written from the :class:`Journey` by
:func:`nec_network.wording.journey_answer` (one sentence per finding).

Personae are read from files by :mod:`nec_network.io.personae`; this module only
computes over :class:`~nec_network.model.persona.Persona` records. Tables have
English column names (besides the data model's: ``nom``, ``commune``,
``telephone``…); files and pages show them under the French headers of
:data:`nec_network.wording.FRENCH_HEADERS`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

import networkx as nx
import numpy as np
import pandas as pd

from nec_network.analysis.coverage import ActorPoints, territory_communes
from nec_network.analysis.criteria import Threshold
from nec_network.errors import NecNetworkError
from nec_network.model import Actor, Ecosystem, Persona
from nec_network.model.vocabularies import PARTNERSHIP_TYPES

#: Partnerships a helper can refer someone through: working relationships, not funding.
REFERRAL_TYPES = frozenset(PARTNERSHIP_TYPES) - {"financement"}


@dataclass(frozen=True)
class Journey:
    """The answer for one persona (see the module docstring for the definitions)."""

    persona: Persona
    commune: str
    latitude: float
    longitude: float
    max_minutes: float
    radius_km: float
    #: One row per actor within reach: ``actor`` (id), ``nom, typologie, commune, distance_km,
    #: travel_minutes, needs_met`` (``|``-joined), ``needs_met_count, prise_en_charge_matched``
    #: (the actor offers all the persona's *prise en charge*), ``serves_commune`` (itinerant,
    #: comes to the home commune), ``telephone, courriel, site_web, prise_rdv, horaires, frais,
    #: latitude, longitude``.
    options: pd.DataFrame
    unmet_needs: tuple[str, ...]
    #: For each unmet need: the nearest actor beyond reach (``need, actor, nom, distance_km``;
    #: ``actor`` empty when nobody offers it).
    beyond_reach: pd.DataFrame
    referral_path: tuple[str, ...] = ()
    #: Partnership types along the referral path (one fewer than the actors).
    referral_types: tuple[str, ...] = ()
    #: Names of the actors of the referral path, in order.
    referral_names: tuple[str, ...] = ()
    #: Name of the persona's first contact (``""`` without one).
    first_contact_name: str = ""


def _serves(actor: Actor, persona: Persona) -> bool:
    """An actor listing no public welcomes everyone; one listing publics must list one of the persona's."""
    return not actor.publics or not persona.publics or bool(set(actor.publics) & set(persona.publics))


#: Columns of :attr:`Journey.options`, in order.
OPTION_COLUMNS = (
    "actor", "nom", "typologie", "commune", "distance_km", "travel_minutes", "needs_met",
    "needs_met_count", "prise_en_charge_matched", "serves_commune", "telephone", "courriel",
    "site_web", "prise_rdv", "horaires", "frais", "latitude", "longitude",
)  # fmt: skip


def journey(
    ecosystem: Ecosystem,
    persona: Persona,
    communes: pd.DataFrame | None = None,
    *,
    threshold: Threshold | None = None,
) -> Journey:
    """Where the persona can go for each need, and the referral path from their first contact.

    ``threshold`` (default :class:`~nec_network.analysis.criteria.Threshold`: 20 minutes) is the
    one the command line builds: its kilometres as they are, or its minutes with the persona's
    own mobility (:attr:`Persona.mobilite` replaces its ``mode``), always with its detour.

    Cost: O(m) distance computations for m actors, plus one breadth-first
    search of the partnership graph.
    """
    table = territory_communes(communes)
    home_row = _home(table, persona)
    lat, lon = float(home_row["latitude"]), float(home_row["longitude"])
    reach = replace(threshold or Threshold(), mode=persona.mobilite)
    radius = reach.km
    if persona.premier_contact and persona.premier_contact not in ecosystem:
        raise NecNetworkError(
            f"Le premier contact « {persona.premier_contact} » du persona « {persona.nom} » n'est pas un acteur connu."
        )
    relevant = [
        actor for actor in ecosystem if set(actor.services) & set(persona.besoins) and _serves(actor, persona)
    ]
    points = ActorPoints.locate(relevant, table)
    effective, in_zone = points.reach_from(lat, lon, (persona.code_insee, str(home_row["epci_code"])))
    options = _options(persona, points, effective, in_zone, effective <= radius, reach=reach)
    met_needs = {need for value in options["needs_met"] for need in value.split("|") if need}
    unmet = tuple(need for need in persona.besoins if need not in met_needs)
    beyond_reach = _beyond_reach(unmet, points, effective)
    path, types = _referral(ecosystem, persona.premier_contact, options)
    if not path:
        # No chain reaches an option in reach: the first contact may still know the nearest one beyond.
        beyond_targets = beyond_reach.loc[beyond_reach["actor"] != ""].assign(needs_met_count=1)
        path, types = _referral(ecosystem, persona.premier_contact, beyond_targets)
    return Journey(
        persona=persona,
        commune=str(home_row["nom"]),
        latitude=lat,
        longitude=lon,
        max_minutes=float(reach.max_minutes if reach.max_minutes is not None else reach.minutes(radius)),
        radius_km=float(radius),
        options=options,
        unmet_needs=unmet,
        beyond_reach=beyond_reach,
        referral_path=path,
        referral_types=types,
        referral_names=tuple(ecosystem[actor_id].nom for actor_id in path),
        first_contact_name=ecosystem[persona.premier_contact].nom if persona.premier_contact else "",
    )


def _home(table: pd.DataFrame, persona: Persona) -> pd.Series:
    """The persona's home commune row; a French error when it is outside the territory."""
    home = table.loc[table["code_insee"] == persona.code_insee]
    if home.empty:
        raise NecNetworkError(
            f"La commune du persona « {persona.nom} » ({persona.code_insee}) n'est pas dans le territoire analysé."
        )
    return home.iloc[0]


def _options(persona: Persona, points: ActorPoints, effective: np.ndarray, in_zone: np.ndarray,
             within: np.ndarray, *, reach: Threshold) -> pd.DataFrame:
    """One row per actor within reach (:data:`OPTION_COLUMNS`), all needs met first, then the nearest."""
    rows = []
    for position in np.flatnonzero(within):
        actor = points.actors[position]
        met = tuple(need for need in persona.besoins if need in actor.services)
        rows.append({
            "actor": actor.id,
            "nom": actor.nom,
            "typologie": "|".join(actor.typologies),
            "commune": actor.commune,
            "distance_km": float(effective[position]),
            "travel_minutes": float(reach.minutes(effective[position])),
            "needs_met": "|".join(met),
            "needs_met_count": len(met),
            "prise_en_charge_matched": set(persona.prise_en_charge) <= set(actor.prise_en_charge),
            "serves_commune": bool(in_zone[position]),
            "telephone": actor.telephone,
            "courriel": "|".join(actor.courriels),
            "site_web": "|".join(actor.sites_web),
            "prise_rdv": actor.prise_rdv,
            "horaires": actor.horaires,
            "frais": "|".join(actor.frais),
            "latitude": float(points.latitude[position]),
            "longitude": float(points.longitude[position]),
        })
    options = pd.DataFrame(rows, columns=list(OPTION_COLUMNS))
    if options.empty:
        return options
    return options.sort_values(
        ["needs_met_count", "prise_en_charge_matched", "distance_km", "actor"],
        ascending=[False, False, True, True],
        kind="stable",
    ).reset_index(drop=True)


def _beyond_reach(unmet: tuple[str, ...], points: ActorPoints, effective: np.ndarray) -> pd.DataFrame:
    """For each unmet need, the nearest actor offering it (beyond reach), or none."""
    beyond = []
    for need in unmet:
        offering = [i for i, actor in enumerate(points.actors) if need in actor.services]
        if offering:
            best = min(offering, key=lambda i: (effective[i], points.actors[i].id))
            beyond.append({"need": need, "actor": points.actors[best].id, "nom": points.actors[best].nom,
                           "distance_km": float(effective[best])})
        else:
            beyond.append({"need": need, "actor": "", "nom": "", "distance_km": float("nan")})
    return pd.DataFrame(beyond, columns=["need", "actor", "nom", "distance_km"])


def journeys(
    ecosystem: Ecosystem,
    personae: Iterable[Persona],
    communes: pd.DataFrame | None = None,
    *,
    threshold: Threshold | None = None,
) -> tuple[Journey, ...]:
    """:func:`journey` for each persona, with the same ``threshold``."""
    table = territory_communes(communes)
    return tuple(journey(ecosystem, persona, table, threshold=threshold) for persona in personae)


def referral_graph(ecosystem: Ecosystem) -> nx.Graph:
    """Undirected graph of the partnerships a helper can refer someone through (:data:`REFERRAL_TYPES`)."""
    referral_links = [link for link in ecosystem.partnerships if link.type in REFERRAL_TYPES]
    return Ecosystem(ecosystem.actors, referral_links).undirected_graph()


def _referral(
    ecosystem: Ecosystem, first_contact: str | None, options: pd.DataFrame
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Shortest partnership chain from the first contact to the best target.

    ``options`` has columns ``actor``, ``needs_met_count`` and ``distance_km``;
    the target is the closest in the graph, then the one meeting most needs, then the nearest.
    """
    if not first_contact or options.empty:
        return (), ()
    graph = referral_graph(ecosystem)
    hops = nx.single_source_shortest_path_length(graph, first_contact)
    candidates = [
        (hops[actor_id], -needs, distance, actor_id)
        for actor_id, needs, distance in zip(
            options["actor"], options["needs_met_count"], options["distance_km"], strict=True
        )
        if actor_id in hops
    ]
    if not candidates:
        return (), ()
    target = min(candidates)[3]
    path = tuple(nx.shortest_path(graph, first_contact, target))
    types = tuple(
        graph.edges[a, b]["types"][0] for a, b in zip(path, path[1:], strict=False)
    )
    return path, types
