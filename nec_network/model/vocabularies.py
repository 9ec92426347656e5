"""The shared vocabularies, defined once: every reader and writer maps to them.

Values come from ``data/vocabularies.json``, built by
``scripts/build_vocabularies.py`` from registry packages (the ANCT's
``@gouvfr-anct/lieux-de-mediation-numerique`` for the national standard, v1 and
v0, and ``data-inclusion-schema`` for the labels of the structure typologies).
The v0 → v1 mapping tables below are ours: they say where each value of the old
standard lands in the new one.
"""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources
from typing import Protocol, TypeVar

from nec_network.tables import split_list
from nec_network.text import normalize_name

#: Distinct list cells a vocabulary remembers (:meth:`Vocabulary.match_list`) before starting afresh.
_REMEMBERED_LISTS = 1 << 14


@cache
def _document() -> dict:
    text = resources.files("nec_network.model").joinpath("data/vocabularies.json").read_text("utf-8")
    return json.loads(text)


class _Coded(Protocol):
    @property
    def code(self) -> str: ...


_Record = TypeVar("_Record", bound=_Coded)


def _by_code(*records: _Record) -> dict[str, _Record]:
    """A vocabulary's records keyed by their code, in the order given.

    Two records with one code would silently hide the first: it is refused.

    >>> _by_code(Frequency("rare", "Rarement", 1.0), Frequency("rare", "Peu", 0.5))
    Traceback (most recent call last):
    ValueError: duplicate code in a vocabulary: rare
    """
    table = {record.code: record for record in records}
    if len(table) != len(records):
        seen = [record.code for record in records]
        doubled = sorted({code for code in seen if seen.count(code) > 1})
        raise ValueError(f"duplicate code in a vocabulary: {', '.join(doubled)}")
    return table


@dataclass(frozen=True)
class Vocabulary:
    """A closed list of values with tolerant matching.

    >>> SERVICES.match("aide aux demarches administratives")
    'Aide aux démarches administratives'
    >>> SERVICES.suggest("Aide aux démarche administrative")
    'Aide aux démarches administratives'
    """

    name: str
    title: str
    values: tuple[str, ...]
    #: Other names of the values, value → name (the French labels of typology codes): matched
    #: and suggested as the value they name.
    labels: tuple[tuple[str, str], ...] = ()

    def __contains__(self, value: object) -> bool:
        return value in self.values

    def __iter__(self):
        return iter(self.values)

    def __len__(self) -> int:
        return len(self.values)

    def match(self, value: str) -> str | None:
        """Return the canonical value equal to ``value`` up to case, accents and punctuation.

        For values of the form ``"Label : explanation"`` (v0 style) the label alone matches too.
        """
        return self._index.get(normalize_name(value))

    def match_list(self, text: str) -> tuple[tuple[str, str | None], ...]:
        """Each item of a ``|``-separated cell with its canonical value (:meth:`match`, None when
        unknown), remembered per distinct text: a national file repeats the same cells on
        thousands of rows.

        >>> SERVICES.match_list("aide aux demarches administratives| Cuisine")
        (('aide aux demarches administratives', 'Aide aux démarches administratives'), ('Cuisine', None))
        """
        found = self._lists.get(text)
        if found is None:
            if len(self._lists) >= _REMEMBERED_LISTS:
                self._lists.clear()
            found = self._lists[text] = tuple((item, self.match(item)) for item in split_list(text))
        return found

    @cached_property
    def _lists(self) -> dict[str, tuple[tuple[str, str | None], ...]]:
        return {}

    def canonical_list(self, text: str) -> tuple[str, ...] | None:
        """The values of a ``|``-separated cell when each one is written as its canonical value
        and none is repeated (nearly every cell of a file: nothing to correct or report), else
        None; remembered per distinct text, like :meth:`match_list`.

        >>> SERVICES.canonical_list("Aide aux démarches administratives| ")
        ('Aide aux démarches administratives',)
        >>> SERVICES.canonical_list("aide aux demarches administratives") is None
        True
        """
        if text in self._canonical:
            return self._canonical[text]
        items = self.match_list(text)
        values = tuple(item for item, _ in items)
        exact = all(item == canonical for item, canonical in items) and len(set(values)) == len(values)
        if len(self._canonical) >= _REMEMBERED_LISTS:
            self._canonical.clear()
        found = self._canonical[text] = values if exact else None
        return found

    @cached_property
    def _canonical(self) -> dict[str, tuple[str, ...] | None]:
        return {}

    def suggest(self, value: str) -> str | None:
        """Return the closest valid value, or None when nothing is reasonably close."""
        keys = self._keys
        close = difflib.get_close_matches(normalize_name(value), list(keys), n=1, cutoff=0.6)
        return keys[close[0]] if close else None

    @cached_property
    def _index(self) -> dict[str, str]:
        """Comparison key (of the value, and of its label before `` : ``) → value; built once,
        since it is looked up for every cell of every row (the first value wins a shared key)."""
        index: dict[str, str] = {}
        for candidate in self.values:
            index.setdefault(normalize_name(candidate), candidate)
            index.setdefault(normalize_name(candidate.split(" : ")[0]), candidate)
        for value, label in self.labels:
            index.setdefault(normalize_name(label), value)
        return index

    @cached_property
    def _keys(self) -> dict[str, str]:
        keys = {normalize_name(label): value for value, label in self.labels}
        return keys | {normalize_name(candidate): candidate for candidate in self.values}


def _vocabulary(version: str, name: str, title: str) -> Vocabulary:
    return Vocabulary(name=name, title=title, values=tuple(_document()[version][name]))


SERVICES = _vocabulary("v1", "services", "Services")
PUBLICS = _vocabulary("v1", "publics_specifiquement_adresses", "Publics spécifiquement adressés")
PRISE_EN_CHARGE = _vocabulary("v1", "prise_en_charge_specifique", "Prise en charge spécifique")
FRAIS = _vocabulary("v1", "frais_a_charge", "Frais à charge")
DISPOSITIFS = _vocabulary("v1", "dispositif_programmes_nationaux", "Dispositifs et programmes nationaux")
MODALITES_ACCES = _vocabulary("v1", "modalites_acces", "Modalités d'accès")
MODALITES_ACCOMPAGNEMENT = _vocabulary("v1", "modalites_accompagnement", "Modalités d'accompagnement")
ITINERANCE = _vocabulary("v1", "itinerance", "Itinérance")
FORMATIONS_LABELS = _vocabulary("v1", "formations_labels", "Formations et labels")

#: Structure typologies: data·inclusion codes → French labels.
TYPOLOGY_LABELS: dict[str, str] = dict(_document()["typologies"])
#: The typology codes, also matched by their French label (``Mairie`` → ``MUNI``).
TYPOLOGIES = Vocabulary(
    name="typologie", title="Typologie", values=tuple(TYPOLOGY_LABELS), labels=tuple(TYPOLOGY_LABELS.items())
)

V0_SERVICES = _vocabulary("v0", "services", "Services (v0)")
V0_PUBLICS = _vocabulary("v0", "publics_accueillis", "Publics accueillis (v0)")
V0_CONDITIONS_ACCES = _vocabulary("v0", "conditions_acces", "Conditions d'accès (v0)")
V0_LABELS_NATIONAUX = _vocabulary("v0", "labels_nationaux", "Labels nationaux (v0)")
V0_MODALITES_ACCOMPAGNEMENT = _vocabulary("v0", "modalites_accompagnement", "Modalités d'accompagnement (v0)")

#: The one value whose spelling differs between the ANCT library and the official v1 schema.
SCHEMA_V1_SPELLING = {"Étapes numériques (La Poste)": "Étapes numériques(La Poste)"}

_ADMIN = "Aide aux démarches administratives"
_OUTILS = "Maîtrise des outils numériques du quotidien"
_ACCES = "Accès internet et matériel informatique"
_INSERTION = "Insertion professionnelle via le numérique"
_MONDE = "Compréhension du monde numérique"

#: v0 service → v1 service.
V0_SERVICE_TO_V1: dict[str, str] = {
    "Accéder à du matériel": _ACCES,
    "Accéder à une connexion internet": _ACCES,
    "Accompagner les démarches de santé": _ADMIN,
    "Approfondir ma culture numérique": _MONDE,
    "Créer avec le numérique": "Loisirs et créations numériques",
    "Créer et développer mon entreprise": _INSERTION,
    "Devenir autonome dans les démarches administratives": _ADMIN,
    "Favoriser mon insertion professionnelle": _INSERTION,
    "Prendre en main un ordinateur": _OUTILS,
    "Prendre en main un smartphone ou une tablette": _OUTILS,
    "Promouvoir la citoyenneté numérique": _MONDE,
    "Réaliser des démarches administratives avec un accompagnement": _ADMIN,
    "S'équiper en matériel informatique": "Acquisition de matériel informatique à prix solidaire",
    "Utiliser le numérique au quotidien": _OUTILS,
    "Soutenir la parentalité et l'éducation avec le numérique": "Parentalité et éducation avec le numérique",
}

#: v0 public accueilli → (v1 field, v1 value); ``None`` when v1 has no equivalent ("Adultes" is everyone).
V0_PUBLIC_TO_V1: dict[str, tuple[str, str] | None] = {
    "Adultes": None,
    "Déficience visuelle": ("prise_en_charge", "Déficience visuelle"),
    "Familles/enfants": ("publics", "Familles et/ou enfants"),
    "Handicaps psychiques : troubles psychiatriques donnant lieu à des atteintes comportementales": (
        "prise_en_charge",
        "Handicaps mentaux",
    ),
    "Jeunes (16-26 ans)": ("publics", "Jeunes"),
    "Public langues étrangères": ("prise_en_charge", "Langues étrangères (autres)"),
    "Seniors (+ 65 ans)": ("publics", "Seniors"),
    "Surdité": ("prise_en_charge", "Surdité"),
    "Uniquement femmes": ("publics", "Femmes"),
    "Handicaps mentaux : déficiences limitant les activités d'une personne": (
        "prise_en_charge",
        "Handicaps mentaux",
    ),
    "Personnes en situation d'illettrisme": ("prise_en_charge", "Illettrisme"),
}

#: v0 condition d'accès → v1 frais à charge (a membership fee is a cost; a Pass numérique makes it free under condition).
V0_CONDITION_TO_FRAIS: dict[str, str] = {
    "Adhésion : L'accès au lieu et/ou à ses services nécessite d'y adhérer": "Payant",
    "Gratuit : Je peux accéder gratuitement au lieu et à ses services": "Gratuit",
    "Gratuit sous condition : La gratuité est conditionnée à des critères (situation familiale, convention avec un organisme social...)": "Gratuit sous condition",
    "Accepte le Pass numérique : Il est possible d'utiliser un Pass numérique pour accéder au lieu": "Gratuit sous condition",
    "Payant : L'accès au lieu et/ou à ses services est payant": "Payant",
}

#: v0 label national → (v1 field, v1 value); ``None`` when v1 has no equivalent (kept aside as an extra attribute).
V0_LABEL_TO_V1: dict[str, tuple[str, str] | None] = {
    "Aidants Connect": ("dispositifs", "Aidants Connect"),
    "APTIC": None,
    "Campus connecté": None,
    "CNFS": ("dispositifs", "Conseillers numériques"),
    "Fabriques de Territoire": ("formations_labels", "Fabriques de Territoire"),
    "France Services": ("dispositifs", "France Services"),
    "French Tech": None,
    "Grandes écoles du numérique": ("dispositifs", "Grande école du numérique"),
    "Point numérique CAF": ("dispositifs", "Point d'accès numérique CAF"),
    "Point relais CAF": ("dispositifs", "Point d'accès numérique CAF"),
    "Relais pôle emploi": None,
}

#: v0 modalité d'accompagnement → v1 modalité d'accompagnement.
V0_MODALITE_TO_V1: dict[str, str] = {
    "A ma place : une personne habilitée fait les démarches à ma place": "Accompagnement individuel",
    "Avec de l'aide : je suis accompagné seul dans l'usage du numérique": "Accompagnement individuel",
    "Dans un atelier : j'apprends collectivement à utiliser le numérique": "Dans un atelier collectif",
    "Seul : j'ai accès à du matériel et une connexion": "En autonomie",
}


@dataclass(frozen=True)
class Difficulty:
    """A difficulty a person brings to a helper, in plain words, and the v1 services that answer it."""

    code: str
    label: str
    services: tuple[str, ...]


#: Difficulties in plain words (what a helper hears), each answered by v1 services; every
#: v1 service answers exactly one difficulty. The ``code`` goes into the orientation page's address.
DIFFICULTIES: dict[str, Difficulty] = _by_code(
    Difficulty("demarches", "Faire une démarche en ligne", (_ADMIN,)),
    Difficulty(
        "equipement",
        "Avoir un ordinateur ou une connexion",
        (_ACCES, "Acquisition de matériel informatique à prix solidaire"),
    ),
    Difficulty("bases", "Apprendre les bases (ordinateur, smartphone, courriel)", (_OUTILS,)),
    Difficulty("securite", "Sécurité, arnaques : se protéger en ligne", ("Utilisation sécurisée du numérique",)),
    Difficulty("parentalite", "Accompagner son enfant dans le numérique", ("Parentalité et éducation avec le numérique",)),
    Difficulty("emploi", "Trouver un emploi, se former", (_INSERTION,)),
    Difficulty("comprendre", "Comprendre le monde numérique", (_MONDE,)),
    Difficulty("loisirs", "Créer, se divertir avec le numérique", ("Loisirs et créations numériques",)),
)


def find_difficulty(value: str) -> Difficulty | None:
    """The difficulty named by its code, its label or one of its v1 services (tolerant spelling).

    >>> find_difficulty("Aide aux demarches administratives").code, find_difficulty("emploi").label
    ('demarches', 'Trouver un emploi, se former')
    """
    key = normalize_name(value)
    for difficulty in DIFFICULTIES.values():
        names = (difficulty.code, difficulty.label, *difficulty.services)
        if key in {normalize_name(name) for name in names}:
            return difficulty
    return None


@dataclass(frozen=True)
class PartnershipType:
    """A kind of partnership: its code, French label and whether it has a direction."""

    code: str
    label: str
    directed: bool
    description: str


PARTNERSHIP_TYPES: dict[str, PartnershipType] = _by_code(
    PartnershipType("partenariat", "Partenariat", False, "Travail commun régulier entre deux acteurs."),
    PartnershipType("orientation", "Orientation", True, "La source oriente des personnes vers la cible."),
    PartnershipType("financement", "Financement", True, "La source finance la cible."),
    PartnershipType("membre_de", "Membre de", True, "La source est membre du réseau cible."),
    PartnershipType("co_organisation", "Co-organisation", False, "Événements ou actions organisés ensemble."),
    PartnershipType("mutualisation", "Mutualisation", False, "Moyens partagés (locaux, matériel, postes)."),
)
#: The French label of each partnership type, by code.
PARTNERSHIP_LABELS: dict[str, str] = {code: kind.label for code, kind in PARTNERSHIP_TYPES.items()}
PARTNERSHIP_VOCABULARY = Vocabulary(
    name="type", title="Type de partenariat", values=tuple(PARTNERSHIP_TYPES)
)

#: How a survey asks for each kind of relation, in the respondent's words: (type code,
#: direction, phrase). ``vers_partenaire``: the respondent is the source; ``du_partenaire``:
#: the partner is (for the directed types, whose two directions people tell apart).
SURVEY_RELATIONS: tuple[tuple[str, str, str], ...] = (
    ("partenariat", "vers_partenaire", "Nous travaillons ensemble régulièrement"),
    ("orientation", "vers_partenaire", "Nous leur orientons des personnes"),
    ("orientation", "du_partenaire", "Ils nous orientent des personnes"),
    ("co_organisation", "vers_partenaire", "Nous organisons des actions ou des événements ensemble"),
    ("mutualisation", "vers_partenaire", "Nous partageons des moyens (locaux, matériel, postes)"),
    ("financement", "du_partenaire", "Ils nous financent"),
    ("financement", "vers_partenaire", "Nous les finançons"),
    ("membre_de", "vers_partenaire", "Nous sommes membres de leur réseau"),
    ("membre_de", "du_partenaire", "Ils sont membres de notre réseau"),
)
#: Directions of a declared relation (the survey's column ``sens``).
SURVEY_DIRECTIONS = ("vers_partenaire", "du_partenaire")


@dataclass(frozen=True)
class Frequency:
    """How often two actors work together (a survey's answer) and the weight it gives the link."""

    code: str
    label: str
    weight: float


#: Frequencies a survey offers, the most frequent first; the weight becomes the link's ``poids``.
FREQUENCIES: dict[str, Frequency] = _by_code(
    Frequency("hebdomadaire", "Chaque semaine", 4.0),
    Frequency("mensuelle", "Chaque mois", 3.0),
    Frequency("occasionnelle", "Quelques fois par an", 2.0),
    Frequency("rare", "Rarement (une fois par an ou moins)", 1.0),
)
#: The trust questions of the PARTNER tool (1 = pas du tout … 4 = tout à fait), by column.
TRUST_QUESTIONS: dict[str, str] = {
    "fiabilite": "Cette structure tient ses engagements.",
    "objectifs_communs": "Cette structure partage nos objectifs pour les habitants.",
    "ouverture": "Cette structure est ouverte à la discussion.",
}
#: The answers of a trust question, by value.
TRUST_SCALE: dict[str, str] = {"1": "Pas du tout", "2": "Un peu", "3": "Plutôt", "4": "Tout à fait"}
#: Columns of the file the survey page produces, which ``import MODELE REPONSES.csv:enquete``
#: reads (a long table needs only ``repondant`` and ``partenaire``).
SURVEY_COLUMNS: tuple[str, ...] = (
    "repondant_id", "repondant", "repondant_commune", "partenaire_id", "partenaire", "partenaire_commune",
    "type", "sens", "debut", "fin", "evenement", "frequence", *TRUST_QUESTIONS, "apports", "commentaire",
    "date_reponse", "vague",
)  # fmt: skip
#: What a partner brings (PARTNER's « valeur »), by code: the survey's column ``apports``.
CONTRIBUTIONS: dict[str, str] = {
    "savoir_faire": "Un savoir-faire ou une expertise",
    "publics": "Des personnes accompagnées, orientées vers nous",
    "moyens": "Des locaux, du matériel ou du temps de personnel",
    "financement": "Un financement",
    "reseau": "Des contacts, un réseau",
    "visibilite": "De la visibilité, de la communication",
}

#: Precision of an actor's coordinates.
PRECISIONS: dict[str, str] = {
    "adresse": "géocodé à l'adresse",
    "commune": "placé au centre de la commune",
    "saisie": "coordonnées saisies par la source",
}
