"""Survey answers: who declares working with whom, read from the survey page's file or a table.

``nec-network import MODELE REPONSES:enquete -o DOSSIER`` reads the answers of a survey
about partnerships and adds the relations they declare to the model
(:mod:`nec_network.io.survey_import` reconciles the names). :func:`read_responses` reads:

* the file the survey page (``nec-network enquete``) produces, and any **long** table (CSV or
  XLSX) with one row per declared relation: columns :data:`LONG_COLUMNS` (``repondant`` and
  ``partenaire`` required; the others optional), and the page's extra columns
  :data:`~nec_network.model.vocabularies.SURVEY_COLUMNS` (chosen ids, communes, direction, PARTNER-style trust questions…);
* a **wide** form-tool export (one row per respondent, « Partenaire 1 »… « Partenaire N »),
  through a survey mapping (:mod:`nec_network.io.survey_wide`).

A row naming a respondent but no partner is an answer without any relation (it counts for
the response rate). A bad row is rejected with file, row, column and reason: an unreadable
date, an end before its start, a start after the answer's date, an unknown type or direction.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from nec_network.errors import DataError
from nec_network.io.report import Problem, Report
from nec_network.model.dates import DateError, PartialDate, parse_partial_date
from nec_network.model.vocabularies import (
    CONTRIBUTIONS,
    FREQUENCIES,
    PARTNERSHIP_TYPES,
    SURVEY_COLUMNS,
    SURVEY_DIRECTIONS,
    SURVEY_RELATIONS,
    TRUST_QUESTIONS,
    TRUST_SCALE,
)
from nec_network.tables import read_table, split_list
from nec_network.tables.formulas import quoted_by_tool, restore_cell
from nec_network.text import normalize_name

#: The name of the survey on the command line (``REPONSES:enquete``).
SURVEY = "enquete"
#: Columns of a long table: one row per declared relation.
LONG_COLUMNS: tuple[str, ...] = (
    "repondant", "partenaire", "type", "debut", "fin", "evenement", "frequence", "commentaire",
)  # fmt: skip
REQUIRED_COLUMNS = ("repondant", "partenaire")
#: The columns of the page's file: today's, and those of pages written before survey waves.
PAGE_COLUMNS = (SURVEY_COLUMNS, tuple(column for column in SURVEY_COLUMNS if column != "vague"))
#: Type written as nothing: the plainest relation.
DEFAULT_TYPE = "partenariat"


@dataclass(frozen=True)
class Declaration:
    """One relation declared by a respondent, as read (names not yet reconciled)."""

    file: str
    row: int
    respondent: str
    partner: str
    type: str = DEFAULT_TYPE
    #: ``vers_partenaire`` (the respondent is the source) or ``du_partenaire``.
    direction: str = SURVEY_DIRECTIONS[0]
    debut: PartialDate | None = None
    fin: PartialDate | None = None
    evenement: str = ""
    frequency: str = ""
    comment: str = ""
    respondent_id: str = ""
    partner_id: str = ""
    respondent_commune: str = ""
    partner_commune: str = ""
    #: The PARTNER-style answers: (column, value) for trust questions, ``apports`` codes.
    trust: tuple[tuple[str, str], ...] = ()
    contributions: tuple[str, ...] = ()
    answered: PartialDate | None = None
    #: The survey wave the answer belongs to (an event of nature ``enquete``), if written.
    wave: str = ""

    def note(self) -> str:
        """The answers the link keeps as text: frequency, trust, contributions, comment."""
        parts = []
        if self.frequency:
            parts.append(f"fréquence : {FREQUENCIES[self.frequency].label.lower()}")
        parts.extend(f"{column} : {value}/4" for column, value in self.trust)
        if self.contributions:
            parts.append("apports : " + ", ".join(self.contributions))
        if self.comment:
            parts.append(self.comment)
        return " ; ".join(parts)


@dataclass(frozen=True)
class Respondent:
    """Someone who answered: the name (and the id chosen in the page) as written, where."""

    file: str
    row: int
    name: str
    actor_id: str = ""
    commune: str = ""


@dataclass(frozen=True)
class Responses:
    """What a survey file holds: its respondents (one per answer) and the relations declared."""

    path: Path
    respondents: tuple[Respondent, ...]
    declarations: tuple[Declaration, ...]


def read_responses(path: str | Path, mapping: str | Path | None = None) -> tuple[Responses, Report]:
    """Read a survey's answers (page file, long table, or wide export through ``mapping``).

    The report counts one row per relation (and per answer declaring none), rejected rows
    with file, row, column and reason. Raises :class:`DataError` when a required column is
    missing.
    """
    path = Path(path)
    if mapping is not None and str(mapping) != SURVEY:
        from nec_network.io.survey_wide import read_wide_rows

        rows, lines, columns, origins = read_wide_rows(path, mapping)
    else:
        table = read_table(path)
        rows, lines, columns = _page_cells(path, table.rows, table.columns), table.line_numbers, table.columns
        origins = [{} for _ in rows]
    missing = [column for column in REQUIRED_COLUMNS if column not in columns]
    if missing:
        raise DataError(f"colonne{'s' if len(missing) > 1 else ''} {', '.join(missing)} manquante"
                        f"{'s' if len(missing) > 1 else ''} : un fichier de réponses a au moins les colonnes "
                        f"{', '.join(LONG_COLUMNS)}", file=str(path))
    report = Report()
    respondents: dict[tuple[str, str], Respondent] = {}
    declarations = []
    for row, line, origin in zip(rows, lines, origins, strict=True):
        report.rows_read += 1
        respondent = _respondent(row, str(path), line)
        if respondent is not None:  # a response, even when its relations are rejected
            respondents.setdefault((respondent.actor_id, normalize_name(respondent.name)), respondent)
        try:
            declaration = _read_row(row, str(path), line, respondent)
        except DataError as error:
            column = error.column or ""
            # A wide export's errors name its own column (« Type de relation 2 »).
            report.reject(Problem("erreur", error.reason, str(path), line, origin.get(column, column),
                                  row.get(column, "")))
            continue
        if declaration is not None:
            declarations.append(declaration)
        report.accept()
    return Responses(path, tuple(respondents.values()), tuple(declarations)), report


def _page_cells(path: Path, rows: list[dict[str, str]], columns: list[str]) -> list[dict[str, str]]:
    """The rows, with the quotes the survey page put before formula signs taken off.

    The page's file (its exact columns, :data:`~nec_network.model.vocabularies.SURVEY_COLUMNS`)
    is the tool's own output, downloaded by a person: its cells were neutralised by the page
    exactly as :func:`~nec_network.tables.formulas.neutralise_cell` does, so restoring them is
    exact. Files the tool's marker lists are restored by the reader already; other tables keep
    a person's own quotes.
    """
    if tuple(columns) not in PAGE_COLUMNS or path.suffix.lower() != ".csv" or quoted_by_tool(path):
        return rows
    return [{column: restore_cell(value) for column, value in row.items()} for row in rows]


def _respondent(row: Mapping[str, str], file: str, line: int) -> Respondent | None:
    """Who answered on this row (None when the row names nobody)."""
    name, chosen = (row.get("repondant") or "").strip(), (row.get("repondant_id") or "").strip()
    if not name and not chosen:
        return None
    return Respondent(file, line, name or chosen, chosen, (row.get("repondant_commune") or "").strip())


def _read_row(row: Mapping[str, str], file: str, line: int, respondent: Respondent | None) -> Declaration | None:
    """The relation a row declares (None for an answer without partner); :class:`DataError` for a bad row."""

    def cell(column: str) -> str:
        return (row.get(column) or "").strip()

    def fail(column: str, reason: str) -> DataError:
        return DataError(reason, file=file, row=line, column=column)

    if respondent is None:
        raise fail("repondant", "répondant manquant : qui déclare cette relation ?")
    chosen = respondent.actor_id
    partner, partner_id = cell("partenaire"), cell("partenaire_id")
    if not partner and not partner_id:
        if any(cell(column) for column in ("type", "debut", "fin", "frequence")):
            raise fail("partenaire", "partenaire manquant : la relation décrite ne dit pas avec qui")
        return None
    dates = {column: _date(cell(column), fail(column, "")) for column in ("debut", "fin", "date_reponse")}
    debut, fin, answered = dates["debut"], dates["fin"], dates["date_reponse"]
    if debut and fin and fin.last_day < debut.first_day:
        raise fail("fin", f"fin ({fin}) avant le début ({debut})")
    if debut and answered and debut.first_day > answered.last_day:
        raise fail("debut", f"relation commencée ({debut}) après la réponse qui la déclare ({answered})")
    kind, direction = _type_and_direction(cell("type"), cell("sens"), fail("type", ""), fail("sens", ""))
    declaration = Declaration(
        file, line, respondent.name, partner or partner_id, type=kind, direction=direction,
        debut=debut, fin=fin, evenement=cell("evenement"), frequency=_frequency(cell("frequence"), fail("frequence", "")),
        comment=cell("commentaire"), respondent_id=chosen, partner_id=partner_id,
        respondent_commune=respondent.commune, partner_commune=cell("partenaire_commune"),
        trust=_trust(row, fail), contributions=_contributions(cell("apports"), fail("apports", "")), answered=answered,
        wave=cell("vague"),
    )
    return declaration


def _date(text: str, error: DataError) -> PartialDate | None:
    try:
        return parse_partial_date(text)
    except DateError as reason:
        raise DataError(str(reason), file=error.file, row=error.row, column=error.column) from None


def _lookup(text: str, names: Mapping[str, str], error: DataError, what: str) -> str:
    """The code of ``text`` among ``names`` (code → label), by code or label; raises ``error`` otherwise."""
    key = normalize_name(text)
    for code, label in names.items():
        if key in (normalize_name(code), normalize_name(label)):
            return code
    admitted = ", ".join(names)
    raise DataError(f"{what} inconnu : « {text} » (admis : {admitted})", file=error.file, row=error.row,
                    column=error.column)


def _type_and_direction(text: str, sens: str, type_error: DataError, sens_error: DataError) -> tuple[str, str]:
    """The type code and direction of a relation: a code, a label or one of the survey's phrases
    (« Ils nous financent » gives ``financement`` from the partner); an empty type is ``partenariat``."""
    direction = _lookup(sens, {code: code for code in SURVEY_DIRECTIONS}, sens_error, "sens") if sens else ""
    if not text:
        return DEFAULT_TYPE, direction or SURVEY_DIRECTIONS[0]
    key = normalize_name(text)
    for code, phrase_direction, phrase in SURVEY_RELATIONS:
        if key == normalize_name(phrase):
            return code, direction or phrase_direction
    labels = {code: kind.label for code, kind in PARTNERSHIP_TYPES.items()}
    return _lookup(text, labels, type_error, "type de relation"), direction or SURVEY_DIRECTIONS[0]


def _frequency(text: str, error: DataError) -> str:
    if not text:
        return ""
    return _lookup(text, {code: item.label for code, item in FREQUENCIES.items()}, error, "fréquence")


def _trust(row: Mapping[str, str], fail) -> tuple[tuple[str, str], ...]:  # noqa: ANN001
    answers = []
    for column in TRUST_QUESTIONS:
        value = (row.get(column) or "").strip()
        if not value:
            continue
        if value not in TRUST_SCALE:
            raise fail(column, f"réponse « {value} » impossible : de 1 (pas du tout) à 4 (tout à fait)")
        answers.append((column, value))
    return tuple(answers)


def _contributions(text: str, error: DataError) -> tuple[str, ...]:
    return tuple(_lookup(item, CONTRIBUTIONS, error, "apport") for item in split_list(text, "|;"))
