"""Dates as people give them: a full date, a month or a year, with the precision kept.

A partnership "since 2021" and one "since 2021-03-15" are both dated; comparing them needs to
know what each one says. :class:`PartialDate` keeps the precision and answers the two
questions analyses ask: the first and the last day it may denote.

>>> PartialDate.parse("2024-03")
PartialDate(year=2024, month=3, day=None)
>>> str(PartialDate.parse("15/03/2024")), PartialDate.parse("2024").precision
('2024-03-15', 'annee')
>>> PartialDate.parse("2024-02").last_day
datetime.date(2024, 2, 29)
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

#: Precision of a :class:`PartialDate`, in the words of the data (French values).
PRECISIONS = ("jour", "mois", "annee")

_ISO = re.compile(r"(?P<year>\d{4})(?:-(?P<month>\d{1,2})(?:-(?P<day>\d{1,2}))?)?")
_FRENCH = re.compile(r"(?:(?P<day>\d{1,2})/)?(?P<month>\d{1,2})/(?P<year>\d{4})")
_TIMESTAMP = re.compile(r"(?P<date>\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?")


class DateError(ValueError):
    """A text that is not a date, or not a valid one; ``str(error)`` is a French reason."""


@dataclass(frozen=True)
class PartialDate:
    """A year, a month of a year, or a day; ``month``/``day`` are None when not given."""

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if self.day is not None and self.month is None:
            raise DateError("un jour sans mois n'est pas une date")
        if self.month is not None and not 1 <= self.month <= 12:
            raise DateError(f"mois {self.month} impossible (1 à 12)")
        if self.day is not None:
            assert self.month is not None
            last = calendar.monthrange(self.year, self.month)[1]
            if not 1 <= self.day <= last:
                raise DateError(f"jour {self.day} impossible en {self.month:02d}/{self.year} (1 à {last})")
        if not 1 <= self.year <= 9999:
            raise DateError(f"année {self.year} impossible")

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Read ``2024``, ``2024-03``, ``2024-03-15``, ``03/2024``, ``15/03/2024`` or an ISO
        timestamp (its day is kept); raise :class:`DateError` otherwise.

        >>> PartialDate.parse("2025-13-01")
        Traceback (most recent call last):
        ...
        nec_network.model.dates.DateError: mois 13 impossible (1 à 12)
        """
        value = text.strip()
        stamp = _TIMESTAMP.fullmatch(value)
        if stamp:
            value = stamp["date"]
        match = _ISO.fullmatch(value) or _FRENCH.fullmatch(value)
        if not match:
            raise DateError(f"« {text} » n'est pas une date (attendu AAAA, AAAA-MM ou AAAA-MM-JJ)")
        month, day = match["month"], match["day"]
        return cls(int(match["year"]), int(month) if month else None, int(day) if day else None)

    @classmethod
    def from_date(cls, value: dt.date) -> PartialDate:
        """The day ``value``."""
        return cls(value.year, value.month, value.day)

    @property
    def precision(self) -> str:
        """``"jour"``, ``"mois"`` or ``"annee"``."""
        if self.day is not None:
            return "jour"
        return "mois" if self.month is not None else "annee"

    @property
    def first_day(self) -> dt.date:
        """The earliest day the date may denote."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def last_day(self) -> dt.date:
        """The latest day the date may denote."""
        month = self.month or 12
        return dt.date(self.year, month, self.day or calendar.monthrange(self.year, month)[1])

    def __str__(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


def parse_partial_date(text: str) -> PartialDate | None:
    """:meth:`PartialDate.parse`, with an empty text giving None (no date)."""
    return PartialDate.parse(text) if text.strip() else None


_MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)  # fmt: skip


def french_date(day: dt.date) -> str:
    """A day as a French reader writes it.

    >>> french_date(dt.date(2025, 10, 1)), french_date(dt.date(2026, 3, 31))
    ('1er octobre 2025', '31 mars 2026')
    """
    first = "1er" if day.day == 1 else str(day.day)
    return f"{first} {_MONTHS[day.month - 1]} {day.year}"
