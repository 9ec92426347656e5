"""A table as the readers above see it: named columns, rows of strings, and the notes of reading."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property

from nec_network.errors import DataError
from nec_network.tables.cells import CELL_LIMIT, Oversized, clean_column
from nec_network.tables.limits import bounded_rows
from nec_network.tables.notes import Problem


@dataclass
class Table:
    """Rows of a file, as dicts of stripped strings, with what was repaired or refused.

    ``rows[i]`` is on line ``line_numbers[i]`` of the file (header = line 1; for JSON, the
    1-based index of the record). ``cells`` holds the same strings column by column: each
    named column's cells in row order (what a reader working column by column takes).
    ``corrections`` holds the notes of reading: repairs (``correction``) and refused cells
    (``erreur``), each with file, row and column.
    """

    path: str
    columns: list[str]
    cells: dict[str, list[str]] = field(default_factory=dict)
    line_numbers: list[int] = field(default_factory=list)
    encoding: str = ""
    delimiter: str = ""
    corrections: list[Problem] = field(default_factory=list)

    @cached_property
    def rows(self) -> list[dict[str, str]]:
        """Each row as a dict of its named columns (made on first use)."""
        if not self.cells:
            return [{} for _ in self.line_numbers]
        names = list(self.cells)
        return [dict(zip(names, values, strict=True)) for values in zip(*self.cells.values(), strict=True)]

    def set_column(self, name: str, values: Iterable[str]) -> None:
        """Put ``values`` (one per row) in column ``name``, added at the end when new; ``rows``
        shows them from then on (the cells are what the table holds)."""
        self.cells[name] = list(values)
        if name not in self.columns:
            self.columns.append(name)
        self.__dict__.pop("rows", None)  # the rows view is made again from the cells

    def row(self, index: int) -> dict[str, str]:
        """Row ``index`` (0-based) as a dict of its named columns, like ``rows[index]``."""
        return {name: cells[index] for name, cells in self.cells.items()}

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
    restore: Callable[[str], str] | None = None, plain: bool = False,
) -> Table:
    """A :class:`Table` from raw rows ``(line, cells)`` under ``columns``: blank rows skipped,
    each cell cleaned, missing cells empty.

    Cells are cleaned column by column (:func:`~nec_network.tables.cells.clean_column`) in
    blocks of :data:`BLOCK_ROWS` rows, so that the file is never held whole; the notes stay in
    the order of the cells in the file. A value under no header raises :class:`DataError` (it
    would be lost); so does a row with more values than columns when ``too_many`` names the
    separator to blame (CSV), and a table over the row or cell cap
    (:func:`~nec_network.tables.limits.bounded_rows`). ``restore`` is applied to each cell of
    a kept row before cleaning (blank rows are judged as written). ``plain`` says every cell is
    a plain ``str`` (delimited text, JSON), never a workbook's :class:`Oversized`: a block of
    rows each shorter than ``limit`` then needs no cell-by-cell size check.
    """
    table = Table(label, columns, {column: [] for column in columns if column}, encoding=encoding,
                  delimiter=delimiter)
    width = len(columns)
    unnamed = [index for index, column in enumerate(columns) if not column]
    lines: list[int] = []
    block: list[list[str]] = []
    long_rows = False
    for line, cells in bounded_rows(rows, label):
        # A cell too long to keep (a workbook's Oversized) is empty text but not a blank cell.
        if not any(isinstance(cell, Oversized) or (cell and not cell.isspace()) for cell in cells):
            continue
        if len(cells) > width and any(cell.strip() for cell in cells[width:]):
            if too_many:
                raise DataError(f"{len(cells)} valeurs pour {width} colonnes (séparateur « {too_many} »)",
                                file=label, row=line)
            refuse_headerless_values(columns, cells, label, line)
        if restore is not None:
            cells = [restore(cell) for cell in cells]
        if unnamed and any(index < len(cells) and cells[index].strip() for index in unnamed):
            refuse_headerless_values(columns, cells, label, line)
        if len(cells) != width:  # missing cells are empty; those past the header are blank
            cells = (cells + [""] * width)[:width]
        long_rows = long_rows or not plain or len("".join(cells)) > limit
        lines.append(line)
        block.append(cells)
        if len(block) == BLOCK_ROWS:
            _add_block(table, lines, block, limit, checked=not long_rows)
            lines, block, long_rows = [], [], False
    _add_block(table, lines, block, limit, checked=not long_rows)
    return table


#: Rows cleaned together, column by column.
BLOCK_ROWS = 1024


def _add_block(table: Table, lines: list[int], block: list[list[str]], limit: int, *, checked: bool) -> None:
    """Clean the rows ``block`` (on ``lines``, each as wide as the header) column by column and
    add them to ``table`` (``checked``: every cell is a plain ``str`` within ``limit``)."""
    if not block:
        return
    named = [(index, column) for index, column in enumerate(table.columns) if column]
    notes = table.corrections
    first_note = len(notes)
    by_column = list(zip(*block, strict=True))
    cleaned = [
        clean_column(by_column[index], notes, file=table.path, rows=lines, column=column, limit=limit,
                     checked=checked)
        for index, column in named
    ]
    if len(notes) > first_note:  # found column by column: put back in the order of the cells
        position = {column: index for index, column in named}
        notes[first_note:] = sorted(notes[first_note:], key=lambda note: (note.row or 0, position[note.column]))
    for (_, column), values in zip(named, cleaned, strict=True):
        table.cells[column].extend(values)
    table.line_numbers.extend(lines)
