"""Shapes of the white zones: the land of their own communes, never that of covered ones.

Where every commune of a zone has a shape (:mod:`nec_network.territory.shapes`: Aisne, Oise,
Somme), the zone is the union of their shapes, outlined by the borders they do not share:
it holds no land outside the communes of the territory nor of a covered commune. Elsewhere,
each commune is given the land closer to its reference point than to any other commune's
(its Voronoi cell among all the communes analysed), capped to a disc of ``cap_km`` around
the point so that communes at the edge of the territory or by the sea do not spread
without end. A white zone is drawn as the cells of its communes, filled, with the outline
made of the cell edges that border land outside the zone. A covered commune's point is
never inside a white zone's shape, since its own cell holds it.

Computed with :class:`scipy.spatial.Voronoi` in a local plane (kilometres,
equirectangular around the territory's centre, exact to a few metres at this scale).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd
from scipy.spatial import Voronoi

from nec_network.territory.shapes import shaped_codes, union_outline, union_shape

#: Farthest a cell reaches from its commune's point, in km.
DEFAULT_CAP_KM = 5.0
_KM_PER_DEGREE_LAT = 110.574
_KM_PER_DEGREE_LON = 111.320
_DISC_SIDES = 24
# Four decimals of a degree: about 10 m, plenty for a drawing and a smaller page.
_DECIMALS = 4


def _clip(polygon: list[tuple[float, float]], clip: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Sutherland–Hodgman: ``polygon`` cut by the convex counter-clockwise ``clip``."""
    output = polygon
    for (ax, ay), (bx, by) in zip(clip, clip[1:] + clip[:1], strict=True):
        if not output:
            break
        points, output = output, []

        def inside(p: tuple[float, float]) -> bool:
            return (bx - ax) * (p[1] - ay) - (by - ay) * (p[0] - ax) >= 0

        def crossing(p: tuple[float, float], q: tuple[float, float]) -> tuple[float, float]:
            dx, dy = q[0] - p[0], q[1] - p[1]
            ex, ey = bx - ax, by - ay
            t = (ex * (p[1] - ay) - ey * (p[0] - ax)) / (ey * dx - ex * dy)
            return p[0] + t * dx, p[1] + t * dy

        for k, current in enumerate(points):
            previous = points[k - 1]
            if inside(current):
                if not inside(previous):
                    output.append(crossing(previous, current))
                output.append(current)
            elif inside(previous):
                output.append(crossing(previous, current))
    return output


def _counter_clockwise(polygon: list[tuple[float, float]]) -> list[tuple[float, float]]:
    area = sum(
        x1 * y2 - x2 * y1
        for (x1, y1), (x2, y2) in zip(polygon, polygon[1:] + polygon[:1], strict=True)
    )
    return polygon if area >= 0 else polygon[::-1]


def commune_cells(
    points: pd.DataFrame, codes: Iterable[str], *, cap_km: float = DEFAULT_CAP_KM
) -> dict[str, list[tuple[float, float]]]:
    """The cell of each commune of ``codes``, as ``(latitude, longitude)`` vertices.

    ``points`` is indexed by INSEE code with ``latitude`` and ``longitude`` columns and holds
    every commune analysed (covered or not): the cells share the land between them all.

    >>> points = pd.DataFrame({"latitude": [49.0, 49.0, 49.1], "longitude": [2.0, 2.1, 2.0]},
    ...                       index=["a", "b", "c"])
    >>> cells = commune_cells(points, ["a"], cap_km=20)
    >>> max(lon for _, lon in cells["a"]) < 2.06  # stops half-way to "b"
    True
    """
    located = points.dropna(subset=["latitude", "longitude"])
    located = located[~located.index.duplicated()]
    wanted = [code for code in dict.fromkeys(codes) if code in located.index]
    if not wanted:
        return {}
    lat0 = float(located["latitude"].mean())
    lon0 = float(located["longitude"].mean())
    kx = _KM_PER_DEGREE_LON * math.cos(math.radians(lat0))
    xy = np.column_stack(
        [
            (located["longitude"].to_numpy(float) - lon0) * kx,
            (located["latitude"].to_numpy(float) - lat0) * _KM_PER_DEGREE_LAT,
        ]
    )
    # Four far points make every real cell finite; jitter-free and deterministic.
    span = float(np.abs(xy).max(initial=0.0)) + 10 * cap_km + 100.0
    far = np.array([[-span, -span], [span, -span], [span, span], [-span, span]])
    diagram = Voronoi(np.vstack([xy, far]))
    position = {code: k for k, code in enumerate(located.index)}
    disc = [
        (cap_km * math.cos(2 * math.pi * s / _DISC_SIDES), cap_km * math.sin(2 * math.pi * s / _DISC_SIDES))
        for s in range(_DISC_SIDES)
    ]
    cells = {}
    for code in wanted:
        k = position[code]
        region = diagram.regions[diagram.point_region[k]]
        cx, cy = float(xy[k][0]), float(xy[k][1])
        polygon = _counter_clockwise(
            [(float(diagram.vertices[v][0]), float(diagram.vertices[v][1])) for v in region]
        )
        polygon = _clip(polygon, [(cx + dx, cy + dy) for dx, dy in disc])
        cells[code] = [(lat0 + y / _KM_PER_DEGREE_LAT, lon0 + x / kx) for x, y in polygon]
    return cells


def _rounded(point: tuple[float, float]) -> tuple[float, float]:
    return round(point[1], _DECIMALS), round(point[0], _DECIMALS)


def zone_shape(cells: Iterable[list[tuple[float, float]]]) -> dict[str, Any]:
    """GeoJSON geometries of a zone: ``forme`` (MultiPolygon of its cells, filled) and
    ``contour`` (MultiLineString of the edges not shared by two of its cells)."""
    polygons = []
    edges: Counter[tuple[tuple[float, float], tuple[float, float]]] = Counter()
    for cell in cells:
        ring = [_rounded(point) for point in cell]
        if len(ring) < 3:
            continue
        polygons.append([[list(p) for p in [*ring, ring[0]]]])
        for a, b in zip(ring, ring[1:] + ring[:1], strict=True):
            if a != b:
                edges[(a, b) if a < b else (b, a)] += 1
    outline = [[list(a), list(b)] for (a, b), count in edges.items() if count == 1]
    return {
        "forme": {"type": "MultiPolygon", "coordinates": polygons},
        "contour": {"type": "MultiLineString", "coordinates": outline},
    }


def _rounded_coordinates(value: Any) -> Any:
    if value and isinstance(value[0], (int, float)):
        return [round(value[0], _DECIMALS), round(value[1], _DECIMALS)]
    return [_rounded_coordinates(item) for item in value]


def has_shapes(codes: Iterable[str]) -> bool:
    """Whether every commune of ``codes`` has a shape (then :func:`shaped_zone` draws them)."""
    return set(codes) <= shaped_codes()


def shaped_zone(codes: Iterable[str]) -> dict[str, Any]:
    """Like :func:`zone_shape`, from the communes' shapes: ``forme`` (their union, a MultiPolygon)
    and ``contour`` (the borders they do not share, a MultiLineString), to four decimals."""
    members = list(codes)
    shape, outline = union_shape(members), union_outline(members)
    return {
        "forme": {"type": "MultiPolygon", "coordinates": _rounded_coordinates(shape["coordinates"])},
        "contour": {"type": "MultiLineString", "coordinates": _rounded_coordinates(outline["coordinates"])},
    }
