"""National coverage benchmark: all metropolitan communes × 20,000 synthetic actors, 9 services.

Actors are placed at communes drawn with probability proportional to population,
each offering a random non-empty subset of the 9 v1 services (seeded). Compared in
the same run with:

- a bare ``cKDTree`` query of the same points (one tree per service, unit vectors,
  nearest neighbour for every commune), the floor: goals (#21), ``coverage_all_services``
  ≤ 1.2× that time, and the same coverage through nine ``coverage_by_commune`` calls (one per
  service) ≤ 1.5×. Each ratio is the median of ``PAIRS`` pairs measured back to back;
- a naive geopy ``great_circle`` loop over every (commune, actor) pair on a sample of
  communes, extrapolated to all communes: goal, library ≥ 1,000× faster.

Usage: ``python benchmarks/coverage_national.py``. Last lines: ``ratio_vs_kdtree=<number>``
(all services at once) and ``ratio_par_service_vs_kdtree=<number>``.
"""

from __future__ import annotations

import statistics
import time

import numpy as np
from geopy.distance import great_circle
from scipy.spatial import cKDTree

from nec_network.analysis.criteria import ActorCriteria, Threshold
from nec_network.analysis.coverage import coverage_all_services, coverage_by_commune
from nec_network.analysis.spatial import unit_vectors
from nec_network.model import Actor, Ecosystem
from nec_network.model.vocabularies import SERVICES
from nec_network.territory import load_communes

ACTORS = 20_000
NAIVE_SAMPLE = 10
PAIRS = 5


def synthetic_ecosystem(communes, rng: np.random.Generator) -> Ecosystem:
    weights = communes["population"].to_numpy(dtype=float)
    chosen = rng.choice(len(communes), size=ACTORS, p=weights / weights.sum())
    services = list(SERVICES)
    jitter = rng.normal(scale=0.005, size=(ACTORS, 2))
    actors = []
    for number, (row, shift) in enumerate(zip(chosen, jitter)):
        offered = tuple(s for s in services if rng.random() < 0.35) or (
            services[rng.integers(len(services))],
        )
        actors.append(
            Actor(
                f"a{number}",
                f"Acteur {number}",
                code_insee=communes["code_insee"].iat[row],
                latitude=float(communes["latitude"].iat[row] + shift[0]),
                longitude=float(communes["longitude"].iat[row] + shift[1]),
                services=offered,
            )
        )
    return Ecosystem(actors)


def seconds(function) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def main() -> None:
    communes = load_communes(departements="all")
    communes = communes[~communes["departement"].str.startswith("97")].reset_index(drop=True)
    rng = np.random.default_rng(20240601)
    ecosystem = synthetic_ecosystem(communes, rng)
    print(
        f"{len(communes)} communes métropolitaines × {len(ecosystem)} acteurs, {len(SERVICES)} services"
    )

    threshold = Threshold(max_minutes=20)

    def all_services() -> None:
        coverage_all_services(ecosystem, communes, threshold=threshold)

    def per_service() -> None:
        for service in SERVICES:
            coverage_by_commune(ecosystem, communes, criteria=ActorCriteria(service=service), threshold=threshold)

    points = {
        service: np.array([(a.latitude, a.longitude) for a in ecosystem if service in a.services])
        for service in SERVICES
    }
    commune_lat = communes["latitude"].to_numpy()
    commune_lon = communes["longitude"].to_numpy()

    def bare_kdtree() -> None:
        queries = unit_vectors(commune_lat, commune_lon)
        for array in points.values():
            cKDTree(unit_vectors(array[:, 0], array[:, 1])).query(queries, k=1)

    # Floor, ours at once, ours per service, back to back: each ratio is against its own floor.
    triples = [(seconds(bare_kdtree), seconds(all_services), seconds(per_service)) for _ in range(PAIRS)]
    kdtree = statistics.median(floor for floor, _, _ in triples)
    library = statistics.median(ours for _, ours, _ in triples)
    separate = statistics.median(ours for _, _, ours in triples)
    ratio = statistics.median(ours / floor for floor, ours, _ in triples)
    ratio_separate = statistics.median(ours / floor for floor, _, ours in triples)

    sample = rng.choice(len(communes), size=NAIVE_SAMPLE, replace=False)
    start = time.perf_counter()
    for row in sample:
        here = (commune_lat[row], commune_lon[row])
        for array in points.values():
            min(great_circle(here, (lat, lon)).km for lat, lon in array)
    naive = (time.perf_counter() - start) / NAIVE_SAMPLE * len(communes)

    print(f"médianes de {PAIRS} mesures côte à côte :")
    print(f"bibliothèque (coverage_all_services, 9 services) : {library:.3f} s")
    print(f"bibliothèque (9 × coverage_by_commune) : {separate:.3f} s")
    print(f"cKDTree nu, mêmes points : {kdtree:.3f} s")
    print(f"boucle geopy great_circle extrapolée ({NAIVE_SAMPLE} communes) : {naive:.0f} s")
    print(f"ratio_vs_geopy={naive / library:.0f} (objectif ≥ 1000)")
    print(f"ratio_par_service_vs_kdtree={ratio_separate:.2f} (objectif ≤ 1.5)")
    print(f"ratio_vs_kdtree={ratio:.2f} (objectif ≤ 1.2)")


if __name__ == "__main__":
    main()
