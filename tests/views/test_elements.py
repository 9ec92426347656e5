"""The files of the <nec-orienter> and <nec-carte> elements: data only in the JSON file, the
page's scripts carried as they are, nothing fetched from elsewhere (the browser tests use them)."""

from __future__ import annotations

import json
import re

import pytest

from nec_network.demo import load_demo, load_demo_personae
from nec_network.model import Actor, Ecosystem
from nec_network.views.elements import ELEMENT_FILES, element_data, map_element_script, orienter_element_script, write_elements
from nec_network.views.orientation import OrientationOptions, orientation_document
from nec_network.views.rendering import static_text

HOSTILE = "<img src=x onerror=alert(1)> & </script>"


@pytest.fixture(scope="module")
def hostile_ecosystem() -> Ecosystem:
    demo = load_demo()
    first = next(iter(demo))
    named = Actor(**{**{name: getattr(first, name) for name in first.__dataclass_fields__}, "nom": HOSTILE})
    return Ecosystem([named, *(actor for actor in demo if actor.id != first.id)], demo.partnerships)


def test_the_three_files_are_written_and_the_data_is_only_in_the_json(hostile_ecosystem, tmp_path):
    written = write_elements(tmp_path, hostile_ecosystem, options=OrientationOptions(personae=load_demo_personae()))
    assert [path.name for path in written] == list(ELEMENT_FILES)
    texts = {path.name: path.read_text(encoding="utf-8") for path in written}
    data = json.loads(texts["nec-donnees.json"])
    assert HOSTILE in [actor["nom"] for actor in data["acteurs"]]
    assert "<" not in texts["nec-donnees.json"]  # escaped even if a server sends it as HTML
    for name in ("nec-orienter.js", "nec-carte.js"):
        script = texts[name]
        assert "onerror" not in script and "Mairie" not in script and "Médiathèque" not in script, name
        assert not re.findall(r"https?://\S+", script), name  # no library or font from elsewhere


def test_the_element_data_is_the_page_document_with_its_sources():
    ecosystem = load_demo()
    options = OrientationOptions(contact="reseau@exemple.fr", address_service="https://adresses.exemple.fr/search/")
    data = element_data(ecosystem, options=options)
    page = orientation_document(ecosystem, options=options)
    # The page may search addresses online; the element never asks outside its host's site.
    assert page["parametres"].pop("adresse_en_ligne") == "https://adresses.exemple.fr/search/"
    assert data["parametres"].pop("adresse_en_ligne") is None
    assert {key: value for key, value in data.items() if key != "sources"} == page
    assert data["parametres"]["contact"] == "reseau@exemple.fr"
    assert data["sources"][0] == "Acteurs : Démonstration fictive nec-network."
    assert any("nec-network" in line and "licence" in line for line in data["sources"])
    assert len(data["structures"]) == len(ecosystem) and set(data["structures"]) == {actor.id for actor in ecosystem}


def test_the_scripts_fetch_nothing_but_the_data_file_of_their_own_site():
    orienter, carte = orienter_element_script(), map_element_script()
    # The element's own fetch (same origin), and the page's address search, which needs a button
    # and a service the element never has (test above and below).
    assert static_text("element-orienter.js").count("fetch(") == 1 and "mode: 'same-origin'" in orienter
    assert orienter.count("fetch(") == 2 and "if (online && P.adresse_en_ligne)" in orienter
    assert "fetch(" not in carte and "XMLHttpRequest" not in orienter + carte
    for text in (orienter, carte):
        assert "localStorage" not in text and "sessionStorage" not in text and "document.cookie" not in text
        code = re.sub(r"/\*[\s\S]*?\*/", "", text)
        assert "innerHTML = made.balisage" in code and code.count("innerHTML") == 1  # our markup only
    assert 'id="adresse-ban"' not in orienter  # no online address button in the element's markup
    assert static_text("element-carte.js") in carte
