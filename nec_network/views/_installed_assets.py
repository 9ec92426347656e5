"""The text of each third-party asset, read from the installed Python package that ships it.

folium and pyvis write pages that load every library from a CDN (pyvis even in its
``in_line`` mode, for Bootstrap). A page opened from a USB stick, an intranet or behind a
policy that blocks CDNs must work anyway, so pages carry the same libraries read from
installed packages (which asset comes from which package:
:mod:`nec_network.views._asset_catalogue`). Stylesheets come back with their images and
fonts inlined (:mod:`nec_network.views._css_inlining`).
"""

from __future__ import annotations

import ast
import functools
import importlib.metadata
import importlib.resources
from importlib.resources.abc import Traversable
from urllib.parse import urlsplit

from nec_network.views._asset_catalogue import (
    ASSETS,
    FOLIUM_OFFLINE,
    LEAFLET,
    PYVIS,
    LibraryAsset,
    lookup_asset,
    missing_package_error,
)
from nec_network.views._css_inlining import data_uri, inline_css

# Import name and folder of the distributions that ship plain files.
PACKAGE_ROOTS = {
    LEAFLET: ("js_lib_leaflet", "static/js_lib_leaflet"),
    PYVIS: ("pyvis", "lib"),
}


def _package_folder(asset: LibraryAsset) -> Traversable:
    package, folder = PACKAGE_ROOTS[asset.distribution]
    try:
        return importlib.resources.files(package).joinpath(folder)
    except ModuleNotFoundError:
        raise missing_package_error(asset) from None


@functools.cache
def folium_offline_resources() -> dict[str, str]:
    """folium-offline's embedded resources, keyed by the CDN URL folium would load.

    Read from the source text rather than imported: the package's ``__init__`` imports a
    whole copy of folium (half a second, plus ``requests``) when only these strings are
    needed. Each resource is a top-level ``_res[URL] = '''…'''`` in ``elements.py``.
    """
    try:
        dist = importlib.metadata.distribution(FOLIUM_OFFLINE)
    except importlib.metadata.PackageNotFoundError:
        return {}
    source = dist.locate_file("offlinefolium/elements.py")
    try:
        tree = ast.parse(source.read_text(encoding="utf-8"))
    except OSError:
        return {}
    resources = {}
    for node in tree.body:
        if (
            isinstance(node, ast.Assign)
            and isinstance(target := node.targets[0], ast.Subscript)
            and isinstance(target.value, ast.Name)
            and target.value.id == "_res"
            and isinstance(target.slice, ast.Constant)
            and isinstance(node.value, ast.Constant)
        ):
            resources[target.slice.value] = node.value.value
    return resources


def folium_offline_resource(asset: LibraryAsset) -> tuple[str, str] | None:
    """The CDN URL and text of ``asset`` in folium-offline (first URL in order); ``None``."""
    resources = folium_offline_resources()
    keys = sorted(url for url in resources if asset.matcher.search(urlsplit(url).path))
    return (keys[0], resources[keys[0]]) if keys else None


def _leaflet_default_icon() -> str:
    # Leaflet finds its default marker icon by reading a background-image URL ending in
    # "marker-icon.png" from its CSS; once that CSS holds data: URIs it falls back to a
    # relative "marker-icon.png", a request that fails. Give it the images directly.
    images = _package_folder(ASSETS["leaflet.js"]).joinpath("images")
    urls = {
        option: data_uri(images.joinpath(file))
        for option, file in (
            ("iconUrl", "marker-icon.png"),
            ("iconRetinaUrl", "marker-icon-2x.png"),
            ("shadowUrl", "marker-shadow.png"),
        )
    }
    options = ", ".join(f'{option}: "{url}"' for option, url in urls.items())
    return f'L.Icon.Default.imagePath = "";\nL.Icon.Default.mergeOptions({{{options}}});\n'


@functools.cache
def asset_text(name: str) -> str:
    """Text of the asset ``name`` (one of ``ASSET_NAMES``), read from its package.

    Stylesheets come back with their images and fonts inlined as ``data:`` URIs.

    >>> "Leaflet" in asset_text("leaflet.js")[:100]
    True
    >>> "url(images/" in asset_text("leaflet.css")
    False
    """
    asset = lookup_asset(name)
    if name == "leaflet-default-icon.js":
        return _leaflet_default_icon()
    if asset.distribution == FOLIUM_OFFLINE:
        found = folium_offline_resource(asset)
        if found is None:
            raise missing_package_error(asset)
        text = found[1]
        # folium-offline inlined what it could; the few files it does not ship (Font
        # Awesome's regular and brands fonts, leaflet-search's loader.gif) are left out.
        return inline_css(text, drop_missing=True) if name.endswith(".css") else text
    resource = _package_folder(asset).joinpath(asset.path)
    try:
        text = resource.read_text(encoding="utf-8")
    except (FileNotFoundError, NotADirectoryError):
        raise missing_package_error(asset) from None
    if name.endswith(".css"):
        base = _package_folder(asset).joinpath(*asset.path.split("/")[:-1])
        return inline_css(text, base=base)
    return text
