"""Bounds on what an input may make us read: only regular files, and caps on bytes, rows and cells.

A named pipe given as input would block forever, ``/dev/zero`` would be read until memory
runs out, and a workbook of 44 MB can inflate to gigabytes of XML (a "row bomb"). Every
reader of :mod:`nec_network.tables` (and the graph and JSON readers above it) opens its
file through :func:`open_input` or checks it with :func:`check_input`, and counts rows and
cells with :func:`bounded_rows`; a file over a cap is refused with
:class:`InputTooLargeError`, in French, naming the file and the cap.

The defaults fit the largest real national file ten times over:

- rows: the national France Services list is about 2,700 rows (1 MB), the national
  files of the digital-inclusion places (mednum v1, data·inclusion) about 50,000 to
  100,000 rows (tens of MB): **1,000,000 rows** per table;
- cells: those files have 30 to 45 columns, so **50 cells per row** of the row cap
  (50,000,000 non-empty cells);
- bytes: tens of MB, so **500 Mo** per input file;
- workbooks: the XML inside a workbook is several times its zipped size; the parts read
  may inflate to **twice the byte cap** (1,000 Mo), which a 1.2 GB row bomb exceeds.

:func:`input_limits` raises them for a block (the command line's ``--limite-taille`` and
``--limite-lignes``); :func:`current_limits` is what readers apply.
"""

from __future__ import annotations

import contextlib
import contextvars
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TypeVar

from nec_network.errors import DataError, InputTooLargeError

_MB = 1_000_000
_Row = TypeVar("_Row")


@dataclass(frozen=True)
class InputLimits:
    """Caps on one input file: its size in bytes, its rows and non-empty cells per table, and the
    inflated size of the parts of a workbook.

    >>> InputLimits.scaled(size_mb=10, rows=1000)
    InputLimits(max_bytes=10000000, max_rows=1000, max_cells=50000, max_inflated=20000000)
    """

    max_bytes: int = 500 * _MB
    max_rows: int = 1_000_000
    max_cells: int = 50_000_000
    max_inflated: int = 1_000 * _MB

    @classmethod
    def scaled(cls, *, size_mb: float | None = None, rows: int | None = None) -> InputLimits:
        """Limits from a size in Mo (bytes, and twice that inflated) and a number of rows
        (and 50 cells per row); None keeps the default."""
        default = cls()
        max_bytes = default.max_bytes if size_mb is None else int(size_mb * _MB)
        max_rows = default.max_rows if rows is None else int(rows)
        return cls(max_bytes, max_rows, max_rows * CELLS_PER_ROW, 2 * max_bytes)


#: Non-empty cells allowed per row of the row cap, on average.
CELLS_PER_ROW = 50

_LIMITS: contextvars.ContextVar[InputLimits] = contextvars.ContextVar("nec_network_input_limits",
                                                                      default=InputLimits())


def current_limits() -> InputLimits:
    """The limits readers apply now (the defaults unless :func:`input_limits` changed them)."""
    return _LIMITS.get()


@contextlib.contextmanager
def input_limits(limits: InputLimits) -> Iterator[InputLimits]:
    """Apply ``limits`` to every read within the block."""
    token = _LIMITS.set(limits)
    try:
        yield limits
    finally:
        _LIMITS.reset(token)


def megabytes(count: int) -> str:
    """A size as people read it: ``1 200 Mo``, ``2,5 Mo``, ``5 ko``, ``300 octets``.

    >>> megabytes(1_200_000_000), megabytes(2_500_000), megabytes(5_200), megabytes(300)
    ('1\u202f200 Mo', '2,5 Mo', '5 ko', '300 octets')
    """
    if count < 1_000:
        return f"{count} octets"
    if count < _MB:
        return f"{count / 1_000:.0f} ko"
    value = count / _MB
    text = f"{value:,.0f}" if value >= 10 else f"{value:,.1f}".rstrip("0").rstrip(".")
    return text.replace(",", "\u202f").replace(".", ",") + " Mo"


def number(count: int) -> str:
    """A count with French thousands separators: ``1 000 000``."""
    return f"{count:,}".replace(",", "\u202f")


def special_file_kind(mode: int) -> str:
    """The French name of a file that is not a regular one (``os.stat`` mode): what the readers
    and writers say when they refuse it.

    >>> import stat
    >>> special_file_kind(stat.S_IFIFO)
    'tube nommé'
    """
    if stat.S_ISFIFO(mode):
        return "tube nommé"
    if stat.S_ISSOCK(mode):
        return "socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "périphérique"
    return "fichier spécial"


def _refuse_mode(mode: int, label: str) -> None:
    if not stat.S_ISREG(mode):
        raise DataError(
            f"ce n'est pas un fichier ordinaire ({special_file_kind(mode)}) : nec-network ne lit que des fichiers",
            file=label,
        )


def _refuse_size(size: int, label: str) -> None:
    cap = current_limits().max_bytes
    if size > cap:
        raise InputTooLargeError(
            f"fichier de {megabytes(size)}, au-delà de la limite de {megabytes(cap)} par fichier lu",
            file=label, kind="taille",
        )


def check_input(path: str | Path) -> int:
    """Check, without opening it, that ``path`` is a regular file within the byte cap; returns
    its size. A folder, a named pipe, a device or a socket raise :class:`DataError`."""
    label = str(path)
    try:
        info = os.stat(path)
    except FileNotFoundError as error:
        raise DataError("fichier introuvable", file=label) from error
    except OSError as error:
        raise DataError(f"fichier illisible ({error.strerror})", file=label) from error
    if stat.S_ISDIR(info.st_mode):
        raise DataError("c'est un dossier : un fichier est attendu", file=label)
    _refuse_mode(info.st_mode, label)
    _refuse_size(info.st_size, label)
    return info.st_size


def open_input(path: str | Path) -> IO[bytes]:
    """Open ``path`` for reading bytes once it is known to be a regular file within the byte cap.

    The file is opened without blocking (a named pipe would wait for a writer) and checked
    on the open descriptor, so that what is checked is what is read.
    """
    label = str(path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError as error:
        raise DataError("fichier introuvable", file=label) from error
    except IsADirectoryError as error:
        raise DataError("c'est un dossier : un fichier est attendu", file=label) from error
    except OSError as error:
        raise DataError(f"fichier illisible ({error.strerror})", file=label) from error
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise DataError("c'est un dossier : un fichier est attendu", file=label)
        _refuse_mode(info.st_mode, label)
        _refuse_size(info.st_size, label)
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_input(path: str | Path) -> bytes:
    """The bytes of ``path`` (:func:`open_input`), never more than the byte cap even if the
    file grows while it is read."""
    cap = current_limits().max_bytes
    with open_input(path) as stream:
        try:
            data = stream.read(cap + 1)
        except OSError as error:
            raise DataError(f"fichier illisible ({error.strerror})", file=str(path)) from error
    _refuse_size(len(data), str(path))
    return data


def bounded_rows(rows: Iterable[tuple[int, list[_Row]]], label: str) -> Iterator[tuple[int, list[_Row]]]:
    """``rows`` as they come, refused with :class:`InputTooLargeError` beyond the row or cell cap."""
    limits = current_limits()
    count = cells = 0
    for row in rows:
        count += 1
        if count > limits.max_rows:
            raise InputTooLargeError(
                f"plus de {number(limits.max_rows)} lignes, au-delà de la limite par tableau",
                file=label, kind="lignes",
            )
        cells += len(row[1]) - row[1].count("") - row[1].count(None)
        if cells > limits.max_cells:
            raise InputTooLargeError(
                f"plus de {number(limits.max_cells)} cellules remplies, au-delà de la limite par tableau "
                f"({CELLS_PER_ROW} par ligne de la limite de lignes)",
                file=label, kind="lignes",
            )
        yield row
