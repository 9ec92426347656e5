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


#: What these tests check is where advisers' data goes, not which sites are recommended: one
#: site rather than 10 (the sites' tables and sentences are still written, naming communes).
#: One site is found by enumeration; two or more by the exact solver, which takes 2 to 5 s of
#: CPU per weighting over a Picardie mostly uncovered by these few places (tested in
#: tests/analysis/test_covering.py).
FEW_SITES = ("--sites", "1")


def test_the_site_carries_none_of_them_either(kept, tmp_path):
    site = tmp_path / "site"
    assert main(["site", str(kept), "-o", str(site), "--sans-fond", *FEW_SITES]) == 0
    assert (site / "carte.html").exists() and (site / "rapport.html").exists()
    assert "Mairie de Beaurieux" in (site / "carte.html").read_text(encoding="utf-8")
    assert _traces(site) == {}


# -- advisers' data in other spellings and merged duplicates (tests/fixtures/personal) ---------
#: Commands that publish, each run on a model that kept its advisers; {out} is a fresh folder.
PUBLISHING = {
    "map": ["map", "{model}", "-o", "{out}/carte.html", "--sans-fond"],
    "network": ["network", "{model}", "-o", "{out}/reseau.html"],
    "orientation": ["orientation", "{model}", "-o", "{out}/orienter.html"],
    "enquete": ["enquete", "{model}", "-o", "{out}/enquete.html"],
    "report": ["report", "{model}", "-o", "{out}/rapport.html", *FEW_SITES],
    "site": ["site", "{model}", "-o", "{out}/site", "--sans-fond", *FEW_SITES],
    "analyse": ["analyse", "{model}", "-o", "{out}/tables", *FEW_SITES],
    "evolution": ["evolution", "{model}", "--le", "2025-12-31", "-o", "{out}/evolution"],
    "preparer-evenement": ["preparer-evenement", "{model}", "-o", "{out}/preparer"],
    "coverage": ["coverage", "{model}", "-o", "{out}/couverture.csv"],
    "gaps": ["gaps", "{model}", "-o", "{out}/manques.csv"],
    "recommend": ["recommend", "{model}", "--k", "1", "-o", "{out}/sites.csv"],
    "suggest": ["suggest", "{model}", "-o", "{out}/suggestions.csv"],
    **{f"export --to {fmt}": ["export", "{model}", "--to", fmt, "-o", "{out}/" + name] for fmt, name in
       [("mednum", "lieux.csv"), ("geojson", "lieux.geojson"), ("inclusion", "inclusion"),
        ("graphml", "reseau.graphml"), ("gexf", "reseau.gexf"), ("modele", "modele")]},
}  # fmt: skip
#: Commands that publish nothing: they read no model, or write the coordinator's own model
#: (import and geocode keep what they are asked to keep), or only print.
NOT_PUBLISHING = {"communes", "template", "demo", "import", "geocode", "validate", "journey"}


@pytest.fixture(scope="module")
def kept_spellings(tmp_path_factory, personal_fixture) -> Path:
    out = tmp_path_factory.mktemp("orthographes") / "modele"
    assert main(["import", str(personal_fixture), "-o", str(out), "--garder-donnees-personnelles"]) == 0
    return out


def test_import_leaves_out_every_spelling_and_says_so(tmp_path, capsys, personal_fixture, personal_traces):
    out = tmp_path / "modele"
    assert main(["import", str(personal_fixture), "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "conseillers de 4 lieux non écrits" in printed
    assert "Retirées aussi : 7 valeurs d'un conseiller retrouvées ailleurs" in printed
    assert personal_traces(out) == {}
    assert "Mairie fictive d'Amiens" in (out / "acteurs.csv").read_text(encoding="utf-8")


def test_the_kept_model_does_hold_them(kept_spellings, personal_traces):
    assert "acteurs.csv" in personal_traces(kept_spellings)


def test_every_command_is_either_walked_or_publishes_nothing():
    from nec_network.cli import build_parser
    from nec_network.io.formats import FORMATS

    commands = next(a for a in build_parser()._actions if a.dest == "command").choices
    walked = {key.split()[0] for key in PUBLISHING}
    assert set(commands) == walked | NOT_PUBLISHING
    assert {key.split()[-1] for key in PUBLISHING if key.startswith("export")} == set(FORMATS.writable())


@pytest.mark.parametrize("key", sorted(PUBLISHING))
def test_no_page_or_export_holds_them_in_any_spelling(key, kept_spellings, tmp_path, personal_traces):
    out = tmp_path / "sortie"
    out.mkdir()
    argv = [part.format(model=kept_spellings, out=out) for part in PUBLISHING[key]]
    assert main(argv) == 0
    assert any(out.rglob("*")), "nothing written"
    assert personal_traces(out) == {}


def test_the_model_export_keeps_them_only_when_asked(kept_spellings, tmp_path, personal_traces, capsys):
    assert main(["export", str(kept_spellings), "--to", "modele", "-o", str(tmp_path / "garde"),
                 "--garder-donnees-personnelles"]) == 0
    assert "acteurs.csv" in personal_traces(tmp_path / "garde")
    assert main(["export", str(kept_spellings), "--to", "mednum", "-o", str(tmp_path / "l.csv"),
                 "--garder-donnees-personnelles"]) == 2
    assert "ne vaut qu'avec --to modele" in capsys.readouterr().err
