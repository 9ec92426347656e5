"""Our batched Brandes searches: exact values equal networkx's, sampled ones rank like them and are seeded."""

from __future__ import annotations

import networkx as nx
import pandas as pd
import pytest

from nec_network.analysis.centrality import betweenness, closeness
from nec_network.analysis.shortest_paths import adjacency_matrix, path_statistics
from nec_network.errors import NecNetworkError


@pytest.mark.parametrize("seed", range(3))
def test_exact_betweenness_and_closeness_equal_networkx(seed, ecosystem_of):
    graph = nx.gnm_random_graph(70, 90, seed=seed)
    eco = ecosystem_of(graph)
    labelled = nx.relabel_nodes(graph, str)
    assert betweenness(eco) == pytest.approx(nx.betweenness_centrality(labelled), abs=1e-12)
    assert closeness(eco) == pytest.approx(nx.closeness_centrality(labelled), abs=1e-12)


def test_sampled_betweenness_ranks_like_exact_and_is_seeded(ecosystem_of):
    eco = ecosystem_of(nx.barabasi_albert_graph(600, 2, seed=1))
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


def test_path_statistics_on_a_graph_of_several_components():
    graph = nx.Graph([("a", "b"), ("b", "c"), ("d", "e")])
    graph.add_node("f")
    between, close = path_statistics(graph, exact_max_nodes=10, samples=5, seed=0)
    assert between == pytest.approx(nx.betweenness_centrality(graph), abs=1e-12)
    assert close == pytest.approx(nx.closeness_centrality(graph), abs=1e-12)
    assert list(between) == list(close) == list(graph)


def test_adjacency_matrix_is_symmetric_without_self_links():
    graph = nx.Graph([("a", "b"), ("b", "c"), ("c", "c")])
    matrix = adjacency_matrix(graph, ["c", "b", "a"]).toarray()
    assert matrix.tolist() == [[0, 1, 0], [1, 0, 1], [0, 1, 0]]
