"""``tel:`` links only for valid numbers, as Python decides (:func:`nec_network.model.phone.phone_link`):
map popups and « Où orienter ? » cards and resources dial what Python said, show any other text as text."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest

from nec_network.model import Actor, Ecosystem
from nec_network.model.phone import phone_link
from nec_network.model.resource import Resource
from nec_network.views.map import MapOptions, build_map
from nec_network.views.orientation import OrientationOptions, write_orientation

pytestmark = pytest.mark.browser

#: Phone fields as people write them; only the first three are one valid number.
PHONES = {
    "fr": "03 22 97 10 00",
    "be": "+32 2 123 45 67",
    "court": "3949",
    "texte": "appeler le standard de la mairie",
    "deux": "03 22 97 10 00 / 06 12 34 56 78",
    "script": "javascript:alert(1)",
}
LINKS = {"voir": "voir en mairie", "ligne": "3949", "site": "https://exemple.invalid/aide",
         "script": "javascript:alert(1)"}  # fmt: skip


def _ecosystem() -> Ecosystem:
    return Ecosystem([
        Actor(id=f"lieu-{key}", nom=f"Lieu fictif {key}", telephone=phone, code_insee="80021", commune="Amiens",
              latitude=49.894 + 0.004 * rank, longitude=2.295, services=("Aide aux démarches administratives",))
        for rank, (key, phone) in enumerate(PHONES.items())
    ])  # fmt: skip


def _expected(value: str) -> list[str]:
    number = phone_link(value)
    return [f"tel:{number}"] if number else []


def test_the_map_popup_links_only_a_valid_number(browser_page, tmp_path):
    path = tmp_path / "carte.html"
    path.write_text(build_map(_ecosystem(), options=MapOptions(tiles=False, departements=None)), encoding="utf-8")
    page = browser_page.open(path, wait_for="document.documentElement.dataset.necCarte === 'prete'")
    page.evaluate("necCarte.map.setView([49.904, 2.295], 14, {animate: false})")
    for key, phone in PHONES.items():
        page.locator(f".leaflet-marker-icon[title='Lieu fictif {key}']").click()
        popup = page.locator(".leaflet-popup-content")
        popup.locator("h2", has_text=f"Lieu fictif {key}").wait_for()
        links = popup.locator("a[href^='tel:']").evaluate_all("els => els.map(e => e.getAttribute('href'))")
        assert links == _expected(phone), key
        assert phone in popup.inner_text()
        page.evaluate("necCarte.map.closePopup()")
    assert [phone_link(phone) for phone in PHONES.values()][:3] == ["+33322971000", "+3221234567", "3949"]
    assert page.locator("a[href^='javascript']").count() == 0
    assert browser_page.console_errors == [] and browser_page.dialogs == []


def test_orienter_cards_and_resources_link_only_valid_numbers_and_web_addresses(browser_page, tmp_path):
    resources = [Resource(f"Ressource fictive {key}", ("demarches",), link) for key, link in LINKS.items()]
    path = write_orientation(tmp_path / "orienter.html", _ecosystem(), options=OrientationOptions(resources=resources))
    query = {"commune": "80021", "difficulte": "demarches"}
    page = browser_page.open(path.resolve().as_uri() + "?" + urlencode(query),
                             wait_for="document.documentElement.getAttribute('data-nec-orienter') === 'pret'")
    for key, phone in PHONES.items():
        card = page.locator(f"[data-acteur='lieu-{key}']")
        links = card.locator("a[href^='tel:']").evaluate_all("els => els.map(e => e.getAttribute('href'))")
        assert links == _expected(phone), key
        assert phone in card.inner_text()
    for key, link in LINKS.items():
        item = page.locator("li", has_text=f"Ressource fictive {key}")
        hrefs = item.locator("a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
        assert hrefs == {"voir": [], "ligne": ["tel:3949"], "site": [link], "script": []}[key], key
        assert link.replace("https://", "") in item.inner_text()
    assert page.locator("a[href^='javascript']").count() == 0
    assert browser_page.console_errors == [] and browser_page.dialogs == []
