"""Recommendation benchmark: 10 sites, 10 km, Picardie communes as candidates and demand.

Compares in the same run:

- :func:`nec_network.analysis.location.greedy_interchange` (the heuristic behind
  ``recommend_sites``) with the exact integer programme solved by HiGHS: goal,
  heuristic ≥ 99.5 % of the optimum;
- with spopt's ``MCLP`` (``pip install spopt``, extra ``bench``) on the same cost
  matrix, solved by HiGHS through PuLP: goal, ours ≥ 20× faster. Without spopt this
  comparison is skipped and said so.

Usage: ``python benchmarks/recommend_picardie.py``.
"""

from __future__ import annotations

import time
import warnings

from nec_network.analysis.criteria import Threshold
from nec_network.analysis.location import covering_problem, greedy_interchange, solve_exactly
from nec_network.analysis.spatial import great_circle_km
from nec_network.model import Ecosystem
from nec_network.territory import load_communes

SITES = 10
RADIUS_KM = 10.0


def main() -> None:
    communes = load_communes()
    start = time.perf_counter()
    problem = covering_problem(Ecosystem(), communes, threshold=Threshold(max_km=RADIUS_KM))
    chosen = greedy_interchange(problem, SITES)
    ours = time.perf_counter() - start
    heuristic = problem.covered_population(chosen)
    print(f"{len(communes)} communes, {SITES} sites, {RADIUS_KM:g} km")
    print(
        f"heuristique (glouton + échanges, matrice comprise) : {heuristic:,.0f} habitants en {ours:.3f} s"
    )

    exact = solve_exactly(problem, SITES)
    print(
        f"optimum HiGHS ({exact.status}) : {exact.optimum:,.0f} habitants en {exact.seconds:.1f} s"
    )
    print(f"ratio_vs_optimum={heuristic / exact.optimum:.4f} (objectif ≥ 0.995)")

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
