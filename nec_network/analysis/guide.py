"""The guide of resources per difficulty: what exists in the territory for each difficulty.

For each difficulty of :data:`~nec_network.model.vocabularies.DIFFICULTIES`:

- **places**: actors receiving the public and offering at least one of its
  services, counted per département (an itinerant actor counts in every
  département its zone reaches, as in
  :func:`~nec_network.analysis.synthesis.resources_by_need`);
- **share of the population within reach**: population of the communes covered
  for at least one of its services, by the coverage matrix of
  :func:`~nec_network.analysis.coverage.coverage_all_services` (same threshold);
- **schemes without a place**: the entries of ``ressources.csv`` for it;
- **examples**: up to :data:`EXAMPLES` places, the itinerant one reaching most
  communes first, then the fixed places with most referral partners (ties by name).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from nec_network.analysis.coverage import territory_communes, zone_membership
from nec_network.analysis.orientation import NO_PUBLIC, offers
from nec_network.model import Actor, Ecosystem
from nec_network.model.resource import Resource
from nec_network.model.vocabularies import DIFFICULTIES, Difficulty
from nec_network.text import normalize_name

#: Concrete examples named per difficulty.
EXAMPLES = 2


@dataclass(frozen=True)
class DifficultyGuide:
    """What the territory offers for one difficulty (see the module docstring)."""

    difficulty: Difficulty
    #: One row per département: ``departement, places, itinerant_count, population,
    #: population_within_reach, population_within_reach_share``.
    by_departement: pd.DataFrame
    places: int
    population: int
    population_within_reach: int
    resources: tuple[Resource, ...]
    examples: tuple[Actor, ...]

    @property
    def share_within_reach(self) -> float:
        """Share (0–1) of the population within reach of a place for this difficulty."""
        return self.population_within_reach / self.population if self.population else 0.0


def resource_guide(
    ecosystem: Ecosystem,
    coverage_matrix: pd.DataFrame,
    resources: Iterable[Resource] = (),
    communes: pd.DataFrame | None = None,
) -> tuple[DifficultyGuide, ...]:
    """One :class:`DifficultyGuide` per difficulty, in the vocabulary's order.

    ``coverage_matrix`` is :func:`~nec_network.analysis.coverage.coverage_all_services`
    over ``communes`` (the synthesis holds both).
    """
    table = territory_communes(communes)
    resources = tuple(resources)
    departements = sorted(set(table["departement"]))
    degree = dict(ecosystem.undirected_graph().degree())
    reach = {actor.id: _departements(actor, table) for actor in ecosystem}
    in_departement = {
        code: (coverage_matrix["departement"] == code).to_numpy() for code in departements
    }
    inhabitants = coverage_matrix["population"].fillna(0).to_numpy()  # as pandas sums: NaN skipped
    population_total = int(inhabitants.sum())
    guides = []
    for difficulty in DIFFICULTIES.values():
        places = [
            a for a in ecosystem if NO_PUBLIC not in a.modalites_acces and offers(a, difficulty)
        ]
        covered = coverage_matrix[list(difficulty.services)].any(axis=1).to_numpy()
        rows = []
        for departement in departements:
            here = [actor for actor in places if departement in reach[actor.id]]
            population = int(inhabitants[in_departement[departement]].sum())
            within = int(inhabitants[in_departement[departement] & covered].sum())
            rows.append(
                {
                    "departement": departement,
                    "places": len(here),
                    "itinerant_count": sum(actor.itinerant for actor in here),
                    "population": population,
                    "population_within_reach": within,
                    "population_within_reach_share": within / population if population else 0.0,
                }
            )
        roaming = sorted(
            (a for a in places if a.itinerant and a.zone_intervention),
            key=lambda a: (-int(zone_membership(table, a).sum()), normalize_name(a.nom), a.id),
        )
        fixed = sorted(
            (a for a in places if not a.itinerant),
            key=lambda a: (-degree.get(a.id, 0), normalize_name(a.nom), a.id),
        )
        guides.append(
            DifficultyGuide(
                difficulty=difficulty,
                by_departement=pd.DataFrame(
                    rows,
                    columns=[
                        "departement",
                        "places",
                        "itinerant_count",
                        "population",
                        "population_within_reach",
                        "population_within_reach_share",
                    ],
                ),
                places=len(places),
                population=population_total,
                population_within_reach=int(inhabitants[covered].sum()),
                resources=tuple(r for r in resources if difficulty.code in r.difficultes),
                examples=tuple([*roaming[:1], *fixed][:EXAMPLES]),
            )
        )
    return tuple(guides)


def _departements(actor: Actor, table: pd.DataFrame) -> set[str]:
    where = {actor.departement} if actor.departement else set()
    if actor.zone_intervention:
        where |= set(table.loc[zone_membership(table, actor), "departement"])
    return where
