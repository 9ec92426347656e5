"""ressources.csv: read and checked like the other files of the folder model, written by template."""

from __future__ import annotations

import pytest

from nec_network.errors import DataError
from nec_network.io import read_ecosystem
from nec_network.io.resources import RESOURCES_FILE, read_resources, write_resources
from nec_network.io.template import write_empty_template
from nec_network.model.resource import Resource


def test_resources_are_read_with_difficulty_codes_labels_or_services(tmp_path):
    (tmp_path / RESOURCES_FILE).write_text(
        "nom,difficulte,lien,description,public\n"
        "Ligne fictive,Faire une démarche en ligne|securite,01 23 45 67 89,Une ligne,Seniors\n"
        "Site fictif,Aide aux démarches administratives,https://exemple.invalid/x,,\n",
        encoding="utf-8",
    )
    resources, report = read_resources(tmp_path)
    assert resources == (
        Resource(
            "Ligne fictive", ("demarches", "securite"), "01 23 45 67 89", "Une ligne", ("Seniors",)
        ),
        Resource("Site fictif", ("demarches",), "https://exemple.invalid/x"),
    )
    assert resources[0].is_phone and not resources[1].is_phone
    assert report.imported == 2 and not report.problems


def test_bad_rows_are_named_by_file_row_and_column_never_dropped_silently(tmp_path):
    (tmp_path / RESOURCES_FILE).write_text(
        "nom,difficulte,lien,description,public\n"
        ",demarches,,,\n"
        "Sans difficulté,voyager,,,\n"
        "Lien douteux,demarches,javascript:alert(1),,Martiens\n",
        encoding="utf-8",
    )
    resources, report = read_resources(tmp_path)
    assert [resource.nom for resource in resources] == ["Lien douteux"]
    assert resources[0].lien == "" and resources[0].publics == ()
    located = {(problem.row, problem.column) for problem in report.problems}
    assert {(2, "nom"), (3, "difficulte"), (4, "lien"), (4, "public")} <= located
    assert report.rejected == 2 and report.rows_read == 3
    assert all(problem.file.endswith(RESOURCES_FILE) for problem in report.problems)


def test_missing_required_column_is_a_french_error(tmp_path):
    (tmp_path / RESOURCES_FILE).write_text("nom,lien\nA,\n", encoding="utf-8")
    with pytest.raises(DataError, match="difficulte"):
        read_resources(tmp_path)


def test_no_file_means_no_resource(tmp_path):
    assert read_resources(tmp_path)[0] == ()


def test_template_writes_a_fictional_example_and_validate_reports_resource_problems(tmp_path):
    folder = write_empty_template(tmp_path / "modele")
    resources, report = read_resources(folder)
    assert len(resources) == 1 and "EXEMPLE" in resources[0].nom and ".invalid" in resources[0].lien
    assert not report.problems
    assert "ressources.csv" in (folder / "LISEZ-MOI.md").read_text(encoding="utf-8")
    with (folder / RESOURCES_FILE).open("a", encoding="utf-8") as stream:
        stream.write("Autre,inconnue,,,\r\n")
    _, ecosystem_report = read_ecosystem(folder)
    assert any(problem.column == "difficulte" for problem in ecosystem_report.errors)


def test_round_trip(tmp_path):
    resources = (
        Resource("A", ("bases", "emploi"), "https://exemple.invalid", "d", ("Jeunes", "Surdité")),
    )
    write_resources(resources, tmp_path)
    assert read_resources(tmp_path)[0] == resources


def test_a_formula_typed_in_a_resource_is_written_inert_and_read_back_exactly(tmp_path):
    resources = (Resource('=HYPERLINK("http://evil.invalid","x")', ("bases",), "", "@SUM(1+1)"),)
    write_resources(resources, tmp_path)
    text = (tmp_path / RESOURCES_FILE).read_text(encoding="utf-8")
    assert "\n'=HYPERLINK" in text.replace('"', "") or "'=HYPERLINK" in text
    assert read_resources(tmp_path)[0] == resources


def test_workbook_template_has_a_resources_sheet_read_and_checked_like_the_folder(tmp_path):
    import openpyxl

    workbook_path = write_empty_template(tmp_path / "modele.xlsx")
    resources, report = read_resources(workbook_path)
    assert [r.nom for r in resources] == ["Ligne d'aide numérique fictive (EXEMPLE À SUPPRIMER)"]
    workbook = openpyxl.load_workbook(workbook_path)
    assert workbook.sheetnames == ["acteurs", "partenariats", "evenements", "ressources", "lisez-moi"]
    workbook["ressources"].append(["Autre", "inconnue", "", "", ""])
    workbook.save(workbook_path)
    _, ecosystem_report = read_ecosystem(workbook_path)
    located = [(p.file, p.row, p.column) for p in ecosystem_report.errors]
    assert (f"{workbook_path}#ressources", 3, "difficulte") in located
