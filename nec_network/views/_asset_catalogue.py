"""The third-party JavaScript and CSS assets pages may carry, and where each one comes from.

Pages inline their libraries from installed Python packages (see
:mod:`nec_network.views._installed_assets`); nothing is vendored into this repository:

* Leaflet and its images come from ``django-js-lib-leaflet``;
* vis-network, tom-select and pyvis' own ``utils.js`` from ``pyvis``;
* the Leaflet plugins, jQuery, Bootstrap, Font Awesome and the awesome-markers that folium
  loads come from ``folium-offline``, which embeds folium's web resources as strings.

Each asset has a name (``"leaflet.js"``), a library with its licence (credited in the page
footer) and a file pattern. Assets are matched by file name, not by full URL, so a new folium
or pyvis release that bumps a version number in its CDN links keeps working.
"""

from __future__ import annotations

import functools
import importlib.metadata
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from nec_network.errors import NecNetworkError


class AssetError(NecNetworkError):
    """An asset cannot be inlined: its package is missing, or no package provides it."""


@dataclass(frozen=True)
class AssetInfo:
    """Where an inlined asset comes from, for the sources and licences a page credits."""

    name: str
    library: str
    licence: str
    distribution: str
    version: str


@dataclass(frozen=True)
class LibraryAsset:
    """One file of a third-party library, as the catalogue knows it."""

    name: str
    library: str
    # Regular expression matched against the end of a URL's path; it also picks the
    # resource inside folium-offline, whose resources are keyed by CDN URL.
    file_pattern: str
    # Path inside the package for the distributions that ship plain files.
    path: str = ""

    @property
    def licence(self) -> str:
        return _LIBRARIES[self.library][0]

    @property
    def distribution(self) -> str:
        return _LIBRARIES[self.library][1]

    @property
    def matcher(self) -> re.Pattern[str]:
        return re.compile(rf"(?:^|/){self.file_pattern}$", re.IGNORECASE)


LEAFLET = "django-js-lib-leaflet"
PYVIS = "pyvis"
FOLIUM_OFFLINE = "folium-offline"

# Library: (its licence, the Python distribution we read it from).
_LIBRARIES = {
    "Leaflet": ("BSD-2-Clause", LEAFLET),
    "Leaflet.markercluster": ("MIT", FOLIUM_OFFLINE),
    "leaflet.fullscreen": ("MIT", FOLIUM_OFFLINE),
    "leaflet-search": ("MIT", FOLIUM_OFFLINE),
    "Leaflet.awesome-markers": ("MIT", FOLIUM_OFFLINE),
    "folium": ("MIT", FOLIUM_OFFLINE),
    "Font Awesome Free": ("CC-BY-4.0, OFL-1.1, MIT", FOLIUM_OFFLINE),
    "jQuery": ("MIT", FOLIUM_OFFLINE),
    "Bootstrap": ("MIT", FOLIUM_OFFLINE),
    "vis-network": ("Apache-2.0 OR MIT", PYVIS),
    "Tom Select": ("Apache-2.0", PYVIS),
    "pyvis": ("BSD-3-Clause", PYVIS),
}

# fmt: off
ASSETS: dict[str, LibraryAsset] = {asset.name: asset for asset in (
    LibraryAsset("leaflet.js", "Leaflet", r"leaflet(?:-src)?\.js", "leaflet.js"),
    LibraryAsset("leaflet-default-icon.js", "Leaflet", r"(?!)"),  # generated, never in a URL
    LibraryAsset("leaflet.css", "Leaflet", r"leaflet\.css", "leaflet.css"),
    LibraryAsset("markercluster.js", "Leaflet.markercluster", r"leaflet\.markercluster(?:-src)?\.js"),
    LibraryAsset("markercluster.css", "Leaflet.markercluster", r"MarkerCluster\.css"),
    LibraryAsset("markercluster-default.css", "Leaflet.markercluster", r"MarkerCluster\.Default\.css"),
    LibraryAsset("fullscreen.js", "leaflet.fullscreen", r"Control\.FullScreen(?:\.min)?\.js"),
    LibraryAsset("fullscreen.css", "leaflet.fullscreen", r"Control\.FullScreen(?:\.min)?\.css"),
    LibraryAsset("search.js", "leaflet-search", r"leaflet-search(?:\.src|\.min)?\.js"),
    LibraryAsset("search.css", "leaflet-search", r"leaflet-search(?:\.src|\.min)?\.css"),
    LibraryAsset("awesome-markers.js", "Leaflet.awesome-markers", r"leaflet\.awesome-markers(?:\.min)?\.js"),
    LibraryAsset("awesome-markers.css", "Leaflet.awesome-markers", r"leaflet\.awesome-markers(?:\.min)?\.css"),
    LibraryAsset("awesome-rotate.css", "folium", r"leaflet\.awesome\.rotate(?:\.min)?\.css"),
    LibraryAsset("font-awesome.css", "Font Awesome Free", r"font-?awesome[^/]*/(?:[^/]+/)*(?:all|font-awesome)(?:\.min)?\.css"),
    LibraryAsset("jquery.js", "jQuery", r"jquery(?:-\d[\w.]*?)?(?:\.min)?\.js"),
    LibraryAsset("bootstrap.js", "Bootstrap", r"bootstrap(?:\.bundle)?(?:\.min)?\.js"),
    LibraryAsset("bootstrap.css", "Bootstrap", r"bootstrap(?:\.min)?\.css"),
    LibraryAsset("glyphicons.css", "Bootstrap", r"bootstrap-glyphicons(?:\.min)?\.css"),
    LibraryAsset("vis-network.js", "vis-network", r"vis-network(?:\.min)?\.js", "vis-9.1.2/vis-network.min.js"),
    LibraryAsset("vis-network.css", "vis-network", r"vis-network(?:\.min)?\.css", "vis-9.1.2/vis-network.css"),
    LibraryAsset("tom-select.js", "Tom Select", r"tom-select(?:\.complete)?(?:\.min)?\.js", "tom-select/tom-select.complete.min.js"),
    LibraryAsset("tom-select.css", "Tom Select", r"tom-select(?:\.min)?\.css", "tom-select/tom-select.css"),
    LibraryAsset("pyvis-utils.js", "pyvis", r"bindings/utils\.js", "bindings/utils.js"),
)}
# fmt: on

# Assets inlined right after another one: a patch that needs it loaded first.
_FOLLOWERS = {"leaflet.js": ("leaflet-default-icon.js",)}


def asset_followers(name: str) -> tuple[str, ...]:
    """Assets to inline right after ``name`` (patches that need it loaded first)."""
    return _FOLLOWERS.get(name, ())


ASSET_NAMES: tuple[str, ...] = tuple(ASSETS)
"""Names accepted by :func:`~nec_network.views._installed_assets.asset_text`."""


def lookup_asset(name: str) -> LibraryAsset:
    """The catalogue's entry for ``name``; :class:`AssetError` (in French) for an unknown one."""
    try:
        return ASSETS[name]
    except KeyError:
        raise AssetError(
            f"Ressource inconnue : « {name} ». Ressources connues : {', '.join(ASSET_NAMES)}."
        ) from None


def asset_for_url(url: str) -> LibraryAsset | None:
    """The asset whose file ``url`` names, whatever its host and version; ``None`` if none.

    Only :func:`~nec_network.views._page_inlining.make_self_contained` (a tool of the tests
    and benchmarks) looks assets up by URL; pages name their assets directly.

    >>> asset_for_url("https://unpkg.com/leaflet@1.7.1/dist/leaflet.js").name
    'leaflet.js'
    """
    path = urlsplit(url.strip()).path
    for asset in ASSETS.values():
        if asset.matcher.search(path):
            return asset
    return None


def missing_package_error(asset: LibraryAsset) -> AssetError:
    """The French error for an asset whose providing package is absent or incomplete."""
    return AssetError(
        f"La ressource « {asset.name} » ({asset.library}) est lue dans le paquet Python "
        f"« {asset.distribution} », qui n'est pas installé ou est incomplet. "
        f"Installez-le : pip install {asset.distribution}"
    )


@functools.cache
def asset_info(name: str) -> AssetInfo:
    """Library, licence and providing package of the asset ``name``.

    Cached (installed versions do not change while the program runs); an unknown asset or a
    missing package raises every time, since errors are not cached.

    >>> info = asset_info("leaflet.js")
    >>> info.library, info.licence, info.distribution
    ('Leaflet', 'BSD-2-Clause', 'django-js-lib-leaflet')
    """
    asset = lookup_asset(name)
    try:
        version = importlib.metadata.version(asset.distribution)
    except importlib.metadata.PackageNotFoundError:
        raise missing_package_error(asset) from None
    return AssetInfo(asset.name, asset.library, asset.licence, asset.distribution, version)
