"""The partnership network over time, and what an event created.

Every figure here is computed on **ties**: undirected pairs of distinct actors, whatever the
number, direction and type of the partnerships between them — a tie declared twice (by both
partners, or as two types) counts once. How a partnership's dates become days, and how an
event dates the ties born there, is said in :mod:`nec_network.analysis._ties`: in short a tie
« depuis 2024 » is there from 1 January 2024, a tie ended « 2025-03 » until 31 March 2025.

- :func:`network_at`: the ecosystem on a date (the partnerships there on that day);
- :func:`tie_changes`: ties formed and ended per month, quarter or year, net growth and the
  ties open at each period's close; undated ties counted apart;
- :func:`event_effect`: before/after an event (see :class:`EventEffect` for what each figure
  means), with bridges (:class:`Bridge`) and Kaplan–Meier tie survival
  (:mod:`nec_network.analysis.survival`);
- :func:`actor_changes`: per actor, partners gained, lost and met at the event;
- :func:`reference_date`: the date the data describes (its latest survey wave, else its
  latest date), for callers that were given none. Nothing here uses « today ».

Undated ties (a partnership with neither ``debut`` nor a dated ``evenement``) are kept: they
are in the network at every date until their ``fin`` (by default: ``include_undated=True``),
never counted as formed or ended, and counted apart as ``ties_undated``.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx
import pandas as pd

from nec_network.analysis._ties import Pair, Spell, interval, tie_spells, ties_at, undated_ties
from nec_network.analysis.survival import DAYS_PER_MONTH, SurvivalPoint, kaplan_meier, survival_at
from nec_network.errors import NecNetworkError
from nec_network.model import Ecosystem, Event, Partnership

#: Periods of :func:`tie_changes`.
PERIODS = ("month", "quarter", "year")
#: Reasons a new tie is a bridge, in the order they are given (see :class:`Bridge`).
BRIDGE_REASONS = ("disconnected", "distant", "community", "departement", "typology")
_ONE_DAY = dt.timedelta(days=1)


def network_at(ecosystem: Ecosystem, at: dt.date, *, include_undated: bool = True) -> Ecosystem:
    """The ecosystem on day ``at``: every actor and event, the partnerships there that day.

    A partnership is there when it started on or before ``at`` (a month or a year counts from
    its first day) and did not end before it (its ``fin``'s last day is ``at`` or later).
    Undated partnerships are kept unless ``include_undated`` is false.

    >>> from nec_network.model import Actor, Partnership, PartialDate
    >>> eco = Ecosystem([Actor("a", "A"), Actor("b", "B"), Actor("c", "C")], [
    ...     Partnership("a", "b", "partenariat", debut=PartialDate(2024), fin=PartialDate(2025, 3)),
    ...     Partnership("b", "c", "partenariat")])
    >>> [len(network_at(eco, dt.date(d, 1, 1)).partnerships) for d in (2023, 2024, 2026)]
    [1, 2, 1]
    """
    events = {event.id: event for event in ecosystem.events}

    def there(link: Partnership) -> bool:
        start, end = interval(link, events)
        if start is None and not include_undated:
            return False
        return (start is None or start <= at) and (end is None or at <= end)

    kept = [link for link in ecosystem.partnerships if there(link)]
    return Ecosystem(ecosystem.actors, kept, events=ecosystem.events, name=ecosystem.name)


def tie_changes(ecosystem: Ecosystem, *, period: str = "month", until: dt.date,
                since: dt.date | None = None) -> pd.DataFrame:
    """Ties formed and ended per period, from the first tie's start (or ``since``) to ``until``.

    Columns: ``period`` (``2024-06``, ``2024-T2`` or ``2024``), ``start`` and ``end`` (its
    first and last day), ``formed`` (spells of ties starting in it), ``ended`` (spells ending
    in it), ``net`` (formed − ended), ``cumulative`` (dated ties open at its close: started and
    not ended by its last day) and ``undated`` (ties with an undated spell, the same on every
    row). A tie that ended and started again forms twice.

    >>> from nec_network.model import Actor, Partnership, PartialDate
    >>> eco = Ecosystem([Actor("a", "A"), Actor("b", "B"), Actor("c", "C")], [
    ...     Partnership("a", "b", "partenariat", debut=PartialDate(2024), fin=PartialDate(2025, 3)),
    ...     Partnership("b", "c", "partenariat", debut=PartialDate(2025, 1, 5))])
    >>> tie_changes(eco, period="year", until=dt.date(2025, 12, 31))[["period", "formed", "ended", "cumulative"]
    ...     ].to_dict("records")
    [{'period': '2024', 'formed': 1, 'ended': 0, 'cumulative': 1}, {'period': '2025', 'formed': 1, 'ended': 1, 'cumulative': 1}]
    """
    if period not in PERIODS:
        raise NecNetworkError(f"Période inconnue : « {period} » (admises : mois, trimestre, annee).")
    spells = tie_spells(ecosystem)
    dated = [spell for found in spells.values() for spell in found if spell.start is not None and spell.start <= until]
    formed = Counter(_period_index(spell.start, period) for spell in dated)  # type: ignore[arg-type]
    ended = Counter(_period_index(spell.end, period) for spell in dated if spell.end is not None and spell.end <= until)
    first = since or min((spell.start for spell in dated), default=until)  # type: ignore[type-var]
    before = sum(1 for spell in dated if spell.start < first and (spell.end is None or spell.end >= first))  # type: ignore[operator]
    undated = len(undated_ties(spells))
    rows, open_ties = [], before
    for index in range(_period_index(first, period), _period_index(until, period) + 1):
        open_ties += formed[index] - ended[index]
        start, end = _period_bounds(index, period)
        rows.append({"period": _period_label(index, period), "start": start, "end": end, "formed": formed[index],
                     "ended": ended[index], "net": formed[index] - ended[index], "cumulative": open_ties,
                     "undated": undated})
    return pd.DataFrame(rows, columns=["period", "start", "end", "formed", "ended", "net", "cumulative", "undated"])


def _period_index(day: dt.date, period: str) -> int:
    if period == "month":
        return day.year * 12 + day.month - 1
    if period == "quarter":
        return day.year * 4 + (day.month - 1) // 3
    return day.year


def _period_bounds(index: int, period: str) -> tuple[dt.date, dt.date]:
    if period == "year":
        return dt.date(index, 1, 1), dt.date(index, 12, 31)
    months = 1 if period == "month" else 3
    year, first_month = divmod(index * months if period == "quarter" else index, 12)
    start = dt.date(year, first_month + 1, 1)
    following = first_month + months
    end = dt.date(year + following // 12, following % 12 + 1, 1) - _ONE_DAY
    return start, end


def _period_label(index: int, period: str) -> str:
    if period == "month":
        return f"{index // 12:04d}-{index % 12 + 1:02d}"
    if period == "quarter":
        return f"{index // 4:04d}-T{index % 4 + 1}"
    return f"{index:04d}"


@dataclass(frozen=True)
class Bridge:
    """A tie formed after the event between actors that were far apart before it.

    ``reasons`` (in the order of :data:`BRIDGE_REASONS`, each one kept): ``disconnected`` (no
    path between them before), ``distant`` (3 steps or more apart before), ``community``
    (different communities of the network before, Louvain), ``departement`` (different
    départements), ``typology`` (no typology in common).
    """

    source: str
    cible: str
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class EventEffect:
    """What an event created, from its first day to the reference date ``at``.

    Field → key of ``evolution.json`` and meaning (all counts are ties: distinct pairs):

    - ``ties_before`` (``liens_avant``): ties there the day before the event;
    - ``ties_after`` (``liens_apres``): ties there on the reference date;
    - ``ties_created`` (``liens_crees``): ties that started between the event's first day and
      the reference date (or were born at the event) and were not there before it, even if
      they ended since;
    - ``ties_ended`` (``liens_termines``): ties there before the event or created since, no
      longer there on the reference date;
    - ``ties_undated`` (``liens_sans_date``): ties with an undated partnership, counted in
      before and after (they have no date to place them), never as created or ended;
    - ``created_among_participants`` (``liens_crees_entre_participants``): created ties
      between two attendees (organisers and participants); ``created_among_others``
      between two non-attendees; ``created_across`` between an attendee and a non-attendee;
    - ``rate_participants`` / ``rate_others`` / ``rate_across``: those counts divided by the
      pairs of the same kind that had no tie before the event (chance per pair of a new tie;
      None without such pairs);
    - ``bridges`` (``liens_ponts`` counts them): created ties between actors far apart before
      (:class:`Bridge`), ``bridges_by_reason`` how many per reason;
    - ``largest_component_before`` / ``_after`` (``plus_grande_composante_avant``/``_apres``):
      actors in the largest connected group of the network before / on the reference date;
    - ``constraint_before`` / ``_after``: mean Burt constraint of the attendees with a tie
      (low: they link otherwise separate partners, brokers; high: their partners all know
      each other); None when no attendee has a tie;
    - ``survival_6_months`` / ``survival_12_months`` (``survie_6_mois``/``survie_12_mois``):
      Kaplan–Meier share of the created ties still going on 6 and 12 months after they
      started (months of 30.44 days), ties still going on at the reference date being
      censored there; None when no created tie was observed that long;
    - ``created`` / ``ended``: the pairs themselves; ``survival`` the curve.
    """

    event: Event
    at: dt.date
    participants: tuple[str, ...]
    ties_before: int
    ties_after: int
    ties_created: int
    ties_ended: int
    ties_undated: int
    created_among_participants: int
    created_among_others: int
    created_across: int
    rate_participants: float | None
    rate_others: float | None
    rate_across: float | None
    bridges: tuple[Bridge, ...]
    largest_component_before: int
    largest_component_after: int
    constraint_before: float | None
    constraint_after: float | None
    survival_6_months: float | None
    survival_12_months: float | None
    created: tuple[Pair, ...]
    ended: tuple[Pair, ...]
    survival: tuple[SurvivalPoint, ...]

    @property
    def bridges_by_reason(self) -> dict[str, int]:
        """How many bridges give each reason (a bridge may give several)."""
        return {reason: sum(reason in bridge.reasons for bridge in self.bridges) for reason in BRIDGE_REASONS}


def event_effect(ecosystem: Ecosystem, event_id: str, *, at: dt.date, include_undated: bool = True,
                 communities: bool = True, seed: int = 0) -> EventEffect:
    """What the event ``event_id`` created between its first day and ``at`` (see :class:`EventEffect`).

    ``communities=False`` skips the community reason of bridges (Louvain is the slowest step
    on large networks). Raises :class:`NecNetworkError` (French) for an unknown or undated
    event, or one that starts after ``at``. Complexity: about O(m log n) for m ties.
    """
    event = _dated_event(ecosystem, event_id, at)
    assert event.date is not None
    first_day = event.date.first_day
    spells = tie_spells(ecosystem)
    before = ties_at(spells, first_day - _ONE_DAY, include_undated=include_undated)
    after = ties_at(spells, at, include_undated=include_undated)
    created_spells = {pair: spell for pair, found in spells.items() if pair not in before
                      for spell in [_created_spell(found, first_day, at)] if spell is not None}
    created = sorted(created_spells)
    ended = sorted((before | set(created)) - after)
    attendees = frozenset(actor for actor in event.attendees if actor in ecosystem)
    graph_before, graph_after = _graph(ecosystem, before), _graph(ecosystem, after)
    components_before = list(nx.connected_components(graph_before))
    among = Counter(_kind(pair, attendees) for pair in created)
    open_pairs = _open_pairs(len(ecosystem), len(attendees), before, attendees)
    durations, observed = _durations(created_spells.values(), at)
    curve = kaplan_meier(durations, observed)
    return EventEffect(
        event=event, at=at, participants=tuple(sorted(attendees)),
        ties_before=len(before), ties_after=len(after), ties_created=len(created), ties_ended=len(ended),
        ties_undated=len(undated_ties(spells)),
        created_among_participants=among["participants"], created_among_others=among["others"],
        created_across=among["across"],
        rate_participants=_rate(among["participants"], open_pairs["participants"]),
        rate_others=_rate(among["others"], open_pairs["others"]),
        rate_across=_rate(among["across"], open_pairs["across"]),
        bridges=_bridges(ecosystem, graph_before, components_before, created, communities=communities, seed=seed),
        largest_component_before=max(map(len, components_before), default=0),
        largest_component_after=_largest_component(graph_after),
        constraint_before=_mean_constraint(graph_before, attendees),
        constraint_after=_mean_constraint(graph_after, attendees),
        survival_6_months=survival_at(curve, 6 * DAYS_PER_MONTH, durations),
        survival_12_months=survival_at(curve, 12 * DAYS_PER_MONTH, durations),
        created=tuple(created), ended=tuple(ended), survival=curve,
    )


def _dated_event(ecosystem: Ecosystem, event_id: str, at: dt.date) -> Event:
    try:
        event = ecosystem.event(event_id)
    except KeyError:
        known = ", ".join(event.id for event in ecosystem.events) or "aucun"
        raise NecNetworkError(f"Événement inconnu : « {event_id} » (connus : {known}).") from None
    if event.date is None:
        raise NecNetworkError(f"L'événement « {event_id} » n'a pas de date : son effet ne peut pas être mesuré.")
    if event.date.first_day > at:
        raise NecNetworkError(f"L'événement « {event_id} » ({event.date}) commence après la date de "
                              f"référence {at.isoformat()} : rien à mesurer encore.")
    return event


def _created_spell(found: tuple[Spell, ...], first_day: dt.date, at: dt.date) -> Spell | None:
    """The first spell that started between the event's first day and ``at``."""
    return next((spell for spell in found if spell.start is not None and first_day <= spell.start <= at), None)


def _kind(pair: Pair, attendees: frozenset[str]) -> str:
    inside = (pair[0] in attendees) + (pair[1] in attendees)
    return ("others", "across", "participants")[inside]


def _open_pairs(actors: int, attendees: int, before: set[Pair], present: frozenset[str]) -> Counter[str]:
    """Pairs of each kind with no tie before the event: the chances a new tie had."""
    others = actors - attendees
    total = Counter({"participants": attendees * (attendees - 1) // 2, "others": others * (others - 1) // 2,
                     "across": attendees * others})
    total.subtract(Counter(_kind(pair, present) for pair in before))
    return total


def _rate(count: int, pairs: int) -> float | None:
    return count / pairs if pairs > 0 else None


def _graph(ecosystem: Ecosystem, ties: set[Pair]) -> nx.Graph:
    """The graph of ``ties``, built in a fixed order: a set's order follows the hash seed, and
    Louvain's communities follow the order of the edges (two runs must give the same bridges)."""
    graph = nx.Graph()
    graph.add_nodes_from(actor.id for actor in ecosystem)
    graph.add_edges_from(sorted(ties))
    return graph


def _largest_component(graph: nx.Graph) -> int:
    return max((len(component) for component in nx.connected_components(graph)), default=0)


def _mean_constraint(graph: nx.Graph, attendees: frozenset[str]) -> float | None:
    linked = [actor for actor in sorted(attendees) if graph.degree(actor) > 0]
    if not linked:
        return None
    return sum(burt_constraint(graph, actor) for actor in linked) / len(linked)


def burt_constraint(graph: nx.Graph, node: str) -> float:
    """Burt's constraint of ``node`` in a simple unweighted graph, as :func:`networkx.constraint`
    computes it (each tie weighs 1): with pᵢⱼ = 1 / degree(i) for a partner j,
    cᵢ = Σⱼ (pᵢⱼ + Σ_q pᵢ_q p_qⱼ)², q over i's partners; NaN without partner. Complexity
    O(d²) for d partners, without networkx's per-call overhead (40× faster on 300 actors).

    >>> round(burt_constraint(nx.Graph([("a", "b"), ("a", "c"), ("b", "c")]), "a"), 4)
    1.125
    """
    partners = graph[node]
    if not partners:
        return float("nan")
    share = 1 / len(partners)
    around = {other: graph[other] for other in partners}  # each partner's view looked up once
    total = 0.0
    for partner in partners:
        indirect = sum(share / len(around[other]) for other in partners if other != partner and partner in around[other])
        total += (share + indirect) ** 2
    return total


def _durations(spells: Iterable[Spell], at: dt.date) -> tuple[list[float], list[bool]]:
    """Days each created tie lasted, and whether it ended by ``at`` (else censored at ``at``)."""
    durations, observed = [], []
    for spell in spells:
        assert spell.start is not None
        ended = spell.end is not None and spell.end <= at
        durations.append(float(((spell.end if ended else at) - spell.start).days))
        observed.append(ended)
    return durations, observed


def _bridges(ecosystem: Ecosystem, before: nx.Graph, components: list[set[str]], created: list[Pair], *,
             communities: bool, seed: int) -> tuple[Bridge, ...]:
    component = {node: index for index, nodes in enumerate(components) for node in nodes}
    community: dict[str, int] = {}
    if communities and created:
        from nec_network.analysis.communities import communities_in_graph

        weighted = nx.Graph()
        weighted.add_nodes_from((node, {"nom": ecosystem[node].nom}) for node in before)
        weighted.add_edges_from(before.edges, weight=1.0)
        community = {m: found.number for found in communities_in_graph(weighted, seed=seed) for m in found.members}
    bridges = []
    for first, second in created:
        one, two = ecosystem[first], ecosystem[second]
        reasons = []
        if component[first] != component[second]:
            reasons.append("disconnected")
        elif not set(before[first]) & set(before[second]):  # not tied before: 2 steps needs a common partner
            reasons.append("distant")
        if first in community and second in community and community[first] != community[second]:
            reasons.append("community")
        if one.departement and two.departement and one.departement != two.departement:
            reasons.append("departement")
        if one.typologies and two.typologies and not set(one.typologies) & set(two.typologies):
            reasons.append("typology")
        if reasons:
            bridges.append(Bridge(first, second, tuple(reasons)))
    return tuple(bridges)


def actor_changes(ecosystem: Ecosystem, *, since: dt.date, at: dt.date, event_id: str | None = None,
                  include_undated: bool = True) -> pd.DataFrame:
    """Per actor, partners the day before ``since`` and on ``at``, and what changed.

    Columns: ``id``, ``nom``, ``participant`` (attended the event ``event_id``),
    ``partners_before``, ``partners_after``, ``new_partners`` and ``lost_partners`` (counts,
    with the ids ``|``-joined in ``new_partner_ids`` and ``lost_partner_ids``), ``met_at_event``
    (new partners met at the event: the tie was born there, or both attended it; ids in
    ``met_at_event_ids``). Partners are counted by tie (see the module docstring). One row per
    actor with a partner before or after, or attending the event, in the ecosystem's order.
    """
    spells = tie_spells(ecosystem)
    before = ties_at(spells, since - _ONE_DAY, include_undated=include_undated)
    after = ties_at(spells, at, include_undated=include_undated)
    event = ecosystem.event(event_id) if event_id else None
    attendees = event.attendees if event is not None else frozenset()
    born = {pair for pair, found in spells.items() if event is not None and any(event.id in s.events for s in found)}
    partners_before, partners_after = _partners(before), _partners(after)
    rows = []
    for actor in ecosystem:
        old, new = partners_before.get(actor.id, set()), partners_after.get(actor.id, set())
        if not old and not new and actor.id not in attendees:
            continue
        gained, lost = sorted(new - old), sorted(old - new)
        met = [partner for partner in gained if tuple(sorted((actor.id, partner))) in born
               or (actor.id in attendees and partner in attendees)]
        rows.append({"id": actor.id, "nom": actor.nom, "participant": actor.id in attendees,
                     "partners_before": len(old), "partners_after": len(new), "new_partners": len(gained),
                     "lost_partners": len(lost), "met_at_event": len(met), "new_partner_ids": "|".join(gained),
                     "lost_partner_ids": "|".join(lost), "met_at_event_ids": "|".join(met)})
    return pd.DataFrame(rows, columns=_ACTOR_COLUMNS)


_ACTOR_COLUMNS = ["id", "nom", "participant", "partners_before", "partners_after", "new_partners", "lost_partners",
                  "met_at_event", "new_partner_ids", "lost_partner_ids", "met_at_event_ids"]


def _partners(ties: set[Pair]) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for first, second in ties:
        found.setdefault(first, set()).add(second)
        found.setdefault(second, set()).add(first)
    return found


def reference_date(ecosystem: Ecosystem) -> dt.date | None:
    """The date the data describes: the last day of its latest survey wave (an event of nature
    ``enquete``) when it has one, else the latest day its dates name (partnerships' ``debut``
    and ``fin``, meetings' dates, as first days); None for data without dates.
    """
    wave = latest_survey_wave(ecosystem)
    if wave is not None:
        return wave.date.last_day
    days = [event.date.first_day for event in ecosystem.events if event.date is not None]
    for link in ecosystem.partnerships:
        days.extend(date.first_day for date in (link.debut, link.fin) if date is not None)
    return max(days, default=None)


def latest_survey_wave(ecosystem: Ecosystem) -> Event | None:
    """The survey wave (event of nature ``enquete``) whose dates end last, None without one."""
    waves = [event for event in ecosystem.events if event.is_survey and event.date is not None]
    return max(waves, key=lambda event: event.date.last_day, default=None)


@dataclass(frozen=True)
class EvolutionSummary:
    """Everything ``nec-network evolution`` writes: the reference date ``at``, the ties there on
    it (``ties_at``), the ties with an undated partnership (``ties_undated``), ``changes`` per ``period``
    (:func:`tie_changes`), ``actors`` (:func:`actor_changes`, since the event when there is
    one, else since the first period) and the ``effect`` of the event (None without one)."""

    at: dt.date
    period: str
    ties_at: int
    ties_undated: int
    changes: pd.DataFrame
    actors: pd.DataFrame
    effect: EventEffect | None


def latest_meeting(ecosystem: Ecosystem, at: dt.date) -> str | None:
    """The id of the latest meeting (not a survey wave) with a date starting on or before ``at``."""
    dated = [event for event in ecosystem.events
             if not event.is_survey and event.date is not None and event.date.first_day <= at]
    return max(dated, key=lambda event: event.date.first_day).id if dated else None  # type: ignore[union-attr]


def evolution_summary(ecosystem: Ecosystem, *, at: dt.date, event_id: str | None = None,
                      period: str = "month", communities: bool = True) -> EvolutionSummary:
    """:class:`EvolutionSummary` on ``at`` for the event ``event_id`` (None: no event figures)."""
    spells = tie_spells(ecosystem)
    effect = event_effect(ecosystem, event_id, at=at, communities=communities) if event_id else None
    changes = tie_changes(ecosystem, period=period, until=at)
    since = effect.event.date.first_day if effect is not None and effect.event.date is not None else (
        changes["start"].iloc[0] if len(changes) else at)
    return EvolutionSummary(
        at=at, period=period, ties_at=len(ties_at(spells, at)),
        ties_undated=len(undated_ties(spells)), changes=changes,
        actors=actor_changes(ecosystem, since=since, at=at, event_id=event_id), effect=effect,
    )
