"""The demo map as people meet it: laptop and phone, keyboard, commune search, table, audit.

With ``NEC_SCREENSHOTS`` set, the pages are pictured as tested (``carte.png``…); the README's
images come from ``scripts/readme_screenshots.py``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from nec_network.views.map import MapLayers, MapOptions, build_map

READY = "document.documentElement.dataset.necCarte === 'prete'"
PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1366, "height": 900}


@pytest.fixture(scope="module")
def demo_map(tmp_path_factory, demo_synthesis) -> Path:
    synthesis = demo_synthesis
    layers = MapLayers(coverage=synthesis.coverage, white_zones=synthesis.white_zones,
                       recommendations=synthesis.recommendations, journeys=synthesis.journeys)
    html = build_map(synthesis.ecosystem, layers, MapOptions(
        departements=sorted(set(synthesis.communes["departement"])), tiles=False,
        coverage_label=f"{synthesis.criteria}, {synthesis.threshold}", threshold=synthesis.threshold,
        orientation_page="orienter.html",
    ))
    path = tmp_path_factory.mktemp("carte") / "carte.html"
    path.write_text(html, encoding="utf-8")
    return path


def boxes(page, selector: str) -> list[dict]:
    return page.evaluate(
        """(selector) => [...document.querySelectorAll(selector)]
            .filter(e => e.offsetParent !== null)
            .map(e => { const r = e.getBoundingClientRect();
                        return {name: e.className, x: r.left, y: r.top, r: r.right, b: r.bottom}; })""",
        selector,
    )


def overlapping(items: list[dict], margin: float = 0.5) -> list[tuple[str, str]]:
    found = []
    for k, a in enumerate(items):
        for b in items[k + 1 :]:
            if (
                a["x"] < b["r"] - margin
                and b["x"] < a["r"] - margin
                and a["y"] < b["b"] - margin
                and b["y"] < a["b"] - margin
            ):
                found.append((a["name"], b["name"]))
    return found


@pytest.mark.parametrize("size", [LAPTOP, PHONE], ids=["ordinateur", "telephone"])
def test_the_territory_fills_the_view_and_nothing_overlaps(
    browser_page, demo_map, assert_no_serious_axe_violations, size
):
    browser_page.page.set_viewport_size(size)
    page = browser_page.open(demo_map, wait_for=READY)
    # The view is fitted to the three départements: they fill most of the free width.
    shape = page.evaluate(
        """() => { const b = necCarte.limits.getBounds(), m = necCarte.map;
                   const nw = m.latLngToContainerPoint(b.getNorthWest());
                   const se = m.latLngToContainerPoint(b.getSouthEast());
                   const legend = document.querySelector('.nec-legende');
                   const open = legend.classList.contains('nec-legende-ouverte');
                   const free = m.getSize().x - (open ? legend.offsetWidth : 0);
                   return [(se.x - nw.x) / free, nw.x >= -1, se.y <= m.getSize().y + 1]; }"""
    )
    assert shape[0] > 0.8 and shape[1] and shape[2], shape
    controls = boxes(
        page,
        ".leaflet-control-zoom, .nec-recherche, .leaflet-control-scale, "
        ".leaflet-control-attribution, .nec-legende, .leaflet-bar:has(.nec-territoire)",
    )
    assert len(controls) == 6
    assert overlapping(controls) == []
    # Recommended sites never cover one another (their ranks show only when zoomed in).
    assert overlapping(boxes(page, ".leaflet-marker-icon.nec-site"), margin=2) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= size["width"]
    assert_no_serious_axe_violations(page)
    name = "carte" if size is LAPTOP else "carte-telephone"
    browser_page.screenshot(name)
    # Every control has an accessible name, the legend's included (opened when folded).
    if page.get_attribute(".nec-legende-bouton", "aria-expanded") == "false":
        page.click(".nec-legende-bouton")
    unnamed = page.evaluate(
        """() => [...document.querySelectorAll('input, select, button, a[role=button]')]
            .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label')
                         && !e.getAttribute('title') && !e.textContent.trim())
            .map(e => e.outerHTML.slice(0, 80))"""
    )
    assert unnamed == []
    assert browser_page.console_errors == [] and browser_page.outside_requests() == []


def test_a_commune_found_by_keyboard_shows_its_coverage_time_and_nearest_places(
    browser_page, demo_map
):
    page = browser_page.open(demo_map, wait_for=READY)
    # Skip link, then the map's controls: the search field is reached with Tab.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "nec-evitement"
    page.focus("#nec-recherche-champ")
    page.keyboard.type("abbeville")
    assert "Tab pour les parcourir" in page.inner_text("#nec-recherche-etat")
    page.keyboard.press("Tab")
    assert "Commune (80)" in page.evaluate("document.activeElement.textContent")
    page.keyboard.press("Enter")
    popup = page.locator(".leaflet-popup-content")
    popup.locator("h2", has_text="Abbeville").wait_for()
    text = popup.inner_text()
    assert "Couverte" in text or "Non couverte" in text
    assert "Lieu correspondant le plus proche" in text and " min" in text
    assert popup.locator(".nec-proches li").count() == 3
    link = popup.locator("a", has_text="Où orienter une personne d")
    assert link.get_attribute("href") == "orienter.html?commune=80001"
    # A nearest place is a button: it opens that place's popup.
    first = popup.locator(".nec-proches button").first
    name = first.inner_text()
    first.click()
    page.locator(".leaflet-popup-content h2", has_text=name).first.wait_for()
    assert browser_page.console_errors == []


def test_the_table_gives_the_map_without_the_map(browser_page, demo_map):
    page = browser_page.open(demo_map, wait_for=READY)
    page.click(".nec-lien-tableau")
    assert page.evaluate("location.hash") == "#tableau-communes"
    rows = page.locator("#nec-table-communes tbody tr")
    assert rows.count() == 50
    headers = page.locator("#nec-table-communes thead th").all_inner_texts()
    assert headers[:4] == ["Commune", "Département", "Population", "Couverture"]
    page.fill("#nec-filtre-nom", "amiens")
    names = rows.locator("th").all_inner_texts()
    assert "Amiens" in names and all("amiens" in name.lower() for name in names)
    population = sum(int(p.replace("\u202f", "").replace("\xa0", "")) for p in rows.locator("td:nth-child(3)").all_inner_texts())
    assert page.inner_text("#nec-tableau-etat") == (
        f"{len(names)} communes correspondent ({population:,} habitants).".replace(",", "\u202f")
    )
    page.fill("#nec-filtre-nom", "")
    page.select_option("#nec-filtre-classe", "proche")
    classes = rows.locator("td:nth-child(4)").all_inner_texts()
    assert classes and set(classes) == {"Non couverte, à moins de deux fois le seuil"}
    page.click("#nec-tableau-plus") if page.is_visible("#nec-tableau-plus") else None
    # The table filtered by class is audited at 1366 and 390 px in the sort test below.
    browser_page.page.set_viewport_size(PHONE)
    # On a phone each commune becomes a card: no sideways scrolling.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert browser_page.console_errors == []


def test_reduced_motion_is_respected(browser_page, demo_map):
    browser_page.page.emulate_media(reduced_motion="reduce")
    page = browser_page.open(demo_map, wait_for=READY)
    assert page.evaluate("necCarte.cluster.options.animate") is False
    page.emulate_media(reduced_motion="no-preference")
    page.reload()
    page.wait_for_function(READY)
    assert page.evaluate("necCarte.cluster.options.animate") is True


def test_each_journey_starts_from_its_home(browser_page, demo_map):
    page = browser_page.open(demo_map, wait_for=READY)
    found = page.evaluate(
        """() => {
            const D = JSON.parse(document.getElementById('nec-donnees').textContent);
            return D.parcours.map((j, k) => {
                const homes = [], lines = [];
                necCarte.journeys[k].eachLayer(l => {
                    if (l.options.icon && l.options.icon.options.className.includes('nec-domicile')) {
                        homes.push([l.getLatLng().lat, l.getLatLng().lng]);
                    } else if (l.options.dashArray) {
                        lines.push([l.getLatLngs()[0].lat, l.getLatLngs()[0].lng]);
                    }
                });
                return {home: j.domicile, homes, lines, options: j.options.length};
            });
        }"""
    )
    assert found and all(journey["home"] for journey in found)
    for journey in found:
        home = [journey["home"]["lat"], journey["home"]["lon"]]
        assert journey["homes"] == [home]
        assert journey["lines"] == [home] * journey["options"]
    assert browser_page.console_errors == []


def test_the_search_folds_hyphens_and_saint_like_the_orientation_page(browser_page, demo_map):
    page = browser_page.open(demo_map, wait_for=READY)
    for typed in ("St Quentin", "saint quentin", "Saint-Quent"):
        page.fill("#nec-recherche-champ", typed)
        results = page.locator(".nec-resultats button .nec-nom").all_inner_texts()
        assert results[:1] == ["Saint-Quentin"], (typed, results)
        page.fill("#nec-filtre-nom", typed)
        names = page.locator("#nec-table-communes tbody th").all_inner_texts()
        assert "Saint-Quentin" in names, (typed, names)
    # A name typed halfway to « Saint » still finds the Saint- names.
    page.fill("#nec-recherche-champ", "Sain")
    results = page.locator(".nec-resultats button .nec-nom").all_inner_texts()
    assert results and all(name.lower().startswith("sain") for name in results), results
    assert browser_page.console_errors == []


def test_the_popup_and_the_table_name_the_nearest_place_alike(browser_page, demo_map):
    page = browser_page.open(demo_map, wait_for=READY)
    for commune, distance in (("Ablaincourt-Pressoir", True), ("Abbeville", False)):
        page.fill("#nec-recherche-champ", commune)
        page.press("#nec-recherche-champ", "Enter")
        # The previous popup may still be fading out: the new one is found by its title.
        popup = page.locator(".leaflet-popup-content", has=page.locator("h2", has_text=commune))
        popup.wait_for()
        said = popup.locator("p", has_text="Lieu correspondant le plus proche").inner_text()
        nearest = said.split(" : ", 1)[1]
        # Distance and time when the nearest place is in another commune; its name alone otherwise.
        assert (" km à vol d’oiseau, environ " in nearest and nearest.endswith(" min")) is distance, commune
        page.fill("#nec-filtre-nom", commune)
        row = page.locator("#nec-table-communes tbody tr", has=page.locator("th", has_text=commune))
        assert row.first.locator("td:nth-child(5)").inner_text() == nearest, commune
    assert browser_page.console_errors == []


@pytest.mark.parametrize("size", [LAPTOP, PHONE], ids=["ordinateur", "telephone"])
def test_a_commune_popup_opens_in_view_below_the_controls(browser_page, demo_map, size):
    """Found from the search box (top left), the popup is whole on screen and not under the
    zoom, search and home controls: on a phone they cover a third of the map."""
    page = browser_page.open(demo_map, wait_for=READY)
    page.set_viewport_size(size)
    page.focus("#nec-recherche-champ")
    page.keyboard.type("Gronard")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.locator(".leaflet-popup-content h2", has_text="Gronard").wait_for()
    # The popup opens once the view has moved, then pans itself into view (Leaflet marks the
    # map's pane during a pan, from the popup's opening to the pan's end).
    page.wait_for_function("!document.querySelector('.leaflet-pan-anim, .leaflet-zoom-anim')")
    popup = boxes(page, ".leaflet-popup")[0]
    controls = boxes(page, ".leaflet-top.leaflet-left .leaflet-control")
    map_box = boxes(page, ".leaflet-container")[0]
    assert controls and overlapping([popup, *controls]) == []
    assert map_box["y"] <= popup["y"] and popup["b"] <= map_box["b"] + 0.5
    assert browser_page.console_errors == []


@pytest.mark.parametrize("size", [LAPTOP, PHONE], ids=["ordinateur", "telephone"])
def test_the_table_sorts_by_population_with_accessible_headers_and_totals(
    browser_page, demo_map, assert_no_serious_axe_violations, size
):
    browser_page.page.set_viewport_size(size)
    page = browser_page.open(demo_map, wait_for=READY)
    header = page.locator("#nec-table-communes thead th", has_text="Population")
    assert page.get_attribute("#nec-table-communes thead th:first-child", "aria-sort") == "ascending"
    button = header.locator("button")
    assert button.bounding_box()["height"] >= (44 if size is PHONE else 30)
    button.focus()
    page.keyboard.press("Enter")
    assert header.get_attribute("aria-sort") == "descending"
    assert page.get_attribute("#nec-table-communes thead th:first-child", "aria-sort") is None
    rows = page.locator("#nec-table-communes tbody tr")
    assert rows.first.locator("th").inner_text() == "Amiens"
    shown = [int(p.replace("\u202f", "")) for p in rows.locator("td:nth-child(3)").all_inner_texts()]
    assert shown == sorted(shown, reverse=True)
    button.click()
    assert header.get_attribute("aria-sort") == "ascending"
    shown = [int(p.replace("\u202f", "")) for p in rows.locator("td:nth-child(3)").all_inner_texts()]
    assert shown == sorted(shown)
    # Totals of what the filters keep, not of the 50 rows shown.
    page.select_option("#nec-filtre-classe", "proche")
    status = page.inner_text("#nec-tableau-etat")
    assert " habitants)" in status and "50 affichées" not in status or rows.count() == 50
    assert page.locator("#nec-filtre-classe option").count() == 1 + len(
        [c for c in page.evaluate("necCarte.D.couverture.classes") if c["nombre"]]
    )
    if size is PHONE:
        page.click(".nec-legende-bouton")
        assert page.get_attribute(".nec-legende-bouton", "aria-expanded") == "true"
    assert_no_serious_axe_violations(page)
    browser_page.screenshot("carte-tableau" + ("-telephone" if size is PHONE else ""))
    assert browser_page.console_errors == [] and browser_page.outside_requests() == []
