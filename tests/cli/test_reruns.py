"""Every command run twice with the same output succeeds: the tool recognises what it wrote.

And it refuses, before any work, an output it did not write: each case is also run
with a missing source over a foreign file, and must name the output, not the source.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from nec_network.analysis.criteria import ActorCriteria
from nec_network.cli import build_parser, main
from nec_network.demo import demo_path
from nec_network.io import read_ecosystem, write_ecosystem
from nec_network.io.output import MARKER

#: name → (arguments, the output given to -o); ``MODELE`` is a small model, ``SORTIE`` the output.
#: One recommended site: found by enumeration, where two or more take the exact solver seconds
#: (10 by default), and which sites are chosen is not what a rerun checks.
CASES: dict[str, list[str]] = {
    "communes": ["communes", "--departements", "80", "-o", "SORTIE"],
    "template": ["template", "-o", "SORTIE"],
    "template_xlsx": ["template", "-o", "SORTIE.xlsx"],
    "import": ["import", "MODELE", "--departements", "80", "-o", "SORTIE"],
    "export_mednum": ["export", "MODELE", "--to", "mednum", "-o", "SORTIE.csv"],
    "export_inclusion": ["export", "MODELE", "--to", "inclusion", "-o", "SORTIE"],
    "export_geojson": ["export", "MODELE", "--to", "geojson", "-o", "SORTIE.geojson"],
    "export_graphml": ["export", "MODELE", "--to", "graphml", "-o", "SORTIE.graphml"],
    "export_gexf": ["export", "MODELE", "--to", "gexf", "-o", "SORTIE.gexf"],
    "export_modele": ["export", "MODELE", "--to", "modele", "-o", "SORTIE"],
    "geocode": ["geocode", "MODELE", "--offline", "-o", "SORTIE"],
    "coverage": ["coverage", "MODELE", "--departements", "80", "-o", "SORTIE.csv"],
    "gaps": ["gaps", "MODELE", "--departements", "80", "-o", "SORTIE.csv"],
    "recommend": ["recommend", "MODELE", "--departements", "80", "--k", "1", "-o", "SORTIE.csv"],
    "suggest": ["suggest", "MODELE", "--departements", "80", "-o", "SORTIE.csv"],
    "analyse": ["analyse", "MODELE", "--departements", "80", "--sites", "1", "-o", "SORTIE"],
    "evolution": ["evolution", "MODELE", "--le", "2025-12-31", "-o", "SORTIE"],
    "preparer-evenement": ["preparer-evenement", "MODELE", "--departements", "80", "-o", "SORTIE"],
    "network": ["network", "MODELE", "-o", "SORTIE.html"],
    "map": ["map", "MODELE", "--departements", "80", "--sans-fond", "-o", "SORTIE.html"],
    "report": ["report", "MODELE", "--departements", "80", "--sites", "1", "-o", "SORTIE.html"],
    "orientation": ["orientation", "MODELE", "--departements", "80", "-o", "SORTIE.html"],
    "enquete": ["enquete", "MODELE", "-o", "SORTIE.html"],
    "site": ["site", "MODELE", "--departements", "80", "--sans-fond", "--sites", "1", "-o", "SORTIE"],
}
#: ``demo`` writes the whole demo (tens of seconds); its rerun into ``maps/`` is the same
#: folder rule as ``site``'s, checked here on a small model.
NOT_RUN = {"demo": "même règle de dossier que site, sur toute la démonstration"}


@pytest.fixture(scope="module")
def small_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo's actors of the Somme (80) and their partnerships, as a template folder."""
    ecosystem, _ = read_ecosystem(demo_path())
    somme = ActorCriteria(departements=["80"]).select(ecosystem)
    folder = tmp_path_factory.mktemp("modele") / "modele"
    write_ecosystem(somme, folder, to="modele")
    return folder


def arguments(name: str, model: Path, output: Path) -> list[str]:
    return [argument.replace("MODELE", str(model)).replace("SORTIE", str(output)) for argument in CASES[name]]


def test_every_command_with_an_output_is_covered():
    parser = build_parser()
    commands = next(action for action in parser._actions if isinstance(action, argparse._SubParsersAction))
    with_output = {
        name
        for name, command in commands.choices.items()
        if any(action.dest in ("output", "sortie") for action in command._actions)
    }
    covered = {CASES[name][0] for name in CASES} | set(NOT_RUN)
    assert with_output == covered


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_command_run_twice_with_the_same_output_succeeds(name, small_model, tmp_path, capsys):
    workdir = tmp_path / "travail"
    workdir.mkdir()
    (workdir / "notes.txt").write_text("à garder", encoding="utf-8")  # an ordinary folder
    command = arguments(name, small_model, workdir / "sortie")
    assert main(command) == 0, capsys.readouterr().err
    first = {path.name for path in workdir.iterdir()}
    capsys.readouterr()
    assert main(command) == 0, capsys.readouterr().err
    assert {path.name for path in workdir.iterdir()} == first
    assert (workdir / "notes.txt").read_text(encoding="utf-8") == "à garder"
    assert MARKER in first or (workdir / "sortie" / MARKER).is_file()  # beside a file, inside a folder


@pytest.mark.parametrize("name", sorted(set(CASES) - {"communes", "template", "template_xlsx"}))
def test_a_foreign_output_is_refused_before_reading_anything(name, tmp_path, capsys):
    output = tmp_path / "sortie"
    (tmp_path / "absent").mkdir()  # an empty folder: reading it would fail, naming it
    command = arguments(name, tmp_path / "absent", output)
    target = Path(next(argument for argument in command if argument.startswith(str(output))))
    if target.suffix:
        target.write_text("écrit par une personne", encoding="utf-8")
    else:
        target.mkdir()
        (target / "acteurs.csv").write_text("écrit par une personne", encoding="utf-8")
    assert main(command) == 2
    error = capsys.readouterr().err
    assert "n'a pas été écrit par nec-network" in error and "--force" in error
    assert "absent" not in error


def test_a_file_written_alone_stays_the_only_thing_recognised(small_model, tmp_path, capsys):
    (tmp_path / "autre.csv").write_text("code_insee\n80021\n", encoding="utf-8")
    output = tmp_path / "couverture.csv"
    base = ["coverage", str(small_model), "--departements", "80"]
    assert main([*base, "-o", str(output)]) == 0
    assert main([*base, "-o", str(tmp_path / "autre.csv")]) == 2
    assert (tmp_path / "autre.csv").read_text(encoding="utf-8") == "code_insee\n80021\n"
    output.write_text(output.read_text(encoding="utf-8") + "note\n", encoding="utf-8")  # edited by a person
    capsys.readouterr()
    assert main([*base, "-o", str(output)]) == 2
    assert "n'a pas été écrit par nec-network" in capsys.readouterr().err
    assert output.read_text(encoding="utf-8").endswith("note\n")
    assert main(["analyse", str(small_model), "--departements", "80", "-o", str(tmp_path)]) == 2
