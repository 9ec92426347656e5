"""A table as the readers above see it: named columns, rows of strings, and the notes of reading."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from nec_network.errors import DataError
from nec_network.tables.cells import CELL_LIMIT, clean_cell
from nec_network.tables.limits import bounded_rows
from nec_network.tables.notes import Problem


@dataclass
class Table:
    """Rows of a file, as dicts of stripped strings, with what was repaired or refused.

    ``rows[i]`` is on line ``line_numbers[i]`` of the file (header = line 1; for JSON, the
    1-based index of the record). ``corrections`` holds the notes of reading: repairs
    (``correction``) and refused cells (``erreur``), each with file, row and column.
    """

    path: str
    columns: list[str]
    rows: list[dict[str, str]] = field(default_factory=list)
    line_numbers: list[int] = field(default_factory=list)
    encoding: str = ""
    delimiter: str = ""
    corrections: list[Problem] = field(default_factory=list)

    def corrected_lines(self) -> set[int]:
        """Lines where a value was repaired (the row counts as corrected)."""
        return {note.row for note in self.corrections if note.level == "correction" and note.row is not None}


def refuse_headerless_values(columns: list[str], cells: list[str], path: str, line: int) -> None:
    """Raise :class:`DataError` when a cell has a value but its column no name: it would be lost."""
    for index, cell in enumerate(cells, start=1):
        column = columns[index - 1] if index <= len(columns) else ""
        if not column and cell.strip():
            raise DataError(
                f"valeur « {cell.strip()[:80]} » dans la colonne n° {index}, qui n'a pas d'en-tête",
                file=path, row=line,
            )  # fmt: skip


def header_columns(cells: Iterable[str], label: str) -> list[str]:
    """Column names of a header row (trailing blanks dropped); duplicates raise :class:`DataError`."""
    columns = [cell.replace("\x00", "").strip().lstrip("\ufeff") for cell in cells]
    while columns and not columns[-1]:
        columns.pop()
    duplicates = sorted({name for name in columns if name and columns.count(name) > 1})
    if duplicates:
        raise DataError(f"colonnes en double : {', '.join(duplicates)}", file=label, row=1)
    return columns


def build_table(
    label: str, columns: list[str], rows: Iterable[tuple[int, list[str]]], *,
    encoding: str = "", delimiter: str = "", limit: int = CELL_LIMIT, too_many: str = "",
    restore: Callable[[str], str] | None = None,
) -> Table:
    """A :class:`Table` from raw rows ``(line, cells)`` under ``columns``: blank rows skipped,
    each cell cleaned (:func:`~nec_network.tables.cells.clean_cell`), missing cells empty.

    A value under no header raises :class:`DataError` (it would be lost); so does a row with
    more values than columns when ``too_many`` names the separator to blame (CSV), and a
    table over the row or cell cap (:func:`~nec_network.tables.limits.bounded_rows`).
    ``restore`` is applied to each cell of a kept row before cleaning (blank rows are
    judged as written).
    """
    table = Table(label, columns, encoding=encoding, delimiter=delimiter)
    notes = table.corrections
    width = len(columns)
    for line, cells in bounded_rows(rows, label):
        if not any(cell and not cell.isspace() for cell in cells):
            continue
        if len(cells) > width and any(cell.strip() for cell in cells[width:]):
            if too_many:
                raise DataError(f"{len(cells)} valeurs pour {width} colonnes (séparateur « {too_many} »)",
                                file=label, row=line)
            refuse_headerless_values(columns, cells, label, line)
        if restore is not None:
            cells = [restore(cell) for cell in cells]
        record: dict[str, str] = {}
        for column, cell in zip(columns, cells, strict=False):
            if not column:
                if cell.strip():
                    refuse_headerless_values(columns, cells, label, line)
                continue
            record[column] = clean_cell(cell, notes, file=label, row=line, column=column, limit=limit).strip()
        for column in columns[len(cells):]:
            if column:
                record[column] = ""
        table.rows.append(record)
        table.line_numbers.append(line)
    return table
