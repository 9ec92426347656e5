"""Ids are data, never object keys: actors named like Object's own members (« constructor »,
« __proto__ »…) and such values in the address work like any other, on every page (#23)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlencode

import pytest

from nec_network.analysis.coverage import coverage_by_commune
from nec_network.analysis.orientation import OrientationQuery, orient
from nec_network.model import Actor, Ecosystem, Partnership
from nec_network.territory import get_commune
from nec_network.views.map import MapLayers, MapOptions, write_map
from nec_network.views.network import NetworkOptions, write_network
from nec_network.views.orientation import write_orientation

pytestmark = pytest.mark.browser

HOSTILE = ("constructor", "toString", "__proto__", "hasOwnProperty", "valueOf")
NETWORK_STABLE = "window.necReseau && window.necReseau.stable"
ORIENTATION_READY = "document.documentElement.getAttribute('data-nec-orienter') === 'pret'"
MAP_READY = "document.documentElement.getAttribute('data-nec-carte') === 'prete'"
CARDS = "els => els.map(e => e.getAttribute('data-acteur'))"


def hostile_ecosystem() -> Ecosystem:
    """Five places answering « démarches », one per hostile id, linked by orientation in a
    chain hasOwnProperty – valueOf – __proto__ – constructor – toString, and one ordinary."""
    communes = ("80021", "02408", "60057", "80001", "02691", "60159")
    actors = []
    for actor_id, code in zip((*HOSTILE, "ordinaire"), communes, strict=True):
        commune = get_commune(code)
        actors.append(
            Actor(
                id=actor_id,
                nom=f"Lieu {actor_id}",
                typologies=("EPN",),
                code_insee=code,
                commune=commune.nom,
                latitude=commune.latitude,
                longitude=commune.longitude,
                services=("Aide aux démarches administratives",),
            )
        )
    links = [
        Partnership("hasOwnProperty", "valueOf", "orientation"),
        Partnership("valueOf", "__proto__", "orientation"),
        Partnership("__proto__", "constructor", "orientation"),
        Partnership("constructor", "toString", "orientation"),
        Partnership("ordinaire", "constructor", "partenariat"),
    ]
    return Ecosystem(actors, links)


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("hostiles")
    ecosystem = hostile_ecosystem()
    return {
        "physique": write_network(ecosystem, folder / "reseau.html", NetworkOptions(layout="physique")),
        "geographique": write_network(ecosystem, folder / "geo.html", NetworkOptions(layout="geographique")),
        "orienter": write_orientation(folder / "orienter.html", ecosystem),
        "carte": write_map(ecosystem, folder / "carte.html", MapLayers(coverage=coverage_by_commune(ecosystem)),
                           MapOptions(tiles=False, orientation_page="orienter.html")),
    }


def test_the_network_draws_every_hostile_actor_and_its_links(browser_page, pages):
    ecosystem = hostile_ecosystem()
    for layout in ("physique", "geographique"):
        page = browser_page.open(pages[layout], wait_for=NETWORK_STABLE)
        assert page.evaluate("nodes.get().map(n => n.acteur)") == [a.id for a in ecosystem], layout
        # Every node has a finite place in the drawing, every link joins the right actors.
        positions = page.evaluate("Object.values(network.getPositions())")
        assert len(positions) == len(ecosystem), layout
        assert all(abs(p["x"]) < 1e6 and abs(p["y"]) < 1e6 for p in positions), layout
        ends = page.evaluate(
            "edges.get().map(e => [necReseau.actorOf(e.from), necReseau.actorOf(e.to)])"
        )
        assert ends == [[link.source, link.cible] for link in ecosystem.partnerships], layout
    assert browser_page.console_errors == [] and browser_page.dialogs == []


def test_the_network_finds_focuses_and_filters_hostile_actors(browser_page, pages):
    page = browser_page.open(pages["physique"], wait_for=NETWORK_STABLE)
    for actor_id in HOSTILE:
        page.fill("#nec-recherche", f"Lieu {actor_id}")
        page.press("#nec-recherche", "Enter")
        assert page.evaluate("network.getSelectedNodes().map(necReseau.actorOf)") == [actor_id]
        assert page.evaluate("necReseau.focus") == actor_id
        assert page.locator("#nec-focus h2").inner_text() == f"Lieu {actor_id}"
    # __proto__'s partners, named in its panel: valueOf and constructor.
    page.fill("#nec-recherche", "Lieu __proto__")
    page.press("#nec-recherche", "Enter")
    partners = page.locator("#nec-focus-partenaires button").all_inner_texts()
    assert sorted(partners) == ["Lieu constructor", "Lieu valueOf"]
    page.locator("#nec-focus-partenaires button", has_text="Lieu constructor").click()
    assert page.evaluate("necReseau.focus") == "constructor"
    page.keyboard.press("Escape")
    page.select_option("#nec-filtre-departement", "02")
    hidden = page.evaluate("nodes.get({filter: n => n.hidden}).map(n => n.acteur)")
    assert sorted(hidden) == sorted(["constructor", "__proto__", "hasOwnProperty", "ordinaire"])
    assert browser_page.console_errors == [] and browser_page.dialogs == []


def _open_orientation(browser_page, path: Path, query: dict[str, str]):
    url = path.resolve().as_uri() + "?" + urlencode(query)
    return browser_page.open(url, wait_for=ORIENTATION_READY)


def test_orientation_answers_from_a_hostile_structure(browser_page, pages):
    for helper in (*HOSTILE, None):  # one page, opened at each address
        query = {"commune": "80021", "difficulte": "demarches"}
        if helper:
            query["structure"] = helper
        page = _open_orientation(browser_page, pages["orienter"], query)
        expected = orient(hostile_ecosystem(), OrientationQuery("80021", "demarches", helper=helper))
        assert page.eval_on_selector_all("[data-acteur]", CARDS) == [
            p.actor.id for p in expected.places
        ], helper
        assert page.eval_on_selector("#structure", "e => e.value") == (helper or "")
        texts = page.locator("[data-acteur] dl").all_inner_texts()
        for place, text in zip(expected.places, texts, strict=True):
            if helper is None:
                assert "Par votre réseau" not in text
            elif place.actor.id == helper:
                assert "c'est votre structure" in text, helper
            elif len(place.referral) == 2:
                assert "partenaire direct de votre structure" in text, (helper, place.actor.id)
            elif place.referral:
                steps = " → ".join(f"Lieu {step}" for step in place.referral[1:-1])
                assert f"via {steps}" in text, (helper, place.actor.id)
            else:
                assert "aucun partenariat connu depuis votre structure" in text, (helper, place.actor.id)
    assert browser_page.console_errors == [] and browser_page.dialogs == []


def test_orientation_answers_once_a_hostile_structure_is_picked_in_the_form(browser_page, pages):
    page = _open_orientation(browser_page, pages["orienter"], {"commune": "60057"})
    for helper in HOSTILE:
        page.select_option("#structure", helper)
        page.select_option("#difficulte", "demarches")
        page.click("button[type=submit]")
        page.wait_for_function(f"location.search.indexOf('structure={helper}') >= 0")
        expected = orient(
            hostile_ecosystem(), OrientationQuery("60057", "demarches", helper=helper)
        )
        shown = page.eval_on_selector_all("[data-acteur]", CARDS)
        assert shown == [p.actor.id for p in expected.places]
    assert browser_page.console_errors == [] and browser_page.dialogs == []


def test_a_hostile_commune_in_the_address_says_it_is_unknown(browser_page, pages):
    for code in (*HOSTILE, "99999"):  # one page, opened at each address
        query = {"commune": code, "difficulte": "demarches"}
        page = _open_orientation(browser_page, pages["orienter"], query)
        assert page.inner_text("#erreur-formulaire") == (
            f"La commune {code} de ce lien n'est pas dans le territoire de cette page :"
            " choisissez-la dans la liste."
        )
        assert page.locator("#reponse").is_hidden(), code
        assert page.locator("[data-acteur]").count() == 0, code
    assert browser_page.console_errors == [] and browser_page.dialogs == []


def test_hostile_values_of_the_other_fields_fall_back_to_their_defaults(browser_page, pages):
    query = {"commune": "80021", "difficulte": "toString", "mobilite": "constructor",
             "public": "__proto__", "structure": "hasOwnProperty2"}  # fmt: skip
    page = _open_orientation(browser_page, pages["orienter"], query)
    expected = orient(hostile_ecosystem(), OrientationQuery("80021"))
    assert page.eval_on_selector_all("[data-acteur]", CARDS) == [
        p.actor.id for p in expected.places
    ]
    assert "en voiture" in page.inner_text("#lieux")
    assert browser_page.console_errors == [] and browser_page.dialogs == []


def test_the_map_shows_and_finds_hostile_actors(browser_page, pages):
    page = browser_page.open(pages["carte"], wait_for=MAP_READY)
    assert page.locator(".leaflet-marker-icon.nec-pin").count() == len(hostile_ecosystem())
    for actor_id in HOSTILE:
        page.fill("#nec-recherche-champ", f"Lieu {actor_id}")
        page.press("#nec-recherche-champ", "Enter")
        page.wait_for_function(
            "name => { const h = document.querySelector('.leaflet-popup-content h2');"
            " return h && h.textContent === name; }",
            arg=f"Lieu {actor_id}",
        )
    # A commune's popup links to the orientation page with its code.
    page.fill("#nec-recherche-champ", "Amiens")
    page.press("#nec-recherche-champ", "Enter")
    page.wait_for_selector(".leaflet-popup-content a[href*='commune=80021']")
    assert browser_page.console_errors == [] and browser_page.dialogs == []
