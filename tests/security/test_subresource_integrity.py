"""With ``--cdn``, every library a page loads carries an ``integrity`` hash the browser checks.

A CDN that serves a modified file (compromised, or a man in the middle) must not run code
in the page: each remote ``<script>`` and stylesheet has ``integrity`` and
``crossorigin="anonymous"``. For the map, the hash is checked against the bytes of the same
file installed locally (Leaflet from django-js-lib-leaflet, the plugins from folium-offline's
copies of the CDN URLs), so a wrong or stale hash fails here rather than in a browser.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.resources
from html.parser import HTMLParser
from pathlib import Path

import pytest

from nec_network.cli import main
from nec_network.views._installed_assets import folium_offline_resources

DEMO = Path(__file__).resolve().parents[2] / "data" / "demo"


class _Libraries(HTMLParser):
    """Remote scripts and stylesheets of a page, with their attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[dict[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        url = values.get("src", "") if tag == "script" else values.get("href", "")
        stylesheet = tag == "link" and "stylesheet" in values.get("rel", "").split()
        if (tag == "script" or stylesheet) and url.startswith(("https:", "http:", "//")):
            self.found.append({"url": url, **values})


def remote_libraries(document: str) -> list[dict[str, str]]:
    parser = _Libraries()
    parser.feed(document)
    return parser.found


@pytest.fixture(scope="module")
def cdn_pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    out = tmp_path_factory.mktemp("cdn")
    assert main(["map", str(DEMO), "-o", str(out / "carte.html"), "--cdn"]) == 0
    assert main(["network", str(DEMO), "-o", str(out / "reseau.html"), "--cdn"]) == 0
    return {name: (out / f"{name}.html").read_text(encoding="utf-8") for name in ("carte", "reseau")}


@pytest.mark.parametrize("page", ["carte", "reseau"])
def test_every_cdn_library_has_an_integrity_hash(cdn_pages: dict[str, str], page: str) -> None:
    libraries = remote_libraries(cdn_pages[page])
    assert libraries, "la page --cdn ne charge aucune bibliothèque distante"
    for library in libraries:
        assert library.get("integrity", "").startswith(("sha256-", "sha384-", "sha512-")), library
        assert library.get("crossorigin") == "anonymous", library


def _installed_copy(url: str) -> bytes:
    """The bytes the CDN serves for ``url``, from the package that installs the same file."""
    if "/leaflet@1.9.4/dist/" in url:
        folder = importlib.resources.files("js_lib_leaflet") / "static" / "js_lib_leaflet"
        return (folder / url.rsplit("/", 1)[1]).read_bytes()
    # folium-offline writes each file between two added newlines.
    text = folium_offline_resources()[url]
    assert text.startswith("\n") and text.endswith("\n")
    return text[1:-1].encode("utf-8")


def test_the_map_hashes_are_those_of_the_files(cdn_pages: dict[str, str]) -> None:
    for library in remote_libraries(cdn_pages["carte"]):
        algorithm, _, expected = library["integrity"].partition("-")
        digest = hashlib.new(algorithm, _installed_copy(library["url"])).digest()
        assert base64.b64encode(digest).decode() == expected, library["url"]


def test_leaflet_copy_is_the_published_release() -> None:
    # leafletjs.com publishes these sha256 for Leaflet 1.9.4: the installed copy is the
    # release byte for byte, so its sha384 is the one the CDN file has.
    published = {
        "leaflet.js": "20nQCchB9co0qIjJZRGuk2/Z9VM+kNiyxNV1lvTlZBo=",
        "leaflet.css": "p4NxAoJBhIIN+hmNHrzRCf9tD/miZyoHS5obTRR9BMY=",
    }
    for name, expected in published.items():
        data = _installed_copy(f"https://cdn.jsdelivr.net/npm/leaflet@1.9.4/dist/{name}")
        assert base64.b64encode(hashlib.sha256(data).digest()).decode() == expected


def test_folium_offline_copies_are_the_files_the_cdn_serves() -> None:
    # The rule of _installed_copy gives back, for the two files of folium-offline whose
    # publishers give an SRI hash (jQuery 3.7.1, Bootstrap 5.2.2), exactly those hashes.
    published = {
        "https://code.jquery.com/jquery-3.7.1.min.js":
            "sha256-/JqT3SQfawRcv/BIHPThkBvs0OEvtFFmqPF/lYI/Cxo=",
        "https://cdn.jsdelivr.net/npm/bootstrap@5.2.2/dist/css/bootstrap.min.css":
            "sha384-Zenh87qX5JnK2Jl0vWa8Ck2rdkQ2Bzep5IDxbcnCeuOxjzrPF/et3URy9Bv1WTRi",
    }
    for url, integrity in published.items():
        algorithm, _, expected = integrity.partition("-")
        digest = hashlib.new(algorithm, _installed_copy(url)).digest()
        assert base64.b64encode(digest).decode() == expected, url
