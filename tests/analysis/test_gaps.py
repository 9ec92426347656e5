"""Uncovered communes and white zones (clusters of neighbouring uncovered communes)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from nec_network.analysis.criteria import Threshold
from nec_network.analysis.coverage import coverage_by_commune
from nec_network.analysis.gaps import neighbour_pairs, uncovered_communes, white_zones
from nec_network.model import Actor, Ecosystem


def grid(rows: int, columns: int, step: float = 0.03) -> pd.DataFrame:
    """A rows × columns grid of communes ~3 km apart; population = 10 × (index + 1). Their codes
    (99…) have no shape: neighbours are found from their points."""
    size = rows * columns
    index = np.arange(size)
    return pd.DataFrame(
        {
            "code_insee": [f"99{i:03d}" for i in index],
            "nom": [f"C{i}" for i in index],
            "departement": "80",
            "epci_code": "200070993",
            "epci_nom": "CC Test",
            "population": 10 * (index + 1),
            "rural": True,
            "densite": "Rural",
            "latitude": 50.0 + step * (index // columns),
            "longitude": 2.0 + step * 1.5 * (index % columns),
        }
    )


def with_cover(table: pd.DataFrame, covered: set[int]) -> pd.DataFrame:
    return table.assign(covered=[i in covered for i in range(len(table))])


def components_by_shared_borders(codes: set[str]) -> set[frozenset[str]]:
    """The groups of communes among ``codes`` that touch, recomputed here independently of the
    package's adjacency: two communes touch when their rings share a segment."""
    import networkx as nx

    from nec_network.territory.shapes import commune_shapes

    owners: dict[tuple, set[str]] = {}
    for code, shape in commune_shapes(codes).items():
        for polygon in shape["coordinates"]:
            for ring in polygon:
                points = [(round(x, 5), round(y, 5)) for x, y in ring]
                for pair in zip(points, points[1:]):
                    owners.setdefault(tuple(sorted(pair)), set()).add(code)
    graph = nx.Graph()
    graph.add_nodes_from(codes)
    for sharing in owners.values():
        graph.add_edges_from((a, b) for a in sharing for b in sharing if a < b)
    return {frozenset(component) for component in nx.connected_components(graph)}


def test_uncovered_communes_ranked_by_population():
    table = with_cover(grid(1, 4), {1})
    ranked = uncovered_communes(table)
    assert ranked[["rank", "nom", "population"]].values.tolist() == [
        [1, "C3", 40],
        [2, "C2", 30],
        [3, "C0", 10],
    ]


def test_a_covered_column_splits_a_row_into_two_zones():
    # 3 × 5 grid; the middle column (index 2) is covered: two white zones, left (6 communes) and right (6).
    table = grid(3, 5)
    covered = {i for i in range(15) if i % 5 == 2}
    zones = white_zones(with_cover(table, covered))
    assert zones["commune_count"].tolist() == [6, 6]
    right = [i for i in range(15) if i % 5 > 2]
    assert zones.loc[0, "population"] == sum(10 * (i + 1) for i in right)
    assert zones.loc[0, "nom"] == "C14" and zones.loc[0, "main_code_insee"] == "99014"
    assert zones.loc[0, "commune_codes"].split("|")[0] == "99014"
    assert zones["zone"].tolist() == [1, 2]
    # Every uncovered commune is in exactly one zone.
    members = [code for listed in zones["commune_codes"] for code in listed.split("|")]
    assert sorted(members) == sorted(uncovered_communes(with_cover(table, covered))["code_insee"])


def test_far_apart_communes_are_not_neighbours():
    table = grid(1, 3)
    table.loc[2, "longitude"] = 3.5  # ~100 km east
    zones = white_zones(with_cover(table, set()))
    assert zones["commune_count"].tolist() == [2, 1]  # C0+C1 (40 inhabitants), then C2 (30)
    assert white_zones(with_cover(table, set()), max_link_km=200)["commune_count"].tolist() == [3]


def test_neighbour_pairs_degenerate_inputs():
    assert neighbour_pairs([50.0], [2.0]).shape == (0, 2)
    # Collinear points cannot be triangulated: pairs within the distance instead.
    assert neighbour_pairs([50.0, 50.0, 50.0], [2.0, 2.05, 2.5]).tolist() == [[0, 1]]


def test_white_zones_on_france_services_partition_the_gaps():
    from nec_network.territory import load_communes

    communes = load_communes()
    # Two sites, Amiens and Laon: most of Picardie is a gap.
    eco = Ecosystem(
        [
            Actor("amiens", "A", latitude=49.8942, longitude=2.2957),
            Actor("laon", "L", latitude=49.5641, longitude=3.6199),
        ]
    )
    coverage = coverage_by_commune(eco, communes, threshold=Threshold(max_km=15))
    original = coverage.copy()
    gaps = uncovered_communes(coverage)
    zones = white_zones(coverage)
    pd.testing.assert_frame_equal(coverage, original)
    assert zones["commune_count"].sum() == len(gaps)
    assert zones["population"].sum() == gaps["population"].sum()
    assert zones["population"].is_monotonic_decreasing
    # The biggest zone is named after its most populated commune.
    first = zones.iloc[0]
    members = gaps[gaps["code_insee"].isin(first["commune_codes"].split("|"))]
    assert first["nom"] == members.sort_values("population", ascending=False)["nom"].iloc[0]
    assert first["nom"] in {"Beauvais", "Compiègne", "Saint-Quentin", "Creil", "Soissons"}


def test_communes_sharing_a_reference_point_are_neighbours():
    # Two communes can share a reference point (Brissy-Hamégicourt and Moÿ-de-l'Aisne do):
    # the triangulation keeps one of them, the other must still join its neighbours' zone.
    table = grid(3, 3)
    twin = table.iloc[[4]].assign(code_insee="99999", nom="Jumelle", population=1)
    table = pd.concat([table, twin], ignore_index=True)
    pairs = {tuple(pair) for pair in neighbour_pairs(table["latitude"], table["longitude"])}
    assert (4, 9) in pairs and {(1, 9), (3, 9), (5, 9), (7, 9)} <= pairs
    assert white_zones(with_cover(table, set()))["commune_count"].tolist() == [10]


def test_picardie_has_no_white_zone_of_one_when_nothing_is_covered():
    from nec_network.territory import load_communes

    communes = load_communes()
    zones = white_zones(communes.assign(covered=False))
    assert zones["commune_count"].tolist() == [len(communes)]


def test_somme_white_zones_are_the_components_of_uncovered_communes_by_shared_borders():
    from nec_network.territory import load_communes

    communes = load_communes(departements="80")
    places = {"amiens": (49.8942, 2.2957), "abbeville": (50.1054, 1.8332),
              "peronne": (49.9318, 2.9326), "montdidier": (49.6482, 2.5698)}  # fmt: skip
    eco = Ecosystem([Actor(key, key, latitude=lat, longitude=lon) for key, (lat, lon) in places.items()])
    coverage = coverage_by_commune(eco, communes, threshold=Threshold(max_km=25))
    uncovered = set(coverage.loc[~coverage["covered"], "code_insee"])
    expected = components_by_shared_borders(uncovered)
    zones = white_zones(coverage)
    assert {frozenset(codes.split("|")) for codes in zones["commune_codes"]} == expected
    assert len(expected) > 3


def test_priority_communes_rank_uncovered_communes_by_fragile_population():
    from nec_network.analysis.gaps import priority_communes
    from nec_network.territory import load_communes
    from nec_network.territory.fragility import fragility_table

    communes = load_communes()
    eco = Ecosystem([Actor("amiens", "A", latitude=49.8942, longitude=2.2957),
                     Actor("laon", "L", latitude=49.5641, longitude=3.6199)])  # fmt: skip
    coverage = coverage_by_commune(eco, communes, threshold=Threshold(max_km=15))
    original = coverage.copy()
    priorities = priority_communes(coverage)
    pd.testing.assert_frame_equal(coverage, original)
    gaps = uncovered_communes(coverage)
    assert sorted(priorities["code_insee"]) == sorted(gaps["code_insee"])
    index = fragility_table().set_index("code_insee")["indice_fragilite"]
    expected = (gaps["population"] * gaps["code_insee"].map(index) / 100).round(0)
    expected = expected.sort_values(ascending=False, na_position="last", kind="stable")
    assert np.allclose(priorities["fragile_population"], expected.to_numpy(), equal_nan=True)
    assert priorities["priority"].tolist() == list(range(1, len(gaps) + 1))
    first = priorities.iloc[0]
    assert first["reason"].startswith("non couverte, lieu le plus proche à ")
    assert "(indice 2016–2019, approximation, pas l'IFN officiel)" in first["reason"]
    assert first["reason"].endswith(" habitants fragiles")
    # Not simply the most populated: fragility reorders them.
    assert priorities["code_insee"].tolist() != gaps["code_insee"].tolist()


def test_white_zones_on_the_france_services_list_are_the_components_by_shared_borders():
    """On the real list (committed excerpt) at 10 km, over the three départements: the zones are
    the connected components of the uncovered communes, two communes touching when their shapes
    share a border segment (recomputed here from the shapes, across départements too)."""
    from pathlib import Path

    from nec_network.io import read_ecosystem
    from nec_network.territory import load_communes

    excerpt = Path(__file__).resolve().parents[1] / "fixtures" / "real" / "france-services-2022-12-extrait.csv"
    ecosystem, _ = read_ecosystem(excerpt, mapping="france-services")
    coverage = coverage_by_commune(ecosystem, load_communes(), threshold=Threshold(max_km=10))
    uncovered = set(coverage.loc[~coverage["covered"], "code_insee"])
    expected = components_by_shared_borders(uncovered)
    zones = white_zones(coverage)
    assert {frozenset(codes.split("|")) for codes in zones["commune_codes"]} == expected
    assert len(expected) == 30 and len(uncovered) == 309  # measured on the excerpt
