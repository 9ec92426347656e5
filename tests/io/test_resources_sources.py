"""Resources read with each input (io.sources.read_source), gathered (gather_resources) and exported."""

from __future__ import annotations

from pathlib import Path

import pytest

from nec_network.demo import demo_path, load_demo, load_demo_resources
from nec_network.errors import ValidationError
from nec_network.io.export import export_ecosystem, export_summary
from nec_network.io.report import Report
from nec_network.io.resources import RESOURCES_FILE, gather_resources, read_resources
from nec_network.io.sources import SourceFile, read_source
from nec_network.io.template import write_template
from nec_network.model import Actor, Ecosystem
from nec_network.model.resource import Resource

LINE = Resource("Ligne fictive", ("demarches",), "01 23 45 67 89")
SITE = Resource("Site fictif", ("bases",), "https://exemple.invalid/site")


def test_gathering_keeps_order_and_merges_only_exact_duplicates():
    near = Resource("Ligne fictive", ("demarches",), "01 23 45 67 89", "décrite autrement")
    gathered = gather_resources([
        ((LINE, SITE), Report(rows_read=3, imported=2, rejected=1)),
        ((), Report()),  # an input without resources is not a file of resources
        ((SITE, near), Report(rows_read=2, imported=2)),
    ])
    assert gathered.resources == (LINE, SITE, near)
    assert (gathered.rows, gathered.rejected, gathered.duplicates, gathered.files) == (5, 1, 1, 2)
    assert gathered.rows - gathered.rejected - gathered.duplicates == len(gathered.resources)


def test_the_folder_model_gives_its_resources_with_its_ecosystem():
    read = read_source(SourceFile(demo_path()))
    assert read.resources == load_demo_resources()
    assert read.resources_report.rows_read == len(load_demo_resources())
    assert len(read.ecosystem) == len(load_demo())


def test_resources_of_a_data_inclusion_folder_are_read_and_checked_too(tmp_path):
    folder = tmp_path / "di"
    export_ecosystem(load_demo(), folder, to="inclusion")
    (folder / RESOURCES_FILE).write_text("nom,difficulte\nLigne fictive,demarches\n,bases\n", encoding="utf-8")
    read = read_source(SourceFile(folder))
    assert [r.nom for r in read.resources] == ["Ligne fictive"]
    assert [(p.row, p.column) for p in read.report.rejections] == [(3, "nom")]
    with pytest.raises(ValidationError, match="champ obligatoire vide : nom"):
        read_source(SourceFile(folder), strict=True)


def test_a_mapped_workbook_is_a_table_its_sheets_are_not_resources(tmp_path):
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.active.append(["identifiant", "nom_lieu", "insee"])
    workbook.active.append(["x1", "Médiathèque fictive", "80021"])
    workbook.create_sheet("ressources").append(["autre", "chose"])  # not ours: would miss « nom »
    path = tmp_path / "lieux.xlsx"
    workbook.save(path)
    mapping = tmp_path / "m.json"
    mapping.write_text('{"colonnes": {"id": "identifiant", "nom": "nom_lieu", "code_insee": "insee"}}',
                       encoding="utf-8")
    read = read_source(SourceFile(path, str(mapping)))
    assert len(read.ecosystem) == 1 and read.resources == () and read.resources_report.rows_read == 0


@pytest.mark.parametrize("name", ["modele", "modele.xlsx"])
def test_template_export_writes_resources_and_counts_the_rows_really_written(tmp_path, name):
    ecosystem = Ecosystem([Actor("a", "CCAS fictif", code_insee="80021")])
    result = export_ecosystem(ecosystem, tmp_path / name, to="modele", resources=(LINE, SITE))
    assert (result.resources, result.resources_written) == (2, 2)
    assert read_resources(tmp_path / name)[0] == (LINE, SITE)
    summary = export_summary(result, partnerships=0, left_out_file=None)
    assert "2 ressources sans lieu écrites sur 2" in summary


def test_other_formats_count_resources_they_cannot_carry(tmp_path):
    ecosystem = Ecosystem([Actor("a", "CCAS fictif", code_insee="80021", latitude=49.9, longitude=2.3)])
    result = export_ecosystem(ecosystem, tmp_path / "a.geojson", to="geojson", resources=(LINE,))
    assert (result.resources, result.resources_written) == (1, 0)
    summary = export_summary(result, partnerships=0, left_out_file=None)
    assert "1 ressource sans lieu (ressources.csv) non exportée : ce format ne porte pas les ressources" in summary
    assert "Ligne fictive" not in (tmp_path / "a.geojson").read_text(encoding="utf-8")


def test_write_template_writes_a_header_only_resources_file_when_asked_and_none_by_default(tmp_path):
    ecosystem = Ecosystem([Actor("a", "CCAS fictif")])
    write_template(ecosystem, tmp_path / "sans")
    assert not (tmp_path / "sans" / RESOURCES_FILE).exists()
    write_template(ecosystem, tmp_path / "vide", resources=())
    assert (tmp_path / "vide" / RESOURCES_FILE).read_text(encoding="utf-8").strip() == "nom,difficulte,lien,description,public"
    assert read_resources(Path(tmp_path / "vide"))[0] == ()
