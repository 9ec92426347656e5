"""The map view: actors, partnerships, coverage, white zones, recommended sites and journeys.

One folium map holds Leaflet, the clustering and fullscreen plugins; the actors and the
analysis layers travel as one JSON document from which the page creates its markers,
layers, legend and search box (see :mod:`nec_network.views._map_script`). This keeps
20,000 actors fast to load, where folium would write one element per marker, and keeps
every name as text: nothing from the data is ever parsed as HTML.

The page is self-contained by default (:func:`~nec_network.views._assets.make_self_contained`):
with ``tiles=False`` it requests nothing at all; with tiles, only the OpenStreetMap tiles.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import folium
import pandas as pd
from branca.element import Element, Figure, MacroElement
from folium import plugins
from jinja2 import Template

from nec_network.analysis.criteria import Threshold
from nec_network.io.output import write_output
from nec_network.model import Ecosystem
from nec_network.territory import PICARDIE, departement_polygons, load_communes
from nec_network.views import _map_data
from nec_network.views._assets import asset_info, make_self_contained
from nec_network.views._map_script import BLANK_BACKGROUND_CSS, MAP_CSS, MAP_SCRIPT
from nec_network.views.page import actors_credit, add_frame, escape, script_json

DEFAULT_TITLE = "Carte des acteurs de l'inclusion numérique"

#: Above this many actors with coordinates, markers are grouped in clusters.
DEFAULT_CLUSTER_THRESHOLD = 100

OSM_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_ATTRIBUTION = (
    '&copy; <a href="https://www.openstreetmap.org/copyright">'
    "les contributeurs d'OpenStreetMap</a>"
)

_INLINED = ("leaflet.js", "markercluster.js", "fullscreen.js", "font-awesome.css")

# The libraries the page loads, in order, with the subresource integrity (SRI) of the file
# the CDN serves, so that a browser refuses a modified copy (``cdn=True``; otherwise
# make_self_contained inlines the same files). Leaflet is 1.9.4, the copy
# django-js-lib-leaflet installs (byte-identical to the release: its sha256 are those
# leafletjs.com publishes); the plugins are the versions folium loads, hashed from
# folium-offline's copies of these URLs. None of jQuery, Bootstrap or awesome-markers,
# which folium adds by default and this page does not use.
_CDN = "https://cdn.jsdelivr.net/npm/"
_CDNJS = "https://cdnjs.cloudflare.com/ajax/libs/"
_STYLESHEETS = (
    (
        f"{_CDN}leaflet@1.9.4/dist/leaflet.css",
        "sha384-sHL9NAb7lN7rfvG5lfHpm643Xkcjzp4jFvuavGOndn6pjVqS6ny56CAt3nsEVT4H",
    ),
    (
        f"{_CDNJS}leaflet.markercluster/1.1.0/MarkerCluster.css",
        "sha384-pmjIAcz2bAn0xukfxADbZIb3t8oRT9Sv0rvO+BR5Csr6Dhqq+nZs59P0pPKQJkEV",
    ),
    (
        f"{_CDNJS}leaflet.markercluster/1.1.0/MarkerCluster.Default.css",
        "sha384-wgw+aLYNQ7dlhK47ZPK7FRACiq7ROZwgFNg0m04avm4CaXS+Z9Y7nMu8yNjBKYC+",
    ),
    (
        f"{_CDN}leaflet.fullscreen@3.0.0/Control.FullScreen.css",
        "sha384-l0y7phCA0yMItd906ew06syjXwwAMcxeXz1oMkGVgLFfVQqmEXP2gdf80E4aE40j",
    ),
    (
        f"{_CDN}@fortawesome/fontawesome-free@6.2.0/css/all.min.css",
        "sha384-2A5nP1bVxa/+4RRCQHyRqHV7C3B7jMCpCDVbriY+Q1YYxLVcvAg2cFDDTi0BJKAX",
    ),
)
_SCRIPTS = (
    (
        f"{_CDN}leaflet@1.9.4/dist/leaflet.js",
        "sha384-cxOPjt7s7Iz04uaHJceBmS+qpjv2JkIHNVcuOrM+YHwZOmJGBXI00mdUXEq65HTH",
    ),
    (
        f"{_CDNJS}leaflet.markercluster/1.1.0/leaflet.markercluster.js",
        "sha384-2JyAFT6HDiMibf7AXmiPHLNBAwtRNYosv/eNhr1Ve1GK+7LnXy7WCkiM+5rWSY3X",
    ),
    (
        f"{_CDN}leaflet.fullscreen@3.0.0/Control.FullScreen.min.js",
        "sha384-aCKyWvDoD80yWVi0VInBqeRNvM0atmO3HA2Alisn1enYSP8jEAjE2JZa62sgtL9I",
    ),
)


def _library_tags() -> str:
    """The ``<link>`` and ``<script>`` elements of the libraries, with integrity and CORS."""
    styles = (
        f'<link rel="stylesheet" href="{escape(url)}" integrity="{escape(sri)}" '
        'crossorigin="anonymous">'
        for url, sri in _STYLESHEETS
    )
    scripts = (
        f'<script src="{escape(url)}" integrity="{escape(sri)}" crossorigin="anonymous"></script>'
        for url, sri in _SCRIPTS
    )
    return "\n".join([*styles, *scripts])


class _MapLayers(MacroElement):
    """The map page's style and the script that draws every layer from the JSON document.

    branca compiles the output of these macros again as Jinja2 template source
    (``MacroElement.render`` wraps it in ``Element(text)``), so they must produce only
    constant text: the style, the script and the map's variable name. Nothing read from
    data goes here; the data and the title enter through :class:`_Verbatim`.
    """

    _template = Template(
        """
        {% macro header(this, kwargs) %}<style>{{ this.css }}</style>{% endmacro %}
        {% macro script(this, kwargs) %}{{ this.script(this._parent.get_name()) }}{% endmacro %}
        """
    )

    def __init__(self, *, css: str) -> None:
        super().__init__()
        self._name = "NecLayers"
        self.css = css

    @staticmethod
    def script(map_name: str) -> str:
        return MAP_SCRIPT.replace("__MAP__", map_name)


class _Verbatim(Element):
    """Markup written into the figure as it is: branca never compiles it as a template.

    ``markup`` must already be safe (escaped text, :func:`script_json` output).
    """

    def __init__(self, markup: str) -> None:
        super().__init__()
        self._name = "Verbatim"
        self.markup = markup

    def render(self, **kwargs: Any) -> str:
        return self.markup


def build_map(
    ecosystem: Ecosystem,
    *,
    coverage: pd.DataFrame | None = None,
    white_zones: pd.DataFrame | None = None,
    recommendations: pd.DataFrame | None = None,
    journeys: Sequence[Any] = (),
    departements: str | Iterable[str] | None = PICARDIE,
    tiles: bool = True,
    cdn: bool = False,
    title: str = DEFAULT_TITLE,
    cluster_threshold: int = DEFAULT_CLUSTER_THRESHOLD,
    coverage_label: str = "",
    threshold: Threshold | None = None,
) -> str:
    """The map as a complete French HTML document.

    ``coverage`` is a :func:`~nec_network.analysis.coverage.coverage_by_commune` table
    (one circle per commune, sized by population; with its ``threshold``, the
    uncovered communes within twice the threshold's radius get their own colour), named in the
    layer control and legend by ``coverage_label`` (e.g. the service). ``white_zones``
    comes from :func:`~nec_network.analysis.gaps.white_zones`, ``recommendations`` from
    :func:`~nec_network.analysis.location.recommend_sites`; ``journeys`` are persona
    journeys (``persona``, ``options``, ``referral_path``, ``sentence``).
    ``departements`` draws those boundaries and offers their communes in the search
    box (``None``: neither). Markers are clustered above ``cluster_threshold`` actors.
    ``tiles=False`` gives a white background and no tile request; ``cdn=True`` loads
    the JavaScript libraries from public CDNs instead of inlining them. The inputs are
    not modified, and the same inputs give the same bytes.
    """
    data: dict[str, Any] = {
        **_map_data.actors_data(ecosystem),
        "seuil_regroupement": int(cluster_threshold),
        "liens": _map_data.links_data(ecosystem),
        "departements": None,
        "communes": [],
    }
    if departements is not None:
        data["departements"] = departement_polygons(departements)
        data["communes"] = _map_data.communes_search_data(load_communes(departements=departements))
    if coverage is not None:
        data["couverture"] = _map_data.coverage_data(
            coverage,
            threshold_km=None if threshold is None else threshold.km,
            label=coverage_label or "tous les acteurs",
        )
    if white_zones is not None:
        data["zones_blanches"] = _map_data.white_zones_data(
            white_zones, _commune_points(white_zones, coverage)
        )
    if recommendations is not None:
        data["sites"] = _map_data.recommendations_data(recommendations)
    data["parcours"] = _map_data.journeys_data(journeys, ecosystem)

    carte = folium.Map(location=[49.6, 2.8], zoom_start=8, tiles=None, maxZoom=18)
    # The libraries come from _library_tags, with their integrity, instead of folium's links.
    carte.default_js = carte.default_css = []
    carte.get_root().header.add_child(_Verbatim(_library_tags()), name="nec-bibliotheques")
    if tiles:
        folium.TileLayer(
            OSM_TILES, attr=OSM_ATTRIBUTION, name="OpenStreetMap", max_zoom=19, control=False
        ).add_to(carte)
    fullscreen = plugins.Fullscreen(
        position="topleft", title="Plein écran", title_cancel="Quitter le plein écran"
    )
    fullscreen.default_js = fullscreen.default_css = []
    fullscreen.add_to(carte)
    css = MAP_CSS + ("" if tiles else BLANK_BACKGROUND_CSS)
    _MapLayers(css=css).add_to(carte)
    # The figure's body holds, before the script that reads it, the JSON document.
    carte.get_root().html.add_child(
        _Verbatim(
            f'<h1 class="nec-masque">{escape(title)}</h1>\n'
            f'<script type="application/json" id="nec-carte-donnees">{script_json(data)}</script>'
        ),
        name="nec-carte-donnees",
    )

    _number_elements(carte.get_root())
    document = add_frame(carte.get_root().render(), title=title, sources=_sources(ecosystem, tiles))
    return document if cdn else make_self_contained(document)


def write_map(ecosystem: Ecosystem, path: str | Path, **options: Any) -> Path:
    """Write :func:`build_map` (same keyword options) to ``path`` in UTF-8; return the path."""
    return write_output(path, build_map(ecosystem, **options))


def _commune_points(zones: pd.DataFrame, coverage: pd.DataFrame | None) -> pd.DataFrame:
    """Coordinates of the white zones' communes, by INSEE code (from ``coverage`` if given)."""
    if coverage is not None:
        table = coverage
    else:
        codes = sorted(
            {code for text in zones["communes"] for code in str(text).split("|") if code}
        )
        table = load_communes(codes_insee=codes)
    points = table[["code_insee", "latitude", "longitude"]].drop_duplicates("code_insee")
    return points.set_index("code_insee")


def _number_elements(root: Element) -> None:
    """Replace folium's random element ids by a counter, so two runs give the same page."""
    counter = itertools.count(1)
    stack = [root]
    while stack:
        element = stack.pop(0)
        element._id = f"{next(counter):04d}"
        stack.extend(element._children.values())
        if isinstance(element, Figure):
            stack.extend((element.header, element.html, element.script))


def _sources(ecosystem: Ecosystem, tiles: bool) -> list[str]:
    """Footer lines: where the actors come from, the map background, the inlined libraries."""
    lines = actors_credit(ecosystem)
    if tiles:
        lines.append("Fond de carte : © les contributeurs d'OpenStreetMap (ODbL).")
    libraries = []
    for name in _INLINED:
        info = asset_info(name)
        libraries.append(f"{info.library} ({info.licence})")
    lines.append("Bibliothèques : " + ", ".join(libraries) + ".")
    return lines
