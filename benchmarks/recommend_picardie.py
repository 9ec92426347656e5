"""Recommendation benchmark: 10 sites, 10 km, Picardie communes as candidates and demand.

Two instances: the real France Services list (the excerpt in tests/fixtures/real,
complete for Picardie and its neighbours: what is uncovered today), and an empty
ecosystem (every commune is demand). Compares in the same run:

- what ``recommend`` chooses by default (:func:`nec_network.analysis.covering.best_sites`)
  and the heuristic alone (greedy + interchange) with the optimum: goal, default
  ≥ 99.5 % of the optimum (last line ``ratio_vs_optimum``);
- with an independent model of the same problem written plainly here (numpy haversine for
  the uncovered communes and the coverage matrix, the MCLP in PuLP solved by HiGHS to a zero
  gap, no tie-break): goal (#21), ``recommend_sites(method="exact")`` from the ecosystem to
  the table ≤ 1× its time, median of ``PAIRS`` pairs measured back to back, with the same
  optimum (last lines ``ratio_vs_independant…``);
- with spopt's ``MCLP`` (``pip install spopt``, extra ``bench``) on the same cost
  matrix, solved by HiGHS through PuLP: goal, ours ≥ 20× faster. Without spopt this
  comparison is skipped and said so.

Usage: ``python benchmarks/recommend_picardie.py``.
"""

from __future__ import annotations

import statistics
import time
import warnings
from pathlib import Path

import numpy as np

from nec_network.analysis.covering import best_sites, forget_choices, greedy_interchange, solve_exactly
from nec_network.analysis.criteria import Threshold
from nec_network.analysis.location import covering_problem, recommend_sites
from nec_network.analysis.spatial import great_circle_km
from nec_network.io import read_ecosystem
from nec_network.model import Ecosystem
from nec_network.territory import load_communes

SITES = 10
RADIUS_KM = 10.0
PAIRS = 5
EARTH_KM = 6371.0088
FRANCE_SERVICES = (
    Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "real" / "france-services-2022-12-extrait.csv"
)


def compare(name: str, ecosystem: Ecosystem, communes) -> tuple[float, float]:
    """Print the default choice, the heuristic and the optimum; return (default ratio, seconds of the heuristic)."""
    start = time.perf_counter()
    problem = covering_problem(ecosystem, communes, threshold=Threshold(max_km=RADIUS_KM))
    heuristic = problem.covered_population(greedy_interchange(problem, SITES))
    ours = time.perf_counter() - start
    start = time.perf_counter()
    choice = best_sites(problem, SITES)
    default_seconds = time.perf_counter() - start
    exact = solve_exactly(problem, SITES)
    print(f"{name} : {len(communes)} communes, {SITES} sites, {RADIUS_KM:g} km")
    print(f"  heuristique (glouton + échanges, matrice comprise) : {heuristic:,.0f} habitants en {ours:.3f} s "
          f"({heuristic / exact.optimum:.4f} de l'optimum)")
    print(f"  choix par défaut ({choice.method}) : {choice.covered:,.0f} habitants en {default_seconds:.2f} s")
    print(f"  optimum HiGHS ({exact.status}) : {exact.optimum:,.0f} habitants en {exact.seconds:.2f} s")
    return choice.covered / exact.optimum, ours


def haversine_km(lat1, lon1, lat2, lon2):
    """Great-circle distance, written here again (not the library's)."""
    p1, l1, p2, l2 = (np.radians(value) for value in (lat1, lon1, lat2, lon2))
    h = np.sin((p2 - p1) / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin((l2 - l1) / 2) ** 2
    return 2 * EARTH_KM * np.arcsin(np.sqrt(h))


def independent_model(actor_lat, actor_lon, communes) -> float:
    """The plain MCLP: communes farther than the radius from every actor are the demand, every
    commune a candidate; PuLP + HiGHS, zero gap. Returns the population covered."""
    import pulp

    lat = communes["latitude"].to_numpy(dtype=float)
    lon = communes["longitude"].to_numpy(dtype=float)
    population = communes["population"].to_numpy(dtype=float)
    if len(actor_lat):
        nearest = haversine_km(lat[:, None], lon[:, None], actor_lat[None, :], actor_lon[None, :]).min(axis=1)
        uncovered = np.flatnonzero(nearest > RADIUS_KM)
    else:
        uncovered = np.arange(len(lat))
    covers = haversine_km(lat[uncovered, None], lon[uncovered, None], lat[None, :], lon[None, :]) <= RADIUS_KM
    model = pulp.LpProblem("mclp", pulp.LpMaximize)
    x = [pulp.LpVariable(f"x{j}", cat=pulp.LpBinary) for j in range(len(lat))]
    y = [pulp.LpVariable(f"y{i}", lowBound=0, upBound=1) for i in range(len(uncovered))]
    model += pulp.lpSum(population[row] * served for row, served in zip(uncovered, y))
    for served, row in zip(y, covers):
        model += served <= pulp.lpSum(x[j] for j in np.flatnonzero(row))
    model += pulp.lpSum(x) <= SITES
    model.solve(pulp.HiGHS(msg=False, gapRel=0.0))
    return float(pulp.value(model.objective))


def against_independent(name: str, ecosystem: Ecosystem, communes) -> float:
    """Median ratio, ours (recommend_sites, exact) / the independent model, over PAIRS pairs."""
    threshold = Threshold(max_km=RADIUS_KM)
    located = [actor for actor in ecosystem if actor.latitude is not None and actor.longitude is not None]
    actor_lat = np.array([actor.latitude for actor in located], dtype=float)
    actor_lon = np.array([actor.longitude for actor in located], dtype=float)
    pairs = []
    for _ in range(PAIRS):
        forget_choices()  # each pair solves: best_sites would answer the same instance from memory
        start = time.perf_counter()
        table = recommend_sites(ecosystem, communes, k=SITES, threshold=threshold, method="exact")
        ours = time.perf_counter() - start
        start = time.perf_counter()
        optimum = independent_model(actor_lat, actor_lon, communes)
        pairs.append((ours, time.perf_counter() - start))
    covered = float(table["population_gain"].sum())
    assert abs(covered - optimum) < 1, (covered, optimum)
    print(f"{name} : recommend_sites (exact, tableau compris) {statistics.median(o for o, _ in pairs):.3f} s, "
          f"modèle indépendant PuLP + HiGHS {statistics.median(i for _, i in pairs):.3f} s, "
          f"même optimum {optimum:,.0f} habitants (médianes de {PAIRS} paires)")
    return statistics.median(ours / independent for ours, independent in pairs)


def main() -> None:
    communes = load_communes()
    france_services, _ = read_ecosystem(FRANCE_SERVICES, mapping="france-services")
    ratios = [compare("France Services", france_services, communes)[0]]
    ratio, ours = compare("Écosystème vide", Ecosystem(), communes)
    ratios.append(ratio)
    print(f"ratio_vs_optimum={min(ratios):.4f} (objectif ≥ 0.995)")
    fs_ratio = against_independent("France Services", france_services, communes)
    empty_ratio = against_independent("Écosystème vide", Ecosystem(), communes)
    print(f"ratio_vs_independant_france_services={fs_ratio:.2f} (objectif ≤ 1)")
    print(f"ratio_vs_independant_ecosysteme_vide={empty_ratio:.2f} (objectif ≤ 1)")

    try:
        import pulp
        from spopt.locate import MCLP
    except ImportError:
        print("spopt absent (pip install spopt) : comparaison non faite")
        return
    start = time.perf_counter()
    lat = communes["latitude"].to_numpy()
    lon = communes["longitude"].to_numpy()
    cost = great_circle_km(lat[:, None], lon[:, None], lat[None, :], lon[None, :])
    weights = communes["population"].to_numpy(dtype=float)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model = MCLP.from_cost_matrix(cost, weights, service_radius=RADIUS_KM, p_facilities=SITES)
        model.solve(pulp.HiGHS(msg=False))
    spopt_seconds = time.perf_counter() - start
    spopt_sites = [j for j, variable in enumerate(model.fac_vars) if variable.value() > 0.5]
    spopt_covered = float(weights @ (cost[:, spopt_sites] <= RADIUS_KM).any(axis=1))
    print(f"spopt MCLP (HiGHS) : {spopt_covered:,.0f} habitants en {spopt_seconds:.1f} s")
    print(f"ratio_vs_spopt={spopt_seconds / ours:.0f} (objectif ≥ 20)")


if __name__ == "__main__":
    main()
