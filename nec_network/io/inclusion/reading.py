"""Reading data·inclusion structures and services (JSON or CSV) into an ecosystem."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from data_inclusion.schema import v1 as di

from nec_network.errors import DataError
from nec_network.io._values import RowContext
from nec_network.io.report import Problem, Report
from nec_network.tables import cell_text, clean_cell, json_records, read_json, read_table, split_list
from nec_network.io.placement import ActorFields, has_coordinates
from nec_network.io.template import actor_fields
from nec_network.io.validation import admit_actors
from nec_network.model import Ecosystem
from nec_network.model import vocabularies as voc
from nec_network.io.inclusion.correspondences import (
    ASIDE_COLUMNS,
    CONDITIONAL_FREE,
    EXTRA_COLUMNS,
    EXTRA_PREFIX,
    ID_PREFIX,
    INCLUSION_TO_PUBLIC,
    JOB_THEMATIQUE,
    MOBILISATION_TO_MODALITE_ACCES,
    PUBLICS_ASIDE,
    REMOTE,
    RESEAU_TO_VALUE,
    THEMATIQUE_TO_SERVICE,
    _ZONE_CODE,
)
from nec_network.io.inclusion.schema import _as_text, _items, _validate


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

    def actor_fields(self, report: Report) -> ActorFields:
        """The keyword arguments of the structure's :class:`~nec_network.model.Actor`."""
        row = dict(self.row)
        for column, values in self.lists.items():
            if not self.ours or column not in EXTRA_COLUMNS:
                row[column] = "|".join(dict.fromkeys([*split_list(row.get(column, "")), *values]))
        fields = actor_fields(row, ctx=self.ctx, report=report)
        extra = fields["extra"]
        for column, values in self.aside.items():
            extra[column] = "|".join(dict.fromkeys([*split_list(cell_text(extra.get(column, ""))), *values]))
        if has_coordinates(fields) and not fields["precision"]:
            fields["precision"] = "saisie"
        return fields


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
    candidates = [(structure.ctx, structure.actor_fields(report)) for structure in read]
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
