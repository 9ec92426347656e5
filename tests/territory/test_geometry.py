"""Point-in-polygon and distance to a boundary, on shapes whose answers are known by hand."""

from __future__ import annotations

import numpy as np
import pytest

from nec_network.territory._geometry import (
    KM_PER_DEGREE_LATITUDE,
    contains,
    distance_km,
)

SQUARE_WITH_HOLE = {
    "type": "Polygon",
    "coordinates": [
        [[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]],
        [[1, 1], [3, 1], [3, 3], [1, 3], [1, 1]],
    ],
}
TWO_SQUARES = {
    "type": "MultiPolygon",
    "coordinates": [
        [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]],
        [[[5, 0], [6, 0], [6, 1], [5, 1], [5, 0]]],
    ],
}


def test_contains_honours_holes() -> None:
    x = [0.5, 2.0, 3.5, 5.0]
    y = [0.5, 2.0, 3.5, 2.0]
    assert contains(SQUARE_WITH_HOLE, x, y).tolist() == [True, False, True, False]


def test_contains_every_part_of_a_multipolygon() -> None:
    assert contains(TWO_SQUARES, [0.5, 5.5, 3.0], [0.5, 0.5, 0.5]).tolist() == [True, True, False]


def test_distance_is_zero_inside_and_measured_to_the_nearest_edge_outside() -> None:
    distances = distance_km(TWO_SQUARES, [0.5, 0.5, 3.0], [0.5, -0.1, 0.5])
    assert distances[0] == 0
    assert distances[1] == pytest.approx(0.1 * KM_PER_DEGREE_LATITUDE)
    assert distances[2] == pytest.approx(2 * 111.32 * np.cos(np.radians(0.5)), rel=1e-3)


def test_distance_inside_a_hole_is_to_the_hole_edge() -> None:
    assert distance_km(SQUARE_WITH_HOLE, [2.0], [2.0])[0] == pytest.approx(
        KM_PER_DEGREE_LATITUDE, rel=2e-3
    )


def test_many_points_are_processed_in_chunks() -> None:
    rng = np.random.default_rng(0)
    x, y = rng.uniform(-1, 7, 10_000), rng.uniform(-1, 2, 10_000)
    expected = ((x > 0) & (x < 1) | (x > 5) & (x < 6)) & (y > 0) & (y < 1)
    assert (contains(TWO_SQUARES, x, y) == expected).all()
