"""Personae files: the JSON list of people a helper meets (format of ``data/demo/personae.json``).

:func:`read_personae` reads and checks a file into
:class:`~nec_network.model.persona.Persona` records: a field missing, a value
outside the national vocabularies or an unknown mobility mode is a
:class:`~nec_network.errors.DataError` naming the file, the record (its rank in
the list, as ``ligne``) and the field. :func:`find_persona` looks one up by id or
name. The analyses (:mod:`nec_network.analysis.journeys`) compute over the
records only; they never read files.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from nec_network.errors import DataError
from nec_network.model.persona import MODES, Persona
from nec_network.model.vocabularies import PRISE_EN_CHARGE, PUBLICS, SERVICES
from nec_network.tables import read_json
from nec_network.text import normalize_name

#: Name of the personae file of a folder model.
PERSONAE_FILE = "personae.json"


def persona_from_mapping(
    record: Mapping[str, object], *, source: str = "", index: int = 0
) -> Persona:
    """Build and check a persona from a JSON object (French errors naming the record).

    >>> persona_from_mapping({"id": "j", "nom": "Jeannine", "code_insee": "2468",
    ...                       "besoins": "aide aux démarches administratives"}).besoins
    ('Aide aux démarches administratives',)
    """

    def fail(column: str, message: str) -> DataError:
        return DataError(message, file=source or None, row=index or None, column=column)

    def values(column: str, vocabulary) -> tuple[str, ...]:
        raw = record.get(column) or []
        if isinstance(raw, str):
            raw = [part for part in raw.split("|") if part.strip()]
        result = []
        for value in raw:
            canonical = vocabulary.match(str(value))
            if canonical is None:
                hint = vocabulary.suggest(str(value))
                raise fail(
                    column,
                    f"valeur inconnue « {value} »"
                    + (f" (vouliez-vous dire « {hint} » ?)" if hint else ""),
                )
            result.append(canonical)
        return tuple(result)

    for required in ("id", "nom", "code_insee", "besoins"):
        if not record.get(required):
            raise fail(required, "champ obligatoire manquant")
    mobilite = str(record.get("mobilite") or "voiture")
    if mobilite not in MODES:
        raise fail("mobilite", f"mode inconnu « {mobilite} » (possibles : {', '.join(MODES)})")
    contact = record.get("premier_contact")
    return Persona(
        id=str(record["id"]),
        nom=str(record["nom"]),
        code_insee=str(record["code_insee"]).zfill(5),
        besoins=values("besoins", SERVICES),
        description=str(record.get("description") or ""),
        publics=values("publics", PUBLICS),
        prise_en_charge=values("prise_en_charge", PRISE_EN_CHARGE),
        mobilite=mobilite,
        premier_contact=str(contact) if contact else None,
    )


def read_personae(path: str | Path) -> tuple[Persona, ...]:
    """Read a JSON list of personae (one object is a list of one), each checked."""
    path = Path(path)
    records = read_json(path, what="fichier de personae")
    if isinstance(records, dict):
        records = [records]
    return tuple(
        persona_from_mapping(record, source=str(path), index=number)
        for number, record in enumerate(records, start=1)
    )


def find_persona(personae: Iterable[Persona], wanted: str) -> Persona | None:
    """The persona whose id, name or first name (before the comma) is ``wanted``, accents and
    case ignored; None when there is none (the caller says so in its own words).

    >>> people = [Persona("retraitee", "Jeannine, 78 ans", "02468", ("Aide aux démarches administratives",))]
    >>> find_persona(people, "jeannine").id, find_persona(people, "Personne")
    ('retraitee', None)
    """
    key = normalize_name(wanted)
    for persona in personae:
        first_name = normalize_name(persona.nom.split(",")[0])
        if key in (normalize_name(persona.id), normalize_name(persona.nom), first_name):
            return persona
    return None
