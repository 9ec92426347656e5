"""The Ecosystem: immutable, frozen graph, filters that return new ecosystems."""

from __future__ import annotations

import networkx as nx
import pytest

from nec_network.errors import NecNetworkError
from nec_network.model import Actor, Ecosystem, Partnership


def _ecosystem() -> Ecosystem:
    return Ecosystem(
        [
            Actor("amiens", "Médiathèque", typologies=("BIB",), code_insee="80021",
                  services=("Aide aux démarches administratives",)),
            Actor("laon", "CCAS", typologies=("CCAS",), code_insee="02408", dispositifs=("France Services",)),
            Actor("beauvais", "EPN", typologies=("EPN",), code_insee="60057"),
            Actor("bus", "Bus", itinerant=True, zone_intervention=("02408", "02691")),
        ],
        [
            Partnership("amiens", "laon", "partenariat", poids=1.0),
            Partnership("laon", "amiens", "orientation", poids=2.0),
            Partnership("beauvais", "amiens", "membre_de", poids=0.5),
            Partnership("bus", "laon", "co_organisation"),
        ],
    )


def test_the_one_actor_filter_returns_new_ecosystems_and_never_mutates():
    """Actors are filtered by ActorCriteria only (Ecosystem has no filter of its own)."""
    from nec_network.analysis.criteria import ActorCriteria

    ecosystem = _ecosystem()
    before = (ecosystem.actors, ecosystem.partnerships)
    aisne = ActorCriteria(departements=["02"]).select(ecosystem)
    assert [a.id for a in aisne] == ["laon", "bus"]  # the bus serves Aisne communes
    assert [(p.source, p.cible) for p in aisne.partnerships] == [("bus", "laon")]
    assert [a.id for a in ActorCriteria(typologie="BIB").select(ecosystem)] == ["amiens"]
    assert [a.id for a in ActorCriteria(service="Aide aux démarches administratives").select(ecosystem)] == ["amiens"]
    assert [a.id for a in ActorCriteria(dispositif="France Services", departements=["02"]).select(ecosystem)] == ["laon"]
    assert ActorCriteria(departements=["80"], typologie="CCAS").select(ecosystem).actors == ()
    assert (ecosystem.actors, ecosystem.partnerships) == before and len(ecosystem) == 4
    assert not hasattr(ecosystem, "filter")


def test_graph_is_frozen_and_undirected_graph_merges_parallel_links():
    ecosystem = _ecosystem()
    graph = ecosystem.graph
    assert nx.is_frozen(graph) and graph.number_of_edges() == 4
    with pytest.raises(nx.NetworkXError):
        graph.add_node("intrus")
    assert graph.nodes["amiens"]["services"] == "Aide aux démarches administratives"
    simple = ecosystem.undirected_graph()
    assert simple.number_of_edges() == 3
    merged = simple.edges["amiens", "laon"]
    assert merged == {"weight": 3.0, "types": ("orientation", "partenariat"), "count": 2}
    # Built once and frozen: the analyses share it, nobody changes it; a copy can be changed.
    assert ecosystem.undirected_graph() is simple and nx.is_frozen(simple)
    with pytest.raises(nx.NetworkXError):
        simple.add_node("libre")
    copy = nx.Graph(simple)
    copy.add_node("libre")
    assert "libre" not in ecosystem.undirected_graph() and len(ecosystem) == 4


def test_graph_edges_carry_each_partnership_as_scalars():
    from nec_network.model.dates import PartialDate

    dated = Partnership("amiens", "laon", "orientation", poids=2.0, debut=PartialDate.parse("2024-03"),
                        evenement="rencontre", note="via le CCAS", origine="enquete")
    ecosystem = Ecosystem(_ecosystem().actors, [dated, Partnership("laon", "beauvais", "partenariat")])
    assert ecosystem.graph.edges["amiens", "laon", 0] == {
        "type": "orientation", "directed": True, "poids": 2.0, "debut": "2024-03", "fin": "",
        "evenement": "rencontre", "note": "via le CCAS", "origine": "enquete",
    }
    assert ecosystem.graph.edges["laon", "beauvais", 1]["directed"] is False


def test_edits_return_new_ecosystems():
    ecosystem = _ecosystem()
    renamed = ecosystem.replace_actors({"laon": Actor("laon", "CCAS de Laon", code_insee="02408")})
    assert renamed["laon"].nom == "CCAS de Laon" and ecosystem["laon"].nom == "CCAS"
    bigger = ecosystem.with_actors([Actor("x", "X")], [Partnership("x", "amiens", "financement")])
    assert len(bigger) == 5 and len(ecosystem) == 4
    assert ecosystem.partners("amiens") == ("laon", "beauvais")
    assert ecosystem.subset(lambda a: a.id != "laon").partners("amiens") == ("beauvais",)


def test_duplicates_and_unknown_partners_are_refused():
    with pytest.raises(NecNetworkError, match="double"):
        Ecosystem([Actor("a", "A"), Actor("a", "B")])
    with pytest.raises(NecNetworkError, match="inconnu"):
        Ecosystem([Actor("a", "A")], [Partnership("a", "b", "orientation")])
