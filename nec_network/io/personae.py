"""Personae files: the JSON list of people a helper meets (format of ``data/demo/personae.json``).

:func:`read_personae` reads and checks a file into
:class:`~nec_network.model.persona.Persona` records: a field missing, a value
outside the national vocabularies or an unknown mobility mode is a
:class:`~nec_network.errors.DataError` naming the file, the record (its rank in
the list, as ``ligne``) and the field. :func:`find_persona` looks one up by id or
name. The analyses (:mod:`nec_network.analysis.journeys`) compute over the
records only; they never read files.

Personae travel with the folder model: ``nec-network import`` reads those of every
input folder (:func:`read_personae_report`: a bad record is rejected with its reason,
never dropped silently), puts them together (:func:`gather_personae`: identical records
once, a second record with a taken id set aside and reported), points each
``premier_contact`` at the actor that survived the merge of duplicates
(:func:`remap_contacts`) and writes them again (:func:`write_personae`);
``export --vers modele`` copies them (:func:`export_personae`). Beside a ``.xlsx`` workbook the file is
``classeur-personae.json`` (:func:`personae_path`).
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from nec_network.codes import is_insee_code
from nec_network.errors import DataError
from nec_network.io.report import Problem, Report
from nec_network.model.persona import MODES, Persona
from nec_network.model.vocabularies import PRISE_EN_CHARGE, PUBLICS, SERVICES
from nec_network.tables import read_json, split_list
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
            raw = split_list(raw)
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
    code = str(record["code_insee"]).strip()
    code = code.zfill(5) if code.isdigit() else code.upper()
    if not is_insee_code(code):
        raise fail("code_insee", f"code INSEE mal formé « {record['code_insee']} »")
    contact = record.get("premier_contact")
    return Persona(
        id=str(record["id"]),
        nom=str(record["nom"]),
        code_insee=code,
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
    return tuple(
        persona_from_mapping(record, source=str(path), index=number)
        for number, record in enumerate(_records(path), start=1)
    )


def _records(path: Path) -> list[Mapping[str, object]]:
    """The JSON objects of a personae file (one object is a list of one); anything else is a DataError."""
    records = read_json(path, what="fichier de personae")
    if isinstance(records, dict):
        records = [records]
    if not isinstance(records, list):
        raise DataError("fichier de personae : une liste d'objets JSON est attendue", file=str(path))
    for number, record in enumerate(records, start=1):
        if not isinstance(record, dict):
            raise DataError("un persona doit être un objet JSON (« { … } »)", file=str(path), row=number)
    return records


def read_personae_report(path: str | Path) -> tuple[tuple[Persona, ...], Report]:
    """Read a personae file record by record: a bad record is rejected (its problem in the report), not fatal.

    A file that is not a JSON list of objects still raises :class:`DataError`. The report
    counts records as rows (``rows_read == imported + rejected``).
    """
    path = Path(path)
    report, personae = Report(), []
    for number, record in enumerate(_records(path), start=1):
        report.rows_read += 1
        try:
            personae.append(persona_from_mapping(record, source=str(path), index=number))
        except DataError as error:
            report.reject(Problem("erreur", error.reason, str(path), number, error.column or "",
                                  str(record.get(error.column or "", "") or "")[:200]))
            continue
        report.accept()
    return tuple(personae), report


#: Keys of a written persona, in the order of ``data/demo/personae.json``.
PERSONA_KEYS: tuple[str, ...] = ("id", "nom", "description", "code_insee", "besoins", "publics",
                                 "prise_en_charge", "mobilite", "premier_contact")


def persona_to_record(persona: Persona) -> dict[str, object]:
    """The JSON object of a persona (keys of :data:`PERSONA_KEYS`), read back equal by :func:`persona_from_mapping`.

    >>> record = persona_to_record(Persona("j", "Jeannine", "02468", ("Aide aux démarches administratives",)))
    >>> list(record)[:4], record["premier_contact"], persona_from_mapping(record) == Persona(
    ...     "j", "Jeannine", "02468", ("Aide aux démarches administratives",))
    (['id', 'nom', 'description', 'code_insee'], None, True)
    """
    return {
        "id": persona.id,
        "nom": persona.nom,
        "description": persona.description,
        "code_insee": persona.code_insee,
        "besoins": list(persona.besoins),
        "publics": list(persona.publics),
        "prise_en_charge": list(persona.prise_en_charge),
        "mobilite": persona.mobilite,
        "premier_contact": persona.premier_contact,
    }


def write_personae(personae: Iterable[Persona], path: str | Path) -> Path:
    """Write ``personae`` as a JSON list (UTF-8, accents as they are, indent 2) in their order; returns the path.

    Written through :func:`nec_network.io.output.write_output` (atomically, recorded as
    the tool's own file so that it is never replaced without ``--force``).
    """
    from nec_network.io.output import write_output

    text = json.dumps([persona_to_record(persona) for persona in personae], ensure_ascii=False, indent=2)
    return write_output(path, text + "\n")


def personae_path(model: str | Path) -> Path:
    """Where the personae of a model are: ``DOSSIER/personae.json``, or ``classeur-personae.json`` beside a workbook.

    >>> personae_path("modele").as_posix(), personae_path("sortie/modele.xlsx").as_posix()
    ('modele/personae.json', 'sortie/modele-personae.json')
    """
    from nec_network.io.output import companion_path

    return companion_path(model, PERSONAE_FILE)


@dataclass(frozen=True)
class GatheredPersonae:
    """The personae of several inputs put together (see :func:`gather_personae`).

    ``read`` records were read in ``files`` files; ``rejected`` were rejected (reasons in each
    file's report), ``duplicates`` were identical to an earlier one, ``conflicts`` are the
    records set aside because their id was taken by a different earlier record
    (``(id, file)``): ``read - rejected - duplicates - len(conflicts) == len(personae)``.
    ``origins`` gives, for each kept persona, the index of the input it came from.
    """

    personae: tuple[Persona, ...] = ()
    origins: tuple[int, ...] = ()
    read: int = 0
    files: int = 0
    rejected: int = 0
    duplicates: int = 0
    conflicts: tuple[tuple[str, str], ...] = ()


def gather_personae(reads: Iterable[tuple[str, tuple[Persona, ...], Report]]) -> GatheredPersonae:
    """Put together the personae of several files, ``(file, personae, report)`` each, in their order.

    An identical record is kept once; a different record whose id is taken is set aside (the
    first is kept) and listed in ``conflicts``; a file without record does not count.

    >>> a, b = Persona("a", "A", "02001", ("x",)), Persona("a", "Autre A", "02001", ("x",))
    >>> gathered = gather_personae([("p.json", (a,), Report(rows_read=1)), ("q.json", (a, b), Report(rows_read=2))])
    >>> [p.nom for p in gathered.personae], gathered.duplicates, gathered.conflicts, gathered.files
    (['A'], 1, (('a', 'q.json'),), 2)
    """
    kept: dict[str, Persona] = {}
    origins: list[int] = []
    read = files = rejected = duplicates = 0
    conflicts: list[tuple[str, str]] = []
    for index, (file, personae, report) in enumerate(reads):
        if not report.rows_read:
            continue
        files += 1
        read += report.rows_read
        rejected += report.rejected
        for persona in personae:
            if persona.id not in kept:
                kept[persona.id] = persona
                origins.append(index)
            elif kept[persona.id] == persona:
                duplicates += 1
            else:
                conflicts.append((persona.id, file))
    return GatheredPersonae(tuple(kept.values()), tuple(origins), read, files, rejected, duplicates,
                            tuple(conflicts))


def remap_contacts(
    personae: Iterable[Persona], renames: Iterable[Mapping[str, str]], written: set[str] | frozenset[str]
) -> tuple[tuple[Persona, ...], tuple[tuple[str, str], ...]]:
    """Point each ``premier_contact`` at the actor written for it; clear it when there is none.

    ``renames`` gives, for each persona, its actor ids' changes (id of its own file → id
    written, duplicates merged included); ``written`` are the ids of the written actors.
    Returns the personae and the ``(persona id, contact)`` pairs cleared.

    >>> p = Persona("a", "A", "02001", ("x",), premier_contact="c1")
    >>> q = Persona("b", "B", "02001", ("x",), premier_contact="c2")
    >>> done, cleared = remap_contacts([p, q], [{"c1": "c0"}, {}], {"c0"})
    >>> [x.premier_contact for x in done], cleared
    (['c0', None], (('b', 'c2'),))
    """
    result, cleared = [], []
    for persona, renamed in zip(personae, renames, strict=True):
        contact = persona.premier_contact
        if contact:
            target = renamed.get(contact, contact)
            if target not in written:
                cleared.append((persona.id, contact))
                target = None
            if target != contact:
                persona = dataclasses.replace(persona, premier_contact=target)
        result.append(persona)
    return tuple(result), tuple(cleared)


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


def actor_renames(
    source_ids: Iterable[Iterable[str]], combined_ids: Iterable[str], merged_into: Mapping[str, str]
) -> list[dict[str, str]]:
    """For each input, its actor ids that changed on the way to the written model: id → new id.

    ``source_ids`` are the actor ids of each input in order, ``combined_ids`` the ids after
    the inputs were put together (same actors, same order: an id taken by an earlier input
    was prefixed), ``merged_into`` the duplicates merged (merged id → kept id).

    >>> actor_renames([["a", "b"], ["a"]], ["a", "b", "q:a"], {"q:a": "b"})
    [{}, {'a': 'b'}]
    """
    combined = iter(combined_ids)
    renames = []
    for ids in source_ids:
        renamed = {}
        for old in ids:
            new = next(combined, old)
            seen = {new}
            while new in merged_into and merged_into[new] not in seen:
                new = merged_into[new]
                seen.add(new)
            if new != old:
                renamed[old] = new
        renames.append(renamed)
    return renames


def personae_summary(gathered: GatheredPersonae, written: int, where: str,
                     cleared: Iterable[tuple[str, str]] = ()) -> list[str]:
    """The French lines of ``import`` about personae: how many written where, what was set aside and why.

    >>> gathered = GatheredPersonae(read=5, files=2, rejected=1, duplicates=1, conflicts=(("a", "q.json"),))
    >>> print("\\n".join(personae_summary(gathered, 2, "D/personae.json", [("b", "x")])))
    Personae : 2 repris dans D/personae.json (5 lus dans 2 fichiers : 1 rejeté, voir rejets.csv ; 1 identique réuni ; 1 laissé de côté, identifiant déjà pris).
    Personae laissés de côté car leur identifiant est déjà pris par un persona différent (le premier lu est gardé) : « a » de q.json.
    Premier contact effacé pour 1 persona, son acteur n'étant pas dans le modèle écrit : « b » (contact « x »).
    """
    from nec_network.wording import plural

    line = f"Personae : {written} repris dans {where}"
    details = []
    if gathered.rejected:
        details.append(f"{plural(gathered.rejected, 'rejeté', 'rejetés')}, voir rejets.csv")
    if gathered.duplicates:
        details.append(plural(gathered.duplicates, "identique réuni", "identiques réunis"))
    if gathered.conflicts:
        details.append(f"{plural(len(gathered.conflicts), 'laissé', 'laissés')} de côté, identifiant déjà pris")
    if details or gathered.files > 1:
        line += (f" ({plural(gathered.read, 'lu', 'lus')} dans {plural(gathered.files, 'fichier')}"
                 + (" : " + " ; ".join(details) if details else "") + ")")
    lines = [line + "."]
    if gathered.conflicts:
        lines.append("Personae laissés de côté car leur identifiant est déjà pris par un persona différent "
                     "(le premier lu est gardé) : "
                     + ", ".join(f"« {id_} » de {file}" for id_, file in gathered.conflicts) + ".")
    cleared = list(cleared)
    if cleared:
        whose = "son acteur n'étant" if len(cleared) == 1 else "leurs acteurs n'étant"
        lines.append(f"Premier contact effacé pour {plural(len(cleared), 'persona', 'personae')}, "
                     f"{whose} pas dans le modèle écrit : "
                     + ", ".join(f"« {id_} » (contact « {contact} »)" for id_, contact in cleared) + ".")
    return lines


def export_personae(source: str | Path, output: str | Path, *, carried: bool) -> tuple[tuple[Problem, ...], list[str]]:
    """``export``: the personae of the model ``source`` written beside ``output`` when the format
    carries them (``modele``); returns the problems of the records rejected and the French lines.

    As with :func:`nec_network.io.sources.carry_personae`, a file left at ``output`` by a former run is replaced by an
    empty list when the source has none; a format that cannot carry them says so.
    """
    path, target = personae_path(source), personae_path(output)
    if not carried:
        said = (f"Le fichier des personae ({path}) n'est pas exporté : ce format ne porte pas les "
                "personae ; il reste dans le modèle lu.")
        return (), [said] if path.is_file() else []
    if not path.is_file():
        return (), [empty_personae(target)] if target.is_file() else []
    from nec_network.wording import plural

    personae, report = read_personae_report(path)
    written = write_personae(personae, target)
    rejected = (f" sur {report.rows_read} ({plural(report.rejected, 'rejeté', 'rejetés')}, "
                "motif en erreur standard)") if report.rejected else ""
    return tuple(report.problems), [f"Personae : {len(personae)} repris{rejected} dans {written}."]


def empty_personae(path: Path) -> str:
    """Replace a personae file left by a former run with an empty list; the French line saying so."""
    write_personae((), path)
    return f"Personae : aucun dans les fichiers lus ; {path} (d'une écriture précédente) remplacé par une liste vide."

