"""Change a few cells of a template and leave every other cell exactly as it was.

``nec-network geocode`` places actors without coordinates. Rewriting the whole
template from the ecosystem would re-format given coordinates (``49,8942`` →
``49.8942``), fold unreadable cells into others (``49.9|999``) and drop
rejected rows. Instead, :func:`update_actor_cells` copies the template (folder
or workbook) and changes only the cells it is given, found by the actor's
``id`` (its first row, the one the reader admits). Nothing is copied byte for byte
into the output where a spreadsheet could run it: every CSV table goes through the
one CSV writer (formulas neutralised), a workbook's formulas become their values.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from nec_network.errors import DataError
from nec_network.io.csv_output import restore_cell, write_csv
from nec_network.io.output import MARKER, open_output, write_output
from nec_network.tables import sniff_delimiter
from nec_network.tables.formulas import quoted_by_tool
from nec_network.tables.delimited import read_text
from nec_network.io.template import ACTORS_FILE

__all__ = ["template_files", "update_actor_cells"]


def template_files(source: str | Path) -> list[str]:
    """Names of the files :func:`update_actor_cells` writes for ``source`` (a folder's own files)."""
    source = Path(source)
    if not source.is_dir():
        return [source.name]
    return sorted(
        entry.name for entry in source.iterdir()
        if entry.is_file() and not entry.is_symlink() and not entry.name.startswith(".")
    )


def update_actor_cells(
    source: str | Path, target: str | Path, changes: Mapping[str, Mapping[str, str]]
) -> list[str]:
    """Copy the template ``source`` to ``target``, setting ``changes[id][column]`` in the actors' table.

    A folder is copied file by file: ``acteurs.csv`` rewritten, every other CSV table read
    and written again by the one CSV writer (formulas neutralised, text unchanged), other
    files as they are; a workbook is saved with its other sheets and cells unchanged, except
    formulas, replaced by their value (what the reader reads).
    A column missing from the table is added at its end. Returns the ids that
    were not found (none when the template is the one the changes come from).
    """
    source, target = Path(source), Path(target)
    if source.is_dir():
        return _update_folder(source, target, changes)
    return _update_workbook(source, target, changes)


def _update_rows(
    header: list[str], rows: list[list[str]], changes: Mapping[str, Mapping[str, str]], label: str
) -> list[str]:
    if "id" not in header:
        raise DataError("colonne « id » manquante", file=label, row=1)
    for column in sorted({column for cells in changes.values() for column in cells} - set(header)):
        header.append(column)
    position = {column: index for index, column in enumerate(header)}
    pending = dict(changes)
    for row in rows:
        row.extend([""] * (len(header) - len(row)))
        actor_id = row[position["id"]].strip()
        cells = pending.pop(actor_id, None)
        for column, value in (cells or {}).items():
            row[position[column]] = value
    return sorted(pending)


def _csv_records(path: Path) -> list[list[str]]:
    """Every record of a CSV file as text, the tool's quotes against formulas taken off
    (in a file it wrote: :func:`~nec_network.tables.formulas.quoted_by_tool`)."""
    text, _ = read_text(path)
    restore = quoted_by_tool(path)
    try:
        records = [[restore_cell(cell) if restore else cell for cell in record]
                   for record in csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text))]
    except csv.Error as error:
        raise DataError(f"CSV mal formé ({error})", file=str(path)) from error
    if not records:
        raise DataError("fichier vide", file=str(path))
    return records


def _update_folder(source: Path, target: Path, changes: Mapping[str, Mapping[str, str]]) -> list[str]:
    path = source / ACTORS_FILE
    records = _csv_records(path)
    header, rows = [cell.strip() for cell in records[0]], records[1:]
    missing = _update_rows(header, rows, changes, str(path))
    if target.resolve() != source.resolve():
        for name in template_files(source):
            if name in (ACTORS_FILE, MARKER):
                continue
            if name.lower().endswith(".csv"):
                # A table is read and written again by the one CSV writer, never copied byte for
                # byte: a formula a person typed (=HYPERLINK(…), @SUM…) goes out neutralised.
                table = _csv_records(source / name)
                width = max(len(record) for record in table)
                write_csv(target / name, [[*record, *[""] * (width - len(record))] for record in table[1:]],
                          columns=[*table[0], *[""] * (width - len(table[0]))])
            else:
                write_output(target / name, (source / name).read_bytes())
    write_csv(target / ACTORS_FILE, rows, columns=header)
    return missing


def _update_workbook(source: Path, target: Path, changes: Mapping[str, Mapping[str, str]]) -> list[str]:
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(source)
    except Exception as error:  # openpyxl raises many unrelated types for a damaged file
        raise DataError(f"classeur illisible ({error})", file=str(source)) from error
    names = {name.strip().lower(): name for name in workbook.sheetnames}
    if "acteurs" not in names:
        raise DataError("feuille « acteurs » manquante dans le classeur", file=str(source))
    sheet = workbook[names["acteurs"]]
    header = ["" if cell.value is None else str(cell.value).strip() for cell in sheet[1]]
    while header and not header[-1]:
        header.pop()
    if "id" not in header:
        raise DataError("colonne « id » manquante", file=f"{source}#acteurs", row=1)
    for column in sorted({column for cells in changes.values() for column in cells} - set(header)):
        header.append(column)
        sheet.cell(row=1, column=len(header), value=column)
    position = {column: index + 1 for index, column in enumerate(header)}
    pending = dict(changes)
    for row in range(2, sheet.max_row + 1):
        value = sheet.cell(row=row, column=position["id"]).value
        cells = pending.pop("" if value is None else str(value).strip(), None)
        for column, text in (cells or {}).items():
            cell = sheet.cell(row=row, column=position[column], value=text)
            cell.data_type = "s"
            cell.number_format = "@"
    _formulas_as_values(workbook, source)
    with open_output(target, binary=True) as stream:
        workbook.save(stream)
    return sorted(pending)


def _formulas_as_values(workbook: Any, source: Path) -> None:
    """Every formula of every sheet replaced by the value the reader reads (its cached result).

    The geocoded workbook is the tool's output, like a CSV: it carries no formula a spreadsheet
    would run (``=HYPERLINK(…)``, ``=WEBSERVICE(…)``), and reading it gives what reading the
    source gave (:mod:`nec_network.tables.workbook` reads cached results too).
    """
    import openpyxl

    cached = None
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type != "f":
                    continue
                if cached is None:
                    cached = openpyxl.load_workbook(source, data_only=True)
                value = cached[sheet.title].cell(row=cell.row, column=cell.column).value
                cell.value = value
                if isinstance(value, str):
                    cell.data_type = "s"
