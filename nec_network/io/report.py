"""What a reader says about its input: rows read, imported, corrected and rejected, and why.

Nothing is dropped silently: every input row ends up imported or rejected
(``imported + rejected == rows_read``), and every change made to a value is
recorded as a correction.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from nec_network.wording import plural
from nec_network.errors import DataError, ValidationError

Level = Literal["erreur", "avertissement", "correction"]

REJECTS_COLUMNS = ("fichier", "ligne", "colonne", "valeur", "motif")


@dataclass(frozen=True)
class Problem:
    """One finding about one cell (or row, when ``column`` is empty).

    ``row`` is the 1-based line number in the file as a person sees it in a
    spreadsheet (the header is line 1), or the 1-based record index in JSON.
    """

    level: Level
    message: str
    file: str = ""
    row: int | None = None
    column: str = ""
    value: str = ""
    suggestion: str = ""

    def __str__(self) -> str:
        text = str(DataError(self.message, file=self.file or None, row=self.row, column=self.column or None))
        if self.suggestion:
            text += f" (valeur proposée : « {self.suggestion} »)"
        return f"[{self.level}] {text}"


@dataclass
class Report:
    """Findings of one import or validation run.

    >>> r = Report(rows_read=2)
    >>> r.accept(); r.reject(Problem("erreur", "nom manquant", "a.csv", 3, "nom"))
    >>> r.imported, r.rejected, r.is_complete()
    (1, 1, True)
    """

    rows_read: int = 0
    imported: int = 0
    rejected: int = 0
    corrected: int = 0
    problems: list[Problem] = field(default_factory=list)
    rejections: list[Problem] = field(default_factory=list)

    def accept(self, *, corrected: bool = False) -> None:
        """Count one row as imported (and as corrected when a value was changed)."""
        self.imported += 1
        self.corrected += int(corrected)

    def reject(self, reason: Problem) -> None:
        """Count one row as rejected, with the problem that caused it."""
        self.rejected += 1
        self.rejections.append(reason)
        self.problems.append(reason)

    def add(self, problem: Problem) -> None:
        """Record a finding that does not reject its row."""
        self.problems.append(problem)

    def extend(self, other: Report) -> None:
        """Add the counts and findings of another report (e.g. a second file)."""
        self.rows_read += other.rows_read
        self.imported += other.imported
        self.rejected += other.rejected
        self.corrected += other.corrected
        self.problems.extend(other.problems)
        self.rejections.extend(other.rejections)

    @property
    def errors(self) -> list[Problem]:
        """Findings of level ``erreur``."""
        return [p for p in self.problems if p.level == "erreur"]

    @property
    def warnings(self) -> list[Problem]:
        """Findings of level ``avertissement``."""
        return [p for p in self.problems if p.level == "avertissement"]

    @property
    def corrections(self) -> list[Problem]:
        """Findings of level ``correction``."""
        return [p for p in self.problems if p.level == "correction"]

    def is_complete(self) -> bool:
        """True when every row read is accounted for."""
        return self.imported + self.rejected == self.rows_read

    def summary(self) -> str:
        """One French line with the counts."""
        return (
            f"{plural(self.rows_read, 'ligne lue', 'lignes lues')} : "
            f"{plural(self.imported, 'importée', 'importées')} "
            f"(dont {plural(self.corrected, 'corrigée', 'corrigées')}), "
            f"{plural(self.rejected, 'rejetée', 'rejetées')}, "
            f"{plural(len(self.errors), 'erreur')}, {plural(len(self.warnings), 'avertissement')}."
        )

    def raise_if_errors(self) -> None:
        """Strict mode: raise :class:`ValidationError` listing the errors, if any."""
        if self.errors:
            lines = "\n".join(f"  - {p}" for p in self.errors[:50])
            more = f"\n  … et {len(self.errors) - 50} autres" if len(self.errors) > 50 else ""
            raise ValidationError(f"{len(self.errors)} erreur(s) :\n{lines}{more}")

    def write_rejections(self, path: str | Path) -> None:
        """Write ``rejets.csv``: one line per rejected row with file, row, column, value and reason."""
        with Path(path).open("w", encoding="utf-8", newline="") as stream:
            writer = csv.writer(stream)
            writer.writerow(REJECTS_COLUMNS)
            for p in self.rejections:
                writer.writerow([p.file, "" if p.row is None else p.row, p.column, p.value, p.message])
