"""Spatial math, in one place: great-circle distances, a unit-vector index, road approximation.

Distances are great-circle (:func:`nec_network.distance.great_circle_km`, re-exported
here for the analyses). Points are indexed as unit vectors in a
:class:`scipy.spatial.cKDTree`: the straight chord between two unit vectors is a
monotonic function of their arc, so nearest neighbours and radius queries on
chords are exact great-circle answers, with no all-pairs loop.

Road approximation: travel distance = great-circle distance × ``detour``
(default :data:`DETOUR_FACTOR` = 1.3, the usual ratio between road and
straight-line distance in rural France), travelled at the average speed of the
mode (:data:`SPEEDS_KMH`). It is a planning approximation, not a route.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy import sparse
from scipy.spatial import cKDTree

from nec_network.distance import EARTH_RADIUS_KM, great_circle_km
from nec_network.errors import NecNetworkError
from nec_network.settings import DETOUR_FACTOR, SPEEDS_KMH


def unit_vectors(latitude, longitude) -> np.ndarray:
    """Points on the unit sphere, shape ``(n, 3)``, for a chord-distance index.

    >>> unit_vectors([0.0], [90.0]).round(6).tolist()
    [[0.0, 1.0, 0.0]]
    """
    phi = np.radians(np.atleast_1d(np.asarray(latitude, dtype=float)))
    lam = np.radians(np.atleast_1d(np.asarray(longitude, dtype=float)))
    cos_phi = np.cos(phi)
    return np.column_stack((cos_phi * np.cos(lam), cos_phi * np.sin(lam), np.sin(phi)))


#: The territories whose unit vectors were computed last: their coordinates' bytes → vectors.
_TERRITORY_VECTORS: dict[bytes, np.ndarray] = {}
_TERRITORIES_KEPT = 4


def territory_vectors(latitude: np.ndarray, longitude: np.ndarray) -> np.ndarray:
    """:func:`unit_vectors` of a territory's points (read-only), computed once per distinct set.

    Every analysis of the same communes (one per service, coverage then recommendation)
    queries with the same points: they are recognised by their coordinates, whatever table
    they came in.
    """
    key = np.asarray(latitude, dtype=float).tobytes() + np.asarray(longitude, dtype=float).tobytes()
    vectors = _TERRITORY_VECTORS.get(key)
    if vectors is None:
        vectors = unit_vectors(latitude, longitude)
        vectors.flags.writeable = False
        if len(_TERRITORY_VECTORS) >= _TERRITORIES_KEPT:
            del _TERRITORY_VECTORS[next(iter(_TERRITORY_VECTORS))]
        _TERRITORY_VECTORS[key] = vectors
    return vectors


def chord_for_km(km) -> np.ndarray:
    """Chord length on the unit sphere for a great-circle distance in km."""
    return 2 * np.sin(
        np.clip(np.asarray(km, dtype=float), 0, np.pi * EARTH_RADIUS_KM) / (2 * EARTH_RADIUS_KM)
    )


def km_for_chord(chord) -> np.ndarray:
    """Great-circle distance in km for a chord length on the unit sphere (inverse of :func:`chord_for_km`).

    >>> float(km_for_chord(chord_for_km(12.5))).__round__(9)
    12.5
    """
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.clip(np.asarray(chord, dtype=float) / 2, 0.0, 1.0))


def check_mode(mode: str) -> float:
    """Speed of a mobility mode in km/h; French error naming the valid modes otherwise."""
    try:
        return SPEEDS_KMH[mode]
    except KeyError:
        valid = ", ".join(SPEEDS_KMH)
        raise NecNetworkError(
            f"Mode de déplacement inconnu : « {mode} ». Modes possibles : {valid}."
        ) from None


def _check_detour(detour: float) -> None:
    if not detour >= 1:
        raise NecNetworkError(f"Le facteur de détour doit être au moins 1 (reçu : {detour}).")


def travel_minutes(km, *, mode: str = "voiture", detour: float = DETOUR_FACTOR) -> np.ndarray:
    """Approximate travel time in minutes for a great-circle distance in km.

    >>> round(float(travel_minutes(10.0)), 6)  # 10 km × 1.3 at 50 km/h
    15.6
    """
    speed = check_mode(mode)
    _check_detour(detour)
    return np.asarray(km, dtype=float) * detour / speed * 60.0


def km_for_minutes(
    minutes: float, *, mode: str = "voiture", detour: float = DETOUR_FACTOR
) -> float:
    """Great-circle radius reachable in ``minutes`` (inverse of :func:`travel_minutes`).

    >>> round(km_for_minutes(20), 2)  # 20 min by car: 16.7 km of road, 12.8 km as the crow flies
    12.82
    """
    speed = check_mode(mode)
    _check_detour(detour)
    return float(minutes) / 60.0 * speed / detour


class SpatialIndex:
    """A static set of points (latitude, longitude) indexed for great-circle queries.

    >>> index = SpatialIndex([49.8942, 49.8467], [2.2957, 3.2876])
    >>> km, position = index.nearest([49.90], [2.30])
    >>> position.tolist(), km.round(2).tolist()
    ([0], [0.71])
    """

    def __init__(
        self, latitude: Sequence[float] | np.ndarray, longitude: Sequence[float] | np.ndarray
    ) -> None:
        self.latitude = np.atleast_1d(np.asarray(latitude, dtype=float))
        self.longitude = np.atleast_1d(np.asarray(longitude, dtype=float))
        if self.latitude.shape != self.longitude.shape:
            raise ValueError("latitude and longitude must have the same length")
        self.tree = cKDTree(unit_vectors(self.latitude, self.longitude)) if len(self) else None

    def __len__(self) -> int:
        return int(self.latitude.size)

    def nearest(self, latitude, longitude) -> tuple[np.ndarray, np.ndarray]:
        """Great-circle distance (km) to the nearest indexed point, and that point's position.

        With an empty index every distance is ``inf`` and every position ``-1``.
        Distances are the tree's chords converted exactly (:func:`km_for_chord`): they agree
        with :func:`great_circle_km` to about 1e-9 km.
        """
        return self.nearest_to_vectors(unit_vectors(latitude, longitude))

    def nearest_to_vectors(self, vectors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """:meth:`nearest` for points already given as :func:`unit_vectors` (shape ``(n, 3)``),
        so a territory's points are converted once for all the indexes it is compared with."""
        count = len(vectors)
        if self.tree is None or count == 0:
            return np.full(count, np.inf), np.full(count, -1, dtype=np.intp)
        chord, position = self.tree.query(vectors, k=1)
        return km_for_chord(chord), np.asarray(position, dtype=np.intp)

    def within(self, latitude, longitude, km: float) -> sparse.csr_matrix:
        """Boolean sparse matrix (query points × indexed points): great-circle distance ≤ ``km``."""
        lat = np.atleast_1d(np.asarray(latitude, dtype=float))
        shape = (lat.size, len(self))
        if self.tree is None or lat.size == 0:
            return sparse.csr_matrix(shape, dtype=bool)
        lon = np.atleast_1d(np.asarray(longitude, dtype=float))
        other = cKDTree(unit_vectors(lat, lon))
        # Generous chord, then the exact haversine test: the answer agrees with great_circle_km.
        pairs = other.sparse_distance_matrix(
            self.tree, float(chord_for_km(km)) * (1 + 1e-9) + 1e-15, output_type="ndarray"
        )
        rows, cols = pairs["i"], pairs["j"]
        keep = (
            great_circle_km(lat[rows], lon[rows], self.latitude[cols], self.longitude[cols]) <= km
        )
        rows, cols = rows[keep], cols[keep]
        return sparse.csr_matrix(
            (np.ones(rows.size, dtype=bool), (rows, cols)), shape=shape, dtype=bool
        )
