"""The pages in time, on the demo's dated history. The network page: the date changes the drawn edges and
the text list, « avant / après » the fictional event highlights its participants and the ties it
created, ended ties are hidden or dashed; keyboard, phone, axe. The map: the event's layer and
its table. Screenshots: ``reseau-temps*.png``, ``carte-evenement*.png``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from nec_network.demo import load_demo
from nec_network.model import Actor, Ecosystem, Partnership
from nec_network.model.dates import french_date
from nec_network.views.map import MapOptions, write_map
from nec_network.views.network import write_network

STABLE = "window.necReseau && window.necReseau.stable"
PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1366, "height": 900}
EVENT = "nec-pays-picards-2025"
VISIBLE_EDGES = "edges.get().filter(e => !e.hidden).map(e => e.id).sort()"
LISTED = """Array.from(document.querySelectorAll('#liste-acteurs [data-lien]'))
    .filter(s => !s.hidden).map(s => s.getAttribute('data-lien'))"""


@pytest.fixture(scope="module")
def demo() -> Ecosystem:
    ecosystem = load_demo()
    assert EVENT in {event.id for event in ecosystem.events}
    return ecosystem


@pytest.fixture(scope="module")
def demo_map(demo, tmp_path_factory) -> Path:
    return write_map(demo, tmp_path_factory.mktemp("carte-temps") / "carte.html", options=MapOptions(tiles=False))


def _edge_ids_at(ecosystem: Ecosystem, day: dt.date) -> set[str]:
    """Edge ids (e0, e1… in partnership order) of the partnerships there on ``day``, by Python."""
    from nec_network.analysis.evolution import network_at

    there = set(network_at(ecosystem, day).partnerships)
    return {f"e{index}" for index, link in enumerate(ecosystem.partnerships) if link in there}


def test_the_date_changes_the_edges_and_the_text_list_and_ended_ties_are_hidden_or_dashed(
    browser_page, demo_network, demo
):
    page = browser_page.open(demo_network, wait_for=STABLE, timeout=60)
    everything = page.evaluate(VISIBLE_EDGES)
    assert len(everything) == len(demo.partnerships)
    # Keyboard: type a date in the field, the French way, as a person would.
    page.focus("#nec-date")
    page.keyboard.type("30/06/2021")
    page.keyboard.press("Enter")
    early = set(page.evaluate(VISIBLE_EDGES))
    assert early == _edge_ids_at(demo, dt.date(2021, 6, 30))
    assert 0 < len(early) < len(everything)
    listed = page.evaluate(LISTED)
    assert set(listed) == early and len(listed) == 2 * len(early)  # each tie under both actors
    assert "30 juin 2021" in page.inner_text("#nec-temps-etat")
    assert "30 juin 2021" in page.inner_text("#nec-liste-date")
    # The slider moves month by month with the arrow keys; its value is said in words.
    page.focus("#nec-curseur")
    page.keyboard.press("Home")
    first = page.evaluate("necReseau.temps.day")
    page.keyboard.press("ArrowRight")
    page.wait_for_function(f"necReseau.temps.day !== {first!r}")
    day = page.evaluate("necReseau.temps.day")
    assert page.get_attribute("#nec-curseur", "aria-valuetext") not in ("", "toutes les dates")
    assert set(page.evaluate(VISIBLE_EDGES)) == _edge_ids_at(demo, dt.date.fromisoformat(day))
    page.click("#nec-toutes-dates")
    assert len(page.evaluate(VISIBLE_EDGES)) == len(everything)
    # Ties ended by the chosen day are hidden, or shown dashed when asked.
    page.fill("#nec-date", "31/10/2026")
    page.dispatch_event("#nec-date", "change")
    hidden = len(demo.partnerships) - len(page.evaluate(VISIBLE_EDGES))
    ended = [link for link in demo.partnerships if link.fin and link.fin.last_day < dt.date(2026, 10, 31)]
    assert hidden == len(ended) > 0
    page.check("#nec-termines")
    dashed = page.evaluate("edges.get().filter(e => !e.hidden && Array.isArray(e.dashes) && e.color.color === '#767676').length")
    assert dashed == len(ended)
    assert "terminé" in page.inner_text("#liste-acteurs")
    assert browser_page.console_errors == []


@pytest.mark.parametrize("size", [LAPTOP, PHONE], ids=["ordinateur", "telephone"])
def test_before_and_after_the_event(browser_page, demo_network, demo, assert_no_serious_axe_violations, size):
    from nec_network.analysis.evolution import event_effect

    browser_page.page.set_viewport_size(size)
    page = browser_page.open(demo_network, wait_for=STABLE, timeout=60)
    event = demo.event(EVENT)
    if size is PHONE:  # on a phone the settings start folded under their button
        assert page.locator("#nec-avant").is_hidden()
        page.click("#nec-reglages summary")
    page.click("#nec-avant")
    assert page.get_attribute("#nec-avant", "aria-pressed") == "true"
    assert page.evaluate("necReseau.temps.day") == "2025-10-15"
    attendees = page.evaluate(
        "nodes.get().filter(n => n.borderWidth === 4).map(n => necReseau.actorOf(n.id)).sort()"
    )
    assert attendees == sorted(event.attendees)
    assert "participant à" in page.inner_text("#liste-acteurs")
    page.click("#nec-apres")
    assert page.get_attribute("#nec-apres", "aria-pressed") == "true"
    at = dt.date.fromisoformat(page.evaluate("necReseau.temps.day"))
    effect = event_effect(demo, EVENT, at=at)
    created = page.evaluate("Array.from(necReseau.temps.created)")
    pairs = {
        tuple(sorted((demo.partnerships[int(edge[1:])].source, demo.partnerships[int(edge[1:])].cible)))
        for edge in created
    }
    # Python counts created ties still there and ended since; the page shows those still there.
    still_there = set(effect.created) - set(effect.ended)
    assert pairs == still_there and len(pairs) >= 10
    thick = page.evaluate("edges.get().filter(e => !e.hidden && e.width === 4).length")
    assert thick == len(created)
    assert "lien" in page.inner_text("#nec-temps-etat") and event.nom in page.inner_text("#nec-temps-etat")
    assert "nouveau depuis l’événement" in page.inner_text("#liste-acteurs")
    assert page.evaluate("document.documentElement.scrollWidth") <= size["width"]
    assert_no_serious_axe_violations(page)
    browser_page.screenshot("reseau-temps" if size is LAPTOP else "reseau-temps-telephone")
    assert browser_page.console_errors == [] and browser_page.outside_requests() == []


def test_without_dated_ties_the_control_says_why(browser_page, tmp_path):
    places = Ecosystem(
        [Actor("a", "France Services A", code_insee="80021"), Actor("b", "Antenne B", code_insee="80021")],
        [Partnership("b", "a", "membre_de")],
    )
    page = browser_page.open(write_network(places, tmp_path / "lieux.html"), wait_for=STABLE, timeout=60)
    assert page.locator("#nec-temps").count() == 0
    text = page.inner_text("#nec-temps-absent")
    assert "aucun partenariat de travail" in text and "nec-network enquete" in text
    undated = Ecosystem(
        [Actor("a", "A", code_insee="80021"), Actor("b", "B", code_insee="80021")],
        [Partnership("a", "b", "partenariat")],
    )
    page = browser_page.open(write_network(undated, tmp_path / "sans-date.html"), wait_for=STABLE, timeout=60)
    assert "Aucun partenariat n’est daté" in page.inner_text("#nec-temps-absent")
    assert browser_page.console_errors == []


@pytest.mark.parametrize("size", [LAPTOP, PHONE], ids=["ordinateur", "telephone"])
def test_the_map_shows_the_event_participants_and_new_ties(
    browser_page, demo, demo_map, assert_no_serious_axe_violations, size
):
    from nec_network.analysis.evolution import event_effect, reference_date

    browser_page.page.set_viewport_size(size)
    page = browser_page.open(demo_map, wait_for="document.documentElement.dataset.necCarte === 'prete'", timeout=60)
    effect = event_effect(demo, EVENT, at=reference_date(demo))
    layer = "necCarte.events[0]"
    assert page.evaluate(f"necCarte.map.hasLayer({layer})") is False  # off at first
    if size is PHONE:
        page.click(".nec-legende-bouton")
    switch = page.locator(".nec-legende label", has_text="Événement").locator("input")
    switch.focus()
    page.keyboard.press("Space")
    assert page.evaluate(f"necCarte.map.hasLayer({layer})") is True
    lines = page.evaluate(f"{layer}.getLayers().filter(l => l instanceof L.Polyline && !(l instanceof L.CircleMarker)).length")
    rings = page.evaluate(f"{layer}.getLayers().filter(l => l instanceof L.CircleMarker).length")
    assert lines == len(effect.created) and rings == len(effect.participants)
    table = page.inner_text("#evenements-carte")
    assert f"{len(effect.participants)} participants sur la carte, {len(effect.created)} liens créés" in table
    assert page.locator("#evenements-carte tbody tr").count() >= len(effect.participants)
    assert page.evaluate("document.documentElement.scrollWidth") <= size["width"]
    assert_no_serious_axe_violations(page)
    browser_page.screenshot("carte-evenement" if size is LAPTOP else "carte-evenement-telephone")
    assert browser_page.console_errors == [] and browser_page.outside_requests() == []


def test_the_date_is_entered_the_french_way_whatever_the_browser_language(chromium_browser, demo_network, demo):
    """Under an English browser the field still reads and writes jj/mm/aaaa; a day that is none
    is said next to the field, which keeps it and is marked invalid."""
    context = chromium_browser.new_context(viewport=LAPTOP, locale="en-US")
    errors: list[str] = []
    try:
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        page.goto(demo_network.resolve().as_uri())
        page.wait_for_function(STABLE, timeout=60_000)
        field = page.locator("#nec-date")
        assert field.get_attribute("placeholder") == "jj/mm/aaaa"
        assert field.get_attribute("type") == "text"
        assert "jj/mm/aaaa" in page.inner_text("label[for=nec-date]")
        # 06/30/2021 is how an English browser writes the 30th of June: not a French day.
        field.fill("06/30/2021")
        field.press("Enter")
        assert field.get_attribute("aria-invalid") == "true"
        assert "n’est pas une date" in page.inner_text("#nec-date-erreur")
        assert page.evaluate("necReseau.temps.day") is None and field.input_value() == "06/30/2021"
        field.fill("30/06/2021")
        field.press("Enter")
        assert page.evaluate("necReseau.temps.day") == "2021-06-30"
        assert field.get_attribute("aria-invalid") is None and page.inner_text("#nec-date-erreur") == ""
        assert set(page.evaluate(VISIBLE_EDGES)) == _edge_ids_at(demo, dt.date(2021, 6, 30))
        # The slider writes its day back into the field, the French way, and says it in words.
        page.focus("#nec-curseur")
        page.keyboard.press("Home")
        page.wait_for_function("necReseau.temps.day !== '2021-06-30'")
        day = dt.date.fromisoformat(page.evaluate("necReseau.temps.day"))
        assert field.input_value() == day.strftime("%d/%m/%Y")
        assert page.get_attribute("#nec-curseur", "aria-valuetext") == french_date(day)
        assert errors == []
    finally:
        context.close()
