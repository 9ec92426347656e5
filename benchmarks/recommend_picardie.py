"""Recommendation benchmark: 10 sites, 10 km, Picardie communes as candidates and demand.

Two instances: the real France Services list (the excerpt in tests/fixtures/real,
complete for Picardie and its neighbours: what is uncovered today), and an empty
ecosystem (every commune is demand). Compares in the same run:

- what ``recommend`` chooses by default (:func:`nec_network.analysis.covering.best_sites`)
  and the heuristic alone (greedy + interchange) with the optimum: goal, default
  ≥ 99.5 % of the optimum (last line ``ratio_vs_optimum``);
- with spopt's ``MCLP`` (``pip install spopt``, extra ``bench``) on the same cost
  matrix, solved by HiGHS through PuLP: goal, ours ≥ 20× faster. Without spopt this
  comparison is skipped and said so.

Usage: ``python benchmarks/recommend_picardie.py``.
"""

from __future__ import annotations

import time
import warnings
from pathlib import Path

from nec_network.analysis.covering import best_sites, greedy_interchange, solve_exactly
from nec_network.analysis.criteria import Threshold
from nec_network.analysis.location import covering_problem
from nec_network.analysis.spatial import great_circle_km
from nec_network.io import read_ecosystem
from nec_network.model import Ecosystem
from nec_network.territory import load_communes

SITES = 10
RADIUS_KM = 10.0
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


def main() -> None:
    communes = load_communes()
    france_services, _ = read_ecosystem(FRANCE_SERVICES, mapping="france-services")
    ratios = [compare("France Services", france_services, communes)[0]]
    ratio, ours = compare("Écosystème vide", Ecosystem(), communes)
    ratios.append(ratio)
    print(f"ratio_vs_optimum={min(ratios):.4f} (objectif ≥ 0.995)")

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
