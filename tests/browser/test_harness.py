"""The browser harness itself, on self-contained folium and pyvis pages."""

from __future__ import annotations

from pathlib import Path

import folium
import pytest
from folium import plugins
from pyvis.network import Network

from nec_network.views._page_inlining import make_self_contained

ACTEURS = {
    "France services de Laon": (49.564, 3.620),
    "Médiathèque d'Amiens": (49.894, 2.302),
    "Espace numérique de Beauvais": (49.430, 2.081),
}


def write_map(folder: Path) -> Path:
    carte = folium.Map(location=[49.6, 2.8], zoom_start=6, tiles=None, maxZoom=18)
    cluster = plugins.MarkerCluster(name="Acteurs").add_to(carte)
    for nom, position in ACTEURS.items():
        folium.Marker(position, popup=nom, tooltip=nom).add_to(cluster)
    folium.GeoJson(
        {
            "type": "Feature",
            "properties": {},
            "geometry": {
                "type": "Polygon",
                "coordinates": [[[1.4, 49.0], [4.3, 49.0], [4.3, 50.3], [1.4, 50.3], [1.4, 49.0]]],
            },
        },
        name="Pays picards",
    ).add_to(carte)
    plugins.Fullscreen().add_to(carte)
    folium.LayerControl().add_to(carte)
    path = folder / "carte.html"
    path.write_text(make_self_contained(carte.get_root().render()), encoding="utf-8")
    return path


def write_network(folder: Path) -> Path:
    network = Network(cdn_resources="remote", select_menu=True)
    for number, nom in enumerate(ACTEURS):
        network.add_node(number, label=nom)
    network.add_edge(0, 1)
    network.add_edge(1, 2)
    path = folder / "reseau.html"
    path.write_text(make_self_contained(network.generate_html()), encoding="utf-8")
    return path


MARKERS_SHOWN = "document.querySelectorAll('.leaflet-marker-icon, .marker-cluster').length > 0"
NETWORK_DRAWN = "typeof network !== 'undefined' && !!document.querySelector('#mynetwork canvas')"


def test_tileless_map_loads_with_no_error_and_no_request_outside_the_file(browser_page, tmp_path):
    page = browser_page.open(write_map(tmp_path), wait_for=MARKERS_SHOWN)
    assert browser_page.console_errors == []
    assert browser_page.outside_requests() == []
    assert all(url.startswith(("file:", "data:")) for url in browser_page.requests)
    assert page.locator(".leaflet-control-layers").count() == 1
    assert page.locator(".leaflet-control-zoom-fullscreen").count() == 1
    page.locator(".marker-cluster").click()
    page.locator(".leaflet-marker-icon:not(.marker-cluster)").first.click()
    assert page.locator(".leaflet-popup-content").inner_text() in ACTEURS
    assert browser_page.console_errors == []
    assert browser_page.outside_requests() == []


def test_network_draws_every_node(browser_page, tmp_path):
    page = browser_page.open(write_network(tmp_path), wait_for=NETWORK_DRAWN)
    assert page.evaluate("network.body.data.nodes.length") == len(ACTEURS)
    assert page.evaluate("nodes.get().map(n => n.label).sort()") == sorted(ACTEURS)
    assert browser_page.console_errors == []
    assert browser_page.outside_requests() == []


@pytest.mark.parametrize("over_http", [False, True], ids=["file", "http"])
def test_pages_work_inside_an_iframe(
    browser_page, tmp_path, serve_directory, iframe_host, over_http
):
    write_map(tmp_path)
    write_network(tmp_path)
    host = iframe_host("carte.html")
    other = iframe_host("reseau.html", name="hote-reseau")
    base = serve_directory(tmp_path) if over_http else None

    page = browser_page.open(base + host.name if base else host)
    frame = page.frame_locator("#cadre")
    frame.locator(".leaflet-marker-icon, .marker-cluster").first.wait_for()
    assert frame.locator(".leaflet-control-layers").count() == 1

    page = browser_page.open(base + other.name if base else other)
    page.frames[1].wait_for_function(NETWORK_DRAWN)
    assert page.frames[1].evaluate("network.body.data.nodes.length") == len(ACTEURS)
    assert browser_page.console_errors == []
    assert browser_page.outside_requests() == []


def test_harness_records_errors_requests_and_dialogs(browser_page, tmp_path, iframe_host):
    (tmp_path / "cassee.html").write_text(
        "<script>alert('coucou'); null.x;</script><img src=\"https://tuiles.invalid/1/2/3.png\">",
        encoding="utf-8",
    )
    browser_page.open(iframe_host("cassee.html"))
    assert browser_page.dialogs == ["alert: coucou"]
    assert any("pageerror" in error for error in browser_page.console_errors)
    assert browser_page.outside_requests() == ["https://tuiles.invalid/1/2/3.png"]


def test_screenshots_are_written_only_when_asked(browser_page, tmp_path, monkeypatch):
    browser_page.open(write_network(tmp_path), wait_for=NETWORK_DRAWN)
    monkeypatch.delenv("NEC_SCREENSHOTS", raising=False)
    assert browser_page.screenshot("reseau") is None
    monkeypatch.setenv("NEC_SCREENSHOTS", str(tmp_path / "img"))
    path = browser_page.screenshot("reseau")
    assert path.read_bytes().startswith(b"\x89PNG")
