"""The one CSV writer: every cell a spreadsheet would evaluate is neutralised, and read back exactly.

Coordinators open our CSV files in Excel or LibreOffice, which evaluate a cell
starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return as a
formula (``=HYPERLINK(…)``, ``+cmd|' /C calc'!A0``, ``@SUM(1+1)``). Following the
OWASP rule, :func:`neutralise_cell` prefixes such a cell with a single quote
``'``; :func:`restore_cell` (applied by :func:`nec_network.tables.read_csv`)
removes it again, so reading our own files gives back the original text.

Whose quote is it? Every CSV file written here is listed in its folder's marker
(``.nec-network``, :func:`nec_network.io.output.record_own_file`). Reading restores
cells only in a file listed there (:func:`~nec_network.tables.formulas.quoted_by_tool`,
edited since in a spreadsheet or not: the quotes we added are still there); any other
file is a person's, read exactly as typed. So a person's own ``'=1+1`` is read as
``'=1+1``, written as ``''=1+1`` and read back as ``'=1+1``: a round trip never eats
an apostrophe someone typed.

Choices:

- a number stays a number: ``-3.5``, ``-12``, ``-3,5`` or ``+33322121234``
  (a telephone number in the national schema's form, which the schema requires
  exactly so) are written as they are: a signed number cannot call anything;
- any other text after a sign is quoted, so a telephone number written for
  people, ``+33 3 22 12 34 56``, shows as ``'+33 3 22 12 34 56``: readable, and
  not mistaken for a broken formula;
- a cell that already starts with quotes followed by a trigger (``'=A1``) gets
  one more quote, so that :func:`restore_cell` is the exact inverse;
- full-width ``＝ ＋ － ＠``, which some spreadsheets also read as formula
  signs, are treated like their ASCII forms.

>>> neutralise_cell('=HYPERLINK("http://evil.invalid","clic")')
'\\'=HYPERLINK("http://evil.invalid","clic")'
>>> neutralise_cell("-3.5"), neutralise_cell("+33322121234"), neutralise_cell("+33 3 22 12 34 56")
('-3.5', '+33322121234', "'+33 3 22 12 34 56")
>>> restore_cell(neutralise_cell("'=A1")) == "'=A1"
True
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from nec_network.tables.formulas import FORMULA_TRIGGERS, neutralise_cell, restore_cell

_CRLF = "\r\n"

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["FORMULA_TRIGGERS", "neutralise_cell", "neutralise_frame", "restore_cell", "write_csv"]

def neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose text cells, column names and index labels are neutralised.

    Numeric columns are left as they are (numbers stay numbers).
    """
    import pandas as pd

    result = frame.copy()
    for column in result.columns:
        if not (pd.api.types.is_numeric_dtype(result[column]) or pd.api.types.is_bool_dtype(result[column])):
            result[column] = result[column].map(neutralise_cell)
    result.columns = _neutralise_index(result.columns)
    result.index = _neutralise_index(result.index)
    return result


def _neutralise_index(index: pd.Index) -> pd.Index:
    import pandas as pd

    if pd.api.types.is_numeric_dtype(index) or isinstance(index, pd.MultiIndex):
        return index
    return index.map(neutralise_cell).rename(neutralise_cell(index.name))


def write_csv(
    target: str | Path | TextIO | None,
    rows: pd.DataFrame | Iterable[Mapping[str, Any] | Sequence[Any]],
    *,
    columns: Sequence[str] | None = None,
    index: bool = False,
    float_format: str | None = None,
) -> None:
    """Write a CSV table (UTF-8, comma, CRLF) with every cell neutralised by :func:`neutralise_cell`.

    Lines end with CRLF (RFC 4180): Python's CSV writer quotes a cell holding a
    carriage return only when it is part of the line terminator, so with a bare
    ``\n`` a cell ``a\rb`` would be split in two when read back.

    ``rows`` is a DataFrame (written by pandas, numeric columns untouched, the
    index only when ``index=True``), or records: mappings keyed by ``columns``
    or sequences in the order of ``columns``. ``target`` is a path (written
    through :func:`nec_network.io.output.open_output`: atomically, never through
    a symbolic link, and listed in its folder's marker), an open text stream, or None /
    ``"-"`` for standard output.
    """
    if target is None or (isinstance(target, str) and target == "-"):
        _write(sys.stdout, rows, columns, index, float_format)
    elif isinstance(target, (str, Path)):
        from nec_network.io.output import open_output, record_own_file

        with open_output(target) as stream:
            _write(stream, rows, columns, index, float_format)
        record_own_file(target)
    else:
        _write(target, rows, columns, index, float_format)


def _write(
    stream: TextIO,
    rows: Any,
    columns: Sequence[str] | None,
    index: bool,
    float_format: str | None,
) -> None:
    if hasattr(rows, "to_csv"):
        neutralise_frame(rows).to_csv(
            stream, index=index, lineterminator=_CRLF, float_format=float_format
        )
        return
    if columns is None:
        raise TypeError("write_csv needs columns for records")
    writer = csv.writer(stream, lineterminator=_CRLF)
    writer.writerow([neutralise_cell(str(name)) for name in columns])
    for row in rows:
        values = [row.get(name, "") for name in columns] if isinstance(row, Mapping) else list(row)
        writer.writerow([neutralise_cell(value) for value in values])
