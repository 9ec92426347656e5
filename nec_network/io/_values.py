"""Parsing one cell at a time, recording every correction and error in a :class:`Report`.

Shared by every reader (our template, the national schema, data·inclusion,
mapped CSV). The policy, the same everywhere:

* a missing required field (``id``, ``nom``; a partnership's ends and type)
  rejects the row — the reader calls :meth:`Report.reject`;
* any other value that cannot be understood (unknown vocabulary value,
  malformed code, number or date) does **not** reject the row: the row is
  imported, the value is left out of the canonical field and kept as it came in
  ``Actor.extra`` under the column name (:attr:`Cells.extra`), and an ``erreur`` is
  recorded, with the closest valid value as suggestion when there is one.
  Nothing is lost; in strict mode these errors are fatal;
* a value that was understood but rewritten (spelling of a vocabulary value,
  a postal code that lost its leading zero in Excel…) is kept in its canonical
  form and recorded as a ``correction``; the row counts as corrected.

>>> from nec_network.io.report import Report
>>> from nec_network.model.vocabularies import SERVICES
>>> cells = Cells(RowContext("acteurs.csv", 2), Report(), extra={})
>>> parse_list("aide aux demarches administratives|Cuisine", SERVICES, cells=cells, column="services")
('Aide aux démarches administratives',)
>>> cells.extra, cells.ctx.corrected, [p.level for p in cells.report.problems]
({'services': 'Cuisine'}, True, ['correction', 'erreur'])
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, MutableMapping
from dataclasses import dataclass
from typing import Any

from nec_network import codes
from nec_network.text import normalize_name
from nec_network.io.report import Level, Problem, Report
from nec_network.model.dates import DateError, PartialDate, parse_partial_date
from nec_network.tables import split_list
from nec_network.model.vocabularies import (
    ITINERANCE,
    PARTNERSHIP_VOCABULARY,
    PRECISIONS,
    Vocabulary,
)

_FRENCH_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_TRUE = {"oui", "o", "vrai", "true", "1", "x", "yes", "y"}
_FALSE = {"non", "n", "faux", "false", "0", "no"}


@dataclass
class RowContext:
    """Where a cell comes from (file and 1-based row) and whether its row was corrected."""

    file: str
    row: int | None
    corrected: bool = False
    errors: int = 0
    #: Département code given by the source beside the address (narrows the commune search).
    departement: str = ""

    def record(
        self,
        report: Report,
        level: Level,
        message: str,
        *,
        column: str = "",
        value: Any = "",
        suggestion: str | None = "",
    ) -> None:
        """Add a problem located at this row to ``report`` and remember corrections/errors."""
        report.add(Problem(level, message, self.file, self.row, column, str(value), suggestion or ""))
        if level == "correction":
            self.corrected = True
        elif level == "erreur":
            self.errors += 1

    def review(
        self, message: str, *, column: str = "", value: Any = "", suggestion: str = "",
        category: str, level: Level = "avertissement",
    ) -> Problem:
        """A finding to review (commune deduced, typology deduced…) located at this row."""
        return Problem(level, message, self.file, self.row, column, str(value), suggestion, category)

    def problem(self, message: str, *, column: str = "", value: Any = "") -> Problem:
        """An ``erreur`` located at this row, e.g. the reason given to :meth:`Report.reject`."""
        return Problem("erreur", message, self.file, self.row, column, str(value))


@dataclass(frozen=True)
class Cells:
    """Where the cells of one row are read: the row (:class:`RowContext`), the report its
    problems go to and ``extra``, where a value that cannot be read is kept as it came
    (``Actor.extra``; None: nowhere). Every ``parse_*`` function takes it."""

    ctx: RowContext
    report: Report
    extra: MutableMapping[str, Any] | None = None

    def record(self, level: Level, message: str, *, column: str, value: Any = "", suggestion: str | None = "") -> None:
        """Add a problem located at this row to the report (:meth:`RowContext.record`)."""
        self.ctx.record(self.report, level, message, column=column, value=value, suggestion=suggestion)

    def unreadable(self, message: str, *, column: str, value: str, suggestion: str | None = None) -> None:
        """An ``erreur`` for a ``value`` of ``column`` that cannot be read, kept as it came in
        ``extra`` (after the column's earlier ones)."""
        self.record("erreur", message, column=column, value=value, suggestion=suggestion)
        if self.extra is not None:
            previous = split_list(str(self.extra.get(column, "")))
            self.extra[column] = "|".join([*previous, value])


def parse_text_list(value: str) -> tuple[str, ...]:
    """Free values of a list cell (e-mails, web sites), blanks dropped.

    >>> parse_text_list("a@b.fr | c@d.fr")
    ('a@b.fr', 'c@d.fr')
    """
    return tuple(split_list(value))


def parse_list(value: str, vocabulary: Vocabulary, *, cells: Cells, column: str) -> tuple[str, ...]:
    """Canonical vocabulary values of a list cell (duplicates removed, order kept).

    An unknown value is an ``erreur`` (with ``vocabulary.suggest`` as suggestion)
    and goes to ``extra[column]``; a value matched only up to case, accents or
    punctuation is a ``correction``.
    """
    exact = vocabulary.canonical_list(value)
    if exact is not None:
        return exact
    kept: list[str] = []
    for item, canonical in vocabulary.match_list(value):
        if canonical is None:
            cells.unreadable(f"valeur inconnue pour « {vocabulary.title} » : « {item} »", column=column, value=item,
                             suggestion=vocabulary.suggest(item))
            continue
        if canonical != item:
            cells.record("correction", "valeur normalisée", column=column, value=item, suggestion=canonical)
        if canonical in kept:
            cells.record("correction", "valeur en double retirée", column=column, value=item)
        else:
            kept.append(canonical)
    return tuple(kept)


def parse_float(
    value: str,
    *,
    cells: Cells,
    column: str,
    minimum: float | None = None,
    maximum: float | None = None,
) -> float | None:
    """A number (``49.5`` or ``49,5``); empty gives None; malformed or out of range is an ``erreur``.

    >>> from nec_network.io.report import Report
    >>> parse_float("49,5", cells=Cells(RowContext("f", 2), Report()), column="latitude")
    49.5
    """
    try:
        number = float(value)  # written with a point, as nearly every number is
    except ValueError:
        text = value.strip().replace("\u00a0", "").replace(" ", "")
        if not text:
            return None
        number = _decimal_comma_number(text)
    if not math.isfinite(number):
        cells.unreadable(f"nombre illisible : « {value} »", column=column, value=value)
        return None
    if (minimum is not None and number < minimum) or (maximum is not None and number > maximum):
        cells.unreadable(f"valeur hors de l'intervalle [{minimum} ; {maximum}] : « {value} »",
                         column=column, value=value)
        return None
    return number


def _decimal_comma_number(text: str) -> float:
    """The number written ``49,5`` (or ``49.5``) in ``text`` (without spaces); NaN when there is none."""
    try:
        return float(text.replace(",", ".")) if text.count(",") <= 1 else float("nan")
    except ValueError:
        return float("nan")


def parse_date(value: str, *, cells: Cells, column: str) -> dt.date | None:
    """A date written ``YYYY-MM-DD`` (time part dropped) or ``DD/MM/YYYY``; malformed is an ``erreur``.

    >>> from nec_network.io.report import Report
    >>> parse_date("05/03/2024", cells=Cells(RowContext("f", 2), Report()), column="date_maj")
    datetime.date(2024, 3, 5)
    """
    text = value.strip()
    if not text:
        return None
    try:
        french = _FRENCH_DATE.match(text)
        if french:
            day, month, year = (int(part) for part in french.groups())
            return dt.date(year, month, day)
        if len(text) > 10 and text[10] in "T ":
            parsed = dt.datetime.fromisoformat(text).date()
            cells.record("correction", "heure retirée de la date", column=column, value=value,
                       suggestion=parsed.isoformat())
            return parsed
        return dt.date.fromisoformat(text)
    except ValueError:
        cells.unreadable(f"date illisible : « {value} » (attendu AAAA-MM-JJ ou JJ/MM/AAAA)",
                         column=column, value=value)
        return None


def parse_itinerance(value: str, *, cells: Cells, column: str) -> bool:
    """True for an itinerant actor: ``Itinérant`` (alone or with ``Fixe``); ``Fixe`` or empty give False.

    ``oui``/``non`` are understood as a correction; anything else is an ``erreur``.

    >>> from nec_network.io.report import Report
    >>> parse_itinerance("Fixe|Itinérant", cells=Cells(RowContext("f", 2), Report()), column="itinerance")
    True
    """
    if not value or value in ITINERANCE:  # empty, or one value as the vocabulary writes it
        return value == "Itinérant"
    itinerant = False
    for item in split_list(value, "|;,"):
        canonical = ITINERANCE.match(item)
        if canonical is None:
            key = normalize_name(item)
            if key in _TRUE | _FALSE:
                canonical = "Itinérant" if key in _TRUE else "Fixe"
            else:
                cells.unreadable(f"itinérance inconnue : « {item} » (attendu « Fixe » ou « Itinérant »)",
                                 column=column, value=item, suggestion=ITINERANCE.suggest(item))
                continue
        if canonical != item:
            cells.record("correction", "valeur normalisée", column=column, value=item, suggestion=canonical)
        itinerant = itinerant or canonical == "Itinérant"
    return itinerant


#: Kind of code → (test of its shape, its name in messages); both are 5 characters.
_CODE_KINDS: dict[str, tuple[Callable[[str], bool], str]] = {
    "code_insee": (codes.is_insee_code, "code INSEE"),
    "code_postal": (codes.is_postal_code, "code postal"),
}


def parse_code(value: str, kind: str, *, cells: Cells, column: str) -> str:
    """A code of ``kind``: ``code_insee`` (5 characters, ``2A``/``2B`` for Corsica) or
    ``code_postal`` (5 digits). Four digits, a leading zero lost by a spreadsheet
    (``2100`` from Excel), are padded; ``80021.0`` is read as ``80021``; a malformed
    code is an ``erreur``, kept aside in ``extra``, and gives ``""``.

    >>> from nec_network.io.report import Report
    >>> parse_code("2691", "code_insee", cells=Cells(RowContext("f", 2), Report()), column="code_insee")
    '02691'
    >>> parse_code("2100", "code_postal", cells=Cells(RowContext("f", 2), Report()), column="code_postal")
    '02100'
    """
    valid, label = _CODE_KINDS[kind]
    if valid(value):  # well formed as written, as nearly every code is
        return value
    text = value.strip().upper()
    if text.endswith(".0") and text[:-2].isdigit():
        text = text[:-2]
    if not text:
        return ""
    if text.isdigit() and len(text) == 4:
        padded = "0" + text
        cells.record(
            "correction", f"{label} complété d'un zéro initial (perdu par un tableur)",
            column=column, value=value, suggestion=padded,
        )
        return padded
    if not valid(text):
        cells.unreadable(f"{label} mal formé : « {value} »", column=column, value=value)
        return ""
    return text


def parse_zone(value: str, *, cells: Cells, column: str) -> tuple[str, ...]:
    """Codes of the zone served: INSEE commune codes or EPCI SIREN codes (9 digits).

    >>> from nec_network.io.report import Report
    >>> parse_zone("80021|200070993", cells=Cells(RowContext("f", 2), Report()), column="zone_intervention")
    ('80021', '200070993')
    """
    found: list[str] = []
    for item in split_list(value):
        if codes.is_siren(item):
            code = item
        else:
            code = parse_code(item, "code_insee", cells=cells, column=column)
        if code and code not in found:
            found.append(code)
    return tuple(found)


def parse_precision(value: str, *, cells: Cells, column: str) -> str:
    """Precision of the coordinates: ``adresse``, ``commune`` or ``saisie`` (empty allowed)."""
    text = value.strip()
    if not text:
        return ""
    for code in PRECISIONS:
        if normalize_name(text) == code:
            if code != text:
                cells.record("correction", "valeur normalisée", column=column, value=value, suggestion=code)
            return code
    expected = ", ".join(f"« {code} »" for code in PRECISIONS)
    cells.unreadable(f"précision inconnue : « {value} » (attendu {expected})", column=column, value=value)
    return ""


def parse_partnership_type(value: str, *, cells: Cells, column: str) -> str | None:
    """Code of a partnership type (the French label is accepted); None when unknown or empty.

    The caller rejects the row when None is returned: a partnership without a
    type cannot be drawn. The problem is *not* recorded here, so that the caller
    can pass it to :meth:`Report.reject`; use :func:`partnership_type_problem`.

    >>> from nec_network.io.report import Report
    >>> parse_partnership_type("Membre de", cells=Cells(RowContext("f", 2), Report()), column="type")
    'membre_de'
    """
    text = value.strip()
    if not text:
        return None
    canonical = PARTNERSHIP_VOCABULARY.match(text)
    if canonical is not None and canonical != text:
        cells.record("correction", "type normalisé", column=column, value=value, suggestion=canonical)
    return canonical


def partnership_type_problem(value: str, *, ctx: RowContext, column: str) -> Problem:
    """The rejection reason for a missing or unknown partnership type, with a suggestion."""
    if not value.strip():
        return ctx.problem("type de partenariat manquant", column=column)
    allowed = ", ".join(PARTNERSHIP_VOCABULARY.values)
    return Problem(
        "erreur",
        f"type de partenariat inconnu : « {value} » (valeurs admises : {allowed})",
        ctx.file,
        ctx.row,
        column,
        value,
        PARTNERSHIP_VOCABULARY.suggest(value) or "",
    )


def read_link_dates(
    row: MutableMapping[str, str], *, ctx: RowContext, report: Report
) -> tuple[PartialDate | None, PartialDate | None] | None:
    """``debut`` (or the older ``depuis``) and ``fin`` of a partnership row; None, with the
    row rejected and the reason naming its column, when a date is unreadable or ``fin`` comes
    before ``debut``. An empty date is no date (the link is undated or still going on).
    """
    start_column = "debut" if row.get("debut", "").strip() or "depuis" not in row else "depuis"
    dates: list[PartialDate | None] = []
    for column in (start_column, "fin"):
        try:
            dates.append(parse_partial_date(row.get(column, "")))
        except DateError as error:
            report.reject(ctx.problem(f"date illisible : {error}", column=column, value=row.get(column, "")))
            return None
    start, end = dates
    if start is not None and end is not None and end.last_day < start.first_day:
        report.reject(ctx.problem(f"fin ({end}) avant le début ({start})", column="fin", value=row.get("fin", "")))
        return None
    return start, end
