"""The map view: actors, partnerships, coverage, white zones, recommended sites and journeys.

folium draws the base map (the Leaflet map, its tiles and the fullscreen button); the page
is ours (``templates/carte.html.j2``, ``static/carte*.js`` and ``carte.css``), which receives
folium's rendered map element and script as markup. No text from data goes through a
folium or branca template: the actors and the analysis layers travel as one keyed JSON
document (:func:`map_document`) from which the ``carte*.js`` scripts create the markers, layers,
legend, search box and the table of the communes, putting every name into the page as
text. This keeps 20,000 actors fast to load, where folium would write one element per
marker.

The page is self-contained by default: with ``tiles=False`` it requests nothing at all;
with tiles, only the OpenStreetMap tiles.
"""

from __future__ import annotations

import datetime as dt

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import folium
import pandas as pd
from branca.element import Element, Figure
from folium import plugins
from markupsafe import Markup

from nec_network.analysis.criteria import Threshold
from nec_network.io.output import write_output
from nec_network.gc_pause import collector_paused
from nec_network.model import Ecosystem, without_personal_data
from nec_network.territory import PICARDIE, departement_polygons, load_communes
from nec_network.territory.divisions import resolve_departements
from nec_network.territory.fragility import Fragility
from nec_network.views import _map_actors, _map_choropleth, _map_data, _map_events
from nec_network.views.page import actors_credit
from nec_network.views.rendering import render_page
from nec_network.views.style import PALETTE_NAME, WHITE_ZONE_COLOR
from nec_network.views.zones import commune_points, white_zones_data

DEFAULT_TITLE = "Carte des acteurs de l'inclusion numérique"

#: Above this many actors with coordinates, markers are grouped in clusters.
DEFAULT_CLUSTER_THRESHOLD = 100

OSM_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_ATTRIBUTION = (
    '&copy; <a href="https://www.openstreetmap.org/copyright">'
    "les contributeurs d'OpenStreetMap</a>"
)

@dataclass(frozen=True)
class MapLayers:
    """What the analyses add to the map.

    ``coverage`` is a :func:`~nec_network.analysis.coverage.coverage_by_commune` table (one
    circle per commune, sized by population); ``white_zones`` comes from
    :func:`~nec_network.analysis.gaps.white_zones` (drawn as the land of their communes),
    ``recommendations`` from :func:`~nec_network.analysis.location.recommend_sites`;
    ``journeys`` are persona journeys (:func:`~nec_network.analysis.journeys.journey`).
    The communes that have a shape can be coloured by coverage and time (with ``coverage``),
    by ``fragility`` (a :class:`~nec_network.territory.fragility.Fragility`: the embedded
    approximation, :func:`~nec_network.territory.fragility.embedded_fragility`, or a user's
    file) and by ``accessibility``
    (:func:`~nec_network.analysis.accessibility.two_step_fca`, computed with the capacity
    ``accessibility_capacity``): see :mod:`nec_network.views._map_choropleth`.
    """

    coverage: pd.DataFrame | None = None
    white_zones: pd.DataFrame | None = None
    recommendations: pd.DataFrame | None = None
    journeys: Sequence[Any] = ()
    fragility: Fragility | None = None
    accessibility: pd.DataFrame | None = None
    accessibility_capacity: str = "horaires"


@dataclass(frozen=True)
class MapOptions:
    """How the map is drawn.

    ``departements`` draws those boundaries, fits the view to them and offers their
    communes in the search box (``None``: neither). ``tiles=False`` gives a white
    background and no tile request; ``cdn=True`` loads Leaflet from a public CDN (with its
    SRI hash) instead of inlining it. Markers are clustered above ``cluster_threshold``
    actors. ``coverage_label`` names the coverage layer in the layer control and legend
    (e.g. the service); with the coverage ``threshold``, the uncovered communes within
    twice its radius get their own colour. ``orientation_page`` (e.g. ``"orienter.html"``)
    adds, to a commune found by the search, a link to that page for the commune. ``at`` is
    the date the map is built for: an actor's record older than a year before it is said
    « à vérifier » (None: dates are shown, not judged).
    """

    departements: str | Iterable[str] | None = PICARDIE
    tiles: bool = True
    cdn: bool = False
    title: str = DEFAULT_TITLE
    cluster_threshold: int = DEFAULT_CLUSTER_THRESHOLD
    coverage_label: str = ""
    threshold: Threshold | None = None
    orientation_page: str | None = None
    at: dt.date | None = None


# MarkerCluster.Default.css is left out: carte.css draws the groups in neutral grey.
_STYLES = ("leaflet.css", "markercluster.css", "fullscreen.css", "carte.css")
# Our scripts share window.necCarte and run in this order (see static/carte-outils.js), after
# texte.js (window.necTexte: the search keys shared with the orientation and network pages).
_SCRIPTS = (
    "leaflet.js",
    "markercluster.js",
    "fullscreen.js",
    "texte.js",
    "carte-outils.js",
    "carte-colonnes.js",
    "carte-selection.js",
    "carte-fiches.js",
    "carte-aplats.js",
    "carte-couches.js",
    "carte-legende.js",
    "carte-recherche.js",
    "carte-tableau.js",
    "carte-aplats-tableau.js",
    "carte-evenements.js",
    "carte.js",
)


def map_document(
    ecosystem: Ecosystem,
    layers: MapLayers | None = None,
    options: MapOptions | None = None,
) -> dict[str, Any]:
    """The map page's JSON document (``#nec-donnees``), with these keys:

    - ``typologies``, ``valeurs``, ``acteurs``, ``sans_coordonnees``, ``hors_territoire``,
      ``a_verifier``: the actors (:func:`~nec_network.views._map_actors.actors_data`);
      ``acteurs`` is a table of named columns, ``{"nombre": n, "colonnes": {"nom": [n
      values], "lat": [...], ...}}``, one value per actor in the same order (the index of an
      actor in ``liens``, ``communes`` and ``evenements``), a column left out when no actor
      has a value for it; the page rebuilds one object per actor from it;
    - ``liens``: partnership ``types`` and ``liens`` (:func:`~._map_data.links_data`);
    - ``departements``: GeoJSON of the départements drawn (``null`` without départements):
      Natural Earth boundaries, or a null geometry where their communes' shapes draw them
      (``limites``);
    - ``communes``: one record per commune of the départements, or of ``coverage``
      (:func:`~._map_data.communes_data`: search, coverage circles, table, nearest places;
      :func:`~._map_choropleth.choropleth_data`: shape, EPCI, class in each coloured layer);
    - ``formes``: ``null`` or the communes' shapes as a topology (``echelle``, ``arcs``);
      ``limites``: ``null`` or the arcs of the borders of ``departements`` and ``epci``;
      ``epci``: the EPCI of the communes (``code``, ``nom``);
    - ``aplats``: the layers colouring the communes (``code``, ``titre``, ``note``,
      ``palette``, ``classes``: ``libelle``, ``couleur``, ``nombre``), maybe empty;
    - ``couverture``: ``null`` or the coverage layer's ``libelle`` and ``classes``;
    - ``zones_blanches``, ``sites``, ``parcours``: the analysis layers (lists, maybe empty);
    - ``evenements``: each dated event's participants and the ties created since
      (:func:`~._map_events.events_data`, maybe empty);
    - ``seuil_regroupement``: actors above which markers are clustered;
    - ``orientation``: address of the orientation page (``null``: no link), to which the
      commune search links with ``?commune=<code INSEE>``;
    - ``couleur_zone``: colour of the white zones; ``palette``: name of the palette.
    """
    layers, options = layers or MapLayers(), options or MapOptions()
    coverage, departements = layers.coverage, options.departements
    threshold_km = None if options.threshold is None else options.threshold.km
    communes = pd.DataFrame()
    if coverage is not None:
        communes = coverage
    elif departements is not None:
        communes = load_communes(departements=departements)
    positions = _map_data.MapPositions.of(ecosystem)
    data: dict[str, Any] = {
        **_map_actors.actors_data(ecosystem, at=options.at, positions=positions),
        "liens": _map_data.links_data(ecosystem, positions=positions),
        "departements": None if departements is None else departement_polygons(departements),
        "communes": (
            []
            if communes.empty
            else _map_data.communes_data(
                communes, ecosystem, coverage=coverage, threshold_km=threshold_km, positions=positions
            )
        ),
        "couverture": None,
        "zones_blanches": [],
        "sites": [],
        "parcours": _map_data.journeys_data(layers.journeys, ecosystem),
        "evenements": _map_events.events_data(ecosystem, positions),
        "seuil_regroupement": int(options.cluster_threshold),
        "orientation": options.orientation_page,
        "couleur_zone": WHITE_ZONE_COLOR,
        "palette": PALETTE_NAME,
    }
    if coverage is not None:
        data["couverture"] = _map_data.coverage_classes(
            coverage, threshold_km=threshold_km, label=options.coverage_label or "tous les acteurs"
        )
    if layers.white_zones is not None:
        data["zones_blanches"] = white_zones_data(
            layers.white_zones, commune_points(layers.white_zones, coverage)
        )
    if layers.recommendations is not None:
        data["sites"] = _map_data.recommendations_data(layers.recommendations)
    data.update(_choropleths(data, layers, options))
    return data


def _choropleths(data: dict[str, Any], layers: MapLayers, options: MapOptions) -> dict[str, Any]:
    """The keys of :func:`~._map_choropleth.choropleth_data`; the Natural Earth outline of a
    département is dropped (null geometry) when its communes' shapes draw it."""
    if options.departements is None or not data["communes"]:
        return {"formes": None, "limites": None, "epci": [], "aplats": []}
    shown = resolve_departements(options.departements)
    found = _map_choropleth.choropleth_data(
        data["communes"], shown, coverage=data["couverture"], fragility=layers.fragility,
        accessibility=layers.accessibility, threshold=options.threshold, capacity=layers.accessibility_capacity,
    )
    drawn = set(found.pop("departements_formes"))
    for feature in (data["departements"] or {"features": []})["features"]:
        if feature["properties"]["code"] in drawn:
            feature["geometry"] = None
    return found


def build_map(ecosystem: Ecosystem, layers: MapLayers | None = None, options: MapOptions | None = None) -> str:
    """The map as a complete French HTML document: the actors, the analysis ``layers``
    (:class:`MapLayers`) drawn as ``options`` say (:class:`MapOptions`).

    The inputs are not modified, and the same inputs give the same bytes. Advisers' personal
    data is left out (:func:`~nec_network.model.personal.without_personal_data`).
    """
    # The document's thousands of records hold no cycles: no full collection while they pile
    # up; they are freed (by reference counting) before the collector comes back.
    with collector_paused():
        return _map_page(ecosystem, layers, options)


def _map_page(ecosystem: Ecosystem, layers: MapLayers | None, options: MapOptions | None) -> str:
    """The page of :func:`build_map`, built while the cycle collector is paused."""
    ecosystem, _ = without_personal_data(ecosystem)
    options = options or MapOptions()
    data = map_document(ecosystem, layers, options)
    carte = folium.Map(
        location=[49.6, 2.8], zoom_start=8, tiles=None, maxZoom=18, zoom_snap=0.25, zoom_delta=1
    )
    # Leaflet and its plugins are the page's own scripts (render_page inlines them).
    carte.default_js = carte.default_css = []
    if options.tiles:
        folium.TileLayer(
            OSM_TILES, attr=OSM_ATTRIBUTION, name="OpenStreetMap", max_zoom=19, control=False
        ).add_to(carte)
    fullscreen = plugins.Fullscreen(
        position="topleft", title="Plein écran", title_cancel="Quitter le plein écran"
    )
    fullscreen.default_js = fullscreen.default_css = []
    fullscreen.add_to(carte)
    figure = carte.get_root()
    _number_elements(figure)
    figure.render()
    data["carte"] = carte.get_name()
    return render_page(
        "carte.html.j2",
        title=options.title,
        data=data,
        sources=_sources(ecosystem, options.tiles, [layer["palette"] for layer in data["aplats"]]),
        scripts=_SCRIPTS,
        styles=_STYLES,
        cdn=options.cdn,
        # folium's own output (no data in it): the map element and the script creating it.
        folium_html=Markup(figure.html.render()),
        folium_script=Markup(figure.script.render()),
        tiles=options.tiles,
        events=bool(data["evenements"]),
        choropleths=bool(data["aplats"]),
    )


def write_map(
    ecosystem: Ecosystem, path: str | Path, layers: MapLayers | None = None, options: MapOptions | None = None
) -> Path:
    """Write :func:`build_map` to ``path`` in UTF-8 (never through a link); return the path."""
    return write_output(path, build_map(ecosystem, layers, options))


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


def _sources(ecosystem: Ecosystem, tiles: bool, palettes: Sequence[str] = ()) -> list[str]:
    """Footer lines: where the actors come from, the map background and the colours (with the
    ``palettes`` of the coloured communes)."""
    lines = actors_credit(ecosystem)
    if tiles:
        lines.append("Fond de carte : © les contributeurs d'OpenStreetMap (ODbL).")
    coloured = ", ".join(name for name in palettes if name)
    communes = f" ; {coloured} pour les communes colorées" if coloured else ""
    lines.append(f"Couleurs : palette {PALETTE_NAME} ; Okabe et Ito pour la couverture et les liens{communes}.")
    return lines
