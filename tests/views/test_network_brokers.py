"""The « Passeurs et ponts » view's data (views/_network_brokers.py): the report's brokers, and
bridges checked against plain networkx."""

from __future__ import annotations

import networkx as nx

from nec_network.analysis.centrality import actor_metrics, brokers
from nec_network.model import Actor, Ecosystem, Partnership
from nec_network.views._network_brokers import BROKERS_SHOWN, brokers_and_bridges


def two_triangles() -> Ecosystem:
    """Triangles a-b-c (Somme) and d-e-f (Aisne) joined by c–d (twice), a pendant g on f, and h alone."""
    somme = [Actor(x, f"Acteur {x}", code_insee="80021") for x in "abc"]
    aisne = [Actor(x, f"Acteur {x}", code_insee="02691") for x in "defg"]
    links = [Partnership(s, c, "partenariat") for s, c in ["ab", "bc", "ca", "de", "ef", "fd", "cd", "fg"]]
    links.insert(3, Partnership("d", "c", "orientation"))  # a second partnership of the pair c–d
    return Ecosystem([*somme, *aisne, Actor("h", "Acteur h")], links)


def test_brokers_are_the_reports_in_its_order_with_their_reasons():
    ecosystem = two_triangles()
    metrics = actor_metrics(ecosystem, seed=0)
    found = brokers_and_bridges(ecosystem, metrics)
    expected = brokers(ecosystem, limit=BROKERS_SHOWN, metrics=metrics)
    assert [b["acteur"] for b in found["passeurs"]] == list(expected["id"]) and len(expected) >= 2
    assert [b["rang"] for b in found["passeurs"]] == list(range(1, len(expected) + 1))
    first = expected.iloc[0]
    assert found["passeurs"][0]["texte"] == (
        f"passeur n°1 : intermédiarité {first.betweenness:.3f}".replace(".", ",")
        + f", relie {first.communities_linked} communautés et {first.departements_linked} départements"
    )


def test_bridges_are_networkx_bridges_then_links_between_communities():
    ecosystem = two_triangles()
    metrics = actor_metrics(ecosystem, seed=0)
    found = brokers_and_bridges(ecosystem, metrics)
    kinds = {p["lien"]: p["nature"] for p in found["ponts"]}
    cut_pairs = {frozenset(edge) for edge in nx.bridges(nx.Graph(ecosystem.undirected_graph()))}
    community = {row.id: row.community for row in metrics.itertuples() if row.community is not None}
    for index, link in enumerate(ecosystem.partnerships):
        pair = frozenset((link.source, link.cible))
        if pair in cut_pairs:
            assert kinds.get(f"e{index}") == "coupure", link
        elif community[link.source] != community[link.cible]:
            assert kinds.get(f"e{index}") == "communautes", link
        else:
            assert f"e{index}" not in kinds, link
    # c–d (two partnerships, one link) and f–g cut the network; both partnerships of c–d are drawn as bridges.
    assert found["coupures"] == len(cut_pairs) == 2
    assert {kinds["e3"], kinds["e7"]} == {"coupure"}
    texts = {p["lien"]: p["texte"] for p in found["ponts"]}
    assert texts["e8"] == "pont : sans ce lien, 1 acteur serait coupé du reste du réseau"


def test_without_partnerships_there_is_nothing_to_show():
    alone = Ecosystem([Actor("a", "A"), Actor("b", "B")])
    found = brokers_and_bridges(alone, actor_metrics(alone, seed=0))
    assert found == {"passeurs": [], "ponts": [], "coupures": 0, "entre_communautes": 0}
