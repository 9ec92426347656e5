"""GraphML and GEXF: what Gephi opens, and what comes back."""

from __future__ import annotations

import datetime as dt

from xml.etree import ElementTree

import networkx as nx

from nec_network.io import read_ecosystem
from nec_network.io.graph_formats import read_gexf, read_graphml, write_gexf, write_graphml
from nec_network.model import Actor, Ecosystem, PartialDate, Partnership

GEXF = "http://www.gexf.net/1.2draft"
VIZ = "http://www.gexf.net/1.2draft/viz"


def _ecosystem() -> Ecosystem:
    return Ecosystem(
        [
            Actor("amiens", "Médiathèque d'Amiens", typologies=("BIB",), code_insee="80021", code_postal="80000",
                  commune="Amiens", latitude=49.9, longitude=2.3, precision="commune",
                  services=("Aide aux démarches administratives",), date_maj=dt.date(2024, 2, 1),
                  extra={"remarque": "fermé le lundi"}),
            Actor("stq", "CCAS de Saint-Quentin", typologies=("CCAS",), code_insee="02691",
                  latitude=49.84889, longitude=3.28757, precision="saisie"),
            Actor("bus", "Bus numérique", itinerant=True, zone_intervention=("80021", "200070993")),
        ],
        [Partnership("amiens", "stq", "partenariat", poids=2.0, debut=PartialDate(2020), note="ateliers"),
         Partnership("bus", "amiens", "orientation"),
         Partnership("stq", "amiens", "financement", poids=0.5, origine="Rencontre NEC")],
        name="essai",
    )


def test_graphml_keeps_every_attribute_and_reads_back(tmp_path):
    ecosystem = _ecosystem()
    path = write_graphml(ecosystem, tmp_path / "reseau.graphml")
    graph = nx.read_graphml(path, force_multigraph=True)
    node = graph.nodes["amiens"]
    assert node["latitude"] == 49.9 and node["services"] == "Aide aux démarches administratives"
    assert node["typologie"] == "BIB" and node["remarque"] == "fermé le lundi" and node["departement"] == "80"
    assert graph.nodes["bus"]["itinerance"] == "Itinérant" and "latitude" not in graph.nodes["bus"]
    assert {data["type"] for _, _, data in graph.edges(data=True)} == {"partenariat", "orientation", "financement"}
    again, report = read_graphml(path)
    assert again == ecosystem and report.is_complete() and not report.problems


def test_gexf_places_nodes_by_geography_and_reads_back(tmp_path):
    ecosystem = _ecosystem()
    path = write_gexf(ecosystem, tmp_path / "reseau.gexf")
    root = ElementTree.parse(path).getroot()
    nodes = {node.get("id"): node for node in root.iter(f"{{{GEXF}}}node")}
    amiens, stq = (nodes[n].find(f"{{{VIZ}}}position") for n in ("amiens", "stq"))
    assert float(amiens.get("x")) < float(stq.get("x"))  # Saint-Quentin is east…
    assert float(amiens.get("y")) > float(stq.get("y"))  # …and a little south of Amiens
    assert nodes["bus"].find(f"{{{VIZ}}}position") is None
    assert nodes["amiens"].get("label") == "Médiathèque d'Amiens"
    edges = [(e.get("source"), e.get("target"), e.get("type"), e.get("weight")) for e in root.iter(f"{{{GEXF}}}edge")]
    assert sorted(edges) == [("amiens", "stq", "undirected", "2.0"), ("bus", "amiens", "directed", "1.0"),
                             ("stq", "amiens", "directed", "0.5")]
    again, report = read_gexf(path)
    assert again == ecosystem and report.is_complete()
    assert [(a.latitude, a.longitude) for a in again] == [(a.latitude, a.longitude) for a in ecosystem]


def test_edits_made_in_a_graph_tool_are_reported(tmp_path):
    graph = nx.MultiDiGraph()
    graph.add_node("a", nom="A", services="Aide aux démarches administratives|Cuisine", modularity_class=3)
    graph.add_node("b", label="B")
    graph.add_node("c")
    graph.add_edge("a", "b", type="amitié")
    graph.add_edge("a", "b", type="partenariat")
    nx.write_graphml(graph, tmp_path / "edite.graphml")
    ecosystem, report = read_ecosystem(tmp_path / "edite.graphml")
    assert [actor.id for actor in ecosystem] == ["a", "b"] and ecosystem["b"].nom == "B"
    assert ecosystem["a"].extra == {"services": "Cuisine", "modularity_class": "3"}
    assert report.rows_read == 5 and report.imported == 3 and report.rejected == 2
    assert {p.column for p in report.rejections} == {"nom", "type"}


def test_unreadable_coordinates_are_left_out_and_the_files_stay_valid(tmp_path):
    """Coordinates the model kept as text (a number it could not read) are not written: one
    numeric latitude key in GraphML (networkx declared a second, textual one), numbers in GEXF."""
    actors = [*_ecosystem().actors, Actor("abime", "Lieu abîmé", extra={"latitude": "quarante-neuf",
                                                                        "longitude": "2.3"})]
    ecosystem = Ecosystem(actors, _ecosystem().partnerships)
    graphml = write_graphml(ecosystem, tmp_path / "reseau.graphml")
    keys = [key.get("attr.type") for key in ElementTree.parse(graphml).getroot()
            .iter("{http://graphml.graphdrawing.org/xmlns}key") if key.get("attr.name") == "latitude"]
    assert keys == ["double"]
    graph = nx.read_graphml(graphml, force_multigraph=True)
    assert "latitude" not in graph.nodes["abime"] and graph.nodes["amiens"]["latitude"] == 49.9
    gexf = write_gexf(ecosystem, tmp_path / "reseau.gexf")
    titles = {attribute.get("title"): attribute.get("type")
              for attribute in ElementTree.parse(gexf).getroot().iter(f"{{{GEXF}}}attribute")}
    assert titles["latitude"] == "double"
    again, _ = read_gexf(gexf)
    assert again["abime"].latitude is None and again["amiens"].latitude == 49.9
