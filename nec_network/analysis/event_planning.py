"""Planning the next local event: where to hold it, whom to invite, whom to introduce.

Plain functions over the ecosystem and the commune table; each returns a table with the reason
as data (English columns; French wording at write time):

- :func:`venue_ranking`: candidate communes (those with an actor that has premises, or a given
  list), ranked by the invited actors' total travel time there, each rural actor's time
  weighted by ``rural_weight`` (they travel farther for everything: the weight says how much
  more their time counts); the farthest invited actor and its time are given;
- :func:`invitations`: actors to invite, each with its reasons: no tie or few ties, in or near
  a white zone, and « would bridge » (an actor with no tie into another community of the
  network that has members nearby);
- :func:`introductions`: pairs to introduce, close in space, in different communities, with
  complementary services: :func:`~nec_network.analysis.suggestions.suggest_partnerships`
  (same scoring and reason data) kept to pairs across communities.

Travel times follow the journeys' assumptions
(:func:`~nec_network.analysis.spatial.travel_minutes`: great-circle distance × detour factor at
the mode's speed).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from nec_network.analysis.communities import Community, detect_communities
from nec_network.analysis.spatial import great_circle_km, travel_minutes
from nec_network.analysis.suggestions import DEFAULT_MAX_KM, suggest_partnerships
from nec_network.errors import NecNetworkError
from nec_network.model import Actor, Ecosystem
from nec_network.model.position import actor_point
from nec_network.settings import DEFAULT_RURAL_WEIGHT

#: An actor with at most this many partners is invited for its few ties.
FEW_TIES = 1
#: Distance (km) within which an actor is « near » a white zone or another community's members.
NEAR_KM = 15.0
VENUE_COLUMNS = [
    "code_insee", "nom", "departement", "venue_actors", "invited", "total_minutes",
    "weighted_minutes", "mean_minutes", "farthest_actor", "farthest_actor_name", "farthest_minutes",
]  # fmt: skip
INVITATION_COLUMNS = [
    "id", "nom", "commune", "departement", "partners", "reasons", "white_zone", "white_zone_km",
    "bridge_community", "bridge_community_name",
]  # fmt: skip


def _point(actor: Actor) -> tuple[float, float] | None:
    point = actor_point(actor)
    return None if point is None else (float(point[0]), float(point[1]))


def has_premises(actor: Actor) -> bool:
    """Whether the actor can host: a fixed place with a commune (itinerant ones cannot)."""
    return bool(actor.code_insee) and not actor.itinerant


def venue_ranking(
    ecosystem: Ecosystem,
    communes: pd.DataFrame,
    *,
    invited: Iterable[str] | None = None,
    venues: Iterable[str] | None = None,
    rural_weight: float = DEFAULT_RURAL_WEIGHT,
    mode: str = "voiture",
) -> pd.DataFrame:
    """Candidate communes, best first (least weighted total travel time of the invited actors).

    ``communes`` is the territory's commune table (``code_insee, nom, departement, rural,
    latitude, longitude``); ``invited`` defaults to every actor with a place; ``venues`` (INSEE
    codes, each one of ``communes``) defaults to the communes of ``communes`` where an actor has
    premises (:func:`has_premises`). A rural
    actor (its commune's ``rural``) counts ``rural_weight`` times. Columns: :data:`VENUE_COLUMNS`.
    """
    if rural_weight < 1:
        raise NecNetworkError(f"Poids des acteurs ruraux impossible : {rural_weight} (1 ou plus).")
    table = communes.drop_duplicates("code_insee").set_index("code_insee")
    chosen = set(invited) if invited is not None else None
    people = [a for a in ecosystem if (chosen is None or a.id in chosen) and _point(a) is not None]
    if venues is None:  # the hosts' communes within the territory's table
        codes = sorted({a.code_insee for a in ecosystem if has_premises(a) and a.code_insee in table.index})
    else:
        codes = sorted(set(venues))
    unknown = [code for code in codes if code not in table.index]
    if unknown:
        raise NecNetworkError(f"Commune inconnue pour un lieu candidat : « {unknown[0]} ».")
    if not people or not codes:
        return pd.DataFrame(columns=VENUE_COLUMNS)
    points = np.array([_point(a) for a in people], dtype=float)
    rural = table["rural"].reindex([a.code_insee for a in people]).fillna(False).to_numpy(dtype=bool)
    weights = np.where(rural, rural_weight, 1.0)
    hosts = pd.Series([a.code_insee for a in ecosystem if has_premises(a)]).value_counts()
    rows = []
    for code in codes:
        place = table.loc[code]
        km = great_circle_km(points[:, 0], points[:, 1], float(place["latitude"]), float(place["longitude"]))
        minutes = np.asarray(travel_minutes(km, mode=mode), dtype=float)
        far = int(np.argmax(minutes))
        rows.append({
            "code_insee": code, "nom": place["nom"], "departement": place["departement"],
            "venue_actors": int(hosts.get(code, 0)), "invited": len(people),
            "total_minutes": float(minutes.sum()), "weighted_minutes": float((minutes * weights).sum()),
            "mean_minutes": float(minutes.mean()), "farthest_actor": people[far].id,
            "farthest_actor_name": people[far].nom, "farthest_minutes": float(minutes[far]),
        })  # fmt: skip
    ranked = pd.DataFrame(rows, columns=VENUE_COLUMNS)
    return ranked.sort_values(["weighted_minutes", "code_insee"], kind="stable").reset_index(drop=True)


def invitations(
    ecosystem: Ecosystem,
    *,
    white_zones: pd.DataFrame | None = None,
    few_ties: int = FEW_TIES,
    near_km: float = NEAR_KM,
    seed: int = 0,
) -> pd.DataFrame:
    """Actors to invite, each with its ``reasons`` (``|``-joined codes, in this order):
    ``isolated`` (no partner), ``few_ties`` (at most ``few_ties`` partners), ``white_zone`` (in a
    white zone: its commune is one of a zone's ``commune_codes``), ``near_white_zone`` (within
    ``near_km`` of a zone's centre), ``would_bridge`` (no tie into a community that has a member
    within ``near_km``: ``bridge_community`` names it). Actors with no reason are left out.
    ``white_zones`` is :func:`~nec_network.analysis.gaps.white_zones`' table.
    Columns: :data:`INVITATION_COLUMNS`.
    """
    graph = ecosystem.undirected_graph()
    communities = detect_communities(ecosystem, seed=seed)
    member_of = {member: c for c in communities for member in c.members}
    points = {a.id: _point(a) for a in ecosystem}
    members = _Members.of(ecosystem, points, member_of)
    zones = white_zones if white_zones is not None else pd.DataFrame(columns=["nom", "commune_codes", "latitude", "longitude"])
    zone_of = {code: row.nom for row in zones.itertuples() for code in str(row.commune_codes).split("|") if code}
    zone_lat, zone_lon = zones["latitude"].to_numpy(float), zones["longitude"].to_numpy(float)
    rows = []
    for actor in ecosystem:
        partners = set(graph.neighbors(actor.id)) - {actor.id} if actor.id in graph else set()
        reasons, zone, zone_km = [], "", None
        if not partners:
            reasons.append("isolated")
        elif len(partners) <= few_ties:
            reasons.append("few_ties")
        point = points[actor.id]
        if actor.code_insee in zone_of:
            reasons.append("white_zone")
            zone = zone_of[actor.code_insee]
        elif point is not None and len(zones):
            distances = great_circle_km(zone_lat, zone_lon, *point)
            nearest = int(np.argmin(distances))
            if distances[nearest] <= near_km:
                reasons.append("near_white_zone")
                zone, zone_km = str(zones["nom"].iloc[nearest]), round(float(distances[nearest]), 1)
        bridge = _bridge_community(actor, point, partners, member_of, members, near_km)
        if bridge is not None:
            reasons.append("would_bridge")
        if reasons:
            rows.append({
                "id": actor.id, "nom": actor.nom, "commune": actor.commune, "departement": actor.departement,
                "partners": len(partners), "reasons": "|".join(reasons), "white_zone": zone,
                "white_zone_km": zone_km, "bridge_community": None if bridge is None else bridge.number,
                "bridge_community_name": "" if bridge is None else bridge.name,
            })  # fmt: skip
    return pd.DataFrame(rows, columns=INVITATION_COLUMNS)


@dataclass(frozen=True)
class _Members:
    """The located members of communities, as arrays to measure them against one actor at once:
    their ``communities``, ``ids``, community ``numbers`` and ``places`` (latitude, longitude)."""

    communities: list[Community]
    ids: np.ndarray
    numbers: np.ndarray
    places: np.ndarray

    @classmethod
    def of(
        cls, ecosystem: Ecosystem, points: dict[str, tuple[float, float] | None], member_of: dict[str, Community]
    ) -> _Members:
        placed = [a.id for a in ecosystem if points[a.id] is not None and a.id in member_of]
        communities = [member_of[member] for member in placed]
        return cls(
            communities,
            np.array(placed, dtype=object),
            np.array([c.number for c in communities], dtype=int),
            np.array([points[member] for member in placed], dtype=float).reshape(-1, 2),
        )


def _bridge_community(
    actor: Actor,
    point: tuple[float, float] | None,
    partners: set[str],
    member_of: dict[str, Community],
    members: _Members,
    near_km: float,
) -> Community | None:
    """The nearest other community with a member within ``near_km`` and no tie from ``actor``
    (nearest first, then the lower community number)."""
    if point is None:
        return None
    own = member_of.get(actor.id)
    reached = {member_of[p].number for p in partners if p in member_of} | ({own.number} if own is not None else set())
    km = great_circle_km(members.places[:, 0], members.places[:, 1], point[0], point[1])
    eligible = (km <= near_km) & (members.ids != actor.id) & ~np.isin(members.numbers, list(reached))
    near = np.flatnonzero(eligible)
    if not len(near):
        return None
    best = near[np.lexsort((members.numbers[near], km[near]))[0]]
    return members.communities[best]


def introductions(ecosystem: Ecosystem, *, max_km: float = DEFAULT_MAX_KM, seed: int = 0) -> pd.DataFrame:
    """Pairs to introduce: :func:`~nec_network.analysis.suggestions.suggest_partnerships` kept to
    pairs in different communities with complementary services (``complementarity > 0``), with
    their communities' names (``source_community``, ``target_community``); best first."""
    communities = detect_communities(ecosystem, seed=seed)
    member_of = {member: c for c in communities for member in c.members}
    table = suggest_partnerships(ecosystem, max_km=max_km)
    if table.empty:
        return table.assign(source_community="", target_community="")
    source = table["source"].map(lambda a: member_of[a].name if a in member_of else "")
    target = table["target"].map(lambda a: member_of[a].name if a in member_of else "")
    apart = (source != target) | (source == "")
    kept = table.assign(source_community=source, target_community=target)[apart & (table["complementarity"] > 0)]
    return kept.reset_index(drop=True)
