"""<nec-orienter> and <nec-carte> in a partner's page: the README's host page, served from a local
HTTP server with the files `nec-network site` writes, in headless Chromium."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from nec_network.demo import load_demo, load_demo_personae, load_demo_resources
from nec_network.views.elements import write_elements
from nec_network.views.map import MapOptions, write_map
from nec_network.views.orientation import OrientationOptions

pytestmark = pytest.mark.browser

README = Path(__file__).resolve().parents[2] / "README.md"
READY = "document.querySelector('nec-orienter').getAttribute('data-nec-orienter') === 'pret'"
MAP_READY = "() => { const f = document.querySelector('nec-carte').shadowRoot.querySelector('iframe');" \
    " return f && f.contentWindow && f.contentWindow.necCarte && f.contentWindow.necCarte.map; }"


def host_page_of_the_readme() -> str:
    """The host page a webmaster copies from the README."""
    section = README.read_text(encoding="utf-8").split("### Intégrer « Où orienter ? » et la carte", 1)[1]
    return re.search(r"```html\n(.*?)```", section, re.S).group(1)


@pytest.fixture(scope="module")
def partner_site(tmp_path_factory) -> Path:
    """A partner's folder: the README's page beside the element files and the map page."""
    folder = tmp_path_factory.mktemp("partenaire")
    ecosystem = load_demo()
    options = OrientationOptions(resources=load_demo_resources(), personae=load_demo_personae())
    write_elements(folder, ecosystem, options=options)
    write_map(ecosystem, folder / "carte.html", options=MapOptions(tiles=False))
    (folder / "accueil.html").write_text(host_page_of_the_readme(), encoding="utf-8")
    return folder


def _open(browser_page, base: str, page: str = "accueil.html", width: int = 1366, height: int = 900):
    browser_page.page.set_viewport_size({"width": width, "height": height})
    return browser_page.open(base + page, wait_for=READY)


@pytest.mark.parametrize(("width", "height"), [(1366, 900), (390, 844)])
def test_the_elements_answer_and_frame_the_map_in_the_host_page_from_its_server_only(
    browser_page, partner_site, serve_directory, assert_no_serious_axe_violations, width, height
):
    base = serve_directory(partner_site)
    page = _open(browser_page, base, width=width, height=height)
    browser_page.screenshot(f"element-orienter-{width}")  # the README's host page, as a visitor first sees it
    element = page.locator("nec-orienter")
    assert element.locator("h2#orienter-titre").inner_text() == "Trouver un lieu près de chez vous"
    assert page.evaluate("document.querySelectorAll('#commune-saisie, .nec-lieu').length") == 0  # all in its shadow root
    field = element.locator("#commune-saisie")
    field.fill("Grandviliers")
    first = element.locator("#commune-suggestions li").first
    assert first.inner_text().startswith("Grandvilliers")
    first.click()
    element.locator("#difficulte").select_option("demarches")
    element.locator("button[type=submit]").click()
    cards = element.locator(".nec-lieu")
    assert cards.count() >= 3
    summary = element.locator("#resume").inner_text()
    assert re.match(r"\d+ lieux, le plus proche à [\d,]+\u00a0km — «\u00a0Faire une démarche en ligne\u00a0» depuis Grandvilliers, en voiture\.", summary), summary
    top = cards.first.bounding_box()["y"]
    assert 0 <= top < height  # the first card is on screen after « Trouver »
    assert page.evaluate("document.activeElement.tagName") == "NEC-ORIENTER"
    assert page.evaluate("document.activeElement.shadowRoot.activeElement.id") == "resume"
    heights = element.locator("#reponse a, #reponse button, #reponse .nec-retenir").evaluate_all(
        "els => els.filter(e => e.getClientRects().length).map(e => e.getBoundingClientRect().height)"
    )
    assert heights and min(heights) >= 44
    assert page.url == base + "accueil.html"  # the host's address is left alone
    link = element.locator("#lien-partage").input_value()
    assert link.startswith(base + "accueil.html?commune=") and "difficulte=demarches" in link
    sources = element.locator("#orienter-sources").inner_text()
    assert "nec-network" in sources
    assert page.evaluate("[localStorage.length, sessionStorage.length, document.cookie]") == [0, 0, ""]
    # <nec-carte> frames the site's map, with its text alternative, below the answer.
    page.wait_for_function(MAP_READY, timeout=20_000)
    carte = page.locator("nec-carte")
    frame = carte.locator("iframe")
    assert frame.get_attribute("src") == base + "carte.html?integre=1"
    assert frame.get_attribute("title") == "Carte des acteurs de l'inclusion numérique"
    assert round(frame.bounding_box()["height"]) == 500
    assert carte.locator("#carte-tableau").get_attribute("href") == base + "carte.html#tableau-communes"
    links = carte.locator("a").evaluate_all("els => els.map(e => e.getBoundingClientRect().height)")
    assert len(links) == 2 and min(links) >= 44
    assert not browser_page.console_errors
    assert browser_page.requests and all(url.startswith(base) for url in browser_page.requests), browser_page.requests
    # One audit of the page with both elements: everything shown at load stays shown with the answer.
    assert_no_serious_axe_violations(page)


def test_a_shared_link_opens_the_answer_and_keeps_the_hosts_parameters(
    browser_page, partner_site, serve_directory
):
    base = serve_directory(partner_site)
    page = _open(browser_page, base, "accueil.html?page_id=12&commune=60286&mobilite=pied")
    element = page.locator("nec-orienter")
    assert element.locator(".nec-lieu").count() >= 1
    assert "depuis Grandvilliers, à pied" in element.locator("#resume").inner_text()
    element.locator("input[name=gratuit]").check()
    link = element.locator("#lien-partage").input_value()
    assert "page_id=12" in link and "gratuit=1" in link and link.count("commune=") == 1
    assert not browser_page.console_errors


def test_the_elements_printed_sheet_says_what_it_prints(browser_page, partner_site, serve_directory):
    """Printing from the partner's page prints the element's sheet: the kept places, the form hidden."""
    page = _open(browser_page, serve_directory(partner_site), "accueil.html?commune=60286&difficulte=demarches")
    element = page.locator("nec-orienter")
    cards = element.locator(".nec-lieu")
    total = cards.count()
    assert total > 3
    element.locator("#fiche-prenom").fill("Josiane")
    element.locator("#fiche-prenom").dispatch_event("input")
    page.emulate_media(media="print")
    browser_page.screenshot("element-orienter-impression", full_page=True)
    assert not element.locator("#orienter-formulaire").is_visible()
    assert element.locator("#fiche-pour").inner_text() == "Pour Josiane"
    assert element.locator("#resume-imprime").inner_text().startswith(f"3 lieux retenus sur {total} proposés — ")
    assert [cards.nth(i).is_visible() for i in range(4)] == [True, True, True, False]
    page.emulate_media(media="screen")
    assert not browser_page.console_errors


def test_text_from_the_data_stays_text(browser_page, partner_site, serve_directory, tmp_path):
    """A name written as markup in the data shows as the same characters, never as an element."""
    for name in ("nec-orienter.js", "nec-carte.js", "carte.html", "accueil.html"):
        shutil.copy(partner_site / name, tmp_path / name)
    data = (partner_site / "nec-donnees.json").read_text(encoding="utf-8")
    first = re.search(r'"structures":\["([^"]+)"', data).group(1)
    name = re.search(r'"id":"' + re.escape(first) + r'","nom":"([^"]+)"', data).group(1)
    hostile = "\\u003cimg src=x onerror=alert(1)\\u003e"
    (tmp_path / "nec-donnees.json").write_text(data.replace(f'"nom":"{name}"', f'"nom":"{hostile}"', 1),
                                              encoding="utf-8")
    page = _open(browser_page, serve_directory(tmp_path))
    options = page.locator("nec-orienter #structure option").all_inner_texts()
    assert "<img src=x onerror=alert(1)>" in options
    assert page.locator("nec-orienter img").count() == 0 and not browser_page.dialogs


def test_data_from_another_site_is_refused_without_a_request(browser_page, partner_site, serve_directory, tmp_path):
    shutil.copy(partner_site / "nec-orienter.js", tmp_path / "nec-orienter.js")
    (tmp_path / "autre.html").write_text(
        '<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Hôte</title></head><body><main>'
        '<nec-orienter donnees="https://exemple.org/nec-donnees.json"></nec-orienter></main>'
        '<script src="nec-orienter.js"></script></body></html>',
        encoding="utf-8",
    )
    base = serve_directory(tmp_path)
    page = browser_page.open(
        base + "autre.html", wait_for="document.querySelector('nec-orienter').getAttribute('data-nec-orienter')"
    )
    message = page.locator("nec-orienter .nec-element-etat").inner_text()
    assert "même site que cette page" in message
    assert all(url.startswith(base) for url in browser_page.requests)
