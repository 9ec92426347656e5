"""Centrality: degrees, PageRank, the per-actor metrics table and brokers, on hand-computable networks."""

from __future__ import annotations

import pandas as pd
import pytest

from nec_network.analysis.centrality import actor_metrics, brokers, degrees, pagerank
from nec_network.model import Actor, Ecosystem, Partnership


def _actors(ids: str) -> list[Actor]:
    return [Actor(x, f"Acteur {x}", code_insee="02691") for x in ids]


def test_degrees_count_directions_and_weights():
    eco = Ecosystem(
        _actors("abc"),
        [
            Partnership("a", "b", "orientation", poids=2.0),
            Partnership("a", "b", "partenariat", poids=0.5),
            Partnership("c", "b", "financement"),
            Partnership("b", "b", "partenariat"),
        ],
    )
    table = degrees(eco).set_index("id")
    assert table.loc["b"].to_dict() == {
        "degree": 3,
        "degree_in": 2,
        "degree_out": 0,
        "degree_weighted": 3.5,
        "partners": 2,
    }
    assert table.loc["a", "degree_out"] == 1 and table.loc["a", "partners"] == 1


def test_pagerank_follows_direction_and_weight():
    eco = Ecosystem(
        _actors("abcd"),
        [
            Partnership("a", "c", "orientation", poids=3.0),
            Partnership("b", "d", "orientation", poids=1.0),
            Partnership("c", "d", "partenariat"),
        ],
    )
    ranks = pagerank(eco)
    assert sum(ranks.values()) == pytest.approx(1.0)
    assert ranks["c"] > ranks["a"] and ranks["d"] > ranks["b"]


def test_actor_metrics_rows_columns_and_communities(two_triangles):
    table = actor_metrics(two_triangles)
    assert table["id"].tolist() == list("abcdefg")
    assert table.columns[:4].tolist() == ["id", "nom", "typologie", "departement"]
    for column in ("degree", "degree_in", "degree_out", "degree_weighted", "betweenness",
                   "closeness", "pagerank", "community", "community_name"):  # fmt: skip
        assert column in table.columns
    by_id = table.set_index("id")
    # a, b to d, e, f: 6 of the 15 pairs of others go through c
    assert by_id.loc["c", "betweenness"] == pytest.approx(6 / 15)
    assert by_id.loc["a", "betweenness"] == 0
    assert by_id.loc["a", "community"] == by_id.loc["b", "community"] == by_id.loc["c", "community"]
    assert by_id.loc["d", "community"] != by_id.loc["a", "community"]
    assert pd.isna(by_id.loc["g", "community"]) and by_id.loc["g", "community_name"] == ""
    assert by_id.loc["g", "closeness"] == 0
    assert by_id.loc["c", "community_name"] == "Communauté d'Acteur c"


def test_brokers_are_the_actors_joining_the_triangles(two_triangles):
    table = brokers(two_triangles)
    assert table["id"].tolist() == ["c", "d"]
    assert table["communities_linked"].tolist() == [2, 2]
    assert table["departements_linked"].tolist() == [2, 2]
    assert table.at[0, "departements"] == "02|80"
    assert brokers(two_triangles, limit=1)["id"].tolist() == ["c"]
    metrics = actor_metrics(two_triangles)
    assert brokers(two_triangles, metrics=metrics).equals(table)


def test_empty_ecosystem():
    assert actor_metrics(Ecosystem()).empty and brokers(Ecosystem()).empty


def test_deterministic_and_inputs_untouched(small_world):
    first = actor_metrics(small_world, seed=5, exact_max_nodes=100, samples=50)
    second = actor_metrics(small_world, seed=5, exact_max_nodes=100, samples=50)
    pd.testing.assert_frame_equal(first, second)
    pd.testing.assert_frame_equal(
        brokers(small_world, metrics=first), brokers(small_world, metrics=first)
    )
