"""Ties in time: the periods during which two actors worked together (shared by ``evolution``).

A *tie* is an undirected pair of distinct actors, whatever the number, direction and type of
the partnerships between them (a tie declared twice counts once). Each partnership gives an
interval of days (:func:`~nec_network.model.event.partnership_days`):

- it starts on the **first day** of its ``debut`` (a tie « depuis 2024 » is there on every day
  of 2024), and ends on the **last day** of its ``fin`` (ended « 2025-03 »: there until
  31 March 2025); no ``debut``: undated, there since always; no ``fin``: still going on;
- a partnership born at an event (``evenement``) with a date starts no earlier than the
  event's first day (an undated tie born at the event is dated by it).

A tie's *spells* are the union of its partnerships' intervals: two intervals that overlap or
touch (the second starting the day after the first ends) are one spell.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import NamedTuple

from nec_network.model import Ecosystem, Event, Partnership
from nec_network.model.event import partnership_days

Pair = tuple[str, str]
_ONE_DAY = dt.timedelta(days=1)


class Spell(NamedTuple):
    """One period of a tie: ``start`` None when undated, ``end`` None while going on;
    ``events`` the ids of the events its partnerships were born at (a named tuple: hundreds of
    thousands are made for a region)."""

    start: dt.date | None
    end: dt.date | None
    events: frozenset[str] = frozenset()

    def present(self, day: dt.date) -> bool:
        """Whether the tie is there on ``day``."""
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


def pair_of(link: Partnership) -> Pair:
    """The tie of a partnership: its two actors, sorted."""
    source, cible = link.source, link.cible
    return (source, cible) if source < cible else (cible, source)


def interval(link: Partnership, events: Mapping[str, Event]) -> tuple[dt.date | None, dt.date | None]:
    """The days a partnership covers (:func:`~nec_network.model.event.partnership_days`)."""
    return partnership_days(link, events)


def tie_spells(ecosystem: Ecosystem) -> dict[Pair, tuple[Spell, ...]]:
    """Every tie of the ecosystem (self-loops left out) and its spells, in time order."""
    events = {event.id: event for event in ecosystem.events}
    intervals: dict[Pair, list[tuple[dt.date | None, dt.date | None, str]]] = {}
    for link in ecosystem.partnerships:
        if link.source == link.cible:
            continue
        intervals.setdefault(pair_of(link), []).append((*interval(link, events), link.evenement))
    return {pair: _merged(found) for pair, found in intervals.items()}


def _merged(found: list[tuple[dt.date | None, dt.date | None, str]]) -> tuple[Spell, ...]:
    if len(found) == 1:
        start, end, event = found[0]
        return (Spell(start, end, frozenset({event}) if event else frozenset()),)
    ordered = sorted(found, key=lambda item: (item[0] or dt.date.min))
    spells: list[Spell] = []
    for start, end, event in ordered:
        tags = frozenset({event}) if event else frozenset()
        if spells:
            last = spells[-1]
            if last.end is None or (start or dt.date.min) <= last.end + _ONE_DAY:
                later = None if last.end is None or end is None else max(last.end, end)
                spells[-1] = Spell(last.start, later, last.events | tags)
                continue
        spells.append(Spell(start, end, tags))
    return tuple(spells)


def ties_at(spells: Mapping[Pair, tuple[Spell, ...]], day: dt.date, *, include_undated: bool = True) -> set[Pair]:
    """The ties there on ``day``; ``include_undated=False`` leaves out undated spells."""
    return {
        pair for pair, found in spells.items()
        if any(spell.present(day) and (include_undated or spell.start is not None) for spell in found)
    }  # fmt: skip


def undated_ties(spells: Mapping[Pair, tuple[Spell, ...]]) -> set[Pair]:
    """The ties with an undated spell (a partnership without ``debut`` nor dated event)."""
    return {pair for pair, found in spells.items() if any(spell.start is None for spell in found)}
