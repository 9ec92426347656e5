"""GraphML and GEXF: the ecosystem as a graph for Gephi, yEd or Cytoscape, and back.

Nodes carry every template column (lists joined with ``|``, extra attributes
under their own names), ``latitude``/``longitude`` as numbers (coordinates the model kept as
unreadable text are left out, :func:`unreadable_coordinates`), plus two derived
attributes for display: ``label`` (the name) and ``departement``. Edges carry
the partnership fields and ``directed``. In GEXF, whose edges reserve ``type``
and ``weight``, the partnership type is ``type_partenariat``, the weight is
also the GEXF ``weight``, and nodes with coordinates get a ``viz`` position
projected from longitude/latitude (Web Mercator, kilometres) so that Gephi
shows the geography.

Time: every edge carries ``debut``/``fin`` as written (year, month or day, read back
exactly); in GEXF, a dated edge also gets a ``<spells>`` element (one ``<spell start end>``
in ISO dates: from the first day of its ``debut``, or of the event it was born at, to the
last day of its ``fin``, an open end when missing), which makes the graph
``mode="dynamic" timeformat="date"``: Gephi's timeline shows the network at each date.
Undated edges have no spell (always there).

Events (:mod:`nec_network.io.events`) travel as one JSON document: in GraphML a graph
attribute ``evenements``; in GEXF, whose graph has no attributes, the ``<meta>`` element's
``<description>``, marked by the keyword ``nec-network:evenements``. They are read back and
checked like ``evenements.csv``; partnerships are then checked against them (an unknown
``evenement`` is rejected).

Reading back goes through the template's cell parsers: the report says what
an edit in Gephi broke.
"""

from __future__ import annotations

import io
import math
from xml.etree import ElementTree
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx

from nec_network.errors import DataError
from nec_network.tables import cell_text
from nec_network.tables.limits import check_input
from nec_network.io._values import (
    Cells,
    RowContext,
    parse_float,
    parse_partnership_type,
    partnership_type_problem,
    read_link_dates,
)
from nec_network.io.events import events_document, events_from_document
from nec_network.io.output import open_output
from nec_network.io.placement import ActorFields
from nec_network.io.report import Report
from nec_network.io.template import (
    ACTOR_COLUMNS,
    PARTNERSHIP_COLUMNS,
    actor_fields,
    actor_row,
    partnership_from_row,
    partnership_row,
)
from nec_network.io.validation import admit_actors, admit_partnerships
from nec_network.model import Actor, Ecosystem, Event, Partnership, without_personal_data
from nec_network.model.event import partnership_days

#: Node attributes written for display only, ignored when reading back.
DERIVED_NODE_ATTRIBUTES = ("label", "departement")
_EARTH_RADIUS_KM = 6378.137
#: Graph attribute (GraphML) and GEXF meta keyword under which the events travel.
EVENTS_ATTRIBUTE = "evenements"
_GEXF_EVENTS_KEYWORD = "nec-network:evenements"


def mercator_km(latitude: float, longitude: float) -> tuple[float, float]:
    """Web Mercator (x, y) in kilometres; y grows northwards.

    >>> x, y = mercator_km(0.0, 1.0); round(x, 3), abs(round(y, 6))
    (111.319, 0.0)
    """
    x = _EARTH_RADIUS_KM * math.radians(longitude)
    y = _EARTH_RADIUS_KM * math.log(math.tan(math.pi / 4 + math.radians(latitude) / 2))
    return x, y


def unreadable_coordinates(actor: Actor) -> bool:
    """True when the model kept an actor's coordinates aside as text (a number it could not
    read, a latitude without longitude): graph formats type them as numbers and leave them out."""
    return any(cell_text(actor.extra.get(column, "")) for column in ("latitude", "longitude"))


def _node_data(actor: Actor) -> dict[str, Any]:
    # latitude/longitude are numbers or absent: one text among them would make networkx declare
    # a second key of the same id (invalid GraphML) or type every node's as text (GEXF).
    data: dict[str, Any] = {}
    placed = not unreadable_coordinates(actor)
    for column, text in actor_row(actor).items():
        if column in ("latitude", "longitude"):
            value = getattr(actor, column)
            if value is not None and placed:
                data[column] = value
        else:
            data[column] = text
    data["label"] = actor.nom
    data["departement"] = actor.departement
    return data


def _edge_data(link: Partnership, index: int, *, gexf: bool, events: dict[str, Event]) -> dict[str, Any]:
    data: dict[str, Any] = {**partnership_row(link), "poids": link.poids, "directed": link.directed}
    del data["source"], data["cible"]
    data["rang"] = index
    if gexf:
        data["type_partenariat"] = data.pop("type")
        data["type"] = "directed" if link.directed else "undirected"
        data["weight"] = link.poids
        start, end = partnership_days(link, events)
        if start is not None or end is not None:
            data["spells"] = [(start and start.isoformat(), end and end.isoformat())]
    return data


def ecosystem_graph(ecosystem: Ecosystem, *, gexf: bool = False) -> nx.MultiDiGraph:
    """A new graph ready for :func:`networkx.write_graphml` (or ``write_gexf`` with ``gexf=True``)."""
    graph = nx.MultiDiGraph(name=ecosystem.name or "nec-network")
    if ecosystem.events and not gexf:
        graph.graph[EVENTS_ATTRIBUTE] = events_document(ecosystem.events)
    events = {event.id: event for event in ecosystem.events}
    for actor in ecosystem:
        data = _node_data(actor)
        if gexf and actor.has_coordinates:
            assert actor.latitude is not None and actor.longitude is not None
            x, y = mercator_km(actor.latitude, actor.longitude)
            data["viz"] = {"position": {"x": round(x, 3), "y": round(y, 3), "z": 0.0}}
        graph.add_node(actor.id, **data)
    for index, link in enumerate(ecosystem.partnerships):
        graph.add_edge(link.source, link.cible, key=index, **_edge_data(link, index, gexf=gexf, events=events))
    return graph


def write_graphml(ecosystem: Ecosystem, path: str | Path) -> Path:
    """Write the ecosystem as GraphML (UTF-8); returns the path."""
    ecosystem, _ = without_personal_data(ecosystem)  # a published format: never an adviser's data
    path = Path(path)
    with open_output(path, binary=True) as stream:
        nx.write_graphml(ecosystem_graph(ecosystem), stream, encoding="utf-8", named_key_ids=True)
    return path


def write_gexf(ecosystem: Ecosystem, path: str | Path) -> Path:
    """Write the ecosystem as GEXF 1.2 with geographic ``viz`` positions, dated edges as spells
    (dynamic mode) and the events in ``<meta>``; returns the path."""
    ecosystem, _ = without_personal_data(ecosystem)  # a published format: never an adviser's data
    path = Path(path)
    writer = nx.readwrite.gexf.GEXFWriter(encoding="utf-8", version="1.2draft")
    if ecosystem.events:
        meta = writer.xml.find("meta")
        assert meta is not None
        ElementTree.SubElement(meta, "keywords").text = _GEXF_EVENTS_KEYWORD
        ElementTree.SubElement(meta, "description").text = events_document(ecosystem.events)
    writer.add_graph(ecosystem_graph(ecosystem, gexf=True))
    with open_output(path, binary=True) as stream:
        writer.write(stream)
    return path


def read_graphml(path: str | Path) -> tuple[Ecosystem, Report]:
    """Read a GraphML file written by :func:`write_graphml` (or edited since) back into an ecosystem."""
    return _read(path, _load_graphml, gexf=False)


def _load_graphml(path: Path) -> nx.Graph:
    graph = nx.read_graphml(path, node_type=str, force_multigraph=True)
    graph.graph[EVENTS_ATTRIBUTE] = cell_text(graph.graph.get(EVENTS_ATTRIBUTE, ""))
    return graph


def read_gexf(path: str | Path) -> tuple[Ecosystem, Report]:
    """Read a GEXF file written by :func:`write_gexf` (or edited in Gephi) back into an ecosystem."""
    return _read(path, _load_gexf, gexf=True)


def count_graphml_nodes(path: str | Path) -> int:
    """The nodes (one per actor written) of a written GraphML file."""
    return nx.read_graphml(path).number_of_nodes()


def count_gexf_nodes(path: str | Path) -> int:
    """The nodes (one per actor written) of a written GEXF file, read as Gephi reads it."""
    return _load_gexf(Path(path)).number_of_nodes()


def _load_gexf(path: Path) -> nx.Graph:
    """networkx refuses undirected edges in a directed GEXF graph, which Gephi writes and reads:
    the per-edge direction is dropped before parsing (``directed`` and the type carry it)."""
    tree = ElementTree.parse(path)
    events = ""
    for element in tree.iter():
        tag = element.tag.rpartition("}")[2]
        if tag == "edge":
            element.attrib.pop("type", None)
        elif tag == "meta" and any(child.tag.rpartition("}")[2] == "keywords"
                                   and (child.text or "").strip() == _GEXF_EVENTS_KEYWORD for child in element):
            events = next((child.text or "" for child in element if child.tag.rpartition("}")[2] == "description"), "")
    stream = io.BytesIO()
    tree.write(stream, encoding="utf-8", xml_declaration=True)
    stream.seek(0)
    graph = nx.read_gexf(stream, node_type=str)
    graph.graph[EVENTS_ATTRIBUTE] = events
    return graph


def _read(path: str | Path, load: Callable[[Path], nx.Graph], *, gexf: bool) -> tuple[Ecosystem, Report]:
    path = Path(path)
    check_input(path)
    try:
        graph = load(path)
    except Exception as error:  # networkx raises XML, key and type errors alike for a bad file
        raise DataError(f"graphe illisible ({error})", file=str(path)) from error
    label = str(path)
    report = Report()
    candidates: list[tuple[RowContext, ActorFields]] = []
    for index, (node, data) in enumerate(graph.nodes(data=True), start=1):
        report.rows_read += 1
        ctx = RowContext(f"{label}#nœuds", index)
        row = {column: cell_text(value) for column, value in data.items()
               if column not in DERIVED_NODE_ATTRIBUTES and column != "viz"}
        row["id"] = str(node)
        if not row.get("nom"):
            row["nom"] = cell_text(data.get("label", ""))
        if not row["nom"]:
            report.reject(ctx.problem("champ obligatoire vide : nom", column="nom"))
            continue
        for column in ACTOR_COLUMNS:
            row.setdefault(column, "")
        candidates.append((ctx, actor_fields(row, ctx=ctx, report=report)))
    actors = admit_actors(candidates, report)
    events = events_from_document(graph.graph.get(EVENTS_ATTRIBUTE, ""), label=f"{label}#evenements",
                                  actor_ids={actor.id for actor in actors}, report=report)

    edges = sorted(graph.edges(data=True), key=lambda edge: _rank(edge[2]))
    links: list[tuple[RowContext, Partnership]] = []
    for index, (source, cible, data) in enumerate(edges, start=1):
        report.rows_read += 1
        ctx = RowContext(f"{label}#liens", index)
        kind_text = cell_text(data.get("type_partenariat" if gexf else "type", ""))
        cells = Cells(ctx, report)
        kind = parse_partnership_type(kind_text, cells=cells, column="type")
        if kind is None:
            report.reject(partnership_type_problem(kind_text, ctx=ctx, column="type"))
            continue
        weight_text = cell_text(data.get("poids", data.get("weight", "")))
        weight = parse_float(weight_text, cells=cells, column="poids", minimum=0)
        row = {column: cell_text(data.get(column, "")) for column in (*PARTNERSHIP_COLUMNS, "depuis")}
        row.update(source=str(source), cible=str(cible))
        dates = read_link_dates(row, ctx=ctx, report=report)
        if dates is None:
            continue
        links.append((ctx, partnership_from_row(row, kind=kind, weight=weight, dates=dates)))
    partnerships = admit_partnerships(links, {actor.id for actor in actors}, report,
                                      events={event.id: event for event in events})
    return Ecosystem(actors, partnerships, events=events, name=str(graph.graph.get("name", ""))), report


def _rank(data: dict[str, Any]) -> float:
    try:
        return float(data.get("rang", math.inf))
    except (TypeError, ValueError):
        return math.inf
