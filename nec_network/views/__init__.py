"""Views: what people read, built from the ecosystem and the analyses' results.

Pages are self-contained HTML that also works inside an ``<iframe>`` on a partner's site:
the map (folium), the network (pyvis), the synthesis report (HTML and Markdown), « Où
orienter ? » for helpers (also as the ``<nec-orienter>`` element of a partner's page, beside
``<nec-carte>``), the resources guide, the site that gathers them, and the CSV
tables of ``nec-network analyse`` (:func:`write_synthesis_tables`). Every page
is built one way (:func:`render_page`: a Jinja2 template, static JavaScript and CSS, one
JSON document of data) and is in French; private modules (``_name.py``) hold the parts of
one page.

>>> from nec_network import views
>>> views.write_map.__module__
'nec_network.views.map'
"""

from nec_network.lazy import by_module, lazy_exports

_EXPORTS = by_module(
    "nec_network.views",
    {
        "charts": (),
        "elements": ("write_elements",),
        "event_planning_files": ("build_planning_page", "write_planning"),
        "evolution_files": ("evolution_document", "write_evolution"),
        "guide": ("build_guide", "write_guide"),
        "map": ("MapLayers", "MapOptions", "build_map", "write_map"),
        "network": ("NetworkOptions", "build_network", "write_network", "network_layout"),
        "orientation": ("OrientationOptions", "build_orientation_page", "write_orientation"),
        "page": (),
        "rendering": ("render_page", "PageError"),
        "report": ("build_report", "write_report"),
        "site": ("build_site", "iframe_snippet"),
        "style": (),
        "survey": ("build_survey_page", "write_survey_page"),
        "tables": ("write_synthesis_tables",),
        "zones": ("white_zones_geojson", "write_white_zones_geojson"),
    },
)

__all__ = sorted(_EXPORTS)

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, globals())
