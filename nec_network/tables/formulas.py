"""Cells a spreadsheet would evaluate: how our CSV writer quotes them, and how reading unquotes them.

The rule is :mod:`nec_network.io.csv_output`'s (see its docstring); both directions live here,
at the bottom, because :func:`nec_network.tables.read_csv` applies :func:`restore_cell` to
the cells of the files the tool wrote (:func:`quoted_by_tool`), so that our own files read back
exactly and a person's own file is read as they typed it (a leading ``'`` included).
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

#: Marker file of the folders the tool writes in: the files written there, with their SHA-256
#: (:mod:`nec_network.io.output`).
TOOL_MARKER = ".nec-network"
_MARKER_MAX_BYTES = 4 << 20

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


def quoted_by_tool(path: str | Path) -> bool:
    """True when ``path`` is a file the tool wrote: listed in its folder's marker (:data:`TOOL_MARKER`).

    Only there is a leading quote before a formula sign the tool's own (edited since in a
    spreadsheet or not, the quotes it added are still there); in any other file it is the
    person's, and is kept.
    """
    path = Path(path)
    marker = path.parent / TOOL_MARKER
    try:
        if marker.is_symlink() or not marker.is_file() or os.path.getsize(marker) > _MARKER_MAX_BYTES:
            return False
        document = json.loads(marker.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return False
    files = document.get("fichiers") if isinstance(document, dict) else None
    return isinstance(files, dict) and path.name in files
