"""Commands that teach themselves: every ``--help`` ends with real examples, mistakes get French
messages that say what to do, and a long step shows a progress line on a terminal."""

from __future__ import annotations

import argparse
import io
import shlex
import time

import pytest

from nec_network.cli import build_parser, main
from nec_network.cli._progress import step
from nec_network.cli.examples import EXAMPLES


def _commands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


@pytest.mark.parametrize("name", sorted(_commands()))
def test_every_command_help_ends_with_examples_of_itself(name, capsys):
    with pytest.raises(SystemExit):
        main([name, "--help"])
    text = capsys.readouterr().out
    assert "Exemple" in text
    examples = text[text.rindex("Exemple"):]
    assert f"nec-network {name} " in examples or examples.rstrip().endswith(f"nec-network {name}")


def test_every_example_parses_with_its_command_options():
    parser = build_parser()
    for lines in EXAMPLES.values():
        for _what, line in lines:
            args = parser.parse_args(shlex.split(line)[1:])
            assert args.func


def test_every_output_option_says_what_it_writes():
    for name, command in _commands().items():
        for action in command._actions:
            if "-o" in action.option_strings:
                assert action.help, f"{name} -o sans texte d'aide"


def test_geocode_names_its_folders_like_the_other_commands(capsys):
    with pytest.raises(SystemExit):
        main(["geocode", "--help"])
    text = capsys.readouterr().out
    assert "DIR" not in text.replace("_DIR", "")
    assert "--output DOSSIER" in text


def test_a_mistyped_mapping_name_lists_the_known_mappings(tmp_path, capsys):
    table = tmp_path / "liste.csv"
    table.write_text("nom\nMairie\n", encoding="utf-8")
    assert main(["import", f"{table}:france-service", "-o", str(tmp_path / "modele")]) == 2
    error = capsys.readouterr().err
    assert "correspondance « france-service » inconnue" in error
    assert "« france-services »" in error
    assert "introuvable" not in error


def test_a_folder_given_for_a_file_gets_a_french_message(tmp_path, capsys):
    assert main(["report", str(tmp_path), "--personae", str(tmp_path), "-o", str(tmp_path / "r.html")]) == 2
    error = capsys.readouterr().err
    assert "dossier" in error
    assert "Is a directory" not in error


def test_a_missing_input_is_reported_before_any_work(tmp_path, capsys, monkeypatch):
    import nec_network.cli.views_report as views_report

    monkeypatch.setattr(views_report, "_synthesis", lambda *_a: pytest.fail("work started"))
    assert main(["site", str(tmp_path / "absent"), "-o", str(tmp_path / "site")]) == 2
    assert "absent : fichier introuvable" in capsys.readouterr().err
    assert not (tmp_path / "site").exists()


def test_the_progress_line_is_redrawn_every_second_and_erased(monkeypatch):
    monkeypatch.setattr("nec_network.cli._progress.INTERVAL", 0.05)
    out = io.StringIO()
    with step("Lecture", stream=out, enabled=True) as say:
        time.sleep(0.3)
        say("Écriture des pages")
        time.sleep(0.2)
    redraws = out.getvalue().split("\r")
    assert sum("Lecture…" in line for line in redraws) >= 3
    assert any(line.startswith("Écriture des pages…") for line in redraws)
    assert redraws[-1] == ""
    assert redraws[-2].strip() == ""


def test_no_progress_line_off_a_terminal():
    out = io.StringIO()
    with step("Lecture", stream=out) as say:
        say("Analyses")
    assert out.getvalue() == ""
