"""No Python traceback, ever: every command against a table of bad outputs and bad inputs.

Each case runs the command in-process (``main``) and expects a non-zero exit
code and exactly one French line on standard error, starting with
``Erreur :`` — never a traceback, never the last-resort « Erreur inattendue »
(which would mean a cause left unfixed).
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from nec_network.cli import build_parser, main
from nec_network.demo import demo_path

#: Every command and the arguments it needs besides its input and output.
COMMANDS: dict[str, list[str]] = {
    "communes": ["--departements", "80"],
    "import": ["INPUT"],
    "export": ["INPUT", "--to", "geojson"],
    "validate": ["INPUT"],
    "template": [],
    "geocode": ["INPUT", "--offline", "--cache", "CACHE"],
    "coverage": ["INPUT"],
    "gaps": ["INPUT"],
    "recommend": ["INPUT", "--k", "2"],
    "suggest": ["INPUT"],
    "journey": ["INPUT", "--persona", "Jeannine"],
    "analyse": ["INPUT"],
    "evolution": ["INPUT"],
    "preparer-evenement": ["INPUT"],
    "network": ["INPUT"],
    "map": ["INPUT"],
    "report": ["INPUT"],
    "site": ["INPUT"],
    "orientation": ["INPUT"],
    "enquete": ["INPUT", "--contact", "coordination@exemple.invalid"],
    "demo": [],
}
#: Commands writing one file with -o (the others write a folder, or nothing).
FILE_OUTPUT = {
    "communes", "export", "coverage", "gaps", "recommend", "suggest", "network", "map", "report", "orientation",
    "enquete",
}
FOLDER_OUTPUT = {"import", "template", "analyse", "site", "demo", "geocode", "evolution", "preparer-evenement"}
#: Commands that read an actors' folder or file.
READERS = [name for name, arguments in COMMANDS.items() if "INPUT" in arguments]


def test_the_table_covers_every_command():
    parser = build_parser()
    commands = next(action for action in parser._actions if action.dest == "command").choices
    assert set(commands) == set(COMMANDS)
    assert {name for name in COMMANDS if name not in ("validate", "journey")} == FILE_OUTPUT | FOLDER_OUTPUT


@pytest.fixture(scope="module")
def workspace(tmp_path_factory) -> dict[str, Path]:
    """A valid template, an existing file and folder, links to them, named pipes (never a system device)."""
    root = tmp_path_factory.mktemp("bad")
    model = root / "modele"
    shutil.copytree(demo_path(), model)
    (root / "fichier.txt").write_text("à ne pas écraser\n", encoding="utf-8")
    (root / "dossier").mkdir()
    (root / "dossier" / "notes.txt").write_text("à garder\n", encoding="utf-8")
    (root / "lien.csv").symlink_to(root / "fichier.txt")
    (root / "lien").symlink_to(root / "dossier")
    os.mkfifo(root / "tube.csv")
    os.mkfifo(root / "tube")
    cache = root / "cache.sqlite"
    sqlite3.connect(cache).close()
    return {"root": root, "model": model, "cache": cache}


def run(argv: list[str], capsys) -> tuple[int, str]:
    code = main(argv)
    err = capsys.readouterr().err
    return code, err


def assert_one_french_line(code: int, err: str) -> None:
    lines = [line for line in err.splitlines() if line.strip()]
    assert code in (1, 2), err
    assert "Traceback" not in err
    assert "inattendue" not in err, err
    assert len(lines) == 1, err
    assert lines[0].startswith("Erreur : "), err


def _argv(command: str, workspace: dict[str, Path], *, source: Path, output: Path | None) -> list[str]:
    argv = [command]
    for argument in COMMANDS[command]:
        argv.append(
            str(source) if argument == "INPUT" else str(workspace["cache"]) if argument == "CACHE" else argument
        )
    if output is not None:
        argv += ["-o", str(output)]
    return argv


def _bad_outputs(command: str, root: Path) -> dict[str, tuple[Path, bool]]:
    """Label → (output, refused even with --force)."""
    if command in FILE_OUTPUT:
        return {
            "fichier d'autrui": (root / "fichier.txt", False),
            "dossier au lieu d'un fichier": (root / "dossier", True),
            "lien symbolique": (root / "lien.csv", True),
            "tube nommé": (root / "tube.csv", True),
            "sous un fichier": (root / "fichier.txt" / "sous-dossier" / "sortie.csv", True),
        }
    outputs = {
        "dossier d'autrui": (root / "dossier", False),
        "fichier au lieu d'un dossier": (root / "fichier.txt", True),
        "lien symbolique": (root / "lien", True),
        "tube nommé": (root / "tube", True),
        "sous un fichier": (root / "fichier.txt" / "sous-dossier" / "sortie", True),
        "nom de fichier pour un dossier": (root / "nouveau.csv", True),
    }
    return outputs


def _untouched(root: Path) -> None:
    assert (root / "fichier.txt").read_text(encoding="utf-8") == "à ne pas écraser\n"
    assert sorted(path.name for path in (root / "dossier").iterdir()) == ["notes.txt"]
    assert (root / "lien.csv").is_symlink() and (root / "lien").is_symlink()
    assert (root / "tube.csv").is_fifo() and (root / "tube").is_fifo()
    assert not (root / "nouveau.csv").exists()
    assert not [path.name for path in root.iterdir() if path.name.endswith(".tmp")]  # no temporary left


@pytest.mark.parametrize("command", sorted(FILE_OUTPUT | FOLDER_OUTPUT))
def test_bad_outputs_give_one_french_line_and_touch_nothing(command, workspace, capsys):
    root = workspace["root"]
    for label, (output, always) in _bad_outputs(command, root).items():
        for force in ([], ["--force"]) if always else ([],):
            code, err = run(_argv(command, workspace, source=workspace["model"], output=output) + force, capsys)
            assert_one_french_line(code, err)
            shown = output if label != "sous un fichier" else root / "fichier.txt"
            assert str(shown) in err, (label, err)
            if not always:
                assert "--force" in err, (label, err)
    _untouched(root)


def _bad_inputs(workspace: dict[str, Path]) -> dict[str, tuple[Path, list[str]]]:
    """Label → (input, extra options): inputs every reader must refuse in French."""
    root = workspace["root"]
    inputs: dict[str, tuple[Path, list[str]]] = {}
    inputs["absent"] = (root / "absent", [])
    (root / "vide").mkdir(exist_ok=True)
    inputs["dossier vide"] = (root / "vide", [])
    deep = root / "profond.json"
    deep.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    inputs["JSON très imbriqué"] = (deep, [])
    garbage = root / "binaire.xlsx"
    garbage.write_bytes(b"PK\x03\x04" + bytes(range(256)) * 4)
    inputs["classeur abîmé"] = (garbage, [])
    fifo = root / "entree.csv"
    if not fifo.exists():
        os.mkfifo(fifo)
    inputs["tube nommé"] = (fifo, [])
    binary = root / "binaire.csv"
    binary.write_bytes(bytes(range(256)) * 40)
    inputs["binaire renommé .csv"] = (binary, [])
    renamed = root / "classeur.csv"
    renamed.write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    inputs["archive renommée .csv"] = (renamed, [])
    inputs["au-delà de la taille (limite abaissée)"] = (workspace["model"], ["--limite-taille", "0.001"])
    inputs["au-delà des lignes (limite abaissée)"] = (workspace["model"], ["--limite-lignes", "5"])
    return inputs


@pytest.mark.parametrize("command", READERS)
def test_bad_inputs_give_one_french_line_naming_the_file(command, workspace, tmp_path, capsys):
    for label, (source, options) in _bad_inputs(workspace).items():
        name = "sortie" if command in FOLDER_OUTPUT else "sortie.csv"
        if command == "geocode" and source.suffix == ".xlsx":
            name = "sortie.xlsx"  # a workbook is geocoded into a workbook: the output is right, the input not
        output = tmp_path / label.replace(" ", "-") / name
        writes = command not in ("validate", "journey")
        code = main(_argv(command, workspace, source=source, output=output if writes else None) + options)
        captured = capsys.readouterr()
        if command == "validate":
            # validate reports on stdout and says so with its exit code.
            assert code == 1 and "Traceback" not in captured.err and "inattendue" not in captured.out, label
            assert str(source) in captured.out, (label, captured.out)
        else:
            assert_one_french_line(code, captured.err)
            assert str(source) in captured.err, (label, captured.err)
        assert not output.exists(), label  # no partial output
    assert (workspace["root"] / "entree.csv").is_fifo()


def test_a_utf16_model_is_read_like_utf8(workspace, tmp_path, capsys):
    model = tmp_path / "utf16"
    shutil.copytree(workspace["model"], model)
    for name in ("acteurs.csv", "partenariats.csv"):
        text = (model / name).read_text(encoding="utf-8")
        (model / name).write_bytes(text.encode("utf-16"))
    assert main(["validate", str(model)]) in (0, 1)
    utf16, reference = capsys.readouterr().out, None
    assert main(["validate", str(workspace["model"])]) in (0, 1)
    reference = capsys.readouterr().out
    assert utf16.replace(str(model), "X") == reference.replace(str(workspace["model"]), "X")


def test_a_cache_with_another_layout_is_an_error_with_its_path(workspace, tmp_path, capsys):
    cache = tmp_path / "autre.sqlite"
    with sqlite3.connect(cache) as connection:
        connection.execute("CREATE TABLE reponses (x INTEGER)")
        connection.execute("CREATE TABLE geocodage (a TEXT)")
    for offline in (["--offline"], []):
        argv = ["geocode", str(workspace["model"]), "--cache", str(cache), *offline, "-o", str(tmp_path / "sortie")]
        code, err = run(argv, capsys)
        assert_one_french_line(code, err)
        assert str(cache) in err and err.endswith("; donnez un autre fichier avec --cache.\n")
    garbage = tmp_path / "pas-sqlite.sqlite"
    garbage.write_bytes(b"ceci n'est pas une base" * 100)
    code, err = run(["geocode", str(workspace["model"]), "--cache", str(garbage), "-o", str(tmp_path / "s2")], capsys)
    assert_one_french_line(code, err)


def test_export_modele_to_a_csv_name_does_not_make_a_folder(workspace, tmp_path, capsys):
    code, err = run(["export", str(workspace["model"]), "--to", "modele", "-o", str(tmp_path / "x.csv")], capsys)
    assert_one_french_line(code, err)
    assert not (tmp_path / "x.csv").exists()


def test_a_cache_that_is_a_link_or_a_pipe_is_refused_and_left_alone(workspace, tmp_path, capsys):
    link = tmp_path / "lien.sqlite"
    link.symlink_to(workspace["cache"])
    fifo = tmp_path / "tube.sqlite"
    os.mkfifo(fifo)
    for cache in (link, fifo):
        for offline in (["--offline"], []):
            output = tmp_path / f"sortie-{cache.stem}{len(offline)}"
            argv = ["geocode", str(workspace["model"]), "--cache", str(cache), *offline, "-o", str(output)]
            code, err = run(argv, capsys)
            assert_one_french_line(code, err)
            assert str(cache) in err and not output.exists()
    assert link.is_symlink() and fifo.is_fifo()


def test_a_poisoned_cache_entry_is_a_warning_not_an_error(workspace, tmp_path, capsys):
    from nec_network.geocoding import GeocodingCache
    from nec_network.geocoding.cache import address_key
    from nec_network.io import read_ecosystem

    cache = tmp_path / "empoisonne.sqlite"
    GeocodingCache(cache).close()
    ecosystem, _ = read_ecosystem(workspace["model"], format="modele")
    queries = {f"{a.adresse.strip()}, {a.code_postal.strip()} {a.commune.strip()}"
               for a in ecosystem if a.adresse.strip() and (not a.has_coordinates or a.precision == "commune")}
    poison = json.dumps([{"latitude": "49.9", "longitude": [2.3], "label": "x"}])
    with sqlite3.connect(cache) as connection:
        for query in queries:
            connection.execute("INSERT OR REPLACE INTO reponses VALUES ('ban', ?, ?, ?, '2026-01-01')",
                               (address_key(query), query, poison))
    code = main(["geocode", str(workspace["model"]), "--offline", "--cache", str(cache), "-o", str(tmp_path / "b")])
    captured = capsys.readouterr()
    assert queries and code == 0 and "Traceback" not in captured.err and "inattendue" not in captured.err
    assert "réponses illisibles du cache (ignorées" in captured.out, captured.out
