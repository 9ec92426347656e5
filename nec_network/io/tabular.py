"""Reading messy tables: encoding and delimiter detection, repair of double-encoded UTF-8.

Coordinators' files come from Excel (cp1252, ``;``), from open-data portals
(UTF-8 with or without BOM, ``,``) or from exports that went through two
encodings (``LÃ©guillon``). :func:`read_table` returns rows of strings plus the
corrections it made, each tied to its file, row and column.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from nec_network.errors import DataError
from nec_network.io.csv_output import restore_cell
from nec_network.io.report import Problem

_MOJIBAKE = re.compile(r"[ÃÂÅÆ][\x80-\xbf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122]")


@dataclass
class Table:
    """Rows of a delimited file, as dicts of stripped strings, with what was repaired.

    ``rows[i]`` is on line ``line_numbers[i]`` of the file (header = line 1).
    """

    path: str
    columns: list[str]
    rows: list[dict[str, str]]
    line_numbers: list[int]
    encoding: str
    delimiter: str
    corrections: list[Problem] = field(default_factory=list)


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 text that was decoded as cp1252/latin-1 and re-encoded (once or twice).

    >>> repair_mojibake("LÃ©guillon")
    'Léguillon'
    >>> repair_mojibake("Léguillon")
    'Léguillon'
    """
    for _ in range(2):
        if not _MOJIBAKE.search(text):
            break
        for codec in ("cp1252", "latin-1"):
            try:
                repaired = text.encode(codec).decode("utf-8")
            except (UnicodeEncodeError, UnicodeDecodeError):
                continue
            text = repaired
            break
        else:
            break
    return text


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode file content: UTF-8 (BOM stripped) when valid, else cp1252. Returns (text, encoding)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "cp1252"


def read_json(path: str | Path, *, what: str = "fichier") -> Any:
    """Parse a JSON file (UTF-8 with or without BOM, else cp1252).

    Raises :class:`DataError` naming the file (and the line of a syntax error);
    ``what`` names the file in the message, e.g. ``"table de correspondance"``.
    """
    path = Path(path)
    try:
        text, _ = decode_bytes(path.read_bytes())
    except OSError as error:
        raise DataError(f"{what} illisible ({error.strerror})", file=str(path)) from error
    try:
        return json.loads(text)
    except RecursionError as error:
        raise DataError("JSON trop imbriqué pour être lu (structure anormalement profonde)", file=str(path)) from error
    except json.JSONDecodeError as error:
        raise DataError(f"JSON invalide ({error.msg})", file=str(path), row=error.lineno) from error


def sniff_delimiter(text: str) -> str:
    """Pick ``,``, ``;`` or tab from the header line (the one that splits it most)."""
    header = text.split("\n", 1)[0]
    counts = {delimiter: header.count(delimiter) for delimiter in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_table(path: str | Path, *, delimiter: str | None = None) -> Table:
    """Read a delimited text file into a :class:`Table`.

    Raises :class:`DataError` (French, naming the file) when the file is empty,
    unreadable or a header is duplicated.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise DataError(f"fichier illisible ({error.strerror})", file=str(path)) from error
    text, encoding = decode_bytes(data)
    if not text.strip():
        raise DataError("fichier vide", file=str(path))
    delimiter = delimiter or sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except (StopIteration, csv.Error) as error:
        raise DataError(f"en-tête illisible ({error})", file=str(path), row=1) from error
    columns = [name.strip() for name in header]
    duplicates = sorted({name for name in columns if name and columns.count(name) > 1})
    if duplicates:
        raise DataError(f"colonnes en double : {', '.join(duplicates)}", file=str(path), row=1)
    table = Table(str(path), columns, [], [], encoding, delimiter)
    try:
        for raw in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in raw):
                continue
            if len(raw) > len(columns) and any(cell.strip() for cell in raw[len(columns):]):
                raise DataError(
                    f"{len(raw)} valeurs pour {len(columns)} colonnes (séparateur « {delimiter} »)",
                    file=str(path),
                    row=line,
                )
            refuse_headerless_values(columns, raw, str(path), line)
            row = {}
            for column, cell in zip(columns, raw, strict=False):
                value = restore_cell(cell).strip()
                repaired = repair_mojibake(value)
                if repaired != value:
                    table.corrections.append(
                        Problem(
                            "correction",
                            "texte doublement encodé réparé",
                            str(path),
                            line,
                            column,
                            value,
                            repaired,
                        )
                    )
                row[column] = repaired
            for column in columns[len(raw):]:
                row[column] = ""
            table.rows.append(row)
            table.line_numbers.append(line)
    except csv.Error as error:
        raise DataError(f"CSV mal formé ({error})", file=str(path), row=reader.line_num) from error
    return table


def refuse_headerless_values(columns: list[str], cells: list[str], path: str, line: int) -> None:
    """Raise :class:`DataError` when a cell has a value but its column no name: it would be lost."""
    for index, (column, cell) in enumerate(zip(columns, cells, strict=False), start=1):
        if not column and cell.strip():
            raise DataError(
                f"valeur « {cell.strip()} » dans la colonne n° {index}, qui n'a pas d'en-tête",
                file=path,
                row=line,
            )


def split_list(value: str, separators: str = "|") -> list[str]:
    """Split a list cell on any of ``separators``, dropping blanks.

    >>> split_list("a| b ||c")
    ['a', 'b', 'c']
    >>> split_list("a;b", ";|")
    ['a', 'b']
    """
    parts = re.split("[" + re.escape(separators) + "]", value) if value else []
    return [part.strip() for part in parts if part.strip()]
