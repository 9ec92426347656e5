"""One cell at a time: its text, and the repairs and refusals every reader applies the same way.

:func:`clean_cell` is the only place where a cell read from a file is changed: NUL characters
removed, text that went through two encodings repaired (with :mod:`ftfy`), a cell longer than
:data:`CELL_LIMIT` refused. Each change is written to the table's notes with file, row and
column, so nothing is changed or dropped silently. :func:`clean_column` looks at a whole column
first, so that a column needing none of this (nearly every one) costs no call per cell.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

from nec_network.tables.notes import Problem

#: Longest cell accepted, in characters: longer ones are refused (a description is a few
#: hundred characters; a megabyte in one cell is a damaged or hostile file).
CELL_LIMIT = 10_000

# A UTF-8 lead byte then a continuation byte, as cp1252/latin-1 shows them (Ã© Â« â€™...):
# text without such a pair cannot be double-encoded UTF-8, and skipping it keeps reading fast
# (ftfy takes some 40 µs a cell).
_SUSPECT = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013-\u203a\u20ac\u2122]"
)


class Oversized(str):
    """Placeholder for a cell that was too long to keep: its text is empty, its length known.

    >>> cell = Oversized(length=12_000)
    >>> (cell, cell.length)
    ('', 12000)
    """

    length: int

    def __new__(cls, *, length: int) -> Oversized:
        self = super().__new__(cls, "")
        self.length = length
        return self


def cell_text(value: Any) -> str:
    """Text of a spreadsheet cell: numbers without a spurious ``.0``, dates in ISO form.

    >>> cell_text(2100), cell_text(49.5), cell_text(80021.0), cell_text(None)
    ('2100', '49.5', '80021', '')
    >>> cell_text(dt.datetime(2024, 3, 1, 0, 0)), cell_text(True)
    ('2024-03-01', 'oui')
    """
    if value is None:
        return ""
    if isinstance(value, Oversized):
        return value
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def repair_mojibake(text: str) -> str:
    """Undo text that was decoded with the wrong encoding (once or more), with :mod:`ftfy`
    (which restores the no-break space a French guillemet had).

    >>> repair_mojibake("LÃ©guillon"), repair_mojibake("Â«Â guillemets Â»"), repair_mojibake("Léguillon")
    ('Léguillon', '«\\xa0guillemets »', 'Léguillon')
    """
    if text.isascii() or not _SUSPECT.search(text):
        return text
    import ftfy  # only when a cell looks damaged: ftfy takes a while to import

    return ftfy.fix_encoding(text)


def clean_cell(
    value: str, notes: list[Problem], *, file: str, row: int | None, column: str,
    limit: int = CELL_LIMIT,
) -> str:
    """The cell's text once NUL characters are removed, its encoding repaired and its size checked.

    Each change is appended to ``notes``: a ``correction`` for a repair, an ``erreur`` for a
    cell longer than ``limit`` characters, which is refused (its text becomes empty).

    >>> notes = []
    >>> clean_cell("Mai\\x00rie", notes, file="a.csv", row=2, column="nom")
    'Mairie'
    >>> clean_cell("x" * 20, notes, file="a.csv", row=3, column="nom", limit=10)
    ''
    >>> [(note.level, note.row) for note in notes]
    [('correction', 2), ('erreur', 3)]
    """
    length = value.length if isinstance(value, Oversized) else len(value)
    if length > limit:
        notes.append(Problem(
            "erreur", f"cellule de {length:,} caractères refusée (au plus {limit:,})".replace(",", "\u202f"),
            file, row, column, "",
        ))  # fmt: skip
        return ""
    if "\x00" in value:
        cleaned = value.replace("\x00", "")
        notes.append(Problem("correction", "caractère(s) NUL retiré(s)", file, row, column,
                             value.replace("\x00", "\\0"), cleaned))  # fmt: skip
        value = cleaned
    repaired = repair_mojibake(value)
    if repaired != value:
        notes.append(Problem("correction", "texte doublement encodé réparé", file, row, column, value, repaired))
    return repaired


def clean_column(
    values: Sequence[str], notes: list[Problem], *, file: str, rows: list[int], column: str,
    limit: int = CELL_LIMIT, checked: bool = False,
) -> list[str]:
    """:func:`clean_cell` of each value of one column (``rows[i]`` is the row of ``values[i]``),
    each result stripped.

    The column is tested as a whole first: with no NUL character, no text that looks
    double-encoded, no cell over ``limit`` and no cell refused upstream (:class:`Oversized`),
    its values are only stripped; otherwise each cell is cleaned on its own. ``checked`` says
    the caller knows the last two already (every value a plain ``str`` within ``limit``).

    >>> notes = []
    >>> clean_column([" Laon ", "LÃ©guillon"], notes, file="a.csv", rows=[2, 3], column="nom")
    ['Laon', 'Léguillon']
    >>> [(note.row, note.message) for note in notes]
    [(3, 'texte doublement encodé réparé')]
    """
    joined = "\x1f".join(values)
    clean = (
        "\x00" not in joined
        and (joined.isascii() or not _SUSPECT.search(joined))
        and (checked or (max(map(len, values), default=0) <= limit and set(map(type, values)) <= {str}))
    )
    if clean:
        return list(map(str.strip, values))
    return [
        clean_cell(value, notes, file=file, row=row, column=column, limit=limit).strip()
        for value, row in zip(values, rows, strict=True)
    ]
