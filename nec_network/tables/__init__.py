"""The bottom layer that reads tables: CSV, Excel workbooks and JSON records, one way.

Every reader of the package goes through here, from the territory's density grid to the
import of actors: encoding and separator are found once, every row is read whatever a
workbook declares, each cell is cleaned the same way (NUL removed, double-encoded text
repaired with ftfy, cells over :data:`CELL_LIMIT` refused) and every change is noted with
file, row and column (:class:`Problem`). Only regular files are read, within caps on bytes,
rows and cells (:mod:`nec_network.tables.limits`); a file that is not text is refused.

It lives below ``territory`` (the package order is tables → territory → model → io →
analysis → views → cli) because the territory reads user tables too, and it knows nothing
of actors: it hands out rows of strings. What the columns mean is decided above, in ``io``.

>>> from pathlib import Path
>>> import tempfile
>>> folder = Path(tempfile.mkdtemp())
>>> _ = (folder / "lieux.csv").write_bytes("nom;commune\\nMÃ©diathÃ¨que;Laon\\n".encode())
>>> table = read_table(folder / "lieux.csv")
>>> table.rows, table.delimiter, [note.message for note in table.corrections]
([{'nom': 'Médiathèque', 'commune': 'Laon'}], ';', ['texte doublement encodé réparé'])
"""

from __future__ import annotations

from pathlib import Path

from nec_network.tables.cells import CELL_LIMIT, cell_text, clean_cell, repair_mojibake
from nec_network.tables.delimited import decode_bytes, read_csv, read_csv_rows, refuse_binary, sniff_delimiter
from nec_network.tables.limits import InputLimits, check_input, current_limits, input_limits, open_input, read_input
from nec_network.tables.notes import Level, Problem
from nec_network.tables.records import json_records, read_json, read_records, record_cell
from nec_network.tables.table import Table, refuse_headerless_values
from nec_network.tables.workbook import SUFFIXES as WORKBOOK_SUFFIXES
from nec_network.tables.workbook import Workbook, read_sheet, read_workbook, sheet_names, sheet_rows

__all__ = [
    "CELL_LIMIT", "WORKBOOK_SUFFIXES", "InputLimits", "Level", "Problem", "Table", "Workbook", "cell_text",
    "check_input", "clean_cell", "current_limits", "decode_bytes", "input_limits", "json_records", "open_input",
    "read_csv", "read_csv_rows", "read_input", "read_json", "read_records", "read_sheet", "read_table",
    "read_workbook", "record_cell", "refuse_binary", "refuse_headerless_values", "repair_mojibake",
    "sheet_names", "sheet_rows", "sniff_delimiter", "split_list",
]  # fmt: skip


def read_table(path: str | Path, *, sheet: str | None = None, delimiter: str | None = None) -> Table:
    """Read any table by its suffix: a workbook's sheet (the first by default), JSON records,
    else delimited text (separator sniffed unless given)."""
    suffix = Path(path).suffix.lower()
    if suffix in WORKBOOK_SUFFIXES:
        return read_workbook(path, sheet=sheet)
    if suffix == ".json":
        return read_records(path)
    return read_csv(path, delimiter=delimiter)


def split_list(value: str, separators: str = "|") -> list[str]:
    """Split a list cell on any of ``separators``, dropping blanks.

    >>> split_list("a| b ||c")
    ['a', 'b', 'c']
    >>> split_list("a;b", ";|")
    ['a', 'b']
    """
    if not value:
        return []
    if len(separators) > 1:
        first = separators[0]
        for other in separators[1:]:
            value = value.replace(other, first)
        separators = first
    return [part.strip() for part in value.split(separators) if part.strip()]
