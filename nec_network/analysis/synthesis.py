"""All the analyses of one ecosystem over one territory, computed once for every view.

:func:`synthesize` is what ``nec-network analyse``, ``report``, ``site`` and
``demo`` run: coverage (all services at once, and service by service), gaps and
white zones, recommended sites, 2SFCA accessibility, network structure,
partnership suggestions, personae journeys, the resources by type of need and
the guide of resources per difficulty.
It is a composition of the plain functions of :mod:`nec_network.analysis` and
never mutates its inputs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from nec_network.analysis import coverage as cov
from nec_network.analysis.accessibility import two_step_fca
from nec_network.analysis.centrality import actor_metrics, brokers
from nec_network.analysis.communities import communities_table
from nec_network.analysis.criteria import ActorCriteria, Threshold
from nec_network.analysis.fragility import articulation_points, bridges
from nec_network.analysis.guide import DifficultyGuide, resource_guide
from nec_network.analysis.gaps import priority_communes, uncovered_communes, white_zones
from nec_network.analysis.journeys import Journey, journeys
from nec_network.analysis.location import WeightingComparison, compare_weightings, covering_problem
from nec_network.analysis.network_overview import network_summary
from nec_network.analysis.partnership_links import (
    actors_without_local_partner,
    isolated_actors,
    links_across_departements,
    links_across_typologies,
)
from nec_network.analysis.suggestions import suggest_partnerships
from nec_network.analysis.surroundings import territory_with_surroundings
from nec_network.settings import CONTEXT_MARGIN_KM, DEFAULT_SITES, SUGGESTION_MAX_KM
from nec_network.model import Ecosystem, Persona
from nec_network.model.personal import resources_without_personal_data, without_personal_data
from nec_network.model.resource import Resource
from nec_network.model.vocabularies import SERVICES
from nec_network.territory.fragility import Fragility, embedded_fragility


@dataclass(frozen=True)
class Synthesis:
    """Every table a planner, a coordinator or a helper needs (see :func:`synthesize`)."""

    ecosystem: Ecosystem
    communes: pd.DataFrame
    #: Which actors count, and the territory (``str()`` is its French phrase, e.g. ``tout acteur``).
    criteria: ActorCriteria
    #: How near is near (``.km`` is the great-circle radius; ``str()`` the French phrase,
    #: e.g. ``à 20 minutes ou moins en voiture``).
    threshold: Threshold
    coverage: pd.DataFrame
    coverage_total: pd.DataFrame
    coverage_by_departement: pd.DataFrame
    coverage_by_epci: pd.DataFrame
    coverage_by_densite: pd.DataFrame
    #: One row per v1 service: communes and population covered for that service.
    coverage_by_service: pd.DataFrame
    #: One row per commune, one boolean column per v1 service.
    coverage_matrix: pd.DataFrame
    gaps: pd.DataFrame
    white_zones: pd.DataFrame
    recommendations: pd.DataFrame
    accessibility: pd.DataFrame
    metrics: pd.DataFrame
    network_summary: dict
    communities: pd.DataFrame
    brokers: pd.DataFrame
    articulation_points: pd.DataFrame
    bridges: pd.DataFrame
    isolated: pd.DataFrame
    without_local_partner: pd.DataFrame
    links_across_departements: pd.DataFrame
    links_across_typologies: pd.DataFrame
    suggestions: pd.DataFrame
    resources_by_need: pd.DataFrame
    journeys: tuple[Journey, ...] = field(default_factory=tuple)
    #: Schemes without a place (``ressources.csv``).
    resources: tuple[Resource, ...] = ()
    #: The guide of resources per difficulty (:func:`~nec_network.analysis.guide.resource_guide`).
    guide: tuple[DifficultyGuide, ...] = ()
    #: Places outside the territory within reach of its communes (« hors territoire », see
    #: :mod:`~nec_network.analysis.surroundings`): counted for coverage, accessibility, journeys
    #: and the recommendations' baseline, never among :attr:`ecosystem`'s actors.
    context_actors: int = 0
    #: The indicators of digital fragility used (embedded approximation, or a user's file).
    fragility: Fragility | None = None
    #: Uncovered communes ranked by fragile population (:func:`~nec_network.analysis.gaps.priority_communes`).
    priority_communes: pd.DataFrame | None = None
    #: :attr:`recommendations` beside the sites chosen for fragile inhabitants.
    weighting: WeightingComparison | None = None
    #: What measured the actors' capacity in :attr:`accessibility` (``horaires`` or a field).
    accessibility_capacity: str = "horaires"


def resources_by_need(ecosystem: Ecosystem, communes: pd.DataFrame | None = None) -> pd.DataFrame:
    """For each v1 service, the actors offering it, by département (names, ``|``-joined).

    Itinerant actors count in every département their zone reaches.
    Columns: ``service, departement, actor_count, actors`` (names) and ``itinerant_count``.
    """
    table = cov.territory_communes(communes)
    epci_deps = table.groupby("epci_code")["departement"].agg(set).to_dict()
    code_deps = dict(zip(table["code_insee"], table["departement"], strict=True))
    departements = sorted(set(table["departement"]))
    reach: dict[str, set[str]] = {}
    for actor in ecosystem:
        where = {actor.departement}
        for code in actor.zone_intervention:
            where |= epci_deps.get(code, set()) | ({code_deps[code]} if code in code_deps else set())
        reach[actor.id] = where
    rows = []
    for service in SERVICES:
        offering = [actor for actor in ecosystem if service in actor.services]
        for departement in departements:
            present = [actor for actor in offering if departement in reach[actor.id]]
            rows.append(
                {
                    "service": service,
                    "departement": departement,
                    "actor_count": len(present),
                    "actors": "|".join(sorted(actor.nom for actor in present)),
                    "itinerant_count": sum(actor.itinerant for actor in present),
                }
            )
    return pd.DataFrame(
        rows, columns=["service", "departement", "actor_count", "actors", "itinerant_count"]
    )


def _coverage_by_service(matrix: pd.DataFrame) -> pd.DataFrame:
    """One summary row per v1 service, from :func:`~nec_network.analysis.coverage.coverage_all_services`."""
    rows = [
        {"service": service, **cov.coverage_summary(matrix.assign(covered=matrix[service]), by=None).iloc[0]}
        for service in SERVICES
    ]
    return pd.DataFrame(rows)


#: The coverage summaries of a synthesis: field suffix → ``coverage_summary(by=…)``.
_SUMMARIES = {"total": None, "by_departement": "departement", "by_epci": "epci", "by_densite": "densite"}


def synthesize(
    ecosystem: Ecosystem,
    communes: pd.DataFrame | None = None,
    *,
    criteria: ActorCriteria | None = None,
    threshold: Threshold | None = None,
    sites: int = DEFAULT_SITES,
    capacity: str = "horaires",
    personae: Iterable[Persona] = (),
    resources: Iterable[Resource] = (),
    suggestion_km: float = SUGGESTION_MAX_KM,
    seed: int = 0,
    progress: Callable[[str], None] | None = None,
    fragility: Fragility | None = None,
) -> Synthesis:
    """Run every analysis once. ``communes`` defaults to Picardie.

    The offer criteria (``service``, ``dispositif``, ``typologie``, ``public``) and the
    threshold apply to coverage, gaps, white zones, recommendations and
    accessibility; the service-by-service table always covers the nine v1
    services. The criteria's ``departements`` restrict the actors of the
    network analyses, the suggestions and :attr:`Synthesis.ecosystem` (what
    views draw) to the territory's; coverage, accessibility and journeys still
    count the actors just outside it, who serve the border communes.
    ``capacity`` measures each actor's capacity in the 2SFCA accessibility
    (:func:`~nec_network.analysis.accessibility.two_step_fca`: ``"horaires"``, ``"conseillers"``…).
    Advisers' personal data is left out first
    (:func:`~nec_network.model.personal.without_personal_data`), so no view of it can show some.
    ``progress`` receives the code of each step before it starts (``coverage``,
    ``gaps_and_sites``, ``network``, ``journeys``; said in French by
    :data:`nec_network.wording.SYNTHESIS_STEPS`).
    ``fragility`` (the embedded approximation of 2016–2019 by default) ranks the priority
    communes and weighs the second set of recommended sites, chosen for fragile inhabitants.
    """
    step = progress or (lambda _code: None)
    # What every view and table of a synthesis shows: advisers' personal data never goes in.
    resources = resources_without_personal_data(resources, ecosystem)
    ecosystem, _ = without_personal_data(ecosystem)
    table = cov.territory_communes(communes)
    criteria = criteria or ActorCriteria()
    threshold = threshold or Threshold()
    local = criteria.territory(ecosystem)
    context = _context_count(ecosystem, criteria, threshold)

    step("coverage")
    coverage = cov.coverage_by_commune(ecosystem, table, criteria=criteria, threshold=threshold)
    matrix = cov.coverage_all_services(ecosystem, table, threshold=threshold)
    step("gaps_and_sites")
    gaps = uncovered_communes(coverage)
    zones = white_zones(coverage)
    fragile = _fragility_fields(ecosystem, table, coverage, criteria, threshold, sites, fragility)
    accessibility = two_step_fca(ecosystem, table, criteria=criteria, threshold=threshold, capacity=capacity)
    step("network")
    metrics = actor_metrics(local, seed=seed)
    suggestions = suggest_partnerships(local, max_km=suggestion_km)
    step("journeys")
    trips = journeys(ecosystem, personae, table, threshold=threshold)  # km, minutes and detour as asked
    return Synthesis(
        ecosystem=local,
        communes=table,
        threshold=threshold,
        criteria=criteria,
        coverage=coverage,
        **{f"coverage_{name}": cov.coverage_summary(coverage, by=by) for name, by in _SUMMARIES.items()},
        coverage_by_service=_coverage_by_service(matrix),
        coverage_matrix=matrix,
        gaps=gaps,
        white_zones=zones,
        recommendations=fragile["weighting"].plain,
        accessibility=accessibility, accessibility_capacity=capacity,
        metrics=metrics,
        **_network_structure(local, metrics, seed=seed),
        suggestions=suggestions,
        resources_by_need=resources_by_need(local, table),
        journeys=trips,
        resources=resources,
        guide=resource_guide(local, matrix, resources, table),
        context_actors=context,
        **fragile,
    )


def _fragility_fields(ecosystem: Ecosystem, table: pd.DataFrame, coverage: pd.DataFrame, criteria: ActorCriteria,
                      threshold: Threshold, sites: int, fragility: Fragility | None) -> dict[str, Any]:
    """The fields of a :class:`Synthesis` that weigh fragility: the fragility used, the priority
    communes, and the recommended sites with and without the fragility weighting."""
    fragility = fragility or embedded_fragility()
    problem = covering_problem(
        ecosystem, table, criteria=criteria, threshold=threshold, weighting="fragilite", fragility=fragility
    )
    return {
        "fragility": fragility,
        "priority_communes": priority_communes(coverage, fragility),
        "weighting": compare_weightings(problem, sites),
    }


def _network_structure(local: Ecosystem, metrics: pd.DataFrame, *, seed: int) -> dict[str, Any]:
    """The network structure fields of a :class:`Synthesis` (summary, communities, brokers, fragility…)."""
    return {
        "network_summary": network_summary(local),
        "communities": communities_table(local, seed=seed),
        "brokers": brokers(local, seed=seed, metrics=metrics),
        "articulation_points": articulation_points(local),
        "bridges": bridges(local),
        "isolated": isolated_actors(local),
        "without_local_partner": actors_without_local_partner(local),
        "links_across_departements": links_across_departements(local),
        "links_across_typologies": links_across_typologies(local),
    }


def _context_count(ecosystem: Ecosystem, criteria: ActorCriteria, threshold: Threshold) -> int:
    """How many places outside the territory its communes reach: those kept around it by a
    restricted import, or, for ``departements``, those within the context margin (or the
    threshold, when larger) of its communes."""
    if criteria.departements is None:
        return sum(actor.outside_territory for actor in ecosystem)
    margin = max(CONTEXT_MARGIN_KM, threshold.km)
    return len(territory_with_surroundings(ecosystem, criteria.departements, margin_km=margin).context)
