"""Overview of the network: components and headline figures."""

from __future__ import annotations

import networkx as nx
import pytest

from nec_network.analysis.fragility import articulation_points, bridges
from nec_network.analysis.network_overview import components, network_summary
from nec_network.model import Actor, Ecosystem, Partnership


def test_summary_and_components(two_triangles):
    assert components(two_triangles) == [tuple("abcdef"), ("g",)]
    assert network_summary(two_triangles) == {
        "actors": 7,
        "partnerships": 7,
        "links": 7,
        "density": pytest.approx(7 / 21),
        "components": 2,
        "largest_component": 6,
        "isolated_actors": 1,
        "links_across_departements": 1,
        "links_across_typologies": 0,
        "articulation_points": 2,
        "bridges": 1,
    }


def test_links_across_borders_count_known_ends_only():
    actors = [
        Actor("a", "Acteur a", code_insee="02691", typologies=("CCAS",)),
        Actor("b", "Acteur b", code_insee="80021", typologies=("BIB",)),
        Actor("c", "Acteur c", code_insee="80021", typologies=("BIB", "MUNI")),
        Actor("d", "Acteur d", code_insee="", typologies=()),
    ]
    links = [
        Partnership("a", "b", "orientation"),
        Partnership("b", "a", "partenariat"),
        Partnership("b", "c", "partenariat"),
        Partnership("c", "d", "partenariat"),
    ]
    summary = network_summary(Ecosystem(actors, links))
    assert summary["links_across_departements"] == 2
    assert summary["links_across_typologies"] == 2


def test_self_partnerships_are_neither_links_nor_bridges():
    actors = [Actor(x, f"Acteur {x}") for x in "abc"]
    links = [Partnership("a", "b", "partenariat"), Partnership("c", "c", "partenariat")]
    summary = network_summary(Ecosystem(actors, links))
    assert summary["links"] == 1 and summary["bridges"] == 1
    assert summary["isolated_actors"] == 1 and summary["articulation_points"] == 0


@pytest.mark.parametrize("seed", range(3))
def test_fragile_point_counts_match_the_fragility_tables(seed, ecosystem_of):
    eco = ecosystem_of(nx.gnm_random_graph(60, 70, seed=seed))
    summary = network_summary(eco)
    assert summary["articulation_points"] == len(articulation_points(eco))
    assert summary["bridges"] == len(bridges(eco))


def test_empty_ecosystem():
    summary = network_summary(Ecosystem())
    assert summary["actors"] == summary["components"] == summary["largest_component"] == 0
