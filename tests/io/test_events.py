"""evenements.csv and the dated partnerships: read, checked, written, combined, and in GEXF as spells."""

from __future__ import annotations

from pathlib import Path

from xml.etree import ElementTree

import networkx as nx
import pytest

from nec_network.io.report import Report
from nec_network.io.sources import SourceFile, combine
from nec_network.io.template import ACTOR_COLUMNS, read_template, write_template
from nec_network.model import Actor, Ecosystem, Event, PartialDate, Partnership

ACTORS = ",".join(ACTOR_COLUMNS) + "\na,Mairie fictive A\nb,Association fictive B\nc,Médiathèque fictive C\n"
EVENTS_HEADER = "id,nom,date,commune,organisateurs,participants,note,nature\n"
LINKS_HEADER = "source,cible,type,debut,fin,evenement,origine\n"


def _model(tmp_path: Path, events: str, links: str) -> Path:
    folder = tmp_path / "modele"
    folder.mkdir()
    (folder / "acteurs.csv").write_text(ACTORS, encoding="utf-8")
    (folder / "evenements.csv").write_text(EVENTS_HEADER + events, encoding="utf-8")
    (folder / "partenariats.csv").write_text(LINKS_HEADER + links, encoding="utf-8")
    return folder


def _rejections(report: Report) -> list[tuple[str, int | None, str]]:
    return [(Path(p.file).name, p.row, p.column) for p in report.rejections]


def test_events_are_read_with_their_dates_lists_and_nature(tmp_path: Path) -> None:
    folder = _model(tmp_path, "nec,NEC local fictif,2025-06-12,80021,a,b|c,,\n"
                              "vague,Enquête fictive,2025-10,,,,,enquete\n"
                              "futur,NEC prévu,2031-05,,a,,,rencontre\n",
                    "a,b,partenariat,2025-07,,nec,vague\nb,c,partenariat,,,,\n")
    ecosystem, report = read_template(folder)
    assert report.is_complete() and not report.errors
    nec, wave, planned = ecosystem.events
    assert (nec.date, nec.commune, nec.organisateurs, nec.participants) == (
        PartialDate(2025, 6, 12), "80021", ("a",), ("b", "c"))
    assert wave.is_survey and not nec.is_survey and planned.date == PartialDate(2031, 5)
    assert [link.debut for link in ecosystem.partnerships] == [PartialDate(2025, 7), None]  # undated kept


def test_bad_rows_are_rejected_naming_file_row_and_column(tmp_path: Path) -> None:
    folder = _model(tmp_path, "nec,NEC,2025-13-01,,,,,\n"
                              "vague,Enquête,2025-10-15,,,,,enquete\n"
                              "autre,Autre,2025-03,,,,,fete\n"
                              "vague,Doublon,2025,,,,,\n"
                              "forum,Forum,2024-11,,a|zz,b,,\n",
                    "a,b,partenariat,2025-11,,,vague\n"
                    "a,c,partenariat,2025-09,,inconnu,\n"
                    "b,c,partenariat,2025,2024,,\n"
                    "a,c,orientation,2025-01-02,,,\n"
                    "b,c,orientation,2025-10-15,,forum,vague\n")
    ecosystem, report = read_template(folder)
    assert _rejections(report) == [
        ("evenements.csv", 2, "date"), ("evenements.csv", 4, "nature"), ("evenements.csv", 5, "id"),
        ("partenariats.csv", 4, "fin"), ("partenariats.csv", 2, "debut"), ("partenariats.csv", 3, "evenement"),
    ]
    messages = {p.column: p.message for p in report.rejections}
    assert "mois 13 impossible" in messages["date"]
    assert "après l'enquête qui la rapporte" in messages["debut"] and "vague" in messages["debut"]
    assert "événement inconnu : « inconnu »" in messages["evenement"]
    unknown = [p for p in report.problems if p.column == "participants" or p.column == "organisateurs"]
    assert [(p.level, p.row, p.value) for p in unknown] == [("erreur", 6, "zz")]
    assert ecosystem.event("forum").organisateurs == ("a",)  # the event is kept, the unknown id left out
    assert [link.type for link in ecosystem.partnerships] == ["orientation", "orientation"]


def test_a_partnership_ended_then_started_again_is_two_rows_but_overlapping_repeats_are_refused(tmp_path) -> None:
    folder = _model(tmp_path, "", "a,b,partenariat,2020,2023-03,,\n"
                                  "b,a,partenariat,2023-09,,,\n"
                                  "a,b,partenariat,2024,,,\n")
    ecosystem, report = read_template(folder)
    assert len(ecosystem.partnerships) == 2
    (rejected,) = report.rejections
    assert rejected.row == 4 and "chevauche" in rejected.message


@pytest.mark.parametrize("name", ["modele", "modele.xlsx"])
def test_events_round_trip_through_the_template(tmp_path: Path, name: str) -> None:
    actors = [Actor("a", "A"), Actor("b", "B")]
    events = [Event("nec", "NEC", PartialDate(2025, 6), commune="80021", participants=("a", "b"), note="=1+1")]
    links = [Partnership("a", "b", "partenariat", debut=PartialDate(2025, 6, 12), evenement="nec",
                         declare_par=("a", "b"), origine="saisie")]
    ecosystem = Ecosystem(actors, links, events=events)
    back, report = read_template(write_template(ecosystem, tmp_path / name))
    assert back == ecosystem and report.is_complete()


def test_gexf_edges_carry_spells_gephi_reads_in_dynamic_mode(tmp_path: Path) -> None:
    from nec_network.io.graph_formats import read_gexf, write_gexf

    actors = [Actor(x, x.upper()) for x in "abcd"]
    # Orientations only: networkx refuses a directed GEXF with undirected edges (Gephi reads both;
    # read_gexf drops the per-edge direction for networkx, see the test below).
    links = [Partnership("a", "b", "orientation", debut=PartialDate(2024), fin=PartialDate(2025, 2)),
             Partnership("b", "c", "orientation", evenement="nec"),
             Partnership("c", "d", "orientation")]
    ecosystem = Ecosystem(actors, links, events=[Event("nec", "NEC", PartialDate(2024, 6, 12), participants=("b",))])
    path = write_gexf(ecosystem, tmp_path / "reseau.gexf")
    text = path.read_text(encoding="utf-8")
    assert 'mode="dynamic"' in text and 'timeformat="date"' in text
    graph = nx.read_gexf(path, node_type=str)  # networkx reads it as written (Gephi's dynamic GEXF 1.2)
    assert graph.graph["mode"] == "dynamic"
    assert graph.edges["a", "b"]["spells"] == [("2024-01-01", "2025-02-28")]
    assert "spells" not in graph.edges["c", "d"]
    # An open end is no attribute (networkx reads its absence as the text « None »).
    spells = {element.get("start"): element.get("end") for element in ElementTree.parse(path).iter()
              if element.tag.endswith("}spell")}
    assert spells == {"2024-01-01": "2025-02-28", "2024-06-12": None}
    back, report = read_gexf(path)
    assert back == ecosystem and report.is_complete()
    mixed = Ecosystem(actors, [*links, Partnership("a", "d", "partenariat", debut=PartialDate(2023, 5))],
                      events=ecosystem.events)
    assert read_gexf(write_gexf(mixed, tmp_path / "mixte.gexf"))[0] == mixed


def test_combining_files_follows_renamed_actors_into_events_and_partnerships(tmp_path: Path) -> None:
    first = Ecosystem([Actor("a", "A"), Actor("b", "B")], events=[Event("nec", "NEC", PartialDate(2025))])
    second = Ecosystem(
        [Actor("a", "Autre A"), Actor("c", "C")],
        [Partnership("a", "c", "partenariat", evenement="nec", declare_par=("a",), origine="nec")],
        events=[Event("nec", "Autre NEC", PartialDate(2024), participants=("a", "c"))],
    )
    reports = [Report(), Report()]
    combined = combine([(SourceFile(tmp_path / "un.csv"), first, reports[0]),
                        (SourceFile(tmp_path / "deux.csv"), second, reports[1])])
    assert [event.id for event in combined.events] == ["nec", "deux:nec"]
    assert combined.event("deux:nec").participants == ("deux:a", "c")
    (link,) = combined.partnerships
    assert (link.source, link.declare_par, link.evenement, link.origine) == ("deux:a", ("deux:a",), "deux:nec",
                                                                             "deux:nec")
    assert [p.value for p in reports[1].problems] == ["a", "nec"]
    same = combine([(SourceFile(tmp_path / "un.csv"), first, Report()),
                    (SourceFile(tmp_path / "trois.csv"), Ecosystem([Actor("d", "D")], events=first.events), Report())])
    assert [event.id for event in same.events] == ["nec"]  # the same event in two files is one
