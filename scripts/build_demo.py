"""Build the fictional demo ecosystem of the Pays picards in ``data/demo/``.

Usage: ``python scripts/build_demo.py`` rewrites ``acteurs.csv``,
``partenariats.csv``, ``personae.json``, ``ressources.csv`` and ``README.md`` (French, for users).

Everything is fictional and labelled so: the actors are built on the *roles*
seen at a local Numérique en Commun[s] event (a regional hub, an association
giving access to equipment and skills, a union of health and social
non-profits, a federation of social centres, a resource centre against
illiteracy in the Aisne) and on the places people go to (France Services,
médiathèques, CCAS, centres sociaux, mairies with a conseiller numérique,
missions locales, espaces publics numériques). Places are generic names of a
type of place in a real commune, at the commune's reference point from
:func:`nec_network.territory.load_communes` (precision ``commune``), drawn with
a seeded RNG weighted by population so that towns get more than villages.

Phones are left empty on purpose: France has no number range we could confirm
as reserved for fiction, and any plausible number may belong to someone. Mails
and web sites use the reserved ``.invalid`` top-level domain (RFC 2606).

The output depends only on the seed and the embedded territory data:
:func:`build` returns the same bytes on every run.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import math
import random
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from nec_network.io.csv_output import write_csv
from nec_network.text import strip_accents
from nec_network.io.template import ACTOR_COLUMNS, PARTNERSHIP_COLUMNS
from nec_network.territory import load_communes, load_epci

SEED = 2026
#: Written in every actor's ``source`` and every partnership's ``origine``.
FICTION = "Démonstration fictive nec-network"
DEPARTEMENTS = ("02", "60", "80")
DEPARTEMENT_OF = {"02": "de l'Aisne", "60": "de l'Oise", "80": "de la Somme"}
MAIL_DOMAIN = "exemple.invalid"
WEB_ROOT = "https://exemple.invalid"
OUTPUT = Path(__file__).resolve().parents[1] / "data" / "demo"


# Services (v1 vocabulary), spelled once here.
ADMIN = "Aide aux démarches administratives"
OUTILS = "Maîtrise des outils numériques du quotidien"
ACCES = "Accès internet et matériel informatique"
INSERTION = "Insertion professionnelle via le numérique"
SECURITE = "Utilisation sécurisée du numérique"
PARENTALITE = "Parentalité et éducation avec le numérique"
LOISIRS = "Loisirs et créations numériques"
MONDE = "Compréhension du monde numérique"
MATERIEL = "Acquisition de matériel informatique à prix solidaire"
NO_PUBLIC = "Ce lieu n'accueille pas de public"


@dataclass(frozen=True)
class Commune:
    """A real commune of the Pays picards, as the territory data gives it."""

    code: str
    nom: str
    departement: str
    epci_code: str
    epci_nom: str
    population: int
    code_postal: str
    latitude: float
    longitude: float


@dataclass
class Draft:
    """An actor being built: its template cells plus what the partnership rules need."""

    kind: str
    commune: Commune
    cells: dict[str, str]
    #: Kept out of the generic partnership rules (the isolated actor, the satellites).
    detached: bool = False

    @property
    def id(self) -> str:
        return self.cells["id"]


@dataclass
class Links:
    """Partnerships in creation order, one per (source, cible, type) key."""

    rows: list[dict[str, str]] = field(default_factory=list)
    keys: dict[tuple[str, str, str], None] = field(default_factory=dict)

    def add(
        self,
        rng: random.Random,
        source: Draft,
        cible: Draft,
        kind: str,
        note: str,
        *,
        debut: int = 0,
    ) -> None:
        """Add a partnership (weight and start year drawn for its type unless ``debut`` is given)."""
        if source.id == cible.id:
            return
        undirected = kind in ("partenariat", "co_organisation", "mutualisation")
        ends = sorted((source.id, cible.id)) if undirected else [source.id, cible.id]
        key = (ends[0], ends[1], kind)
        if key in self.keys:
            return
        self.keys[key] = None
        low, high, first_year = _LINK_PROFILES[kind]
        self.rows.append(
            {
                "source": source.id,
                "cible": cible.id,
                "type": kind,
                "poids": str(rng.randint(low, high)),
                "debut": str(debut or rng.randint(first_year, 2025)),
                "note": note,
                "origine": FICTION,
            }
        )


#: Partnership type → (lowest weight, highest weight, earliest start year).
_LINK_PROFILES = {
    "financement": (2, 5, 2018),
    "membre_de": (1, 2, 2015),
    "orientation": (1, 5, 2019),
    "partenariat": (1, 4, 2016),
    "co_organisation": (1, 3, 2022),
    "mutualisation": (2, 4, 2020),
}


# -- places -------------------------------------------------------------------------------------
def picardy_communes() -> list[Commune]:
    """The communes of the three départements, sorted by INSEE code."""
    table = load_communes(departements=list(DEPARTEMENTS)).sort_values("code_insee")
    return [
        Commune(
            code=str(row.code_insee),
            nom=str(row.nom),
            departement=str(row.departement),
            epci_code=str(row.epci_code),
            epci_nom=str(row.epci_nom),
            population=int(row.population),
            code_postal=str(row.codes_postaux).split("|")[0],
            latitude=float(row.latitude),
            longitude=float(row.longitude),
        )
        for row in table.itertuples(index=False)
    ]


def distance_km(a: Commune, b: Commune) -> float:
    """Great-circle distance between two communes' reference points."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


def white_zones(communes: Sequence[Commune]) -> list[tuple[str, str]]:
    """Per département, the least populated EPCI of 8 communes or more lying wholly in it.

    No local actor is placed there (the size of a rural canton or two), so the
    coverage analyses find white zones.
    """
    members = dict(zip(*(load_epci()[column] for column in ("epci_code", "membres")), strict=True))
    groups: dict[str, list[Commune]] = {}
    for commune in communes:
        groups.setdefault(commune.epci_code, []).append(commune)
    chosen = []
    for departement in DEPARTEMENTS:
        candidates = [
            (sum(c.population for c in group), code, group[0].epci_nom)
            for code, group in groups.items()
            if len(group) >= 8 and all(m.startswith(departement) for m in members[code])
        ]
        _, code, name = min(candidates)
        chosen.append((code, name))
    return chosen


def share_by_population(total: int, communes: Sequence[Commune]) -> dict[str, int]:
    """Split ``total`` actors between the départements in proportion to their population.

    Largest remainders get the leftover units, so the parts always add up to ``total``.
    """
    population = {
        d: sum(c.population for c in communes if c.departement == d) for d in DEPARTEMENTS
    }
    exact = {d: total * population[d] / sum(population.values()) for d in DEPARTEMENTS}
    parts = {d: int(exact[d]) for d in DEPARTEMENTS}
    by_remainder = sorted(DEPARTEMENTS, key=lambda d: (parts[d] - exact[d], d))
    for d in by_remainder[: total - sum(parts.values())]:
        parts[d] += 1
    return parts


def _big_towns(threshold: int) -> Callable[[int], int]:
    """Capacity rule: one actor per commune, one more from ``threshold`` inhabitants, and so on."""
    return lambda population: (
        1 + (population > threshold) + (population > 2.5 * threshold) + (population > 5 * threshold)
    )


def place(
    rng: random.Random,
    communes: Sequence[Commune],
    count: int,
    *,
    min_population: int = 0,
    max_population: int = 10**9,
    exponent: float = 1.0,
    per_commune: Callable[[int], int] = lambda population: 1,
    spacing_km: float = 0.0,
    taken: Sequence[Commune] = (),
) -> list[Commune]:
    """Draw ``count`` communes weighted by ``population ** exponent`` (Efraimidis–Spirakis keys).

    A commune can host up to ``per_commune(population)`` actors of the kind;
    ``spacing_km`` keeps distinct communes of the kind apart, and away from the
    ``taken`` ones (as networks of France Services or missions locales are drawn).
    """
    slots = []
    for commune in communes:
        if not min_population <= commune.population <= max_population:
            continue
        for index in range(per_commune(commune.population)):
            weight = commune.population**exponent / (index + 1)
            slots.append((-(rng.random() ** (1.0 / weight)), commune.code, index, commune))
    slots.sort(key=lambda slot: slot[:3])
    chosen: list[Commune] = []
    for _, _, index, commune in slots:
        if len(chosen) == count:
            break
        if index == 0 and any(
            distance_km(commune, other) < spacing_km for other in [*taken, *chosen]
        ):
            continue
        if index > 0 and commune not in chosen:
            continue
        chosen.append(commune)
    if len(chosen) < count:
        raise RuntimeError(f"only {len(chosen)} places found for {count} actors")
    return sorted(chosen, key=lambda commune: commune.code)


# -- actors -------------------------------------------------------------------------------------
def slug(text: str) -> str:
    """Lower-case ASCII identifier part: ``"Saint-Quentin"`` → ``"saint-quentin"``."""
    return re.sub(r"[^a-z0-9]+", "-", strip_accents(text).lower()).strip("-")


def of_commune(nom: str) -> str:
    """French ``de`` + commune name with elision and contraction: ``du Nouvion-en-Thiérache``."""
    if nom.startswith("Le "):
        return "du " + nom[3:]
    if nom.startswith("Les "):
        return "des " + nom[4:]
    if strip_accents(nom[:1]).upper() in "AEIOUY":
        return "d'" + nom
    return "de " + nom


#: Kind → (id prefix, data·inclusion typologies, label of the place).
KINDS: dict[str, tuple[str, str, str]] = {
    "hub": ("hub", "ASSO", ""),
    "association": ("asso-cles-numeriques", "ASSO", ""),
    "antenne": (
        "asso-cles-numeriques",
        "ASSO",
        "Antenne de l'association Clés numériques picardes (fictive)",
    ),
    "union": ("union-solidarites", "FAIS", ""),
    "federation": ("federation-centres-sociaux", "FAIS", ""),
    "ressources": ("centre-ressources-illettrisme", "OF|ASSO", ""),
    "departement": ("departement", "CD", ""),
    "france_services": ("france-services", "RFS", "France Services"),
    "bus": ("bus-france-services", "RFS|ENM", "Bus France Services"),
    "mediatheque": ("mediatheque", "BIB", "Médiathèque"),
    "ccas": ("ccas", "CCAS", "CCAS"),
    "centre_social": ("centre-social", "CS", "Centre social"),
    "mairie": ("mairie", "MUNI", "Mairie"),
    "mission_locale": ("mission-locale", "ML", "Mission locale"),
    "epn": ("epn", "EPN", "Espace public numérique"),
}

_HOURS = {
    "france_services": (
        "Mo-Fr 09:00-12:00,13:30-17:00",
        "Mo-Th 08:30-12:00,13:30-17:30; Fr 08:30-12:00,13:30-16:30",
        "Mo,Tu,Th,Fr 09:00-12:00,14:00-17:30; We 09:00-12:00",
    ),
    "bus": ("Tu,Th 09:00-12:00,14:00-16:30", "Mo,We,Fr 09:30-12:00,13:30-16:00"),
    "mediatheque": (
        "Tu 14:00-18:00; We 10:00-12:00,14:00-18:00; Fr 14:00-18:00; Sa 10:00-12:30",
        "Tu,Th 15:00-18:30; We,Sa 10:00-12:00,14:00-17:00",
        "We 14:00-18:00; Sa 09:30-12:30",
    ),
    "ccas": ("Mo-Fr 08:30-12:00,13:30-17:00", "Mo-Fr 09:00-12:00; Tu,Th 14:00-17:00"),
    "centre_social": (
        "Mo-Fr 09:00-12:00,14:00-18:00",
        "Mo-Th 09:00-12:00,13:30-17:30; Fr 09:00-12:00",
    ),
    "mairie": (
        "Mo,Th 09:00-12:00; We 14:00-17:00",
        "Tu 14:00-17:00; Fr 09:00-12:00",
        "Mo-Fr 09:00-12:00",
    ),
    "mission_locale": (
        "Mo-Fr 08:30-12:30,13:30-17:00",
        "Mo-Th 09:00-12:00,13:30-17:00; Fr 09:00-12:00",
    ),
    "epn": (
        "Tu-Fr 14:00-18:00; Sa 10:00-12:00",
        "Mo,We,Fr 09:00-12:00,14:00-17:00",
        "We 10:00-12:00,14:00-18:00; Sa 10:00-16:00",
    ),
    "association": ("Mo-Fr 10:00-12:30,14:00-17:30",),
    "antenne": ("Tu-Sa 10:00-13:00,14:00-18:00", "Mo,We,Fr 10:00-12:30,14:00-17:30"),
    "ressources": ("Mo-Fr 09:00-12:30,13:30-17:00",),
}


def _maybe(rng: random.Random, probability: float, *values: str) -> list[str]:
    return list(values) if rng.random() < probability else []


def _profile(rng: random.Random, kind: str) -> dict[str, list[str]]:
    """Services, publics, dispositifs, modalités and frais consistent with the kind of place."""
    p: dict[str, list[str]] = {}
    if kind in ("hub", "union", "federation", "departement"):
        p["modalites_acces"] = [NO_PUBLIC]
    elif kind == "association":
        p["services"] = [MATERIEL, ACCES, OUTILS]
        p["modalites_acces"] = ["Se présenter", "Contacter par mail"]
        p["modalites_accompagnement"] = ["Accompagnement individuel", "Dans un atelier collectif"]
        p["frais"] = ["Gratuit sous condition", "Payant"]
    elif kind == "antenne":
        p["services"] = [MATERIEL, ACCES, OUTILS, *_maybe(rng, 0.5, SECURITE)]
        p["modalites_acces"] = ["Se présenter", "Envoyer un mail avec une fiche de prescription"]
        p["modalites_accompagnement"] = [
            "En autonomie",
            "Accompagnement individuel",
            "Dans un atelier collectif",
        ]
        p["frais"] = ["Gratuit sous condition", "Payant"]
    elif kind == "ressources":
        p["services"] = [OUTILS, MONDE]
        p["prise_en_charge"] = ["Illettrisme"]
        p["formations_labels"] = ["Formé à « DUPLEX » (illettrisme)"]
        p["modalites_acces"] = [
            "Contacter par mail",
            "Envoyer un mail avec une fiche de prescription",
        ]
        p["modalites_accompagnement"] = ["Accompagnement individuel", "Dans un atelier collectif"]
        p["frais"] = ["Gratuit"]
    elif kind in ("france_services", "bus"):
        p["services"] = [ADMIN, ACCES, OUTILS, *_maybe(rng, 0.4, SECURITE)]
        p["prise_en_charge"] = _maybe(rng, 0.25, "Surdité") + _maybe(rng, 0.3, "Handicaps moteurs")
        p["dispositifs"] = ["France Services", *_maybe(rng, 0.5, "Aidants Connect")]
        p["dispositifs"] += (
            ["Conseillers numériques"]
            if kind == "bus"
            else _maybe(rng, 0.4, "Conseillers numériques")
        )
        p["dispositifs"] += _maybe(rng, 0.3, "Point d'accès numérique CAF")
        p["formations_labels"] = _maybe(rng, 0.2, "Formé à « Mon Espace Santé »")
        p["modalites_acces"] = ["Se présenter", *_maybe(rng, 0.5, "Prendre un RDV en ligne")]
        p["modalites_accompagnement"] = ["Accompagnement individuel", "En autonomie"]
        p["frais"] = ["Gratuit"]
    elif kind == "mediatheque":
        p["services"] = [
            ACCES,
            OUTILS,
            LOISIRS,
            *_maybe(rng, 0.5, MONDE),
            *_maybe(rng, 0.3, PARENTALITE),
        ]
        p["prise_en_charge"] = _maybe(rng, 0.2, "Déficience visuelle")
        p["dispositifs"] = _maybe(rng, 0.35, "Conseillers numériques") + _maybe(
            rng, 0.2, "Certification PIX"
        )
        p["modalites_acces"] = ["Se présenter"]
        p["modalites_accompagnement"] = ["En autonomie", "Dans un atelier collectif"]
        p["frais"] = ["Gratuit"] if rng.random() < 0.6 else ["Gratuit sous condition"]
    elif kind == "ccas":
        p["services"] = [ADMIN, *_maybe(rng, 0.4, OUTILS)]
        p["publics"] = ["Seniors", *_maybe(rng, 0.6, "Familles et/ou enfants")]
        p["dispositifs"] = _maybe(rng, 0.4, "Aidants Connect") + _maybe(
            rng, 0.2, "Conseillers numériques"
        )
        p["modalites_acces"] = ["Se présenter", *_maybe(rng, 0.3, "Prendre un RDV en ligne")]
        p["modalites_accompagnement"] = ["Accompagnement individuel"]
        p["frais"] = ["Gratuit"]
    elif kind == "centre_social":
        p["services"] = [ADMIN, PARENTALITE, OUTILS, *_maybe(rng, 0.4, ACCES)]
        p["publics"] = [
            "Familles et/ou enfants",
            *_maybe(rng, 0.5, "Jeunes"),
            *_maybe(rng, 0.3, "Femmes"),
        ]
        p["prise_en_charge"] = _maybe(rng, 0.3, "Langues étrangères (autres)")
        p["dispositifs"] = (
            _maybe(rng, 0.5, "Point d'accès numérique CAF")
            + _maybe(rng, 0.4, "Conseillers numériques")
            + _maybe(rng, 0.3, "Promeneurs du net")
        )
        p["modalites_acces"] = ["Se présenter", "Contacter par mail"]
        p["modalites_accompagnement"] = ["Accompagnement individuel", "Dans un atelier collectif"]
        p["frais"] = ["Gratuit"] if rng.random() < 0.5 else ["Gratuit sous condition"]
    elif kind == "mairie":
        p["services"] = [OUTILS, ADMIN, *_maybe(rng, 0.5, SECURITE), *_maybe(rng, 0.3, ACCES)]
        p["publics"] = _maybe(rng, 0.3, "Seniors")
        p["dispositifs"] = ["Conseillers numériques", *_maybe(rng, 0.3, "Aidants Connect")]
        p["formations_labels"] = _maybe(rng, 0.2, "Formé à « Mon Espace Santé »")
        p["modalites_acces"] = ["Se présenter", *_maybe(rng, 0.4, "Prendre un RDV en ligne")]
        p["modalites_accompagnement"] = [
            "Accompagnement individuel",
            *_maybe(rng, 0.5, "Dans un atelier collectif"),
        ]
        p["frais"] = ["Gratuit"]
    elif kind == "mission_locale":
        p["services"] = [INSERTION, ADMIN, *_maybe(rng, 0.5, OUTILS)]
        p["publics"] = ["Jeunes"]
        p["dispositifs"] = _maybe(rng, 0.5, "Promeneurs du net") + _maybe(
            rng, 0.3, "Conseillers numériques"
        )
        p["modalites_acces"] = ["Se présenter", "Envoyer un mail avec une fiche de prescription"]
        p["modalites_accompagnement"] = ["Accompagnement individuel", "Dans un atelier collectif"]
        p["frais"] = ["Gratuit"]
    elif kind == "epn":
        p["services"] = [ACCES, OUTILS, *_maybe(rng, 0.6, SECURITE), *_maybe(rng, 0.5, LOISIRS)]
        p["services"] += _maybe(rng, 0.3, INSERTION)
        p["prise_en_charge"] = _maybe(rng, 0.2, "Handicaps moteurs")
        p["dispositifs"] = _maybe(rng, 0.5, "Conseillers numériques") + _maybe(
            rng, 0.4, "Certification PIX"
        )
        p["modalites_acces"] = ["Se présenter", *_maybe(rng, 0.3, "Prendre un RDV en ligne")]
        p["modalites_accompagnement"] = ["En autonomie", "Dans un atelier collectif"]
        p["frais"] = ["Gratuit"] if rng.random() < 0.7 else ["Gratuit", "Payant"]
    else:
        raise ValueError(kind)
    return p


_PRESENTATIONS = {
    "hub": "Structure fictive qui coordonne l'inclusion numérique des Pays picards et a organisé "
    "l'événement Numérique en Commun[s] local.",
    "association": "Association fictive qui donne accès à du matériel reconditionné, à une connexion "
    "et à des ateliers pour apprendre à s'en servir.",
    "antenne": "Antenne fictive de l'association : matériel à prix solidaire, connexion et ateliers.",
    "union": "Union fictive des organismes privés non lucratifs sanitaires et sociaux des Pays picards.",
    "federation": "Fédération fictive qui réunit et accompagne les centres sociaux des Pays picards.",
    "ressources": "Centre ressources fictif de lutte contre l'illettrisme et l'illectronisme : "
    "repérage, positionnement et formation des aidants.",
    "departement": "Service départemental fictif qui finance et anime l'inclusion numérique.",
    "france_services": "Lieu fictif : accueil France Services pour les démarches administratives en ligne.",
    "bus": "Bus fictif France Services qui s'arrête chaque semaine dans les communes de sa tournée.",
    "mediatheque": "Lieu fictif : ordinateurs en accès libre et ateliers numériques à la médiathèque.",
    "ccas": "Lieu fictif : le CCAS aide aux démarches en ligne et oriente vers les lieux de médiation.",
    "centre_social": "Lieu fictif : le centre social accompagne les familles dans leurs démarches en ligne.",
    "mairie": "Lieu fictif : le conseiller numérique de la mairie tient des permanences et des ateliers.",
    "mission_locale": "Lieu fictif : la mission locale aide les jeunes dans leur recherche d'emploi en ligne.",
    "epn": "Lieu fictif : espace public numérique avec postes en libre accès et ateliers.",
}


def _name(kind: str, commune: Commune, rank: int) -> str:
    if kind == "hub":
        return "Hub numérique des Pays picards (fictif)"
    if kind == "association":
        return "Association Clés numériques picardes (fictive)"
    if kind == "union":
        return "Union des solidarités et de la santé des Pays picards (fictive)"
    if kind == "federation":
        return "Fédération des centres sociaux des Pays picards (fictive)"
    if kind == "ressources":
        return "Centre ressources illettrisme et illectronisme de l'Aisne (fictif)"
    if kind == "departement":
        return f"Département {DEPARTEMENT_OF[commune.departement]} — mission inclusion numérique (fictive)"
    if kind == "bus":
        return f"Bus France Services au départ {of_commune(commune.nom)}"
    label = KINDS[kind][2]
    if kind == "antenne":
        return f"{label} {of_commune(commune.nom)}"
    if kind == "mairie":
        return f"Mairie {of_commune(commune.nom)} — conseiller numérique"
    name = f"{label} {of_commune(commune.nom)}"
    return name if rank == 1 else f"{name} — quartier {rank}"


def _number(value: float) -> str:
    return str(int(value)) if value.is_integer() else repr(value)


def make_actor(
    rng: random.Random,
    kind: str,
    commune: Commune,
    ids: dict[str, int],
    *,
    zone: Sequence[str] = (),
    parent: str = "",
) -> Draft:
    """One actor at ``commune``'s reference point, with cells in template form."""
    prefix, typologies, _ = KINDS[kind]
    if kind in ("hub", "association", "union", "federation", "ressources"):
        base = prefix
    elif kind == "departement":
        base = f"{prefix}-{commune.departement}"
    else:
        base = f"{prefix}-{slug(commune.nom)}"
    ids[base] = ids.get(base, 0) + 1
    rank = ids[base]
    actor_id = base if rank == 1 else f"{base}-{rank}"
    profile = _profile(rng, kind)
    receives_public = NO_PUBLIC not in profile["modalites_acces"]
    online_booking = "Prendre un RDV en ligne" in profile["modalites_acces"]
    day = dt.date(2025, 9, 1) + dt.timedelta(days=rng.randrange(400))
    cells = {
        "id": actor_id,
        "nom": _name(kind, commune, rank),
        "typologie": typologies,
        "adresse": "Adresse fictive",
        "complement_adresse": "",
        "code_postal": commune.code_postal,
        "commune": commune.nom,
        "code_insee": commune.code,
        "latitude": _number(commune.latitude),
        "longitude": _number(commune.longitude),
        "precision": "commune",
        "itinerance": "Itinérant" if kind == "bus" else "Fixe",
        "zone_intervention": "|".join(zone),
        "telephone": "",
        "courriel": f"{actor_id}@{MAIL_DOMAIN}",
        "site_web": f"{WEB_ROOT}/{actor_id}",
        "prise_rdv": f"{WEB_ROOT}/rendez-vous/{actor_id}" if online_booking else "",
        "horaires": rng.choice(_HOURS[kind]) if receives_public else "",
        "presentation": _PRESENTATIONS[kind],
        "pivot": "",
        "structure_parente": parent,
        "source": FICTION,
        "date_maj": day.isoformat(),
    }
    for column in (
        "services",
        "publics",
        "prise_en_charge",
        "dispositifs",
        "formations_labels",
        "modalites_acces",
        "modalites_accompagnement",
        "frais",
    ):
        cells[column] = "|".join(profile.get(column, []))
    return Draft(
        kind=kind, commune=commune, cells={column: cells[column] for column in ACTOR_COLUMNS}
    )


# -- the ecosystem ------------------------------------------------------------------------------
@dataclass
class Demo:
    """The built demo: actors, partnerships, personae, and facts the README states."""

    actors: list[Draft]
    links: Links
    personae: list[dict]
    white_zones: list[tuple[str, str]]
    isolated: Draft
    pivot: Draft
    satellites: list[Draft]
    history: History


def _by_code(communes: Sequence[Commune], code: str, name: str) -> Commune:
    commune = next(c for c in communes if c.code == code)
    if commune.nom != name:
        raise RuntimeError(f"{code} is {commune.nom}, expected {name}")
    return commune


def build_ecosystem(communes: Sequence[Commune]) -> Demo:
    """Draw the actors, then the partnerships, then the personae (one seeded RNG, fixed order)."""
    rng = random.Random(SEED)
    zones = white_zones(communes)
    blank = {code for code, _ in zones}
    open_communes = [c for c in communes if c.epci_code not in blank]
    by_dept = {d: [c for c in open_communes if c.departement == d] for d in DEPARTEMENTS}
    amiens = _by_code(communes, "80021", "Amiens")
    laon = _by_code(communes, "02408", "Laon")
    saint_quentin = _by_code(communes, "02691", "Saint-Quentin")
    vervins = _by_code(communes, "02789", "Vervins")
    prefectures = {"02": laon, "60": _by_code(communes, "60057", "Beauvais"), "80": amiens}

    ids: dict[str, int] = {}
    actors: list[Draft] = []

    def add(kind: str, commune: Commune, **options) -> Draft:
        draft = make_actor(rng, kind, commune, ids, **options)
        actors.append(draft)
        return draft

    hub = add("hub", amiens)
    association = add("association", amiens)
    union = add("union", amiens)
    federation = add("federation", saint_quentin)
    resources = add("ressources", laon)
    departements = {d: add("departement", prefectures[d]) for d in DEPARTEMENTS}
    for d in DEPARTEMENTS:
        towns = sorted(by_dept[d], key=lambda c: (-c.population, c.code))[:4]
        towns = [t for t in towns if t != amiens]
        add("antenne", rng.choice(towns), parent=association.id)

    fs_communes: list[Commune] = []
    for d in DEPARTEMENTS:
        forced = [vervins] if d == "02" else []
        fs_communes += forced + place(
            rng,
            [c for c in by_dept[d] if c not in forced],
            12 - len(forced),
            min_population=1000,
            exponent=0.5,
            spacing_km=12,
            taken=forced,
        )
    fixed_fs = {
        c.code: add("france_services", c) for c in sorted(fs_communes, key=lambda c: c.code)
    }

    # Kind → number of actors over the three départements, and how they are drawn.
    kinds: tuple[tuple[str, int, dict], ...] = (
        (
            "mediatheque",
            45,
            {"min_population": 1500, "exponent": 0.8, "per_commune": _big_towns(20000)},
        ),
        ("ccas", 30, {"min_population": 3000}),
        ("centre_social", 30, {"min_population": 2000, "per_commune": _big_towns(15000)}),
        (
            "mairie",
            30,
            {"min_population": 500, "max_population": 8000, "exponent": 0.5, "spacing_km": 5},
        ),
        ("mission_locale", 9, {"min_population": 5000, "spacing_km": 20}),
        ("epn", 25, {"min_population": 800, "exponent": 0.7}),
    )
    for kind, total, options in kinds:
        for d, count in share_by_population(total, communes).items():
            for commune in place(rng, by_dept[d], count, **options):
                add(kind, commune)

    # One itinerant bus per département, stopping in villages with no actor within 4 km.
    hosts = [a.commune for a in actors]
    for d in DEPARTEMENTS:
        base = vervins if d == "02" else rng.choice([c for c in fs_communes if c.departement == d])
        villages = sorted(
            (
                c
                for c in by_dept[d]
                if c.population < 1500
                and distance_km(c, base) <= 25
                and all(distance_km(c, h) > 4 for h in hosts)
            ),
            key=lambda c: (distance_km(c, base), c.code),
        )[:8]
        parent = fixed_fs.get(base.code)
        add("bus", base, zone=sorted(c.code for c in villages), parent=parent.id if parent else "")

    # The isolated actor and the pendant group hanging on a single mairie.
    isolated = next(a for a in reversed(actors) if a.kind == "epn" and a.commune.population < 5000)
    isolated.detached = True
    hosts = [a.commune for a in actors]
    pivot = min(
        (a for a in actors if a.kind == "mairie" and a.commune.departement == "80"),
        key=lambda a: (a.commune.population, a.id),
    )
    neighbours = sorted(
        (
            c
            for c in by_dept["80"]
            if c.population >= 300 and all(distance_km(c, h) > 3 for h in hosts)
        ),
        key=lambda c: (distance_km(c, pivot.commune), c.code),
    )
    satellites = [add("mediatheque", neighbours[0]), add("epn", neighbours[1])]
    for satellite in satellites:
        satellite.detached = True

    links = _partnerships(
        rng,
        actors,
        hub=hub,
        association=association,
        union=union,
        federation=federation,
        resources=resources,
        departements=departements,
    )
    links.add(
        rng,
        pivot,
        satellites[0],
        "mutualisation",
        "Conseiller numérique partagé entre la mairie et la médiathèque",
    )
    links.add(rng, pivot, satellites[1], "partenariat", "Ateliers numériques tenus ensemble")
    links.add(
        rng, satellites[0], satellites[1], "co_organisation", "Après-midi numériques du village"
    )
    history = build_history(
        actors, links, organisers=[hub, association, union, federation, resources], amiens=amiens
    )
    personae = _personae(communes, actors, resources=resources)
    return Demo(actors, links, personae, zones, isolated, pivot, satellites, history)


def _nearest(actor: Draft, candidates: Iterable[Draft], *, max_km: float = math.inf) -> list[Draft]:
    """Candidates within ``max_km`` of ``actor`` (itself and detached actors excluded), nearest first."""
    ranked = sorted(
        (
            (distance_km(actor.commune, other.commune), other.id, other)
            for other in candidates
            if other.id != actor.id and not other.detached
        ),
    )
    return [other for distance, _, other in ranked if distance <= max_km]


def _partnerships(
    rng: random.Random,
    actors: Sequence[Draft],
    *,
    hub: Draft,
    association: Draft,
    union: Draft,
    federation: Draft,
    resources: Draft,
    departements: dict[str, Draft],
) -> Links:
    links = Links()
    live = [a for a in actors if not a.detached]

    def of(*kinds: str) -> list[Draft]:
        return [a for a in live if a.kind in kinds]

    # The local Numérique en Commun[s] event and its organisers.
    event = "Organisation de l'événement Numérique en Commun[s] des Pays picards"
    for partner in (association, union, federation, resources, *departements.values()):
        links.add(rng, hub, partner, "co_organisation", event, debut=2025)
    for partner in of("mission_locale", "antenne"):
        if rng.random() < 0.5:
            links.add(
                rng,
                hub,
                partner,
                "co_organisation",
                "Atelier animé lors de l'événement Numérique en Commun[s]",
                debut=2025,
            )

    # Money flows from the hub and the départements.
    links.add(
        rng, hub, association, "financement", "Subvention pour le reconditionnement de matériel"
    )
    links.add(
        rng, hub, resources, "financement", "Formation des aidants au repérage de l'illettrisme"
    )
    links.add(rng, departements["02"], resources, "financement", "Convention annuelle d'objectifs")
    for actor in of("mairie", "epn"):
        if rng.random() < 0.4:
            links.add(rng, hub, actor, "financement", "Chèques d'accompagnement numérique")
    for actor in of("france_services", "bus", "epn", "centre_social"):
        funder = departements[actor.commune.departement]
        if actor.kind in ("france_services", "bus") or rng.random() < 0.5:
            links.add(rng, funder, actor, "financement", "Cofinancement départemental")

    # Networks and their members.
    for actor in of("centre_social"):
        links.add(rng, actor, federation, "membre_de", "Adhérent de la fédération")
    for actor in of("antenne"):
        links.add(rng, actor, association, "membre_de", "Antenne locale de l'association")
    for actor in (association, federation, resources, *of("mission_locale")):
        links.add(rng, actor, union, "membre_de", "Adhérent de l'union")
    for actor in (union, *of("france_services", "bus", "epn", "mairie")):
        links.add(rng, actor, hub, "membre_de", "Membre du réseau régional d'inclusion numérique")
    for actor in of("mediatheque"):
        if "Conseillers numériques" in actor.cells["dispositifs"] or rng.random() < 0.3:
            links.add(
                rng, actor, hub, "membre_de", "Membre du réseau régional d'inclusion numérique"
            )

    # People are sent where they will be helped.
    helpers = of("france_services", "bus")
    learning = of("epn", "antenne", "mediatheque")
    for actor in of("ccas", "centre_social", "mairie"):
        for target in _nearest(actor, helpers)[:1] + _nearest(actor, learning)[:1]:
            links.add(
                rng,
                actor,
                target,
                "orientation",
                "Orientation des personnes pour les démarches en ligne",
            )
    for actor in of("mission_locale"):
        for target in _nearest(actor, of("antenne", "epn"))[:2]:
            links.add(
                rng,
                actor,
                target,
                "orientation",
                "Orientation des jeunes pour s'équiper et se former",
            )
    # The resource centre holds a monthly permanence in every France Services of the Aisne.
    for actor in of("france_services"):
        if actor.commune.departement == "02":
            links.add(
                rng, resources, actor, "partenariat", "Permanence mensuelle du centre ressources"
            )
    for actor in of("bus", "mediatheque", "centre_social"):
        if actor.commune.departement == "02" and rng.random() < 0.45:
            links.add(
                rng,
                actor,
                resources,
                "orientation",
                "Orientation des personnes en situation d'illettrisme",
            )
    for target in _nearest(resources, of("epn", "mediatheque", "antenne"), max_km=60)[:4]:
        links.add(
            rng, resources, target, "orientation", "Suite de parcours après le positionnement"
        )
    for actor in of("bus"):
        for target in _nearest(actor, of("france_services"))[:1]:
            links.add(
                rng, actor, target, "orientation", "Dossiers complexes repris à l'accueil fixe"
            )

    # Working together, mostly within a département, a few across.
    for actor in of("mediatheque"):
        near = [
            o
            for o in _nearest(actor, of("epn", "centre_social", "mairie", "france_services"))
            if o.commune.departement == actor.commune.departement
        ]
        # One or two partners within 20 km; at least the nearest one, however far.
        within = [o for o in near if distance_km(actor.commune, o.commune) <= 20]
        for target in (within or near)[: rng.randint(1, 2)]:
            links.add(rng, actor, target, "partenariat", "Ateliers numériques en commun")
    for actor in of("mission_locale"):
        for target in _nearest(actor, of("france_services"))[:1]:
            links.add(
                rng,
                actor,
                target,
                "partenariat",
                "Permanence de la mission locale à France Services",
            )
    for actor in of("ccas"):
        for target in [
            o for o in _nearest(actor, of("centre_social")) if o.commune == actor.commune
        ][:1]:
            links.add(rng, actor, target, "partenariat", "Suivi commun des familles")
    for actor in of("france_services"):
        across = [
            o
            for o in _nearest(actor, of("france_services"), max_km=25)
            if o.commune.departement != actor.commune.departement
        ]
        for target in across[:1]:
            links.add(
                rng,
                actor,
                target,
                "partenariat",
                "Échanges de pratiques entre France Services voisines",
            )

    # Local events.
    for actor in of("centre_social", "epn"):
        near = _nearest(actor, of("mediatheque", "centre_social", "epn"), max_km=10)
        if near and rng.random() < 0.5:
            links.add(rng, actor, near[0], "co_organisation", "Semaine du numérique locale")
    for actor in of("antenne"):
        others = [a for a in of("antenne") if a.commune.departement != actor.commune.departement]
        links.add(
            rng,
            actor,
            min(others, key=lambda o: o.id),
            "co_organisation",
            "Collecte de matériel commune",
        )

    # Shared means between neighbours.
    for actor in of("mairie"):
        near = _nearest(actor, of("mediatheque", "epn", "mairie"), max_km=15)
        if near:
            links.add(rng, actor, near[0], "mutualisation", "Conseiller numérique partagé")
    for actor in of("france_services"):
        near = _nearest(actor, of("mairie", "mediatheque"), max_km=15)
        if near and rng.random() < 0.5:
            links.add(rng, actor, near[0], "mutualisation", "Salle et ordinateurs partagés")
    return links


# -- history: the event, the ties it created, a survey wave, undated legacy ties ------------------
#: The fictional local Numérique en Commun[s] of the story, and the survey that followed it.
EVENT_ID = "nec-pays-picards-2025"
EVENT_NAME = "Numérique en Commun[s] des Pays picards (fictif)"
EVENT_DAY = dt.date(2025, 10, 16)
#: The survey wave is an event of nature « enquete »: the ties it reported name it in ``origine``.
SURVEY_ID = "enquete-2026-10"
SURVEY_DAY = dt.date(2026, 10, 15)
SURVEY_ORIGIN = SURVEY_ID
LEGACY_ORIGIN = f"{FICTION} — ancien tableau sans dates"
EVENT_COLUMNS = ("id", "nom", "date", "commune", "organisateurs", "participants", "note", "nature")
#: The last day of the story (the survey's): nothing starts or ends after it.
STORY_END = SURVEY_DAY


@dataclass
class History:
    """The dated story added to the partnerships: one event and what followed it."""

    event: dict[str, str]
    survey: dict[str, str]
    created: list[dict[str, str]]
    ended: int
    undated: int
    surveyed: int


def _month(day: dt.date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def _day_after(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randrange((end - start).days + 1))


def build_history(
    actors: Sequence[Draft], links: Links, *, organisers: Sequence[Draft], amiens: Commune
) -> History:
    """Date the demo's partnerships and add the ties born after the event (own seeded RNG).

    Older ties keep their start year; some lose it (an old spreadsheet with no dates) and a
    few ended before the event. Participants are drawn across the three départements; after
    the event, new ties appear among participants (more often, some across départements),
    fewer among the others; the survey of October 2026 declares most of them, and a
    few new ties ended by the autumn.
    """
    rng = random.Random(SEED + 22)
    live = [a for a in actors if not a.detached]
    organiser_ids = {a.id for a in organisers}
    ended = undated = 0
    for row in links.rows:
        if row["debut"] != "2025" and row["type"] in ("membre_de", "orientation") and rng.random() < 0.12:
            row["debut"], row["origine"] = "", LEGACY_ORIGIN
            undated += 1
        elif row["debut"] and int(row["debut"]) <= 2022 and rng.random() < 0.06:
            last = dt.date(2025, 9, 30)
            row["fin"] = _month(_day_after(rng, dt.date(int(row["debut"]) + 1, 1, 1), last))
            ended += 1
    others = [a for a in live if a.id not in organiser_ids and a.kind not in ("departement",)]
    participants = sorted(
        rng.sample([a for a in others if a.kind != "antenne"], 40) + [a for a in others if a.kind == "antenne"],
        key=lambda a: a.id,
    )
    event = {
        "id": EVENT_ID,
        "nom": EVENT_NAME,
        "date": EVENT_DAY.isoformat(),
        "commune": amiens.code,
        "organisateurs": "|".join(a.id for a in organisers),
        "participants": "|".join(a.id for a in participants),
        "note": (
            "Événement fictif de la démonstration : une journée où lieux, associations et "
            "collectivités des trois départements se sont rencontrés."
        ),
        "nature": "rencontre",
    }
    met = list(organisers) + participants
    created = _ties_after_event(rng, links, met, [a for a in others if a not in participants])
    respondents = sorted({actor for row in created for actor in row["declare_par"].split("|") if actor})
    survey = {
        "id": SURVEY_ID,
        "nom": "Enquête sur les partenariats d'octobre 2026 (fictive)",
        "date": SURVEY_DAY.isoformat(),
        "commune": "",
        "organisateurs": organisers[0].id,
        "participants": "|".join(respondents),
        "note": "Vague d'enquête fictive de la démonstration : les participants sont les répondants.",
        "nature": "enquete",
    }
    surveyed = sum(row["origine"] == SURVEY_ORIGIN for row in created)
    return History(event, survey, created, ended, undated, surveyed)


def _ties_after_event(
    rng: random.Random, links: Links, met: Sequence[Draft], absent: Sequence[Draft]
) -> list[dict[str, str]]:
    """New ties after the event: 28 among those who met (half across départements), 6
    between one who came and one who did not, 5 among those who did not come."""
    notes = {
        "partenariat": "Ateliers construits ensemble après la rencontre",
        "orientation": "Orientation des personnes vers un partenaire rencontré",
        "co_organisation": "Journée numérique organisée ensemble",
        "mutualisation": "Matériel et salle mis en commun",
    }
    plans: list[tuple[Draft, Draft, bool]] = []
    for _ in range(400):
        if len(plans) >= 28:
            break
        first, second = rng.sample(list(met), 2)
        across = first.commune.departement != second.commune.departement
        wanted_across = len(plans) % 2 == 1
        if across == wanted_across and (across or distance_km(first.commune, second.commune) <= 40):
            plans.append((first, second, True))
    plans += [(rng.choice(list(met)), rng.choice(list(absent)), False) for _ in range(6)]
    for _ in range(200):
        first, second = rng.sample(list(absent), 2)
        if len(plans) >= 39:
            break
        if first.commune.departement == second.commune.departement:
            plans.append((first, second, False))
    created = []
    for rank, (first, second, at_event) in enumerate(plans):
        kind = rng.choice(tuple(notes))
        ends = sorted((first.id, second.id)) if kind != "orientation" else [first.id, second.id]
        if (ends[0], ends[1], kind) in links.keys or first.id == second.id:
            continue
        links.keys[(ends[0], ends[1], kind)] = None
        start = _day_after(rng, EVENT_DAY + dt.timedelta(days=1), dt.date(2026, 9, 30))
        # Most ties come from the survey a year after the event; the coordinator wrote down
        # the others on the day.
        surveyed = rng.random() < 0.6
        row = {
            "source": ends[0],
            "cible": ends[1],
            "type": kind,
            "poids": str(rng.randint(1, 3)),
            # The survey asked for a month.
            "debut": _month(start) if surveyed else start.isoformat(),
            "fin": "",
            "evenement": EVENT_ID if at_event and rng.random() < 0.8 else "",
            "declare_par": "",
            "note": notes[kind],
            "origine": SURVEY_ORIGIN if surveyed else FICTION,
        }
        if surveyed:
            row["declare_par"] = "|".join(ends if rank % 3 == 0 else ends[:1])
        if rank % 7 == 3 and start + dt.timedelta(days=62) < STORY_END:
            row["fin"] = _month(_day_after(rng, start + dt.timedelta(days=62), STORY_END))
        created.append(row)
    links.rows.extend(created)
    return created


# -- personae -----------------------------------------------------------------------------------
def _personae(
    communes: Sequence[Commune], actors: Sequence[Draft], *, resources: Draft
) -> list[dict]:
    """Four to six personae a Picard coordinator would recognise, in real communes."""

    def nearest(kind: str, commune: Commune) -> str:
        candidates = [a for a in actors if a.kind == kind and not a.detached]
        return min(candidates, key=lambda a: (distance_km(commune, a.commune), a.id)).id

    bus_02 = next(a for a in actors if a.kind == "bus" and a.commune.departement == "02")
    stops = [c for c in communes if c.code in bus_02.cells["zone_intervention"].split("|")]
    village = min(stops, key=lambda c: (c.population, c.code))
    poix = _by_code(communes, "80630", "Poix-de-Picardie")
    creil = _by_code(communes, "60175", "Creil")
    guise = _by_code(communes, "02361", "Guise")
    abbeville = _by_code(communes, "80001", "Abbeville")
    return [
        {
            "id": "retraitee-thierache",
            "nom": "Jeannine, retraitée sans voiture dans un village de Thiérache",
            "description": f"Veuve de 78 ans à {village.nom}, sans voiture ni ordinateur, elle doit "
            "déclarer ses revenus en ligne pour la première fois.",
            "code_insee": village.code,
            "besoins": [ADMIN],
            "publics": ["Seniors"],
            "prise_en_charge": [],
            "mobilite": "pied",
            "premier_contact": None,
        },
        {
            "id": "jeune-demandeur-emploi-somme",
            "nom": "Dylan, jeune demandeur d'emploi dans un bourg de la Somme",
            "description": "À 19 ans, sans permis, il doit s'inscrire à France Travail, déposer un CV en ligne "
            "et répondre aux offres depuis son téléphone.",
            "code_insee": poix.code,
            "besoins": [INSERTION, OUTILS],
            "publics": ["Jeunes"],
            "prise_en_charge": [],
            "mobilite": "velo",
            "premier_contact": nearest("mission_locale", poix),
        },
        {
            "id": "famille-caf-oise",
            "nom": "Samira, mère de trois enfants face aux démarches CAF dans l'Oise",
            "description": "Elle doit actualiser ses droits sur le site de la CAF et suivre la scolarité "
            "de ses enfants sur l'espace numérique du collège.",
            "code_insee": creil.code,
            "besoins": [ADMIN, PARENTALITE],
            "publics": ["Familles et/ou enfants"],
            "prise_en_charge": [],
            "mobilite": "transport",
            "premier_contact": nearest("centre_social", creil),
        },
        {
            "id": "adulte-illettrisme-aisne",
            "nom": "Patrick, adulte en situation d'illettrisme suivi par le centre ressources de l'Aisne",
            "description": "Ouvrier de 48 ans, il lit difficilement et doit désormais consulter ses fiches "
            "de paie et son compte Ameli en ligne.",
            "code_insee": guise.code,
            "besoins": [OUTILS, ADMIN],
            "publics": [],
            "prise_en_charge": ["Illettrisme"],
            "mobilite": "voiture",
            "premier_contact": resources.id,
        },
        {
            "id": "senior-malvoyant-abbeville",
            "nom": "Yves, retraité malvoyant à Abbeville",
            "description": "À 72 ans, sa vue baisse ; il veut apprendre à utiliser son smartphone en "
            "sécurité et éviter les arnaques.",
            "code_insee": abbeville.code,
            "besoins": [SECURITE, OUTILS],
            "publics": ["Seniors"],
            "prise_en_charge": ["Déficience visuelle"],
            "mobilite": "transport",
            "premier_contact": nearest("ccas", abbeville),
        },
    ]


# -- output -------------------------------------------------------------------------------------
def _csv(columns: Sequence[str], rows: Iterable[dict[str, str]]) -> bytes:
    stream = io.StringIO()
    write_csv(stream, rows, columns=columns)
    return stream.getvalue().encode("utf-8")


def _readme(demo: Demo) -> str:
    counts: dict[str, int] = {}
    for actor in demo.actors:
        label = actor.cells["typologie"]
        counts[label] = counts.get(label, 0) + 1
    types: dict[str, int] = {}
    for row in demo.links.rows:
        types[row["type"]] = types.get(row["type"], 0) + 1
    per_dept = {d: sum(a.commune.departement == d for a in demo.actors) for d in DEPARTEMENTS}
    bus_lines = [
        f"- {a.cells['nom']} : {len(a.cells['zone_intervention'].split('|'))} communes desservies"
        for a in demo.actors
        if a.kind == "bus"
    ]
    lines = [
        "# Écosystème de démonstration des Pays picards — FICTIF",
        "",
        (
            "**Toutes les données de ce dossier sont fictives.** Elles servent à essayer nec-network "
            "(réseau, carte, couverture, parcours) sans données réelles. Aucun acteur décrit ici "
            "n'existe sous cette forme : ne l'utilisez pas pour orienter qui que ce soit."
        ),
        "",
        f"Chaque acteur porte la source « {FICTION} » et chaque partenariat la même origine.",
        "",
        "## Ce qui est réel, ce qui ne l'est pas",
        "",
        (
            "- **Réel** : les communes (nom, code INSEE, code postal) et leur point de référence, "
            "issus des données territoriales embarquées dans nec-network ; les acteurs y sont placés "
            "avec la précision « commune »."
        ),
        (
            "- **Fictif** : tout le reste. Les noms sont génériques (« Médiathèque de Guise », "
            "« CCAS de Saint-Quentin ») : ils désignent un type de lieu dans une commune réelle, pas "
            "un établissement existant, et ses services, horaires, dispositifs et partenariats sont "
            "inventés. Les têtes de réseau portent un nom inventé marqué « (fictif) ». Aucune "
            "personne n'est nommée."
        ),
        (
            "- **Contacts** : les courriels sont en `@exemple.invalid` et les sites en "
            "`https://exemple.invalid/…` (domaine réservé, qui n'existe pas). Les téléphones sont "
            "laissés vides : aucune tranche de numéros réservée à la fiction n'a pu être vérifiée en "
            "France, et un numéro plausible pourrait appartenir à quelqu'un. Les adresses valent "
            "« Adresse fictive »."
        ),
        "",
        "## Contenu",
        "",
        (
            f"- `acteurs.csv` : {len(demo.actors)} acteurs (Aisne {per_dept['02']}, Oise {per_dept['60']}, "
            f"Somme {per_dept['80']})."
        ),
        f"- `partenariats.csv` : {len(demo.links.rows)} partenariats.",
        f"- `personae.json` : {len(demo.personae)} personae pour les parcours.",
        "- `evenements.csv` : 1 événement et 1 vague d'enquête, **fictifs** (voir « Histoire datée » plus bas).",
        (
            f"- `ressources.csv` : {len(RESOURCES)} dispositifs sans lieu (lignes d'aide, services en "
            "ligne, accompagnement à domicile), tous **inventés** : leurs noms le disent et leurs liens "
            "pointent vers `exemple.invalid`. Aucun dispositif réel n'est décrit."
        ),
        "",
        "Acteurs par typologie (codes data·inclusion) :",
        "",
        *[f"- {code} : {n}" for code, n in sorted(counts.items())],
        "",
        "Partenariats par type :",
        "",
        *[f"- {kind} : {n}" for kind, n in sorted(types.items())],
        "",
        "## Comment il est construit",
        "",
        (
            "Le script `scripts/build_demo.py` (graine aléatoire fixe "
            f"{SEED}) reproduit les rôles vus lors d'un événement Numérique en Commun[s] local : un "
            "hub régional qui coordonne et a organisé l'événement, une association qui donne accès au "
            "matériel, à la connexion et aux compétences, une union d'organismes sanitaires et sociaux, "
            "une fédération de centres sociaux, un centre ressources illettrisme et illectronisme "
            "(Aisne), les trois départements financeurs, puis les lieux où les gens vont : France "
            "Services fixes et bus itinérants, médiathèques, CCAS, centres sociaux, mairies avec "
            "conseiller numérique, missions locales, espaces publics numériques."
        ),
        "",
        (
            "Les lieux sont tirés au sort parmi les communes réelles, pondérés par la population : plus "
            "dans les villes, peu ou rien dans les villages. Deux exécutions donnent les mêmes fichiers."
        ),
        "",
        "Bus itinérants (le champ `zone_intervention` liste les codes INSEE des arrêts) :",
        "",
        *bus_lines,
        "",
        "## Ce que les analyses doivent trouver",
        "",
        "- **Zones blanches volontaires** : aucun acteur local dans l'intercommunalité la moins "
        "peuplée de chaque département (8 communes ou plus) : "
        + " ; ".join(f"{name} ({code})" for code, name in demo.white_zones)
        + ".",
        f"- **Acteur isolé** : « {demo.isolated.cells['nom']} » ({demo.isolated.id}) n'a aucun partenariat.",
        f"- **Point d'articulation** : si « {demo.pivot.cells['nom']} » ({demo.pivot.id}) disparaît, "
        + " et ".join(f"« {s.cells['nom']} »" for s in demo.satellites)
        + " perdent leur seul lien avec le reste du réseau.",
        "",
        *_history_lines(demo),
        "## Personae",
        "",
        *[f"- `{p['id']}` — {p['nom']} : {p['description']}" for p in demo.personae],
        "",
        "Régénérer : `python scripts/build_demo.py`.",
        "",
    ]
    return "\n".join(lines)


def _history_lines(demo: Demo) -> list[str]:
    history = demo.history
    event = history.event
    created = history.created
    among = sum(row["evenement"] == EVENT_ID for row in created)
    ended_new = sum(bool(row["fin"]) for row in created)
    participants = len(event["participants"].split("|"))
    organisers = len(event["organisateurs"].split("|"))
    return [
        "## Histoire datée (fictive)",
        "",
        (
            f"Les partenariats sont datés (`debut`, `fin`) autour d'un événement **inventé** : « {event['nom']} », "
            f"le {EVENT_DAY.day} octobre {EVENT_DAY.year} à Amiens (`{EVENT_ID}` dans `evenements.csv`), "
            f"{organisers} organisateurs et {participants} participants tirés au sort parmi les acteurs fictifs."
        ),
        "",
        f"- **Liens nés après l'événement** : {len(created)}, dont {among} portent `evenement = {EVENT_ID}` "
        f"(rencontrés ce jour-là) ; la moitié de ceux entre participants relient deux départements ; "
        f"{ended_new} ont déjà pris fin.",
        f"- **Enquête** : {history.surveyed} de ces liens viennent de l'enquête fictive d'octobre 2026 "
        f"(`{SURVEY_ID}` dans `evenements.csv`, nature « enquete » ; leur `origine` la nomme, "
        "`declare_par` dit qui les a déclarés) ; les autres ont été notés au jour près par "
        "le hub. L'enquête est la date de référence des analyses dans le temps.",
        f"- **Liens anciens sans date** : {history.undated} (origine « {LEGACY_ORIGIN} ») ; ils "
        "comptent comme « non datés », jamais comme nouveaux.",
        f"- **Liens terminés avant l'événement** : {history.ended}.",
        "",
    ]


#: Schemes without a place, one or more per difficulty: invented, named and linked as such.
RESOURCES: tuple[dict[str, str], ...] = (
    {"nom": "Ligne d'écoute numérique des Pays picards (fictive)", "difficulte": "demarches|bases|securite",
     "lien": "https://exemple.invalid/ligne-ecoute",
     "description": "Dispositif fictif : un médiateur rappelle la personne et la guide pas à pas au téléphone.",
     "public": ""},
    {"nom": "Accompagnement à domicile (fictif)", "difficulte": "demarches|bases",
     "lien": "https://exemple.invalid/domicile",
     "description": "Dispositif fictif : un conseiller se déplace chez les personnes qui ne peuvent pas se déplacer.",
     "public": "Handicaps moteurs"},
    {"nom": "Prêt de tablettes avec connexion (fictif)", "difficulte": "equipement",
     "lien": "https://exemple.invalid/pret-tablettes",
     "description": "Dispositif fictif : une tablette et un forfait prêtés trois mois, remis par le bus numérique.",
     "public": ""},
    {"nom": "Tutoriels vidéo « Premiers pas » (fictifs)", "difficulte": "bases",
     "lien": "https://exemple.invalid/premiers-pas",
     "description": "Série fictive de courtes vidéos sous-titrées pour se servir d'un smartphone.",
     "public": "Seniors"},
    {"nom": "Signalement d'arnaques en ligne (fictif)", "difficulte": "securite",
     "lien": "https://exemple.invalid/arnaques",
     "description": "Service fictif : on y décrit un message suspect et un médiateur répond sous 48 heures.",
     "public": ""},
    {"nom": "Ateliers parents-enfants en visio (fictifs)", "difficulte": "parentalite",
     "lien": "https://exemple.invalid/parents",
     "description": "Rendez-vous fictifs en ligne pour comprendre l'espace numérique du collège.",
     "public": "Familles et/ou enfants"},
    {"nom": "Plateforme « Premier emploi » (fictive)", "difficulte": "emploi",
     "lien": "https://exemple.invalid/premier-emploi",
     "description": "Service fictif : aide en ligne pour écrire un CV et répondre aux offres depuis un téléphone.",
     "public": "Jeunes"},
    {"nom": "Lettre « Comprendre le numérique » (fictive)", "difficulte": "comprendre",
     "lien": "https://exemple.invalid/lettre",
     "description": "Lettre fictive mensuelle qui explique en mots simples un sujet numérique.", "public": ""},
    {"nom": "Défi créatif en ligne (fictif)", "difficulte": "loisirs",
     "lien": "https://exemple.invalid/defi",
     "description": "Jeu fictif : un thème par mois pour créer une image, un son ou une vidéo.", "public": ""},
)
RESOURCE_COLUMNS = ("nom", "difficulte", "lien", "description", "public")


def build() -> dict[str, bytes]:
    """The demo files, name → content (deterministic)."""
    demo = build_ecosystem(picardy_communes())
    personae = json.dumps(demo.personae, ensure_ascii=False, indent=2) + "\n"
    return {
        "acteurs.csv": _csv(ACTOR_COLUMNS, (a.cells for a in demo.actors)),
        "partenariats.csv": _csv(PARTNERSHIP_COLUMNS, demo.links.rows),
        "personae.json": personae.encode("utf-8"),
        "ressources.csv": _csv(RESOURCE_COLUMNS, RESOURCES),
        "evenements.csv": _csv(EVENT_COLUMNS, [demo.history.event, demo.history.survey]),
        "README.md": _readme(demo).encode("utf-8"),
    }


def main() -> int:
    for name, content in build().items():
        (OUTPUT / name).write_bytes(content)
        print(f"{OUTPUT / name} ({len(content)} octets)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
