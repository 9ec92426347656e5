"""Shared borders of commune polygons, simplified once: the topology behind build_commune_shapes.py.

IGN ADMIN EXPRESS draws the border of two neighbouring communes with the same vertices on
both sides. The rings are cut into *arcs* at every junction (a vertex with more than two
neighbours: where three communes meet, or where a border meets the edge of the territory);
each arc is stored once and simplified once (Douglas–Peucker), so two neighbours keep the
very same border after simplification: no gap, no overlap. The encoding follows TopoJSON:
a ring is a list of arc indices, ``~i`` (``-i - 1``) for arc ``i`` walked backwards.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np

Point = tuple[int, int]


def quantize(geometry: dict, scale: float) -> list[list[list[Point]]]:
    """Polygons → rings → integer points (``round(coordinate * scale)``), closing point dropped."""
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    out = []
    for polygon in polygons:
        rings = []
        for ring in polygon:
            points = [(round(x * scale), round(y * scale)) for x, y in ring]
            if points[0] == points[-1]:
                points.pop()
            deduplicated = [p for k, p in enumerate(points) if p != points[k - 1]]
            rings.append(deduplicated)
        out.append(rings)
    return out


def junctions(shapes: dict[str, list[list[list[Point]]]]) -> set[Point]:
    """Vertices with other than two distinct neighbours over all rings."""
    neighbours: dict[Point, set[Point]] = defaultdict(set)
    for polygons in shapes.values():
        for rings in polygons:
            for ring in rings:
                for k, point in enumerate(ring):
                    neighbours[point].add(ring[k - 1])
                    neighbours[point].add(ring[(k + 1) % len(ring)])
    return {point for point, around in neighbours.items() if len(around) != 2}


def _canonical_loop(points: list[Point]) -> list[Point]:
    """A closed arc without junction, rotated to its smallest point and walked one fixed way."""
    start = points.index(min(points))
    rotated = points[start:] + points[:start]
    backwards = [rotated[0]] + rotated[1:][::-1]
    return min(rotated, backwards) + [rotated[0]]


class ArcStore:
    """Arcs found once each; ``index`` returns ``i`` or ``~i`` when walked backwards."""

    def __init__(self) -> None:
        self.arcs: list[list[Point]] = []
        self._known: dict[tuple[Point, ...], int] = {}

    def index(self, points: list[Point]) -> int:
        key = tuple(points)
        if key in self._known:
            return self._known[key]
        reverse = key[::-1]
        if reverse in self._known:
            return ~self._known[reverse]
        self.arcs.append(points)
        self._known[key] = len(self.arcs) - 1
        return len(self.arcs) - 1


def ring_arcs(ring: list[Point], cuts: set[Point], store: ArcStore) -> list[int]:
    """The arcs of one ring, cut at ``cuts``."""
    at = [k for k, point in enumerate(ring) if point in cuts]
    if not at:
        loop = _canonical_loop(ring)
        forward = loop[:-1]
        same_way = any(forward[k:] + forward[:k] == ring for k in range(len(ring)))
        arc = store.index(loop)
        return [arc if same_way else ~arc]
    rotated = ring[at[0]:] + ring[: at[0]]
    offsets = [k - at[0] for k in at] + [len(ring)]
    closed = rotated + [rotated[0]]
    return [store.index(closed[a : b + 1]) for a, b in zip(offsets, offsets[1:])]


def build_topology(shapes: dict[str, list[list[list[Point]]]]) -> tuple[list[list[Point]], dict]:
    """(arcs, {code: polygons → rings → arc indices})."""
    cuts = junctions(shapes)
    store = ArcStore()
    topology = {
        code: [[ring_arcs(ring, cuts, store) for ring in rings] for rings in polygons]
        for code, polygons in sorted(shapes.items())
    }
    return store.arcs, topology


def _douglas_peucker(points: np.ndarray, tolerance: float) -> np.ndarray:
    """Indices kept (ends always) by Douglas–Peucker on projected points."""
    keep = np.zeros(len(points), dtype=bool)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        if last - first < 2:
            continue
        a, b = points[first], points[last]
        segment = points[first + 1 : last]
        d = b - a
        length = float(np.hypot(*d))
        if length == 0:
            distances = np.hypot(*(segment - a).T)
        else:
            distances = np.abs(d[0] * (segment[:, 1] - a[1]) - d[1] * (segment[:, 0] - a[0])) / length
        worst = int(np.argmax(distances))
        if distances[worst] > tolerance:
            middle = first + 1 + worst
            keep[middle] = True
            stack += [(first, middle), (middle, last)]
    return np.flatnonzero(keep)


def simplify_arc(arc: list[Point], tolerance: float, x_factor: float) -> list[Point]:
    """``arc`` simplified within ``tolerance`` (quantized latitude units; x scaled by ``x_factor``).

    A closed arc (a whole ring) keeps its first point and the point farthest from it, so that it
    stays a ring of at least four points.
    """
    points = np.asarray(arc, dtype=float) * [x_factor, 1.0]
    if arc[0] == arc[-1]:
        far = int(np.argmax(np.hypot(*(points - points[0]).T)))
        first = _douglas_peucker(points[: far + 1], tolerance)
        second = far + _douglas_peucker(points[far:], tolerance)
        kept = list(first) + list(second[1:])
        if len(kept) < 4:
            middle = (far + len(arc) - 1) // 2 if far < len(arc) - 2 else far // 2
            kept = sorted(set(kept) | {middle})
    else:
        kept = list(_douglas_peucker(points, tolerance))
    return [arc[k] for k in kept]


def decode_ring(arcs: list[list[Point]], refs: list[int]) -> list[Point]:
    """The closed ring of integer points walked by ``refs``."""
    points: list[Point] = []
    for ref in refs:
        arc = arcs[ref] if ref >= 0 else arcs[~ref][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def _border_loops(arcs: list[list[Point]], users: dict[int, list[str]]) -> list[list[int]]:
    """Closed chains of the arcs used by one commune only (outlines of the layer and its holes)."""
    single = sorted(i for i, codes in users.items() if len(codes) == 1)
    ends: dict[Point, list[int]] = defaultdict(list)
    for i in single:
        ends[arcs[i][0]].append(i)
        ends[arcs[i][-1]].append(i)
    seen: set[int] = set()
    loops = []
    for i in single:
        if i in seen:
            continue
        loop, start, end = [i], arcs[i][0], arcs[i][-1]
        seen.add(i)
        while end != start:
            following = [j for j in ends[end] if j not in seen]
            if not following:
                break
            j = following[0]
            seen.add(j)
            forward = arcs[j][0] == end
            loop.append(j if forward else ~j)
            end = arcs[j][-1] if forward else arcs[j][0]
        if end == start:
            loops.append(loop)
    return loops


def _inside(ring: list[Point], point: tuple[float, float]) -> bool:
    x, y = point
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def fill_holes(
    arcs: list[list[Point]], topology: dict, points: dict[str, tuple[float, float]]
) -> list[dict]:
    """Give each hole of the layer (land drawn in no commune) to the bordering commune that has
    the longest border with it, as one more polygon of that commune; ``topology`` is changed in
    place. ``points`` (quantized reference points) tell a hole from the layer's outline: the
    communes along an outline lie inside it, those around a hole outside. Returns the holes."""
    users: dict[int, list[str]] = defaultdict(list)
    for code, polygons in topology.items():
        for rings in polygons:
            for ring in rings:
                for ref in ring:
                    users[ref if ref >= 0 else ~ref].append(code)
    filled = []
    for loop in _border_loops(arcs, users):
        ring = decode_ring(arcs, loop)
        around = sorted({users[ref if ref >= 0 else ~ref][0] for ref in loop})
        if sum(_inside(ring, points[code]) for code in around) * 2 >= len(around):
            continue  # an outline: its communes are inside
        lengths: dict[str, float] = defaultdict(float)
        for ref in loop:
            arc = np.asarray(arcs[ref if ref >= 0 else ~ref], dtype=float)
            lengths[users[ref if ref >= 0 else ~ref][0]] += float(np.hypot(*np.diff(arc, axis=0).T).sum())
        owner = min(lengths, key=lambda code: (-lengths[code], code))
        topology[owner].append([loop])
        xs, ys = [p[0] for p in ring], [p[1] for p in ring]
        filled.append({"commune": owner, "voisines": around, "boite": [min(xs), min(ys), max(xs), max(ys)]})
    return filled
