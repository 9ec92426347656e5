"""Accessibility with capacity: the two-step floating catchment area method (2SFCA).

Step 1: each matching actor *j* divides its capacity *S_j* among the
population within reach, ``R_j = S_j / Σ P_k`` over the communes *k* whose
distance to *j* is within the threshold (the same great-circle radius as
:func:`~nec_network.analysis.coverage.coverage_by_commune`; an itinerant actor
also reaches every commune of its zone). Step 2: each commune adds up the
ratios of the actors within its reach, ``A_i = Σ R_j``.

Capacity is the weekly opening hours (parsed from the OSM ``horaires`` string
by :func:`weekly_hours`) or any number stored in ``Actor.extra`` (e.g.
``"conseillers"``). Capacities are divided by their mean over the matching
actors (1 = the average actor), and the index is divided by the territory's
average access per inhabitant (``Σ P_i A_i / Σ P_i``), so that
``accessibility_index = 1`` means "as well served as the average inhabitant of
the territory", 2 twice as well, 0 nobody within reach.

Tables have English column names; files and pages show them under the French
headers of :data:`nec_network.wording.FRENCH_HEADERS`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import sparse

from nec_network.analysis.coverage import (
    COMMUNE_COLUMNS,
    ActorPoints,
    territory_communes,
    zone_membership,
)
from nec_network.analysis.criteria import ActorCriteria, Threshold
from nec_network.analysis.spatial import SpatialIndex
from nec_network.errors import NecNetworkError
from nec_network.model import Actor, Ecosystem
from nec_network.model.opening_hours import parse_opening_hours

def weekly_hours(horaires: str) -> float | None:
    """Weekly opening hours of an OSM ``opening_hours`` string, or None when it cannot be read.

    Read by :func:`nec_network.model.opening_hours.parse_opening_hours` (the
    subset of the national schema; public holidays do not count, days described
    only by a comment count as closed).

    >>> weekly_hours("Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00")
    33.0
    >>> weekly_hours("Mo-Sa 09:00-18:00; We off; PH off")
    45.0
    >>> weekly_hours("24/7"), weekly_hours("le mardi matin"), weekly_hours("")
    (168.0, None, None)
    """
    hours = parse_opening_hours(horaires)
    minutes = hours.weekly_minutes() if hours is not None else None
    return None if minutes is None else minutes / 60


def actor_capacities(
    actors: list[Actor] | tuple[Actor, ...], *, capacity: str = "horaires"
) -> pd.DataFrame:
    """Capacity of each actor: raw value, normalised value (mean 1) and whether it was estimated.

    ``capacity="horaires"`` reads weekly hours from ``Actor.horaires``; any other
    name reads that number from ``Actor.extra``. Columns: ``id, nom,
    raw_capacity, capacity, estimated``. Missing or unreadable values take the
    median of the others (``estimated`` is True); when no actor has one, every
    capacity is 1.

    >>> actors = [Actor("a", "A", horaires="Mo-Fr 09:00-17:00"), Actor("b", "B", horaires="?"),
    ...           Actor("c", "C", horaires="Mo 09:00-11:00")]
    >>> actor_capacities(actors)[["id", "raw_capacity", "capacity"]].round(3).values.tolist()
    [['a', 40.0, 1.905], ['b', 21.0, 1.0], ['c', 2.0, 0.095]]
    """
    raw = np.array([_raw_capacity(actor, capacity) for actor in actors], dtype=float)
    known = np.isfinite(raw)
    estimated = ~known
    median = float(np.median(raw[known])) if known.any() else 1.0
    raw = np.where(known, raw, median)
    mean = raw.mean() if raw.size else 1.0
    normalised = raw / mean if mean > 0 else np.ones_like(raw)
    return pd.DataFrame(
        {
            "id": [actor.id for actor in actors],
            "nom": [actor.nom for actor in actors],
            "raw_capacity": raw,
            "capacity": normalised,
            "estimated": estimated,
        }
    )


def _raw_capacity(actor: Actor, capacity: str) -> float:
    if capacity == "horaires":
        hours = weekly_hours(actor.horaires)
        return np.nan if hours is None else hours
    value = actor.extra.get(capacity)
    try:
        number = float(str(value).replace(",", ".")) if value not in (None, "") else np.nan
    except ValueError:
        return np.nan
    return number if np.isfinite(number) and number >= 0 else np.nan


def two_step_fca(
    ecosystem: Ecosystem,
    communes: pd.DataFrame | None = None,
    *,
    criteria: ActorCriteria | None = None,
    threshold: Threshold | None = None,
    capacity: str = "horaires",
) -> pd.DataFrame:
    """2SFCA accessibility index per commune (see the module docstring).

    Columns: the commune columns, ``actors_within_reach`` (matching actors
    within reach), ``capacity_per_10000`` (normalised capacity per
    10,000 inhabitants within reach: ``10000 × A_i``) and
    ``accessibility_index`` (1 = the territory's average inhabitant). The
    per-actor capacities, and which were estimated, are given by :func:`actor_capacities`.
    Cost: one radius query on a k-d tree and two sparse products.
    """
    if not capacity:
        raise NecNetworkError("Indiquez la capacité : « horaires » ou le nom d'un champ numérique.")
    criteria = criteria or ActorCriteria()
    radius = (threshold or Threshold()).km
    table = territory_communes(communes)
    matching = [actor for actor in ecosystem if criteria.offers(actor)]
    points = ActorPoints.locate(matching, table)
    reach = _catchments(table, matching, points, radius)
    supply = actor_capacities(matching, capacity=capacity)["capacity"].to_numpy(dtype=float)
    population = np.maximum(table["population"].to_numpy(dtype=float), 0)
    demand = reach.T @ population
    ratio = np.divide(supply, demand, out=np.zeros_like(supply), where=demand > 0)
    access = reach @ ratio
    total_population = population.sum()
    average = (population @ access) / total_population if total_population > 0 else 0.0
    result = table[list(COMMUNE_COLUMNS)].copy()
    result["actors_within_reach"] = np.asarray(reach.sum(axis=1)).ravel().astype("int64")
    result["capacity_per_10000"] = access * 10_000
    result["accessibility_index"] = access / average if average > 0 else np.zeros_like(access)
    return result


def _catchments(
    table: pd.DataFrame, actors: list[Actor], points: ActorPoints, radius: float
) -> sparse.csr_matrix:
    """Communes × matching actors: 1 when the actor is within reach of the commune."""
    lat = table["latitude"].to_numpy(dtype=float)
    lon = table["longitude"].to_numpy(dtype=float)
    located = np.flatnonzero(np.isfinite(lat) & np.isfinite(lon))
    near = (
        SpatialIndex(points.latitude, points.longitude)
        .within(lat[located], lon[located], radius)
        .tocoo()
    )
    rows = [located[near.row]]
    cols = [points.positions[near.col]]
    for column, actor in enumerate(actors):
        if actor.itinerant and actor.zone_intervention:
            members = np.flatnonzero(zone_membership(table, actor))
            rows.append(members)
            cols.append(np.full(members.size, column, dtype=np.intp))
    row = np.concatenate(rows)
    col = np.concatenate(cols)
    matrix = sparse.csr_matrix((np.ones(row.size), (row, col)), shape=(len(table), len(actors)))
    matrix.data[:] = 1.0  # a commune both near and in the zone counts once
    return matrix
