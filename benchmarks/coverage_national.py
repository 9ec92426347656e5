"""National coverage benchmark: all metropolitan communes × 20,000 synthetic actors, 9 services.

Actors are placed at communes drawn with probability proportional to population,
each offering a random non-empty subset of the 9 v1 services (seeded). Compared in
the same run with:

- a bare ``cKDTree`` query of the same points (one tree per service, unit vectors,
  nearest neighbour for every commune): goal, library ≤ 2× that time;
- a naive geopy ``great_circle`` loop over every (commune, actor) pair on a sample of
  communes, extrapolated to all communes: goal, library ≥ 1,000× faster.

Usage: ``python benchmarks/coverage_national.py``. Last line: ``ratio_vs_kdtree=<number>``.
"""

from __future__ import annotations

import time

import numpy as np
from geopy.distance import great_circle
from scipy.spatial import cKDTree

from nec_network.analysis.criteria import Threshold
from nec_network.analysis.coverage import coverage_all_services
from nec_network.analysis.spatial import unit_vectors
from nec_network.model import Actor, Ecosystem
from nec_network.model.vocabularies import SERVICES
from nec_network.territory import load_communes

ACTORS = 20_000
NAIVE_SAMPLE = 10
REPEATS = 3


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


def best_of(function, repeats: int = REPEATS) -> float:
    timings = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        timings.append(time.perf_counter() - start)
    return min(timings)


def main() -> None:
    communes = load_communes(departements="all")
    communes = communes[~communes["departement"].str.startswith("97")].reset_index(drop=True)
    rng = np.random.default_rng(20240601)
    ecosystem = synthetic_ecosystem(communes, rng)
    print(
        f"{len(communes)} communes métropolitaines × {len(ecosystem)} acteurs, {len(SERVICES)} services"
    )

    library = best_of(lambda: coverage_all_services(ecosystem, communes, threshold=Threshold(max_minutes=20)))

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

    kdtree = best_of(bare_kdtree)

    sample = rng.choice(len(communes), size=NAIVE_SAMPLE, replace=False)
    start = time.perf_counter()
    for row in sample:
        here = (commune_lat[row], commune_lon[row])
        for array in points.values():
            min(great_circle(here, (lat, lon)).km for lat, lon in array)
    naive = (time.perf_counter() - start) / NAIVE_SAMPLE * len(communes)

    print(f"bibliothèque (coverage_all_services, 9 services) : {library:.3f} s")
    print(f"cKDTree nu, mêmes points : {kdtree:.3f} s")
    print(f"boucle geopy great_circle extrapolée ({NAIVE_SAMPLE} communes) : {naive:.0f} s")
    print(f"ratio_vs_geopy={naive / library:.0f} (objectif ≥ 1000)")
    print(f"ratio_vs_kdtree={library / kdtree:.2f}")


if __name__ == "__main__":
    main()
