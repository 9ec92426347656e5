"""Where to add sites: the maximal covering location problem (MCLP) built from an ecosystem.

Choose at most ``k`` sites among candidates so as to cover the most
**uncovered** population: the demand is every commune that no matching actor
covers today (same criteria and threshold as
:func:`~nec_network.analysis.coverage.coverage_by_commune`), weighted by its
population; a candidate covers a commune within the threshold's great-circle
radius of it. The coverage matrix is built with a k-d tree, so no pair is
visited in Python; :mod:`nec_network.analysis.covering` chooses the sites
(exact HiGHS solve by default on instances of a region, greedy + vertex
interchange otherwise; ties go to the most populated candidate commune). The optimum with
the heuristic's gap: ``solve_exactly(covering_problem(...), k)``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import sparse

from nec_network.analysis.coverage import ActorPoints, coverage_by_commune, territory_communes
from nec_network.analysis.covering import Choice, CoveringProblem, best_sites, sites_table
from nec_network.analysis.criteria import ActorCriteria, Threshold
from nec_network.analysis.spatial import SpatialIndex
from nec_network.errors import NecNetworkError, UnknownCommuneError
from nec_network.model import Ecosystem
from nec_network.territory.fragility import Fragility


def covering_problem(
    ecosystem: Ecosystem,
    communes: pd.DataFrame | None = None,
    *,
    candidates: str | Iterable[str] = "communes",
    criteria: ActorCriteria | None = None,
    threshold: Threshold | None = None,
    weighting: str = "population",
    fragility: Fragility | None = None,
) -> CoveringProblem:
    """Build the MCLP instance (see :func:`recommend_sites` for the arguments).

    ``weighting="fragilite"`` weighs each uncovered commune by its fragile population,
    population × ``fragility``'s index / 100 (the embedded approximation of 2016–2019 when
    None); a commune without an index (outside 02, 60, 80 or the user's file, or absent from
    the figures) counts at the median index of the others.
    """
    criteria = criteria or ActorCriteria()
    threshold = threshold or Threshold()
    table = territory_communes(communes)
    coverage = coverage_by_commune(ecosystem, table, criteria=criteria, threshold=threshold)
    located = np.isfinite(coverage["latitude"].to_numpy(dtype=float)) & np.isfinite(
        coverage["longitude"].to_numpy(dtype=float)
    )
    demand = coverage[~coverage["covered"].to_numpy() & located].reset_index(drop=True)
    if weighting not in WEIGHTINGS:
        raise NecNetworkError(f"Pondération inconnue : « {weighting} ». Possibles : {', '.join(WEIGHTINGS)}.")
    if weighting == "fragilite":
        demand = demand.assign(weight=fragile_population(demand, fragility))
    sites = candidate_sites(ecosystem, table, candidates, criteria)
    index = SpatialIndex(
        sites["latitude"].to_numpy(dtype=float), sites["longitude"].to_numpy(dtype=float)
    )
    matrix = index.within(
        demand["latitude"].to_numpy(dtype=float), demand["longitude"].to_numpy(dtype=float), threshold.km
    )
    return CoveringProblem(demand, sites, sparse.csc_matrix(matrix, dtype=float))


#: How uncovered communes are weighed: by inhabitants, or by fragile inhabitants.
WEIGHTINGS = ("population", "fragilite")


def fragile_population(communes: pd.DataFrame, fragility: Fragility | None = None) -> np.ndarray:
    """Population × fragility index / 100 of each commune (median index when it has none)."""
    from nec_network.territory.fragility import embedded_fragility

    fragility = fragility or embedded_fragility()
    index = fragility.for_codes(communes["code_insee"]).set_index("code_insee")["indice_fragilite"]
    values = communes["code_insee"].map(index).astype(float)
    known = index.dropna()
    values = values.fillna(float(known.median()) if len(known) else 50.0)
    return communes["population"].to_numpy(dtype=float) * values.to_numpy() / 100


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
        sites = by_code.reset_index().assign(actor="", actor_name="")
    elif isinstance(candidates, str) and candidates == "acteurs":
        hosts = [actor for actor in ecosystem if criteria.in_territory(actor) and not criteria.offers(actor)]
        sites = _actor_sites(ActorPoints.locate(hosts, table), by_code)
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
        sites = pd.DataFrame(rows, columns=SITE_FIELDS)
    sites = sites[list(SITE_FIELDS)]
    # The candidate commune's population breaks ties between sites adding the same people.
    population = dict(zip(table["code_insee"], table["population"]))
    sites["population"] = [population.get(code, 0) for code in sites["code_insee"]]
    return sites


#: Columns of :func:`candidate_sites`'s table, before the candidate commune's population.
SITE_FIELDS = ("code_insee", "nom", "departement", "actor", "actor_name", "latitude", "longitude")


def _actor_sites(points: ActorPoints, by_code: pd.DataFrame) -> pd.DataFrame:
    """One candidate per located actor, at its point, named by its commune (the table's name
    when the commune is known, else the actor's own)."""
    actors = points.actors
    codes = pd.Series([actor.code_insee for actor in actors], dtype=by_code.index.dtype)
    known_names = codes.map(by_code["nom"])
    own_names = pd.Series([actor.commune for actor in actors], dtype=known_names.dtype)
    return pd.DataFrame(
        {
            "code_insee": codes,
            "nom": known_names.where(codes.isin(by_code.index), own_names),
            "departement": [actor.departement for actor in actors],
            "actor": [actor.id for actor in actors],
            "actor_name": [actor.nom for actor in actors],
            "latitude": points.latitude,
            "longitude": points.longitude,
        }
    )


def _commune_site(code: str, row: pd.Series) -> dict[str, object]:
    return {
        "code_insee": code,
        "nom": row["nom"],
        "departement": row["departement"],
        "actor": "",
        "actor_name": "",
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
        "actor": actor.id,
        "actor_name": actor.nom,
        "latitude": float(latitude),
        "longitude": float(longitude),
    }


def recommend_sites(
    ecosystem: Ecosystem,
    communes: pd.DataFrame | None = None,
    *,
    k: int,
    candidates: str | Iterable[str] = "communes",
    criteria: ActorCriteria | None = None,
    threshold: Threshold | None = None,
    method: str = "auto",
    weighting: str = "population",
    fragility: Fragility | None = None,
) -> pd.DataFrame:
    """Up to ``k`` new sites covering the most uncovered population.

    ``method``: ``"auto"`` (exact HiGHS solve when the instance is of a region's
    size, else greedy + vertex interchange), ``"exact"`` or ``"heuristic"``
    (:func:`~nec_network.analysis.covering.best_sites`). Between sites adding the
    same inhabitants, the most populated candidate commune is preferred.

    ``candidates``: ``"communes"`` (every commune of the territory, at its
    reference point; the default), ``"acteurs"`` (actors that do not offer what
    is asked yet and could host it, e.g. médiathèques for a permanence), or a
    list of actor ids and INSEE codes. One row per site, ordered by marginal
    gain: ``rank, code_insee, nom, departement, actor`` (id of the actor that
    could host it, empty for a commune), ``actor_name, latitude, longitude,
    population_gain`` (newly covered inhabitants), ``communes_gained``,
    ``cumulative_covered_population`` (newly covered inhabitants so far) and
    ``cumulative_uncovered_share`` (share of today's uncovered population).
    ``weighting="fragilite"`` covers the most *fragile* inhabitants instead (see
    :func:`covering_problem`; ``fragility`` gives the index, the embedded approximation by
    default); the table then adds ``weighted_gain``.
    Fewer than ``k`` rows when more sites would cover nobody new. Files and
    pages show them under the French headers of
    :data:`nec_network.wording.FRENCH_HEADERS`.

    >>> communes = pd.DataFrame({"code_insee": ["A", "B", "C"], "nom": ["Aa", "Bb", "Cc"],
    ...     "departement": "80", "epci_code": "", "epci_nom": "", "population": [100, 50, 30],
    ...     "rural": True, "densite": "", "latitude": [50.0, 50.0, 50.5], "longitude": [2.0, 2.05, 2.0]})
    >>> recommend_sites(Ecosystem(), communes, k=2, threshold=Threshold(max_km=5))[["rank", "nom", "population_gain"]]
       rank nom  population_gain
    0     1  Aa              150
    1     2  Cc               30
    """
    problem = covering_problem(
        ecosystem,
        communes,
        candidates=candidates,
        criteria=criteria,
        threshold=threshold,
        weighting=weighting,
        fragility=fragility,
    )
    return sites_table(problem, best_sites(problem, k, method=method).chosen)


@dataclass(frozen=True)
class WeightingComparison:
    """The sites chosen for fragile inhabitants beside those chosen for inhabitants."""

    #: :func:`~nec_network.analysis.covering.sites_table` of the unweighted answer.
    plain: pd.DataFrame
    #: The same for the answer weighted by fragile population (with ``weighted_gain``).
    weighted: pd.DataFrame
    #: Newly covered inhabitants: ``(unweighted answer, weighted answer)``.
    people: tuple[int, int]
    #: Newly covered fragile inhabitants (population × index / 100): the same two.
    fragile: tuple[int, int]
    #: Names of the sites only the weighted answer chooses, then of those only the unweighted one does.
    added: tuple[str, ...]
    dropped: tuple[str, ...]
    #: Whether the solver proved each answer optimal: ``(unweighted, weighted)``. False when it
    #: stopped at its time limit or the heuristic answered (see :class:`~nec_network.analysis.covering.Choice`).
    proven: tuple[bool, bool] = (False, False)


def compare_weightings(
    problem: CoveringProblem, k: int, *, method: str = "auto", chosen: Choice | None = None
) -> WeightingComparison:
    """Solve ``problem`` (weighted by fragile population, see :func:`covering_problem`) with and
    without its weights; ``chosen`` is the weighted answer when already solved."""
    plain_problem = dataclasses.replace(problem, demand=problem.demand.drop(columns="weight"))
    weighted_choice = chosen if chosen is not None else best_sites(problem, k, method=method)
    plain_choice = best_sites(plain_problem, k, method=method)
    weighted_sites, plain_sites = list(weighted_choice.chosen), list(plain_choice.chosen)
    plain, weighted = sites_table(plain_problem, plain_sites), sites_table(problem, weighted_sites)

    def labels(table: pd.DataFrame) -> dict[tuple[str, str], str]:
        return {(str(row.code_insee), str(row.actor)): str(row.actor_name or row.nom)
                for row in table.itertuples(index=False)}

    plain_labels, weighted_labels = labels(plain), labels(weighted)
    return WeightingComparison(
        plain,
        weighted,
        people=(round(plain_problem.covered_population(plain_sites)),
                round(plain_problem.covered_population(weighted_sites))),
        fragile=(round(problem.covered_population(plain_sites)), round(problem.covered_population(weighted_sites))),
        added=tuple(name for key, name in weighted_labels.items() if key not in plain_labels),
        dropped=tuple(name for key, name in plain_labels.items() if key not in weighted_labels),
        proven=(plain_choice.optimal, weighted_choice.optimal),
    )
