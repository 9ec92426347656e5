"""The network page in headless Chromium: nodes, search by name, legend, filters, tooltips, frames."""

from __future__ import annotations

from pathlib import Path

import pytest

from nec_network.model import Actor, Ecosystem, Partnership
from nec_network.territory import get_commune
from nec_network.views.network import NetworkOptions, write_network

XSS_IMG = "<img src=x onerror=alert(1)>"
XSS_SCRIPT = '"><script>alert(1)</script>'
STABLE = "window.necReseau && window.necReseau.stable"
# The actors (ids of the data) of the selected nodes (drawn as n0, n1…).
SELECTED = "network.getSelectedNodes().map(necReseau.actorOf)"


def actor_at(actor_id: str, nom: str, code_insee: str, typologie: str, **fields) -> Actor:
    commune = get_commune(code_insee)
    return Actor(
        id=actor_id,
        nom=nom,
        typologies=(typologie,),
        code_insee=code_insee,
        commune=commune.nom,
        latitude=commune.latitude,
        longitude=commune.longitude,
        **fields,
    )


def hostile_ecosystem() -> Ecosystem:
    """Six actors in distinct communes of the three départements, two with hostile names."""
    actors = [
        actor_at(
            "amiens",
            "Médiathèque d'Amiens",
            "80021",
            "BIB",
            services=("Aide aux démarches administratives",),
        ),
        actor_at("laon", "France services de Laon", "02408", "RFS"),
        actor_at("beauvais", "Espace numérique de Beauvais", "60057", "EPN"),
        actor_at("xss-img", XSS_IMG, "80001", "ASSO", services=(XSS_SCRIPT,)),
        actor_at("xss-script", XSS_SCRIPT, "02691", "CCAS", horaires=XSS_IMG),
        actor_at("compiegne", "CCAS de Compiègne", "60159", "CCAS"),
    ]
    links = [
        Partnership("laon", "amiens", "orientation"),
        Partnership("amiens", "beauvais", "partenariat"),
        Partnership("xss-img", "amiens", "membre_de"),
        Partnership("xss-script", "laon", "financement"),
        Partnership("compiegne", "beauvais", "co_organisation"),
    ]
    return Ecosystem(actors, links)


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("reseau")
    ecosystem = hostile_ecosystem()
    return {
        "physique": write_network(ecosystem, folder / "reseau.html", NetworkOptions(layout="physique")),
        "geographique": write_network(ecosystem, folder / "reseau-geo.html",
                                      NetworkOptions(layout="geographique", color_by="departement")),
    }


def node_point(frame, actor_id: str) -> tuple[float, float]:
    """Where a node is drawn, in the page's CSS pixels."""
    return tuple(
        frame.evaluate(
            """(actor) => {
                const id = necReseau.nodeId(actor);
                const p = network.canvasToDOM(network.getPositions([id])[id]);
                const box = document.getElementById("reseau").getBoundingClientRect();
                return [box.left + p.x, box.top + p.y];
            }""",
            actor_id,
        )
    )


def hidden_ids(page) -> list[str]:
    return sorted(page.evaluate("nodes.get({filter: n => n.hidden}).map(n => n.acteur)"))


def test_page_holds_every_actor_with_no_error_and_no_request(browser_page, pages):
    ecosystem = hostile_ecosystem()
    for layout in ("physique", "geographique"):  # one page, opened at each file
        page = browser_page.open(pages[layout], wait_for=STABLE)
        assert page.evaluate("network.body.data.nodes.length") == len(ecosystem), layout
        assert page.evaluate("nodes.get().map(n => n.nom)") == [a.nom for a in ecosystem], layout
        assert page.evaluate("edges.length") == len(ecosystem.partnerships), layout
        assert page.locator("#reseau canvas").count() == 1, layout
        # Edges get their type's style and a text tooltip naming both ends.
        financement = page.evaluate("edges.get('e3')")
        assert financement["color"]["color"] == "#009E73" and financement["dashes"] == [8, 4], layout
        assert financement["arrows"]["to"]["enabled"] is True, layout
        assert financement["title"] == f"Financement : {XSS_SCRIPT} → France services de Laon", layout
        assert page.evaluate("network.physics.physicsEnabled") is False, layout  # nothing moves any more
    assert browser_page.console_errors == []
    assert browser_page.outside_requests() == []
    assert all(url.startswith(("file:", "data:")) for url in browser_page.requests)
    assert browser_page.dialogs == []


def test_search_finds_an_actor_by_its_name_and_focuses_it(browser_page, pages):
    page = browser_page.open(pages["physique"], wait_for=STABLE)
    names = page.evaluate(
        "Array.from(document.querySelectorAll('#nec-noms option')).map(o => o.value)"
    )
    assert sorted(names) == sorted(a.nom for a in hostile_ecosystem())
    page.fill("#nec-recherche", "mediatheque d'amiens")  # accents and case do not matter
    page.press("#nec-recherche", "Enter")
    assert page.evaluate(SELECTED) == ["amiens"]
    assert page.locator("#nec-etat").inner_text() == "Acteur trouvé : Médiathèque d'Amiens."
    page.fill("#nec-recherche", "onerror")
    page.get_by_role("button", name="Chercher", exact=True).click()
    assert page.evaluate(SELECTED) == ["xss-img"]
    assert page.locator("#nec-etat").inner_text() == f"Acteur trouvé : {XSS_IMG}."
    page.fill("#nec-recherche", "Introuvable")
    page.press("#nec-recherche", "Enter")
    assert page.locator("#nec-etat").inner_text() == "Aucun acteur ne correspond à « Introuvable »."
    assert browser_page.console_errors == [] and browser_page.dialogs == []


def test_legend_names_colours_links_and_arrows(browser_page, pages):
    page = browser_page.open(pages["geographique"], wait_for=STABLE)
    legend = page.locator("#nec-legende")
    assert legend.is_visible()
    text = " ".join(legend.inner_text().split())
    for expected in (
        "Couleur : département",
        "02 Aisne (2)",
        "60 Oise (2)",
        "80 Somme (2)",
        "Orientation →",
        "Partenariat",
        "de la source vers la cible",
        "Disposition géographique",
    ):
        assert expected in text
    assert legend.locator(".nec-pastille").count() == 3
    assert legend.locator("svg.nec-trait").count() == 5


def test_filters_hide_and_show_nodes(browser_page, pages):
    page = browser_page.open(pages["physique"], wait_for=STABLE)
    page.select_option("#nec-filtre-departement", "80")
    assert hidden_ids(page) == ["beauvais", "compiegne", "laon", "xss-script"]
    assert page.evaluate("edges.get({filter: e => !e.hidden}).map(e => e.id)") == ["e2"]
    assert page.locator("#nec-etat").inner_text() == "2 acteurs affichés sur 6."
    page.select_option("#nec-filtre-typologie", "BIB")
    assert hidden_ids(page) == ["beauvais", "compiegne", "laon", "xss-img", "xss-script"]
    assert page.locator("#nec-etat").inner_text() == "1 acteur affiché sur 6."
    page.click("#nec-reinitialiser")
    assert hidden_ids(page) == []
    page.select_option("#nec-filtre-service", XSS_SCRIPT)  # a hostile service is a plain value
    assert hidden_ids(page) == ["amiens", "beauvais", "compiegne", "laon", "xss-script"]
    # Searching a hidden actor lifts the filters to show it.
    page.fill("#nec-recherche", "CCAS de Compiègne")
    page.press("#nec-recherche", "Enter")
    assert hidden_ids(page) == [] and page.evaluate(SELECTED) == ["compiegne"]
    assert browser_page.console_errors == []


def test_hostile_names_show_as_text_in_tooltips(browser_page, pages):
    page = browser_page.open(pages["geographique"], wait_for=STABLE)
    tooltip = page.locator("div.vis-tooltip")
    for actor_id, name in (("xss-img", XSS_IMG), ("xss-script", XSS_SCRIPT)):
        x, y = node_point(page, actor_id)
        page.mouse.move(x - 30, y - 30)
        page.mouse.move(x, y, steps=5)
        page.wait_for_function(
            "(name) => { const t = document.querySelector('div.vis-tooltip');"
            " return t && t.style.visibility !== 'hidden' && t.textContent.startsWith(name); }",
            arg=name,
        )
        text = tooltip.text_content()
        assert text.startswith(name)
        assert "Typologie : " in text, actor_id
        assert tooltip.locator("img, script").count() == 0, actor_id
    assert browser_page.dialogs == []
    assert browser_page.console_errors == []


def test_network_works_inside_a_narrow_iframe(browser_page, pages, iframe_host):
    host = iframe_host(pages["physique"].as_uri(), width="320px", height="560px")
    page = browser_page.open(host)
    frame = page.frames[1]
    frame.wait_for_function(STABLE)
    assert frame.evaluate("network.body.data.nodes.length") == 6
    assert frame.evaluate("document.documentElement.scrollWidth") <= 320
    assert frame.evaluate("document.getElementById('reseau').clientWidth") > 250
    assert frame.evaluate("document.getElementById('nec-legende').open") is False
    assert browser_page.console_errors == []
    assert browser_page.outside_requests() == []


def test_page_is_usable_at_320_pixels(browser_page, pages):
    browser_page.page.set_viewport_size({"width": 320, "height": 640})
    page = browser_page.open(pages["geographique"], wait_for=STABLE)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert page.evaluate("document.getElementById('reseau').clientHeight") >= 300
    # The filters are folded under one button, 44 px tall, that unfolds them.
    assert page.locator("#nec-filtre-typologie").is_hidden()
    summary = page.locator("#nec-reglages summary")
    assert summary.bounding_box()["height"] >= 44
    summary.click()
    for control in ("#nec-recherche", "#nec-filtre-typologie", "#nec-filtre-service"):
        box = page.locator(control).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 320
