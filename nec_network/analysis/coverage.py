"""Territorial coverage: how far each commune is from the nearest actor offering what is needed.

Definitions used throughout the analyses:

- **matching actor**: an actor offering the requested ``service`` (v1 label),
  ``dispositif``, ``typologie`` (data·inclusion code or label) and ``public``
  (all given criteria at once, an :class:`~nec_network.analysis.criteria.ActorCriteria`;
  none given = every actor). An actor listing no specific public welcomes
  everyone, so it matches any ``public``; a *prise en charge* value (e.g.
  ``"Illettrisme"``) must be listed explicitly;
- **actors outside the territory count**: the communes analysed are the
  territory's, but the criteria's ``departements`` do not restrict the actors
  that cover them: a site just across the border legitimately covers the
  border communes (its residents go there). Views and network analyses, on
  the contrary, show only the territory's actors
  (:meth:`~nec_network.analysis.criteria.ActorCriteria.territory`);
- **where an actor is**: its coordinates; without coordinates but with an INSEE
  code of the analysed territory, its commune's reference point; otherwise it
  is left out. An **itinerant** actor (``itinerant=True``) also covers every
  commune of its ``zone_intervention`` (INSEE commune codes, or EPCI SIREN codes
  standing for all their member communes) at distance 0, and is then the
  commune's ``nearest_actor``; a fixed actor's zone is where it works, not
  where people stand, so it is not counted;
- ``distance_km``: great-circle distance from the commune's reference point to
  the nearest matching actor (0 inside an itinerant zone, empty when no
  matching actor exists); ``travel_minutes``: the road approximation of
  :mod:`nec_network.analysis.spatial` (distance × detour at the mode's speed);
- **covered**: ``distance_km ≤ threshold.km``, the great-circle radius of the
  :class:`~nec_network.analysis.criteria.Threshold` (``max_km``, or
  ``max_minutes`` converted by the road approximation). The default is **20 minutes by car**
  (:data:`~nec_network.analysis.criteria.DEFAULT_MAX_MINUTES`), the lower end of the France Services promise of
  20 to 30 minutes, i.e. 12.8 km as the crow flies with the default detour 1.3
  and 50 km/h: a commune called covered is covered under any reading of it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from nec_network.analysis._actor_columns import ActorColumns, actor_columns
from nec_network.analysis.criteria import ActorCriteria, Threshold
from nec_network.analysis.spatial import SpatialIndex, great_circle_km, territory_vectors
from nec_network.errors import NecNetworkError
from nec_network.model import Actor, Ecosystem
from nec_network.model.vocabularies import SERVICES

#: Columns a communes table must have (those of :func:`nec_network.territory.load_communes`).
COMMUNE_COLUMNS: tuple[str, ...] = (
    "code_insee",
    "nom",
    "departement",
    "epci_code",
    "epci_nom",
    "population",
    "rural",
    "densite",
    "latitude",
    "longitude",
)

#: Grouping keys accepted by :func:`coverage_summary`.
SUMMARY_GROUPS: dict[str, list[str]] = {
    "departement": ["departement"],
    "epci": ["epci_code", "epci_nom"],
    "densite": ["densite"],
    "rural": ["rural"],
}


def territory_communes(communes: pd.DataFrame | None = None) -> pd.DataFrame:
    """The communes to analyse: a copy of ``communes`` (default: Picardie), checked and re-indexed."""
    if communes is None:
        from nec_network.territory import load_communes

        communes = load_communes()
    missing = [column for column in COMMUNE_COLUMNS if column not in communes.columns]
    if missing:
        raise NecNetworkError(
            "Table des communes incomplète, colonnes manquantes : " + ", ".join(missing) + "."
        )
    # A new frame: with copy-on-write (pandas ≥ 3) the caller's table is not copied until changed.
    table = communes.reset_index(drop=True)
    table["code_insee"] = table["code_insee"].astype(str)
    table["epci_code"] = table["epci_code"].fillna("").astype(str)
    return table


@dataclass(frozen=True)
class ActorPoints:
    """Where actors are, as arrays. ``positions`` index ``source``, the sequence they were
    located from; ``roaming`` lists the positions of itinerant actors with a zone."""

    source: tuple[Actor, ...]
    positions: np.ndarray
    latitude: np.ndarray
    longitude: np.ndarray
    roaming: np.ndarray

    @classmethod
    def locate(cls, actors: Sequence[Actor] | ActorColumns, communes: pd.DataFrame) -> ActorPoints:
        """Actors that can be placed: own coordinates, else their commune's reference point.

        ``actors`` may be given as :class:`ActorColumns` (:func:`actor_columns` of an
        ecosystem: its coordinates are then read once for all analyses).
        """
        columns = actors if isinstance(actors, ActorColumns) else ActorColumns.of(actors)
        lat, lon = columns.latitude, columns.longitude
        placed = ~(np.isnan(lat) | np.isnan(lon))
        unplaced = np.flatnonzero(~placed)
        if unplaced.size:
            lat, lon = lat.copy(), lon.copy()
            centres = dict(zip(communes["code_insee"], zip(communes["latitude"], communes["longitude"])))
            for position in unplaced:
                point = centres.get(columns.actors[position].code_insee)
                if point is not None:
                    lat[position], lon[position] = point
                    placed[position] = True
        return cls(columns.actors, np.flatnonzero(placed), lat[placed], lon[placed], np.flatnonzero(columns.roaming))

    @property
    def actors(self) -> tuple[Actor, ...]:
        """The located actors, in the order of the arrays."""
        return tuple(self.source[position] for position in self.positions)

    def reach_from(self, latitude: float, longitude: float, home: Iterable[str]) -> tuple[np.ndarray, np.ndarray]:
        """Distance (km) from a home to each located actor, and whether each comes to it: an
        itinerant actor whose zone holds one of the ``home`` codes (the commune's INSEE code, its
        EPCI) is at distance 0 (the bus stops in the village)."""
        actors = self.actors
        distance = great_circle_km(latitude, longitude, self.latitude, self.longitude) if actors else np.array([])
        keys = set(home)
        serves = np.array([actor.itinerant and bool(keys & set(actor.zone_intervention)) for actor in actors],
                          dtype=bool)
        return np.where(serves, 0.0, distance), serves

    def subset(self, keep: np.ndarray) -> ActorPoints:
        """The actors whose position in ``source`` is flagged in ``keep``."""
        mask = keep[self.positions]
        return ActorPoints(
            self.source,
            self.positions[mask],
            self.latitude[mask],
            self.longitude[mask],
            self.roaming[keep[self.roaming]],
        )


def zone_membership(communes: pd.DataFrame, actor: Actor) -> np.ndarray:
    """Boolean mask of the communes in an itinerant actor's zone (INSEE or EPCI codes)."""
    zone = set(actor.zone_intervention)
    if not zone:
        return np.zeros(len(communes), dtype=bool)
    return (communes["code_insee"].isin(zone) | communes["epci_code"].isin(zone)).to_numpy()


def nearest_actor(
    communes: pd.DataFrame, actors: Sequence[Actor], *, points: ActorPoints | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Distance (km) from each commune to its nearest actor, and that actor's position in ``actors``.

    Itinerant actors' zones count at distance 0 (the first such actor, in
    ecosystem order, is named). No actor in reach: ``nan`` and ``-1``.
    ``points`` (:meth:`ActorPoints.locate` on ``actors``, possibly a subset)
    lets several queries share one location pass.
    """
    if points is None:
        points = ActorPoints.locate(actors, communes)
    lat = communes["latitude"].to_numpy(dtype=float)
    lon = communes["longitude"].to_numpy(dtype=float)
    located = np.isfinite(lat) & np.isfinite(lon)
    distance = np.full(len(communes), np.nan)
    position = np.full(len(communes), -1, dtype=np.intp)
    index = SpatialIndex(points.latitude, points.longitude)
    if len(index):
        vectors = territory_vectors(lat, lon)
        km, found = index.nearest_to_vectors(vectors if located.all() else vectors[located])
        distance[located] = km
        position[located] = points.positions[found]
    in_zone = np.zeros(len(communes), dtype=bool)
    for number in points.roaming:
        newly = zone_membership(communes, actors[number]) & ~in_zone
        in_zone |= newly
        distance[newly] = 0.0
        position[newly] = number
    return distance, position


def coverage_by_commune(
    ecosystem: Ecosystem,
    communes: pd.DataFrame | None = None,
    *,
    criteria: ActorCriteria | None = None,
    threshold: Threshold | None = None,
) -> pd.DataFrame:
    """One row per commune: distance to the nearest matching actor and whether it is covered.

    ``communes`` defaults to Picardie (:func:`nec_network.territory.load_communes`).
    Columns: ``code_insee, nom, departement, epci_code, epci_nom, population,
    rural, densite, latitude, longitude`` (the commune table's) and
    ``distance_km, travel_minutes, nearest_actor, nearest_actor_name, covered``
    (see the module docstring for the definitions; files and pages write them
    with the French headers of :data:`nec_network.wording.FRENCH_HEADERS`). Cost: one k-d tree query, O(n log m) for n communes and m actors.

    >>> communes = pd.DataFrame({"code_insee": ["A", "B"], "nom": ["Aa", "Bb"],
    ...     "departement": "80", "epci_code": "", "epci_nom": "", "population": [100, 50],
    ...     "rural": True, "densite": "", "latitude": [50.0, 50.0], "longitude": [2.0, 2.2]})
    >>> eco = Ecosystem([Actor("x", "X", latitude=50.0, longitude=2.0)])
    >>> coverage_by_commune(eco, communes, threshold=Threshold(max_km=10))[["code_insee", "distance_km", "covered"]].round(2)
      code_insee  distance_km  covered
    0          A         0.00     True
    1          B        14.29    False
    """
    criteria = criteria or ActorCriteria()
    threshold = threshold or Threshold()
    table = territory_communes(communes)
    columns = actor_columns(ecosystem)
    points = ActorPoints.locate(columns, table).subset(criteria.offer_mask(columns))
    distance, position = nearest_actor(table, columns.actors, points=points)
    ids, names = columns.labels
    result = table[list(COMMUNE_COLUMNS)]
    result["distance_km"] = distance
    result["travel_minutes"] = threshold.minutes(distance)
    result["nearest_actor"] = ids.take(position)
    result["nearest_actor_name"] = names.take(position)
    # One criterion for every analysis: within the great-circle radius of the threshold.
    result["covered"] = distance <= threshold.km
    return result


def coverage_summary(coverage: pd.DataFrame, by: str | None = "departement") -> pd.DataFrame:
    """Communes and population covered, in counts and shares (0–1), by group or overall.

    ``by``: ``"departement"``, ``"epci"``, ``"densite"``, ``"rural"`` or ``None`` (one row).

    >>> table = pd.DataFrame({"departement": ["02", "02", "80"], "population": [10, 30, 60],
    ...                       "covered": [True, False, True]})
    >>> coverage_summary(table, by=None)[["covered_communes", "covered_population_share"]]
       covered_communes  covered_population_share
    0                 2                       0.7
    """
    if by is not None and by not in SUMMARY_GROUPS:
        raise NecNetworkError(
            f"Regroupement inconnu : « {by} ». Possibles : " + ", ".join(SUMMARY_GROUPS) + "."
        )
    frame = pd.DataFrame(
        {
            "communes": 1,
            "covered_communes": coverage["covered"].astype(int),
            "population": coverage["population"],
            "covered_population": coverage["population"].where(coverage["covered"], 0),
        }
    )
    if by is None:
        summary = frame.sum().to_frame().T
    else:
        keys = SUMMARY_GROUPS[by]
        frame[keys] = coverage[keys]
        summary = frame.groupby(keys, dropna=False, sort=True).sum().reset_index()
    for column in ("communes", "covered_communes", "population", "covered_population"):
        summary[column] = summary[column].astype("int64")
    summary["covered_communes_share"] = summary["covered_communes"] / summary["communes"]
    summary["covered_population_share"] = (
        summary["covered_population"] / summary["population"].where(summary["population"] > 0)
    ).fillna(0.0)
    order = (SUMMARY_GROUPS[by] if by else []) + [
        "communes",
        "covered_communes",
        "covered_communes_share",
        "population",
        "covered_population",
        "covered_population_share",
    ]
    return summary[order]


def coverage_all_services(
    ecosystem: Ecosystem,
    communes: pd.DataFrame | None = None,
    *,
    criteria: ActorCriteria | None = None,
    threshold: Threshold | None = None,
) -> pd.DataFrame:
    """One row per commune, one boolean column per v1 service: is it covered for that service?

    Also ``services_covered``, the number of services covered. Same
    definitions and threshold as :func:`coverage_by_commune`; of ``criteria``
    only the ``public`` applies (the service is each column's).
    """
    offer = ActorCriteria(public=(criteria or ActorCriteria()).public)
    radius = (threshold or Threshold()).km
    table = territory_communes(communes)
    columns = actor_columns(ecosystem)
    points = ActorPoints.locate(columns, table).subset(offer.offer_mask(columns))
    result = table[list(COMMUNE_COLUMNS)]
    for service in SERVICES:
        keep = columns.listing("services", service)
        distance, _ = nearest_actor(table, columns.actors, points=points.subset(keep))
        result[service] = distance <= radius
    result["services_covered"] = result[list(SERVICES)].sum(axis=1).astype("int64")
    return result
