"""Events: the days where actors meet (a local *Numérique en Commun[s]*, a forum, a training)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from nec_network.model.dates import PartialDate
from nec_network.model.partnership import Partnership

#: The kinds of event (column ``nature`` of ``evenements.csv``): a meeting, a survey wave.
MEETING = "rencontre"
SURVEY = "enquete"
EVENT_KINDS: tuple[str, ...] = (MEETING, SURVEY)


@dataclass(frozen=True)
class Event:
    """An event, as written in ``evenements.csv``.

    ``commune`` is an INSEE code; ``organisateurs`` and ``participants`` are actor ids. A
    planned event may lie in the future.

    ``nature`` is ``"rencontre"`` (a day where actors meet) or ``"enquete"`` (a survey wave:
    its ``date`` is the day its answers were collected, the last day of the wave; a
    partnership whose ``origine`` is the wave's id was reported in that wave and cannot start
    after it; its participants are the respondents).

    >>> sorted(Event("nec-2025", "NEC local", PartialDate(2025, 6, 12), participants=("a", "b")).attendees)
    ['a', 'b']
    """

    id: str
    nom: str
    date: PartialDate | None = None
    commune: str = ""
    organisateurs: tuple[str, ...] = ()
    participants: tuple[str, ...] = ()
    note: str = ""
    nature: str = MEETING

    @property
    def is_survey(self) -> bool:
        """Whether the event is a survey wave (``nature == "enquete"``)."""
        return self.nature == SURVEY

    @property
    def attendees(self) -> frozenset[str]:
        """Everyone who was there: organisers and participants."""
        return frozenset(self.organisateurs) | frozenset(self.participants)


def partnership_days(link: Partnership, events: Mapping[str, Event]) -> tuple[dt.date | None, dt.date | None]:
    """The days a partnership covers: from the first day of its ``debut`` to the last day of its
    ``fin`` (a tie « depuis 2024 » is there on every day of 2024; ended « 2025-03 », until 31
    March 2025); None: undated start, or still going on. A partnership born at a dated event
    (``evenement``) starts no earlier than the event's first day, so an undated one is dated by it.

    >>> link = Partnership("a", "b", "partenariat", evenement="nec", fin=PartialDate(2025, 3))
    >>> partnership_days(link, {"nec": Event("nec", "NEC", PartialDate(2024, 6, 12))})
    (datetime.date(2024, 6, 12), datetime.date(2025, 3, 31))
    """
    start = link.debut.first_day if link.debut is not None else None
    event = events.get(link.evenement) if link.evenement else None
    if event is not None and event.date is not None:
        start = max(start or event.date.first_day, event.date.first_day)
    return start, (link.fin.last_day if link.fin is not None else None)
