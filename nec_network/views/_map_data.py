"""The map's data: actors, links and analysis layers as one compact JSON document.

The page creates its markers in JavaScript from this document rather than from thousands
of folium elements, so 20,000 actors load in seconds. Text stays text here: the page puts
it into the DOM with ``textContent`` and never as HTML, and
:func:`~nec_network.views.page.script_json` makes the document safe inside a ``<script>`` element.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from typing import Any
from urllib.parse import urlsplit

import pandas as pd

from nec_network.distance import great_circle_km
from nec_network.analysis.journeys import Journey
from nec_network.wording import NBSP
from nec_network.io.placement import COMMUNE_DEDUCED
from nec_network.io.trust import completeness, is_stale
from nec_network.io.validation import TYPOLOGY_DEDUCED
from nec_network.model import Actor, Ecosystem
from nec_network.model.opening_hours import describe_opening_hours
from nec_network.views.style import (
    COVERAGE_COLORS,
    LINK_STYLES,
    primary_typology,
    typology_styles,
)

# Five decimals of a degree are about a metre: enough for a map, and stable bytes.
_DECIMALS = 5

# Fields of an actor's record in the JSON, in order (the page reads them by position).
ACTOR_FIELDS: tuple[str, ...] = (
    "latitude",
    "longitude",
    "typologie",
    "nom",
    "adresse",
    "commune",
    "services",
    "publics",
    "horaires",  # in French (describe_opening_hours)
    "telephone",
    "courriels",
    "sites_web",
    "prise_rdv",
    "itinerant",
    "source",  # who collected the data
    "date_maj",  # last update, dd/mm/yyyy ("" when unknown)
    "a_verifier",  # true when not updated for more than a year (nec_network.io.trust)
    "completude",  # share of the standard's recommended fields filled, in % (0-100)
    "typologie_deduite",  # true when the typology was deduced from the name
    "commune_deduite",  # how the commune was deduced ("" when given by the source)
    "precision",  # "adresse", "commune" (placed at the commune's point), "saisie" or ""
)

_EMAIL = re.compile(r"^[^\s@<>\"']+@[^\s@<>\"']+\.[^\s@<>\"']+$")


def web_url(value: str) -> str:
    """``value`` when it is an http(s) URL with a host, else ``""`` (no javascript: links).

    >>> web_url("https://exemple.fr/rdv"), web_url("javascript:alert(1)"), web_url("www.x.fr")
    ('https://exemple.fr/rdv', '', '')
    """
    value = value.strip()
    try:
        parts = urlsplit(value)
    except ValueError:
        return ""
    return value if parts.scheme.lower() in ("http", "https") and parts.netloc else ""


def email_address(value: str) -> str:
    """``value`` when it looks like one e-mail address (for a ``mailto:`` link), else ``""``.

    >>> email_address(" contact@mairie.fr "), email_address("a@b.fr?bcc=c@d.fr<")
    ('contact@mairie.fr', '')
    """
    value = value.strip()
    return value if _EMAIL.match(value) and "?" not in value else ""


def _round(value: float) -> float:
    return round(float(value), _DECIMALS)


def _finite(*values: Any) -> bool:
    try:
        return all(math.isfinite(float(value)) for value in values)
    except (TypeError, ValueError):
        return False


class _Values:
    """Repeated strings (services, publics) stored once and referred to by index."""

    def __init__(self) -> None:
        self.items: list[str] = []
        self._index: dict[str, int] = {}

    def refs(self, values: Iterable[str]) -> list[int]:
        refs = []
        for value in values:
            if value not in self._index:
                self._index[value] = len(self.items)
                self.items.append(value)
            refs.append(self._index[value])
        return refs


def _address(actor: Actor) -> str:
    parts = [actor.adresse, actor.complement_adresse]
    return ", ".join(part.strip() for part in parts if part and part.strip())


def _commune_line(actor: Actor) -> str:
    return " ".join(part for part in (actor.code_postal, actor.commune) if part)


def actors_data(ecosystem: Ecosystem) -> dict[str, Any]:
    """Typologies (style, label, count) and one record per actor with coordinates.

    Actors without coordinates are not drawn; ``sans_coordonnees`` counts them.
    """
    located = [
        actor
        for actor in ecosystem
        if actor.has_coordinates and _finite(actor.latitude, actor.longitude)
    ]
    styles = typology_styles(primary_typology(actor) for actor in located)
    position = {code: index for index, code in enumerate(styles)}
    counts = dict.fromkeys(styles, 0)
    values = _Values()
    records = []
    for actor in located:
        code = primary_typology(actor)
        counts[code] += 1
        records.append(
            [
                _round(actor.latitude),
                _round(actor.longitude),
                position[code],
                actor.nom,
                _address(actor),
                _commune_line(actor),
                values.refs(actor.services),
                values.refs(actor.publics),
                describe_opening_hours(actor.horaires, separator=NBSP),
                actor.telephone,
                [email for email in map(email_address, actor.courriels) if email],
                [url for url in map(web_url, actor.sites_web) if url],
                web_url(actor.prise_rdv),
                actor.itinerant,
                actor.source,
                f"{actor.date_maj:%d/%m/%Y}" if actor.date_maj else "",
                is_stale(actor),
                round(100 * completeness(actor)),
                actor.extra.get(TYPOLOGY_DEDUCED) == "nom",
                str(actor.extra.get(COMMUNE_DEDUCED, "")),
                actor.precision,
            ]
        )
    return {
        "champs": list(ACTOR_FIELDS),
        "typologies": [
            {
                "code": style.code,
                "libelle": style.label,
                "couleur": style.color,
                "icone": style.icon,
                "nombre": counts[code],
            }
            for code, style in styles.items()
        ],
        "valeurs": values.items,
        "acteurs": records,
        "ids": [actor.id for actor in located],
        "sans_coordonnees": len(ecosystem) - len(located),
    }


def links_data(ecosystem: Ecosystem) -> dict[str, Any]:
    """Partnership types present (style) and one line per partnership between located actors."""
    points = {
        actor.id: (_round(actor.latitude), _round(actor.longitude))
        for actor in ecosystem
        if actor.has_coordinates and _finite(actor.latitude, actor.longitude)
    }
    kept = [
        link
        for link in ecosystem.partnerships
        if link.source in points and link.cible in points and link.source != link.cible
    ]
    codes = sorted({link.type for link in kept}, key=lambda code: (code not in LINK_STYLES, code))
    position = {code: index for index, code in enumerate(codes)}
    types = []
    for code in codes:
        style = LINK_STYLES.get(code)
        types.append(
            {
                "code": code,
                "libelle": style.label if style else code,
                "couleur": style.color if style else "#8d99ae",
                "tirets": style.dashes if style else "",
                "oriente": style.directed if style else False,
                "nombre": sum(link.type == code for link in kept),
            }
        )
    lines = [
        [
            *points[link.source],
            *points[link.cible],
            position[link.type],
            ecosystem[link.source].nom,
            ecosystem[link.cible].nom,
        ]
        for link in kept
    ]
    return {"types": types, "liens": lines}


def coverage_data(
    coverage: pd.DataFrame, *, threshold_km: float | None, label: str
) -> dict[str, Any]:
    """One circle per located commune: colour class, population, distance, nearest actor.

    Classes: ``couvert``; ``proche`` (uncovered, within twice ``threshold_km``; only when
    the threshold is known); ``loin`` (farther, or no matching actor at all).
    """
    records = []
    counts = dict.fromkeys(COVERAGE_COLORS, 0)
    for row in coverage.itertuples(index=False):
        if not _finite(row.latitude, row.longitude):
            continue
        distance = float(row.distance_km) if _finite(row.distance_km) else None
        minutes = float(row.temps_minutes) if _finite(row.temps_minutes) else None
        if bool(row.couvert):
            kind = "couvert"
        elif threshold_km is not None and distance is not None and distance <= 2 * threshold_km:
            kind = "proche"
        else:
            kind = "loin"
        counts[kind] += 1
        records.append(
            [
                _round(row.latitude),
                _round(row.longitude),
                kind,
                str(row.nom),
                str(row.code_insee),
                int(row.population) if _finite(row.population) else 0,
                None if distance is None else round(distance, 1),
                None if minutes is None else round(minutes),
                str(row.acteur_proche_nom or ""),
            ]
        )
    labels = {**_COVERAGE_LABELS, "loin": "Non couverte" if threshold_km is None else _FAR_LABEL}
    classes = [
        {"code": code, "libelle": labels[code], "couleur": color, "nombre": counts[code]}
        for code, color in COVERAGE_COLORS.items()
        if counts[code] or code != "proche" or threshold_km is not None
    ]
    return {"libelle": label, "classes": classes, "communes": records}


_COVERAGE_LABELS = {
    "couvert": "Commune couverte",
    "proche": "Non couverte, à moins de deux fois le seuil",
}
_FAR_LABEL = "Non couverte, au-delà de deux fois le seuil"


def white_zones_data(zones: pd.DataFrame, commune_points: pd.DataFrame) -> list[list[Any]]:
    """One circle per white zone: centre, radius (km) reaching its communes, and its figures.

    ``commune_points`` is indexed by INSEE code with ``latitude``/``longitude``.
    """
    records = []
    for zone in zones.itertuples(index=False):
        if not _finite(zone.latitude, zone.longitude):
            continue
        codes = [code for code in str(zone.communes).split("|") if code in commune_points.index]
        radius = 2.0
        if codes:
            points = commune_points.loc[codes, ["latitude", "longitude"]].to_numpy(dtype=float)
            radius += float(great_circle_km(zone.latitude, zone.longitude, points[:, 0], points[:, 1]).max(initial=0.0))
        records.append(
            [
                _round(zone.latitude),
                _round(zone.longitude),
                round(radius, 2),
                int(zone.zone),
                str(zone.nom),
                int(zone.nombre_communes),
                int(zone.population),
                str(zone.departements).replace("|", ", "),
            ]
        )
    return records


def recommendations_data(sites: pd.DataFrame) -> list[list[Any]]:
    """One star per recommended site: position, rank, place, host actor and gains."""
    records = []
    for site in sites.itertuples(index=False):
        if not _finite(site.latitude, site.longitude):
            continue
        records.append(
            [
                _round(site.latitude),
                _round(site.longitude),
                int(site.rang),
                str(site.nom),
                str(getattr(site, "acteur_nom", "") or ""),
                int(site.gain_population),
                int(site.communes_gagnees),
                int(site.population_couverte_cumulee),
            ]
        )
    return records


def journeys_data(journeys: Sequence[Journey], ecosystem: Ecosystem) -> list[dict[str, Any]]:
    """Each persona's home, the options offered and the referral path between actors."""
    records = []
    for journey in journeys:
        persona = journey.persona
        home = (
            [_round(journey.latitude), _round(journey.longitude)]
            if _finite(journey.latitude, journey.longitude)
            else None
        )
        options = []
        for option in journey.options.itertuples(index=False):
            if not _finite(option.latitude, option.longitude):
                continue
            options.append(
                [
                    _round(option.latitude),
                    _round(option.longitude),
                    str(option.nom),
                    round(float(option.distance_km), 1) if _finite(option.distance_km) else None,
                    round(float(option.temps_minutes)) if _finite(option.temps_minutes) else None,
                    str(option.telephone or ""),
                    describe_opening_hours(str(option.horaires or ""), separator=NBSP),
                    bool(option.via_itinerance),
                ]
            )
        path = [
            [_round(ecosystem[i].latitude), _round(ecosystem[i].longitude), ecosystem[i].nom]
            for i in journey.referral_path
            if i in ecosystem and ecosystem[i].has_coordinates
        ]
        records.append(
            {
                "nom": str(persona.nom),
                "domicile": home,
                "phrase": str(journey.sentence),
                "options": options,
                "orientation": path,
            }
        )
    return records


def communes_search_data(communes: pd.DataFrame) -> list[list[Any]]:
    """Communes offered by the search box: name, département, position."""
    located = communes[communes["latitude"].notna() & communes["longitude"].notna()]
    return [
        [str(row.nom), str(row.departement), _round(row.latitude), _round(row.longitude)]
        for row in located.itertuples(index=False)
    ]
