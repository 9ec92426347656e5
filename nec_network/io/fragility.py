"""A user's file of indicators per commune (the official IFN, or any other), read for ``--fragilite``.

``nec-network gaps|recommend|communes|report|analyse|site … --fragilite FICHIER[:CORRESPONDANCE]``
reads a CSV or XLSX file with one row per commune: its INSEE code and numeric columns. A
correspondence (JSON, like the import mappings of :mod:`nec_network.io.mapping`) says which
column is which::

    {
      "description": "IFN 2020 de la Mednum, onglet communes",
      "nom": "IFN officiel",
      "annee": "2020",
      "code_insee": "COM",
      "indice": "SCORE_GLOBAL",
      "indice_max": 100,
      "indicateurs": {
        "taux_pauvrete": "TX_PAUV",
        "acces_interfaces": {"colonne": "ACCES_INTERFACES", "libelle": "accès aux interfaces numériques"}
      }
    }

* ``code_insee`` (required): the column of the INSEE code;
* ``indice``: the column of the index, read between 0 and ``indice_max`` (100 by default) and
  brought to 0–100; when given, it is every commune's index;
* ``indicateurs``: our indicator (``taux_pauvrete``, ``eligibilite_thd``… of
  :data:`nec_network.territory.fragility.INDICATORS`: it is replaced, and the index recomputed
  when it is one of the index's) or a new name (added) → the column, or
  ``{"colonne": …, "libelle": …}``;
* ``nom``: how pages and messages name the file's figures (« IFN officiel chargé depuis … »);
  ``annee``: their year; ``description``: free text.

Without a correspondence, the code is the column ``code_insee`` (or ``codgeo``,
``code_commune``, ``insee_com``, ``com``, in any case), ``indice_fragilite`` is the index, a
column named as one of our indicators replaces it, and every other column holding numbers is
an added indicator (columns without any number, such as names, are left aside and said).

Former codes are carried over to their current commune by the rule of
:mod:`nec_network.territory.former_communes` (population-weighted for communes nouvelles).
Rows with an unknown or repeated code are rejected; a value that is not a number (or out of
range) is left empty; each is reported with file, row and column. The file is read and
checked before any analysis.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from nec_network.errors import DataError
from nec_network.tables import Problem, Table, read_json, read_table
from nec_network.territory.former_communes import current_code, to_current_communes
from nec_network.territory.fragility import INDICATORS, Fragility, embedded_fragility, with_file_indicators

#: Columns taken for the INSEE code without a correspondence (case-insensitive), in this order.
CODE_COLUMNS = ("code_insee", "codgeo", "code_commune", "insee_com", "com")
#: Indicators given as shares (%): read between 0 and 100.
SHARES = frozenset(INDICATORS)
#: Names an indicator may not take: the table's own columns.
RESERVED = frozenset({"code_insee", "anciens_codes", "indice_fragilite", "raison", "annees", "source",
                      "taux_pauvrete_statut"})
_KEYS = {"description", "nom", "annee", "code_insee", "indice", "indice_max", "indicateurs"}
_NAME = re.compile(r"[a-z][a-z0-9_]*")
_SPACES = re.compile(r"[\s\u00a0\u202f]")


@dataclass(frozen=True)
class FragilityMapping:
    """Which column is the code, the index and each indicator (see the module docstring)."""

    code: str
    index: str = ""
    index_max: float = 100.0
    indicators: dict[str, str] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
    name: str = ""
    year: str = ""

    def columns(self) -> list[str]:
        """The file's columns the correspondence reads."""
        return [self.code, *([self.index] if self.index else []), *self.indicators.values()]


def _text(document: dict, key: str, source: str) -> str:
    value = document.get(key, "")
    if not isinstance(value, str | int) or isinstance(value, bool):
        raise DataError(f"« {key} » : texte attendu", file=source)
    return str(value).strip()


def parse_fragility_mapping(document: Any, *, source: str = "") -> FragilityMapping:
    """Check a correspondence (decoded JSON) and return it; French :class:`DataError` otherwise.

    >>> parse_fragility_mapping({"code_insee": "COM", "indice": "IFN", "indicateurs": {"x": "X"}}).indicators
    {'x': 'X'}
    """
    if not isinstance(document, dict):
        raise DataError("une correspondance de fragilité est un objet JSON", file=source)
    unknown = sorted(set(document) - _KEYS)
    if unknown:
        raise DataError(f"clé(s) inconnue(s) : {', '.join(unknown)} (clés admises : {', '.join(sorted(_KEYS))})",
                        file=source)
    code = _text(document, "code_insee", source)
    if not code:
        raise DataError("« code_insee » (la colonne du code INSEE) manque", file=source)
    maximum = document.get("indice_max", 100)
    if isinstance(maximum, bool) or not isinstance(maximum, int | float) or not 0 < maximum < math.inf:
        raise DataError("« indice_max » : nombre positif attendu", file=source)
    indicators, labels = {}, {}
    given = document.get("indicateurs", {})
    if not isinstance(given, dict):
        raise DataError("« indicateurs » : objet {notre indicateur : colonne} attendu", file=source)
    for ours, value in given.items():
        if not _NAME.fullmatch(ours) or ours in RESERVED:
            raise DataError(f"« indicateurs » : nom « {ours} » refusé (minuscules, chiffres et _ ; l'indice se "
                            "donne par « indice »)", file=source)
        column = value.get("colonne") if isinstance(value, dict) else value
        if not isinstance(column, str) or not column.strip():
            raise DataError(f"« indicateurs.{ours} » : nom de colonne attendu", file=source)
        indicators[ours] = column.strip()
        if isinstance(value, dict) and isinstance(value.get("libelle"), str):
            labels[ours] = value["libelle"].strip()
    index = _text(document, "indice", source)
    if not index and not indicators:
        raise DataError("ni « indice » ni « indicateurs » : rien à lire", file=source)
    return FragilityMapping(code, index, float(maximum), indicators, labels,
                            _text(document, "nom", source), _text(document, "annee", source))


def _number(text: str) -> float | None:
    """``12,5``, ``1 234.5``, ``12,5 %`` → a float; None when it is not a number."""
    cleaned = _SPACES.sub("", text).removesuffix("%").replace(",", ".")
    try:
        value = float(cleaned)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def guessed_mapping(table: Table) -> tuple[FragilityMapping, tuple[str, ...]]:
    """The correspondence read from the column names alone, and the columns left aside (no number)."""
    lower = {column.strip().lower(): column for column in table.columns}
    code = next((lower[name] for name in CODE_COLUMNS if name in lower), None)
    if code is None:
        raise DataError(
            f"aucune colonne de code INSEE ({', '.join(CODE_COLUMNS)}) : donnez une correspondance, "
            "FICHIER:CORRESPONDANCE.json", file=table.path, row=1)
    index = lower.get("indice_fragilite", "")
    indicators, aside = {}, []
    for column in table.columns:
        if column in (code, index):
            continue
        if not any(_number(row.get(column, "")) is not None for row in table.rows):
            aside.append(column)
            continue
        name = column.strip().lower()
        indicators[name if name in INDICATORS else f"fichier_{name}" if name in RESERVED else column] = column
    if not index and not indicators:
        raise DataError("aucune colonne de nombres à lire", file=table.path, row=1)
    return FragilityMapping(code, index, indicators=indicators), tuple(aside)


@dataclass(frozen=True)
class FragilityRead:
    """What a user's file gave: the fragility to use, the counts and every problem met."""

    fragility: Fragility
    rows_read: int
    rows_kept: int
    problems: tuple[Problem, ...] = ()
    #: Columns without any number, left aside (no correspondence given).
    columns_aside: tuple[str, ...] = ()

    def summary(self) -> str:
        """One French line: what was loaded, and how many rows were rejected."""
        from nec_network.wording import number, plural

        rejected = sum(problem.message.endswith("ligne écartée") for problem in self.problems)
        emptied = sum(problem.message.endswith("laissée vide") for problem in self.problems)
        parts = [
            f"Fragilité numérique : {self.fragility.file_label}, "
            f"{plural(self.rows_kept, 'ligne retenue', 'lignes retenues')} sur {number(self.rows_read)}",
        ]
        if rejected:
            parts.append(plural(rejected, "ligne écartée", "lignes écartées"))
        if emptied:
            parts.append(plural(emptied, "valeur illisible laissée vide", "valeurs illisibles laissées vides"))
        if self.columns_aside:
            parts.append("colonnes sans nombre laissées de côté : " + ", ".join(self.columns_aside))
        return " ; ".join(parts) + f" ({self.fragility.index_note})."


def _cell(row: dict[str, str], column: str, maximum: float | None, where: tuple[str, int],
          problems: list[Problem]) -> float:
    text = row.get(column, "").strip()
    if not text:
        return math.nan
    value = _number(text)
    if value is None or (maximum is not None and not 0 <= value <= maximum):
        reason = "valeur non numérique" if value is None else f"valeur hors de 0 à {maximum:g}"
        problems.append(Problem("erreur", f"{reason} : laissée vide", where[0], where[1], column, text))
        return math.nan
    return value


def _code(row: dict[str, str], mapping: FragilityMapping, where: tuple[str, int],
          problems: list[Problem]) -> str | None:
    code = row.get(mapping.code, "").strip().upper()
    if re.fullmatch(r"\d{4}", code):  # a spreadsheet dropped the leading zero
        problems.append(Problem("correction", "code INSEE complété d'un zéro initial", where[0], where[1],
                                mapping.code, code, "0" + code))
        code = "0" + code
    if current_code(code) is None:
        reason = "code INSEE manquant" if not code else "code INSEE inconnu (ni commune actuelle ni ancienne commune)"
        problems.append(Problem("erreur", f"{reason} : ligne écartée", where[0], where[1], mapping.code, code))
        return None
    return code


def _values(table: Table, mapping: FragilityMapping, problems: list[Problem]) -> pd.DataFrame:
    """The file's values by source code (rows with a bad or repeated code left out, and said)."""
    rows: dict[str, dict[str, float]] = {}
    lines: dict[str, int] = {}
    for line, row in zip(table.line_numbers, table.rows, strict=True):
        where = (table.path, line)
        code = _code(row, mapping, where, problems)
        if code is None:
            continue
        if code in lines:
            problems.append(Problem("erreur", f"code INSEE déjà lu ligne {lines[code]} : ligne écartée",
                                    table.path, line, mapping.code, code))
            continue
        lines[code] = line
        values = {ours: _cell(row, column, 100.0 if ours in SHARES else None, where, problems)
                  for ours, column in mapping.indicators.items()}
        if mapping.index:
            index = _cell(row, mapping.index, mapping.index_max, where, problems)
            values["indice_fragilite"] = index * 100 / mapping.index_max
        rows[code] = values
    columns = [*mapping.indicators, *(["indice_fragilite"] if mapping.index else [])]
    return pd.DataFrame.from_dict(rows, orient="index", columns=columns, dtype=float)


def read_fragility(path: str | Path, mapping: str | Path | None = None, *,
                   base: Fragility | None = None) -> FragilityRead:
    """Read a user's indicator file (``mapping``: a correspondence file, or None to read the
    column names) and merge it into ``base`` (the embedded approximation by default)."""
    path = Path(path)
    if not path.is_file():
        raise DataError("fichier de fragilité introuvable", file=str(path))
    if mapping is not None:
        parsed = parse_fragility_mapping(read_json(Path(mapping), what="correspondance de fragilité"),
                                         source=str(mapping))
    table = read_table(path)
    aside: tuple[str, ...] = ()
    if mapping is None:
        parsed, aside = guessed_mapping(table)
    missing = [column for column in parsed.columns() if column not in table.columns]
    if missing:
        raise DataError("colonne(s) absente(s) du fichier : " + ", ".join(missing), file=str(path), row=1)
    problems: list[Problem] = list(table.corrections)
    values = _values(table, parsed, problems)
    if values.empty:
        raise DataError("aucune ligne utilisable (codes INSEE manquants ou inconnus)", file=str(path))
    current = to_current_communes(values)
    fragility = with_file_indicators(
        base or embedded_fragility(), current, loaded_from=str(path), name=parsed.name, year=parsed.year,
        labels=parsed.labels,
    )  # fmt: skip
    return FragilityRead(fragility, len(table.rows), len(values), tuple(problems), aside)
