"""Territorial coverage: how far each commune is from the nearest actor offering what is needed.

Definitions used throughout the analyses:

- **matching actor**: an actor offering the requested ``service`` (v1 label),
  ``dispositif``, ``typologie`` (data·inclusion code or label) and ``public``
  (all given criteria at once; none given = every actor). An actor listing no
  specific public welcomes everyone, so it matches any ``public``; a
  *prise en charge* value (e.g. ``"Illettrisme"``) must be listed explicitly;
- **where an actor is**: its coordinates; without coordinates but with an INSEE
  code of the analysed territory, its commune's reference point; otherwise it
  is left out. An **itinerant** actor (``itinerant=True``) also covers every
  commune of its ``zone_intervention`` (INSEE commune codes, or EPCI SIREN codes
  standing for all their member communes) at distance 0, and is then the
  commune's ``acteur_proche``; a fixed actor's zone is where it works, not
  where people stand, so it is not counted;
- ``distance_km``: great-circle distance from the commune's reference point to
  the nearest matching actor (0 inside an itinerant zone, empty when no
  matching actor exists); ``temps_minutes``: the road approximation of
  :mod:`nec_network.analysis.spatial` (distance × detour at the mode's speed);
- **covered**: ``distance_km ≤ max_km`` (a great-circle threshold) or
  ``temps_minutes ≤ max_minutes``. The default is **20 minutes by car**
  (:data:`DEFAULT_MAX_MINUTES`), the lower end of the France Services promise of
  20 to 30 minutes, i.e. 12.8 km as the crow flies with the default detour 1.3
  and 50 km/h: a commune called covered is covered under any reading of it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from nec_network.text import normalize_name
from nec_network.analysis.spatial import (
    DETOUR_FACTOR,
    SpatialIndex,
    check_mode,
    km_for_minutes,
    travel_minutes,
)
from nec_network.errors import NecNetworkError
from nec_network.model import Actor, Ecosystem
from nec_network.model.vocabularies import (
    DISPOSITIFS,
    PRISE_EN_CHARGE,
    PUBLICS,
    SERVICES,
    TYPOLOGY_LABELS,
    Vocabulary,
)

#: Default threshold: minutes by car on the road approximation.
DEFAULT_MAX_MINUTES = 20.0

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


@dataclass(frozen=True)
class ActorCriteria:
    """What an actor must offer to count: canonical values, ``None`` = no constraint.

    >>> ActorCriteria.resolve(service="aide aux demarches administratives").service
    'Aide aux démarches administratives'
    >>> ActorCriteria.resolve(typologie="bibliotheque / mediatheque").typologie
    'BIB'
    """

    service: str | None = None
    dispositif: str | None = None
    typologie: str | None = None
    public: str | None = None

    @classmethod
    def resolve(
        cls,
        *,
        service: str | None = None,
        dispositif: str | None = None,
        typologie: str | None = None,
        public: str | None = None,
    ) -> ActorCriteria:
        """Canonical criteria from user spellings; French error with a suggestion when unknown."""
        return cls(
            service=_canonical(SERVICES, service, "Service"),
            dispositif=_canonical(DISPOSITIFS, dispositif, "Dispositif"),
            typologie=_canonical_typology(typologie),
            public=_canonical_public(public),
        )

    def matches(self, actor: Actor) -> bool:
        """Whether the actor offers everything asked."""
        if self.service is not None and self.service not in actor.services:
            return False
        if self.dispositif is not None and self.dispositif not in actor.dispositifs:
            return False
        if self.typologie is not None and self.typologie not in actor.typologies:
            return False
        if self.public is not None:
            if self.public in PRISE_EN_CHARGE:
                return self.public in actor.prise_en_charge
            return not actor.publics or self.public in actor.publics
        return True

    def describe(self) -> str:
        """French phrase naming the criteria, e.g. ``service « Aide aux démarches administratives »``."""
        parts = [
            f"{label} « {value} »"
            for label, value in (
                ("service", self.service),
                ("dispositif", self.dispositif),
                (
                    "typologie",
                    self.typologie and TYPOLOGY_LABELS.get(self.typologie, self.typologie),
                ),
                ("public", self.public),
            )
            if value
        ]
        return ", ".join(parts) if parts else "tout acteur"


def _unknown(
    kind: str, value: str, suggestion: str | None, valid: Iterable[str]
) -> NecNetworkError:
    message = f"{kind} inconnu : « {value} »."
    if suggestion:
        message += f" Vouliez-vous dire « {suggestion} » ?"
    else:
        message += " Valeurs possibles : " + ", ".join(valid) + "."
    return NecNetworkError(message)


def _canonical(vocabulary: Vocabulary, value: str | None, kind: str) -> str | None:
    if value is None:
        return None
    found = vocabulary.match(value)
    if found is None:
        raise _unknown(kind, value, vocabulary.suggest(value), vocabulary.values)
    return found


def _canonical_typology(value: str | None) -> str | None:
    if value is None:
        return None
    key = normalize_name(value)
    for code, label in TYPOLOGY_LABELS.items():
        if key in (normalize_name(code), normalize_name(label)):
            return code
    labels = Vocabulary("typologie", "Typologie", tuple(TYPOLOGY_LABELS.values()))
    suggestion = labels.suggest(value)
    raise _unknown("Typologie", value, suggestion, TYPOLOGY_LABELS)


def _canonical_public(value: str | None) -> str | None:
    if value is None:
        return None
    found = PUBLICS.match(value) or PRISE_EN_CHARGE.match(value)
    if found is None:
        both = Vocabulary("public", "Public", (*PUBLICS.values, *PRISE_EN_CHARGE.values))
        raise _unknown("Public", value, both.suggest(value), both.values)
    return found


def resolve_threshold_km(
    *,
    max_km: float | None = None,
    max_minutes: float | None = None,
    mode: str = "voiture",
    detour: float = DETOUR_FACTOR,
) -> float:
    """Great-circle radius of the threshold (``max_km``, else ``max_minutes``, else 20 min by car).

    >>> resolve_threshold_km(max_km=10)
    10.0
    >>> round(resolve_threshold_km(max_minutes=30, mode="velo"), 2)
    5.77
    """
    check_mode(mode)
    if max_km is not None and max_minutes is not None:
        raise NecNetworkError("Donnez un seuil en kilomètres ou en minutes, pas les deux.")
    if max_km is not None:
        if not max_km >= 0:
            raise NecNetworkError(f"Le seuil en kilomètres doit être positif (reçu : {max_km}).")
        return float(max_km)
    minutes = DEFAULT_MAX_MINUTES if max_minutes is None else max_minutes
    if not minutes >= 0:
        raise NecNetworkError(f"Le seuil en minutes doit être positif (reçu : {minutes}).")
    return km_for_minutes(minutes, mode=mode, detour=detour)


def describe_threshold(
    *, max_km: float | None = None, max_minutes: float | None = None, mode: str = "voiture"
) -> str:
    """French phrase for the threshold, e.g. ``à 20 minutes ou moins en voiture``.

    >>> describe_threshold(max_km=10)
    'à 10 km ou moins à vol d’oiseau'
    """
    if max_km is not None:
        return f"à {max_km:g} km ou moins à vol d’oiseau"
    minutes = DEFAULT_MAX_MINUTES if max_minutes is None else max_minutes
    names = {
        "voiture": "en voiture",
        "transport": "en transports",
        "velo": "à vélo",
        "pied": "à pied",
    }
    return f"à {minutes:g} minutes ou moins {names.get(mode, mode)}"


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
    table = communes.reset_index(drop=True).copy()
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
    def locate(cls, actors: Sequence[Actor], communes: pd.DataFrame) -> ActorPoints:
        """Actors that can be placed: own coordinates, else their commune's reference point."""
        centres: dict[str, tuple[float, float]] | None = None
        positions, lat, lon, roaming = [], [], [], []
        for position, actor in enumerate(actors):
            if actor.itinerant and actor.zone_intervention:
                roaming.append(position)
            if actor.latitude is not None and actor.longitude is not None:
                point = (actor.latitude, actor.longitude)
            else:
                if centres is None:
                    centres = dict(
                        zip(
                            communes["code_insee"], zip(communes["latitude"], communes["longitude"])
                        )
                    )
                point = centres.get(actor.code_insee)
                if point is None:
                    continue
            positions.append(position)
            lat.append(point[0])
            lon.append(point[1])
        return cls(
            tuple(actors),
            np.asarray(positions, dtype=np.intp),
            np.asarray(lat, dtype=float),
            np.asarray(lon, dtype=float),
            np.asarray(roaming, dtype=np.intp),
        )

    @property
    def actors(self) -> tuple[Actor, ...]:
        """The located actors, in the order of the arrays."""
        return tuple(self.source[position] for position in self.positions)

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
        km, found = index.nearest(lat[located], lon[located])
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
    service: str | None = None,
    dispositif: str | None = None,
    typologie: str | None = None,
    public: str | None = None,
    max_km: float | None = None,
    max_minutes: float | None = None,
    mode: str = "voiture",
    detour: float = DETOUR_FACTOR,
) -> pd.DataFrame:
    """One row per commune: distance to the nearest matching actor and whether it is covered.

    ``communes`` defaults to Picardie (:func:`nec_network.territory.load_communes`).
    Columns: ``code_insee, nom, departement, epci_code, epci_nom, population,
    rural, densite, latitude, longitude, distance_km, temps_minutes,
    acteur_proche, acteur_proche_nom, couvert`` (see the module docstring for
    the definitions). Cost: one k-d tree query, O(n log m) for n communes and m actors.

    >>> communes = pd.DataFrame({"code_insee": ["A", "B"], "nom": ["Aa", "Bb"],
    ...     "departement": "80", "epci_code": "", "epci_nom": "", "population": [100, 50],
    ...     "rural": True, "densite": "", "latitude": [50.0, 50.0], "longitude": [2.0, 2.2]})
    >>> eco = Ecosystem([Actor("x", "X", latitude=50.0, longitude=2.0)])
    >>> coverage_by_commune(eco, communes, max_km=10)[["code_insee", "distance_km", "couvert"]].round(2)
      code_insee  distance_km  couvert
    0          A         0.00     True
    1          B        14.29    False
    """
    criteria = ActorCriteria.resolve(
        service=service, dispositif=dispositif, typologie=typologie, public=public
    )
    radius = resolve_threshold_km(max_km=max_km, max_minutes=max_minutes, mode=mode, detour=detour)
    table = territory_communes(communes)
    actors = [actor for actor in ecosystem if criteria.matches(actor)]
    distance, position = nearest_actor(table, actors)
    ids = np.array([actor.id for actor in actors] + [""], dtype=object)
    names = np.array([actor.nom for actor in actors] + [""], dtype=object)
    result = table[list(COMMUNE_COLUMNS)].copy()
    result["distance_km"] = distance
    result["temps_minutes"] = travel_minutes(distance, mode=mode, detour=detour)
    result["acteur_proche"] = ids[position]
    result["acteur_proche_nom"] = names[position]
    # One criterion for every analysis: within the great-circle radius of the threshold.
    result["couvert"] = distance <= radius
    return result


def coverage_summary(coverage: pd.DataFrame, by: str | None = "departement") -> pd.DataFrame:
    """Communes and population covered, in counts and shares (0–1), by group or overall.

    ``by``: ``"departement"``, ``"epci"``, ``"densite"``, ``"rural"`` or ``None`` (one row).

    >>> table = pd.DataFrame({"departement": ["02", "02", "80"], "population": [10, 30, 60],
    ...                       "couvert": [True, False, True]})
    >>> coverage_summary(table, by=None)[["communes_couvertes", "part_population_couverte"]]
       communes_couvertes  part_population_couverte
    0                   2                       0.7
    """
    if by is not None and by not in SUMMARY_GROUPS:
        raise NecNetworkError(
            f"Regroupement inconnu : « {by} ». Possibles : " + ", ".join(SUMMARY_GROUPS) + "."
        )
    frame = pd.DataFrame(
        {
            "communes": 1,
            "communes_couvertes": coverage["couvert"].astype(int),
            "population": coverage["population"],
            "population_couverte": coverage["population"].where(coverage["couvert"], 0),
        }
    )
    if by is None:
        summary = frame.sum().to_frame().T
    else:
        keys = SUMMARY_GROUPS[by]
        frame[keys] = coverage[keys]
        summary = frame.groupby(keys, dropna=False, sort=True).sum().reset_index()
    for column in ("communes", "communes_couvertes", "population", "population_couverte"):
        summary[column] = summary[column].astype("int64")
    summary["part_communes_couvertes"] = summary["communes_couvertes"] / summary["communes"]
    summary["part_population_couverte"] = (
        summary["population_couverte"] / summary["population"].where(summary["population"] > 0)
    ).fillna(0.0)
    order = (SUMMARY_GROUPS[by] if by else []) + [
        "communes",
        "communes_couvertes",
        "part_communes_couvertes",
        "population",
        "population_couverte",
        "part_population_couverte",
    ]
    return summary[order]


def coverage_all_services(
    ecosystem: Ecosystem,
    communes: pd.DataFrame | None = None,
    *,
    public: str | None = None,
    max_km: float | None = None,
    max_minutes: float | None = None,
    mode: str = "voiture",
    detour: float = DETOUR_FACTOR,
) -> pd.DataFrame:
    """One row per commune, one boolean column per v1 service: is it covered for that service?

    Also ``services_couverts``, the number of services covered. Same
    definitions and threshold as :func:`coverage_by_commune`.
    """
    criteria = ActorCriteria.resolve(public=public)
    radius = resolve_threshold_km(max_km=max_km, max_minutes=max_minutes, mode=mode, detour=detour)
    table = territory_communes(communes)
    actors = [actor for actor in ecosystem if criteria.matches(actor)]
    points = ActorPoints.locate(actors, table)
    column = {service: number for number, service in enumerate(SERVICES)}
    offers = np.zeros((len(SERVICES), len(actors)), dtype=bool)
    for position, actor in enumerate(actors):
        for service in actor.services:
            if service in column:
                offers[column[service], position] = True
    result = table[list(COMMUNE_COLUMNS)].copy()
    for service, keep in zip(SERVICES, offers):
        distance, _ = nearest_actor(table, actors, points=points.subset(keep))
        result[service] = distance <= radius
    result["services_couverts"] = result[list(SERVICES)].sum(axis=1).astype("int64")
    return result
