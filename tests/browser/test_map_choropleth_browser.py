"""The communes coloured on the map, in Chromium: the choice switches the layer and its legend,
the legend is reached with Tab and worked with the keyboard, a commune's tooltip and the table
say the value and the class, outlines of départements and EPCI, offline, no serious axe-core
violation at 1366 and 390 px.

With ``NEC_SCREENSHOTS`` set, ``carte-aplats.png`` is pictured as tested (fragility and EPCI
outlines on the unit ecosystem); the README's images come from ``scripts/readme_screenshots.py``.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from nec_network.analysis.accessibility import two_step_fca
from nec_network.analysis.coverage import coverage_by_commune
from nec_network.analysis.criteria import Threshold
from nec_network.analysis.gaps import white_zones
from nec_network.territory.fragility import embedded_fragility
from nec_network.views.map import MapLayers, MapOptions, build_map

_spec = importlib.util.spec_from_file_location(
    "map_cases", Path(__file__).resolve().parents[1] / "views" / "test_map.py"
)
cases = sys.modules.setdefault("map_cases", importlib.util.module_from_spec(_spec))
_spec.loader.exec_module(cases)

READY = "document.documentElement.dataset.necCarte === 'prete'"
PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1366, "height": 900}
THRESHOLD = Threshold(max_km=15)
DRAWN = "() => { let n = 0; necCarte.aplats.group.eachLayer(() => n++); return n; }"


@pytest.fixture(scope="module")
def coloured_map(tmp_path_factory) -> Path:
    eco = cases.ecosystem()
    coverage = coverage_by_commune(eco, threshold=THRESHOLD)
    layers = MapLayers(coverage=coverage, white_zones=white_zones(coverage),
                       fragility=embedded_fragility(),
                       accessibility=two_step_fca(eco, threshold=THRESHOLD))
    html = build_map(eco, layers, MapOptions(tiles=False, threshold=THRESHOLD, coverage_label="tous les acteurs"))
    path = tmp_path_factory.mktemp("aplats") / "carte.html"
    path.write_text(html, encoding="utf-8")
    return path


def legend_open(page) -> None:
    toggle = page.locator(".nec-legende-bouton")
    if toggle.get_attribute("aria-expanded") != "true":
        toggle.click()


def legend_classes(page) -> list[str]:
    return page.locator("#nec-aplat-legende li").all_inner_texts()


def test_choosing_a_layer_colours_the_communes_and_changes_the_legend(browser_page, coloured_map):
    page = browser_page.open(coloured_map, wait_for=READY)
    legend_open(page)
    # Off at first: nothing coloured, the coverage circles and white zones on.
    assert page.evaluate("necCarte.aplats.current") is None and legend_classes(page) == []
    assert page.evaluate("necCarte.map.hasLayer(necCarte.coverage) && necCarte.map.hasLayer(necCarte.zones)")
    page.get_by_label("Temps jusqu’au lieu le plus proche").check()
    assert page.evaluate(DRAWN) == 2248
    times = legend_classes(page)
    assert times[0].startswith("moins de 10 min (") and any(t.startswith("45 min ou plus") for t in times)
    # Put aside while communes are coloured, and said so; back when none is.
    assert page.evaluate("!necCarte.map.hasLayer(necCarte.coverage) && !necCarte.map.hasLayer(necCarte.zones)")
    assert "masqués pour lire les couleurs" in page.locator("#nec-aplat-legende").inner_text()
    page.get_by_label("Fragilité numérique (approximation)").check()
    notes = page.locator("#nec-aplat-legende").inner_text()
    assert legend_classes(page) != times and "2016–2019" in notes and "pas l’indice de fragilité numérique (IFN) officiel" in notes
    assert "ColorBrewer RdPu" in notes
    # A class unticked leaves the map, ticked comes back.
    first = page.locator("#nec-aplat-legende input[type=checkbox]").first
    hidden = int(legend_classes(page)[0].rsplit("(", 1)[1].rstrip(")").replace("\u202f", "").replace("\xa0", ""))
    first.uncheck()
    assert page.evaluate(DRAWN) == 2248 - hidden
    first.check()
    assert page.evaluate(DRAWN) == 2248
    page.get_by_label("Aucune").check()
    assert page.evaluate("necCarte.map.hasLayer(necCarte.aplats.group)") is False
    assert page.evaluate("necCarte.map.hasLayer(necCarte.coverage) && necCarte.map.hasLayer(necCarte.zones)")
    assert browser_page.console_errors == [] and browser_page.outside_requests() == []


def test_the_legend_is_reached_with_tab_and_worked_with_the_keyboard(browser_page, coloured_map):
    page = browser_page.open(coloured_map, wait_for=READY)
    legend_open(page)
    page.locator("body").focus()
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name === 'nec-aplat'"):
            break
    else:
        pytest.fail("le choix de la couleur des communes n'est pas atteint avec Tab")
    page.keyboard.press("ArrowDown")  # from « Aucune » to the first layer
    assert page.evaluate("necCarte.aplats.current.code") == "couverture"
    assert legend_classes(page)[0].startswith("Commune couverte")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("necCarte.aplats.current.code") == "temps"
    # Then Tab reaches the classes: real checkboxes, and Space hides one.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('#nec-aplat-legende') !== null")
    page.keyboard.press("Space")
    assert page.evaluate(DRAWN) < 2248


def test_a_commune_tooltip_and_the_table_say_the_value_and_the_class(browser_page, coloured_map):
    page = browser_page.open(coloured_map, wait_for=READY)
    page.evaluate("necCarte.aplats.show('fragilite')")
    page.evaluate("void necCarte.map.setView([49.895, 2.30], 11, {animate: false})")
    point = page.evaluate("(() => { const p = necCarte.map.latLngToContainerPoint([49.8941, 2.2958]);"
                          " const r = necCarte.map.getContainer().getBoundingClientRect();"
                          " return [r.left + p.x, r.top + p.y]; })()")
    page.mouse.move(point[0] + 3, point[1] + 3)
    page.mouse.move(*point)
    tooltip = page.locator(".leaflet-tooltip").first
    tooltip.wait_for()
    amiens = page.evaluate("necCarte.D.communes.find(c => c.code === '80021')")
    value = f"{amiens['fragilite']:.1f}".replace(".", ",")
    text = tooltip.inner_text()
    assert text.startswith("Amiens : indice " + value + " sur 100 (classe : ")
    # The table follows the map's choice; its row says the same value and class.
    assert page.locator("#nec-aplat-choix").input_value() == "fragilite"
    page.locator("#nec-aplat-nom").fill("Amiens")
    row = page.locator("#nec-table-aplats tbody tr").filter(has=page.locator("th", has_text="Amiens")).first
    cells = row.locator("td").all_inner_texts()
    assert cells[0] == "80" and cells[1] == "CA Amiens Métropole"
    assert cells[2] == "indice " + value + " sur 100"
    assert text.endswith("(classe : " + cells[3].strip() + ")")
    # Choosing in the table changes the map, darkest class first in the rows.
    page.locator("#nec-aplat-nom").fill("")
    page.locator("#nec-aplat-choix").select_option("accessibilite")
    assert page.evaluate("necCarte.aplats.current.code") == "accessibilite"
    first_class = page.locator("#nec-table-aplats tbody tr td:nth-child(5)").first.inner_text()
    assert first_class.strip() == "aucun lieu à portée"
    assert browser_page.console_errors == []


@pytest.mark.parametrize("size", [LAPTOP, PHONE], ids=["ordinateur", "telephone"])
def test_outlines_and_no_serious_axe_violation_with_the_layers_shown(
    browser_page, coloured_map, assert_no_serious_axe_violations, size
):
    browser_page.page.set_viewport_size(size)
    page = browser_page.open(coloured_map, wait_for=READY)
    legend_open(page)
    page.get_by_label("Fragilité numérique (approximation)").check()
    # Every commune is in one class of the legend, and drawn.
    counts = [int("".join(ch for ch in text.rsplit("(", 1)[1] if ch.isdigit())) for text in legend_classes(page)]
    assert sum(counts) == 2248 and page.evaluate(DRAWN) == 2248
    # Outlines of départements and EPCI follow the communes: départements on, EPCI on demand.
    assert page.evaluate("necCarte.map.hasLayer(necCarte.outlines.departements)")
    assert page.evaluate("necCarte.map.hasLayer(necCarte.outlines.epci)") is False
    page.get_by_label("Limites des EPCI", exact=False).check()
    assert page.evaluate("necCarte.map.hasLayer(necCarte.outlines.epci)")
    paths = page.evaluate("document.querySelectorAll('.leaflet-nec-limites-pane path').length")
    assert paths == 2
    # The view is still fitted to the territory drawn from the shapes.
    assert page.evaluate("necCarte.limits.getBounds().isValid()")
    if size is LAPTOP:
        page.evaluate("document.querySelector('.nec-legende-corps').scrollTop = 0")
        browser_page.screenshot("carte-aplats")
    assert_no_serious_axe_violations(page)
    page.locator("#tableau-aplats").scroll_into_view_if_needed()
    assert_no_serious_axe_violations(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= size["width"]
    assert browser_page.console_errors == [] and browser_page.outside_requests() == []
