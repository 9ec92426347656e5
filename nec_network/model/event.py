"""Events: the days where actors meet (a local *Numérique en Commun[s]*, a forum, a training)."""

from __future__ import annotations

from dataclasses import dataclass

from nec_network.model.dates import PartialDate


@dataclass(frozen=True)
class Event:
    """An event, as written in ``evenements.csv``.

    ``commune`` is an INSEE code; ``organisateurs`` and ``participants`` are actor ids. A
    planned event may lie in the future.

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

    @property
    def attendees(self) -> frozenset[str]:
        """Everyone who was there: organisers and participants."""
        return frozenset(self.organisateurs) | frozenset(self.participants)
