"""Self-contained pages: every asset inlined from installed packages, nothing left remote."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import folium
import pytest
from folium import plugins
from pyvis.network import Network

from nec_network.views import _installed_assets, _page_inlining
from nec_network.views._asset_catalogue import ASSET_NAMES, AssetError, asset_info
from nec_network.views._css_inlining import inline_css
from nec_network.views._installed_assets import asset_text
from nec_network.views._page_inlining import external_requests, make_self_contained

REMOTE = re.compile(
    r"""(?:src|href)\s*=\s*["']?(?:https?:)?//|url\(\s*["']?(?:https?:)?//""", re.IGNORECASE
)


def folium_page() -> str:
    """A tile-less map with the plugins the map view uses."""
    carte = folium.Map(location=[49.5, 2.8], zoom_start=8, tiles=None, maxZoom=18)
    cluster = plugins.MarkerCluster(name="Acteurs").add_to(carte)
    folium.Marker([49.85, 3.29], popup="Saint-Quentin", icon=folium.Icon(icon="info-sign")).add_to(
        cluster
    )
    folium.Marker([49.89, 2.30], popup="Amiens").add_to(cluster)
    communes = folium.GeoJson(
        {
            "type": "FeatureCollection",
            "features": [
                {
                    "type": "Feature",
                    "properties": {"nom": "Beauvais"},
                    "geometry": {"type": "Point", "coordinates": [2.08, 49.43]},
                }
            ],
        },
        name="Communes",
    ).add_to(carte)
    plugins.Search(layer=communes, search_label="nom").add_to(carte)
    plugins.Fullscreen().add_to(carte)
    folium.LayerControl().add_to(carte)
    return carte.get_root().render()


def pyvis_page(cdn_resources: str = "remote") -> str:
    network = Network(cdn_resources=cdn_resources, select_menu=True, filter_menu=True)
    network.add_node(1, label="France services Laon")
    network.add_node(2, label="Médiathèque d'Amiens")
    network.add_edge(1, 2)
    return network.generate_html()


class _Elements(HTMLParser):
    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


@pytest.fixture
def fresh_assets():
    """Forget cached asset texts around a test that changes where they come from."""
    _installed_assets.asset_text.cache_clear()
    yield
    _installed_assets.asset_text.cache_clear()


@pytest.mark.parametrize("name", ASSET_NAMES)
def test_every_asset_is_read_from_an_installed_package(name):
    text = asset_text(name)
    assert len(text) > 100
    assert asset_info(name).version
    if name.endswith(".css"):
        assert all(
            url.startswith("data:")
            for url in re.findall(r"url\(\s*[\"']?([^\"')]*)", text)
            if not url.startswith("#")
        )
    else:
        # "<!--" followed by "<script" would put an inline script in HTML's double-escaped
        # state, where "</script>" no longer ends it.
        assert "<!--" not in text


def test_leaflet_images_are_inlined():
    css = asset_text("leaflet.css")
    assert "images/" not in css
    assert css.count("data:image/png;base64,") >= 3
    assert "data:image/png;base64," in asset_text("leaflet-default-icon.js")


def test_folium_map_keeps_no_remote_asset():
    page = folium_page()
    assert external_requests(page), "folium should load its assets from CDNs"
    inlined = make_self_contained(page)
    assert external_requests(inlined) == []
    assert not REMOTE.search(re.sub(r"<script>[\s\S]*?</script>", "", inlined))
    assert not [attrs for tag, attrs in _Elements(inlined).tags if tag == "link"]
    for marker in ("L.markerClusterGroup", "Control.FullScreen", "L.Control.Search", "jQuery"):
        assert marker in inlined


@pytest.mark.parametrize("cdn_resources", ["remote", "in_line", "local"])
def test_pyvis_network_keeps_no_remote_asset(cdn_resources):
    page = pyvis_page(cdn_resources)
    # pyvis loads Bootstrap from a CDN whatever cdn_resources says.
    assert any("bootstrap" in url for url in external_requests(page))
    inlined = make_self_contained(page)
    assert external_requests(inlined) == []
    assert "vis.Network" in inlined and "TomSelect" in inlined


def test_unknown_remote_assets_are_all_named():
    page = (
        '<script src="https://cdn.example/carto.js"></script>'
        '<link rel="icon" href="//cdn.example/favicon.ico">'
        '<img src="https://cdn.example/logo.png">'
        '<script src="https://cdn.example/leaflet@1.9.3/dist/leaflet.js"></script>'
    )
    with pytest.raises(AssetError) as error:
        make_self_contained(page)
    message = str(error.value)
    assert "Ressources distantes" in message
    for url in (
        "https://cdn.example/carto.js",
        "//cdn.example/favicon.ico",
        "https://cdn.example/logo.png",
    ):
        assert url in message
    assert "leaflet.js" not in message


def test_remote_url_in_a_page_stylesheet_is_refused():
    with pytest.raises(AssetError, match="fonts.example"):
        make_self_contained("<style>@font-face{src:url(https://fonts.example/a.woff2)}</style>")


def test_known_asset_is_matched_whatever_its_version():
    for url in (
        "https://unpkg.com/leaflet@1.7.1/dist/leaflet.js",
        "https://code.jquery.com/jquery-3.6.0.min.js",
        "https://cdn.jsdelivr.net/npm/bootstrap@5.3.0/dist/css/bootstrap.min.css",
    ):
        tag = (
            f'<link rel="stylesheet" href="{url}">'
            if url.endswith(".css")
            else f'<script src="{url}"></script>'
        )
        assert external_requests(make_self_contained(tag)) == []


def test_leaflet_default_icon_follows_leaflet_and_duplicates_are_inlined_once():
    page = make_self_contained(
        '<script src="https://code.jquery.com/jquery-3.7.1.min.js"></script>'
        '<script src="https://cdn.example/leaflet.js"></script>'
        '<script src="https://cdnjs.example/ajax/libs/jquery/3.7.1/jquery.min.js"></script>'
    )
    assert page.count("jQuery v3.7.1") == 1
    assert page.index("L.Icon.Default.mergeOptions") > page.index("Leaflet 1.9.4")


def test_inlined_script_cannot_close_its_element(monkeypatch):
    tricky = r"var s = '</script><script>alert(1)</SCRIPT>'; var r = /\1\g<0>\\/;"
    monkeypatch.setattr(_page_inlining, "asset_text", lambda name: tricky)
    page = make_self_contained('<p>avant</p><script src="https://cdn.example/leaflet.js"></script>')
    assert r"<\/script><script>alert(1)<\/SCRIPT>" in page
    assert r"/\1\g<0>\\/" in page
    assert [tag for tag, _ in _Elements(page).tags] == ["p", "script", "script"]


def test_tags_inside_scripts_comments_and_links_are_not_requests():
    page = (
        "<!-- <script src='https://cdn.example/old.js'></script> -->"
        "<script>var popup = '<img src=\"https://cdn.example/x.png\">';</script>"
        '<a href="https://www.france-services.gouv.fr">France services</a>'
    )
    assert external_requests(page) == []
    assert make_self_contained(page) == page


def test_relative_urls_are_requests_too():
    page = '<link rel="stylesheet" href="lib/style.css"><div style="background:url(fond.png)">'
    assert external_requests(page) == ["lib/style.css", "fond.png"]


def test_inline_css_resolves_images_against_a_folder(tmp_path):
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "icone.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    css = inline_css(".a{background:url('images/icone.svg?v=2#x')}", base=tmp_path)
    assert css.startswith('.a{background:url("data:image/svg+xml;base64,')
    with pytest.raises(AssetError, match="introuvable"):
        inline_css(".b{background:url(images/absente.png)}", base=tmp_path)
    with pytest.raises(AssetError, match="réseau"):
        inline_css(".c{background:url(https://cdn.example/x.png)}", base=tmp_path)


def test_inline_css_drops_missing_font_sources():
    css = (
        "@font-face{font-family:A;src:url(a.eot);"
        "src:url(a.eot?#iefix) format('embedded-opentype'),url(data:font/woff;base64,AA==) "
        "format('woff'),url(a.ttf) format('truetype')}"
        "@font-face{font-family:B;src:url(b.woff2) format('woff2'),url(b.ttf) format('truetype')}"
    )
    assert inline_css(css, drop_missing=True) == (
        "@font-face{font-family:A;src:url(data:font/woff;base64,AA==) format('woff')}"
        "@font-face{font-family:B;}"
    )


def test_missing_packages_are_named_in_french(monkeypatch, fresh_assets):
    monkeypatch.setitem(_installed_assets.PACKAGE_ROOTS, "pyvis", ("paquet_absent", "lib"))
    with pytest.raises(AssetError, match=r"« pyvis ».*pip install pyvis"):
        asset_text("vis-network.js")
    monkeypatch.setattr(_installed_assets, "folium_offline_resources", dict)
    with pytest.raises(AssetError, match="pip install folium-offline"):
        asset_text("markercluster.js")
    with pytest.raises(AssetError, match="Ressource inconnue"):
        asset_text("d3.js")
