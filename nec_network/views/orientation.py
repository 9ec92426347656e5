"""The « Où orienter ? » page: where a helper finds where to send the person in front of them.

:func:`build_orientation_page` renders ``templates/orienter.html.j2`` with
the ``static/orienter*.js`` scripts, ``static/orienter.css`` and one JSON document
(:func:`orientation_data`); the page computes the answer in the browser exactly
as :func:`nec_network.analysis.orientation.orient` does in Python (the browser
tests compare them). It is self-contained: no request, no storage; the address
carries the question (``?commune=02468&difficulte=demarches&mobilite=pied``) so
that a result can be bookmarked or sent; the first name and the note typed for
the printed sheet never leave the page.
"""

from __future__ import annotations

import datetime as dt

import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pandas as pd

from nec_network.analysis.coverage import ActorPoints, territory_communes, zone_membership
from nec_network.analysis.criteria import Threshold
from nec_network.analysis.journeys import referral_graph
from nec_network.analysis.orientation import (
    FREE,
    MINIMUM_PLACES,
    NO_PUBLIC,
    REDUCED_MOBILITY,
    REMOTE,
    WALK_IN,
    WELCOMING_PLACES,
    Orientation,
    query_for_persona,
    receives_anyone,
)
from nec_network.analysis.spatial import SPEEDS_KMH
from nec_network.distance import EARTH_RADIUS_KM
from nec_network.errors import NecNetworkError
from nec_network.io.output import write_output
from nec_network.model import Actor, Ecosystem, Persona, without_personal_data
from nec_network.model.label_services import deduced_label
from nec_network.model.trust import is_stale
from nec_network.model.personal import resources_without_personal_data
from nec_network.model.opening_hours import describe_opening_hours, parse_opening_hours
from nec_network.model.phone import phone_link
from nec_network.model.resource import Resource
from nec_network.model.vocabularies import DIFFICULTIES, PRISE_EN_CHARGE, PUBLICS, TYPOLOGY_LABELS
from nec_network.text import normalize_name
from nec_network.views._web_links import email_address, web_url
from nec_network.views.page import actors_credit
from nec_network.views.rendering import render_page
from nec_network.wording import NBSP, MODE_PHRASES, number

DEFAULT_TITLE = "Où orienter ?"
_AGE = re.compile(r"\b(\d{1,3}) ans\b")
#: Places ticked for the printed sheet at first (the sheet must fit on one A4 page).
SHEET_PLACES = 3
#: Commune suggestions shown while typing.
SUGGESTIONS = 8
#: The distance limit's slider: smallest, largest, step and first value, in km (the national
#: cartography's is 5 to 100 km).
KM_RANGE = (5, 100, 5, 20)
#: Places offering remote help named under « Sans se déplacer ».
REMOTE_LISTED = 5
# The parts of « Où orienter ? », in the order they run (see static/orienter-donnees.js), after
# texte.js (window.necTexte: the search keys shared with the map and network pages); the page
# and the <nec-orienter> element (views/elements.py) each add the script that starts them.
ORIENTER_SCRIPTS = (
    "texte.js",
    "orienter-donnees.js",
    "orienter-horaires.js",
    "orienter-calcul.js",
    "orienter-question.js",
    "orienter-reponse.js",
    "orienter.js",
)
_SCRIPTS = (*ORIENTER_SCRIPTS, "orienter-page.js")


def _actor_record(
    actor: Actor, point: tuple[float, float] | None, zone: list[str], place: bool, at: dt.date | None = None
) -> dict:
    hours = parse_opening_hours(actor.horaires) if actor.horaires else None
    address = ", ".join(
        part
        for part in (
            actor.adresse,
            actor.complement_adresse,
            " ".join(p for p in (actor.code_postal, actor.commune) if p),
        )
        if part
    )
    return {
        "id": actor.id,
        "nom": actor.nom,
        "types": [TYPOLOGY_LABELS.get(code, code) for code in actor.typologies],
        "lat": None if point is None else round(point[0], 6),
        "lon": None if point is None else round(point[1], 6),
        "adresse": address,
        "commune": actor.commune,
        "accueil": place and NO_PUBLIC not in actor.modalites_acces,
        "services": list(actor.services),
        "services_deduits": deduced_label(actor),
        "informations_du": f"{actor.date_maj:%d/%m/%Y}" if actor.date_maj else "",
        "a_verifier": at is not None and is_stale(actor, at),
        "accueil_tous": receives_anyone(actor),
        "publics": list(actor.publics),
        "prises_en_charge": list(actor.prise_en_charge),
        "acces": list(actor.modalites_acces),
        "accompagnement": list(actor.modalites_accompagnement),
        "frais": list(actor.frais),
        "horaires": describe_opening_hours(actor.horaires, separator=NBSP),
        "semaine": None if hours is None else hours.as_record(),
        "telephone": actor.telephone.strip(),
        "tel": phone_link(actor.telephone),
        "courriels": [mail for mail in map(email_address, actor.courriels) if mail],
        "sites": [url for url in map(web_url, actor.sites_web) if url],
        "rdv": web_url(actor.prise_rdv),
        "itinerant": actor.itinerant,
        "zone": zone,
    }


def example_label(persona: Persona, commune: str) -> str:
    """``Exemple : Josiane, 72 ans, Marle``: first name, age when the persona says it, commune.

    >>> example_label(Persona("p", "Josiane, retraitée", "02468", (), description="À 72 ans, elle…"), "Marle")
    'Exemple : Josiane, 72 ans, Marle'
    """
    age = _AGE.search(f"{persona.nom} {persona.description}")
    parts = [persona.nom.split(",")[0].strip(), f"{age.group(1)} ans" if age else "", commune]
    return "Exemple : " + ", ".join(part for part in parts if part)


def orientation_data(
    ecosystem: Ecosystem,
    communes: pd.DataFrame | None = None,
    *,
    resources: Iterable[Resource] = (),
    personae: Iterable[Persona] = (),
    places: Callable[[Actor], bool] | None = None,
    threshold: Threshold | None = None,
    at: dt.date | None = None,
) -> dict:
    """The page's JSON document. ``places`` keeps only some actors as places to send people to
    (e.g. one dispositif); the others stay as helpers' structures and referral steps.
    ``threshold`` (default 20 minutes): the detour, and what is near without a maximum.

    Shape: ``parametres`` (``detour``, ``vitesses`` {mode: km/h}, ``modes`` {mode: French
    phrase}, ``minutes_defaut`` or ``km_defaut`` (the other null), ``minimum``, ``rayon_terre_km``, ``suggestions``,
    ``retenus_fiche``, ``a_distance_max``, ``accueil_max`` and ``phrase_accueil`` (places that
    receive anyone, proposed when nothing offers the need) and the vocabulary values the refinements test:
    ``gratuit``, ``sans_rendez_vous``, ``mobilite_reduite``, ``a_distance``);
    ``difficultes`` [{``code``, ``libelle``, ``services``}]; ``publics`` [{``valeur``,
    ``prise_en_charge``}]; ``communes`` [{``code``, ``nom``, ``cp`` [postal codes], ``lat``,
    ``lon``}]; ``acteurs`` [{``id``, ``nom``, ``types``, ``lat``, ``lon`` (own point, else the
    commune's; null when unknown), ``adresse``, ``commune``, ``accueil`` (receives people),
    ``services`` (``services_deduits``: the label they were deduced from, or ``""``), ``publics``, ``prises_en_charge``, ``acces``, ``accompagnement``, ``frais``,
    ``horaires`` (French), ``semaine`` (:meth:`OpeningHours.as_record`, null when unreadable),
    ``telephone`` (as given), ``tel`` (the number a ``tel:`` link dials, ``""`` unless the field is
    one valid number: :func:`~nec_network.model.phone.phone_link`), ``courriels``, ``sites``,
    ``rdv``, ``itinerant``, ``zone`` (INSEE codes of the communes an itinerant actor serves),
    ``informations_du`` (the record's date, dd/mm/yyyy, ``""`` when unknown), ``a_verifier``
    (older than a year before ``at``, the date the page is built for; never without ``at``)}];
    ``structures`` [the actors' ids, in the order the « Votre structure » list shows them];
    ``liens_orientation`` [{``a``, ``b``}] (referral partnerships, undirected); ``ressources``
    [{``nom``, ``difficultes``, ``lien`` (as given), ``tel`` (as for actors), ``web`` (the http(s)
    address, ``""`` otherwise; a link that is neither is shown as text), ``description``,
    ``publics``}]; ``exemples``
    [{``libelle``, ``commune``, ``difficulte``, ``public``, ``mobilite``, ``structure``}].
    """
    table = territory_communes(communes)
    points = ActorPoints.locate(list(ecosystem), table)
    located = {
        int(position): (float(lat), float(lon))
        for position, lat, lon in zip(
            points.positions, points.latitude, points.longitude, strict=True
        )
    }
    codes = table["code_insee"].to_numpy()
    actors = []
    for position, actor in enumerate(ecosystem):
        zone = (
            [str(code) for code in codes[zone_membership(table, actor)]] if actor.itinerant else []
        )
        actors.append(
            _actor_record(actor, located.get(position), zone, places is None or places(actor), at)
        )
    graph = referral_graph(ecosystem)
    links = sorted((min(a, b), max(a, b)) for a, b in graph.edges)
    return {
        "parametres": _parameters(threshold or Threshold()),
        "difficultes": [
            {"code": item.code, "libelle": item.label, "services": list(item.services)}
            for item in DIFFICULTIES.values()
        ],
        "publics": [{"valeur": value, "prise_en_charge": False} for value in PUBLICS]
        + [{"valeur": value, "prise_en_charge": True} for value in PRISE_EN_CHARGE],
        "communes": _communes(table),
        "acteurs": actors,
        "structures": [actor.id for actor in sorted(ecosystem, key=lambda actor: (normalize_name(actor.nom), actor.id))],
        "liens_orientation": [{"a": a, "b": b} for a, b in links],
        "ressources": [_resource_record(item) for item in resources],
        "exemples": _examples(ecosystem, table, personae),
    }


def _resource_record(item: Resource) -> dict[str, Any]:
    """One of the page's ``ressources``: a scheme without a place."""
    return {
        "nom": item.nom,
        "difficultes": list(item.difficultes),
        "lien": item.lien,
        "tel": phone_link(item.lien),
        "web": web_url(item.lien),
        "description": item.description,
        "publics": list(item.publics),
    }


def _parameters(threshold: Threshold) -> dict[str, Any]:
    """The page's ``parametres``: the assumptions the page computes with, and the values it tests."""
    return {
        "detour": threshold.detour,
        "vitesses": dict(SPEEDS_KMH),
        "modes": {mode: MODE_PHRASES[mode] for mode in SPEEDS_KMH},
        "minutes_defaut": threshold.max_minutes,
        "km_defaut": threshold.max_km,
        "minimum": MINIMUM_PLACES,
        "rayon_terre_km": EARTH_RADIUS_KM,
        "suggestions": SUGGESTIONS,
        "retenus_fiche": SHEET_PLACES,
        "a_distance_max": REMOTE_LISTED,
        "accueil_max": WELCOMING_PLACES,
        "phrase_accueil": WELCOMING_SENTENCE,
        "gratuit": FREE,
        "sans_rendez_vous": WALK_IN,
        "mobilite_reduite": REDUCED_MOBILITY,
        "a_distance": REMOTE,
    }


def _communes(table: pd.DataFrame) -> list[dict[str, Any]]:
    """The page's ``communes``: code, name, postal codes and point of each located commune."""
    located = table[table["latitude"].notna() & table["longitude"].notna()]
    postal = located["codes_postaux"].tolist() if "codes_postaux" in table.columns else [""] * len(located)
    return [
        {
            "code": str(code),
            "nom": str(name),
            # A table given by the user may lack a commune's postal codes (NaN).
            "cp": [postal_code for postal_code in codes.split("|") if postal_code] if isinstance(codes, str) else [],
            "lat": round(float(latitude), 5),
            "lon": round(float(longitude), 5),
        }
        for code, name, codes, latitude, longitude in zip(
            located["code_insee"].tolist(), located["nom"].tolist(), postal,
            located["latitude"].tolist(), located["longitude"].tolist(), strict=True,
        )  # fmt: skip
    ]


def _examples(ecosystem: Ecosystem, table: pd.DataFrame, personae: Iterable[Persona]) -> list[dict[str, Any]]:
    """The page's ``exemples``: one ready question per persona living in the territory."""
    names = dict(zip(table["code_insee"], table["nom"], strict=True))
    examples = []
    for persona in personae:
        if persona.code_insee not in names:
            continue
        query = query_for_persona(persona)
        examples.append(
            {
                "libelle": example_label(persona, names[persona.code_insee]),
                "commune": query.commune,
                "difficulte": query.difficulty,
                "public": query.public,
                "mobilite": query.threshold.mode,
                "structure": query.helper if query.helper in ecosystem else None,
            }
        )
    return examples


def duration_text(minutes: float) -> str:
    """Rounded minutes in French, as the page writes them.

    >>> duration_text(19.4), duration_text(65), duration_text(120.2)
    ('19\xa0min', '1\xa0h\xa005', '2\xa0h')
    """
    total = math.floor(minutes + 0.5)  # half up, like the page's Math.round
    if total < 60:
        return f"{total}{NBSP}min"
    hours, rest = divmod(total, 60)
    return f"{hours}{NBSP}h" + (f"{NBSP}{rest:02d}" if rest else "")


#: Said when nothing offers the need and places that receive anyone are proposed instead.
WELCOMING_SENTENCE = "Les lieux proposés ci-dessous accueillent tout le monde et sauront orienter la personne."


def why_sentence(result: Orientation) -> str:
    """What explains an empty or far answer, in French (the page says the same); ``""`` otherwise."""
    query = result.query
    difficulty = DIFFICULTIES.get(query.difficulty or "")
    what = f"«{NBSP}{difficulty.label}{NBSP}»" if difficulty else "ce besoin"
    if query.service:
        what = f"le service «{NBSP}{query.service}{NBSP}»"
    mode = MODE_PHRASES[query.threshold.mode]
    nearest = result.nearest_beyond
    nearest_text = (
        f"{nearest.actor.nom}, à {duration_text(nearest.minutes)} {mode} ({number(nearest.distance_km, 1)}{NBSP}km)"
        if nearest
        else ""
    )
    if result.reason == "no_offer":
        public = f" au public «{NBSP}{query.public}{NBSP}»" if query.public else ""
        welcoming = f" {WELCOMING_SENTENCE}" if result.welcoming else ""
        return f"Aucun lieu du territoire ne propose {what}{public}.{welcoming}"
    if result.reason == "refinements":
        return f"Aucun lieu ne répond à tous les critères choisis ; sans ces critères, le plus proche est {nearest_text}."
    if result.reason in ("too_far", "far"):
        threshold = query.threshold
        limit = (
            f"{threshold.max_minutes:g} minutes {mode}"
            if threshold.max_km is None
            else f"{number(threshold.max_km)}{NBSP}km"
        )
        return f"Aucun lieu à moins de {limit} ; le plus proche est {nearest_text}."
    return ""


@dataclass(frozen=True)
class OrientationOptions:
    """What the « Où orienter ? » page offers besides the actors, and how it is written.

    ``resources`` are the schemes without a place (shown when nothing is near), ``personae``
    give the ready examples, ``places`` keeps only some actors as places to send people to
    (e.g. one dispositif; the others stay helpers' structures and referral steps); ``cdn`` is
    accepted like every view (the page loads no library).
    """

    resources: Sequence[Resource] = ()
    personae: Iterable[Persona] = ()
    places: Callable[[Actor], bool] | None = None
    title: str = DEFAULT_TITLE
    cdn: bool = False
    #: The date the page is built for: a place's information older than a year before it is
    #: said « à vérifier » (None: dates are shown, not judged).
    at: dt.date | None = None
    #: Where a helper reports an error on a place (an e-mail address): each card then has a
    #: « signaler une erreur » mailto: link, prefilled with the place's id and name.
    contact: str | None = None
    #: The detour of the page's travel times and what is near without a maximum
    #: (:func:`orientation_data`); None: 20 minutes, detour 1.3.
    threshold: Threshold | None = None
    #: The address search the page may ask (:data:`~nec_network.settings.BAN_SEARCH_URL`, or a compatible service's
    #: http(s) URL): a button then sends the typed address there, and only it. None (default):
    #: addresses are read offline to their commune, and the page makes no request at all.
    address_service: str | None = None


def orientation_document(
    ecosystem: Ecosystem, communes: pd.DataFrame | None = None, options: OrientationOptions | None = None
) -> dict:
    """The JSON document of the page and of the ``<nec-orienter>`` element: :func:`orientation_data`
    with ``parametres.contact``, advisers' personal data left out of the actors and resources
    (:func:`~nec_network.model.personal.without_personal_data`)."""
    options = options or OrientationOptions()
    resources = resources_without_personal_data(options.resources, ecosystem)
    ecosystem, _ = without_personal_data(ecosystem)
    threshold = options.threshold or Threshold()
    data = orientation_data(ecosystem, communes, resources=resources, personae=options.personae,
                            places=options.places, threshold=threshold, at=options.at)
    data["parametres"]["contact"] = options.contact
    data["parametres"]["adresse_en_ligne"] = _address_service(options)
    return data


def _address_service(options: OrientationOptions) -> str | None:
    """The address search of ``options``, checked (an http(s) URL), or None."""
    address_service = web_url(options.address_service or "") or None
    if options.address_service and not address_service:
        raise NecNetworkError(f"Adresse du service d'adresses invalide (http ou https attendu) : « {options.address_service} ».")
    return address_service


def build_orientation_page(
    ecosystem: Ecosystem, communes: pd.DataFrame | None = None, options: OrientationOptions | None = None
) -> str:
    """The page as HTML text, self-contained (:class:`OrientationOptions`), with the document of
    :func:`orientation_document`."""
    options = options or OrientationOptions()
    data = orientation_document(ecosystem, communes, options)
    threshold = options.threshold or Threshold()
    table = territory_communes(communes)
    departements = sorted(set(table["departement"]))
    territory = (
        f"Territoire : {number(len(table), separator=NBSP)} communes ({', '.join(departements)}) ; temps estimés à partir des "
        f"distances à vol d’oiseau × {number(threshold.detour, 1)} (détour), à vitesse moyenne selon le mode."
    )
    return render_page(
        "orienter.html.j2",
        title=options.title,
        data=data,
        sources=actors_credit(ecosystem),
        scripts=_SCRIPTS,
        styles=("orienter.css",),
        cdn=options.cdn,
        territory=territory,
        **question_choices(data["parametres"]["adresse_en_ligne"]),
    )


def question_choices(address_service: str | None = None) -> dict[str, Any]:
    """What the question's lists offer, the same for every data (the vocabularies), and the
    address search button when the page has a service (``address_service``): the variables of
    ``templates/_orienter_corps.html.j2`` besides the data."""
    return {
        "address_service": address_service,
        "address_service_host": urlsplit(address_service).netloc if address_service else "",
        "difficulties": list(DIFFICULTIES.values()),
        "publics": [*PUBLICS, *PRISE_EN_CHARGE],
        "modes": [(mode, MODE_PHRASES[mode]) for mode in SPEEDS_KMH],
        "km_range": KM_RANGE,
    }


def write_orientation(
    path: str | Path,
    ecosystem: Ecosystem,
    communes: pd.DataFrame | None = None,
    options: OrientationOptions | None = None,
) -> Path:
    """Write :func:`build_orientation_page` to ``path`` (atomically, never through a link); return the path."""
    return write_output(path, build_orientation_page(ecosystem, communes, options))
