"""The embeddable site: files written, index links and snippets, self-contained pages, the CLI."""

from __future__ import annotations

import argparse
import importlib.util
import re
import sys
from html import unescape
from pathlib import Path

import pytest

from nec_network.cli import views_report
from nec_network.views._page_inlining import external_requests
from nec_network.cli import main
from nec_network.views.site import SITE_FILES, build_site, iframe_snippet

_spec = importlib.util.spec_from_file_location(
    "report_cases", Path(__file__).resolve().parent / "test_report.py"
)
cases = sys.modules.setdefault("report_cases", importlib.util.module_from_spec(_spec))
_spec.loader.exec_module(cases)

PAGES = ("orienter.html", "carte.html", "reseau.html", "rapport.html", "guide.html", "preparer.html")
PLANNING_TABLES = ("lieux_proposes.csv", "invitations.csv", "mises_en_relation.csv")
DEMO = Path(__file__).resolve().parents[2] / "data" / "demo"


@pytest.fixture(scope="module")
def hostile():
    return cases.hostile_synthesis()


@pytest.fixture(scope="module")
def site(hostile, tmp_path_factory):
    folder = tmp_path_factory.mktemp("site")
    return folder, build_site(hostile, folder, tiles=False)


def test_every_page_is_written_and_linked_from_the_index(site):
    folder, paths = site
    written = ("carte.html", "reseau.html", "rapport.html", "rapport.md", "orienter.html", "nec-orienter.js",
               "nec-donnees.json", "nec-carte.js", "guide.html", *PLANNING_TABLES, "preparer.html", "index.html")
    assert [path.name for path in paths] == list(written)
    assert all(path.parent == folder and path.stat().st_size > 0 for path in paths)
    index = (folder / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'<h2[^>]*><a href="([^"]+)">', index)
    assert links == list(PAGES)
    assert all((folder / link).is_file() for link in links)


def test_every_file_written_is_named_by_the_docstring_and_the_help(site, capsys):
    folder, written = site
    names = [path.name for path in written]
    assert names == list(SITE_FILES)
    assert sorted(path.name for path in folder.iterdir() if not path.name.startswith(".")) == sorted(names)
    documented = build_site.__doc__.split("Write every page", 1)[1].split("\n\n", 1)[0]
    assert [name for name in names if f"``{name}``" in documented] == names
    assert documented.index("``carte.html``") < documented.index("``index.html``")
    for command in ("site", "demo"):
        with pytest.raises(SystemExit):
            main([command, "-h"])
        help_text = " ".join(capsys.readouterr().out.split())
        assert all(name in help_text for name in names), command


def test_snippets_are_escaped_iframes_with_title_and_lazy_loading(site):
    folder, _ = site
    index = (folder / "index.html").read_text(encoding="utf-8")
    codes = [unescape(code) for code in re.findall(r"<pre><code>(.*?)</code></pre>", index, re.S)]
    snippets = [code for code in codes if code.startswith("<iframe")]
    assert len(snippets) == len(PAGES)
    # The elements' snippets: one tag and one script each, for files of the same folder.
    assert codes[len(PAGES):] == [
        '<nec-orienter titre="Où orienter ?"></nec-orienter>\n<script src="nec-orienter.js"></script>',
        '<nec-carte hauteur="600px"></nec-carte>\n<script src="nec-carte.js"></script>',
    ]
    for snippet, page_name in zip(snippets, PAGES, strict=True):
        assert snippet.startswith(f'<iframe src="{page_name}?integre=1" title="')
        assert 'loading="lazy"' in snippet and 'width="100%"' in snippet
    assert "<pre><code><iframe" not in index  # shown as text, not as a frame
    assert "Carte des acteurs de l'inclusion numérique" in snippets[1]
    assert iframe_snippet('a".html', 'T"<', 600).startswith(
        '<iframe src="a&quot;.html?integre=1" title="T&quot;&lt;"'
    )


def test_pages_are_self_contained_and_framed(site):
    folder, _ = site
    for name in (*PAGES, "index.html"):
        document = (folder / name).read_text(encoding="utf-8")
        assert external_requests(document) == [], name
        assert '<html lang="fr">' in document and 'name="viewport"' in document, name
        assert re.search(r"<title>[^<]+</title>", document), name
        assert 'class="nec-footer"' in document and "Licence Ouverte" in document, name


def test_the_index_sizes_and_privacy_note_follow_the_files(site):
    folder, _ = site
    index = (folder / "index.html").read_text(encoding="utf-8")
    size = (folder / "rapport.html").stat().st_size
    assert f"Fichier <code>rapport.html</code>, {round(size / 1000)}\u00a0ko." in index
    assert "aucune requête hors du dossier" in index


def test_same_synthesis_same_files_and_cdn_pages_say_so(hostile, site, tmp_path):
    _folder, paths = site
    again = build_site(hostile, tmp_path / "bis", tiles=False)
    for first, second in zip(paths, again, strict=True):
        assert first.read_bytes() == second.read_bytes(), first.name
    light = build_site(hostile, tmp_path / "cdn", tiles=False, cdn=True)
    index = light[-1].read_text(encoding="utf-8")
    assert "CDN publics" in index
    assert external_requests((tmp_path / "cdn" / "reseau.html").read_text(encoding="utf-8"))


def _run(*argv: str) -> int:
    parser = argparse.ArgumentParser()
    views_report.register(parser.add_subparsers())
    args = parser.parse_args(argv)
    return args.func(args)


def test_site_and_report_commands_on_the_demo(tmp_path, capsys):
    out = tmp_path / "site"
    assert (
        _run(
            "site",
            str(DEMO),
            "-o",
            str(out),
            "--departements",
            "80",
            "--sans-fond",
            "--max-km",
            "10",
            "--sites",
            "3",
        )
        == 0
    )
    printed = capsys.readouterr()
    assert "Persona « Jeannine" in printed.err and "laissé de côté" in printed.err
    assert printed.out.splitlines() == [
        f"Écrit : {out / name}"
        for name in SITE_FILES
    ]
    report = (out / "rapport.md").read_text(encoding="utf-8")
    assert "Territoire : Somme (80)" in report and "à 10 km ou moins" in report
    assert "- 3 nouveaux lieux bien placés couvriraient" in report  # --sites, 10 by default
    assert "## Parcours de personnes accompagnées" in report  # DIR/personae.json by default
    assert "tile.openstreetmap.org" not in (out / "carte.html").read_text(encoding="utf-8")

    assert (
        _run(
            "report",
            str(DEMO),
            "-o",
            str(tmp_path / "r" / "rapport.html"),
            "--departements",
            "80",
            "--personae",
            str(DEMO / "personae.json"),
            "--service",
            "aide aux démarches administratives",
            "--sites",
            "2",
        )
        == 0
    )
    report = (tmp_path / "r" / "rapport.md").read_text(encoding="utf-8")
    assert "service « Aide aux démarches administratives »" in report
    assert "- 2 nouveaux lieux bien placés couvriraient" in report


def test_the_map_carries_each_journey_from_its_home(hostile, site):
    folder, _ = site
    carte = (folder / "carte.html").read_text(encoding="utf-8")
    homes = re.findall(r'"domicile":\{"lat":([-\d.]+),"lon":([-\d.]+)\}', carte)
    trip = hostile.journeys[0]
    assert [
        (pytest.approx(float(lat), abs=1e-4), pytest.approx(float(lon), abs=1e-4))
        for lat, lon in homes
    ] == [(trip.latitude, trip.longitude)]
