"""The one page builder: templates, static files, the data document, CDN mode, packaging."""

from __future__ import annotations

import base64
import fnmatch
import hashlib
import importlib
import importlib.resources
import json
import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import jinja2
import pytest
from markupsafe import Markup

from nec_network.views._cdn_assets import cdn_asset
from nec_network.views._page_inlining import external_requests
from nec_network.views.rendering import PageError, environment, render_page, static_text

ROOT = Path(__file__).resolve().parents[2]
VIEWS = ROOT / "nec_network" / "views"
STATIC_SCRIPTS = {p.name for p in (VIEWS / "static").glob("*.js")}
HOSTILE = '</script><script>alert(1)</script><!-- {{ 7*7 }} {% raw %}'


def data_document(html: str) -> object:
    match = re.search(
        r'<script type="application/json" id="nec-donnees">(.*?)</script>', html, re.S
    )
    assert match, "no #nec-donnees document"
    return json.loads(match.group(1))


def test_the_frame_is_french_responsive_and_credits_its_sources() -> None:
    html = render_page("base.html.j2", title="Titre", sources=["Acteurs : essai."])
    assert html.startswith("<!DOCTYPE html>\n<html lang=\"fr\">")
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
    assert "<title>Titre</title>" in html
    assert '<a class="nec-evitement" href="#contenu">Aller au contenu</a>' in html
    assert '<main id="contenu"' in html
    footer = html[html.index('<footer class="nec-footer">') :]
    assert "Acteurs : essai." in footer and "Licence Ouverte" in footer
    assert "prefers-reduced-motion" in html and "@media print" in html
    assert external_requests(html) == []


def test_data_from_anywhere_stays_data() -> None:
    html = render_page(
        "base.html.j2", title=HOSTILE, data={"nom": HOSTILE, "liste": [1, None]}, sources=[HOSTILE]
    )
    assert "<script>alert(1)" not in html
    assert "<title>&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;!-- {{ 7*7 }}" in html
    assert data_document(html) == {"nom": HOSTILE, "liste": [1, None]}
    assert html.count("</script>") == html.count("<script")


def test_without_data_there_is_no_data_document() -> None:
    assert 'id="nec-donnees"' not in render_page("base.html.j2", title="T")


def test_markup_passes_as_is_and_text_is_escaped() -> None:
    template = environment().from_string("{{ a }}|{{ b }}")
    assert template.render(a=Markup("<b>x</b>"), b="<b>x</b>") == "<b>x</b>|&lt;b&gt;x&lt;/b&gt;"


def test_an_undefined_variable_is_an_error_not_an_empty_string() -> None:
    with pytest.raises(jinja2.UndefinedError):
        environment().from_string("{{ absent }}").render()


def test_unknown_files_give_a_french_error() -> None:
    with pytest.raises(PageError, match="introuvable"):
        render_page("absent.html.j2", title="T")
    with pytest.raises(PageError, match="introuvable"):
        render_page("base.html.j2", title="T", scripts=["absent.js"])
    with pytest.raises(PageError, match="invalide"):
        static_text("sous-dossier/base.css")


def test_libraries_are_inlined_by_default_and_from_a_cdn_with_sri_on_request() -> None:
    inline = render_page("base.html.j2", title="T", scripts=["leaflet.js"], styles=["leaflet.css"])
    assert external_requests(inline) == []
    assert "L.Icon.Default.mergeOptions" in inline  # the default icon patch follows Leaflet
    assert "Bibliothèques incluses dans la page : Leaflet (BSD-2-Clause)." in inline
    remote = render_page(
        "base.html.j2",
        title="T",
        scripts=["leaflet.js", "fullscreen.js"],
        styles=["leaflet.css"],
        cdn=True,
    )
    tags = re.findall(r"<(?:script|link)[^>]+(?:src|href)=\"https[^>]+>", remote)
    assert len(tags) == 3
    assert all('integrity="sha' in tag and 'crossorigin="anonymous"' in tag for tag in tags)
    assert "Bibliothèques chargées depuis des CDN publics : Leaflet" in remote


@pytest.mark.parametrize("name", ["leaflet.js", "leaflet.css"])
def test_the_cdn_hash_is_the_hash_of_the_installed_copy(name: str) -> None:
    folder = importlib.resources.files("js_lib_leaflet").joinpath("static", "js_lib_leaflet")
    digest = hashlib.sha256(folder.joinpath(name).read_bytes()).digest()
    assert cdn_asset(name).integrity == "sha256-" + base64.b64encode(digest).decode()


def test_every_template_and_static_file_ships_in_the_wheel() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["nec_network.views"]
    files = [
        path.relative_to(VIEWS).as_posix()
        for folder in ("templates", "static")
        for path in (VIEWS / folder).iterdir()
    ]
    assert files
    assert [f for f in files if not any(fnmatch.fnmatch(f, p) for p in patterns)] == []


def test_every_template_compiles() -> None:
    for path in (VIEWS / "templates").glob("*.html.j2"):
        environment().get_template(path.name)


@pytest.mark.skipif(shutil.which("node") is None, reason="node absent : apt-get install nodejs")
@pytest.mark.parametrize("script", sorted(p.name for p in (VIEWS / "static").glob("*.js")))
def test_every_script_parses(script: str) -> None:
    result = subprocess.run(
        ["node", "--check", str(VIEWS / "static" / script)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


# What each page's scripts may put on window: one namespace per page (shared by the files of
# a split page), plus the vis-network objects the network page has always exposed.
PAGE_GLOBALS = {
    "necCarte", "necOrienter", "necOrienterScripts", "necReseau", "necChercher", "necTexte", "necEnquete", "necTemps",
    "network", "nodes", "edges"
}
#: How a part of « Où orienter ? » opens: one function, run by necOrienterScripts.start for the
#: page or for each <nec-orienter> element (static/orienter-donnees.js).
ORIENTER_PART = "window.necOrienterScripts.parts.push(function (N) {"
#: Scripts several pages load before their own (each with its own namespace).
SHARED_SCRIPTS = {"texte.js"}


@pytest.mark.parametrize("script", sorted(p.name for p in (VIEWS / "static").glob("*.js")))
def test_every_script_keeps_its_names_to_itself(script: str) -> None:
    """One function run at once, so that no ``var`` or ``function`` becomes a global."""
    code = (VIEWS / "static" / script).read_text(encoding="utf-8")
    code = re.sub(r"/\*[\s\S]*?\*/|^\s*//[^\n]*", "", code, flags=re.MULTILINE).strip()
    if code.startswith(ORIENTER_PART):
        assert code.endswith("});") and code.count(ORIENTER_PART) == 1
    else:
        assert code.startswith("(function (")
        assert re.search(r"\}\)\((?:window\.nec[A-Z]\w*)?\);$", code)
    assert set(re.findall(r"\bwindow\.(\w+)\s*=(?!=)", code)) <= PAGE_GLOBALS


@pytest.mark.parametrize(("module", "namespace"), [("nec_network.views.map", "necCarte")])
def test_split_page_scripts_share_the_namespace_their_first_file_makes(
    module: str, namespace: str
) -> None:
    scripts = [
        name
        for name in importlib.import_module(module)._SCRIPTS
        if name in STATIC_SCRIPTS - SHARED_SCRIPTS
    ]
    first, *others = (static_text(name) for name in scripts)
    assert f"var N = window.{namespace} = {{" in first
    assert len(others) >= 4
    for text in others:
        assert text.rstrip().endswith(f"}})(window.{namespace});")


def test_orienter_parts_are_started_by_the_first_file_for_the_page_and_the_element() -> None:
    from nec_network.views.elements import orienter_element_script
    from nec_network.views.orientation import ORIENTER_SCRIPTS, _SCRIPTS

    first, *parts = (static_text(name) for name in ORIENTER_SCRIPTS if name not in SHARED_SCRIPTS)
    assert "window.necOrienterScripts = {parts: parts, start: start};" in first
    assert len(parts) >= 4 and all(ORIENTER_PART in text for text in parts)
    assert _SCRIPTS[-1] == "orienter-page.js"
    assert "window.necOrienterScripts.start(document, data, null)" in static_text("orienter-page.js")
    bundle = orienter_element_script()
    # The element carries the page's scripts as they are, in the page's order, and starts them in its shadow root.
    positions = [bundle.index(static_text(name)) for name in (*ORIENTER_SCRIPTS, "element-orienter.js")]
    assert positions == sorted(positions)
    assert "window.necOrienterScripts.start(root, data, element)" in static_text("element-orienter.js")
