"""Vectorised point-in-polygon and point-to-boundary distance on GeoJSON geometries.

Coordinates are longitude/latitude in degrees (EPSG:4326). Distances use a local
equirectangular projection around each point, accurate to well under 1 % at the
scale of a département, which is all the territory checks need.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, NamedTuple

import numpy as np

KM_PER_DEGREE_LATITUDE = 110.574
KM_PER_DEGREE_LONGITUDE_AT_EQUATOR = 111.320
_CHUNK = 4096


def rings(geometry: Mapping[str, Any]) -> Iterator[np.ndarray]:
    """Yield every ring (outer boundaries and holes) of a Polygon or MultiPolygon.

    >>> square = {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]]}
    >>> [ring.shape for ring in rings(square)]
    [(5, 2)]
    """
    if geometry["type"] == "Polygon":
        polygons = [geometry["coordinates"]]
    elif geometry["type"] == "MultiPolygon":
        polygons = geometry["coordinates"]
    else:
        raise ValueError(f"unsupported geometry type {geometry['type']!r}")
    for polygon in polygons:
        for ring in polygon:
            yield np.asarray(ring, dtype=float)


def _chunks(size: int) -> Iterator[slice]:
    for start in range(0, size, _CHUNK):
        yield slice(start, min(start + _CHUNK, size))


def contains(geometry: Mapping[str, Any], longitude, latitude) -> np.ndarray:
    """Whether each point lies inside the geometry (even-odd rule, so holes are honoured).

    >>> square = {"type": "Polygon", "coordinates": [[[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]]]}
    >>> contains(square, [1.0, 3.0], [1.0, 1.0]).tolist()
    [True, False]
    """
    return edges_contain(ring_edges(rings(geometry)), longitude, latitude)


class Edges(NamedTuple):
    """Every edge of a geometry's rings, ready for many point tests: start point, lower and
    upper latitude, and the slope (longitude per latitude; horizontal edges get a harmless one,
    they never straddle a ray)."""

    x1: np.ndarray
    y1: np.ndarray
    low: np.ndarray
    high: np.ndarray
    slope: np.ndarray


def ring_edges(ring_arrays: Iterable[np.ndarray]) -> Edges:
    """The :class:`Edges` of rings given as (n, 2) arrays (made once by a caller that tests the
    same shape many times)."""
    starts, ends = [], []
    for ring in ring_arrays:
        starts.append(ring[:-1])
        ends.append(ring[1:])
    start = np.concatenate(starts) if starts else np.empty((0, 2))
    end = np.concatenate(ends) if ends else np.empty((0, 2))
    x1, y1, x2, y2 = start[:, 0], start[:, 1], end[:, 0], end[:, 1]
    slope = (x2 - x1) / np.where(y1 == y2, 1.0, y2 - y1)
    return Edges(x1, y1, np.minimum(y1, y2), np.maximum(y1, y2), slope)


def edges_contain(edges: Edges, longitude, latitude) -> np.ndarray:
    """Whether each point lies inside the rings of ``edges`` (even-odd rule over all of them).

    A ray is cast from each point towards the east. Only the points within the rings' span of
    latitudes can cross an edge; they are taken in bands of latitude, and each band looks only at
    the edges whose latitudes span some of its points: the same answer as looking at them all.
    """
    x = np.atleast_1d(np.asarray(longitude, dtype=float))
    y = np.atleast_1d(np.asarray(latitude, dtype=float))
    inside = np.zeros(x.shape, dtype=bool)
    if not edges.low.size:
        return inside
    spanned = np.flatnonzero((edges.low.min() <= y) & (y < edges.high.max()))
    by_latitude = spanned[np.argsort(y[spanned], kind="stable")]
    for part in _chunks(by_latitude.size):
        band = by_latitude[part]
        spanning = (edges.high > y[band[0]]) & (edges.low <= y[band[-1]])
        crossings = _crosses(x[band, None], y[band, None], *(values[spanning] for values in edges))
        inside[band] = (np.count_nonzero(crossings, axis=1) % 2).astype(bool)
    return inside


def _crosses(px, py, x1, y1, low, high, slope) -> np.ndarray:
    """Whether the ray cast east from (``px``, ``py``) crosses the edge from (``x1``, ``y1``)
    whose latitudes span [``low`` ; ``high``) (arrays broadcast together)."""
    return (low <= py) & (py < high) & (px < x1 + (py - y1) * slope)


def pairs_inside(edges: Edges, starts: np.ndarray, counts: np.ndarray, longitude, latitude) -> np.ndarray:
    """Whether point ``i`` lies inside the rings whose edges are ``counts[i]`` edges of ``edges``
    from ``starts[i]`` (even-odd rule), for many (shape, point) pairs at once: the crossings of
    :func:`edges_contain`, counted per pair."""
    x = np.asarray(longitude, dtype=float)
    y = np.asarray(latitude, dtype=float)
    inside = np.zeros(x.shape, dtype=bool)
    for part in _chunks(x.size):
        count = counts[part]
        pair = np.repeat(np.arange(count.size), count)
        edge = np.repeat(starts[part] - (np.cumsum(count) - count), count) + np.arange(pair.size)
        crossings = _crosses(x[part][pair], y[part][pair], *(values[edge] for values in edges))
        inside[part] = np.bincount(pair[crossings], minlength=count.size) % 2 == 1
    return inside


def distance_km(geometry: Mapping[str, Any], longitude, latitude) -> np.ndarray:
    """Distance in km from each point to the geometry: 0 inside, else to the nearest edge.

    >>> square = {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]]}
    >>> [round(d, 1) for d in distance_km(square, [0.5, 0.5], [0.5, -0.1]).tolist()]
    [0.0, 11.1]
    """
    return rings_distance_km(list(rings(geometry)), longitude, latitude)


def rings_distance_km(ring_arrays: Sequence[np.ndarray], longitude, latitude) -> np.ndarray:
    """:func:`distance_km` to the rings of a geometry given as (n, 2) arrays (made once by a
    caller that measures to the same geometry many times)."""
    x = np.atleast_1d(np.asarray(longitude, dtype=float))
    y = np.atleast_1d(np.asarray(latitude, dtype=float))
    nearest = np.full(x.shape, np.inf)
    for ring in ring_arrays:
        x1, y1 = ring[:-1, 0], ring[:-1, 1]
        x2, y2 = ring[1:, 0], ring[1:, 1]
        for part in _chunks(x.size):
            kx = KM_PER_DEGREE_LONGITUDE_AT_EQUATOR * np.cos(np.radians(y[part]))[:, None]
            ky = KM_PER_DEGREE_LATITUDE
            ax, ay = (x1 - x[part, None]) * kx, (y1 - y[part, None]) * ky
            bx, by = (x2 - x[part, None]) * kx, (y2 - y[part, None]) * ky
            dx, dy = bx - ax, by - ay
            length2 = dx * dx + dy * dy
            with np.errstate(divide="ignore", invalid="ignore"):
                t = np.where(length2 > 0, -(ax * dx + ay * dy) / length2, 0.0)
            t = np.clip(t, 0.0, 1.0)
            distance = np.hypot(ax + t * dx, ay + t * dy).min(axis=1)
            nearest[part] = np.minimum(nearest[part], distance)
    return np.where(edges_contain(ring_edges(ring_arrays), x, y), 0.0, nearest)
