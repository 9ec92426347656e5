"""Personae (``personae.json``) travel through ``import`` and ``export``: put together, re-pointed, written, said."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from nec_network.cli import main
from nec_network.demo import demo_path
from nec_network.io.personae import PERSONAE_FILE, read_personae

DEMO_PERSONAE = demo_path() / PERSONAE_FILE
ADMIN = "Aide aux démarches administratives"


def _records(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))


def _second_folder(tmp_path: Path) -> Path:
    """The demo's Mission locale d'Amiens again under another id, and personae: one identical to the
    demo's, one different under a demo id, one new whose first contact is the duplicate."""
    folder = tmp_path / "second"
    folder.mkdir()
    lines = (demo_path() / "acteurs.csv").read_text(encoding="utf-8").splitlines()
    mission = next(line for line in lines if line.startswith("mission-locale-amiens,"))
    (folder / "acteurs.csv").write_text(lines[0] + "\n" + mission.replace("mission-locale-amiens,", "ml-amiens,", 1)
                                        + "\n", encoding="utf-8")
    demo = _records(DEMO_PERSONAE)
    other = dict(demo[1], nom="Un autre Dylan, même identifiant")
    new = {"id": "nouveau", "nom": "Nadia, nouvelle venue", "code_insee": "80021", "besoins": [ADMIN],
           "premier_contact": "ml-amiens"}
    (folder / PERSONAE_FILE).write_text(json.dumps([demo[0], other, new], ensure_ascii=False), encoding="utf-8")
    return folder


def test_import_of_the_demo_writes_its_personae_unchanged_and_says_so(tmp_path, capsys):
    out = tmp_path / "modele"
    assert main(["import", str(demo_path()), "-o", str(out)]) == 0
    assert f"Personae : 5 repris dans {out / PERSONAE_FILE}." in capsys.readouterr().out.splitlines()
    assert read_personae(out / PERSONAE_FILE) == read_personae(DEMO_PERSONAE)
    assert (out / PERSONAE_FILE).read_bytes() == DEMO_PERSONAE.read_bytes()
    assert main(["journey", str(out), "--persona", "Dylan"]) == 0
    assert "Mission locale d'Amiens" in capsys.readouterr().out


def test_two_folders_identical_once_conflict_reported_contact_follows_the_merge(tmp_path, capsys):
    out = tmp_path / "modele"
    assert main(["import", str(demo_path()), str(_second_folder(tmp_path)), "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "Doublons : 1 groupe fusionné" in printed  # the second Mission locale merged into the demo's
    assert (f"Personae : 6 repris dans {out / PERSONAE_FILE} (8 lus dans 2 fichiers : 1 identique réuni ; "
            "1 laissé de côté, identifiant déjà pris).") in printed
    assert "« jeune-demandeur-emploi-somme » de " in printed and "second/personae.json" in printed
    written = {persona.id: persona for persona in read_personae(out / PERSONAE_FILE)}
    demo = {persona.id: persona for persona in read_personae(DEMO_PERSONAE)}
    assert list(written) == [*demo, "nouveau"]
    assert written["jeune-demandeur-emploi-somme"] == demo["jeune-demandeur-emploi-somme"]
    assert written["nouveau"].premier_contact == "mission-locale-amiens"
    assert main(["journey", str(out), "--persona", "Nadia"]) == 0


def test_keeping_duplicates_keeps_the_contact_on_its_own_record(tmp_path, capsys):
    out = tmp_path / "modele"
    assert main(["import", str(demo_path()), str(_second_folder(tmp_path)), "--garder-doublons", "-o", str(out)]) == 0
    written = {persona.id: persona for persona in read_personae(out / PERSONAE_FILE)}
    assert written["nouveau"].premier_contact == "ml-amiens"


def test_a_contact_left_outside_the_territory_is_cleared_and_said(tmp_path, capsys):
    out = tmp_path / "aisne"
    assert main(["import", str(demo_path()), "--departements", "02", "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "Premier contact effacé pour 3 personae" in printed
    assert "« jeune-demandeur-emploi-somme » (contact « mission-locale-amiens »)" in printed
    written = read_personae(out / PERSONAE_FILE)
    assert len(written) == 5  # personae living elsewhere are kept: the commands filter them
    contacts = {persona.id: persona.premier_contact for persona in written}
    assert contacts["jeune-demandeur-emploi-somme"] is None
    assert all(contact is None or contact in (out / "acteurs.csv").read_text(encoding="utf-8")
               for contact in contacts.values())


def test_a_bad_record_is_rejected_and_listed_and_strict_stops_the_import(tmp_path, capsys):
    folder = tmp_path / "source"
    shutil.copytree(demo_path(), folder, ignore=shutil.ignore_patterns("__init__.py"))
    records = _records(folder / PERSONAE_FILE)
    records[2]["mobilite"] = "trottinette"
    (folder / PERSONAE_FILE).write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "modele"
    assert main(["import", str(folder), "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "Personae : 4 repris" in printed and "1 rejeté, voir rejets.csv" in printed
    rejections = (out / "rejets.csv").read_text(encoding="utf-8")
    assert "personae.json,3,mobilite,trottinette" in rejections
    assert len(read_personae(out / PERSONAE_FILE)) == 4
    assert main(["import", str(folder), "--strict", "-o", str(tmp_path / "strict")]) != 0
    error = capsys.readouterr().err
    assert "personae.json" in error and "mobilite" in error and "Traceback" not in error


def test_an_existing_personae_file_is_not_replaced_without_force(tmp_path, capsys):
    out = tmp_path / "modele"
    assert main(["import", str(demo_path()), "-o", str(out)]) == 0
    (out / PERSONAE_FILE).write_text("[]", encoding="utf-8")  # changed by hand since
    assert main(["import", str(demo_path()), "-o", str(out)]) != 0
    assert "personae.json" in capsys.readouterr().err
    assert (out / PERSONAE_FILE).read_text(encoding="utf-8") == "[]"
    assert main(["import", str(demo_path()), "-o", str(out), "--force"]) == 0
    assert read_personae(out / PERSONAE_FILE) == read_personae(DEMO_PERSONAE)
    workbook = tmp_path / "modele.xlsx"
    (tmp_path / "modele-personae.json").write_text("[]", encoding="utf-8")
    assert main(["import", str(demo_path()), "-o", str(workbook)]) != 0
    assert not workbook.exists()


def test_a_workbook_gets_its_personae_beside_it_and_exports_them_back(tmp_path, capsys):
    workbook = tmp_path / "modele.xlsx"
    assert main(["import", str(demo_path()), "-o", str(workbook)]) == 0
    assert f"Personae : 5 repris dans {tmp_path / 'modele-personae.json'}." in capsys.readouterr().out
    assert main(["export", str(workbook), "--to", "modele", "-o", str(tmp_path / "dossier")]) == 0
    assert read_personae(tmp_path / "dossier" / PERSONAE_FILE) == read_personae(DEMO_PERSONAE)


def test_a_stale_personae_file_is_emptied_when_the_inputs_have_none(tmp_path, capsys):
    out = tmp_path / "modele"
    assert main(["import", str(demo_path()), "-o", str(out)]) == 0
    bare = tmp_path / "sans"
    shutil.copytree(demo_path(), bare, ignore=shutil.ignore_patterns(PERSONAE_FILE, "__init__.py"))
    capsys.readouterr()
    assert main(["import", str(bare), "-o", str(out)]) == 0
    assert "remplacé par une liste vide" in capsys.readouterr().out
    assert _records(out / PERSONAE_FILE) == []
    assert main(["import", str(bare), "-o", str(tmp_path / "neuf")]) == 0
    assert "Personae" not in capsys.readouterr().out
    assert not (tmp_path / "neuf" / PERSONAE_FILE).exists()


def test_export_to_the_model_carries_the_personae(tmp_path, capsys):
    out = tmp_path / "copie"
    assert main(["export", str(demo_path()), "--to", "modele", "-o", str(out)]) == 0
    assert f"Personae : 5 repris dans {out / PERSONAE_FILE}." in capsys.readouterr().out
    assert (out / PERSONAE_FILE).read_bytes() == DEMO_PERSONAE.read_bytes()
    (out / PERSONAE_FILE).write_text("[]", encoding="utf-8")
    assert main(["export", str(demo_path()), "--to", "modele", "-o", str(out)]) != 0
    assert _records(out / PERSONAE_FILE) == []


@pytest.mark.parametrize(("target", "name"), [("mednum", "lieux.csv"), ("inclusion", "di"), ("geojson", "lieux.geojson"),
                                              ("graphml", "reseau.graphml"), ("gexf", "reseau.gexf")])
def test_other_formats_say_the_personae_file_is_not_exported(tmp_path, capsys, target, name):
    output = tmp_path / name
    assert main(["export", str(demo_path()), "--to", target, "-o", str(output)]) == 0
    assert (f"Le fichier des personae ({DEMO_PERSONAE}) n'est pas exporté : ce format ne porte pas les personae ; "
            "il reste dans le modèle lu.") in capsys.readouterr().out.splitlines()
    written = [output] if output.is_file() else sorted(output.iterdir())
    assert not any("Jeannine" in path.read_text(encoding="utf-8") for path in written)


def test_a_model_without_personae_exports_without_a_personae_line(tmp_path, capsys):
    model = tmp_path / "sans"
    shutil.copytree(demo_path(), model, ignore=shutil.ignore_patterns(PERSONAE_FILE, "__init__.py"))
    assert main(["export", str(model), "--to", "mednum", "-o", str(tmp_path / "lieux.csv")]) == 0
    assert main(["export", str(model), "--to", "modele", "-o", str(tmp_path / "copie")]) == 0
    printed = capsys.readouterr().out
    assert "Personae" not in printed and "fichier des personae" not in printed
    assert not (tmp_path / "copie" / PERSONAE_FILE).exists()


def test_export_and_validate_name_a_bad_record_and_export_keeps_the_others(tmp_path, capsys):
    folder = tmp_path / "source"
    shutil.copytree(demo_path(), folder, ignore=shutil.ignore_patterns("__init__.py"))
    records = _records(folder / PERSONAE_FILE)
    records[1]["besoins"] = ["Yoga"]
    (folder / PERSONAE_FILE).write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "copie"
    assert main(["export", str(folder), "--to", "modele", "-o", str(out)]) == 0
    printed = capsys.readouterr()
    assert f"Personae : 4 repris sur 5 (1 rejeté, motif en erreur standard) dans {out / PERSONAE_FILE}." in printed.out
    assert "personae.json, ligne 2, colonne « besoins » : valeur inconnue « Yoga »" in printed.err
    assert [p.id for p in read_personae(out / PERSONAE_FILE)] == [r["id"] for r in records if r is not records[1]]
    assert main(["validate", str(folder)]) == 1
    assert "valeur inconnue « Yoga »" in capsys.readouterr().out
