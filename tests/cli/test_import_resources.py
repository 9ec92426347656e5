"""Resources (``ressources.csv``) travel through ``import`` and ``export``: read, merged, written, counted."""

from __future__ import annotations

import csv
import json
import re
import shutil
from pathlib import Path

import pytest

from nec_network.cli import main
from nec_network.demo import demo_path, load_demo_resources
from nec_network.io.resources import RESOURCE_COLUMNS, RESOURCES_FILE, read_resources

REAL = Path(__file__).parents[1] / "fixtures" / "real"
FS = REAL / "france-services-2022-12-extrait.csv"


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def _resources_line(out: str) -> str:
    return next(line for line in out.splitlines() if line.startswith("Ressources sans lieu"))


def _second_folder(tmp_path: Path) -> Path:
    """Three actors of the demo and its first two resources again, one new and two bad rows."""
    folder = tmp_path / "second"
    folder.mkdir()
    actors = (demo_path() / "acteurs.csv").read_text(encoding="utf-8").splitlines()
    (folder / "acteurs.csv").write_text("\n".join(actors[:4]) + "\n", encoding="utf-8")
    resources = (demo_path() / RESOURCES_FILE).read_text(encoding="utf-8").splitlines()
    (folder / RESOURCES_FILE).write_text(
        "\n".join(resources[:3]) + "\n"
        "Ligne nouvelle (fictive),bases,01 23 45 67 89,,\n"
        ",demarches,,,\n"
        "Sans difficulté (fictive),voyager,,,\n",
        encoding="utf-8",
    )
    return folder


def test_import_of_the_demo_writes_its_resources_and_says_so(tmp_path, capsys):
    out = tmp_path / "modele"
    assert main(["import", str(demo_path()), "-o", str(out)]) == 0
    line = _resources_line(capsys.readouterr().out)
    assert line == (f"Ressources sans lieu : 9 ressources lues (dans 1 fichier), 0 rejetée, 0 doublon exact réuni, "
                    f"9 écrites dans {out / RESOURCES_FILE}.")
    assert read_resources(out)[0] == load_demo_resources()


def test_several_sources_are_concatenated_exact_duplicates_once_bad_rows_rejected_with_their_place(tmp_path, capsys):
    out = tmp_path / "modele"
    assert main(["import", str(demo_path()), str(_second_folder(tmp_path)), f"{FS}:france-services",
                 "-o", str(out)]) == 0
    line = _resources_line(capsys.readouterr().out)
    read, files, rejected, duplicates, written = map(int, re.findall(r"\d+", line.split(" dans /")[0])[:5])
    assert (read, files, rejected, duplicates, written) == (9 + 5, 2, 2, 2, 10)
    assert read - rejected - duplicates == written == len(_rows(out / RESOURCES_FILE))
    names = [row["nom"] for row in _rows(out / RESOURCES_FILE)]
    assert names[:9] == [resource.nom for resource in load_demo_resources()]
    assert names[9:] == ["Ligne nouvelle (fictive)"]
    rejections = [(Path(r["fichier"]).name, r["ligne"], r["colonne"]) for r in _rows(out / "rejets.csv")]
    assert ("ressources.csv", "5", "nom") in rejections and ("ressources.csv", "6", "difficulte") in rejections


def test_inputs_without_resources_give_a_header_only_file_and_no_stale_one(tmp_path, capsys):
    out = tmp_path / "modele"
    assert main(["import", str(demo_path()), "-o", str(out)]) == 0
    capsys.readouterr()
    assert main(["import", f"{FS}:france-services", "-o", str(out)]) == 0
    assert "Ressources sans lieu" not in capsys.readouterr().out
    assert (out / RESOURCES_FILE).read_text(encoding="utf-8").splitlines() == [",".join(RESOURCE_COLUMNS)]


def test_a_workbook_model_carries_the_resources_in_its_sheet(tmp_path, capsys):
    workbook = tmp_path / "modele.xlsx"
    assert main(["import", str(demo_path()), "-o", str(workbook)]) == 0
    assert f"9 écrites dans {workbook} (feuille « ressources »)." in capsys.readouterr().out
    assert read_resources(workbook)[0] == load_demo_resources()
    folder = tmp_path / "depuis-classeur"
    assert main(["import", str(workbook), "-o", str(folder)]) == 0
    assert read_resources(folder)[0] == load_demo_resources()


def test_export_to_the_model_writes_the_resources_and_counts_them(tmp_path, capsys):
    out = tmp_path / "copie"
    assert main(["export", str(demo_path()), "--to", "modele", "-o", str(out)]) == 0
    assert f"9 ressources sans lieu écrites sur 9 : {out / RESOURCES_FILE}." in capsys.readouterr().out
    assert read_resources(out)[0] == load_demo_resources()


@pytest.mark.parametrize(("target", "name"), [("mednum", "lieux.csv"), ("inclusion", "di"), ("geojson", "lieux.geojson"),
                                              ("graphml", "reseau.graphml"), ("gexf", "reseau.gexf")])
def test_formats_without_resources_say_they_left_them_out_and_publish_none(tmp_path, capsys, target, name):
    output = tmp_path / name
    assert main(["export", str(demo_path()), "--to", target, "-o", str(output)]) == 0
    out = capsys.readouterr().out
    assert ("9 ressources sans lieu (ressources.csv) non exportées : ce format ne porte pas les ressources ; "
            "elles restent dans le modèle lu.") in out
    written = [output] if output.is_file() else sorted(output.iterdir())
    text = "".join(path.read_text(encoding="utf-8") for path in written)
    assert not any(resource.nom in text or json.dumps(resource.nom)[1:-1] in text
                   for resource in load_demo_resources())


def test_a_model_without_resources_exports_without_a_resources_line(tmp_path, capsys):
    model = tmp_path / "sans"
    shutil.copytree(demo_path(), model, ignore=shutil.ignore_patterns(RESOURCES_FILE, "__init__.py"))
    assert main(["export", str(model), "--to", "mednum", "-o", str(tmp_path / "lieux.csv")]) == 0
    assert main(["export", str(model), "--to", "modele", "-o", str(tmp_path / "copie")]) == 0
    assert "ressource" not in capsys.readouterr().out
