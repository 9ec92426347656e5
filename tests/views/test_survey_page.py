"""The survey page's document and its answers' text: the JavaScript replayed in Node against the
Python rules it mirrors (nec_network.views.survey, static/enquete-reponses.js)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from nec_network.errors import NecNetworkError
from nec_network.io.survey import read_responses
from nec_network.model import Actor, Ecosystem
from nec_network.model.dates import DateError, PartialDate
from nec_network.model.event import Event
from nec_network.model.vocabularies import PARTNERSHIP_TYPES, SURVEY_COLUMNS
from nec_network.tables.formulas import neutralise_cell
from nec_network.views.survey import build_survey_page, survey_data, survey_event

SCRIPT = Path(__file__).resolve().parents[2] / "nec_network" / "views" / "static" / "enquete-reponses.js"
needs_node = pytest.mark.skipif(shutil.which("node") is None, reason="node absent : apt-get install nodejs")


def _node(expression: str, argument) -> object:
    """Evaluate ``expression`` in Node with ``api`` (the script's functions) and ``arg`` (JSON)."""
    code = (f"const api = require({json.dumps(str(SCRIPT))}); const arg = JSON.parse(process.argv[1]);"
            f"process.stdout.write(JSON.stringify({expression}));")
    done = subprocess.run(["node", "-e", code, json.dumps(argument)], capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def test_the_document_offers_known_actors_without_personal_data_and_every_relation_type():
    ecosystem = Ecosystem([Actor("a", "CCAS de Laon", commune="Laon", telephone="03 23 00 00 00",
                                 courriels=("x@exemple.invalid",))])
    data = survey_data(ecosystem, contact="c@exemple.invalid", event=Event("e", "NEC local", PartialDate(2025, 6)))
    assert data["acteurs"] == [{"id": "a", "nom": "CCAS de Laon", "commune": "Laon"}]
    assert {relation["type"] for relation in data["relations"]} == set(PARTNERSHIP_TYPES)
    assert data["colonnes"] == list(SURVEY_COLUMNS)
    assert data["evenement"] == {"id": "e", "nom": "NEC local", "date": "2025-06"}
    assert "03 23" not in build_survey_page(ecosystem)


def test_an_event_must_be_one_of_the_model_when_it_has_events():
    with_events = Ecosystem([Actor("a", "A")], events=[Event("nec-2025", "NEC")])
    assert survey_event(with_events, "nec-2025")[0].nom == "NEC"
    with pytest.raises(NecNetworkError, match="Événement inconnu : « autre »"):
        survey_event(with_events, "autre")
    event, note = survey_event(Ecosystem([Actor("a", "A")]), "nec-2026")
    assert event.id == "nec-2026" and "aucun événement" in note


@pytest.mark.parametrize("contact", ["pas-une-adresse", "a@b.fr?cc=autre@c.fr", "a@b.fr&body=x"])
def test_a_contact_that_would_change_the_e_mail_is_refused(contact):
    with pytest.raises(NecNetworkError, match="Adresse de contact invalide"):
        build_survey_page(Ecosystem([Actor("a", "A")]), contact=contact)


CELLS = ["=1+1", "+33 3 22", "+33322121234", "-3.5", "@SUM(1)", "\tx", "'=A1", "''=A1", "Amiens", "'Amiens",
         "＝HYPERLINK()", "", "-", "+", "-.5e3", "1,5"]


@needs_node
def test_cells_are_neutralised_as_python_does():
    assert _node("arg.map(api.neutralise)", CELLS) == [neutralise_cell(cell) for cell in CELLS]


DATES = ["2023", "2023-03", "2023-3", "03/2023", "3/2023", "13/2023", "2023-13", "0000", "", "  2021 ", "hier",
         "2023-03-15", "15/03/2023"]


def _python_since(text: str) -> str | None:
    """What the import reads from the page's « depuis quand » (a year or a month only)."""
    if not text.strip():
        return ""
    try:
        date = PartialDate.parse(text)
    except DateError:
        return None
    return None if date.day is not None else str(date)


@needs_node
def test_since_when_is_read_as_the_import_reads_a_year_or_a_month():
    assert _node("arg.map(api.since)", DATES) == [_python_since(text) for text in DATES]


@needs_node
def test_the_csv_text_is_read_back_exactly_by_the_survey_reader(tmp_path):
    rows = [{"repondant": "=CCAS de Laon", "partenaire": 'Centre "social", Laon\nbis', "type": "orientation",
             "debut": "2024-03", "commentaire": "-5 personnes"},
            {"repondant": "Médiathèque d'Étreux", "partenaire": "+Mairie", "apports": "savoir_faire|publics"}]
    text = _node("api.csvText(arg.columns, arg.rows)", {"columns": list(SURVEY_COLUMNS), "rows": rows})
    assert text.startswith("\ufeff") and text.endswith("\r\n")
    path = tmp_path / "reponses.csv"
    path.write_bytes(text.encode("utf-8"))
    responses, report = read_responses(path)
    assert report.rejected == 0
    assert [(d.respondent, d.partner, d.comment) for d in responses.declarations] == [
        ("=CCAS de Laon", 'Centre "social", Laon\nbis', "-5 personnes"), ("Médiathèque d'Étreux", "+Mairie", "")]


@needs_node
def test_the_mailto_link_fits_its_limit_by_dropping_rows_and_saying_so():
    rows = [{"repondant": "A", "partenaire": f"Partenaire {i} " + "x" * 60} for i in range(40)]
    link = _node("api.mailto('c@exemple.invalid', 'Objet', 'Bonjour', arg.columns, arg.rows, 1800)",
                 {"columns": list(SURVEY_COLUMNS), "rows": rows})
    assert len(link["href"]) <= 1800 and link["kept"] + link["missing"] == 40 and link["missing"] > 0
    assert link["href"].startswith("mailto:c@exemple.invalid?subject=Objet&body=")
    small = _node("api.mailto('c@exemple.invalid', 'Objet', 'Bonjour', arg.columns, arg.rows, 1800)",
                  {"columns": list(SURVEY_COLUMNS), "rows": rows[:2]})
    assert small["missing"] == 0
