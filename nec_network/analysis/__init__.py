"""Analyses: pure functions over an ecosystem and the territory that return data.

Every function takes the :class:`~nec_network.model.Ecosystem` (or tables computed from
it) first, never modifies its inputs and returns plain values, dataclasses or pandas
tables whose columns are named in English (French headers are chosen when files and
pages are written: :data:`nec_network.wording.FRENCH_HEADERS`). Which actors count and how
far is near enough are two objects, :class:`ActorCriteria` and :class:`Threshold`.

The public functions are flat here, in the style of networkx (``analysis.white_zones``);
each topic module stays reachable too (``analysis.coverage``). Names load on first use.

Topics:

- ``coverage``, ``gaps``, ``accessibility``: communes and people within reach, white
  zones, 2SFCA accessibility;
- ``location`` (on ``covering``): where to open sites (maximal covering, exact or greedy);
- ``centrality`` (on ``shortest_paths``), ``fragility``, ``partnership_links``,
  ``network_overview``, ``communities``, ``suggestions``: structure of the partnership network;
- ``journeys``, ``orientation``, ``guide``: where a person can be referred;
- ``duplicates``, ``merging``, ``structures``, ``consolidation``: one ecosystem from
  several sources;
- ``evolution`` (on ``survival``): the network at a date, ties formed and ended, what an
  event created;
- ``event_planning``: the next local event: where, whom to invite, whom to introduce;
- ``synthesis``: every analysis of ``nec-network analyse`` at once;
- ``criteria``, ``spatial``: the shared criteria, thresholds and distances;
- ``surroundings``: a restricted territory and the places just outside it kept as context.

>>> from nec_network import analysis
>>> analysis.Threshold(max_km=12).km
12.0
>>> analysis.coverage.coverage_by_commune is analysis.coverage_by_commune
True
"""

from nec_network.lazy import by_module, lazy_exports

_EXPORTS = by_module(
    "nec_network.analysis",
    {
        "accessibility": ("two_step_fca", "actor_capacities"),
        "centrality": (
            "degrees", "betweenness", "closeness", "pagerank", "actor_metrics", "brokers",
        ),
        "communities": ("Community", "detect_communities", "communities_table"),
        "consolidation": ("Consolidation", "consolidate"),
        "coverage": (
            "coverage_by_commune", "coverage_summary", "coverage_all_services", "nearest_actor",
            "territory_communes",
        ),
        "covering": (),
        "criteria": ("ActorCriteria", "Threshold"),
        "duplicates": ("DuplicatePair", "DuplicateResult", "find_duplicates"),
        "event_planning": ("venue_ranking", "invitations", "introductions"),
        "evolution": (
            "EventEffect", "Bridge", "network_at", "tie_changes", "event_effect", "actor_changes",
            "reference_date", "evolution_summary", "EvolutionSummary",
        ),
        "fragility": ("articulation_points", "bridges", "fragility_counts"),
        "gaps": ("uncovered_communes", "white_zones"),
        "guide": ("DifficultyGuide", "resource_guide"),
        "journeys": ("Journey", "journey", "referral_graph"),
        "location": ("candidate_sites", "recommend_sites"),
        "merging": ("merge_duplicates", "merge_actors"),
        "network_overview": ("components", "network_summary"),
        "orientation": ("OrientationQuery", "Orientation", "Place", "offers", "orient"),
        "partnership_links": (
            "isolated_actors", "actors_without_local_partner", "links_across_departements",
            "links_across_typologies",
        ),
        "shortest_paths": (),
        "spatial": ("SpatialIndex", "travel_minutes"),
        "structures": ("link_structures", "link_antennas"),
        "suggestions": ("suggest_partnerships",),
        "surroundings": ("TerritoryActors", "territory_with_surroundings"),
        "survival": ("kaplan_meier",),
        "synthesis": ("Synthesis", "synthesize", "resources_by_need"),
    },
)

__all__ = sorted(_EXPORTS)

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, globals())
