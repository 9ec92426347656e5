"""The topology of scripts/build_commune_shapes.py on hand-made squares (offline)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def topology():
    spec = importlib.util.spec_from_file_location(
        "commune_topology", ROOT / "scripts" / "commune_topology.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    try:
        spec.loader.exec_module(module)
        yield module
    finally:
        del sys.modules[spec.name]


def square(x: int, y: int, size: int = 10) -> dict:
    ring = [[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]
    return {"type": "Polygon", "coordinates": [ring]}


def test_a_shared_border_is_one_arc_walked_both_ways(topology):
    shapes = {"a": topology.quantize(square(0, 0), 1), "b": topology.quantize(square(10, 0), 1)}
    arcs, rings = topology.build_topology(shapes)
    (a,), (b,) = rings["a"][0], rings["b"][0]
    shared = {ref if ref >= 0 else ~ref for ref in a} & {ref if ref >= 0 else ~ref for ref in b}
    assert len(shared) == 1
    (arc,) = shared
    assert sorted(arcs[arc]) == [(10, 0), (10, 10)]
    # Each ring comes back as it was (closed, same points in the same turning order).
    for code, ring in (("a", a), ("b", b)):
        decoded = topology.decode_ring(arcs, ring)
        assert decoded[0] == decoded[-1] and set(decoded) == set(shapes[code][0][0])
        assert len(decoded) == 5


def test_simplification_keeps_the_ends_of_every_arc(topology):
    wiggly = [(0, 0), (5, 1), (10, 0), (15, 40), (20, 0)]
    assert topology.simplify_arc(wiggly, 2.0, 1.0) == [(0, 0), (10, 0), (15, 40), (20, 0)]
    loop = [(0, 0), (10, 0), (10, 10), (0, 10), (0, 0)]
    assert len(topology.simplify_arc(loop, 100.0, 1.0)) >= 4


def test_a_hole_between_communes_goes_to_the_longest_border(topology):
    # A 3 × 3 grid of 10 × 10 squares without its centre: the centre is a hole of the layer,
    # bordered by n, s, e and w (10 each: the tie goes to the smallest code, « e »).
    names = {(0, 0): "sw", (1, 0): "s", (2, 0): "se", (0, 1): "w", (2, 1): "e",
             (0, 2): "nw", (1, 2): "n", (2, 2): "ne"}  # fmt: skip
    shapes = {name: topology.quantize(square(10 * i, 10 * j), 1) for (i, j), name in names.items()}
    arcs, rings = topology.build_topology(shapes)
    points = {name: (10 * i + 5, 10 * j + 5) for (i, j), name in names.items()}
    (hole,) = topology.fill_holes(arcs, rings, points)
    assert hole["commune"] == "e" and hole["voisines"] == ["e", "n", "s", "w"]
    assert hole["boite"] == [10, 10, 20, 20]
    assert len(rings["e"]) == 2  # the hole is one more polygon of « e »
