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

from nec_network.lazy import lazy_exports

_MODULES = (
    "accessibility",
    "centrality",
    "communities",
    "consolidation",
    "coverage",
    "covering",
    "criteria",
    "duplicates",
    "event_planning",
    "evolution",
    "fragility",
    "gaps",
    "guide",
    "journeys",
    "location",
    "merging",
    "network_overview",
    "orientation",
    "partnership_links",
    "shortest_paths",
    "spatial",
    "structures",
    "suggestions",
    "surroundings",
    "survival",
    "synthesis",
)

_EXPORTS = {
    **{module: f"nec_network.analysis.{module}" for module in _MODULES},
    "two_step_fca": "nec_network.analysis.accessibility",
    "actor_capacities": "nec_network.analysis.accessibility",
    "Community": "nec_network.analysis.communities",
    "detect_communities": "nec_network.analysis.communities",
    "communities_table": "nec_network.analysis.communities",
    "Consolidation": "nec_network.analysis.consolidation",
    "consolidate": "nec_network.analysis.consolidation",
    "coverage_by_commune": "nec_network.analysis.coverage",
    "coverage_summary": "nec_network.analysis.coverage",
    "coverage_all_services": "nec_network.analysis.coverage",
    "nearest_actor": "nec_network.analysis.coverage",
    "territory_communes": "nec_network.analysis.coverage",
    "ActorCriteria": "nec_network.analysis.criteria",
    "Threshold": "nec_network.analysis.criteria",
    "DuplicatePair": "nec_network.analysis.duplicates",
    "DuplicateResult": "nec_network.analysis.duplicates",
    "find_duplicates": "nec_network.analysis.duplicates",
    "uncovered_communes": "nec_network.analysis.gaps",
    "white_zones": "nec_network.analysis.gaps",
    "DifficultyGuide": "nec_network.analysis.guide",
    "resource_guide": "nec_network.analysis.guide",
    "Journey": "nec_network.analysis.journeys",
    "journey": "nec_network.analysis.journeys",
    "journeys": "nec_network.analysis.journeys",
    "referral_graph": "nec_network.analysis.journeys",
    "candidate_sites": "nec_network.analysis.location",
    "recommend_sites": "nec_network.analysis.location",
    "merge_duplicates": "nec_network.analysis.merging",
    "merge_actors": "nec_network.analysis.merging",
    "degrees": "nec_network.analysis.centrality",
    "betweenness": "nec_network.analysis.centrality",
    "closeness": "nec_network.analysis.centrality",
    "pagerank": "nec_network.analysis.centrality",
    "actor_metrics": "nec_network.analysis.centrality",
    "brokers": "nec_network.analysis.centrality",
    "EventEffect": "nec_network.analysis.evolution",
    "Bridge": "nec_network.analysis.evolution",
    "network_at": "nec_network.analysis.evolution",
    "tie_changes": "nec_network.analysis.evolution",
    "event_effect": "nec_network.analysis.evolution",
    "actor_changes": "nec_network.analysis.evolution",
    "reference_date": "nec_network.analysis.evolution",
    "venue_ranking": "nec_network.analysis.event_planning",
    "invitations": "nec_network.analysis.event_planning",
    "introductions": "nec_network.analysis.event_planning",
    "evolution_summary": "nec_network.analysis.evolution",
    "EvolutionSummary": "nec_network.analysis.evolution",
    "kaplan_meier": "nec_network.analysis.survival",
    "articulation_points": "nec_network.analysis.fragility",
    "bridges": "nec_network.analysis.fragility",
    "fragility_counts": "nec_network.analysis.fragility",
    "isolated_actors": "nec_network.analysis.partnership_links",
    "actors_without_local_partner": "nec_network.analysis.partnership_links",
    "links_across_departements": "nec_network.analysis.partnership_links",
    "links_across_typologies": "nec_network.analysis.partnership_links",
    "components": "nec_network.analysis.network_overview",
    "network_summary": "nec_network.analysis.network_overview",
    "OrientationQuery": "nec_network.analysis.orientation",
    "Orientation": "nec_network.analysis.orientation",
    "Place": "nec_network.analysis.orientation",
    "offers": "nec_network.analysis.orientation",
    "orient": "nec_network.analysis.orientation",
    "SpatialIndex": "nec_network.analysis.spatial",
    "travel_minutes": "nec_network.analysis.spatial",
    "link_structures": "nec_network.analysis.structures",
    "link_antennas": "nec_network.analysis.structures",
    "suggest_partnerships": "nec_network.analysis.suggestions",
    "TerritoryActors": "nec_network.analysis.surroundings",
    "territory_with_surroundings": "nec_network.analysis.surroundings",
    "Synthesis": "nec_network.analysis.synthesis",
    "synthesize": "nec_network.analysis.synthesis",
    "resources_by_need": "nec_network.analysis.synthesis",
}

__all__ = sorted(_EXPORTS)

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, globals())
