"""Argument helpers shared by the sub-command modules."""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO


def departements_arg(value: str) -> tuple[str, ...]:
    """Parse ``02,60,80`` into a tuple of département codes (``2`` becomes ``02``)."""
    codes = tuple(code.strip().upper().zfill(2) for code in value.split(",") if code.strip())
    if not codes:
        raise argparse.ArgumentTypeError("liste de départements vide")
    return codes


@contextlib.contextmanager
def output_stream(path: str | None) -> Iterator[TextIO]:
    """Yield a text stream to ``path`` (UTF-8) or to standard output when ``path`` is None or '-'."""
    if path in (None, "-"):
        yield sys.stdout
        return
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("w", encoding="utf-8", newline="") as stream:
        yield stream
