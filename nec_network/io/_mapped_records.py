"""Helpers of :mod:`nec_network.io.mapping`: advisers of JSON records, v0 values, personal and partnership columns."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from nec_network.errors import DataError
from nec_network.io._values import RowContext
from nec_network.io.mednum import V0_LISTS, convert_v0_items, record_v0
from nec_network.model.personal import ADVISER_COUNT, ADVISERS, PERSONAL_MARKER, adviser_cells
from nec_network.io.report import Report
from nec_network.model import Partnership
from nec_network.model import vocabularies as voc
from nec_network.tables import Table, json_records, read_json

#: Template list field → (v0 vocabulary, v0 → v1 table, field for plain values), from the
#: national v0 reader's table (keyed there by v0 column).
V0_FIELDS: dict[str, tuple[voc.Vocabulary, dict[str, Any], str]] = {
    field: (vocabulary, table, field) for vocabulary, table, field in V0_LISTS.values()
}


def attach_advisers(table: Table, path: Path) -> None:
    """Replace the ``aidants`` cells of a table read from JSON records by :func:`adviser_cells`.

    The table reader joins a list of objects into one cell; the advisers are read again from
    the records themselves so that each is counted once and kept whole (personal data,
    removed before anything is written: :mod:`nec_network.model.personal`).
    """
    if ADVISERS not in table.columns:
        return
    records = json_records(read_json(path), path)
    found = []
    for line in table.line_numbers:
        record = records[line - 1] if 0 < line <= len(records) else {}
        found.append(adviser_cells(record.get(ADVISERS) if isinstance(record, dict) else None))
    for column in (ADVISERS, ADVISER_COUNT, PERSONAL_MARKER):
        table.set_column(column, [cells[column] for cells in found])


def translate_v0(row: dict[str, str], ctx: RowContext, report: Report,
                 converted_before: dict[tuple[str, str], Any] | None = None) -> None:
    """Translate the v0 values of a mapped row into v1 with the built-in tables, recording each change
    (each distinct cell of a field sorted once per ``converted_before``, one per read: not to be changed).

    A v0 value without v1 equivalent (public « Adultes », label « APTIC »…) is kept in
    ``<champ>_v0`` with an ``avertissement``; other values are left for the template's checks.
    """
    converted_before = {} if converted_before is None else converted_before
    for field, handler in V0_FIELDS.items():
        value = row.get(field, "")
        if not value:
            continue
        if (field, value) not in converted_before:
            converted_before[field, value] = convert_v0_items(value.split("|"), handler)
        columns, aside, converted = converted_before[field, value]
        for column, values in columns.items():
            if column != field:
                row[column] = "|".join(dict.fromkeys([*filter(None, row.get(column, "").split("|")), *values]))
        row[field] = "|".join(dict.fromkeys(columns.get(field, [])))
        if not row[field]:
            del row[field]
        if aside:
            row[f"{field}_v0"] = "|".join(aside)
        # A value moved to another field unchanged is not a conversion of this cell.
        record_v0(ctx, report, field, value, aside, [(item, v1) for item, v1 in converted if v1 != item])


def parse_personal(value: Any, mapped: set[str], source: str) -> tuple[str, ...]:
    """The ``personnel`` key of a mapping: columns of the file holding personal data."""
    if not isinstance(value, list) or not all(isinstance(item, str) and item for item in value):
        raise DataError("« personnel » : liste de noms de colonnes attendue", file=source)
    clash = sorted(set(value) & mapped)
    if clash:
        raise DataError(f"« personnel » : colonne(s) déjà lue(s) dans « colonnes » : {', '.join(clash)} "
                        "(une colonne personnelle reste à part, hors des champs du modèle)", file=source)
    return tuple(value)


def mark_personal(row: dict[str, str], columns: tuple[str, ...]) -> None:
    """Name the personal columns of a row in its ``champs_personnels`` cell."""
    present = [column for column in columns if row.get(column)]
    if present:
        given = [key for key in row.get(PERSONAL_MARKER, "").split("|") if key]
        row[PERSONAL_MARKER] = "|".join(dict.fromkeys([*given, *present]))


def parse_partnership_columns(value: Any, source: str) -> tuple[tuple[str, str], ...]:
    """The ``partenariats`` key: ``[{"colonne": "id_parent", "type": "membre_de"}, …]`` → (column, type)."""
    if not isinstance(value, list):
        raise DataError("« partenariats » : liste d'objets {colonne, type} attendue", file=source)
    parsed = []
    for item in value:
        if not isinstance(item, dict) or not isinstance(item.get("colonne"), str) or not item["colonne"]:
            raise DataError("« partenariats » : chaque élément a une « colonne »", file=source)
        kind = item.get("type", "membre_de")
        if kind not in voc.PARTNERSHIP_TYPES:
            raise DataError(f"« partenariats » : type inconnu « {kind} » (admis : "
                            f"{', '.join(voc.PARTNERSHIP_TYPES)})", file=source)
        parsed.append((item["colonne"], kind))
    return tuple(parsed)


def partnerships_from_columns(pending: list[tuple[RowContext, str, str, str, str]], known: set[str],
                              report: Report) -> list[Partnership]:
    """Partnerships declared by columns (context, actor id, column, target id, type) whose ends are known."""
    links, seen = [], set()
    for ctx, actor_id, column, target, kind in pending:
        if actor_id not in known:
            continue
        if target not in known or target == actor_id:
            ctx.record(report, "avertissement", "partenaire introuvable dans le fichier : lien non créé",
                       column=column, value=target)
            continue
        link = Partnership(source=actor_id, cible=target, type=kind, origine=f"colonne {column}")
        if link.key not in seen:
            seen.add(link.key)
            links.append(link)
    return links
