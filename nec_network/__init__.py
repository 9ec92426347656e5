"""nec-network: map the digital-inclusion ecosystem of the Pays picards.

The package is organised as one-way stages, each importing only those before it:
the bottom modules (``tables``, ``codes``, ``text``, ``distance``, ``wording``,
``settings``, ``errors``), then ``territory`` (embedded reference data), ``model``
(actors, partnerships, the ecosystem graph), ``io`` (readers and writers),
``geocoding``, ``analysis`` (pure functions returning data), ``views`` (pages, report,
tables for people) and ``cli``.

The main entry points are at the top level, the rest one package away, in the style of
osmnx; names load on first use, so ``import nec_network`` stays instant:

>>> import nec_network as nn
>>> ecosystem = nn.load_demo()
>>> coverage = nn.coverage_by_commune(ecosystem, threshold=nn.Threshold(max_km=10))
>>> sorted(nn.coverage_summary(coverage, by="departement")["departement"])
['02', '60', '80']
>>> nn.analysis.white_zones is nn.white_zones
True
"""

from nec_network.lazy import lazy_exports

__version__ = "0.1.0"

_EXPORTS = {
    # packages
    "territory": "nec_network.territory",
    "model": "nec_network.model",
    "io": "nec_network.io",
    "geocoding": "nec_network.geocoding",
    "analysis": "nec_network.analysis",
    "views": "nec_network.views",
    "wording": "nec_network.wording",
    "errors": "nec_network.errors",
    # the model
    "Actor": "nec_network.model",
    "Partnership": "nec_network.model",
    "Ecosystem": "nec_network.model",
    # reading and writing
    "read_ecosystem": "nec_network.io",
    "write_ecosystem": "nec_network.io",
    "load_demo": "nec_network.demo",
    "demo_path": "nec_network.demo",
    "geocode_ecosystem": "nec_network.geocoding",
    # the territory
    "load_communes": "nec_network.territory",
    "get_commune": "nec_network.territory",
    # analyses
    "ActorCriteria": "nec_network.analysis",
    "Threshold": "nec_network.analysis",
    "coverage_by_commune": "nec_network.analysis",
    "coverage_summary": "nec_network.analysis",
    "white_zones": "nec_network.analysis",
    "recommend_sites": "nec_network.analysis",
    "actor_metrics": "nec_network.analysis",
    "synthesize": "nec_network.analysis",
    # views
    "MapLayers": "nec_network.views",
    "MapOptions": "nec_network.views",
    "NetworkOptions": "nec_network.views",
    "write_map": "nec_network.views",
    "write_network": "nec_network.views",
    "write_report": "nec_network.views",
    "write_orientation": "nec_network.views",
    "build_site": "nec_network.views",
}

__all__ = ["__version__", *sorted(_EXPORTS)]

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, globals())
