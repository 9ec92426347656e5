"""Network structure: hand-computable graphs, agreement with networkx, determinism, no mutation."""

from __future__ import annotations

import copy

import networkx as nx
import pandas as pd
import pytest

from nec_network.analysis.network import (
    actor_metrics,
    actors_without_local_partner,
    articulation_points,
    betweenness,
    bridges,
    brokers,
    closeness,
    components,
    degrees,
    isolated_actors,
    links_across_departements,
    links_across_typologies,
    network_summary,
    pagerank,
)
from nec_network.errors import NecNetworkError
from nec_network.wording import cut_off_sentences
from nec_network.model import Actor, Ecosystem, Partnership

AISNE, OISE, SOMME = "02691", "60057", "80021"



def sentences(table, eco):
    """The French sentences of an articulation points or bridges table (written by the views)."""
    return cut_off_sentences(table, {actor.id: actor.nom for actor in eco})

def _actor(actor_id: str, nom: str | None = None, code_insee: str = AISNE, **fields) -> Actor:
    return Actor(actor_id, nom or f"Acteur {actor_id}", code_insee=code_insee, **fields)


def _links(pairs: str, kind: str = "partenariat") -> list[Partnership]:
    return [Partnership(pair[0], pair[1], kind) for pair in pairs.split()]


def _two_triangles() -> Ecosystem:
    """a-b-c in Aisne, d-e-f in Somme, joined by c-d; g alone."""
    actors = (
        [_actor(x) for x in "abc"] + [_actor(x, code_insee=SOMME) for x in "def"] + [_actor("g")]
    )
    return Ecosystem(actors, _links("ab bc ca de ef fd cd"))


def _ecosystem_of(graph: nx.Graph) -> Ecosystem:
    actors = [_actor(str(node)) for node in graph]
    return Ecosystem(actors, [Partnership(str(u), str(v), "partenariat") for u, v in graph.edges()])


def test_path_articulation_point_names_both_ends():
    eco = Ecosystem(
        [_actor("a", "Mairie de Guise"), _actor("b", "CCAS de Guise"), _actor("c", "Médiathèque")],
        _links("ab bc"),
    )
    table = articulation_points(eco)
    assert table["id"].tolist() == ["b"]
    assert table.at[0, "actors_cut_off"] == 2
    assert table.at[0, "cut_off_ids"] == "a|c"
    assert sentences(table, eco)[0] == (
        "Si CCAS de Guise disparaît, 2 acteurs perdent leur seul lien avec le reste du réseau : "
        "Mairie de Guise et Médiathèque."
    )


def test_articulation_point_keeps_the_largest_piece_as_the_rest():
    table = articulation_points(_two_triangles())
    said = dict(zip(table["id"], sentences(table, _two_triangles())))
    table = table.set_index("id")
    assert sorted(table.index) == ["c", "d"]
    assert table.at["c", "cut_off_ids"] == "a|b"
    assert table.at["d", "cut_off_ids"] == "e|f"
    assert "2 acteurs perdent leur seul lien" in said["c"]


def test_articulation_point_with_parent_side_cut_off():
    # The depth-first search starts at a: removing b leaves {a} above it and {c, d, e} below.
    eco = Ecosystem([_actor(x) for x in "abcde"], _links("ab bc bd cd ce de"))
    table = articulation_points(eco)
    said = sentences(table, eco)
    table = table.set_index("id")
    assert table.index.tolist() == ["b"]
    assert table.at["b", "cut_off_ids"] == "a"
    assert said[0].startswith(
        "Si Acteur b disparaît, 1 acteur perd son seul lien avec le reste du réseau : Acteur a."
    )


def test_bridge_and_its_cut_off_side():
    table = bridges(_two_triangles())
    assert table[["source", "cible", "actors_cut_off"]].to_dict("records") == [
        {"source": "c", "cible": "d", "actors_cut_off": 6}
    ]
    # Both sides have three actors: neither is "the rest", all six are cut off.
    assert sentences(table, _two_triangles())[0].startswith(
        "Si le lien entre Acteur c et Acteur d disparaît, 6 acteurs perdent leur seul lien"
    )
    eco = Ecosystem([_actor(x) for x in "abcd"], _links("ab bc ca cd"))
    assert bridges(eco)[["source", "cible", "cut_off_ids"]].to_dict("records") == [
        {"source": "c", "cible": "d", "cut_off_ids": "d"}
    ]


@pytest.mark.parametrize("seed", range(4))
def test_articulation_points_and_bridges_agree_with_networkx(seed):
    graph = nx.gnm_random_graph(80, 90, seed=seed)
    eco = _ecosystem_of(graph)
    labelled = nx.relabel_nodes(graph, str)
    assert set(articulation_points(eco)["id"]) == set(nx.articulation_points(labelled))
    found = {frozenset(pair) for pair in bridges(eco)[["source", "cible"]].itertuples(index=False)}
    assert found == {frozenset(edge) for edge in nx.bridges(labelled)}
    # Every cut-off group is really disconnected from the largest remaining piece.
    for row in articulation_points(eco).itertuples():
        rest = labelled.copy()
        rest.remove_node(row.id)
        cut = set(row.cut_off_ids.split("|"))
        component = nx.node_connected_component(labelled, row.id) - {row.id}
        kept = component - cut
        if kept:  # otherwise the pieces tie for largest and all are cut off
            assert len(kept) > max(len(nx.node_connected_component(rest, x)) for x in cut)
            assert not any(nx.has_path(rest, x, next(iter(kept))) for x in cut)


@pytest.mark.parametrize("seed", range(3))
def test_exact_betweenness_and_closeness_equal_networkx(seed):
    graph = nx.gnm_random_graph(70, 90, seed=seed)
    eco = _ecosystem_of(graph)
    labelled = nx.relabel_nodes(graph, str)
    assert betweenness(eco) == pytest.approx(nx.betweenness_centrality(labelled), abs=1e-12)
    assert closeness(eco) == pytest.approx(nx.closeness_centrality(labelled), abs=1e-12)


def test_sampled_betweenness_ranks_like_exact_and_is_seeded():
    graph = nx.barabasi_albert_graph(600, 2, seed=1)
    eco = _ecosystem_of(graph)
    exact = betweenness(eco)
    sampled = betweenness(eco, exact_max_nodes=100, samples=150, seed=3)
    assert sampled == betweenness(eco, exact_max_nodes=100, samples=150, seed=3)
    assert sampled != betweenness(eco, exact_max_nodes=100, samples=150, seed=4)
    ids = list(exact)
    correlation = pd.Series([exact[i] for i in ids]).corr(
        pd.Series([sampled[i] for i in ids]), method="spearman"
    )
    assert correlation > 0.9
    top = set(sorted(exact, key=exact.get, reverse=True)[:10])
    assert len(top & set(sorted(sampled, key=sampled.get, reverse=True)[:10])) >= 7
    assert sum(sampled.values()) == pytest.approx(sum(exact.values()), rel=0.1)
    close = closeness(eco, exact_max_nodes=100, samples=150, seed=3)
    assert close == pytest.approx(closeness(eco), rel=0.1)
    with pytest.raises(NecNetworkError):
        betweenness(eco, samples=0)


def test_degrees_count_directions_and_weights():
    eco = Ecosystem(
        [_actor(x) for x in "abc"],
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
        [_actor(x) for x in "abcd"],
        [
            Partnership("a", "c", "orientation", poids=3.0),
            Partnership("b", "d", "orientation", poids=1.0),
            Partnership("c", "d", "partenariat"),
        ],
    )
    ranks = pagerank(eco)
    assert sum(ranks.values()) == pytest.approx(1.0)
    assert ranks["c"] > ranks["a"] and ranks["d"] > ranks["b"]


def test_actor_metrics_rows_columns_and_communities():
    eco = _two_triangles()
    table = actor_metrics(eco)
    assert table["id"].tolist() == list("abcdefg")
    assert table.columns[:4].tolist() == ["id", "nom", "typologie", "departement"]
    for column in ("degree", "degree_in", "degree_out", "degree_weighted", "betweenness",
                   "closeness", "pagerank", "community", "community_name"):  # fmt: skip
        assert column in table.columns
    by_id = table.set_index("id")
    assert by_id.loc["c", "betweenness"] == pytest.approx(
        6 / 15
    )  # a, b to d, e, f: 6 of the 15 pairs of others
    assert by_id.loc["a", "betweenness"] == 0
    assert by_id.loc["a", "community"] == by_id.loc["b", "community"] == by_id.loc["c", "community"]
    assert by_id.loc["d", "community"] != by_id.loc["a", "community"]
    assert pd.isna(by_id.loc["g", "community"]) and by_id.loc["g", "community_name"] == ""
    assert by_id.loc["g", "closeness"] == 0
    assert by_id.loc["c", "community_name"] == "Communauté d'Acteur c"


def test_brokers_are_the_actors_joining_the_triangles():
    table = brokers(_two_triangles())
    assert table["id"].tolist() == ["c", "d"]
    assert table["communities_linked"].tolist() == [2, 2]
    assert table["departements_linked"].tolist() == [2, 2]
    assert table.at[0, "departements"] == "02|80"
    assert brokers(_two_triangles(), limit=1)["id"].tolist() == ["c"]
    metrics = actor_metrics(_two_triangles())
    assert brokers(_two_triangles(), metrics=metrics).equals(table)


def test_isolated_and_actors_without_local_partner():
    actors = [
        _actor("a", code_insee=AISNE),
        _actor("b", code_insee=OISE),
        _actor("c", code_insee=OISE),
        _actor("d", code_insee=SOMME),
        _actor("e", code_insee=SOMME),
        _actor("x", code_insee=""),
    ]
    eco = Ecosystem(actors, _links("ab bc ad"))
    assert isolated_actors(eco)["id"].tolist() == ["e", "x"]
    table = actors_without_local_partner(eco)
    assert table[["id", "partners", "partner_departements"]].to_dict("records") == [
        {"id": "a", "partners": 2, "partner_departements": "60|80"},
        {"id": "d", "partners": 1, "partner_departements": "02"},
    ]


def test_links_across_departements_and_typologies():
    actors = [
        _actor("a", code_insee=AISNE, typologies=("CCAS",)),
        _actor("b", code_insee=SOMME, typologies=("BIB",)),
        _actor("c", code_insee=SOMME, typologies=("BIB", "MUNI")),
        _actor("d", code_insee="", typologies=()),
    ]
    eco = Ecosystem(
        actors,
        [
            Partnership("a", "b", "orientation"),
            Partnership("b", "a", "partenariat"),
            Partnership("b", "c", "partenariat"),
            Partnership("c", "d", "partenariat"),
        ],
    )
    by_departement = links_across_departements(eco)
    assert by_departement.index.tolist() == ["02", "80", "(inconnu)"]
    assert by_departement.loc["02", "80"] == by_departement.loc["80", "02"] == 2
    assert by_departement.loc["80", "80"] == 1
    assert by_departement.loc["80", "(inconnu)"] == 1
    assert by_departement.loc["02", "02"] == 0
    by_typology = links_across_typologies(eco)
    assert by_typology.loc["BIB", "CCAS"] == 2 and by_typology.loc["BIB", "BIB"] == 1
    summary = network_summary(eco)
    assert summary["links_across_departements"] == 2
    assert summary["links_across_typologies"] == 2


def test_summary_and_components():
    eco = _two_triangles()
    assert components(eco) == [tuple("abcdef"), ("g",)]
    summary = network_summary(eco)
    assert summary == {
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


def test_empty_ecosystem():
    eco = Ecosystem()
    assert actor_metrics(eco).empty
    assert articulation_points(eco).empty and bridges(eco).empty and brokers(eco).empty
    assert network_summary(eco)["actors"] == 0


def test_deterministic_and_inputs_untouched():
    graph = nx.connected_watts_strogatz_graph(300, 4, 0.1, seed=2)
    eco = _ecosystem_of(graph)
    actors_before = copy.deepcopy(eco.actors)
    links_before = copy.deepcopy(eco.partnerships)
    edges_before = sorted(eco.graph.edges(keys=True, data=True), key=repr)
    first = actor_metrics(eco, seed=5, exact_max_nodes=100, samples=50)
    second = actor_metrics(eco, seed=5, exact_max_nodes=100, samples=50)
    pd.testing.assert_frame_equal(first, second)
    pd.testing.assert_frame_equal(articulation_points(eco), articulation_points(eco))
    pd.testing.assert_frame_equal(brokers(eco, metrics=first), brokers(eco, metrics=first))
    assert eco.actors == actors_before and eco.partnerships == links_before
    assert sorted(eco.graph.edges(keys=True, data=True), key=repr) == edges_before
