"""Great-circle distances, the unit-vector index and the road approximation."""

from __future__ import annotations

import math

import numpy as np
import pytest

from nec_network.analysis.spatial import (
    EARTH_RADIUS_KM,
    SPEEDS_KMH,
    SpatialIndex,
    great_circle_km,
    km_for_minutes,
    territory_vectors,
    travel_minutes,
    unit_vectors,
)
from nec_network.errors import NecNetworkError

DEGREE_KM = math.pi / 180 * EARTH_RADIUS_KM


def brute_force_km(lat1, lon1, lat2, lon2):
    """Spherical law of cosines, a formula independent of the library's haversine."""
    p1, l1, p2, l2 = map(np.radians, (lat1, lon1, lat2, lon2))
    cosine = np.sin(p1) * np.sin(p2) + np.cos(p1) * np.cos(p2) * np.cos(l2 - l1)
    return EARTH_RADIUS_KM * np.arccos(np.clip(cosine, -1, 1))


def test_great_circle_along_a_meridian_is_the_arc():
    assert great_circle_km(49.0, 2.0, 50.0, 2.0) == pytest.approx(DEGREE_KM, rel=1e-12)
    assert great_circle_km(50.0, 2.0, 50.0, 2.0) == 0.0
    assert great_circle_km(49.5, 2.1, 50.2, 3.4) == pytest.approx(
        great_circle_km(50.2, 3.4, 49.5, 2.1)
    )


def random_points(seed: int, size: int):
    rng = np.random.default_rng(seed)
    return rng.uniform(48.8, 50.4, size), rng.uniform(1.3, 4.3, size)


def test_nearest_matches_brute_force():
    actor_lat, actor_lon = random_points(1, 300)
    lat, lon = random_points(2, 2000)
    km, position = SpatialIndex(actor_lat, actor_lon).nearest(lat, lon)
    matrix = brute_force_km(lat[:, None], lon[:, None], actor_lat[None, :], actor_lon[None, :])
    assert np.array_equal(position, matrix.argmin(axis=1))
    assert np.allclose(km, matrix.min(axis=1), atol=1e-6)


def test_within_matches_brute_force_and_keeps_the_boundary():
    actor_lat, actor_lon = random_points(3, 200)
    lat, lon = random_points(4, 500)
    near = SpatialIndex(actor_lat, actor_lon).within(lat, lon, 8.0).toarray()
    expected = (
        great_circle_km(lat[:, None], lon[:, None], actor_lat[None, :], actor_lon[None, :]) <= 8.0
    )
    assert np.array_equal(near, expected)
    # A point exactly one degree north is at exactly DEGREE_KM: inside a radius of that size.
    index = SpatialIndex([50.0, 49.0], [2.0, 2.0])
    boundary = float(great_circle_km(49.0, 2.0, 50.0, 2.0))
    assert index.within([49.0], [2.0], boundary).toarray().tolist() == [[True, True]]
    assert index.within([49.0], [2.0], boundary * (1 - 1e-9)).toarray().tolist() == [[False, True]]


def test_empty_index_answers_infinity():
    km, position = SpatialIndex([], []).nearest([50.0], [2.0])
    assert km.tolist() == [math.inf] and position.tolist() == [-1]
    assert SpatialIndex([], []).within([50.0], [2.0], 10).shape == (1, 0)


@pytest.mark.parametrize("mode", sorted(SPEEDS_KMH))
def test_minutes_and_kilometres_are_inverse(mode):
    radius = km_for_minutes(30, mode=mode)
    assert float(travel_minutes(radius, mode=mode)) == pytest.approx(30)
    assert radius == pytest.approx(30 / 60 * SPEEDS_KMH[mode] / 1.3)


def test_default_threshold_by_car():
    # 20 minutes at 50 km/h = 16.7 km of road = 12.8 km as the crow flies with detour 1.3.
    assert km_for_minutes(20) == pytest.approx(20 / 60 * 50 / 1.3)
    assert km_for_minutes(20, detour=1.0) == pytest.approx(50 / 3)


def test_unknown_mode_and_bad_detour_are_french_errors():
    with pytest.raises(NecNetworkError, match="Mode de déplacement inconnu : « trottinette »"):
        travel_minutes(1.0, mode="trottinette")
    with pytest.raises(NecNetworkError, match="facteur de détour"):
        km_for_minutes(10, detour=0.5)


def test_nearest_distances_are_the_chords_converted_exactly():
    actor_lat, actor_lon = random_points(5, 100)
    lat, lon = random_points(6, 500)
    km, position = SpatialIndex(actor_lat, actor_lon).nearest(lat, lon)
    # 2·asin(c/2)·R of the chord is the great-circle distance: equal to the haversine to 1e-9 km.
    assert np.allclose(km, great_circle_km(lat, lon, actor_lat[position], actor_lon[position]), rtol=0, atol=1e-9)
    assert SpatialIndex([50.0], [2.0]).nearest([50.0], [2.0])[0].tolist() == [0.0]


def test_territory_vectors_are_computed_once_per_set_of_points():
    lat, lon = random_points(7, 50)
    first = territory_vectors(lat, lon)
    assert territory_vectors(lat.copy(), lon.copy()) is first  # same points, another array
    assert np.array_equal(first, unit_vectors(lat, lon)) and not first.flags.writeable
    moved = lat.copy()
    moved[0] += 1e-9
    assert territory_vectors(moved, lon) is not first
