"""Excel workbooks (.xlsx, .xlsm), read by streaming their XML: every row, whatever they declare.

openpyxl's read-only mode trusts the ``<dimension>`` a sheet declares and drops the rows
beyond it (many producers write a wrong one), and it loads the shared strings whole, so one
huge cell takes gigabytes. This reader walks the sheet's XML with expat instead: it reads
every ``<row>`` present, counts the length of each text while it streams and keeps none
beyond the cell limit (the cell is refused later with file, row and column), and refuses any
``DOCTYPE`` (no entity expansion, no external entity). Values come out as openpyxl's
``data_only`` mode gives them: cached formula results, numbers, dates for date formats.

A workbook is bounded before it is parsed (:mod:`nec_network.tables.limits`): the file
itself by the byte cap, each part read by its inflated size (declared in the zip, which
the zip reader never exceeds) against the inflated cap, and a sheet's rows and the shared
strings by a count made while inflating, in C, before expat sees them — so a "row bomb"
of millions of rows is refused in seconds, not after parsing them.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any
from xml.parsers import expat

from nec_network.errors import DataError, InputTooLargeError
from nec_network.tables.cells import CELL_LIMIT, Oversized, cell_text
from nec_network.tables.limits import bounded_rows, current_limits, megabytes, open_input
from nec_network.tables.limits import number as french_number
from nec_network.tables.table import Table, build_table, header_columns

SUFFIXES = (".xlsx", ".xlsm")
_CHUNK = 1 << 16
_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
# Built-in number formats that show dates or times (ECMA-376, 18.8.30).
_DATE_FORMATS = frozenset([*range(14, 23), *range(27, 37), 45, 46, 47, *range(50, 59)])
_LITERALS = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.')


class _Refused(Exception):
    """A construct refused inside the workbook's XML (a DOCTYPE)."""


def _local(name: str) -> str:
    return name.rsplit(" ", 1)[-1]


def _stream(stream: IO[bytes], start: Callable[[str, dict[str, str]], None], end: Callable[[str], None],
            text: Callable[[str], None] | None = None, done: list[Any] | None = None) -> Iterator[Any]:
    """Feed ``stream`` to expat chunk by chunk (names without namespace; a DOCTYPE is refused),
    handing out after each chunk what the handlers put in ``done``."""
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.buffer_text = True
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)

    def doctype(*_: Any) -> None:
        raise _Refused("déclaration DOCTYPE refusée (entités XML)")

    parser.StartDoctypeDeclHandler = doctype
    parser.StartElementHandler = lambda name, attributes: start(_local(name), {
        _local(key): value for key, value in attributes.items()})
    parser.EndElementHandler = lambda name: end(_local(name))
    if text is not None:
        parser.CharacterDataHandler = text
    final = False
    while not final:
        chunk = stream.read(_CHUNK)
        final = not chunk
        parser.Parse(chunk, final)
        if done:
            yield from done
            done.clear()


def _parse(stream: IO[bytes], start: Callable[[str, dict[str, str]], None], end: Callable[[str], None],
           text: Callable[[str], None] | None = None) -> None:
    for _ in _stream(stream, start, end, text):
        pass


class _Text:
    """Accumulates the text of one element, keeping nothing beyond ``limit`` characters."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.parts: list[str] = []
        self.length = 0

    def add(self, data: str) -> None:
        self.length += len(data)
        if self.length <= self.limit:
            self.parts.append(data)

    def value(self) -> str:
        if self.length > self.limit:
            return Oversized(length=self.length)
        text = "".join(self.parts)
        return _ESCAPE.sub(lambda match: chr(int(match.group(1), 16)), text) if "_x" in text else text


def _is_date_format(code: str) -> bool:
    stripped = _LITERALS.sub("", code).lower()
    return bool(re.search(r"[dmyhs]", stripped)) and "general" not in stripped


class Workbook:
    """An open workbook: its sheet names, and the rows of any sheet. Use as a context manager."""

    def __init__(self, path: str | Path, *, limit: int = CELL_LIMIT) -> None:
        self.path = Path(path)
        self.limit = limit
        self._inflated = 0
        self._file = open_input(self.path)
        try:
            self._zip = zipfile.ZipFile(self._file)
        except (OSError, zipfile.BadZipFile, ValueError, EOFError) as error:
            self._file.close()
            raise DataError(f"classeur illisible ({error})", file=str(self.path)) from error
        try:
            self._read_structure()
        except DataError:
            self.close()
            raise
        except (KeyError, ValueError, zipfile.BadZipFile, expat.ExpatError, _Refused, OSError, EOFError,
                NotImplementedError, RuntimeError) as error:
            self.close()
            raise DataError(f"classeur illisible ({error})", file=str(self.path)) from error

    def __enter__(self) -> Workbook:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        self._zip.close()
        self._file.close()

    # -- bounds -----------------------------------------------------------------------------
    def _open(self, part: str, *, count: bytes = b"", what: str = "") -> IO[bytes]:
        """Open a part once its inflated size fits what is left of the inflated cap (and, when
        ``count`` is given, once the elements ``<count`` it holds fit the row cap)."""
        limits = current_limits()
        self._inflated += self._zip.getinfo(part).file_size
        if self._inflated > limits.max_inflated:
            raise InputTooLargeError(
                f"classeur de {megabytes(self._inflated)} une fois décompressé (au moins), au-delà de la "
                f"limite de {megabytes(limits.max_inflated)}", file=str(self.path), kind="taille")
        if count:
            self._count(part, count, what, limits.max_rows)
        return self._zip.open(part)

    def _count(self, part: str, tag: bytes, what: str, cap: int) -> None:
        """Refuse the part when it holds more than ``cap`` elements ``tag`` (with or without a
        namespace prefix), counted while inflating, without parsing."""
        found, tail = 0, b""
        prefixed = b":" + tag[1:]
        with self._zip.open(part) as stream:
            while chunk := stream.read(_CHUNK * 16):
                window = tail + chunk
                found += window.count(tag) + window.count(prefixed)
                if found > cap:
                    raise InputTooLargeError(f"plus de {french_number(cap)} {what}, au-delà de la limite par tableau",
                                             file=str(self.path), kind="lignes")
                tail = window[-(len(tag) - 1):]  # a tag cut by the chunk is counted with the next one

    # -- structure ------------------------------------------------------------------------
    def _relationships(self, part: str) -> dict[str, tuple[str, str]]:
        """Id → (type, target part) of a part's relationships."""
        folder, name = posixpath.split(part)
        rels = posixpath.join(folder, "_rels", name + ".rels")
        found: dict[str, tuple[str, str]] = {}
        if rels not in self._zip.namelist():
            return found

        def start(tag: str, attributes: dict[str, str]) -> None:
            if tag == "Relationship" and attributes.get("TargetMode") != "External":
                target = attributes.get("Target", "")
                target = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
                    posixpath.join(folder, target))
                found[attributes.get("Id", "")] = (attributes.get("Type", ""), target)

        with self._open(rels) as stream:
            _parse(stream, start, lambda tag: None)
        return found

    def _read_structure(self) -> None:
        main = next((target for kind, target in self._relationships("").values()
                     if kind.endswith("/officeDocument")), "xl/workbook.xml")
        sheets: list[tuple[str, str]] = []
        options: dict[str, str] = {}

        def start(tag: str, attributes: dict[str, str]) -> None:
            if tag == "sheet":
                sheets.append((attributes.get("name", ""), attributes.get("id", "")))
            elif tag == "workbookPr":
                options.update(attributes)

        with self._open(main) as stream:
            _parse(stream, start, lambda tag: None)
        relations = self._relationships(main)
        self.date1904 = options.get("date1904", "").lower() in ("1", "true")
        self._sheets = {name: relations[rid][1] for name, rid in sheets if rid in relations}
        self.sheet_names = [name for name, rid in sheets if rid in relations]
        by_type = {kind.rsplit("/", 1)[-1]: target for kind, target in relations.values()}
        self._strings = self._shared_strings(by_type.get("sharedStrings"))
        self._date_styles = self._styles(by_type.get("styles"))

    def _shared_strings(self, part: str | None) -> list[str]:
        strings: list[str] = []
        if part is None or part not in self._zip.namelist():
            return strings
        state: dict[str, Any] = {"text": None, "phonetic": 0, "in_t": False}

        def start(tag: str, attributes: dict[str, str]) -> None:
            if tag == "si":
                state["text"] = _Text(self.limit)
            elif tag == "rPh":
                state["phonetic"] += 1
            elif tag == "t" and not state["phonetic"]:
                state["in_t"] = True

        def end(tag: str) -> None:
            if tag == "si":
                strings.append(state["text"].value())
                state["text"] = None
            elif tag == "rPh":
                state["phonetic"] -= 1
            elif tag == "t":
                state["in_t"] = False

        def text(data: str) -> None:
            if state["in_t"] and state["text"] is not None:
                state["text"].add(data)

        with self._open(part, count=b"<si", what="textes partagés") as stream:
            _parse(stream, start, end, text)
        return strings

    def _styles(self, part: str | None) -> set[int]:
        """Indexes of the cell styles that show a date or a time."""
        if part is None or part not in self._zip.namelist():
            return set()
        custom: dict[int, str] = {}
        formats: list[int] = []
        depth = {"cellXfs": 0}

        def start(tag: str, attributes: dict[str, str]) -> None:
            if tag == "numFmt":
                custom[int(attributes.get("numFmtId", "0"))] = attributes.get("formatCode", "")
            elif tag == "cellXfs":
                depth["cellXfs"] += 1
            elif tag == "xf" and depth["cellXfs"]:
                formats.append(int(attributes.get("numFmtId", "0")))

        def end(tag: str) -> None:
            if tag == "cellXfs":
                depth["cellXfs"] -= 1

        with self._open(part) as stream:
            _parse(stream, start, end)
        return {index for index, number in enumerate(formats)
                if number in _DATE_FORMATS or (number in custom and _is_date_format(custom[number]))}

    # -- rows -------------------------------------------------------------------------------
    def rows(self, sheet: str) -> Iterator[tuple[int, list[Any]]]:
        """``(row number, values)`` of every row present in the sheet's XML, in order.

        Values are str, int, float, bool, :class:`datetime.datetime`/``time`` or None;
        a text over the limit is an :class:`~nec_network.tables.cells.Oversized`.
        """
        try:
            yield from self._rows(self._sheets[sheet])
        except (KeyError, ValueError, IndexError, zipfile.BadZipFile, expat.ExpatError, _Refused,
                OSError, EOFError, NotImplementedError, RuntimeError) as error:
            raise DataError(f"classeur illisible ({error})", file=f"{self.path}#{sheet}") from error

    def _rows(self, part: str) -> Iterator[tuple[int, list[Any]]]:
        done: list[tuple[int, list[Any]]] = []
        state: dict[str, Any] = {"row": 0, "cells": None, "column": 0, "type": "n", "style": -1,
                                 "text": None, "in_text": False, "phonetic": 0}

        def start(tag: str, attributes: dict[str, str]) -> None:
            if tag == "row":
                state["row"] = int(attributes["r"]) if "r" in attributes else state["row"] + 1
                state["cells"], state["column"] = [], 0
            elif tag == "c":
                reference = attributes.get("r", "")
                letters = reference.rstrip("0123456789")
                column = 0
                for letter in letters.upper():
                    column = column * 26 + ord(letter) - 64
                state["column"] = column if letters else state["column"] + 1
                state["type"], state["style"] = attributes.get("t", "n"), int(attributes.get("s", "-1"))
                state["text"] = _Text(self.limit)
            elif tag == "rPh":
                state["phonetic"] += 1
            elif tag in ("v", "t") and state["text"] is not None and not state["phonetic"]:
                state["in_text"] = True

        def end(tag: str) -> None:
            if tag in ("v", "t"):
                state["in_text"] = False
            elif tag == "rPh":
                state["phonetic"] -= 1
            elif tag == "c":
                cells = state["cells"]
                if cells is None:  # a cell outside any row: not valid SpreadsheetML
                    raise ValueError("cellule hors d'une ligne")
                value = self._value(state["type"], state["style"], state["text"].value())
                state["text"] = None
                index = state["column"] - 1
                if value is not None:
                    cells.extend([None] * (index + 1 - len(cells)))
                    cells[index] = value
            elif tag == "row":
                done.append((state["row"], state["cells"]))
                state["cells"] = None

        def text(data: str) -> None:
            if state["in_text"]:
                state["text"].add(data)

        with self._open(part, count=b"<row", what="lignes") as stream:
            yield from _stream(stream, start, end, text, done)

    def _value(self, kind: str, style: int, text: str) -> Any:
        if isinstance(text, Oversized):
            return text
        if kind == "s":
            return self._strings[int(text)] if text else None
        if kind in ("inlineStr", "str", "e"):
            return text
        if kind == "b":
            return text.strip() == "1"
        if kind == "d":
            return text
        if not text:
            return None
        number: int | float = float(text) if any(c in text for c in ".eE") else int(text)
        if style in self._date_styles:
            return _from_excel(float(number), date1904=self.date1904)
        return number


def _from_excel(serial: float, *, date1904: bool) -> dt.datetime | dt.time:
    """An Excel date serial as openpyxl gives it: a time below one day, else a datetime."""
    if 0 <= serial < 1 and not date1904:
        seconds = round(serial * 86400)
        return dt.time(seconds // 3600 % 24, seconds // 60 % 60, seconds % 60)
    epoch = dt.datetime(1904, 1, 1) if date1904 else dt.datetime(1899, 12, 30)
    days, fraction = divmod(serial, 1)
    if not date1904 and 0 < serial < 60:
        days += 1  # Excel's 1900 leap year that never was
    return epoch + dt.timedelta(days=days, milliseconds=round(fraction * 86_400_000))


def sheet_names(path: str | Path) -> list[str]:
    """Names of the workbook's sheets, in order."""
    with Workbook(path) as workbook:
        return list(workbook.sheet_names)


def sheet_rows_of(workbook: Workbook, sheet: str) -> list[list[str]]:
    """Every row of a sheet as raw text cells, empty rows included (row ``n`` at index ``n - 1``),
    for sheets whose header is not on the first row."""
    result: list[list[str]] = []
    for row, values in bounded_rows(workbook.rows(sheet), f"{workbook.path}#{sheet}"):
        if row - 1 - len(result) > current_limits().max_rows:  # a row numbered far beyond the cap
            raise InputTooLargeError(f"ligne n° {french_number(row)}, au-delà de la limite par tableau",
                                     file=f"{workbook.path}#{sheet}", kind="lignes")
        result.extend([] for _ in range(row - 1 - len(result)))
        result.append([cell_text(value) for value in values])
    return result


def sheet_rows(path: str | Path, sheet: str | None = None) -> list[list[str]]:
    """:func:`sheet_rows_of` a sheet of the workbook at ``path`` (the first by default)."""
    with Workbook(path) as workbook:
        return sheet_rows_of(workbook, sheet if sheet is not None else workbook.sheet_names[0])


def read_sheet(workbook: Workbook, sheet: str, *, label: str | None = None) -> Table:
    """One sheet with its header on the first row, as a :class:`Table` (every row present)."""
    label = label or f"{workbook.path}#{sheet}"
    rows = ((number, [cell_text(value) for value in values]) for number, values in workbook.rows(sheet))
    first = next(rows, None)
    if first is None:
        raise DataError("feuille vide", file=label)
    if first[0] != 1:
        rows = _chain(first, rows)
        columns: list[str] = []
    else:
        columns = header_columns(first[1], label)
    if not columns:
        raise DataError("feuille sans en-tête en ligne 1", file=label, row=1)
    return build_table(label, columns, rows, encoding="xlsx", limit=workbook.limit)


def _chain(first: tuple[int, list[str]], rest: Iterator[tuple[int, list[str]]]) -> Iterator[tuple[int, list[str]]]:
    yield first
    yield from rest


def read_workbook(path: str | Path, *, sheet: str | None = None, limit: int = CELL_LIMIT) -> Table:
    """A sheet of a workbook (the first by default) as a :class:`Table`, labelled with the file."""
    with Workbook(path, limit=limit) as workbook:
        if not workbook.sheet_names:
            raise DataError("classeur sans feuille", file=str(path))
        name = sheet if sheet is not None else workbook.sheet_names[0]
        return read_sheet(workbook, name, label=str(path) if sheet is None else None)
