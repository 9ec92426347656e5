"""The commands' summary lines agree in number: in French 0 and 1 take the singular."""

from __future__ import annotations

from pathlib import Path

import pytest

from nec_network.cli import main
from nec_network.io.template import write_template
from nec_network.model import Actor, Ecosystem


@pytest.fixture
def one_actor(tmp_path: Path) -> Path:
    folder = tmp_path / "un_acteur"
    write_template(
        Ecosystem(
            [
                Actor(
                    "amiens",
                    "CCAS d'Amiens",
                    code_insee="80021",
                    latitude=49.8942,
                    longitude=2.2957,
                )
            ]
        ),
        folder,
    )
    return folder


def test_gaps_with_nothing_uncovered_is_singular(one_actor: Path, tmp_path: Path, capsys) -> None:
    options = ["--departements", "80", "--max-km", "1000"]
    assert main(["gaps", str(one_actor), *options, "-o", str(tmp_path / "trous.csv")]) == 0
    out = capsys.readouterr().out
    assert "0 commune non couverte (" in out and "0 habitant ;" in out and "0 zone blanche." in out


def test_coverage_and_gaps_of_one_zone(one_actor: Path, tmp_path: Path, capsys) -> None:
    options = ["--departements", "80", "--max-km", "1"]
    assert main(["coverage", str(one_actor), *options, "-o", str(tmp_path / "c.csv")]) == 0
    assert "Couverture (tout acteur, à 1 km ou moins à vol d’oiseau) : 1 commune sur 771" in (
        capsys.readouterr().out
    )
    assert main(["gaps", str(one_actor), *options, "-o", str(tmp_path / "trous.csv")]) == 0
    assert "; 1 zone blanche, la plus peuplée" in capsys.readouterr().out


def test_map_and_network_summaries(one_actor: Path, tmp_path: Path, capsys) -> None:
    page = tmp_path / "carte.html"
    options = ["--departements", "80", "--max-km", "1000", "--sans-fond"]
    assert main(["map", str(one_actor), *options, "-o", str(page)]) == 0
    assert (
        "(1 acteur placé sur 1, 0 commune non couverte, 0 zone blanche)." in capsys.readouterr().out
    )
    assert main(["network", str(one_actor), "-o", str(tmp_path / "reseau.html")]) == 0
    assert ": 1 acteur, 0 partenariat (disposition" in capsys.readouterr().out
