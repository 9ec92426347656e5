"""Fragile points: articulation points and bridges, the actors each one cuts off, agreement with networkx."""

from __future__ import annotations

import networkx as nx
import pytest

from nec_network.analysis.fragility import articulation_points, bridges
from nec_network.model import Actor, Ecosystem, Partnership
from nec_network.wording import cut_off_sentences


def sentences(table, eco):
    """The French sentences of an articulation points or bridges table (written by the views)."""
    return cut_off_sentences(table, {actor.id: actor.nom for actor in eco})


def _actor(actor_id: str, nom: str | None = None) -> Actor:
    return Actor(actor_id, nom or f"Acteur {actor_id}", code_insee="02691")


def _links(pairs: str) -> list[Partnership]:
    return [Partnership(pair[0], pair[1], "partenariat") for pair in pairs.split()]


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


def test_articulation_point_keeps_the_largest_piece_as_the_rest(two_triangles):
    table = articulation_points(two_triangles)
    said = dict(zip(table["id"], sentences(table, two_triangles)))
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


def test_bridge_and_its_cut_off_side(two_triangles):
    table = bridges(two_triangles)
    assert table[["source", "target", "actors_cut_off"]].to_dict("records") == [
        {"source": "c", "target": "d", "actors_cut_off": 6}
    ]
    # Both sides have three actors: neither is "the rest", all six are cut off.
    assert sentences(table, two_triangles)[0].startswith(
        "Si le lien entre Acteur c et Acteur d disparaît, 6 acteurs perdent leur seul lien"
    )
    eco = Ecosystem([_actor(x) for x in "abcd"], _links("ab bc ca cd"))
    assert bridges(eco)[["source", "target", "cut_off_ids"]].to_dict("records") == [
        {"source": "c", "target": "d", "cut_off_ids": "d"}
    ]


@pytest.mark.parametrize("seed", range(4))
def test_articulation_points_and_bridges_agree_with_networkx(seed, ecosystem_of):
    graph = nx.gnm_random_graph(80, 90, seed=seed)
    eco = ecosystem_of(graph)
    labelled = nx.relabel_nodes(graph, str)
    assert set(articulation_points(eco)["id"]) == set(nx.articulation_points(labelled))
    found = {frozenset(pair) for pair in bridges(eco)[["source", "target"]].itertuples(index=False)}
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


def test_empty_ecosystem():
    assert articulation_points(Ecosystem()).empty and bridges(Ecosystem()).empty


def test_deterministic_and_inputs_untouched(small_world):
    assert articulation_points(small_world).equals(articulation_points(small_world))
    assert bridges(small_world).equals(bridges(small_world))
