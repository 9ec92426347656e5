"""``nec-network validate`` takes its inputs as ``import`` does: ``FICHIER:CORRESPONDANCE``, several files."""

from __future__ import annotations

from pathlib import Path

from nec_network.cli import main
from nec_network.demo import demo_path
from nec_network.io.resources import RESOURCES_FILE

REAL = Path(__file__).parents[1] / "fixtures" / "real"
FS = REAL / "france-services-2022-12-extrait.csv"
CNFS = REAL / "cnfs-lieux-v0-extrait.json"


def test_a_file_with_its_builtin_mapping_is_checked_not_missing(capsys):
    main(["validate", f"{FS}:france-services"])
    out = capsys.readouterr().out
    assert "introuvable" not in out
    assert f"{FS}:france-services : 508 lignes lues : 508 importées" in out
    assert "colonne « code_postal »" in out  # located problems of the real list


def test_a_json_mapping_file_is_accepted_too(tmp_path, capsys):
    mapping = tmp_path / "ma-correspondance.json"
    mapping.write_text('{"colonnes": {"id": "id_fs", "nom": "lib_fs", "code_insee": "insee_com", "commune": "lib_com"}}', encoding="utf-8")
    main(["validate", f"{FS}:{mapping}"])
    out = capsys.readouterr().out
    assert "fichier introuvable" not in out and f"{FS}:{mapping} : 508 lignes lues" in out


def test_several_inputs_each_with_its_own_format_or_mapping(capsys):
    code = main(["validate", str(CNFS), f"{FS}:france-services", str(demo_path())])
    out = capsys.readouterr().out
    assert code == 1  # the real files have errors
    assert f"{CNFS} : 36 lignes lues" in out
    assert f"{FS}:france-services : 508 lignes lues" in out
    assert f"{demo_path()} : 932 lignes lues" in out
    assert f"{demo_path()} : ressources sans lieu, 9 lignes lues : 9 importées" in out


def test_mapping_and_format_apply_to_every_file_checked_unless_it_names_its_own(tmp_path, capsys):
    other = tmp_path / "autre-liste.csv"
    other.write_bytes(FS.read_bytes())
    main(["validate", str(FS), str(other), "--mapping", "france-services"])
    out = capsys.readouterr().out
    assert f"{FS} : 508 lignes lues" in out and f"{other} : 508 lignes lues" in out
    main(["validate", str(CNFS), str(CNFS), "--format", "mednum"])
    assert capsys.readouterr().out.count(f"{CNFS} : 36 lignes lues") == 2


def test_import_of_several_files_wants_each_mapping_beside_its_file(tmp_path, capsys):
    assert main(["import", str(CNFS), str(FS), "--mapping", "france-services", "-o", str(tmp_path / "x")]) == 2
    assert "FICHIER:CORRESPONDANCE" in capsys.readouterr().err


def test_the_import_hint_is_a_validate_command_that_works(tmp_path, capsys):
    assert main(["import", f"{FS}:france-services", "-o", str(tmp_path / "modele")]) == 0
    hint = capsys.readouterr().out.splitlines()[0].split("Détail : nec-network ")[1]
    assert hint == f"validate {FS}:france-services"
    main(hint.split(" ", 1))
    assert "508 lignes lues" in capsys.readouterr().out


def test_bad_resource_rows_of_any_folder_are_located(tmp_path, capsys):
    folder = tmp_path / "modele"
    main(["template", "-o", str(folder)])
    with (folder / RESOURCES_FILE).open("a", encoding="utf-8") as stream:
        stream.write(",demarches,,,\nLigne fictive,bases,javascript:alert(1),,\n")
    capsys.readouterr()
    assert main(["validate", str(folder)]) == 1
    out = capsys.readouterr().out
    assert f"{folder / RESOURCES_FILE}, ligne 3, colonne « nom » : champ obligatoire vide : nom" in out
    assert f"{folder / RESOURCES_FILE}, ligne 4, colonne « lien »" in out
    assert f"{folder} : ressources sans lieu, 3 lignes lues : 2 importées (dont 0 corrigée), 1 rejetée" in out
