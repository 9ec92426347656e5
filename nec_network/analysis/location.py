"""Where to add sites: the maximal covering location problem (MCLP).

Choose at most ``k`` sites among candidates so as to cover the most
**uncovered** population: the demand is every commune that no matching actor
covers today (same criteria and threshold as
:func:`~nec_network.analysis.coverage.coverage_by_commune`), weighted by its
population; a candidate covers a commune within the threshold's great-circle
radius of it.

Heuristic (:func:`recommend_sites`): sites are added one at a time, each time
the one with the largest marginal gain, and after every addition the set is
improved by vertex interchange (Teitz & Bart: swap a chosen site for an
unchosen one while the best swap covers more people). Building ``k + 1`` from
the solution for ``k`` guarantees that ``k + 1`` sites never cover less than
``k``. Every step is a sparse matrix–vector product over the coverage matrix
built with a k-d tree, so no pair is visited in Python.

Exact solve (:func:`exact_recommendation`): the integer programme of Church &
ReVelle (1974), solved by HiGHS through PuLP (optional extra ``exact``:
``pip install 'nec-network[exact]'``), reporting the heuristic's optimality gap.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import sparse

from nec_network.analysis.coverage import ActorPoints, coverage_by_commune, territory_communes
from nec_network.analysis.criteria import ActorCriteria, Threshold
from nec_network.analysis.spatial import SpatialIndex
from nec_network.errors import NecNetworkError, UnknownCommuneError
from nec_network.model import Ecosystem

#: Columns of the tables returned by :func:`recommend_sites` and :func:`exact_recommendation`.
SITE_COLUMNS: tuple[str, ...] = (
    "rang",
    "code_insee",
    "nom",
    "departement",
    "acteur",
    "acteur_nom",
    "latitude",
    "longitude",
    "gain_population",
    "communes_gagnees",
    "population_couverte_cumulee",
    "part_population_non_couverte_cumulee",
)


@dataclass(frozen=True)
class CoveringProblem:
    """An MCLP instance: uncovered communes (demand), candidate sites, and who covers whom.

    ``coverage`` is a sparse 0/1 matrix, demand rows × candidate columns.
    """

    demand: pd.DataFrame
    candidates: pd.DataFrame
    coverage: sparse.csc_matrix

    @property
    def weights(self) -> np.ndarray:
        """Population of each demand commune."""
        return np.maximum(self.demand["population"].to_numpy(dtype=float), 0)

    def covered_population(self, sites: Iterable[int]) -> float:
        """Population covered by the candidate positions ``sites``."""
        chosen = list(sites)
        if not chosen:
            return 0.0
        reached = np.asarray(self.coverage[:, chosen].sum(axis=1)).ravel() > 0
        return float(self.weights @ reached)


def covering_problem(
    ecosystem: Ecosystem,
    communes: pd.DataFrame | None = None,
    *,
    candidates: str | Iterable[str] = "communes",
    criteria: ActorCriteria | None = None,
    threshold: Threshold | None = None,
) -> CoveringProblem:
    """Build the MCLP instance (see :func:`recommend_sites` for the arguments)."""
    criteria = criteria or ActorCriteria()
    threshold = threshold or Threshold()
    table = territory_communes(communes)
    coverage = coverage_by_commune(ecosystem, table, criteria=criteria, threshold=threshold)
    located = np.isfinite(coverage["latitude"].to_numpy(dtype=float)) & np.isfinite(
        coverage["longitude"].to_numpy(dtype=float)
    )
    demand = coverage[~coverage["couvert"].to_numpy() & located].reset_index(drop=True)
    sites = candidate_sites(ecosystem, table, candidates, criteria)
    index = SpatialIndex(
        sites["latitude"].to_numpy(dtype=float), sites["longitude"].to_numpy(dtype=float)
    )
    matrix = index.within(
        demand["latitude"].to_numpy(dtype=float), demand["longitude"].to_numpy(dtype=float), threshold.km
    )
    return CoveringProblem(demand, sites, sparse.csc_matrix(matrix, dtype=float))


def candidate_sites(
    ecosystem: Ecosystem,
    communes: pd.DataFrame,
    candidates: str | Iterable[str],
    criteria: ActorCriteria,
) -> pd.DataFrame:
    """Candidate sites: ``"communes"`` (every commune), ``"acteurs"`` (actors that could add
    what is missing) or a list of actor ids and INSEE codes."""
    table = territory_communes(communes)
    located = table[np.isfinite(table["latitude"]) & np.isfinite(table["longitude"])]
    by_code = located.drop_duplicates("code_insee").set_index("code_insee")
    if isinstance(candidates, str) and candidates == "communes":
        rows = [_commune_site(code, row) for code, row in by_code.iterrows()]
    elif isinstance(candidates, str) and candidates == "acteurs":
        hosts = [actor for actor in ecosystem if criteria.in_territory(actor) and not criteria.offers(actor)]
        points = ActorPoints.locate(hosts, table)
        rows = [
            _actor_site(hosts[position], lat, lon, by_code)
            for position, lat, lon in zip(points.positions, points.latitude, points.longitude)
        ]
    elif isinstance(candidates, str):
        raise NecNetworkError(
            f"Candidats inconnus : « {candidates} ». Possibles : communes, acteurs, ou une liste de codes."
        )
    else:
        rows = []
        for value in dict.fromkeys(str(item).strip() for item in candidates):
            if value in ecosystem:
                points = ActorPoints.locate([ecosystem[value]], table)
                if not points.positions.size:
                    raise NecNetworkError(
                        f"L'acteur « {value} » n'a ni coordonnées ni commune connue : il ne peut pas être candidat."
                    )
                rows.append(
                    _actor_site(ecosystem[value], points.latitude[0], points.longitude[0], by_code)
                )
            elif value in by_code.index:
                rows.append(_commune_site(value, by_code.loc[value]))
            else:
                raise UnknownCommuneError(value)
    columns = ["code_insee", "nom", "departement", "acteur", "acteur_nom", "latitude", "longitude"]
    return pd.DataFrame(rows, columns=columns)


def _commune_site(code: str, row: pd.Series) -> dict[str, object]:
    return {
        "code_insee": code,
        "nom": row["nom"],
        "departement": row["departement"],
        "acteur": "",
        "acteur_nom": "",
        "latitude": float(row["latitude"]),
        "longitude": float(row["longitude"]),
    }


def _actor_site(
    actor, latitude: float, longitude: float, by_code: pd.DataFrame
) -> dict[str, object]:
    known = actor.code_insee in by_code.index
    return {
        "code_insee": actor.code_insee,
        "nom": by_code.loc[actor.code_insee, "nom"] if known else actor.commune,
        "departement": actor.departement,
        "acteur": actor.id,
        "acteur_nom": actor.nom,
        "latitude": float(latitude),
        "longitude": float(longitude),
    }


def greedy_interchange(problem: CoveringProblem, k: int) -> list[int]:
    """Candidate positions chosen by greedy addition, each followed by vertex interchange."""
    _check_k(k)
    matrix, weights = problem.coverage, problem.weights
    transposed = matrix.T.tocsr()
    count = np.zeros(matrix.shape[0])
    chosen: list[int] = []
    for _ in range(min(k, matrix.shape[1])):
        gains = transposed @ (weights * (count == 0))
        gains[chosen] = -1
        best = int(np.argmax(gains))
        if gains[best] <= 0:
            break
        chosen.append(best)
        count += _column(matrix, best)
        chosen, count = _interchange(matrix, transposed, weights, chosen, count)
    return chosen


def _column(matrix: sparse.csc_matrix, position: int) -> np.ndarray:
    return matrix[:, [position]].toarray().ravel()


def _interchange(
    matrix: sparse.csc_matrix,
    transposed: sparse.csr_matrix,
    weights: np.ndarray,
    chosen: list[int],
    count: np.ndarray,
) -> tuple[list[int], np.ndarray]:
    """Best-improvement swaps until no swap covers more people (Teitz & Bart)."""
    chosen = list(chosen)
    tolerance = 1e-9 * max(float(weights.sum()), 1.0)
    while True:
        best_delta, best_out, best_in = tolerance, -1, -1
        for slot, site in enumerate(chosen):
            column = _column(matrix, site)
            without = count - column
            lost = float(weights @ ((without == 0) & (column > 0)))
            gains = transposed @ (weights * (without == 0))
            gains[chosen] = -np.inf
            entering = int(np.argmax(gains))
            delta = gains[entering] - lost
            if delta > best_delta:
                best_delta, best_out, best_in = delta, slot, entering
        if best_out < 0:
            return chosen, count
        count = count - _column(matrix, chosen[best_out]) + _column(matrix, best_in)
        chosen[best_out] = best_in


def _check_k(k: int) -> None:
    if not isinstance(k, (int, np.integer)) or isinstance(k, bool) or k < 1:
        raise NecNetworkError(f"Le nombre de sites doit être un entier positif (reçu : {k}).")


def sites_table(problem: CoveringProblem, chosen: Iterable[int]) -> pd.DataFrame:
    """The chosen sites ordered by marginal gain, with the gains and the cumulative coverage."""
    remaining = list(chosen)
    matrix, weights = problem.coverage, problem.weights
    total_uncovered = float(weights.sum())
    reached = np.zeros(matrix.shape[0], dtype=bool)
    rows = []
    cumulative = 0.0
    while remaining:
        gains = [float(weights @ ((_column(matrix, site) > 0) & ~reached)) for site in remaining]
        slot = int(np.argmax(gains))
        site = remaining.pop(slot)
        newly = (_column(matrix, site) > 0) & ~reached
        reached |= newly
        cumulative += gains[slot]
        rows.append(
            {
                **problem.candidates.iloc[site].to_dict(),
                "rang": len(rows) + 1,
                "gain_population": round(gains[slot]),
                "communes_gagnees": int(newly.sum()),
                "population_couverte_cumulee": round(cumulative),
                "part_population_non_couverte_cumulee": cumulative / total_uncovered
                if total_uncovered
                else 0.0,
            }
        )
    return pd.DataFrame(rows, columns=list(SITE_COLUMNS))


def recommend_sites(
    ecosystem: Ecosystem,
    communes: pd.DataFrame | None = None,
    *,
    k: int,
    candidates: str | Iterable[str] = "communes",
    criteria: ActorCriteria | None = None,
    threshold: Threshold | None = None,
) -> pd.DataFrame:
    """Up to ``k`` new sites covering the most uncovered population (greedy + vertex interchange).

    ``candidates``: ``"communes"`` (every commune of the territory, at its
    reference point; the default), ``"acteurs"`` (actors that do not offer what
    is asked yet and could host it, e.g. médiathèques for a permanence), or a
    list of actor ids and INSEE codes. One row per site, ordered by marginal
    gain: ``rang, code_insee, nom, departement, acteur, acteur_nom, latitude,
    longitude, gain_population`` (newly covered inhabitants), ``communes_gagnees``,
    ``population_couverte_cumulee`` (newly covered inhabitants so far) and
    ``part_population_non_couverte_cumulee`` (share of today's uncovered
    population). Fewer than ``k`` rows when more sites would cover nobody new.

    >>> communes = pd.DataFrame({"code_insee": ["A", "B", "C"], "nom": ["Aa", "Bb", "Cc"],
    ...     "departement": "80", "epci_code": "", "epci_nom": "", "population": [100, 50, 30],
    ...     "rural": True, "densite": "", "latitude": [50.0, 50.0, 50.5], "longitude": [2.0, 2.05, 2.0]})
    >>> recommend_sites(Ecosystem(), communes, k=2, threshold=Threshold(max_km=5))[["rang", "nom", "gain_population"]]
       rang nom  gain_population
    0     1  Aa              150
    1     2  Cc               30
    """
    problem = covering_problem(
        ecosystem,
        communes,
        candidates=candidates,
        criteria=criteria,
        threshold=threshold,
    )
    return sites_table(problem, greedy_interchange(problem, k))


@dataclass(frozen=True)
class ExactSolution:
    """An optimal MCLP solution and how far the heuristic is from it.

    ``gap`` = (optimum − heuristic) / optimum, 0 when the heuristic is optimal.
    ``status`` is the solver's (``"Optimal"`` unless a time limit stopped it;
    then ``optimum`` is only the best solution found).
    """

    sites: pd.DataFrame
    optimum: float
    heuristic: float
    gap: float
    status: str
    seconds: float


def exact_recommendation(
    ecosystem: Ecosystem,
    communes: pd.DataFrame | None = None,
    *,
    k: int,
    candidates: str | Iterable[str] = "communes",
    criteria: ActorCriteria | None = None,
    threshold: Threshold | None = None,
    time_limit: float | None = None,
) -> ExactSolution:
    """Optimal ``k`` sites by integer programming (PuLP + HiGHS), compared with :func:`recommend_sites`."""
    problem = covering_problem(
        ecosystem,
        communes,
        candidates=candidates,
        criteria=criteria,
        threshold=threshold,
    )
    return solve_exactly(problem, k, time_limit=time_limit)


def solve_exactly(
    problem: CoveringProblem,
    k: int,
    *,
    time_limit: float | None = None,
    heuristic_sites: Sequence[int] | None = None,
) -> ExactSolution:
    """Solve an MCLP instance exactly and compare it with the heuristic.

    ``heuristic_sites``: the heuristic's choice when already computed (else it is run here).
    """
    _check_k(k)
    try:
        import pulp
    except ImportError:
        raise NecNetworkError(
            "La résolution exacte demande PuLP et HiGHS : pip install 'nec-network[exact]'."
        ) from None
    solver = pulp.HiGHS(msg=False, gapRel=0.0, timeLimit=time_limit)
    if not solver.available():
        raise NecNetworkError(
            "Le solveur HiGHS est introuvable : pip install 'nec-network[exact]'."
        )
    if heuristic_sites is None:
        heuristic_sites = greedy_interchange(problem, k)
    heuristic = problem.covered_population(heuristic_sites)
    matrix = problem.coverage.tocsr()
    weights = problem.weights
    useful_rows = np.flatnonzero((weights > 0) & (np.diff(matrix.indptr) > 0))
    useful_columns = np.flatnonzero(np.asarray(matrix[useful_rows].sum(axis=0)).ravel() > 0)
    start = time.perf_counter()
    model = pulp.LpProblem("mclp", pulp.LpMaximize)
    x = {j: model.add_variable(f"x_{j}", cat=pulp.LpBinary) for j in useful_columns.tolist()}
    y = {i: model.add_variable(f"y_{i}", lowBound=0, upBound=1) for i in useful_rows.tolist()}
    model += pulp.lpSum(float(weights[i]) * served for i, served in y.items())
    for i, served in y.items():
        covering = matrix.indices[matrix.indptr[i] : matrix.indptr[i + 1]]
        model += served <= pulp.lpSum(x[int(j)] for j in covering)
    model += pulp.lpSum(x.values()) <= k
    if x:
        with _quiet_native_output():
            model.solve(solver)
        status = pulp.LpStatus[model.status]
        chosen = [j for j, variable in x.items() if (variable.value() or 0) > 0.5]
    else:
        status, chosen = "Optimal", []
    seconds = time.perf_counter() - start
    optimum = problem.covered_population(chosen)
    gap = (optimum - heuristic) / optimum if optimum > 0 else 0.0
    return ExactSolution(sites_table(problem, chosen), optimum, heuristic, gap, status, seconds)


@contextlib.contextmanager
def _quiet_native_output() -> Iterator[None]:
    """Silence file descriptor 1: HiGHS prints its banner from C++ whatever ``msg`` says."""
    sys.stdout.flush()
    try:
        saved = os.dup(1)
    except OSError:
        yield
        return
    try:
        with open(os.devnull, "w") as sink:
            os.dup2(sink.fileno(), 1)
            yield
    finally:
        os.dup2(saved, 1)
        os.close(saved)
