"""Cells a spreadsheet would evaluate: how our CSV writer quotes them, and how reading unquotes them.

The rule is :mod:`nec_network.io.csv_output`'s (see its docstring); both directions live here,
at the bottom, because :func:`nec_network.tables.read_csv` applies :func:`restore_cell` to
every cell it reads, so that our own files read back exactly.
"""

from __future__ import annotations

import re
from typing import Any

#: First characters that make a spreadsheet evaluate a cell (OWASP, plus full-width forms).
FORMULA_TRIGGERS = frozenset("=+-@\t\r\uff1d\uff0b\uff0d\uff20")

_SIGNED_NUMBER = re.compile(r"[-+](?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?")


def _needs_quote(text: str) -> bool:
    rest = text.lstrip("'")
    if not rest or rest[0] not in FORMULA_TRIGGERS:
        return False
    # A quoted cell always gets one more quote (so restore_cell is exact); a bare signed
    # number is left alone.
    return text.startswith("'") or not _SIGNED_NUMBER.fullmatch(text)


def neutralise_cell(value: Any) -> Any:
    """``value`` made inert for a spreadsheet: text starting with a formula sign gets a leading ``'``.

    Values that are not strings (numbers, None) are returned unchanged.

    >>> neutralise_cell("@SUM(1+1)"), neutralise_cell("\\tcmd"), neutralise_cell(-2.5)
    ("'@SUM(1+1)", "'\\tcmd", -2.5)
    """
    if isinstance(value, str) and value and _needs_quote(value):
        return "'" + value
    return value


def restore_cell(text: str) -> str:
    """Inverse of :func:`neutralise_cell` for a cell read from a CSV file.

    >>> restore_cell("'=1+1"), restore_cell("''=1+1"), restore_cell("'Amiens"), restore_cell("-3.5")
    ('=1+1', "'=1+1", "'Amiens", '-3.5')
    """
    if text.startswith("'"):
        rest = text[1:].lstrip("'")
        if rest and rest[0] in FORMULA_TRIGGERS:
            return text[1:]
    return text
