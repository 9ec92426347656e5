"""Writing an ecosystem as data·inclusion ``structures.json`` and ``services.json``."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pydantic
from data_inclusion.schema import v1 as di

from nec_network import codes
from nec_network.text import normalize_name
from nec_network.io.output import write_output
from nec_network.io.report import Problem
from nec_network.io.template import ACTOR_COLUMNS, actor_row
from nec_network.model import Actor, Ecosystem, without_personal_data
from nec_network.model.phone import french_phone
from nec_network.io.inclusion.correspondences import (
    ASIDE_COLUMNS,
    CONDITIONAL_FREE,
    DEFAULT_SOURCE,
    DISPOSITIF_TO_RESEAU,
    EXTRA_COLUMNS,
    EXTRA_PREFIX,
    HANDICAPS,
    ID_PREFIX,
    MODALITE_ACCES_TO_MOBILISATION,
    PUBLIC_TO_INCLUSION,
    PUBLICS_ASIDE,
    REMOTE,
    SERVICES_FILE,
    SERVICE_NAME,
    SERVICE_TO_THEMATIQUES,
    STRUCTURES_FILE,
    TYPOLOGY_TO_RESEAU,
    _EMAIL,
    _HTTP_URL,
    _URL,
)
from nec_network.io.inclusion.schema import _validated


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
    ecosystem, _ = without_personal_data(ecosystem)  # a published format: never an adviser's data
    structures, services, problems = inclusion_records(ecosystem, default_date=default_date)
    folder = Path(path)
    for name, records in ((STRUCTURES_FILE, structures), (SERVICES_FILE, services)):
        write_output(folder / name, json.dumps(records, ensure_ascii=False, indent=2) + "\n")
    return problems


def carried_columns() -> set[str]:
    """The template columns (and extra keys) data·inclusion carries: what ``export`` does not call dropped."""
    base = {"id", "nom", "adresse", "complement_adresse", "code_postal", "commune", "code_insee", "latitude",
            "longitude", "horaires", "presentation", "date_maj"}
    return base | set(EXTRA_COLUMNS) | set(ASIDE_COLUMNS) | {PUBLICS_ASIDE}


def count_structures(path: str | Path) -> int:
    """The structure records of a written data·inclusion folder."""
    return len(json.loads((Path(path) / STRUCTURES_FILE).read_text(encoding="utf-8")))
