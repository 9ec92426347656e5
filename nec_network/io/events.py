"""Events in files: ``evenements.csv`` beside ``acteurs.csv`` (sheet « evenements » of a workbook).

One event per row, columns :data:`EVENT_COLUMNS` (French, by the fields' names):
``id`` and ``nom`` (required), ``date`` (year, month or day: ``2025``, ``2025-06``,
``2025-06-12``; a planned event may lie in the future), ``commune`` (INSEE code),
``organisateurs`` and ``participants`` (actor ids separated by ``|``), ``note`` and
``nature`` (``rencontre``, the default, or ``enquete`` for a survey wave: its date is the day
its answers were collected, and a partnership whose ``origine`` is its id cannot start after
it).

Reading (:func:`admit_events`) rejects a row without id or name, a repeated id, an unreadable
date or an unknown nature, naming file, row and column; an organiser or participant id that
no actor has is an ``erreur`` naming its column, and that id is left out of the event (the
event is kept). Graph formats carry the events as one JSON document (:func:`events_document`,
:func:`events_from_document`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from nec_network import codes
from nec_network.io._values import Cells, RowContext, parse_code, parse_text_list
from nec_network.io.report import Report
from nec_network.model.dates import DateError, parse_partial_date
from nec_network.model.event import EVENT_KINDS, MEETING, Event

EVENTS_FILE = "evenements.csv"
EVENTS_SHEET = "evenements"
#: Columns of ``evenements.csv``, in order.
EVENT_COLUMNS: tuple[str, ...] = (
    "id", "nom", "date", "commune", "organisateurs", "participants", "note", "nature",
)  # fmt: skip
_NATURES = {"rencontre": MEETING, "enquete": "enquete", "enquête": "enquete", "": MEETING}


def admit_events(rows: Iterable[tuple[RowContext, dict[str, str]]], actor_ids: Iterable[str],
                 report: Report) -> list[Event]:
    """The events of the rows (each counted as read, then accepted or rejected), see the module."""
    known = set(actor_ids)
    admitted: dict[str, tuple[RowContext, Event]] = {}
    for ctx, row in rows:
        event = event_from_row(row, ctx=ctx, actor_ids=known, report=report)
        if event is None:
            continue
        if event.id in admitted:
            first = admitted[event.id][0]
            report.reject(ctx.problem(f"identifiant d'événement en double (déjà ligne {first.row})", column="id",
                                      value=event.id))
            continue
        admitted[event.id] = (ctx, event)
        report.accept(corrected=ctx.corrected)
    return [event for _, event in admitted.values()]


def event_from_row(row: dict[str, str], *, ctx: RowContext, actor_ids: set[str], report: Report) -> Event | None:
    """An event from a row (None, the row rejected with its reason, when it cannot be one)."""
    for column in ("id", "nom"):
        if not row.get(column, "").strip():
            report.reject(ctx.problem(f"champ obligatoire vide : {column}", column=column))
            return None
    try:
        date = parse_partial_date(row.get("date", ""))
    except DateError as error:
        report.reject(ctx.problem(f"date illisible : {error}", column="date", value=row.get("date", "")))
        return None
    nature = _NATURES.get(row.get("nature", "").strip().lower())
    if nature is None:
        report.reject(ctx.problem(f"nature inconnue (admises : {', '.join(EVENT_KINDS)})", column="nature",
                                  value=row.get("nature", "")))
        return None
    commune = parse_code(row.get("commune", ""), "code_insee", cells=Cells(ctx, report), column="commune")
    if commune and codes.is_insee_code(commune):
        _check_commune(commune, ctx, report)
    members = {}
    for column in ("organisateurs", "participants"):
        ids = parse_text_list(row.get(column, ""))
        for unknown in [actor for actor in ids if actor not in actor_ids]:
            ctx.record(report, "erreur", f"acteur inconnu : « {unknown} » (aucun acteur n'a cet identifiant), "
                       "laissé hors de l'événement", column=column, value=unknown)
        members[column] = tuple(dict.fromkeys(actor for actor in ids if actor in actor_ids))
    return Event(id=row["id"].strip(), nom=row["nom"].strip(), date=date, commune=commune, note=row.get("note", ""),
                 nature=nature, **members)


def _check_commune(code: str, ctx: RowContext, report: Report) -> None:
    from nec_network import territory
    from nec_network.errors import NecNetworkError

    try:
        territory.get_commune(code)
    except NecNetworkError:
        ctx.record(report, "avertissement", f"code INSEE inconnu : « {code} »", column="commune", value=code)


def event_row(event: Event) -> dict[str, str]:
    """The row of an event (strings), one column per field, by name; lists joined with ``|``."""
    row: dict[str, str] = {}
    for column in EVENT_COLUMNS:
        value = getattr(event, column)
        row[column] = "|".join(value) if isinstance(value, tuple) else "" if value is None else str(value)
    return row


def events_document(events: Iterable[Event]) -> str:
    """The events as one JSON text (a list of rows), how the graph formats carry them."""
    return json.dumps([event_row(event) for event in events], ensure_ascii=False)


def events_from_document(text: str, *, label: str, actor_ids: Iterable[str], report: Report) -> list[Event]:
    """The events of a JSON text written by :func:`events_document`, checked like rows of a file
    (``label`` names the file in problems, each event its rank)."""
    try:
        records: Any = json.loads(text) if text.strip() else []
    except ValueError as error:
        report.reject(RowContext(label, None).problem(f"événements illisibles (JSON : {error})", column="evenements"))
        return []
    if not isinstance(records, list):
        records = []
    rows = []
    for index, record in enumerate(records, start=1):
        report.rows_read += 1
        row = {column: str(record.get(column, "")) for column in EVENT_COLUMNS} if isinstance(record, dict) else {}
        rows.append((RowContext(label, index), row))
    return admit_events(rows, actor_ids, report)
