"""Delimited text files: encoding and separator found, every record read, each cell cleaned.

A CSV file is streamed: its encoding is found first (byte-order mark, else UTF-8 if the
whole file is valid UTF-8, else cp1252, Excel's), then its records go one by one from the
disk to the table, so the text is never held whole in memory. A file that is not text (an
image, a zip archive, a program, random bytes) is refused before any record is read.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from nec_network.errors import DataError, InputTooLargeError
from nec_network.tables.cells import CELL_LIMIT
from nec_network.tables.formulas import quoted_by_tool, restore_cell
from nec_network.tables.limits import current_limits, megabytes, open_input, read_input
from nec_network.tables.table import Table, build_table, header_columns

# The csv module refuses fields over 128 KiB and would fail the whole file on one long cell:
# cells are read whole and then refused one by one over CELL_LIMIT.
csv.field_size_limit(2**31 - 1)

#: Bytes looked at to find the encoding, the separator and whether the file is text at all.
_HEAD = 1 << 16
_CHUNK = 1 << 20
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
#: First bytes of common files that are not tables of text, and what to call them.
_SIGNATURES = (
    (b"PK\x03\x04", "une archive zip (un classeur .xlsx renommé ?)"),
    (b"\xd0\xcf\x11\xe0", "un classeur Excel de l'ancien format .xls (enregistrez-le en .xlsx ou .csv)"),
    (b"%PDF", "un document PDF"),
    (b"\x89PNG", "une image PNG"),
    (b"\xff\xd8\xff", "une image JPEG"),
    (b"GIF8", "une image GIF"),
    (b"SQLite format 3\x00", "une base SQLite"),
    (b"\x1f\x8b", "une archive gzip"),
    (b"\x7fELF", "un programme"),
)
#: Share of control characters (other than tab, line breaks and form feed), and least count,
#: above which a file is taken for binary data rather than text with a few stray NULs.
_BINARY_SHARE = 0.05
_BINARY_LEAST = 8
_CONTROLS = frozenset(chr(code) for code in [*range(0x00, 0x09), 0x0B, *range(0x0E, 0x20), 0x7F])


def _utf16_without_bom(head: bytes) -> str | None:
    """``utf-16-le``/``-be`` when every other byte of the start is NUL (text of Latin letters)."""
    sample = head[:512]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) >= 0.9 * len(odd) and even.count(0) <= 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) >= 0.9 * len(even) and odd.count(0) <= 0.1 * len(odd):
        return "utf-16-be"
    return None


def marked_encoding(head: bytes) -> str | None:
    """The encoding the first bytes declare (byte-order mark) or show (UTF-16), else None.

    >>> marked_encoding(b"\\xff\\xfei\\x00d\\x00"), marked_encoding("id".encode("utf-16-le")), marked_encoding(b"id")
    ('utf-16', 'utf-16-le', None)
    """
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return encoding
    return _utf16_without_bom(head)


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode file content: by its byte-order mark (UTF-8, UTF-16) or UTF-16 shape, else UTF-8
    when valid, else cp1252. Returns (text, encoding).

    >>> decode_bytes("Léon".encode("cp1252")), decode_bytes(b"\\xef\\xbb\\xbfa"), decode_bytes("é".encode("utf-16"))
    (('Léon', 'cp1252'), ('a', 'utf-8-sig'), ('é', 'utf-16'))
    """
    encoding = marked_encoding(data)
    if encoding is not None:
        return data.decode(encoding, errors="replace").lstrip("\ufeff"), encoding
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "cp1252"


def refuse_binary(head: bytes, text: str, label: str, *, encoding: str = "cp1252") -> None:
    """Raise :class:`DataError` when a file whose first bytes are ``head`` (decoded as
    ``encoding``: ``text``) is not text: a known binary signature or, when it is not valid
    Unicode (read as cp1252), too many control characters. Valid UTF-8 or UTF-16 is text,
    whatever characters it holds (our own writer's files read back).

    >>> refuse_binary(b"id,nom\\n", "id,nom\\n", "a.csv")
    >>> refuse_binary(b"%PDF-1.7", "%PDF-1.7", "a.csv")
    Traceback (most recent call last):
    ...
    nec_network.errors.DataError: a.csv : ce n'est pas un fichier texte mais un document PDF
    """
    for signature, what in _SIGNATURES:
        if head.startswith(signature):
            raise DataError(f"ce n'est pas un fichier texte mais {what}", file=label)
    if encoding != "cp1252":
        return
    controls = sum(1 for character in text if character in _CONTROLS)
    if controls > max(_BINARY_LEAST, _BINARY_SHARE * len(text)):
        raise DataError(
            "ce n'est pas un fichier texte (données binaires : ni UTF-8 ni UTF-16, caractères de contrôle "
            "en nombre) ; un tableau s'enregistre en CSV (UTF-8) ou en classeur .xlsx",
            file=label,
        )


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
    """The decoded text of a file and its encoding, within the byte cap; :class:`DataError` when
    unreadable, empty or not text."""
    label = str(path)
    data = read_input(path)
    text, encoding = decode_bytes(data)
    refuse_binary(data[:_HEAD], text[:_HEAD], label, encoding=encoding)
    if not text.strip():
        raise DataError("fichier vide", file=label)
    return text, encoding


class _Capped(io.RawIOBase):
    """A binary stream that refuses to give more than the byte cap (a file growing while read)."""

    def __init__(self, stream: IO[bytes], label: str) -> None:
        self._stream = stream
        self._label = label
        self._left = current_limits().max_bytes

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        count = self._stream.readinto(buffer)  # type: ignore[attr-defined]
        self._left -= count
        if self._left < 0:
            cap = current_limits().max_bytes
            raise InputTooLargeError(f"plus de {megabytes(cap)} lus, au-delà de la limite par fichier lu",
                                     file=self._label, kind="taille")
        return count

    def close(self) -> None:
        self._stream.close()
        super().close()


def _whole_file_encoding(stream: IO[bytes], head: bytes) -> str:
    """``utf-8`` when the whole stream (after ``head``) decodes as UTF-8, else ``cp1252``;
    read chunk by chunk, nothing kept."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        decoder.decode(head)
        while chunk := stream.read(_CHUNK):
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8"


def _examine(path: str | Path, label: str) -> tuple[str, str]:
    """Encoding of the file and the decoded text of its first bytes; refuses empty and binary files."""
    with open_input(path) as stream:
        head = stream.read(_HEAD)
        encoding = marked_encoding(head) or _whole_file_encoding(stream, head)
    text = head.decode(encoding, errors="replace").lstrip("\ufeff")
    refuse_binary(head, text, label, encoding=encoding)
    if len(head) < _HEAD and not text.strip():
        raise DataError("fichier vide", file=label)
    return encoding, text


def _records(stream: IO[str], delimiter: str, label: str) -> Iterator[tuple[int, list[str]]]:
    """``(line, cells)`` of every record; ``line`` is where the record ends, as a spreadsheet counts."""
    reader = csv.reader(stream, delimiter=delimiter)
    try:
        for cells in reader:
            yield reader.line_num, cells
    except csv.Error as error:
        raise DataError(f"CSV mal formé ({error})", file=label, row=reader.line_num + 1) from error


def csv_rows(text: str, delimiter: str, label: str) -> Iterator[tuple[int, list[str]]]:
    """:func:`_records` of a text already in memory."""
    return _records(io.StringIO(text, newline=""), delimiter, label)


def read_csv(path: str | Path, *, delimiter: str | None = None, limit: int = CELL_LIMIT) -> Table:
    """Read a delimited text file with a header line into a :class:`Table`, streaming it.

    In a file the tool wrote (:func:`~nec_network.tables.formulas.quoted_by_tool`), cells that
    our CSV writer quoted against spreadsheet formulas are unquoted
    (:func:`~nec_network.tables.formulas.restore_cell`), so our files read back exactly; any
    other file is read as it is, a leading ``'`` the person typed included.

    Raises :class:`DataError` (French, naming the file) when the file is empty, unreadable
    or not text, a header is duplicated, a row has values beyond the header, or the file
    is over a cap (:mod:`nec_network.tables.limits`).
    """
    label = str(path)
    encoding, head = _examine(path, label)
    delimiter = delimiter or sniff_delimiter(head)
    with io.TextIOWrapper(io.BufferedReader(_Capped(open_input(path), label), _CHUNK),
                          encoding=encoding, errors="replace", newline="") as stream:
        rows = _records(stream, delimiter, label)
        try:
            header = next(rows, None)
        except UnicodeError as error:
            raise DataError(f"fichier illisible ({error})", file=label) from error
        if header is None:
            raise DataError("en-tête illisible", file=label, row=1)
        restore = restore_cell if quoted_by_tool(path) else None
        names = [cell.lstrip("\ufeff") for cell in header[1]]
        columns = header_columns([restore(cell) for cell in names] if restore else names, label)
        return build_table(label, columns, rows, encoding=encoding, delimiter=delimiter, limit=limit,
                           too_many=delimiter, restore=restore, plain=True)  # fmt: skip


def read_csv_rows(path: str | Path, *, search_lines: int = 20) -> list[list[str]]:
    """Every record of a delimited file as raw cells, for files whose header is not on line 1
    (the separator is sniffed over the first ``search_lines`` lines)."""
    from nec_network.tables.limits import bounded_rows

    text, _ = read_text(path)
    delimiter = sniff_delimiter(text, lines=search_lines)
    return [cells for _, cells in bounded_rows(csv_rows(text, delimiter, str(path)), str(path))]
