"""Reading survey answers: the page's file, a long table, a wide form export (nec_network.io.survey)."""

from __future__ import annotations

from pathlib import Path

import pytest

from nec_network.errors import DataError, MappingError
from nec_network.io.survey import read_responses
from nec_network.model.vocabularies import SURVEY_COLUMNS
from nec_network.model.dates import PartialDate

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "enquete"


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_long_table_rows_become_declarations_with_dates_types_and_directions(tmp_path):
    path = _write(tmp_path / "r.csv", (
        "repondant,partenaire,type,debut,fin,evenement,frequence,commentaire\n"
        "CCAS de Laon,Mission locale de Laon,orientation,2024-03,,nec-2025,Chaque mois,accueil commun\n"
        "CCAS de Laon,Département de l'Aisne,Ils nous financent,2020,2024,,,\n"
        "CCAS de Laon,Centre social de Laon,,,,,,\n"
    ))
    responses, report = read_responses(path)
    first, second, third = responses.declarations
    assert (first.type, first.direction, first.debut, first.evenement, first.frequency) == (
        "orientation", "vers_partenaire", PartialDate(2024, 3), "nec-2025", "mensuelle")
    assert first.note() == "fréquence : chaque mois ; accueil commun"
    assert (second.type, second.direction, second.fin) == ("financement", "du_partenaire", PartialDate(2024))
    assert third.type == "partenariat"
    assert [r.name for r in responses.respondents] == ["CCAS de Laon"]
    assert (report.rows_read, report.imported, report.rejected) == (3, 3, 0)


def test_an_answer_without_partner_counts_as_a_response_not_a_relation(tmp_path):
    path = _write(tmp_path / "r.csv", "repondant,partenaire\nCentre social de Laon,\n")
    responses, report = read_responses(path)
    assert responses.declarations == () and len(responses.respondents) == 1
    assert report.imported == 1


@pytest.mark.parametrize(("row", "column", "reason"), [
    ("A,B,partenariat,2025-13-01,,", "debut", "mois 13 impossible"),
    ("A,B,partenariat,2024,2022,", "fin", "fin (2022) avant le début (2024)"),
    ("A,B,partenariat,2026-05,,2026-01-10", "debut", "après la réponse qui la déclare"),
    ("A,B,amitié,,,", "type", "type de relation inconnu : « amitié »"),
    (",B,partenariat,,,", "repondant", "répondant manquant"),
    ("A,,partenariat,2020,,", "partenaire", "partenaire manquant"),
])
def test_bad_rows_are_rejected_naming_file_row_and_column(tmp_path, row, column, reason):
    path = _write(tmp_path / "r.csv", f"repondant,partenaire,type,debut,fin,date_reponse\nA,C,,,,\n{row}\n")
    responses, report = read_responses(path)
    assert len(responses.declarations) == 1 and report.rejected == 1
    problem = report.rejections[0]
    assert (problem.file, problem.row, problem.column) == (str(path), 3, column)
    assert reason in problem.message


def test_trust_and_contributions_are_checked_and_kept_in_the_note(tmp_path):
    path = _write(tmp_path / "r.csv", (
        "repondant,partenaire,fiabilite,ouverture,apports\nA,B,4,2,savoir_faire|Un financement\nA,C,5,,\n"))
    responses, report = read_responses(path)
    assert responses.declarations[0].note() == "fiabilite : 4/4 ; ouverture : 2/4 ; apports : savoir_faire, financement"
    assert report.rejections[0].column == "fiabilite" and report.rejections[0].row == 3


def test_a_file_without_the_required_columns_is_refused_in_french(tmp_path):
    path = _write(tmp_path / "r.csv", "nom,commune\nA,Laon\n")
    with pytest.raises(DataError, match="colonnes repondant, partenaire manquantes"):
        read_responses(path)


def test_the_page_columns_are_a_superset_of_the_long_table():
    from nec_network.io.survey import LONG_COLUMNS

    assert set(LONG_COLUMNS) <= set(SURVEY_COLUMNS)


def test_a_wide_form_export_is_read_through_its_survey_mapping():
    responses, report = read_responses(FIXTURES / "formulaire-large.csv", FIXTURES / "formulaire-large.json")
    pairs = [(d.respondent, d.partner, d.type, d.direction, d.frequency) for d in responses.declarations]
    assert pairs == [
        ("Mediatheque de Soissons", "CCAS de Soissons", "partenariat", "vers_partenaire", "hebdomadaire"),
        ("Mediatheque de Soissons", "Centre social Soissons", "orientation", "du_partenaire", "mensuelle"),
        ("CCAS de Soissons", "Médiathèque de Soissons", "partenariat", "vers_partenaire", "mensuelle"),
    ]
    assert responses.declarations[0].answered == PartialDate(2026, 1, 15)
    assert len(responses.respondents) == 4  # the social centre answered without any partner
    # The export's own columns and lines are named in the errors.
    assert sorted((p.row, p.column) for p in report.rejections) == [
        (5, "Depuis quand (1)"), (5, "Relation avec le partenaire 2")]
    assert report.rows_read == report.imported + report.rejected


def test_a_mapping_without_the_survey_part_is_refused(tmp_path):
    mapping = _write(tmp_path / "m.json", '{"colonnes": {"nom": "Nom"}}')
    with pytest.raises(MappingError, match="pas une correspondance d'enquête"):
        read_responses(FIXTURES / "formulaire-large.csv", mapping)


SHIPPED = Path(__file__).resolve().parents[2] / "data" / "mappings" / "enquete-formulaire.json"


def test_the_shipped_form_mapping_reads_an_export_with_the_page_phrases(tmp_path):
    export = _write(tmp_path / "export.csv", (
        "Horodateur,Nom de votre structure,Commune de votre structure,Partenaire 1,Commune du partenaire 1,"
        "Relation avec le partenaire 1,Depuis quand (partenaire 1),Fréquence (partenaire 1),Commentaire (partenaire 1)\n"
        "2026-02-01 09:30:00,CCAS de Laon,Laon,Mission locale de Laon,Laon,Nous leur orientons des personnes,"
        "2022,Tous les mois,accueil commun\n"))
    from nec_network.io.survey_wide import is_survey_mapping

    assert is_survey_mapping(SHIPPED)
    responses, report = read_responses(export, SHIPPED)
    (declaration,) = responses.declarations
    assert (declaration.partner, declaration.type, declaration.direction, declaration.frequency, declaration.debut) == (
        "Mission locale de Laon", "orientation", "vers_partenaire", "mensuelle", PartialDate(2022))
    assert report.rejected == 0


def test_a_persons_own_table_keeps_its_quotes_the_page_file_gets_its_own_taken_off(tmp_path):
    own = _write(tmp_path / "long.csv", "repondant,partenaire,commentaire\nA,B,'=1+1\n")
    assert read_responses(own)[0].declarations[0].comment == "'=1+1"
    page = _write(tmp_path / "page.csv", ",".join(SURVEY_COLUMNS) + "\n" + ",A,,,B,,,,,,,,,,,,'=1+1,\n")
    assert read_responses(page)[0].declarations[0].comment == "=1+1"
