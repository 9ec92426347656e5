"""Views: what people read, built from the ecosystem and the analyses' results.

Pages are self-contained HTML that also works inside an ``<iframe>`` on a partner's site:
the map (folium), the network (pyvis), the synthesis report (HTML and Markdown), « Où
orienter ? » for helpers, the resources guide, the site that gathers them, and the CSV
tables of ``nec-network analyse`` (:func:`write_synthesis_tables`). Every page
is built one way (:func:`render_page`: a Jinja2 template, static JavaScript and CSS, one
JSON document of data) and is in French; private modules (``_name.py``) hold the parts of
one page.

>>> from nec_network import views
>>> views.write_map.__module__
'nec_network.views.map'
"""

from nec_network.lazy import lazy_exports

_MODULES = ("charts", "event_planning_files", "evolution_files", "guide", "map", "network", "orientation", "page", "rendering", "report", "site", "style",
            "survey", "tables", "zones")

_EXPORTS = {
    **{module: f"nec_network.views.{module}" for module in _MODULES},
    "MapLayers": "nec_network.views.map",
    "MapOptions": "nec_network.views.map",
    "NetworkOptions": "nec_network.views.network",
    "OrientationOptions": "nec_network.views.orientation",
    "build_map": "nec_network.views.map",
    "write_map": "nec_network.views.map",
    "build_network": "nec_network.views.network",
    "write_network": "nec_network.views.network",
    "network_layout": "nec_network.views.network",
    "build_report": "nec_network.views.report",
    "write_report": "nec_network.views.report",
    "build_orientation_page": "nec_network.views.orientation",
    "write_orientation": "nec_network.views.orientation",
    "build_survey_page": "nec_network.views.survey",
    "write_survey_page": "nec_network.views.survey",
    "build_guide": "nec_network.views.guide",
    "write_guide": "nec_network.views.guide",
    "build_site": "nec_network.views.site",
    "iframe_snippet": "nec_network.views.site",
    "write_synthesis_tables": "nec_network.views.tables",
    "evolution_document": "nec_network.views.evolution_files",
    "write_evolution": "nec_network.views.evolution_files",
    "build_planning_page": "nec_network.views.event_planning_files",
    "write_planning": "nec_network.views.event_planning_files",
    "white_zones_geojson": "nec_network.views.zones",
    "write_white_zones_geojson": "nec_network.views.zones",
    "render_page": "nec_network.views.rendering",
    "PageError": "nec_network.views.rendering",
}

__all__ = sorted(_EXPORTS)

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, globals())
