"""What a reader says about its input: rows read, imported, corrected and rejected, and why.

Nothing is dropped silently: every input row ends up imported or rejected
(``imported + rejected == rows_read``), and every change made to a value is
recorded as a correction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from nec_network.wording import plural
from nec_network.errors import ValidationError
from nec_network.tables.notes import Level, Problem  # noqa: F401 - Level: re-exported for the readers

REJECTS_COLUMNS = ("fichier", "ligne", "colonne", "valeur", "motif")


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
        from nec_network.io.csv_output import write_csv

        rows = ([p.file, "" if p.row is None else p.row, p.column, p.value, p.message] for p in self.rejections)
        write_csv(path, rows, columns=REJECTS_COLUMNS)
