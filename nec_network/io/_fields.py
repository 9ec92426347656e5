"""The actor fields of many rows at once, column by column: the readers' common path.

:func:`settled_fields` reads each column of a table in one pass, each distinct cell once, and
gives for each row whose every cell is already in its final form (vocabulary values spelt as
the vocabulary spells them, well-formed codes, numbers in range, an ISO date…) the fields
:func:`~nec_network.io.template.actor_fields` would give it; None for the other rows. A
reader sends those through ``actor_fields``, which repairs what it can and reports each
problem with its file, row and column. Nothing is decided here that ``actor_fields`` would
decide otherwise: a row is settled only when reading it cell by cell would change nothing
and say nothing (``tests/io/test_fields.py`` holds them together).
"""

from __future__ import annotations

import datetime as dt
import math
import operator
from collections.abc import Callable, Mapping, Sequence
from itertools import repeat
from typing import Any

from nec_network import codes
from nec_network.io.placement import ActorFields
from nec_network.io.template import (
    _ACTOR_COLUMN_SET,
    _TEXT_COLUMNS,
    _VOCABULARY_COLUMNS,
    COLUMN_FIELDS,
)
from nec_network.model import vocabularies as voc
from nec_network.tables import split_list

#: What a cell parser gives for a cell :func:`~nec_network.io.template.actor_fields` must read.
UNSETTLED: Any = object()


def settled_fields(columns: Mapping[str, Sequence[str]], count: int) -> list[ActorFields | None]:
    """For each of ``count`` rows, its actor fields when every cell is settled, else None.

    ``columns`` maps template column names (and other names, kept in ``extra`` when the cell
    is not empty, in the order of the mapping) to the ``count`` cells of each, stripped (as a
    :class:`~nec_network.tables.Table` holds them); a template column absent is empty. A row
    without ``id`` or ``nom`` is not settled (it is rejected).
    """
    empty = [""] * count
    unsettled: set[int] = set()
    parsed: dict[str, Sequence[Any]] = {}
    for column in ("id", "nom"):
        parsed[column] = columns.get(column, empty)
        if "" in parsed[column]:
            unsettled.update(row for row, value in enumerate(parsed[column]) if not value)
    for column in _TEXT_COLUMNS:
        parsed[column] = columns.get(column, empty)
    for column, parse in _PARSERS.items():
        parsed[COLUMN_FIELDS.get(column, column)] = _parse_column(columns.get(column, empty), parse, unsettled)
    latitudes, longitudes = parsed["latitude"], parsed["longitude"]
    if None in latitudes or None in longitudes:  # one without the other is reported by actor_fields
        unsettled.update(row for row, (latitude, longitude) in enumerate(zip(latitudes, longitudes))
                         if (latitude is None) != (longitude is None))
    extra_names = [name for name in columns if name and name not in _ACTOR_COLUMN_SET]
    if extra_names:
        extras = [{name: cell for name, cell in zip(extra_names, cells) if cell} if any(cells) else {}
                  for cells in zip(*(columns[name] for name in extra_names))]
    else:
        extras = [{} for _ in range(count)]
    names = [*parsed, "extra"]
    fields: list[ActorFields | None] = list(map(dict, map(zip, repeat(names), zip(*parsed.values(), extras))))
    for row in unsettled:
        fields[row] = None
    return fields


def _parse_column(values: Sequence[str], parse: Callable[[str], Any], unsettled: set[int]) -> list[Any]:
    """``parse`` of each cell (once per distinct cell, unless the column's cells are mostly
    distinct); the rows of unsettled cells added to ``unsettled``."""
    if parse in _MOSTLY_DISTINCT:
        parsed = list(map(parse, values))
        found = any(map(operator.is_, parsed, repeat(UNSETTLED)))
    else:
        known = {value: parse(value) for value in set(values)}
        parsed = list(map(known.__getitem__, values))
        found = any(map(operator.is_, known.values(), repeat(UNSETTLED)))
    if found:
        unsettled.update(row for row, value in enumerate(parsed) if value is UNSETTLED)
    return parsed


def _vocabulary_list(vocabulary: voc.Vocabulary) -> Callable[[str], Any]:
    """A list cell whose values are all written as ``vocabulary`` writes them, none twice."""

    def parse(value: str) -> Any:
        exact = vocabulary.canonical_list(value)
        return UNSETTLED if exact is None else exact

    return parse


def _code(valid: Callable[[str], bool]) -> Callable[[str], Any]:
    """An empty or well-formed code (a code to pad or repair is unsettled)."""
    return lambda value: value if not value or valid(value) else UNSETTLED


def _number(low: float, high: float) -> Callable[[str], Any]:
    """An empty cell or a finite number written as Python reads it, within [low ; high]."""

    def parse(value: str) -> Any:
        if not value:
            return None
        try:
            number = float(value)
        except ValueError:  # a decimal comma, a stray space: actor_fields reads it
            return UNSETTLED
        return number if math.isfinite(number) and low <= number <= high else UNSETTLED

    return parse


def _precision(value: str) -> Any:
    return value if not value or value in voc.PRECISIONS else UNSETTLED


def _itinerance(value: str) -> Any:
    return value == "Itinérant" if not value or value in voc.ITINERANCE else UNSETTLED


def _zone(value: str) -> Any:
    return () if not value else UNSETTLED


def _text_list(value: str) -> tuple[str, ...]:
    if "|" not in value:  # one value or none (cells are stripped)
        return (value,) if value else ()
    return tuple(split_list(value))


def _date(value: str) -> Any:
    """An empty cell or an ISO date ``YYYY-MM-DD`` (a French date or a time part: unsettled)."""
    if not value:
        return None
    if len(value) != 10 or value[4] != "-" or value[7] != "-":
        return UNSETTLED
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return UNSETTLED


_LATITUDE, _LONGITUDE = _number(-90, 90), _number(-180, 180)
#: Parsers of columns whose cells are mostly distinct (coordinates, e-mails, web sites).
_MOSTLY_DISTINCT = (_LATITUDE, _LONGITUDE, _text_list)
#: Template column → the parser of its settled cells (the field is named by ``COLUMN_FIELDS``).
_PARSERS: dict[str, Callable[[str], Any]] = {
    "typologie": _vocabulary_list(voc.TYPOLOGIES),
    **{column: _vocabulary_list(vocabulary) for column, vocabulary in _VOCABULARY_COLUMNS.items()},
    "code_postal": _code(codes.is_postal_code),
    "code_insee": _code(codes.is_insee_code),
    "latitude": _LATITUDE,
    "longitude": _LONGITUDE,
    "precision": _precision,
    "itinerance": _itinerance,
    "zone_intervention": _zone,
    "courriel": _text_list,
    "site_web": _text_list,
    "date_maj": _date,
}
