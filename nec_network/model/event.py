"""Events: the days where actors meet (a local *Numérique en Commun[s]*, a forum, a training)."""

from __future__ import annotations

from dataclasses import dataclass

from nec_network.model.dates import PartialDate

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

    >>> Event("nec-2025", "NEC local", PartialDate(2025, 6, 12), participants=("a", "b")).attendees
    frozenset({'a', 'b'})
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
