"""Opening hours: the OpenStreetMap ``opening_hours`` subset of the national schema, read once.

:func:`parse_opening_hours` reads the syntax that the *lieux de médiation
numérique* schema uses (field ``horaires``) into an :class:`OpeningHours`
(seven days of time spans, public holidays, comments); every reader of hours
(French text, "open now", weekly capacity of the 2SFCA) goes through it.

Supported: rules separated by ``;`` (a later rule replaces earlier ones for its
days, as in OSM) or by ``,`` after a time (an additional rule, whose spans are
added); days ``Mo``–``Su`` in ranges (``Mo-Fr``, ``Fr-Mo``) and lists
(``Mo,We``); public holidays ``PH``; time spans ``HH:MM-HH:MM`` separated by
commas (past midnight allowed: ``22:00-02:00``); ``off``/``closed``; a rule
without days applies every day; ``24/7``; comments in double quotes (``"sur
rendez-vous"``), alone or after a rule. Anything else (months, weeks, school
holidays, ``sunrise``, ``||`` fallbacks, free text) is not guessed: the parser
returns None and readers show the raw text.

The French wording (:func:`describe_opening_hours`, :func:`opening_status`)
lives here too, next to the only structure it reads:
``du lundi au vendredi, 9 h – 12 h et 14 h – 17 h``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

#: OSM day codes, Monday first (``datetime.weekday()`` order).
OSM_DAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
DAY_NAMES = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
_MINUTES_PER_DAY = 24 * 60

_DAY = r"(?:mo|tu|we|th|fr|sa|su|ph)"
_DAY_SELECTOR = re.compile(
    rf"^({_DAY}(?:\s*-\s*{_DAY})?(?:\s*,\s*{_DAY}(?:\s*-\s*{_DAY})?)*)(?:\s+|$)", re.I
)
_TIME_SPAN = re.compile(r"^(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})$")
_COMMENT = re.compile(r'"([^"]*)"')
# "," separates additional rules only after a time or "off" and before a day: "Mo 09:00-12:00, We off".
_ADDITIONAL = re.compile(rf"(?:(?<=\d)|(?<=off)|(?<=closed))\s*,\s*(?={_DAY}\b)", re.I)
_CLOSED_WORDS = {"off", "closed"}


@dataclass(frozen=True)
class DayHours:
    """One day: time spans in minutes since midnight (an end past 1440 runs into the next day).

    ``known`` is False when the day is only described by a comment (``Sa "sur
    rendez-vous"``): whether it is open cannot be told. ``comment`` is the
    rule's comment, if any.
    """

    spans: tuple[tuple[int, int], ...] = ()
    known: bool = True
    comment: str = ""

    @property
    def closed(self) -> bool:
        """Known to be closed all day."""
        return self.known and not self.spans


@dataclass(frozen=True)
class OpeningHours:
    """Parsed opening hours: one :class:`DayHours` per day, Monday first.

    ``holidays`` is None when the hours say nothing of public holidays (OSM:
    they follow their weekday); ``comment`` is a comment applying to every day
    (``"sur rendez-vous"`` alone).
    """

    raw: str
    days: tuple[DayHours, ...]
    holidays: DayHours | None = None
    comment: str = ""
    always_open: bool = False

    def day(self, date: dt.date) -> DayHours:
        """The hours that apply on ``date`` (public holidays included)."""
        if self.holidays is not None and is_public_holiday(date):
            return self.holidays
        return self.days[date.weekday()]

    def is_open_at(self, when: dt.datetime) -> bool | None:
        """Open at ``when``? None when the hours cannot tell (comment only).

        >>> hours = parse_opening_hours("Mo-Fr 09:00-12:00; PH off")
        >>> hours.is_open_at(dt.datetime(2026, 12, 1, 10, 0)), hours.is_open_at(dt.datetime(2026, 12, 25, 10, 0))
        (True, False)
        """
        if self.always_open:
            return True
        minute = when.hour * 60 + when.minute
        today = self.day(when.date())
        yesterday = self.day(when.date() - dt.timedelta(days=1))
        if any(start <= minute < end for start, end in today.spans):
            return True
        if any(
            end > _MINUTES_PER_DAY and minute < end - _MINUTES_PER_DAY for _, end in yesterday.spans
        ):
            return True
        return None if not today.known else False

    def weekly_minutes(self) -> int | None:
        """Minutes open in a week without holidays; None when no day is known."""
        if self.always_open:
            return 7 * _MINUTES_PER_DAY
        known = [day for day in self.days if day.known]
        if not known:
            return None
        return sum(end - start for day in known for start, end in day.spans)

    def as_record(self) -> dict:
        """Keyed record for a page: ``jours`` (7 × ``{plages: [{debut, fin}…], connu}``, minutes,
        Monday first), ``feries`` (same shape, or None when holidays follow their weekday),
        ``toujours`` (24/7)."""

        def record(day: DayHours) -> dict:
            return {"plages": [{"debut": start, "fin": end} for start, end in day.spans], "connu": day.known}

        return {
            "jours": [record(day) for day in self.days],
            "feries": None if self.holidays is None else record(self.holidays),
            "toujours": self.always_open,
        }


@lru_cache(maxsize=4096)
def parse_opening_hours(text: str) -> OpeningHours | None:
    """Read an OSM ``opening_hours`` value of the supported subset; None when it cannot.

    >>> hours = parse_opening_hours("Mo-Fr 09:00-12:00,14:00-17:00; We off; PH off")
    >>> [len(day.spans) for day in hours.days], hours.holidays.closed
    ([2, 2, 0, 2, 2, 0, 0], True)
    >>> parse_opening_hours('"sur rendez-vous"').comment
    'sur rendez-vous'
    >>> parse_opening_hours("le mardi matin") is None, parse_opening_hours("") is None
    (True, True)
    """
    raw = " ".join(str(text).split())
    if not raw:
        return None
    if raw == "24/7":
        return OpeningHours(
            raw, tuple(DayHours(((0, _MINUTES_PER_DAY),)) for _ in OSM_DAYS), always_open=True
        )
    days: list[DayHours] = [DayHours() for _ in OSM_DAYS]
    holidays: DayHours | None = None
    general_comment = ""
    any_day_rule = False
    for rule_text in (part.strip() for part in raw.split(";")):
        if not rule_text:
            continue
        for position, piece in enumerate(_ADDITIONAL.split(rule_text)):
            rule = _rule(piece.strip())
            if rule is None:
                return None
            selected, include_holidays, hours = rule
            if selected is None and not include_holidays and not hours.known and not hours.spans:
                general_comment = hours.comment
                continue
            any_day_rule = True
            targets = range(7) if selected is None else selected
            for day in targets:
                days[day] = _combine(days[day], hours) if position else hours
            if include_holidays:
                holidays = _combine(holidays, hours) if position and holidays else hours
    if not any_day_rule:  # a comment alone ("sur rendez-vous"): no day can be told
        days = [DayHours((), known=False) for _ in OSM_DAYS]
    return OpeningHours(raw, tuple(days), holidays, general_comment)


def _combine(before: DayHours, added: DayHours) -> DayHours:
    spans = tuple(sorted(set(before.spans) | set(added.spans)))
    return DayHours(spans, before.known and added.known, before.comment or added.comment)


def _rule(text: str) -> tuple[tuple[int, ...] | None, bool, DayHours] | None:
    """``(days or None for every day, includes PH, hours)`` of one rule, or None if unsupported."""
    comments = _COMMENT.findall(text)
    rest = _COMMENT.sub(" ", text).strip()
    if '"' in rest:
        return None
    comment = "; ".join(part.strip() for part in comments if part.strip())
    selected: tuple[int, ...] | None = None
    holidays = False
    match = _DAY_SELECTOR.match(rest)
    if match:
        selected, holidays = _days(match.group(1))
        rest = rest[match.end() :].strip()
        if not selected and not holidays:
            return None
    if not rest:
        if not comment:
            return None  # "Mo-Fr" alone would mean open all day: too unlikely to trust
        return selected, holidays, DayHours((), known=False, comment=comment)
    if rest.lower() in _CLOSED_WORDS:
        return selected, holidays, DayHours((), comment=comment)
    spans = []
    for part in (piece.strip() for piece in rest.split(",")):
        span = _TIME_SPAN.match(part)
        if not span:
            return None
        h1, m1, h2, m2 = (int(value) for value in span.groups())
        if h1 > 24 or h2 > 24 or m1 > 59 or m2 > 59:
            return None
        start, end = h1 * 60 + m1, h2 * 60 + m2
        if end == start:
            return None
        spans.append((start, end if end > start else end + _MINUTES_PER_DAY))
    merged = _merge(spans)
    return selected, holidays, DayHours(tuple(merged), comment=comment)


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted spans with overlaps and repeats folded (``13:00-17:30,13:00-17:30`` once)."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _days(selector: str) -> tuple[tuple[int, ...], bool]:
    days: list[int] = []
    holidays = False
    codes = [code.lower() for code in OSM_DAYS]
    for part in (piece.strip() for piece in selector.split(",")):
        first, _, last = (value.strip().lower() for value in part.partition("-"))
        if first == "ph" or last == "ph":
            if last:
                return (), False
            holidays = True
            continue
        start = codes.index(first)
        stop = codes.index(last) if last else start
        days.extend((start + offset) % 7 for offset in range((stop - start) % 7 + 1))
    return tuple(dict.fromkeys(days)), holidays


# -- French public holidays -----------------------------------------------------------------------
def easter_sunday(year: int) -> dt.date:
    """Gregorian Easter Sunday (anonymous Gregorian algorithm).

    >>> easter_sunday(2026), easter_sunday(2027)
    (datetime.date(2026, 4, 5), datetime.date(2027, 3, 28))
    """
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * l_) // 433
    month = (h + l_ - 7 * m + 90) // 25
    day = (h + l_ - 7 * m + 33 * month + 19) % 32
    return dt.date(year, month, day)


def is_public_holiday(date: dt.date) -> bool:
    """One of the eleven national public holidays of metropolitan France.

    >>> is_public_holiday(dt.date(2026, 5, 14)), is_public_holiday(dt.date(2026, 5, 15))  # Ascension
    (True, False)
    """
    fixed = {(1, 1), (5, 1), (5, 8), (7, 14), (8, 15), (11, 1), (11, 11), (12, 25)}
    if (date.month, date.day) in fixed:
        return True
    easter = easter_sunday(date.year)
    return date in {easter + dt.timedelta(days=offset) for offset in (1, 39, 50)}


# -- French wording -------------------------------------------------------------------------------
def french_time(minutes: int, *, separator: str = " ") -> str:
    """``540`` → ``9 h``; ``570`` → ``9 h 30``; midnight → ``minuit``.

    >>> french_time(540), french_time(570), french_time(1440)
    ('9 h', '9 h 30', 'minuit')
    """
    minutes %= _MINUTES_PER_DAY
    if minutes == 0:
        return "minuit"
    hours, rest = divmod(minutes, 60)
    return f"{hours}{separator}h" + (f"{separator}{rest:02d}" if rest else "")


def _spans_text(spans: tuple[tuple[int, int], ...], separator: str) -> str:
    return " et ".join(
        f"{french_time(start, separator=separator)} – {french_time(end, separator=separator)}"
        for start, end in spans
    )


def _days_text(days: list[int]) -> str:
    """``[0..4]`` → ``du lundi au vendredi``; ``[0, 2]`` → ``le lundi et le mercredi``."""
    if len(days) == 7:
        return "tous les jours"
    runs: list[list[int]] = []
    for day in days:
        if runs and day == runs[-1][-1] + 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    parts = []
    for run in runs:
        if len(run) >= 3:
            parts.append(f"du {DAY_NAMES[run[0]]} au {DAY_NAMES[run[-1]]}")
        else:
            parts.extend(f"le {DAY_NAMES[day]}" for day in run)
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " et " + parts[-1]


def _hours_text(day: DayHours, separator: str) -> str:
    if not day.known:
        return day.comment
    text = _spans_text(day.spans, separator) if day.spans else "fermé"
    return f"{text} ({day.comment})" if day.comment else text


@lru_cache(maxsize=4096)
def describe_opening_hours(text: str, *, separator: str = " ") -> str:
    """Opening hours in French; the raw text when they cannot be read, ``""`` when empty.

    Memoised: a map repeats the same few texts over thousands of places.

    ``separator`` goes between numbers and ``h`` (a no-break space for pages).

    >>> describe_opening_hours("Mo-Fr 09:00-12:00,14:00-17:00")
    'du lundi au vendredi, 9 h – 12 h et 14 h – 17 h'
    >>> describe_opening_hours("Mo,We 09:30-12:00; Sa 10:00-12:00; PH off")
    'le lundi et le mercredi, 9 h 30 – 12 h ; le samedi, 10 h – 12 h ; fermé les jours fériés'
    >>> describe_opening_hours('Tu 14:00-17:00 "sur rendez-vous"')
    'le mardi, 14 h – 17 h (sur rendez-vous)'
    >>> describe_opening_hours("Mo-Fr 9h-12h")
    'Mo-Fr 9h-12h'
    """
    hours = parse_opening_hours(text)
    if hours is None:
        return " ".join(str(text).split())
    if hours.always_open:
        return "ouvert 24 h sur 24, 7 jours sur 7"
    groups: dict[DayHours, list[int]] = {}
    for number, day in enumerate(hours.days):
        if (not day.closed or day.comment) and (day.known or day.comment):
            groups.setdefault(day, []).append(number)
    parts = [f"{_days_text(days)}, {_hours_text(day, separator)}" for day, days in groups.items()]
    if hours.holidays is not None:
        if hours.holidays.closed and not hours.holidays.comment:
            parts.append("fermé les jours fériés")
        else:
            parts.append(f"les jours fériés, {_hours_text(hours.holidays, separator)}")
    if hours.comment:
        parts.append(hours.comment)
    return " ; ".join(parts) if parts else "fermé"


def opening_status(text: str, when: dt.datetime, *, separator: str = " ") -> str | None:
    """``ouvert maintenant``, ``ouvert aujourd'hui`` or ``fermé aujourd'hui`` at ``when``; None when unknown.

    >>> tuesday = dt.datetime(2026, 12, 1, 10, 0)
    >>> opening_status("Mo-Fr 09:00-12:00,14:00-17:00", tuesday)
    "ouvert maintenant, jusqu'à 12 h"
    >>> opening_status("Mo-Fr 14:00-17:00", tuesday)
    "ouvert aujourd'hui, à partir de 14 h"
    >>> opening_status("Mo-Fr 08:00-09:00", tuesday), opening_status("Sa 09:00-12:00", tuesday)
    ("fermé pour aujourd'hui", "fermé aujourd'hui")
    >>> opening_status('"sur rendez-vous"', tuesday) is None
    True
    """
    hours = parse_opening_hours(text)
    if hours is None:
        return None
    if hours.always_open:
        return "ouvert maintenant"
    now = when.hour * 60 + when.minute
    open_now = hours.is_open_at(when)
    today = hours.day(when.date())
    if open_now:
        end = next((end for start, end in today.spans if start <= now < end), None)
        return "ouvert maintenant" + (
            f", jusqu'à {french_time(end, separator=separator)}" if end else ""
        )
    if not today.known:
        return None
    later = [start for start, _ in today.spans if start > now]
    if later:
        return f"ouvert aujourd'hui, à partir de {french_time(min(later), separator=separator)}"
    if today.spans:
        return "fermé pour aujourd'hui"
    holiday = hours.holidays is not None and is_public_holiday(when.date())
    return "fermé aujourd'hui" + (" (jour férié)" if holiday else "")
