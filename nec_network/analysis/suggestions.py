"""Partnership suggestions: whom to introduce to whom, and why (the data of the reason).

Candidates are pairs of actors with coordinates, at most ``max_km`` apart as the
crow flies (great-circle), that no partnership links yet, in either direction,
and that are not two records of one place (a pair
:func:`~nec_network.analysis.duplicates.find_duplicates` would merge).
Each pair is scored by

    score = complementarity + 0.5 × shared publics + AA / (1 + AA)

- *complementarity* (0 to 1): share of the services offered by either actor
  that only one of them offers, |S_a Δ S_b| / |S_a ∪ S_b| — each can send its
  people to the other for what it lacks; 0 when one of them lists no service
  (a network, a funder: it has no service to exchange);
- *shared publics* (0 to 1): overlap of the publics they specifically address,
  |P_a ∩ P_b| / |P_a ∪ P_b| — the same people are likely to need both; it weighs
  half, a reason to meet rather than a service gained;
- *AA* is the Adamic–Adar index on the undirected partnership graph (the sum,
  over their common partners, of 1 / log(number of partners of that partner)):
  actors already close in the network are easy to introduce. AA / (1 + AA)
  brings it between 0 and 1.

The score lies between 0 and 2.5; pairs scoring 0 (same services, no shared
public, no common partner) are not suggested. Ties are broken by distance, then
by actor ids, so the order is deterministic.

The table has English column names and holds the reason as data (services each
offers, publics and partners in common, distance); the French sentence is
written by :func:`nec_network.wording.suggestion_sentences`, and files show the
table under the French headers of :data:`nec_network.wording.FRENCH_HEADERS`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from scipy import sparse

from nec_network.analysis.duplicates import find_duplicates
from nec_network.analysis.shortest_paths import adjacency_matrix
from nec_network.analysis.spatial import SpatialIndex, great_circle_km
from nec_network.errors import NecNetworkError
from nec_network.model import Actor, Ecosystem
from nec_network.model.vocabularies import PUBLICS, SERVICES
from nec_network.settings import SUGGESTION_MAX_KM

#: Default greatest distance between two actors suggested to each other, in km (great-circle).
DEFAULT_MAX_KM = SUGGESTION_MAX_KM
#: Weight of the shared publics in the score.
PUBLICS_WEIGHT = 0.5
COLUMNS = [
    "source",
    "source_name",
    "target",
    "target_name",
    "distance_km",
    "score",
    "complementarity",
    "publics_overlap",
    "adamic_adar",
    "common_partners",
    "source_services",
    "target_services",
    "common_publics",
    "common_partner_names",
]


def suggest_partnerships(
    ecosystem: Ecosystem, *, max_km: float = DEFAULT_MAX_KM, limit: int | None = None
) -> pd.DataFrame:
    """Pairs of nearby actors not yet linked, best first, with what makes each pair worth it.

    One row per pair (see the module for the score). ``source`` is the actor
    that offers more of what the other lacks (ties: ecosystem order) and is the
    subject of the reason. Columns: ``source, source_name, target, target_name,
    distance_km`` (great-circle, not rounded), ``score, complementarity,
    publics_overlap, adamic_adar, common_partners`` (count), ``source_services`` /
    ``target_services`` (services each offers that the other lacks),
    ``common_publics`` (all ``|``-joined) and ``common_partner_names`` (a tuple).
    :func:`nec_network.wording.suggestion_sentences` says why in French.
    ``limit`` keeps the best rows (None: all).
    Actors without coordinates cannot be placed and are left out. Complexity:
    a spatial index query, then O(p) for p pairs within reach, plus the sparse
    product A·D·A for Adamic–Adar.

    >>> from nec_network.model import Actor
    >>> eco = Ecosystem([
    ...     Actor("m", "Médiathèque de Guise", latitude=49.900, longitude=3.628,
    ...           services=("Accès internet et matériel informatique",)),
    ...     Actor("c", "CCAS de Guise", latitude=49.897, longitude=3.630,
    ...           services=("Aide aux démarches administratives",)),
    ...     Actor("p", "Mairie de Laon", latitude=49.564, longitude=3.620)])
    >>> table = suggest_partnerships(eco)
    >>> table.round({"distance_km": 2})[["source", "target", "distance_km", "score"]].to_dict("records")
    [{'source': 'm', 'target': 'c', 'distance_km': 0.36, 'score': 1.0}]
    >>> from nec_network.wording import suggestion_sentences
    >>> print(suggestion_sentences(table)[0])
    Médiathèque de Guise (à moins d'1 km) propose « Accès internet et matériel informatique » que CCAS \
de Guise n'offre pas, et CCAS de Guise propose « Aide aux démarches administratives » en retour.
    """
    if not max_km > 0:
        raise NecNetworkError(f"La distance maximale doit être positive (reçu : {max_km}).")
    if limit is not None and limit < 0:
        raise NecNetworkError(f"Le nombre de suggestions doit être positif (reçu : {limit}).")
    pairs = _scored_pairs(ecosystem, max_km)
    keep = pairs.score > 0
    order = np.lexsort((pairs.second[keep], pairs.first[keep], pairs.distance[keep], -pairs.score[keep]))
    rows = [_suggestion_row(ecosystem.actors, pairs, int(k)) for k in np.flatnonzero(keep)[order][:limit]]
    return pd.DataFrame(rows, columns=COLUMNS)


@dataclass(frozen=True)
class _Pairs:
    """The candidate pairs (actor positions ``first``, ``second``) and their score components."""

    first: np.ndarray
    second: np.ndarray
    distance: np.ndarray
    only_first: np.ndarray
    only_second: np.ndarray
    shared: np.ndarray
    complementarity: np.ndarray
    shared_publics: np.ndarray
    adamic_adar: np.ndarray
    common: np.ndarray
    score: np.ndarray
    adjacency: Any
    service_names: tuple[str, ...]
    public_names: tuple[str, ...]


def _scored_pairs(ecosystem: Ecosystem, max_km: float) -> _Pairs:
    """Located actors within ``max_km`` of each other, not linked, not duplicates, with their scores."""
    actors = ecosystem.actors
    located = np.array(
        [i for i, actor in enumerate(actors) if actor.has_coordinates], dtype=np.intp
    )
    latitude = np.array([actors[i].latitude for i in located], dtype=float)
    longitude = np.array([actors[i].longitude for i in located], dtype=float)
    first, second = _pairs_within(latitude, longitude, max_km)
    first, second = located[first], located[second]
    first, second = _not_linked(ecosystem, first, second)
    first, second = _not_duplicates(ecosystem, first, second)
    distance = great_circle_km(
        _coordinate(actors, first, "latitude"),
        _coordinate(actors, first, "longitude"),
        _coordinate(actors, second, "latitude"),
        _coordinate(actors, second, "longitude"),
    )
    services, service_names = _indicator(actors, "services", SERVICES.values)
    publics, public_names = _indicator(actors, "publics", PUBLICS.values)
    only_first = services[first] & ~services[second]
    only_second = services[second] & ~services[first]
    # An actor that lists no service (a network, a funder) has none to exchange.
    both_offer = services[first].any(axis=1) & services[second].any(axis=1)
    only_first &= both_offer[:, None]
    only_second &= both_offer[:, None]
    complementarity = _ratio(
        only_first.sum(axis=1) + only_second.sum(axis=1),
        (services[first] | services[second]).sum(axis=1),
    )
    shared = publics[first] & publics[second]
    shared_publics = _ratio(shared.sum(axis=1), (publics[first] | publics[second]).sum(axis=1))
    adjacency = adjacency_matrix(ecosystem.undirected_graph(), [actor.id for actor in ecosystem])
    adamic_adar, common = _adamic_adar(adjacency, first, second)
    score = np.round(
        complementarity + PUBLICS_WEIGHT * shared_publics + adamic_adar / (1 + adamic_adar), 6
    )
    return _Pairs(first, second, distance, only_first, only_second, shared, complementarity, shared_publics,
                  adamic_adar, common, score, adjacency, tuple(service_names), tuple(public_names))


def _suggestion_row(actors: Sequence[Actor], pairs: _Pairs, k: int) -> dict[str, Any]:
    """The row of pair ``k``: ``source`` is the actor offering more of what the other lacks."""
    a, b = int(pairs.first[k]), int(pairs.second[k])
    gives_a, gives_b = pairs.only_first[k], pairs.only_second[k]
    if gives_b.sum() > gives_a.sum():
        a, b, gives_a, gives_b = b, a, gives_b, gives_a
    partners = [actors[j].nom for j in _common_partners(pairs.adjacency, a, b)]
    return {
        "source": actors[a].id,
        "source_name": actors[a].nom,
        "target": actors[b].id,
        "target_name": actors[b].nom,
        "distance_km": float(pairs.distance[k]),
        "score": float(pairs.score[k]),
        "complementarity": round(float(pairs.complementarity[k]), 6),
        "publics_overlap": round(float(pairs.shared_publics[k]), 6),
        "adamic_adar": round(float(pairs.adamic_adar[k]), 6),
        "common_partners": int(pairs.common[k]),
        "source_services": "|".join(pairs.service_names[j] for j in np.flatnonzero(gives_a)),
        "target_services": "|".join(pairs.service_names[j] for j in np.flatnonzero(gives_b)),
        "common_publics": "|".join(pairs.public_names[j] for j in np.flatnonzero(pairs.shared[k])),
        "common_partner_names": tuple(partners),
    }


def _pairs_within(
    latitude: np.ndarray, longitude: np.ndarray, max_km: float
) -> tuple[np.ndarray, np.ndarray]:
    """Positions (i < j) of the points at most ``max_km`` apart, sorted."""
    if latitude.size < 2:
        empty = np.zeros(0, dtype=np.intp)
        return empty, empty
    index = SpatialIndex(latitude, longitude)
    near = sparse.triu(index.within(latitude, longitude, max_km), k=1).tocoo()
    order = np.lexsort((near.col, near.row))
    return near.row[order].astype(np.intp), near.col[order].astype(np.intp)


def _not_linked(
    ecosystem: Ecosystem, first: np.ndarray, second: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """The pairs (actor positions) that no partnership joins, in either direction."""
    position = {actor.id: i for i, actor in enumerate(ecosystem)}
    size = len(ecosystem)
    linked = np.array(
        [
            min(position[link.source], position[link.cible]) * size
            + max(position[link.source], position[link.cible])
            for link in ecosystem.partnerships
        ],
        dtype=np.int64,
    )
    keep = ~np.isin(first.astype(np.int64) * size + second, linked)
    return first[keep], second[keep]


def _not_duplicates(
    ecosystem: Ecosystem, first: np.ndarray, second: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """The pairs that are not two records of one place (a group :func:`find_duplicates` would merge)."""
    group = np.arange(len(ecosystem))
    position = {actor.id: i for i, actor in enumerate(ecosystem)}
    for members in find_duplicates(ecosystem).groups:
        group[[position[member] for member in members]] = position[members[0]]
    keep = group[first] != group[second]
    return first[keep], second[keep]


def _coordinate(actors: tuple, positions: np.ndarray, name: str) -> np.ndarray:
    return np.array([getattr(actors[i], name) for i in positions], dtype=float)


def _indicator(
    actors: tuple, field: str, vocabulary: tuple[str, ...]
) -> tuple[np.ndarray, list[str]]:
    """Actors × values boolean matrix; columns in vocabulary order, then other values sorted."""
    present = {value for actor in actors for value in getattr(actor, field)}
    names = [value for value in vocabulary if value in present]
    names += sorted(present - set(names))
    column = {value: j for j, value in enumerate(names)}
    matrix = np.zeros((len(actors), len(names)), dtype=bool)
    for i, actor in enumerate(actors):
        for value in getattr(actor, field):
            matrix[i, column[value]] = True
    return matrix, names


def _ratio(numerator: np.ndarray, denominator: np.ndarray) -> np.ndarray:
    return np.divide(numerator, denominator, out=np.zeros(len(numerator)), where=denominator > 0)


def _adamic_adar(
    adjacency: sparse.csr_matrix, first: np.ndarray, second: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Adamic–Adar index and number of common partners of each pair."""
    if len(first) == 0:
        return np.zeros(0), np.zeros(0, dtype=np.int64)
    degree = np.asarray(adjacency.sum(axis=1)).ravel()
    weight = np.zeros_like(degree)
    hubs = degree > 1  # a partner with one partner cannot be common to two actors
    weight[hubs] = 1.0 / np.log(degree[hubs])
    index = (adjacency @ sparse.diags(weight) @ adjacency).tocsr()
    common = (adjacency @ adjacency).tocsr()
    return (
        np.asarray(index[first, second]).ravel(),
        np.asarray(common[first, second]).ravel().astype(np.int64),
    )


def _common_partners(adjacency: sparse.csr_matrix, a: int, b: int) -> list[int]:
    row_a = adjacency.indices[adjacency.indptr[a] : adjacency.indptr[a + 1]]
    row_b = adjacency.indices[adjacency.indptr[b] : adjacency.indptr[b + 1]]
    return sorted(set(row_a.tolist()) & set(row_b.tolist()))
