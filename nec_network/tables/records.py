"""JSON files: whole documents, and lists of records read as a table."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from nec_network.errors import DataError, InputTooLargeError
from nec_network.tables.cells import CELL_LIMIT, cell_text
from nec_network.tables.delimited import decode_bytes, refuse_binary
from nec_network.tables.limits import read_input
from nec_network.tables.table import Table, build_table


def read_json(path: str | Path, *, what: str = "fichier") -> Any:
    """Parse a JSON file (UTF-8 with or without BOM, else cp1252).

    Raises :class:`DataError` naming the file (and the line of a syntax error, or a
    document nested too deep); also for a file that is not regular, not text or over the byte
    cap. ``what`` names the file in the message, e.g. ``"table de correspondance"``.
    """
    path = Path(path)
    try:
        data = read_input(path)
    except InputTooLargeError:
        raise
    except DataError as error:
        if what == "fichier":
            raise
        raise DataError(f"{what} : {error.reason}", file=str(path)) from error
    text, encoding = decode_bytes(data)
    refuse_binary(data[:4096], text[:4096], str(path), encoding=encoding)
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise DataError(f"JSON invalide ({error.msg})", file=str(path), row=error.lineno) from error
    except RecursionError as error:
        raise DataError("JSON trop imbriqué pour être lu (structure anormalement profonde)", file=str(path)) from error


def json_records(document: Any, path: str | Path) -> list[Any]:
    """The list of records of a JSON document: the document itself when it is a list, else the
    list under ``items`` (APIs) or the only list among its values; :class:`DataError` otherwise."""
    if isinstance(document, dict):
        lists = [value for value in document.values() if isinstance(value, list)]
        if isinstance(document.get("items"), list):
            document = document["items"]
        elif len(lists) == 1:
            document = lists[0]
    if not isinstance(document, list):
        raise DataError("JSON : une liste d'objets est attendue", file=str(path))
    return document


def record_cell(value: Any) -> str:
    """A JSON value as one cell: lists joined with ``|``, objects as compact JSON.

    >>> record_cell(["a", 2]), record_cell({"b": 1}), record_cell(49.5), record_cell(None)
    ('a|2', '{"b": 1}', '49.5', '')
    """
    if isinstance(value, list):
        return "|".join(record_cell(item) for item in value if item not in (None, ""))
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return cell_text(value)


def read_records(path: str | Path, *, limit: int = CELL_LIMIT) -> Table:
    """A JSON list of objects as a :class:`Table`: columns in order of first appearance, row
    numbers are the records' 1-based indexes. A record that is not an object raises
    :class:`DataError` naming it."""
    label = str(path)
    records = json_records(read_json(path), path)
    columns: dict[str, None] = {}
    for index, record in enumerate(records, start=1):
        if not isinstance(record, dict):
            raise DataError("enregistrement illisible : un objet JSON est attendu", file=label, row=index)
        columns.update(dict.fromkeys(str(key) for key in record))
    names = list(columns)
    rows = ((index, [record_cell(record.get(name)) for name in names])
            for index, record in enumerate(records, start=1))
    return build_table(label, names, rows, encoding="json", limit=limit, plain=True)
