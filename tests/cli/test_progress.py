"""The progress line of every command: « Calcul de la couverture des communes… 3 s » on a
terminal's standard error at least every 2 s (here every 10 ms), never in a pipe or a file."""

from __future__ import annotations

import io
import sys
import time
from pathlib import Path

import pytest

from nec_network.cli import main
from nec_network.cli._common import TerminalStream
from nec_network.cli._progress import _Line, step
from nec_network.demo import demo_path


class _Terminal(io.StringIO):
    """Standard error as a terminal would be (the tests' stand-in for a TTY)."""

    def isatty(self) -> bool:
        return True


def _redraws(text: str) -> list[str]:
    """The progress lines drawn (``label… N s``), in order."""
    return [part.strip() for part in text.split("\r") if part.strip().endswith(" s") and "… " in part]


# One command of each family (ecosystem, analyses, views, the synthesis), on the demo kept to one département.
COMMANDS = {
    "import": (["import", "{demo}", "--departements", "80", "-o", "{out}/modele"], "Lecture des fichiers"),
    "coverage": (["coverage", "{demo}", "--departements", "80", "-o", "{out}/couverture.csv"],
                 "Calcul de la couverture des communes"),
    "recommend": (["recommend", "{demo}", "--departements", "80", "--sites", "2", "-o", "{out}/sites.csv"],
                  "Choix de 2 sites"),
    "network": (["network", "{demo}", "--departements", "80", "-o", "{out}/reseau.html"],
                "Disposition du réseau et écriture de la page"),
    "map": (["map", "{demo}", "--departements", "80", "--sans-fond", "-o", "{out}/carte.html"], "Zones blanches"),
    # analyse, report, site and demo name the synthesis' steps.
    "analyse": (["analyse", "{demo}", "--departements", "80", "-o", "{out}/tables"], "Structure du réseau"),
}


def _run(name: str, tmp_path: Path, stderr: io.StringIO, monkeypatch: pytest.MonkeyPatch) -> str:
    arguments, _ = COMMANDS[name]
    argv = [part.format(demo=demo_path(), out=tmp_path) for part in arguments]
    monkeypatch.setattr("nec_network.cli._progress.INTERVAL", 0.01)
    relabel = _Line.relabel

    def lasting(line: _Line, label: str) -> None:
        # Every step lasts several ticks, however fast the machine: a step shorter than a tick
        # is rightly never drawn (white zones on one département now take a few milliseconds).
        relabel(line, label)
        time.sleep(0.05)

    monkeypatch.setattr(_Line, "relabel", lasting)
    monkeypatch.setattr(sys, "stderr", stderr)
    assert main(argv) == 0
    return stderr.getvalue()


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_a_command_shows_its_steps_on_a_terminal(name, tmp_path, monkeypatch, capsys):
    text = _run(name, tmp_path, _Terminal(), monkeypatch)
    lines = _redraws(text)
    assert any(line.startswith(f"{COMMANDS[name][1]}… ") for line in lines), lines[-5:]
    assert text.endswith("\r")  # erased at the end: the prompt comes back on a clean line
    assert text.split("\r")[-2].strip() == ""


@pytest.mark.parametrize("name", ["coverage", "network"])
def test_no_progress_line_when_standard_error_is_a_pipe(name, tmp_path, monkeypatch, capsys):
    text = _run(name, tmp_path, io.StringIO(), monkeypatch)
    assert "\r" not in text and not _redraws(text)


def test_the_line_waits_a_second_before_it_appears():
    out = _Terminal()
    with step("Lecture", stream=out):
        pass
    assert out.getvalue() == ""


def test_other_text_erases_the_line_first(monkeypatch):
    """A result or a warning printed while the line is shown starts on a clean line."""
    monkeypatch.setattr("nec_network.cli._progress.INTERVAL", 0.01)
    raw = _Terminal()
    terminal = TerminalStream(raw)
    with step("Calcul", stream=terminal):
        time.sleep(0.1)
        terminal.write("Attention : 3 lignes ignorées.\n")
    before, _, _ = raw.getvalue().partition("Attention")
    assert _redraws(before) and before.endswith("\r") and before.split("\r")[-2].strip() == ""


def test_a_nested_step_only_changes_the_label(monkeypatch):
    monkeypatch.setattr("nec_network.cli._progress.INTERVAL", 0.01)
    out = _Terminal()
    with step("Travail en cours", stream=out), step("Écriture des pages"):
        time.sleep(0.1)
    lines = _redraws(out.getvalue())
    assert lines[-1].startswith("Écriture des pages… ")
    assert out.getvalue().split("\r")[-2].strip() == ""
