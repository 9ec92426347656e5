"""data·inclusion: structures and services of the ``data-inclusion-schema`` package (v1).

**Writing** (:func:`write_inclusion`): one :class:`~data_inclusion.schema.v1.Structure`
per actor in ``structures.json`` and one :class:`~data_inclusion.schema.v1.Service`
per actor that has services in ``services.json``, each validated by the
package's pydantic model before it is written. Ids are ``nec-network--<id>``
(service: ``nec-network--<id>--numerique``); ``source`` is the slug of the
actor's source (``nec-network`` when it has none).

Our vocabularies map onto the schema's as follows (writing; reading applies
the inverse where it is unambiguous):

===========================================================  ================================================
ours                                                         data·inclusion
===========================================================  ================================================
Aide aux démarches administratives                           numerique--acceder-a-des-services-en-ligne
Maîtrise des outils numériques du quotidien,                 numerique--maitriser-les-fondamentaux-du-numerique
Compréhension du monde numérique, Utilisation sécurisée du   (read back as « Maîtrise des outils numériques
numérique, Parentalité et éducation avec le numérique,       du quotidien »)
Loisirs et créations numériques
Accès internet et matériel informatique                      numerique--acceder-a-une-connexion-internet
Acquisition de matériel informatique à prix solidaire        numerique--acceder-a-une-connexion-internet +
                                                             numerique--acquerir-un-equipement (read back from
                                                             acquerir-un-equipement)
Insertion professionnelle via le numérique                   preparer-sa-candidature--organiser-ses-demarches-
                                                             de-recherche-demploi (read back only next to a
                                                             ``numerique--`` thématique of the same service)
publics Jeunes, Étudiants, Familles et/ou enfants, Seniors,  jeunes, etudiants, familles, seniors, femmes;
Femmes; prise en charge of a handicap (surdité, handicaps    personnes-en-situation-de-handicap (not read back:
moteurs/mentaux, déficience visuelle)                        which handicap is unknown); none → tous-publics
frais Payant / Gratuit / Gratuit sous condition              payant / gratuit / gratuit + ``frais_precisions``
                                                             « Gratuit sous condition »
modalité d'accompagnement « À distance »; any other or none  modes_accueil a-distance; en-presentiel
modalités d'accès Se présenter, Téléphoner, Contacter par    modes_mobilisation se-presenter, telephoner,
mail / Envoyer un mail avec une fiche de prescription,       envoyer-un-courriel, utiliser-lien-mobilisation
Prendre un RDV en ligne                                      (with ``lien_mobilisation`` = prise_rdv)
typologies and dispositifs                                   reseaux_porteurs (:data:`TYPOLOGY_TO_RESEAU`,
                                                             :data:`DISPOSITIF_TO_RESEAU`)
horaires, zone d'intervention, présentation, SIRET           horaires_accueil, zone_eligibilite, description,
                                                             siret
===========================================================  ================================================

The models ignore unknown keys, so every template column that the schema
cannot carry exactly is also written as an extra key ``nec_<column>`` (the
template cell: ``nec_typologie``, ``nec_services``, ``nec_publics``,
``nec_itinerance``… and ``nec_<key>`` for each of ``Actor.extra``). When a
structure has ``nec_`` keys, they are authoritative on reading and the round
trip is lossless; without them (data from elsewhere) the inverse tables apply.
Fields that survive without the extra keys: id, nom, adresse, complément, code
postal, commune, code INSEE, coordinates, téléphone, first valid courriel,
first http(s) site web, horaires, présentation, SIRET, date, zone, and the
services, publics, frais and modalités as far as the table above goes.

**Reading** (:func:`read_inclusion`): a folder with ``structures.json`` (or
``.csv``) and optional ``services.json`` (or ``.csv``), or a single structures
file. ``rows_read`` counts structures and services **together**; a service
merged into its structure counts as imported, one naming an unknown structure
is rejected.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import enum
import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pydantic
from data_inclusion.schema import v1 as di

from nec_network import codes
from nec_network.text import normalize_name
from nec_network.errors import DataError
from nec_network.io._values import RowContext
from nec_network.io.mednum import french_phone
from nec_network.io.output import write_output
from nec_network.io.report import Problem, Report
from nec_network.tables import cell_text, clean_cell, json_records, read_json, read_table, split_list
from nec_network.io.template import ACTOR_COLUMNS, actor_from_row, actor_row
from nec_network.io.validation import admit_actors
from nec_network.model import Actor, Ecosystem
from nec_network.model import vocabularies as voc

STRUCTURES_FILE = "structures.json"
SERVICES_FILE = "services.json"
#: Prefix of the ids we write, removed on reading.
ID_PREFIX = "nec-network--"
#: ``source`` of actors without one.
DEFAULT_SOURCE = "nec-network"
#: Prefix of the extra keys holding our template cells.
EXTRA_PREFIX = "nec_"
SERVICE_NAME = "Médiation numérique"

_T = di.Thematique
#: Our v1 service → data·inclusion thématiques.
SERVICE_TO_THEMATIQUES: dict[str, tuple[str, ...]] = {
    "Aide aux démarches administratives": (_T.NUMERIQUE__ACCEDER_A_DES_SERVICES_EN_LIGNE.value,),
    "Maîtrise des outils numériques du quotidien": (_T.NUMERIQUE__MAITRISER_LES_FONDAMENTAUX_DU_NUMERIQUE.value,),
    "Compréhension du monde numérique": (_T.NUMERIQUE__MAITRISER_LES_FONDAMENTAUX_DU_NUMERIQUE.value,),
    "Utilisation sécurisée du numérique": (_T.NUMERIQUE__MAITRISER_LES_FONDAMENTAUX_DU_NUMERIQUE.value,),
    "Parentalité et éducation avec le numérique": (_T.NUMERIQUE__MAITRISER_LES_FONDAMENTAUX_DU_NUMERIQUE.value,),
    "Loisirs et créations numériques": (_T.NUMERIQUE__MAITRISER_LES_FONDAMENTAUX_DU_NUMERIQUE.value,),
    "Accès internet et matériel informatique": (_T.NUMERIQUE__ACCEDER_A_UNE_CONNEXION_INTERNET.value,),
    "Acquisition de matériel informatique à prix solidaire": (
        _T.NUMERIQUE__ACCEDER_A_UNE_CONNEXION_INTERNET.value, _T.NUMERIQUE__ACQUERIR_UN_EQUIPEMENT.value),
    "Insertion professionnelle via le numérique": (
        _T.PREPARER_SA_CANDIDATURE__ORGANISER_SES_DEMARCHES_DE_RECHERCHE_DEMPLOI.value,),
}  # fmt: skip
#: data·inclusion thématique → our v1 service, on reading (the broadest of the services written to it).
THEMATIQUE_TO_SERVICE: dict[str, str] = {
    _T.NUMERIQUE__ACCEDER_A_DES_SERVICES_EN_LIGNE.value: "Aide aux démarches administratives",
    _T.NUMERIQUE__MAITRISER_LES_FONDAMENTAUX_DU_NUMERIQUE.value: "Maîtrise des outils numériques du quotidien",
    _T.NUMERIQUE__ACCEDER_A_UNE_CONNEXION_INTERNET.value: "Accès internet et matériel informatique",
    _T.NUMERIQUE__ACQUERIR_UN_EQUIPEMENT.value: "Acquisition de matériel informatique à prix solidaire",
}
#: Read back as « Insertion professionnelle via le numérique » only next to a ``numerique--`` thématique.
JOB_THEMATIQUE = _T.PREPARER_SA_CANDIDATURE__ORGANISER_SES_DEMARCHES_DE_RECHERCHE_DEMPLOI.value

PUBLIC_TO_INCLUSION: dict[str, str] = {
    "Jeunes": di.Public.JEUNES.value,
    "Étudiants": di.Public.ETUDIANTS.value,
    "Familles et/ou enfants": di.Public.FAMILLES.value,
    "Seniors": di.Public.SENIORS.value,
    "Femmes": di.Public.FEMMES.value,
}
INCLUSION_TO_PUBLIC = {value: key for key, value in PUBLIC_TO_INCLUSION.items()}
#: Prises en charge written as the public « personnes en situation de handicap ».
HANDICAPS = ("Surdité", "Handicaps moteurs", "Handicaps mentaux", "Déficience visuelle")
CONDITIONAL_FREE = "Gratuit sous condition"

MODALITE_ACCES_TO_MOBILISATION: dict[str, str] = {
    "Se présenter": di.ModeMobilisation.SE_PRESENTER.value,
    "Téléphoner": di.ModeMobilisation.TELEPHONER.value,
    "Contacter par mail": di.ModeMobilisation.ENVOYER_UN_COURRIEL.value,
    "Envoyer un mail avec une fiche de prescription": di.ModeMobilisation.ENVOYER_UN_COURRIEL.value,
    "Prendre un RDV en ligne": di.ModeMobilisation.UTILISER_LIEN_MOBILISATION.value,
}
MOBILISATION_TO_MODALITE_ACCES: dict[str, str] = {
    di.ModeMobilisation.SE_PRESENTER.value: "Se présenter",
    di.ModeMobilisation.TELEPHONER.value: "Téléphoner",
    di.ModeMobilisation.ENVOYER_UN_COURRIEL.value: "Contacter par mail",
    di.ModeMobilisation.UTILISER_LIEN_MOBILISATION.value: "Prendre un RDV en ligne",
}
REMOTE = "À distance"

#: Typology → réseau porteur, where the network is clearly the typology's own.
TYPOLOGY_TO_RESEAU: dict[str, str] = {
    "RFS": "france-service", "MSAP": "msap", "CCAS": "ccas-cias", "CIAS": "ccas-cias", "ML": "mission-locale",
    "EPN": "espaces-publics-numeriques", "MUNI": "communes", "CC": "communes", "EPCI": "communes", "MJC": "mjc",
    "LA_POSTE": "la-poste", "CAF": "caf", "CPAM": "cpam", "MSA": "mutualite-sociale-agricole",
    "FT": "france-travail", "MDPH": "mdph", "MDS": "maisons-des-solidarites", "CD": "departements",
    "DEPT": "departements", "REG": "regions", "PREF": "regions", "PIMMS": "pimms-mediation",
    "PIJ_BIJ": "reseau-information-jeunesse", "E2C": "ecoles-de-la-deuxieme-chance",
    "CAP_EMPLOI": "cap-emploi-reseau-cheops", "FABRIQUE": "fabrique-de-territoire", "RESSOURCERIE": "ressourceries",
    "CIDFF": "cidff", "AFPA": "afpa", "ACI": "aci", "EI": "ei", "ETTI": "etti", "EITI": "eiti", "AI": "ai",
    "GEIQ": "geiq", "EA": "ea", "EATT": "eatt", "ESAT": "esat", "CADA": "cada", "HUDA": "huda", "CHRS": "chrs",
    "CHU": "chu", "CPH": "cph", "CAVA": "cava", "CAARUD": "caarud", "CSAPA": "csapa", "CMP": "cmp", "CMS": "cms",
    "PJJ": "pjj", "SPIP": "spip", "PLIE": "plie", "MDE": "maisons-de-l-emploi", "MDEF": "maisons-de-l-emploi",
    "EPIDE": "epide", "ASE": "ase", "AVIP": "creches-avip", "CCONS": "chambres-consulaires", "UDAF": "unaf",
    "RS_FJT": "residences-fjt", "ODC": "delegataire-conseil-departemental", "PAD": "points-justice",
}  # fmt: skip
#: Dispositif → réseau porteur.
DISPOSITIF_TO_RESEAU: dict[str, str] = {
    "France Services": "france-service",
    "Conseillers numériques": "conseillers-numeriques",
    "Aidants Connect": "aidants-connect",
    "La Croix Rouge": "croix-rouge",
    "Grande école du numérique": "grandes-ecoles-du-numerique",
    "Emmaüs Connect": "emmaus",
    "Relais numérique (Emmaüs Connect)": "emmaus",
}
#: Réseau porteur → (template column, value) on reading: dispositifs first, then the first typology
#: of :data:`TYPOLOGY_TO_RESEAU` (``ccas-cias`` → CCAS, ``communes`` → MUNI…). ``emmaus`` is not read back.
RESEAU_TO_VALUE: dict[str, tuple[str, str]] = {
    **{reseau: ("typologie", code) for code, reseau in reversed(TYPOLOGY_TO_RESEAU.items())},
    **{reseau: ("dispositifs", name) for name, reseau in reversed(DISPOSITIF_TO_RESEAU.items())
       if reseau != "emmaus"},
}  # fmt: skip

#: Template columns the schema cannot carry exactly: always written as ``nec_<column>``.
EXTRA_COLUMNS: tuple[str, ...] = (
    "typologie", "services", "publics", "prise_en_charge", "dispositifs", "formations_labels",
    "modalites_acces", "modalites_accompagnement", "frais", "itinerance", "zone_intervention", "telephone",
    "courriel", "site_web", "prise_rdv", "precision", "pivot", "structure_parente", "source",
)  # fmt: skip
_REQUIRED = ("source", "id", "nom", "date_maj")
_ENUM_FIELDS: dict[str, type[enum.Enum]] = {
    "thematiques": di.Thematique,
    "publics": di.Public,
    "modes_accueil": di.ModeAccueil,
    "modes_mobilisation": di.ModeMobilisation,
    "mobilisable_par": di.PersonneMobilisatrice,
    "reseaux_porteurs": di.ReseauPorteur,
    "frais": di.Frais,
    "type": di.TypeService,
}
_LIST_FIELDS = ("thematiques", "publics", "modes_accueil", "modes_mobilisation", "mobilisable_par",
                "reseaux_porteurs", "zone_eligibilite")
_FIELD_MESSAGES = {
    "courriel": "adresse de courriel invalide",
    "site_web": "adresse web invalide (http:// ou https:// attendu)",
    "lien_source": "adresse web invalide (http:// ou https:// attendu)",
    "lien_mobilisation": "adresse web invalide (http:// ou https:// attendu)",
    "accessibilite_lieu": "adresse web invalide (http:// ou https:// attendu)",
    "code_postal": "code postal mal formé (5 chiffres attendus)",
    "code_insee": "code INSEE mal formé (5 caractères attendus)",
    "siret": "SIRET mal formé (14 chiffres attendus)",
    "date_maj": "date de mise à jour illisible ou hors limites (AAAA-MM-JJ, pas dans le futur)",
    "latitude": "nombre illisible",
    "longitude": "nombre illisible",
    "nom": "nom de 3 à 150 caractères attendu",
    "description": "description de 5 à 10 000 caractères attendue",
    "zone_eligibilite": "zone d'éligibilité : codes commune, département, EPCI ou pays attendus",
}
_URL = re.compile(r"^https?://\S+$", re.IGNORECASE)
_EMAIL = pydantic.TypeAdapter(pydantic.EmailStr)
_HTTP_URL = pydantic.TypeAdapter(pydantic.HttpUrl)


# -- writing ------------------------------------------------------------------------------------
def source_slug(source: str) -> str:
    """The data·inclusion ``source`` of an actor: its source as a slug, ``nec-network`` when empty.

    >>> source_slug("Démonstration fictive (Pays picards)"), source_slug("")
    ('demonstration-fictive-pays-picards', 'nec-network')
    """
    slug = re.sub(r"[^a-z0-9]+", "-", normalize_name(source)).strip("-")
    return slug or DEFAULT_SOURCE


def _thematiques(services: Iterable[str]) -> list[str]:
    return sorted({thematique for service in services for thematique in SERVICE_TO_THEMATIQUES.get(service, ())})


def _publics(actor: Actor) -> list[str]:
    publics = {PUBLIC_TO_INCLUSION[value] for value in actor.publics if value in PUBLIC_TO_INCLUSION}
    if any(value in HANDICAPS for value in actor.prise_en_charge):
        publics.add(di.Public.PERSONNES_EN_SITUATION_DE_HANDICAP.value)
    return sorted(publics) or [di.Public.TOUS_PUBLICS.value]


def _frais(actor: Actor) -> tuple[str | None, str | None]:
    """(frais, frais_precisions): the schema has only gratuit/payant."""
    if not actor.frais:
        return None, None
    precisions = ", ".join(actor.frais) if len(actor.frais) > 1 or CONDITIONAL_FREE in actor.frais else None
    if "Payant" in actor.frais:
        return di.Frais.PAYANT.value, precisions
    return di.Frais.GRATUIT.value, precisions


def _modes_accueil(actor: Actor) -> list[str]:
    modes = set()
    if REMOTE in actor.modalites_accompagnement:
        modes.add(di.ModeAccueil.A_DISTANCE.value)
    if actor.modalites_accompagnement != (REMOTE,):
        modes.add(di.ModeAccueil.EN_PRESENTIEL.value)
    return sorted(modes)


def _first_email(values: Iterable[str]) -> str | None:
    for value in values:
        try:
            return str(_EMAIL.validate_python(value.strip()))
        except pydantic.ValidationError:
            continue
    return None


def _first_url(values: Iterable[str]) -> str | None:
    for value in values:
        if _URL.match(value.strip()):
            try:
                _HTTP_URL.validate_python(value.strip())
            except pydantic.ValidationError:
                continue
            return value.strip()
    return None


def _place(actor: Actor) -> dict[str, Any]:
    return {
        "commune": actor.commune or None,
        "code_postal": actor.code_postal or None,
        "code_insee": actor.code_insee or None,
        "adresse": actor.adresse or None,
        "complement_adresse": actor.complement_adresse or None,
        # A commune's reference point is not the place's position: the schema has no precision field.
        "latitude": None if actor.precision == "commune" else actor.latitude,
        "longitude": None if actor.precision == "commune" else actor.longitude,
        "telephone": (french_phone(actor.telephone) or actor.telephone) if actor.telephone else None,
        "courriel": _first_email(actor.courriels),
        "horaires_accueil": actor.horaires or None,
    }


def structure_record(actor: Actor, *, date_maj: dt.date) -> dict[str, Any]:
    """The data·inclusion structure of an actor, before validation (None for absent values)."""
    reseaux = {TYPOLOGY_TO_RESEAU[code] for code in actor.typologies if code in TYPOLOGY_TO_RESEAU}
    reseaux |= {DISPOSITIF_TO_RESEAU[name] for name in actor.dispositifs if name in DISPOSITIF_TO_RESEAU}
    pivot = re.sub(r"\s", "", actor.pivot)
    return {
        "source": source_slug(actor.source),
        "id": ID_PREFIX + actor.id,
        "nom": actor.nom,
        "date_maj": date_maj.isoformat(),
        "description": actor.presentation or None,
        "siret": pivot if codes.is_siret(pivot) else None,
        **_place(actor),
        "site_web": _first_url(actor.sites_web),
        "reseaux_porteurs": sorted(reseaux) or None,
    }


def service_record(actor: Actor, *, date_maj: dt.date) -> dict[str, Any]:
    """The data·inclusion service gathering an actor's services, before validation."""
    frais, frais_precisions = _frais(actor)
    mobilisation = {MODALITE_ACCES_TO_MOBILISATION[value] for value in actor.modalites_acces
                    if value in MODALITE_ACCES_TO_MOBILISATION}
    lien = actor.prise_rdv.strip() if _URL.match(actor.prise_rdv.strip()) else None
    if lien is None:
        mobilisation.discard(di.ModeMobilisation.UTILISER_LIEN_MOBILISATION.value)
    return {
        "source": source_slug(actor.source),
        "structure_id": ID_PREFIX + actor.id,
        "id": f"{ID_PREFIX}{actor.id}--numerique",
        "nom": SERVICE_NAME,
        "description": "Services de médiation numérique proposés : " + " ; ".join(actor.services) + ".",
        "date_maj": date_maj.isoformat(),
        "thematiques": _thematiques(actor.services) or None,
        "frais": frais,
        "frais_precisions": frais_precisions,
        "publics": _publics(actor),
        "publics_precisions": ", ".join(actor.prise_en_charge) or None,
        **_place(actor),
        "modes_accueil": _modes_accueil(actor),
        "modes_mobilisation": sorted(mobilisation) or None,
        "lien_mobilisation": lien,
        "zone_eligibilite": list(actor.zone_intervention) or None,
    }


def _validated(
    model: type[pydantic.BaseModel], record: dict[str, Any], actor: Actor, problems: list[Problem], what: str
) -> dict[str, Any] | None:
    """``record`` as the model dumps it (lists sorted), dropping the optional fields the model refuses.

    A refused optional field is an ``avertissement`` (its value stays in the
    ``nec_`` keys); a refused required field is an ``erreur`` and the record is
    not written (None).
    """
    record = {key: value for key, value in record.items() if value is not None}
    while True:
        try:
            instance = model.model_validate(record)
            break
        except pydantic.ValidationError as error:
            errors = [item for item in error.errors() if item["loc"]]
            required = [item for item in errors if item["loc"][0] in _REQUIRED or item["loc"][0] not in record]
            for item in required:
                field = str(item["loc"][0])
                problems.append(Problem("erreur", f"{what} non écrite : {_field_message(field, item)}", actor.id,
                                        None, field, _as_text(record.get(field, "")),
                                        category="non_exporte" if what == "structure" else ""))
            if required or not errors:
                return None
            for field in sorted({str(item["loc"][0]) for item in errors}):
                problems.append(Problem("avertissement", f"{what} : valeur refusée par le schéma, non écrite",
                                        actor.id, None, field, _as_text(record.pop(field))))
    dumped = instance.model_dump(mode="json", exclude_none=True)
    for field in _LIST_FIELDS:
        if field in dumped and field != "zone_eligibilite":
            dumped[field] = sorted(dumped[field])
    # The model rewrites URLs (adds a trailing slash): write them as the actor has them.
    for field in ("site_web", "lien_mobilisation"):
        if field in dumped:
            dumped[field] = record[field]
    return dumped


def _nec_keys(actor: Actor) -> dict[str, str]:
    row = actor_row(actor)
    keys = {f"{EXTRA_PREFIX}{column}": row[column] for column in EXTRA_COLUMNS if row.get(column)}
    keys.update({f"{EXTRA_PREFIX}{column}": value for column, value in row.items()
                 if column not in ACTOR_COLUMNS and value})
    return keys


def inclusion_records(
    ecosystem: Ecosystem, *, default_date: dt.date | None = None
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[Problem]]:
    """Validated structures and services of the actors, and the problems met (``file`` = actor id).

    ``default_date`` (today when None) stands for a missing ``date_maj``, which the schema requires.
    """
    default_date = default_date or dt.date.today()
    structures: list[dict[str, Any]] = []
    services: list[dict[str, Any]] = []
    problems: list[Problem] = []
    for actor in ecosystem:
        date_maj = actor.date_maj
        if date_maj is None:
            date_maj = default_date
            problems.append(Problem("avertissement", "date de mise à jour absente : date de l'export utilisée",
                                    actor.id, None, "date_maj", date_maj.isoformat()))
        structure = _validated(di.Structure, structure_record(actor, date_maj=date_maj), actor, problems,
                               "structure")
        if structure is None:
            continue
        for field, column, values, message in (
            ("courriel", "courriel", actor.courriels, "aucun courriel valide au sens du schéma"),
            ("site_web", "site_web", actor.sites_web, "aucune adresse web http(s) valide"),
            ("siret", "pivot", (actor.pivot,) if actor.pivot else (), "identifiant autre qu'un SIRET à 14 chiffres"),
        ):
            if values and field not in structure:
                problems.append(Problem("avertissement", f"{message} : champ {field} non écrit (valeur conservée "
                                        f"dans {EXTRA_PREFIX}{column})", actor.id, None, field, "|".join(values)))
        structures.append({**structure, **_nec_keys(actor)})
        if actor.services:
            service = _validated(di.Service, service_record(actor, date_maj=date_maj), actor, problems, "service")
            if service is not None:
                services.append(service)
    return structures, services, problems


def write_inclusion(ecosystem: Ecosystem, path: str | Path, *, default_date: dt.date | None = None
                    ) -> list[Problem]:
    """Write ``structures.json`` and ``services.json`` (lists of objects, UTF-8) into the folder ``path``.

    Every record is validated by the ``data-inclusion-schema`` models first.
    Returns what was changed or left out (``file`` holds the actor id): an actor
    whose name or date the schema refuses is not written (``erreur``).
    """
    structures, services, problems = inclusion_records(ecosystem, default_date=default_date)
    folder = Path(path)
    for name, records in ((STRUCTURES_FILE, structures), (SERVICES_FILE, services)):
        write_output(folder / name, json.dumps(records, ensure_ascii=False, indent=2) + "\n")
    return problems


# -- reading ------------------------------------------------------------------------------------
#: Where a value of a data·inclusion field goes in ``Actor.extra`` when it is kept aside.
ASIDE_COLUMNS: dict[str, str] = {
    "siret": "pivot",
    "horaires_accueil": "horaires",
    "description": "presentation",
    "lien_mobilisation": "prise_rdv",
}
#: Valid data·inclusion publics without equivalent among ours are kept under this key.
PUBLICS_ASIDE = "publics_inclusion"
_NUMERIC_FIELDS = {"latitude", "longitude", "volume_horaire_hebdomadaire", "nombre_semaines"}
_ZONE_CODE = re.compile(r"^(\w{5}|\d{9})$")


@dataclasses.dataclass
class _Structure:
    """A structure being read: its template row, list values gathered from it and its services,
    values kept aside for ``Actor.extra``, and whether it was written by us (``nec_`` keys)."""

    ctx: RowContext
    row: dict[str, str]
    ours: bool
    lists: dict[str, list[str]] = dataclasses.field(default_factory=dict)
    aside: dict[str, list[str]] = dataclasses.field(default_factory=dict)

    def add(self, column: str, values: Iterable[str], *, aside: bool = False) -> None:
        for value in values:
            bucket = (self.aside if aside else self.lists).setdefault(column, [])
            if value not in bucket:
                bucket.append(value)

    def actor(self, report: Report) -> Actor:
        row = dict(self.row)
        for column, values in self.lists.items():
            if not self.ours or column not in EXTRA_COLUMNS:
                row[column] = "|".join(dict.fromkeys([*split_list(row.get(column, "")), *values]))
        actor = actor_from_row(row, ctx=self.ctx, report=report)
        if self.aside:
            extra = dict(actor.extra)
            for column, values in self.aside.items():
                extra[column] = "|".join(dict.fromkeys([*split_list(cell_text(extra.get(column, ""))), *values]))
            actor = dataclasses.replace(actor, extra=extra)
        if actor.has_coordinates and not actor.precision:
            actor = dataclasses.replace(actor, precision="saisie")
        return actor


def read_inclusion(path: str | Path) -> tuple[Ecosystem, Report]:
    """Read data·inclusion structures (and services) from a folder or a single structures file.

    The folder holds ``structures.json`` (or ``structures.csv``) and optionally
    ``services.json`` (or ``services.csv``); a JSON file is a list of objects or
    an object holding one list (``items`` of the API). Each record is validated
    by the package's models: a structure without ``id`` or ``nom`` (a service
    without ``id`` or ``structure_id``) is rejected; any other value the schema
    refuses is left out of its field, kept in ``Actor.extra`` and reported as an
    ``erreur``. Services are merged into their structure; ``rows_read`` counts
    structures and services together, each imported or rejected.
    """
    path = Path(path)
    if path.is_dir():
        structures_path = _find(path, "structures", required=True)
        services_path = _find(path, "services", required=False)
    elif path.exists():
        structures_path, services_path = path, None
    else:
        raise DataError("fichier introuvable", file=str(path))
    assert structures_path is not None
    report = Report()
    read: list[_Structure] = []
    by_id: dict[str, _Structure] = {}
    for index, record in _records(structures_path, report):
        report.rows_read += 1
        structure = _read_structure(record, RowContext(str(structures_path), index), report)
        if structure is not None:
            read.append(structure)
            by_id.setdefault(structure.row["id"], structure)
    if services_path is not None:
        for index, record in _records(services_path, report):
            report.rows_read += 1
            _read_service(record, RowContext(str(services_path), index), by_id, report)
    candidates = [(structure.ctx, structure.actor(report)) for structure in read]
    # Structures are places: complete them (a point left empty by our export was a commune's point).
    return Ecosystem(admit_actors(candidates, report, complete_places=True), name=path.stem), report


def _find(folder: Path, stem: str, *, required: bool) -> Path | None:
    for suffix in (".json", ".csv"):
        if (folder / f"{stem}{suffix}").exists():
            return folder / f"{stem}{suffix}"
    if required:
        raise DataError(f"dossier sans {stem}.json ni {stem}.csv : ce n'est pas un export data·inclusion",
                        file=str(folder))
    return None


def _records(path: Path, report: Report) -> list[tuple[int, Any]]:
    """(1-based index in JSON or line in CSV, record) of a JSON list or a CSV table."""
    if path.suffix.lower() != ".json":
        table = read_table(path)
        for problem in table.corrections:
            report.add(problem)
        return list(zip(table.line_numbers, table.rows, strict=True))
    notes: list[Problem] = []
    records = [(index, _cleaned(record, notes, str(path), index))
               for index, record in enumerate(json_records(read_json(path), path), start=1)]
    for problem in notes:
        report.add(problem)
    return records


def _cleaned(record: Any, notes: list[Problem], file: str, index: int) -> Any:
    """A record whose texts (and texts in lists) went through the table reader's cell cleaning."""
    if not isinstance(record, dict):
        return record

    def clean(value: Any, key: str) -> Any:
        if isinstance(value, str):
            return clean_cell(value, notes, file=file, row=index, column=key)
        if isinstance(value, list):
            return [clean(item, key) for item in value]
        return value

    return {key: clean(value, str(key)) for key, value in record.items()}


def _unreadable(record: Any, ctx: RowContext, report: Report, required: tuple[str, str]) -> bool:
    """Reject a record that is not an object or lacks a required identifier; True when rejected."""
    if not isinstance(record, dict):
        report.reject(ctx.problem("enregistrement illisible : un objet JSON est attendu", value=_as_text(record)))
        return True
    missing = [name for name in required if not _as_text(record.get(name))]
    if missing:
        report.reject(ctx.problem(f"champ obligatoire vide : {', '.join(missing)}", column=missing[0]))
        return True
    return False


def _read_structure(record: Any, ctx: RowContext, report: Report) -> _Structure | None:
    if _unreadable(record, ctx, report, ("id", "nom")):
        return None
    values, refused = _validate(di.Structure, record, ctx, report)
    ours = any(str(key).startswith(EXTRA_PREFIX) for key in record)
    row = {"id": _as_text(record["id"]).removeprefix(ID_PREFIX), "nom": _as_text(record["nom"])}
    values.pop("id", None)
    values.pop("nom", None)
    for column, field in (("adresse", "adresse"), ("complement_adresse", "complement_adresse"),
                          ("code_postal", "code_postal"), ("commune", "commune"), ("code_insee", "code_insee"),
                          ("latitude", "latitude"), ("longitude", "longitude"), ("horaires", "horaires_accueil"),
                          ("presentation", "description"), ("date_maj", "date_maj")):
        row[column] = _as_text(values.pop(field, ""))
    structure = _Structure(ctx, row, ours)
    from_source = {"source": "source", "pivot": "siret", "telephone": "telephone", "courriel": "courriel",
                   "site_web": "site_web"}
    if ours:
        for key, value in record.items():
            if str(key).startswith(EXTRA_PREFIX):
                row[str(key).removeprefix(EXTRA_PREFIX)] = _as_text(value)
        for field in (*from_source.values(), "reseaux_porteurs"):
            values.pop(field, None)
    else:
        for column, field in from_source.items():
            row[column] = _as_text(values.pop(field, ""))
        # data·inclusion v0 carried a typology code; v1 has only the networks.
        structure.add("typologie", _items(values.pop("typologie", "")))
        unmapped = []
        for reseau in values.pop("reseaux_porteurs", []):
            if reseau in RESEAU_TO_VALUE:
                column, value = RESEAU_TO_VALUE[reseau]
                structure.add(column, [value])
            else:
                unmapped.append(reseau)
        _keep_unmapped(structure, ctx, report, "reseaux_porteurs", unmapped,
                       "réseau(x) porteur(s) sans équivalent parmi nos typologies et dispositifs")
    for field, value in values.items():
        row.setdefault(field, _as_text(value))
    for field, items in refused.items():
        structure.add(ASIDE_COLUMNS.get(field, field), items, aside=True)
    return structure


def _read_service(record: Any, ctx: RowContext, structures: dict[str, _Structure], report: Report) -> None:
    if _unreadable(record, ctx, report, ("id", "structure_id")):
        return
    target = structures.get(_as_text(record["structure_id"]).removeprefix(ID_PREFIX))
    if target is None:
        report.reject(ctx.problem(
            f"structure inconnue : « {record['structure_id']} » (absente ou rejetée)", column="structure_id",
            value=_as_text(record["structure_id"])))  # fmt: skip
        return
    values, refused = _validate(di.Service, record, ctx, report)
    report.accept(corrected=ctx.corrected)
    thematiques = values.pop("thematiques", [])
    digital = any(value.startswith("numerique--") for value in thematiques)
    target.add("services", [THEMATIQUE_TO_SERVICE[value] for value in thematiques if value in THEMATIQUE_TO_SERVICE])
    if JOB_THEMATIQUE in thematiques and digital:
        target.add("services", ["Insertion professionnelle via le numérique"])
    _keep_unmapped(target, ctx, report, "thematiques", [
        value for value in thematiques
        if value not in THEMATIQUE_TO_SERVICE and not (value == JOB_THEMATIQUE and digital)
    ], "thématique(s) sans équivalent parmi nos services")  # fmt: skip
    publics = [value for value in values.pop("publics", []) if value != di.Public.TOUS_PUBLICS.value]
    target.add("publics", [INCLUSION_TO_PUBLIC[value] for value in publics if value in INCLUSION_TO_PUBLIC])
    _keep_unmapped(target, ctx, report, PUBLICS_ASIDE, [value for value in publics if value not in INCLUSION_TO_PUBLIC],
                   "public(s) sans équivalent parmi nos publics")
    frais, precisions = values.pop("frais", ""), _as_text(values.pop("frais_precisions", ""))
    if frais == di.Frais.PAYANT.value:
        target.add("frais", ["Payant"])
    elif frais:
        conditional = any(voc.FRAIS.match(item) == CONDITIONAL_FREE for item in split_list(precisions, ",;|"))
        target.add("frais", [CONDITIONAL_FREE if conditional else "Gratuit"])
    if di.ModeAccueil.A_DISTANCE.value in values.pop("modes_accueil", []):
        target.add("modalites_accompagnement", [REMOTE])
    target.add("modalites_acces", [MOBILISATION_TO_MODALITE_ACCES[value] for value in
                                   values.pop("modes_mobilisation", []) if value in MOBILISATION_TO_MODALITE_ACCES])
    zone = values.pop("zone_eligibilite", [])
    target.add("zone_intervention", [code for code in zone if _ZONE_CODE.match(code)])
    _keep_unmapped(target, ctx, report, "zone_eligibilite", [code for code in zone if not _ZONE_CODE.match(code)],
                   "zone(s) d'éligibilité autre(s) qu'une commune ou un EPCI")
    # A service's contacts and hours stand for its structure's when the structure has none.
    for field, column in (("lien_mobilisation", "prise_rdv"), ("horaires_accueil", "horaires"),
                          ("telephone", "telephone"), ("courriel", "courriel")):
        value = _as_text(values.pop(field, ""))
        if value and not target.row.get(column):
            target.row[column] = value
    for field, items in refused.items():
        target.add(ASIDE_COLUMNS.get(field, field), items, aside=True)


def _keep_unmapped(target: _Structure, ctx: RowContext, report: Report, column: str, values: list[str],
                   message: str) -> None:
    """Keep valid values we have no equivalent for in ``Actor.extra`` (not for our own files: ``nec_`` keys rule)."""
    if values and not target.ours:
        target.add(column, values, aside=True)
        ctx.record(report, "avertissement", f"{message}, conservé(s) à part", column=column, value="|".join(values))


def _validate(model: type[pydantic.BaseModel], record: dict[str, Any], ctx: RowContext,
              report: Report) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """The values of ``record`` the model accepts, and those it refuses (field → texts), each refusal an ``erreur``.

    Enumerated lists are checked element by element, so one unknown thématique
    does not lose the others; an unknown value gets the closest valid one as
    suggestion. Lists come back as lists of strings, other values as they came.
    A missing field the schema requires (other than the identifiers) is an
    ``avertissement``; a name outside 3 to 150 characters too (we keep it).
    """
    prepared: dict[str, Any] = {}
    refused: dict[str, list[str]] = {}
    for key, value in record.items():
        key = str(key)
        if key.startswith(EXTRA_PREFIX) or value is None or value == "" or value == []:
            continue
        if isinstance(value, int) and not isinstance(value, bool) and key not in _NUMERIC_FIELDS:
            value = str(value)
        if key not in _ENUM_FIELDS or key not in model.model_fields:
            prepared[key] = _items(value) if key in _LIST_FIELDS else value
            continue
        kept = []
        for item in _items(value) if key in _LIST_FIELDS else [_as_text(value)]:
            if _enum_value(_ENUM_FIELDS[key], item) is None:
                _refuse(ctx, report, key, item, _ENUM_FIELDS[key])
                refused.setdefault(key, []).append(item)
            else:
                kept.append(item)
        if key == "publics" and len(kept) > 1 and di.Public.TOUS_PUBLICS.value in kept:
            ctx.record(report, "avertissement", "« tous-publics » ne s'emploie pas avec d'autres publics : retiré",
                       column=key, value="|".join(kept))
            kept.remove(di.Public.TOUS_PUBLICS.value)
        if kept:
            prepared[key] = kept if key in _LIST_FIELDS else kept[0]
    try:
        model.model_validate(prepared)
    except pydantic.ValidationError as error:
        for item in error.errors():
            field = str(item["loc"][0]) if item["loc"] else ""
            if item["type"] == "missing":
                if field not in ("id", "nom", "structure_id"):
                    ctx.record(report, "avertissement", f"champ obligatoire de data·inclusion absent : {field}",
                               column=field)
            elif field == "nom":
                ctx.record(report, "avertissement", _field_message(field, item), column=field, value=prepared[field])
            elif field in prepared:
                value = prepared.pop(field)
                ctx.record(report, "erreur", f"{_field_message(field, item)} : « {_as_text(value)} »", column=field,
                           value=_as_text(value))
                refused.setdefault(field, []).extend(_items(value) if isinstance(value, list) else [_as_text(value)])
    return prepared, refused


def _items(value: Any) -> list[str]:
    """Elements of a list field: a JSON array, or text ``a|b``, ``a, b`` or ``{a,b}`` (CSV exports).

    >>> _items("{numerique--acquerir-un-equipement,jeunes}"), _items(["80021", 2691])
    (['numerique--acquerir-un-equipement', 'jeunes'], ['80021', '2691'])
    """
    if isinstance(value, (list, tuple, set)):
        return [text for item in value if (text := _as_text(item))]
    text = _as_text(value).strip().strip("[]{}")
    return [item.strip().strip("'\"") for item in split_list(text, "|,;") if item.strip().strip("'\"")]


def _enum_value(kind: type[enum.Enum], value: str) -> str | None:
    try:
        return str(kind(value).value)
    except ValueError:
        return None


def _refuse(ctx: RowContext, report: Report, field: str, value: str, kind: type[enum.Enum]) -> None:
    close = difflib.get_close_matches(value, [str(member.value) for member in kind], n=1, cutoff=0.6)
    ctx.record(report, "erreur", f"valeur inconnue du schéma data·inclusion pour « {field} » : « {value} »",
               column=field, value=value, suggestion=close[0] if close else None)


def _field_message(field: str, item: Any) -> str:
    if field in _FIELD_MESSAGES:
        return _FIELD_MESSAGES[field]
    kind = str(item.get("type", ""))
    if kind.startswith("string_too"):
        return f"{field} : longueur non admise"
    if "parsing" in kind or kind.endswith("_type"):
        return f"{field} : valeur d'un type non admis"
    return f"{field} : valeur refusée par le schéma data·inclusion"


def _as_text(value: Any) -> str:
    if isinstance(value, (list, tuple, set)):
        return "|".join(_as_text(item) for item in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if isinstance(value, float):
        return repr(value)
    return cell_text(value)


__all__ = [
    "DISPOSITIF_TO_RESEAU",
    "SERVICE_TO_THEMATIQUES",
    "THEMATIQUE_TO_SERVICE",
    "TYPOLOGY_TO_RESEAU",
    "inclusion_records",
    "read_inclusion",
    "service_record",
    "source_slug",
    "structure_record",
    "write_inclusion",
]
