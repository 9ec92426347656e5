"""The maximal covering location problem (MCLP) on a coverage matrix, and how it is solved.

An instance (:class:`CoveringProblem`) is a sparse 0/1 matrix, demand rows (uncovered
communes, weighted by population) × candidate columns (sites), with each
candidate's own population. :mod:`nec_network.analysis.location` builds it from an
ecosystem; this module only chooses columns.

- :func:`solve_exactly`: the integer programme of Church & ReVelle (1974) solved
  by HiGHS through :func:`scipy.optimize.milp` (SciPy ships HiGHS: no extra
  dependency), over the distinct columns only (of candidates covering the same
  people, the most populated: what the tie-break would choose). On the real France
  Services list (Picardie, 10 km, 10 sites) that is 825 columns of 1,507, and the
  tie term no longer doubles the solve.
- :func:`greedy_interchange`: sites added one at a time by largest marginal gain,
  each addition followed by vertex interchange (Teitz & Bart: swap a chosen site
  for an unchosen one while the best swap covers more people). Building ``k + 1``
  from the solution for ``k`` guarantees that ``k + 1`` sites never cover less
  than ``k``. It reaches 99.37 % of the optimum on the France Services case, so
  it is the fallback, not the default.
- :func:`best_sites`: the exact solve when the instance is small enough
  (:data:`EXACT_MAX_NONZEROS`) and finishes within its time limit, else the
  heuristic; the better of the two is kept. An instance already answered in the same
  process (the same matrix, weights and populations: a report then a site of the same data)
  is answered again from memory, since HiGHS may take seconds on a sparse ecosystem (about
  10 s of CPU when almost all of Picardie is uncovered).

Ties: between sites that add the same inhabitants, the most populated candidate
commune wins (Soissons rather than a village of 1,000 next to it): the heuristic
breaks its ties so, and the exact objective carries a tie term worth less than
one inhabitant in total. The same term makes every site cost a little, so that when
fewer than ``k`` sites reach everyone who can be reached, the exact answer is the fewest
sites that do (the location set covering answer), not ``k`` sites of which some add nobody.
"""

from __future__ import annotations

import hashlib
import time
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import sparse

from nec_network.errors import NecNetworkError

#: Columns of the tables returned by :func:`sites_table`.
SITE_COLUMNS: tuple[str, ...] = (
    "rank",
    "code_insee",
    "nom",
    "departement",
    "actor",
    "actor_name",
    "latitude",
    "longitude",
    "population_gain",
    "communes_gained",
    "cumulative_covered_population",
    "cumulative_uncovered_share",
)

#: Largest coverage matrix (non-zero cells among useful rows and columns) solved exactly by default.
EXACT_MAX_NONZEROS = 2_000_000
#: Seconds given to the exact solver by default before the heuristic's answer is kept.
EXACT_TIME_LIMIT = 30.0
#: How :func:`best_sites` may solve: ``auto`` (exact when small, else heuristic), or one of them.
METHODS: tuple[str, ...] = ("auto", "exact", "heuristic")


@dataclass(frozen=True)
class CoveringProblem:
    """An MCLP instance: uncovered communes (demand), candidate sites, and who covers whom.

    ``coverage`` is a sparse 0/1 matrix, demand rows × candidate columns;
    ``candidates`` has a ``population`` column (the candidate commune's, for ties). A
    ``weight`` column of ``demand`` (e.g. its fragile population) replaces its population as
    what the sites cover; gains in inhabitants are still reported.
    """

    demand: pd.DataFrame
    candidates: pd.DataFrame
    coverage: sparse.csc_matrix

    @property
    def weights(self) -> np.ndarray:
        """What covering each demand commune is worth: its ``weight``, else its population."""
        column = "weight" if "weight" in self.demand else "population"
        return np.maximum(self.demand[column].to_numpy(dtype=float), 0)

    @property
    def inhabitants(self) -> np.ndarray:
        """Population of each demand commune."""
        return np.maximum(self.demand["population"].to_numpy(dtype=float), 0)

    @property
    def candidate_population(self) -> np.ndarray:
        """Population of each candidate's commune (0 when unknown): the tie-breaker."""
        if "population" not in self.candidates:
            return np.zeros(len(self.candidates))
        values = pd.to_numeric(self.candidates["population"], errors="coerce").fillna(0)
        return np.maximum(values.to_numpy(dtype=float), 0)

    def covered_population(self, sites: Iterable[int]) -> float:
        """Population covered by the candidate positions ``sites``."""
        chosen = list(sites)
        if not chosen:
            return 0.0
        reached = np.asarray(self.coverage[:, chosen].sum(axis=1)).ravel() > 0
        return float(self.weights @ reached)


def _check_k(k: int) -> None:
    if not isinstance(k, (int, np.integer)) or isinstance(k, bool) or k < 1:
        raise NecNetworkError(f"Le nombre de sites doit être un entier positif (reçu : {k}).")


def _column(matrix: sparse.csc_matrix, position: int) -> np.ndarray:
    return matrix[:, [position]].toarray().ravel()


def _best(gains: np.ndarray, population: np.ndarray, tolerance: float) -> int:
    """Position of the largest gain; among equal gains, of the most populated candidate."""
    top = gains.max()
    tied = np.flatnonzero(gains >= top - tolerance)
    return int(tied[np.argmax(population[tied])])


def greedy_interchange(problem: CoveringProblem, k: int) -> list[int]:
    """Candidate positions chosen by greedy addition, each followed by vertex interchange."""
    _check_k(k)
    matrix, weights = problem.coverage, problem.weights
    population = problem.candidate_population
    tolerance = 1e-9 * max(float(weights.sum()), 1.0)
    transposed = matrix.T.tocsr()
    count = np.zeros(matrix.shape[0])
    chosen: list[int] = []
    for _ in range(min(k, matrix.shape[1])):
        gains = transposed @ (weights * (count == 0))
        gains[chosen] = -1
        best = _best(gains, population, tolerance)
        if gains[best] <= 0:
            break
        chosen.append(best)
        count += _column(matrix, best)
        chosen, count = _interchange(problem, transposed, chosen, count)
    return chosen


def _interchange(
    problem: CoveringProblem,
    transposed: sparse.csr_matrix,
    chosen: list[int],
    count: np.ndarray,
) -> tuple[list[int], np.ndarray]:
    """Best-improvement swaps until no swap covers more people (Teitz & Bart)."""
    matrix, weights = problem.coverage, problem.weights
    population = problem.candidate_population
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
            entering = _best(gains, population, tolerance)
            delta = gains[entering] - lost
            if delta > best_delta:
                best_delta, best_out, best_in = delta, slot, entering
        if best_out < 0:
            return chosen, count
        count = count - _column(matrix, chosen[best_out]) + _column(matrix, best_in)
        chosen[best_out] = best_in


def sites_table(problem: CoveringProblem, chosen: Iterable[int]) -> pd.DataFrame:
    """The chosen sites ordered by marginal gain, with the gains and the cumulative coverage.

    A site that would add nobody (possible when another choice already covers all
    it covers) is left out. When the demand is weighted, sites are ordered by weighted gain
    and ``weighted_gain`` is added; the other gains stay in inhabitants.
    """
    remaining = list(chosen)
    matrix, weights = problem.coverage, problem.weights
    population = problem.candidate_population
    tolerance = 1e-9 * max(float(weights.sum()), 1.0)
    total_uncovered = float(problem.inhabitants.sum())
    weighted = "weight" in problem.demand
    reached = np.zeros(matrix.shape[0], dtype=bool)
    covers = matrix[:, remaining].toarray() > 0  # demand × remaining sites, in that order
    rows = []
    cumulative = 0.0
    while remaining:
        gains = weights @ (covers & ~reached[:, None])
        slot = _best(gains, population[remaining], tolerance)
        site = remaining.pop(slot)
        newly = covers[:, slot] & ~reached
        covers = np.delete(covers, slot, axis=1)
        if gains[slot] <= 0:
            continue
        reached |= newly
        people = float(problem.inhabitants @ newly)
        cumulative += people
        rows.append(
            {
                **problem.candidates.iloc[site].to_dict(),
                "rank": len(rows) + 1,
                "population_gain": round(people),
                **({"weighted_gain": round(gains[slot])} if weighted else {}),
                "communes_gained": int(newly.sum()),
                "cumulative_covered_population": round(cumulative),
                "cumulative_uncovered_share": cumulative / total_uncovered
                if total_uncovered
                else 0.0,
            }
        )
    return pd.DataFrame(rows, columns=[*SITE_COLUMNS, *(["weighted_gain"] if weighted else [])])


@dataclass(frozen=True)
class ExactSolution:
    """An optimal MCLP solution and how far the heuristic is from it.

    ``gap`` = (optimum − heuristic) / optimum, 0 when the heuristic is optimal.
    ``status`` is ``"optimal"`` unless the solver stopped at its time limit (``"time_limit"``:
    then ``optimum`` is only the best solution found) or failed (``"failed"``).
    """

    sites: pd.DataFrame
    chosen: tuple[int, ...]
    optimum: float
    heuristic: float
    gap: float
    status: str
    seconds: float


def _useful(problem: CoveringProblem) -> tuple[np.ndarray, np.ndarray, sparse.csr_matrix]:
    """Demand rows with people and a candidate, candidate columns covering one of them, and that block."""
    matrix = problem.coverage.tocsr()
    rows = np.flatnonzero((problem.weights > 0) & (np.diff(matrix.indptr) > 0))
    block = matrix[rows]
    columns = np.flatnonzero(np.asarray(block.sum(axis=0)).ravel() > 0)
    return rows, columns, block[:, columns].tocsr()


def _most_populated_per_column(block: sparse.csr_matrix, population: np.ndarray) -> np.ndarray:
    """Positions of the columns worth solving over: of candidates covering exactly the same
    demand (villages around one town), only the most populated, the first when equal.

    The tie-break would choose it among them, and a second one would add nobody: the
    programme keeps its optimum with fewer, less symmetric columns (825 of 1,507 on the
    France Services case).
    """
    by_column = block.tocsc()
    by_column.sort_indices()
    kept: dict[bytes, int] = {}
    for position in range(by_column.shape[1]):
        key = by_column.indices[by_column.indptr[position] : by_column.indptr[position + 1]].tobytes()
        best = kept.get(key)
        if best is None or population[position] > population[best]:
            kept[key] = position
    return np.sort(np.fromiter(kept.values(), dtype=np.intp, count=len(kept)))


def _solve(problem: CoveringProblem, k: int, time_limit: float | None) -> tuple[list[int], str, float]:
    """The exact choice of candidate positions, the solver's status and the seconds it took.

    Maximise Σ wᵢ yᵢ − Σ cⱼ xⱼ subject to yᵢ ≤ Σ_{j covers i} xⱼ, Σ xⱼ ≤ k, x binary,
    0 ≤ y ≤ 1, over the useful rows and the distinct columns (:func:`_most_populated_per_column`).
    Each site costs cⱼ = (k + 2 − pⱼ) / ((k + 2)(k + 1)), pⱼ its population over the largest
    one plus one (0 ≤ pⱼ < 1): between (k + 1)/((k + 2)(k + 1)) and 1/(k + 1), so that k sites
    cost less than one inhabitant, n − 1 sites always cost less than n (n ≤ k), and among as
    many sites the most populated cost least. With one site the optimum is the column of
    largest objective, found by enumeration.
    """
    from scipy.optimize import Bounds, LinearConstraint, milp

    rows, columns, block = _useful(problem)
    start = time.perf_counter()
    if not columns.size:
        return [], "optimal", time.perf_counter() - start
    distinct = _most_populated_per_column(block, problem.candidate_population[columns])
    columns, block = columns[distinct], block[:, distinct]
    demand, candidates = block.shape
    population = problem.candidate_population[columns]
    share = population / (max(float(population.max()), 1.0) + 1.0)
    site_cost = (k + 2 - share) / ((k + 2) * (k + 1))
    if k == 1:  # the programme's optimum is its best column: HiGHS takes seconds to prove it
        gain = block.T @ problem.weights[rows] - site_cost
        best = int(np.argmax(gain))
        return ([int(columns[best])] if gain[best] > 0 else []), "optimal", time.perf_counter() - start
    cost = np.concatenate([site_cost, -problem.weights[rows]])
    link = sparse.hstack([-block, sparse.identity(demand, format="csr")], format="csr")
    budget = np.concatenate([np.ones(candidates), np.zeros(demand)])[None, :]
    options = {"mip_rel_gap": 0.0, **({"time_limit": float(time_limit)} if time_limit else {})}
    result = milp(
        cost,
        constraints=[LinearConstraint(link, -np.inf, 0.0), LinearConstraint(budget, -np.inf, k)],
        integrality=np.concatenate([np.ones(candidates), np.zeros(demand)]),
        bounds=Bounds(0.0, 1.0),
        options=options,
    )
    status = "optimal" if result.status == 0 else "time_limit" if result.status == 1 else "failed"
    chosen = columns[result.x[:candidates] > 0.5].tolist() if result.x is not None else []
    return chosen, status, time.perf_counter() - start


def solve_exactly(
    problem: CoveringProblem,
    k: int,
    *,
    time_limit: float | None = None,
    heuristic_sites: Sequence[int] | None = None,
) -> ExactSolution:
    """Solve an MCLP instance exactly (HiGHS through :func:`scipy.optimize.milp`) and compare it with the heuristic.

    The integer programme is :func:`_solve`'s. ``heuristic_sites``: the heuristic's choice
    when already computed (else it is run here).
    """
    _check_k(k)
    if heuristic_sites is None:
        heuristic_sites = greedy_interchange(problem, k)
    heuristic = problem.covered_population(heuristic_sites)
    chosen, status, seconds = _solve(problem, k, time_limit)
    optimum = problem.covered_population(chosen)
    gap = (optimum - heuristic) / optimum if optimum > 0 else 0.0
    return ExactSolution(
        sites_table(problem, chosen), tuple(chosen), optimum, heuristic, gap, status, seconds
    )


@dataclass(frozen=True)
class Choice:
    """The sites :func:`best_sites` chose and how: ``method`` is ``exact`` or ``heuristic``;
    ``optimal`` says whether the solver proved that no choice covers more people."""

    chosen: tuple[int, ...]
    covered: float
    method: str
    optimal: bool


#: How many answers of :func:`best_sites` are remembered (the most recently asked).
REMEMBERED_CHOICES = 16
_choices: OrderedDict[bytes, Choice] = OrderedDict()


def forget_choices() -> None:
    """Forget every remembered answer of :func:`best_sites` (benchmarks time the solve itself)."""
    _choices.clear()


def _fingerprint(problem: CoveringProblem, *options: object) -> bytes:
    """A digest of everything the choice depends on: who covers whom, the weights, the candidates'
    populations (the tie-break) and the options."""
    matrix = sparse.csc_matrix(problem.coverage).sorted_indices()  # a copy: the problem stays as given
    arrays = (matrix.indptr, matrix.indices, matrix.data, problem.weights, problem.candidate_population)
    digest = hashlib.blake2b(repr((matrix.shape, [a.dtype.str for a in arrays], options)).encode(), digest_size=32)
    for array in arrays:
        digest.update(np.ascontiguousarray(array).tobytes())
    return digest.digest()


def best_sites(
    problem: CoveringProblem, k: int, *, method: str = "auto", time_limit: float = EXACT_TIME_LIMIT
) -> Choice:
    """The ``k`` sites to recommend: exact when asked or when the instance is small, else heuristic.

    ``auto`` solves exactly when the useful part of the matrix has at most
    :data:`EXACT_MAX_NONZEROS` cells, within ``time_limit`` seconds; if the solver
    stops at the limit, the better of its solution and the heuristic's is kept. The last
    :data:`REMEMBERED_CHOICES` answers are remembered: the same instance asked again gets
    the same answer without solving it again.
    """
    if method not in METHODS:
        raise NecNetworkError(f"Méthode inconnue : « {method} ». Possibles : {', '.join(METHODS)}.")
    _check_k(k)
    key = _fingerprint(problem, int(k), method, float(time_limit))
    if key in _choices:
        _choices.move_to_end(key)
        return _choices[key]
    choice = _choose(problem, k, method, time_limit)
    _choices[key] = choice
    while len(_choices) > REMEMBERED_CHOICES:
        _choices.popitem(last=False)
    return choice


def _choose(problem: CoveringProblem, k: int, method: str, time_limit: float) -> Choice:
    """:func:`best_sites`' answer, computed."""
    if method == "heuristic" or (method == "auto" and _useful(problem)[2].nnz > EXACT_MAX_NONZEROS):
        heuristic = greedy_interchange(problem, k)
        return Choice(tuple(heuristic), problem.covered_population(heuristic), "heuristic", False)
    chosen, status, _ = _solve(problem, k, time_limit)
    optimum = problem.covered_population(chosen)
    if status == "optimal":
        return Choice(tuple(chosen), optimum, "exact", True)
    # Stopped at the time limit (or failed): the heuristic's answer when it covers more.
    heuristic = greedy_interchange(problem, k)
    covered = problem.covered_population(heuristic)
    if optimum < covered:
        return Choice(tuple(heuristic), covered, "heuristic", False)
    return Choice(tuple(chosen), optimum, "exact", False)
