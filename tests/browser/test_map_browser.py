"""The map in Chromium: markers and clusters, popups, legend, search, layers, escaping, offline."""

from __future__ import annotations

import base64
import importlib.util
import shutil
import sys
from pathlib import Path

import pytest

from nec_network.analysis.criteria import Threshold
from nec_network.analysis.coverage import coverage_by_commune
from nec_network.analysis.gaps import white_zones
from nec_network.views.map import MapLayers, MapOptions, build_map

# The unit tests' ecosystem: four placed actors (two with hostile names), one unplaced.
_spec = importlib.util.spec_from_file_location(
    "map_cases", Path(__file__).resolve().parents[1] / "views" / "test_map.py"
)
cases = sys.modules.setdefault("map_cases", importlib.util.module_from_spec(_spec))
_spec.loader.exec_module(cases)

READY = "document.documentElement.dataset.necCarte === 'prete'"
PLACED = 4
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg=="
)


@pytest.fixture(scope="module")
def coverage():
    return coverage_by_commune(cases.ecosystem(), threshold=Threshold(max_km=15))


def write(folder: Path, name: str = "carte.html", **options) -> Path:
    path = folder / name
    layers = {key: options.pop(key) for key in ("coverage", "white_zones", "recommendations", "journeys")
              if key in options}
    path.write_text(build_map(cases.ecosystem(), MapLayers(**layers), MapOptions(**options)), encoding="utf-8")
    return path


# The maps several tests open, each built once for the module: read-only (a test copies one to
# put a page beside it).
@pytest.fixture(scope="module")
def maps_folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("cartes")


@pytest.fixture(scope="module")
def tileless_map(maps_folder) -> Path:
    return write(maps_folder, "sans-fond.html", tiles=False)


@pytest.fixture(scope="module")
def marker_map(maps_folder) -> Path:
    """Far below its clustering threshold: single markers (on a laptop)."""
    return write(maps_folder, "marqueurs.html", tiles=False, cluster_threshold=100)


@pytest.fixture(scope="module")
def cluster_map(maps_folder) -> Path:
    """Above its clustering threshold: actors grouped."""
    return write(maps_folder, "regroupes.html", tiles=False, cluster_threshold=1)


@pytest.fixture(scope="module")
def white_zones_map(maps_folder, coverage) -> Path:
    return write(maps_folder, "zones.html", tiles=False, coverage=coverage, white_zones=white_zones(coverage))


#: The map of each clustering threshold, by its fixture's name.
BY_THRESHOLD = {100: "marker_map", 1: "cluster_map"}


SHOWN = """() => {
    const single = document.querySelectorAll('.leaflet-marker-pane .nec-pin').length;
    const grouped = [...document.querySelectorAll('.marker-cluster')]
        .reduce((sum, c) => sum + Number(c.textContent.trim()), 0);
    return single + grouped;
}"""


def shown_actors(page) -> int:
    """Actors a person sees: single markers plus the numbers on the clusters."""
    return page.evaluate(SHOWN)


@pytest.mark.parametrize("threshold", [100, 1], ids=["marqueurs", "regroupes"])
def test_markers_or_clusters_show_every_placed_actor_and_a_click_opens_its_popup(
    browser_page, request, threshold
):
    path = request.getfixturevalue(BY_THRESHOLD[threshold])
    page = browser_page.open(path, wait_for=READY)
    page.wait_for_function("document.querySelector('.nec-pin, .marker-cluster')")
    assert shown_actors(page) == PLACED
    # The actors' columns became one object per actor, as the Python reading says.
    expected = cases.actor_records(cases.map_data(path.read_text(encoding="utf-8")))
    assert page.evaluate("necCarte.D.acteurs") == expected and len(expected) == PLACED
    if threshold == 1:
        page.evaluate("necCarte.map.setZoom(6, {animate: false})")
        # Clusters animate into place: wait until they are there and every actor counted once.
        page.wait_for_function(
            f"document.querySelector('.marker-cluster') && ({SHOWN})() === {PLACED}", timeout=5000
        )
    page.evaluate("necCarte.map.setView([49.894, 2.295], 13, {animate: false})")
    # A marker being animated out of its cluster is replaced at the end of the animation.
    page.wait_for_function("!document.querySelector('.leaflet-cluster-anim')")
    page.wait_for_timeout(100)
    page.locator(".leaflet-marker-icon[title='Médiathèque Louis-Aragon']").click()
    popup = page.locator(".leaflet-popup-content")
    assert popup.locator("h2").inner_text() == "Médiathèque Louis-Aragon"
    assert "Bibliothèque / Médiathèque" in popup.inner_text()
    assert popup.locator("a[href='mailto:mediatheque@amiens.fr']").count() == 1
    assert popup.locator("a", has_text="Prendre rendez-vous").get_attribute("href") == (
        "https://rdv.amiens.fr"
    )
    assert popup.locator("a[href^='javascript']").count() == 0
    assert browser_page.console_errors == []


def legend_switch(page, text: str):
    """The checkbox of the legend whose label holds ``text``."""
    return page.locator(".nec-legende label", has_text=text).first.locator("input")


def test_legend_names_every_symbol_and_switches_the_layers(browser_page, tmp_path, coverage):
    path = write(
        tmp_path,
        tiles=False,
        coverage=coverage,
        white_zones=white_zones(coverage),
        coverage_label="tout acteur, à 15 km",
        threshold=Threshold(max_km=15),
        cluster_threshold=1,
    )
    page = browser_page.open(path, wait_for=READY)
    legend = page.locator(".nec-legende")
    assert legend.locator("button.nec-legende-bouton").inner_text() == "Légende et couches"
    assert legend.locator("button.nec-legende-bouton").get_attribute("aria-expanded") == "true"
    text = legend.inner_text()
    for expected in ("Acteurs (4)", "Réseau France Services (2)", "Orientation (orienté) (1)",
                     "Commune couverte", "Zones blanches", "Regrouper les acteurs proches",
                     "Limites des départements", "palette Paul Tol",
                     "1 acteur sans coordonnées, absent de la carte."):  # fmt: skip
        assert expected in text, expected
    # Every symbol drawn on the map has its sample in the legend: clusters included.
    assert legend.locator(".nec-groupe").count() == 1
    assert legend.locator(".nec-pin").count() == 3  # three typologies
    # The legend's checkboxes are the layers' state: partnerships are off, and say so.
    assert not legend_switch(page, "Partenariats (2)").is_checked()
    assert page.evaluate("necCarte.map.hasLayer(necCarte.links)") is False
    legend_switch(page, "Partenariats (2)").check()
    assert page.evaluate("necCarte.map.hasLayer(necCarte.links)") is True
    assert legend_switch(page, "Couverture : tout acteur, à 15 km").is_checked()
    assert legend_switch(page, "Zones blanches").is_checked()
    # Unticking a typology removes its markers from the map (and from the clusters).
    page.evaluate("void necCarte.map.setView([49.6, 2.6], 7, {animate: false})")
    page.wait_for_function(f"({SHOWN})() === {PLACED}")
    legend_switch(page, "Réseau France Services").uncheck()
    page.wait_for_function(f"({SHOWN})() === {PLACED - 2}")
    # Turning a layer on from elsewhere (the search) ticks its box too.
    page.evaluate("necCarte.showActor(3)")
    assert legend_switch(page, "Réseau France Services").is_checked()
    assert page.locator(".leaflet-control-zoom-fullscreen").count() == 1
    assert page.locator(".leaflet-control-layers").count() == 0
    assert browser_page.console_errors == []


def test_white_zones_are_drawn_over_their_own_communes_only(browser_page, white_zones_map, coverage):
    from nec_network.territory.shapes import reference_points_outside

    page = browser_page.open(white_zones_map, wait_for=READY)
    # Reference points inside their own commune's shape (a few GeoNames points are not).
    points = coverage[~coverage["code_insee"].isin(list(reference_points_outside()))]
    covered = points[points["covered"]][["latitude", "longitude"]].to_numpy().tolist()
    uncovered = points[~points["covered"]][["latitude", "longitude"]].to_numpy().tolist()
    inside = page.evaluate(
        """([covered, uncovered]) => {
            // Ray casting on every polygon of every zone, holes included.
            function within(p, ring) {
                let hit = false;
                for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
                    const [xi, yi] = ring[i], [xj, yj] = ring[j];
                    if ((yi > p[0]) !== (yj > p[0]) && p[1] < (xj - xi) * (p[0] - yi) / (yj - yi) + xi) { hit = !hit; }
                }
                return hit;
            }
            const data = JSON.parse(document.getElementById("nec-donnees").textContent);
            const polygons = data.zones_blanches.flatMap(z => z.forme.coordinates);
            const drawn = p => polygons.some(rings => rings.filter(ring => within(p, ring)).length % 2 === 1);
            return [covered.filter(drawn).length, uncovered.filter(drawn).length];
        }""",
        [covered, uncovered],
    )
    assert inside == [0, len(uncovered)]  # no covered commune, every uncovered one
    assert browser_page.console_errors == []


@pytest.mark.parametrize("threshold", [100, 1], ids=["marqueurs", "regroupes"])
def test_search_finds_an_actor_and_a_commune(browser_page, request, threshold):
    page = browser_page.open(request.getfixturevalue(BY_THRESHOLD[threshold]), wait_for=READY)
    field = page.locator("#nec-recherche-champ")
    field.fill("mediatheque louis")
    page.locator(".nec-resultats button", has_text="Médiathèque Louis-Aragon").click()
    popup = page.locator(".leaflet-popup-content h2")
    popup.wait_for()
    assert popup.inner_text() == "Médiathèque Louis-Aragon"

    field.fill("Abbev")
    results = page.locator(".nec-resultats button").all_inner_texts()
    assert any("Abbeville" in r and "Commune (80)" in r for r in results)
    assert any("France services d'Abbeville" in r for r in results)
    page.locator(".nec-resultats button", has_text="Commune (80)").first.click()
    # The previous popup fades out for a moment: look for the new one by its text.
    assert (
        page.locator(".leaflet-popup-content h2", has_text="Abbeville").inner_text() == "Abbeville"
    )
    assert page.evaluate("necCarte.map.getZoom()") >= 11
    # Its nearest places, each a button that shows the place.
    nearest = page.locator(".leaflet-popup-content .nec-proches li")
    assert nearest.count() == 3
    assert "France services d'Abbeville" in nearest.first.inner_text()
    assert "0 km" in nearest.first.inner_text()

    field.fill("zzzz")
    assert page.locator(".nec-resultats").inner_text() == "Aucun résultat"
    assert browser_page.console_errors == []


def test_hostile_names_show_as_text_and_no_dialog_opens(browser_page, white_zones_map):
    page = browser_page.open(white_zones_map, wait_for=READY)
    for name in cases.XSS_NAMES:
        marker = page.locator(f".leaflet-marker-icon[title='{name}']")
        marker.hover()
        assert page.locator(".leaflet-tooltip").last.inner_text() == name
        marker.click()
        heading = page.locator(".leaflet-popup-content h2", has_text=name)
        assert heading.inner_text() == name
        page.locator("#nec-recherche-champ").fill(name[:6])
        assert name in page.locator(".nec-resultats").inner_text()
    assert page.locator(".leaflet-popup-content img, .leaflet-tooltip img").count() == 0
    assert page.evaluate("document.querySelectorAll('img[src=\"x\"]').length") == 0
    page.wait_for_timeout(200)
    assert browser_page.dialogs == []
    assert browser_page.console_errors == []


def test_tileless_self_contained_map_makes_no_request_outside_the_file(browser_page, tileless_map):
    browser_page.open(tileless_map, wait_for=READY)
    assert browser_page.outside_requests() == []
    assert all(url.startswith(("file:", "data:")) for url in browser_page.requests)
    assert (
        browser_page.page.evaluate(
            "getComputedStyle(document.querySelector('.leaflet-container')).backgroundColor"
        )
        == "rgb(255, 255, 255)"
    )


def test_with_tiles_only_tiles_are_requested_with_their_attribution(browser_page, tmp_path):
    tiles: list[str] = []

    def answer(route) -> None:
        tiles.append(route.request.url)
        route.fulfill(status=200, content_type="image/png", body=PNG)

    browser_page.page.route("https://tile.openstreetmap.org/**", answer)
    page = browser_page.open(write(tmp_path, tiles=True), wait_for=READY)
    page.wait_for_function("document.querySelectorAll('.leaflet-tile-loaded').length > 0")
    outside = browser_page.outside_requests()
    assert outside and all(url.startswith("https://tile.openstreetmap.org/") for url in outside)
    assert tiles
    assert (
        "les contributeurs d'OpenStreetMap"
        in page.locator(".leaflet-control-attribution").inner_text()
    )
    assert browser_page.console_errors == []


@pytest.mark.parametrize("over_http", [False, True], ids=["file", "http"])
def test_works_inside_an_iframe_at_320_px(
    browser_page, tmp_path, cluster_map, iframe_host, serve_directory, over_http
):
    shutil.copyfile(cluster_map, tmp_path / "carte.html")  # beside its host page
    host = iframe_host("carte.html", width="320px", height="560px")
    page = browser_page.open(serve_directory(tmp_path) + host.name if over_http else host)
    frame = page.frames[1]
    frame.wait_for_function(READY)
    frame.wait_for_function("document.querySelector('.marker-cluster, .nec-pin')")
    assert shown_actors(frame) == PLACED
    size = frame.evaluate(
        "(() => { const r = document.querySelector('.folium-map').getBoundingClientRect();"
        " return [r.width, r.height, document.documentElement.scrollWidth]; })()"
    )
    assert size[0] == pytest.approx(318, abs=4) and size[1] >= 250 and size[2] <= 320
    # On a narrow screen the legend starts folded into a button and opens on demand.
    button = frame.locator(".nec-legende-bouton")
    assert button.get_attribute("aria-expanded") == "false"
    assert not frame.locator(".nec-legende fieldset legend").first.is_visible()
    button.click()
    assert button.get_attribute("aria-expanded") == "true"
    assert frame.locator(".nec-legende fieldset legend").first.is_visible()
    assert browser_page.console_errors == []
    assert browser_page.outside_requests() == []


def test_recommended_site_popup_agrees_in_number(browser_page, tmp_path):
    import pandas as pd

    site = pd.DataFrame(
        [{"rank": 1, "nom": "Amiens", "actor_name": "", "latitude": 49.894, "longitude": 2.295,
          "population_gain": 1, "communes_gained": 1, "cumulative_covered_population": 1}]
    )  # fmt: skip
    page = browser_page.open(write(tmp_path, tiles=False, recommendations=site), wait_for=READY)
    page.locator(".leaflet-marker-icon.nec-site").click()
    text = page.locator(".leaflet-popup-content").inner_text()
    assert "1 (1 commune)" in text and "Cumul avec les sites précédents : 1 habitant" in text
    assert browser_page.console_errors == []


def test_a_place_around_the_territory_is_faded_and_said_hors_territoire(browser_page, tmp_path):
    from nec_network.model import Actor, Ecosystem
    from nec_network.model.actor import OUTSIDE_TERRITORY

    ecosystem = Ecosystem([
        Actor("amiens", "Médiathèque d'Amiens", code_insee="80021", latitude=49.894, longitude=2.296,
              typologies=("BIB",)),
        Actor("eu", "France services Eu", code_insee="76255", latitude=50.047, longitude=1.419,
              typologies=("RFS",), extra={OUTSIDE_TERRITORY: "oui"}),
    ])  # fmt: skip
    path = tmp_path / "carte.html"
    path.write_text(build_map(ecosystem, MapLayers(), MapOptions(tiles=False, departements=["80"])), encoding="utf-8")
    page = browser_page.open(path, wait_for=READY)
    outside = page.locator(".leaflet-marker-icon[title='France services Eu (hors territoire)']")
    assert float(outside.evaluate("node => getComputedStyle(node).opacity")) < 0.6
    inside = page.locator(".leaflet-marker-icon[title=\"Médiathèque d'Amiens\"]")
    assert float(inside.evaluate("node => getComputedStyle(node).opacity")) == 1
    legend = page.locator(".nec-legende").inner_text()
    assert "Acteurs (1)" in legend and "1 lieu voisin « hors territoire », estompé" in legend
    # The typology found only around the territory says so, not « (0) ».
    assert "Réseau France Services (0 et 1 hors territoire)" in legend
    page.evaluate("necCarte.map.setView([50.047, 1.419], 12, {animate: false})")
    outside.click()
    assert "Hors territoire : lieu voisin" in page.locator(".leaflet-popup-content").inner_text()
    assert browser_page.console_errors == []


def test_on_a_phone_markers_are_grouped_and_a_person_can_ungroup_them(browser_page, marker_map):
    # Four actors, far below the threshold: single markers on a laptop, grouped on a phone.
    path = marker_map
    browser_page.page.set_viewport_size({"width": 390, "height": 844})
    page = browser_page.open(path, wait_for=READY)
    page.evaluate("void necCarte.map.setView([49.6, 2.6], 6, {animate: false})")
    page.wait_for_function("document.querySelector('.marker-cluster')")
    assert page.evaluate("necCarte.clustered") is True
    page.wait_for_function(f"({SHOWN})() === {PLACED}")
    page.click(".nec-legende-bouton")
    switch = legend_switch(page, "Regrouper les acteurs proches")
    assert switch.is_checked()
    switch.uncheck()
    page.wait_for_function(f"!document.querySelector('.marker-cluster') && ({SHOWN})() === {PLACED}")
    switch.check()
    page.wait_for_function("document.querySelector('.marker-cluster')")
    page.wait_for_function(f"({SHOWN})() === {PLACED}")
    assert browser_page.console_errors == [] and browser_page.outside_requests() == []


def test_the_service_filter_keeps_the_places_offering_it(browser_page, marker_map):
    page = browser_page.open(marker_map, wait_for=READY)
    options = page.locator("#nec-filtre-service option").all_inner_texts()
    # Only the services of the data: the unit ecosystem's one service, offered by one place.
    assert options == ["tous (4 lieux)", "Maîtrise des outils numériques du quotidien (1)"]
    page.select_option("#nec-filtre-service", label=options[1])
    page.wait_for_function(f"({SHOWN})() === 1")
    assert page.locator(".leaflet-marker-icon[title='Médiathèque Louis-Aragon']").count() == 1
    # Showing a place the filter hides (from the search) lifts the filter.
    page.evaluate("necCarte.showActor(1)")
    assert page.input_value("#nec-filtre-service") == ""
    page.wait_for_function(f"({SHOWN})() === {PLACED}")
    assert browser_page.console_errors == []


def test_controls_keep_clicks_and_scrolls_off_the_map_and_home_refits(browser_page, tileless_map):
    page = browser_page.open(tileless_map, wait_for=READY)
    page.evaluate("""() => {
        const map = window.necCarte.map;
        window.mapClicks = 0;
        map.on('click', () => { window.mapClicks += 1; });
        window.homeZoom = map.getZoom();
    }""")
    for box in (".nec-recherche", ".nec-legende", ".leaflet-bar:has(.nec-territoire)"):
        page.locator(box).first.click(position={"x": 2, "y": 2})
        page.locator(box).first.hover(position={"x": 2, "y": 2})
        page.mouse.wheel(0, -400)
    page.wait_for_timeout(400)  # Leaflet gathers wheel events for 40 ms before zooming
    assert page.evaluate("[window.mapClicks, window.necCarte.map.getZoom() === window.homeZoom]") == [0, True]
    page.evaluate("window.necCarte.map.setZoom(window.homeZoom + 3, {animate: false})")
    page.locator(".nec-territoire").click()
    page.wait_for_function("window.necCarte.map.getZoom() === window.homeZoom")
    assert browser_page.console_errors == []
