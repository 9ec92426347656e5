"""Communities: Louvain on hand-made graphs, naming, ordering, determinism."""

from __future__ import annotations

import copy

import networkx as nx

from nec_network.analysis.communities import communities_table, detect_communities
from nec_network.wording import community_name
from nec_network.model import Actor, Ecosystem, Partnership


def _ecosystem(graph: nx.Graph, names: dict | None = None) -> Ecosystem:
    names = names or {}
    actors = [Actor(str(n), names.get(n, f"Acteur {n}"), code_insee="80021") for n in graph]
    return Ecosystem(actors, [Partnership(str(u), str(v), "partenariat") for u, v in graph.edges()])


def test_two_triangles_give_two_named_communities():
    names = {
        0: "Mairie",
        1: "CCAS de Péronne",
        2: "Le Centre social",
        3: "Médiathèque",
        4: "PIJ",
        5: "Espace numérique",
    }
    graph = nx.Graph([(0, 1), (1, 2), (2, 0), (3, 4), (4, 5), (5, 3), (2, 3)])
    found = detect_communities(_ecosystem(graph, names))
    assert [c.members for c in found] == [("0", "1", "2"), ("3", "4", "5")]
    # The joining actors have the highest degree inside as well as outside: they give the names.
    assert [c.name for c in found] == ["Communauté du Centre social", "Communauté de Médiathèque"]
    assert [c.number for c in found] == [1, 2]
    assert [c.central_actor for c in found] == ["2", "3"]


def test_weights_decide_the_central_member_and_isolated_actors_are_left_out():
    actors = [Actor(x, f"Acteur {x}") for x in "abcdz"]
    weights = {"ab": 1, "ac": 2, "ad": 1, "bc": 1, "bd": 1, "cd": 3}
    links = [Partnership(p[0], p[1], "partenariat", poids=w) for p, w in weights.items()]
    # Every member has 3 partners; c has the most weight (6) with the others.
    (only,) = detect_communities(Ecosystem(actors, links))
    assert only.central_actor == "c" and only.members == tuple("abcd")
    assert "z" not in only.members


def test_largest_first_and_table():
    graph = nx.disjoint_union(nx.complete_graph(3), nx.complete_graph(5))
    eco = _ecosystem(graph)
    found = detect_communities(eco)
    assert [len(c) for c in found] == [5, 3]
    # Ties on degree inside the clique: the alphabetically first name wins.
    assert found[0].name == "Communauté d'Acteur 3"
    table = communities_table(eco)
    assert table[["community", "size", "internal_links", "external_links"]].values.tolist() == [
        [1, 5, 10, 0],
        [2, 3, 3, 0],
    ]
    assert table.at[0, "members"] == "3|4|5|6|7"
    assert table.at[0, "departements"] == "80"


def test_seeded_and_inputs_untouched():
    graph = nx.ring_of_cliques(4, 6)
    eco = _ecosystem(graph)
    before = (copy.deepcopy(eco.actors), copy.deepcopy(eco.partnerships))
    first = detect_communities(eco, seed=7)
    assert first == detect_communities(eco, seed=7)
    assert len(first) == 4
    assert {frozenset(c.members) for c in first} == {
        frozenset(str(i) for i in range(k * 6, (k + 1) * 6)) for k in range(4)
    }
    assert (eco.actors, eco.partnerships) == before


def test_names_contract_articles():
    assert community_name("Les Restos du Cœur") == "Communauté des Restos du Cœur"
    assert community_name("Union départementale") == "Communauté d'Union départementale"
    assert community_name("La Poste") == "Communauté de La Poste"
    assert detect_communities(Ecosystem()) == ()
