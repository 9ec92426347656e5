"""Advisers' names, e-mails and phones: out of the folder model unless asked, never in pages or exports.

The real excerpt of the Conseillers numériques export is pseudonymised: its advisers are
« Conseiller Fictif NN », conseiller.fictifNN@example.org, +331990000NN, aidant-fictif-NN.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from nec_network.cli import main

CNFS = Path(__file__).parents[1] / "fixtures" / "real" / "cnfs-lieux-v0-extrait.json"
ADVISER_TRACES = ("Conseiller Fictif", "conseiller.fictif", "+331990000", "aidant-fictif")


def _traces(folder: Path) -> dict[str, list[str]]:
    found = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        text = path.read_text(encoding="utf-8", errors="replace")
        hits = [trace for trace in ADVISER_TRACES if trace in text]
        if hits:
            found[path.name] = hits
    return found


def test_import_leaves_advisers_out_and_keeps_their_number(tmp_path, capsys):
    out = tmp_path / "modele"
    assert main(["import", str(CNFS), "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "Données personnelles : noms, courriels et téléphones des conseillers de 31 lieux non écrits" in printed
    assert _traces(out) == {}
    header = (out / "acteurs.csv").read_text(encoding="utf-8").splitlines()[0]
    assert "conseillers" in header and "aidants" not in header


@pytest.fixture(scope="module")
def kept(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("garde") / "modele"
    assert main(["import", str(CNFS), "-o", str(out), "--garder-donnees-personnelles"]) == 0
    return out


def test_asked_for_the_model_keeps_them(kept):
    assert "acteurs.csv" in _traces(kept)


@pytest.mark.parametrize(("fmt", "name"), [("mednum", "lieux.csv"), ("geojson", "lieux.geojson"),
                                           ("inclusion", "inclusion"), ("graphml", "reseau.graphml"),
                                           ("gexf", "reseau.gexf")])
def test_no_publication_export_carries_them_even_from_a_model_that_kept_them(kept, tmp_path, fmt, name):
    target = tmp_path / "export" / name
    target.parent.mkdir()
    assert main(["export", str(kept), "--to", fmt, "-o", str(target)]) == 0
    written = [p.read_text(encoding="utf-8") for p in target.parent.rglob("*") if p.is_file()]
    assert any("Beaurieux" in text for text in written)  # the places are exported
    assert _traces(target.parent) == {}


@pytest.mark.parametrize("command", [["map"], ["network"], ["orientation"]])
def test_no_page_carries_them_even_from_a_model_that_kept_them(kept, tmp_path, command):
    target = tmp_path / "page.html"
    assert main([*command, str(kept), "-o", str(target)]) == 0
    assert "Mairie de Beaurieux" in target.read_text(encoding="utf-8")  # the places are drawn
    assert _traces(tmp_path) == {}


def test_the_site_carries_none_of_them_either(kept, tmp_path):
    site = tmp_path / "site"
    assert main(["site", str(kept), "-o", str(site), "--sans-fond"]) == 0
    assert (site / "carte.html").exists() and (site / "rapport.html").exists()
    assert "Mairie de Beaurieux" in (site / "carte.html").read_text(encoding="utf-8")
    assert _traces(site) == {}
