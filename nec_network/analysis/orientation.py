"""Where to send a person: the places answering a difficulty, nearest first, from their commune.

:func:`orient` answers a helper's question for one commune, one difficulty
(:data:`~nec_network.model.vocabularies.DIFFICULTIES`), an optional public and a
mobility mode:

- **candidates**: actors offering at least one service of the difficulty and
  welcoming the public (the rule of
  :class:`~nec_network.analysis.criteria.ActorCriteria`: an actor listing no
  public welcomes everyone, a *prise en charge* must be listed), except those
  that receive no public (``Ce lieu n'accueille pas de public``);
- **where and how far**: the location and great-circle distance of
  :mod:`~nec_network.analysis.coverage`; an itinerant actor whose zone includes
  the commune (or its EPCI) comes to the person: distance 0, listed first and
  flagged ``serves_commune``; minutes are
  :func:`~nec_network.analysis.spatial.travel_minutes` (same detour and speeds
  as the coverage);
- **refinements** (all optional): free of charge (``frais`` lists
  ``Gratuit``), without appointment (``modalites_acces`` lists ``Se
  présenter``), motor disability welcomed (``prise_en_charge`` lists ``Handicaps
  moteurs``: the only thing the data says of reduced mobility), open at a given
  time (hours that cannot tell do not count as open);
- **the list**: the query's :class:`~nec_network.analysis.criteria.Threshold` (mode, detour,
  minutes or km; default 20 minutes by car): as a maximum (:attr:`OrientationQuery.maximum`),
  every place within it; otherwise every place within it and at least the
  :data:`MINIMUM_PLACES` nearest whatever the distance; order: serving the commune first,
  then distance, then id;
- **referral**: with the helper's own structure, the shortest chain of
  referral partnerships (:func:`~nec_network.analysis.journeys.referral_graph`)
  to each place;
- **why**: what explains an empty or far answer (:attr:`Orientation.reason`).

The orientation page computes the same answer in the browser from the same
data; the browser tests check both agree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import networkx as nx
import numpy as np
import pandas as pd

from nec_network.analysis.coverage import ActorPoints, territory_communes
from nec_network.analysis.criteria import ActorCriteria, Threshold
from nec_network.analysis.journeys import referral_graph
from nec_network.errors import NecNetworkError
from nec_network.model import Actor, Ecosystem, Persona
from nec_network.model.opening_hours import parse_opening_hours
from nec_network.model.vocabularies import DIFFICULTIES, Difficulty, find_difficulty

#: Places listed at least, whatever their distance, when no maximum is given.
MINIMUM_PLACES = 10
#: Typologies of places that receive anyone and re-orient, whatever the question: France
#: Services (and the MSAP before them) by their national charter, a town hall and the social
#: action centre of a commune or an intercommunality for their residents.
WELCOMING_TYPOLOGIES = ("RFS", "MSAP", "MUNI", "CCAS", "CIAS")
#: How many of them are proposed when nothing offers the need.
WELCOMING_PLACES = 3
#: ``modalites_acces`` value of structures that receive nobody: never a place to send someone.
NO_PUBLIC = "Ce lieu n'accueille pas de public"
FREE = "Gratuit"
WALK_IN = "Se présenter"
REDUCED_MOBILITY = "Handicaps moteurs"
REMOTE = "À distance"


@dataclass(frozen=True)
class OrientationQuery:
    """What the helper asks. ``difficulty`` is a code of :data:`DIFFICULTIES` (None: any service).

    ``threshold`` is how the person travels and how near is near: its ``mode`` and ``detour``
    give the minutes of every place, its minutes or km the nearness (default: 20 minutes by
    car), like the page's one limit (a time or a distance).

    >>> OrientationQuery("02468", "demarches", threshold=Threshold(max_km=10), maximum=True).threshold.km
    10.0
    """

    commune: str
    difficulty: str | None = None
    public: str | None = None
    threshold: Threshold = field(default_factory=Threshold)
    helper: str | None = None
    #: The threshold is a maximum (the page's « Temps maximum » or « Distance maximum »): only the
    #: places within it. Otherwise the places within it, and at least :data:`MINIMUM_PLACES`.
    maximum: bool = False
    free: bool = False
    walk_in: bool = False
    reduced_mobility: bool = False
    open_at: dt.datetime | None = None
    #: One service of the national standard: when given, only places offering exactly it
    #: (``?service=`` of the page), whatever the difficulty.
    service: str | None = None

    @property
    def refined(self) -> bool:
        """Whether a refinement other than the maximum is asked."""
        return self.free or self.walk_in or self.reduced_mobility or self.open_at is not None


@dataclass(frozen=True)
class Place:
    """One place of the answer."""

    actor: Actor
    distance_km: float
    minutes: float
    #: Itinerant and the commune is in its zone: it comes to the person.
    serves_commune: bool
    #: Actor ids from the helper's structure to this place (empty without helper or chain).
    referral: tuple[str, ...] = ()


@dataclass(frozen=True)
class Orientation:
    """The answer of :func:`orient`."""

    query: OrientationQuery
    commune_name: str
    places: tuple[Place, ...]
    #: Places offering the difficulty to the public, before refinements and maximum.
    candidates: int
    #: Candidates left after the refinements (before the maximum).
    refined: int
    #: When none is within the maximum (or the coverage threshold): the nearest place; when none
    #: matches the refinements: the nearest place without them.
    nearest_beyond: Place | None
    #: Why the list is empty or far: ``""`` (nothing to say), ``"no_offer"`` (no actor offers it to
    #: this public), ``"refinements"`` (none matches the refinements), ``"too_far"`` (none within
    #: the maximum), ``"far"`` (none within the coverage threshold: the nearest are listed anyway).
    reason: str
    #: Candidates offering remote help (``À distance``), whatever their distance, by id.
    remote: tuple[str, ...]
    #: When nothing offers the need (``reason == "no_offer"``): the nearest places that receive
    #: anyone and re-orient (:func:`receives_anyone`), marked as such on the page.
    welcoming: tuple[Place, ...] = ()


def query_for_persona(persona: Persona, *, helper: str | None = None) -> OrientationQuery:
    """The question a helper asks for a persona: first need's difficulty, first public, mobility.

    >>> query_for_persona(Persona("p", "Josiane", "02468", ("Aide aux démarches administratives",),
    ...                           publics=("Seniors",), mobilite="pied")).difficulty
    'demarches'
    """
    difficulty = find_difficulty(persona.besoins[0]) if persona.besoins else None
    publics = (*persona.prise_en_charge, *persona.publics)
    return OrientationQuery(
        commune=persona.code_insee,
        difficulty=difficulty.code if difficulty else None,
        public=publics[0] if publics else None,
        threshold=Threshold(mode=persona.mobilite),
        helper=helper if helper is not None else persona.premier_contact,
    )


def offers(actor: Actor, difficulty: Difficulty | None, service: str | None = None) -> bool:
    """The actor offers ``service`` exactly when given, else a service of the difficulty (any
    service when None)."""
    services = (service,) if service else difficulty.services if difficulty else None
    return bool(actor.services) if services is None else any(s in actor.services for s in services)


def _refinements_keep(actor: Actor, query: OrientationQuery) -> bool:
    if query.free and FREE not in actor.frais:
        return False
    if query.walk_in and WALK_IN not in actor.modalites_acces:
        return False
    if query.reduced_mobility and REDUCED_MOBILITY not in actor.prise_en_charge:
        return False
    if query.open_at is not None:
        hours = parse_opening_hours(actor.horaires)
        if hours is None or hours.is_open_at(query.open_at) is not True:
            return False
    return True


def orient(
    ecosystem: Ecosystem,
    query: OrientationQuery,
    communes: pd.DataFrame | None = None,
    *,
    minimum: int = MINIMUM_PLACES,
) -> Orientation:
    """The places to send the person to (see the module docstring). ``communes`` defaults to Picardie.

    Cost: O(m) distances for m actors, plus one shortest path per listed place with a helper.
    """
    table = territory_communes(communes)
    home = table.loc[table["code_insee"] == query.commune]
    if home.empty:
        raise NecNetworkError(f"Commune inconnue du territoire analysé : « {query.commune} ».")
    row = home.iloc[0]
    difficulty = _difficulty(query)
    if query.helper is not None and query.helper not in ecosystem:
        raise NecNetworkError(f"Structure de l'aidant inconnue : « {query.helper} ».")
    criteria = ActorCriteria(public=query.public)
    candidates = [
        actor
        for actor in ecosystem
        if NO_PUBLIC not in actor.modalites_acces
        and offers(actor, difficulty, query.service)
        and criteria.offers(actor)
    ]
    points = ActorPoints.locate(candidates, table)
    located = points.actors
    lat, lon = float(row["latitude"]), float(row["longitude"])
    effective, serves = points.reach_from(lat, lon, (query.commune, str(row["epci_code"])))
    minutes = query.threshold.minutes(effective)
    order = sorted(range(len(located)), key=lambda i: (not serves[i], effective[i], located[i].id))
    kept = [i for i in order if _refinements_keep(located[i], query)]
    near = {i for i in kept if _within(effective[i], minutes[i], query.threshold)}

    def place(i: int) -> Place:
        return Place(located[i], float(effective[i]), float(minutes[i]), bool(serves[i]))

    limited = query.maximum
    chosen = [i for rank, i in enumerate(kept) if i in near or (not limited and rank < minimum)]
    any_near = bool(near)
    nearest_beyond = None
    if order and not kept:
        nearest_beyond = place(order[0])
    elif kept and ((limited and not chosen) or (not limited and not any_near)):
        nearest_beyond = place(kept[0])
    places = tuple(place(i) for i in chosen)
    if query.helper is not None and places:
        places = _with_referrals(ecosystem, query.helper, places)
    return Orientation(
        query=query,
        commune_name=str(row["nom"]),
        places=places,
        candidates=len(located),
        refined=len(kept),
        nearest_beyond=nearest_beyond,
        reason=_empty_reason(bool(located), bool(kept), bool(chosen), limited=limited,
                             any_near=any_near),
        remote=tuple(sorted(a.id for a in candidates if REMOTE in a.modalites_accompagnement)),
        welcoming=() if located else _welcoming(ecosystem, table, row, query),
    )


def receives_anyone(actor: Actor) -> bool:
    """Whether the place receives anyone, whatever the question, and re-orients: a France
    Services (its national charter), a town hall, a CCAS or CIAS (:data:`WELCOMING_TYPOLOGIES`).

    >>> receives_anyone(Actor("m", "Mairie de Ham", typologies=("MUNI",))), receives_anyone(Actor("b", "Médiathèque"))
    (True, False)
    """
    return "France Services" in actor.dispositifs or any(code in WELCOMING_TYPOLOGIES for code in actor.typologies)


def _welcoming(ecosystem: Ecosystem, table: pd.DataFrame, row: pd.Series, query: OrientationQuery
               ) -> tuple[Place, ...]:
    """The :data:`WELCOMING_PLACES` nearest places that receive anyone (same order as the answer)."""
    actors = [a for a in ecosystem if NO_PUBLIC not in a.modalites_acces and receives_anyone(a)]
    points = ActorPoints.locate(actors, table)
    located = points.actors
    distance, serves = points.reach_from(float(row["latitude"]), float(row["longitude"]),
                                         (query.commune, str(row["epci_code"])))
    minutes = query.threshold.minutes(distance)
    order = sorted(range(len(located)), key=lambda i: (not serves[i], distance[i], located[i].id))
    return tuple(Place(located[i], float(distance[i]), float(minutes[i]), bool(serves[i]))
                 for i in order[:WELCOMING_PLACES])


def _difficulty(query: OrientationQuery) -> Difficulty | None:
    """The difficulty asked (by key or words), None when none is; a French error when unknown."""
    if query.difficulty is None:
        return None
    difficulty = DIFFICULTIES.get(query.difficulty) or find_difficulty(query.difficulty)
    if difficulty is None:
        raise NecNetworkError(
            f"Difficulté inconnue : « {query.difficulty} ». Possibles : {', '.join(DIFFICULTIES)}."
        )
    return difficulty


def _empty_reason(located: bool, kept: bool, chosen: bool, *, limited: bool, any_near: bool) -> str:
    """Why the answer has no place near enough (``""`` when it has)."""
    if not located:
        return "no_offer"
    if not kept:
        return "refinements"
    if limited and not chosen:
        return "too_far"
    if not limited and not any_near:
        return "far"
    return ""


def _within(km: float, minutes: float, threshold: Threshold) -> bool:
    """Within the threshold, in its own unit (as the page compares)."""
    if threshold.max_km is not None:
        return km <= threshold.max_km
    return minutes <= threshold.max_minutes


def _with_referrals(
    ecosystem: Ecosystem, helper: str, places: tuple[Place, ...]
) -> tuple[Place, ...]:
    graph = referral_graph(ecosystem)
    reachable = nx.single_source_shortest_path(graph, helper)
    return tuple(
        Place(
            p.actor,
            p.distance_km,
            p.minutes,
            p.serves_commune,
            tuple(reachable.get(p.actor.id, ())),
        )
        for p in places
    )
