"""Delimited text files: encoding and separator found, every record read, each cell cleaned."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

from nec_network.errors import DataError
from nec_network.tables.cells import CELL_LIMIT
from nec_network.tables.formulas import restore_cell
from nec_network.tables.table import Table, build_table, header_columns

# The csv module refuses fields over 128 KiB and would fail the whole file on one long cell:
# cells are read whole and then refused one by one over CELL_LIMIT (the file is in memory anyway).
csv.field_size_limit(2**31 - 1)


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode file content: UTF-8 (BOM stripped) when valid, else cp1252. Returns (text, encoding).

    >>> decode_bytes("Léon".encode("cp1252")), decode_bytes(b"\\xef\\xbb\\xbfa")
    (('Léon', 'cp1252'), ('a', 'utf-8-sig'))
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "cp1252"


def sniff_delimiter(text: str, *, lines: int = 1) -> str:
    """Pick ``,``, ``;`` or tab from the first ``lines`` lines (the one that splits them most).

    >>> sniff_delimiter("nom;commune,x;code\\n"), sniff_delimiter("seul\\n")
    (';', ',')
    """
    sample = "\n".join(text.split("\n", lines)[:lines])
    counts = {delimiter: sample.count(delimiter) for delimiter in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_text(path: str | Path) -> tuple[str, str]:
    """The decoded text of a file and its encoding; :class:`DataError` when unreadable or empty."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise DataError(f"fichier illisible ({error.strerror})", file=str(path)) from error
    text, encoding = decode_bytes(data)
    if not text.strip():
        raise DataError("fichier vide", file=str(path))
    return text, encoding


def csv_rows(text: str, delimiter: str, label: str) -> Iterator[tuple[int, list[str]]]:
    """``(line, cells)`` of every record; ``line`` is where the record ends, as a spreadsheet counts."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for cells in reader:
            yield reader.line_num, cells
    except csv.Error as error:
        raise DataError(f"CSV mal formé ({error})", file=label, row=reader.line_num + 1) from error


def read_csv(path: str | Path, *, delimiter: str | None = None, limit: int = CELL_LIMIT) -> Table:
    """Read a delimited text file with a header line into a :class:`Table`.

    Cells that our CSV writer quoted against spreadsheet formulas are unquoted
    (:func:`~nec_network.tables.formulas.restore_cell`), so our files read back exactly.

    Raises :class:`DataError` (French, naming the file) when the file is empty or
    unreadable, a header is duplicated, or a row has values beyond the header.
    """
    label = str(path)
    text, encoding = read_text(path)
    delimiter = delimiter or sniff_delimiter(text)
    rows = csv_rows(text, delimiter, label)
    header = next(rows, None)
    if header is None:
        raise DataError("en-tête illisible", file=label, row=1)
    columns = header_columns([restore_cell(cell) for cell in header[1]], label)
    return build_table(label, columns, rows, encoding=encoding, delimiter=delimiter, limit=limit,
                       too_many=delimiter, restore=restore_cell)  # fmt: skip


def read_csv_rows(path: str | Path, *, search_lines: int = 20) -> list[list[str]]:
    """Every record of a delimited file as raw cells, for files whose header is not on line 1
    (the separator is sniffed over the first ``search_lines`` lines)."""
    text, _ = read_text(path)
    delimiter = sniff_delimiter(text, lines=search_lines)
    return [cells for _, cells in csv_rows(text, delimiter, str(path))]
