"""The map's data: which actors are drawn, links, communes and analysis layers as keyed JSON records.

The page creates its markers in JavaScript from this document rather than from thousands
of folium elements, so 20,000 actors load in seconds. Text stays text here: the page puts
it into the DOM with ``textContent`` and never as HTML, and
:func:`~nec_network.views.page.script_json` makes the document safe inside a ``<script>``
element. Records are objects with named keys; the actors themselves travel as a table of
named columns (:mod:`nec_network.views._map_actors`). The whole shape is documented in
:func:`nec_network.views.map.map_document`.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import compress
from typing import Any

import numpy as np
import pandas as pd
from scipy.spatial import cKDTree

from nec_network.analysis.journeys import Journey
from nec_network.analysis.spatial import territory_vectors, travel_minutes, unit_vectors
from nec_network.distance import great_circle_km
from nec_network.model import Actor, Ecosystem
from nec_network.model.opening_hours import describe_opening_hours
from nec_network.model.position import plausible_positions, position_problem
from nec_network.model.vocabularies import PARTNERSHIP_LABELS
from nec_network.views.style import COVERAGE_COLORS, LINK_STYLES
from nec_network.wording import NBSP, journey_answer

#: Five decimals of a degree are about a metre: enough for a map, and stable bytes.
DECIMALS = 5
#: Nearest places given for each commune (shown by the commune search).
NEAREST_PLACES = 3

def _round(value: float) -> float:
    return round(float(value), DECIMALS)


def _finite(*values: Any) -> bool:
    try:
        for value in values:
            if not math.isfinite(float(value)):
                return False
    except (TypeError, ValueError):
        return False
    return True


def point_of(place: Any) -> dict[str, float] | None:
    """Rounded ``{"lat", "lon"}`` of a row with ``latitude``/``longitude``; ``None`` if not finite."""
    if not _finite(place.latitude, place.longitude):
        return None
    return {"lat": _round(place.latitude), "lon": _round(place.longitude)}


def coordinates_of(actors: Sequence[Actor]) -> tuple[np.ndarray, np.ndarray]:
    """Latitudes and longitudes of ``actors`` as arrays, NaN where unknown."""
    count = len(actors)
    return (
        np.fromiter((actor.latitude for actor in actors), dtype=float, count=count),
        np.fromiter((actor.longitude for actor in actors), dtype=float, count=count),
    )


@dataclass(frozen=True)
class MapPositions:
    """Where the map puts an ecosystem's actors, from one reading of their coordinates.

    ``located``: the actors drawn (finite, plausible coordinates), in ecosystem order, with
    their ``latitude`` and ``longitude`` (arrays); ``doubtful``: those with finite coordinates
    clearly wrong ((0, 0), outside France, latitude and longitude swapped), in order.
    """

    located: list[Actor]
    latitude: np.ndarray
    longitude: np.ndarray
    doubtful: list[Actor]

    @classmethod
    def of(cls, ecosystem: Ecosystem) -> MapPositions:
        actors = ecosystem.actors
        latitude, longitude = coordinates_of(actors)
        plausible = plausible_positions(latitude, longitude)
        doubtful = np.isfinite(latitude) & np.isfinite(longitude) & ~plausible
        return cls(list(compress(actors, plausible)), latitude[plausible], longitude[plausible],
                   list(compress(actors, doubtful)))

    @functools.cached_property
    def index(self) -> dict[str, int]:
        """Each drawn actor's id → its place in ``located`` (the index the page's records use)."""
        return {actor.id: k for k, actor in enumerate(self.located)}

    def to_check(self) -> list[dict[str, Any]]:
        """The records of :func:`positions_to_check`."""
        records = []
        for actor in self.doubtful:
            wrong = position_problem(float(actor.latitude), float(actor.longitude))
            if wrong is not None:
                records.append({
                    "id": actor.id,
                    "nom": actor.nom,
                    "latitude": float(actor.latitude),
                    "longitude": float(actor.longitude),
                    "motif": wrong.reason,
                    "proposition": list(wrong.proposed) if wrong.proposed else None,
                })
        return records


def located_actors(ecosystem: Ecosystem) -> list[Actor]:
    """Actors drawn on the map (finite, plausible coordinates), in ecosystem order.

    A clearly wrong position ((0, 0), outside France, latitude and longitude
    swapped) is not drawn: see :func:`positions_to_check`.
    """
    return MapPositions.of(ecosystem).located


def positions_to_check(ecosystem: Ecosystem) -> list[dict[str, Any]]:
    """Actors whose position is clearly wrong, not drawn as places: listed « à vérifier ».

    One record per actor: ``{"id", "nom", "latitude", "longitude", "motif", "proposition"}``
    where ``motif`` is the French reason and ``proposition`` the swapped
    ``[latitude, longitude]`` when exchanging them puts the place in France (else None).
    """
    return MapPositions.of(ecosystem).to_check()


def links_data(ecosystem: Ecosystem, *, positions: MapPositions | None = None) -> dict[str, Any]:
    """Partnership types present (style) and one record per partnership between located actors.

    Link record: ``de`` and ``vers`` (indexes in ``acteurs``), ``type`` (index in ``types``).
    ``positions``: the :class:`MapPositions` of ``ecosystem`` when already computed.
    """
    if not ecosystem.partnerships:
        return {"types": [], "liens": []}
    index = (MapPositions.of(ecosystem) if positions is None else positions).index
    kept = [
        link
        for link in ecosystem.partnerships
        if link.source in index and link.cible in index and link.source != link.cible
    ]
    codes = sorted({link.type for link in kept}, key=lambda code: (code not in LINK_STYLES, code))
    position = {code: k for k, code in enumerate(codes)}
    types = []
    for code in codes:
        style = LINK_STYLES.get(code)
        types.append(
            {
                "code": code,
                "libelle": style.label if style else code,
                "couleur": style.color if style else "#777777",
                "tirets": style.dashes if style else "",
                "oriente": style.directed if style else False,
                "nombre": sum(link.type == code for link in kept),
            }
        )
    lines = [
        {"de": index[link.source], "vers": index[link.cible], "type": position[link.type]}
        for link in kept
    ]
    return {"types": types, "liens": lines}


def _class_of(covered: bool, distance: float | None, threshold_km: float | None) -> str:
    if covered:
        return "couvert"
    if threshold_km is not None and distance is not None and distance <= 2 * threshold_km:
        return "proche"
    return "loin"


def coverage_classes(
    coverage: pd.DataFrame, *, threshold_km: float | None, label: str
) -> dict[str, Any]:
    """Legend of the coverage layer: its label and the classes with colour and count.

    Classes: ``couvert``; ``proche`` (uncovered, within twice ``threshold_km``; only when
    the threshold is known); ``loin`` (farther, or no matching actor at all).
    """
    counts = dict.fromkeys(COVERAGE_COLORS, 0)
    for row in coverage.itertuples(index=False):
        if _finite(row.latitude, row.longitude):
            distance = float(row.distance_km) if _finite(row.distance_km) else None
            counts[_class_of(bool(row.covered), distance, threshold_km)] += 1
    labels = {**_COVERAGE_LABELS, "loin": "Non couverte" if threshold_km is None else _FAR_LABEL}
    classes = [
        {"code": code, "libelle": labels[code], "couleur": color, "nombre": counts[code]}
        for code, color in COVERAGE_COLORS.items()
        if counts[code] or code != "proche" or threshold_km is not None
    ]
    return {"libelle": label, "classes": classes}


_COVERAGE_LABELS = {
    "couvert": "Commune couverte",
    "proche": "Non couverte, à moins de deux fois le seuil",
}
_FAR_LABEL = "Non couverte, au-delà de deux fois le seuil"


def _nearest_places(
    communes: pd.DataFrame, positions: MapPositions, minutes_per_km: np.ndarray
) -> list[list[dict[str, Any]]]:
    """The :data:`NEAREST_PLACES` actors drawn nearest each commune, with distance and time."""
    if not positions.located or communes.empty:
        return [[] for _ in range(len(communes))]
    lat, lon = positions.latitude, positions.longitude
    tree = cKDTree(unit_vectors(lat, lon))
    k = min(NEAREST_PLACES, len(lat))
    clat = communes["latitude"].to_numpy(float)
    clon = communes["longitude"].to_numpy(float)
    _, found = tree.query(territory_vectors(clat, clon), k=k)
    found = np.asarray(found).reshape(len(communes), k)
    distances = great_circle_km(clat[:, None], clon[:, None], lat[found], lon[found])
    # Nearest first; at equal distance, first in the list of actors.
    order = np.lexsort((found, distances), axis=-1)
    found = np.take_along_axis(found, order, axis=1)
    distances = np.take_along_axis(distances, order, axis=1)
    # Whole minutes, half to even as round() does.
    minutes = np.rint(distances * minutes_per_km[:, None]).astype(int)
    return [
        [{"acteur": a, "km": round(d, 1), "min": m} for a, d, m in zip(*row, strict=True)]
        for row in zip(found.tolist(), distances.tolist(), minutes.tolist(), strict=True)
    ]


def communes_data(
    communes: pd.DataFrame,
    ecosystem: Ecosystem,
    *,
    coverage: pd.DataFrame | None = None,
    threshold_km: float | None = None,
    positions: MapPositions | None = None,
) -> list[dict[str, Any]]:
    """One record per located commune: search, coverage circle, table and nearest places.

    ``communes`` has ``code_insee``, ``nom``, ``departement``, ``population``, ``latitude``,
    ``longitude`` (e.g. :func:`~nec_network.territory.load_communes`, or the coverage table
    itself). Record: ``code``, ``nom``, ``dep``, ``lat``, ``lon``, ``pop``, ``proches``
    (nearest places: ``acteur`` index, ``km`` as the crow flies, ``min`` travel time);
    with ``coverage``, also ``classe`` (see :func:`coverage_classes`), ``km`` and ``min``
    to the nearest matching actor and ``acteur_proche`` (its name). ``positions``: the
    :class:`MapPositions` of ``ecosystem`` when already computed.
    """
    table = communes
    if coverage is not None and coverage is not communes:
        table = table.drop(columns=["covered", "distance_km", "travel_minutes", "nearest_actor_name"], errors="ignore")
        extra = coverage.drop_duplicates("code_insee").set_index("code_insee")
        extra = extra[["covered", "distance_km", "travel_minutes", "nearest_actor_name"]]
        table = table.join(extra, on="code_insee")
    table = table[table["latitude"].notna() & table["longitude"].notna()]
    table = table.drop_duplicates("code_insee").reset_index(drop=True)
    ratio = np.full(len(table), float(travel_minutes(1.0)))
    if coverage is not None:
        distance = pd.to_numeric(table["distance_km"], errors="coerce").to_numpy(float)
        minutes = pd.to_numeric(table["travel_minutes"], errors="coerce").to_numpy(float)
        known = np.isfinite(distance) & np.isfinite(minutes) & (distance > 0)
        # The coverage's own travel model (mode, detour) for the other places too.
        ratio[known] = minutes[known] / distance[known]
    positions = MapPositions.of(ecosystem) if positions is None else positions
    records = [
        {
            "code": str(code),
            "nom": str(nom),
            "dep": str(departement),
            "lat": _round(latitude),
            "lon": _round(longitude),
            "pop": int(population) if _finite(population) else 0,
            "proches": nearest,
        }
        for code, nom, departement, latitude, longitude, population, nearest in zip(
            *(table[column].tolist() for column in ("code_insee", "nom", "departement", "latitude", "longitude", "population")),
            _nearest_places(table, positions, ratio),
            strict=True,
        )
    ]
    if coverage is not None:
        columns = (table[column].tolist() for column in ("covered", "distance_km", "travel_minutes", "nearest_actor_name"))
        for record, covered, distance, minutes, name in zip(records, *columns, strict=True):
            if isinstance(covered, bool | np.bool_):
                record.update(_coverage_fields(covered, distance, minutes, name, threshold_km))
    return records


def _coverage_fields(covered: bool, distance: Any, minutes: Any, name: Any, threshold_km: float | None) -> dict[str, Any]:
    """A commune record's coverage: ``classe``, and when known ``km``, ``min``, ``acteur_proche``."""
    distance = float(distance) if _finite(distance) else None
    minutes = float(minutes) if _finite(minutes) else None
    fields: dict[str, Any] = {"classe": _class_of(bool(covered), distance, threshold_km)}
    # Not _compact: a place in the commune itself is 0 km and 0 min away, a value.
    if distance is not None:
        fields["km"] = round(distance, 1)
    if minutes is not None:
        # One decimal: "20 min" must never be shown for 20.4 over a 20 min threshold.
        fields["min"] = round(minutes, 1)
    if isinstance(name, str) and name:
        fields["acteur_proche"] = name
    return fields


def recommendations_data(sites: pd.DataFrame) -> list[dict[str, Any]]:
    """One star per recommended site.

    Record: ``rang``, ``lat``, ``lon``, ``lieu``, ``acteur`` (who could host it, may be
    empty), ``gain`` (people newly covered), ``communes`` (communes newly covered),
    ``cumul`` (people covered with the previous sites).
    """
    records = []
    for site in sites.itertuples(index=False):
        point = point_of(site)
        if point is None:
            continue
        records.append(
            {
                "rang": int(site.rank),
                **point,
                "lieu": str(site.nom),
                "acteur": str(getattr(site, "actor_name", "") or ""),
                "gain": int(site.population_gain),
                "communes": int(site.communes_gained),
                "cumul": int(site.cumulative_covered_population),
            }
        )
    return records


def journeys_data(journeys: Sequence[Journey], ecosystem: Ecosystem) -> list[dict[str, Any]]:
    """Each persona's home, the options offered and the referral path between actors.

    Record: ``nom``, ``domicile`` (``lat``, ``lon``; null if unknown), ``phrase``, ``options`` (``lat``,
    ``lon``, ``nom``, ``km``, ``min``, ``telephone``, ``horaires`` in French,
    ``itinerant``), ``orientation`` (the referral path: ``lat``, ``lon``, ``nom``).
    """
    records = []
    for journey in journeys:
        persona = journey.persona
        options = []
        for option in journey.options.itertuples(index=False):
            point = point_of(option)
            if point is None:
                continue
            options.append(
                {
                    **point,
                    "nom": str(option.nom),
                    "km": round(float(option.distance_km), 1) if _finite(option.distance_km) else None,
                    "min": round(float(option.travel_minutes)) if _finite(option.travel_minutes) else None,
                    "telephone": str(option.telephone or ""),
                    "horaires": describe_opening_hours(str(option.horaires or ""), separator=NBSP),
                    "itinerant": bool(option.serves_commune),
                }
            )
        path = [
            {"lat": _round(ecosystem[i].latitude), "lon": _round(ecosystem[i].longitude), "nom": ecosystem[i].nom}
            for i in journey.referral_path
            if i in ecosystem and ecosystem[i].has_coordinates
        ]
        records.append(
            {
                "nom": str(persona.nom),
                "domicile": point_of(journey),
                "phrase": journey_answer(journey, type_labels=PARTNERSHIP_LABELS),
                "options": options,
                "orientation": path,
            }
        )
    return records
