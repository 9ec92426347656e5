"""What a reader says about its input: rows read, imported, corrected and rejected, and why.

Nothing is dropped silently: every input row ends up imported or rejected
(``imported + rejected == rows_read``), and every change made to a value is
recorded as a correction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from nec_network.wording import plural
from nec_network.errors import ValidationError
from nec_network.tables.notes import Level, Problem  # noqa: F401 - Level: re-exported for the readers

REJECTS_COLUMNS = ("fichier", "ligne", "colonne", "valeur", "motif")
#: Columns of ``avertissements.csv``: one line per actor and problem to review.
REVIEW_COLUMNS = ("id", "champ", "valeur", "motif", "valeur_proposee", "niveau", "fichier", "ligne")

#: Categories of findings listed for review, with their French name in summaries.
REVIEW_CATEGORIES: dict[str, tuple[str, str]] = {
    "commune_corrigee": ("commune corrigée", "communes corrigées"),
    "commune_deduite": ("commune déduite des coordonnées", "communes déduites des coordonnées"),
    "commune_introuvable": ("lieu sans commune", "lieux sans commune"),
    "coherence": ("incohérence de lieu", "incohérences de lieu"),
    "code_repare": ("code mal formé réparé ou écarté", "codes mal formés réparés ou écartés"),
    "point_commune": ("lieu sans coordonnées placé au point de sa commune",
                      "lieux sans coordonnées placés au point de leur commune"),
    "typologie_deduite": ("typologie déduite du nom", "typologies déduites du nom"),
    "a_verifier": ("fiche à vérifier (mise à jour ancienne)", "fiches à vérifier (mise à jour ancienne)"),
}


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
    #: Id of the actor read at each (file, row), to name it in ``avertissements.csv``.
    actor_ids: dict[tuple[str, int | None], str] = field(default_factory=dict)
    #: Completeness score (0 to 1) of each imported actor, by id (see :mod:`nec_network.io.trust`).
    completeness: dict[str, float] = field(default_factory=dict)
    #: Actors not updated for more than a year, with their ``date_maj`` (« à vérifier »).
    stale: dict[str, dt.date] = field(default_factory=dict)

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
        self.actor_ids.update(other.actor_ids)
        self.completeness.update(other.completeness)
        self.stale.update(other.stale)

    def about(self, keep: Callable[[str], bool]) -> Report:
        """The report of the actors ``keep`` accepts (by id): their findings, completeness and
        stale records; findings tied to no actor (partnership rows, rejected rows) stay. The
        counts of rows read, imported and rejected stay those of the whole input.

        >>> r = Report(rows_read=2, actor_ids={("a.csv", 2): "a", ("a.csv", 3): "b"})
        >>> r.add(Problem("avertissement", "x", "a.csv", 2)); r.add(Problem("avertissement", "y", "a.csv", 3))
        >>> [p.message for p in r.about(lambda actor: actor == "b").problems]
        ['y']
        """
        def kept(problem: Problem) -> bool:
            actor = self.actor_ids.get((problem.file, problem.row))
            return actor is None or keep(actor)

        rejected = {id(problem) for problem in self.rejections}
        return replace(
            self,
            problems=[p for p in self.problems if id(p) in rejected or kept(p)],
            rejections=list(self.rejections),
            actor_ids={where: actor for where, actor in self.actor_ids.items() if keep(actor)},
            completeness={actor: score for actor, score in self.completeness.items() if keep(actor)},
            stale={actor: date for actor, date in self.stale.items() if keep(actor)},
        )

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

    @property
    def to_review(self) -> list[Problem]:
        """Findings of imported rows a coordinator should look at: warnings, errors that did
        not reject the row, and corrections or deductions with a review category."""
        rejected = {id(problem) for problem in self.rejections}
        return [
            p for p in self.problems
            if id(p) not in rejected and (p.category or p.level in ("erreur", "avertissement"))
        ]

    def review_counts(self) -> dict[str, int]:
        """How many findings of each review category, in :data:`REVIEW_CATEGORIES` order."""
        counts = {category: 0 for category in REVIEW_CATEGORIES}
        for problem in self.problems:
            if problem.category in counts:
                counts[problem.category] += 1
        counts["a_verifier"] += len(self.stale)
        return {category: count for category, count in counts.items() if count}

    def review_summary(self) -> str:
        """One French line with the review counts (empty when there is nothing to review)."""
        parts = [
            plural(count, *REVIEW_CATEGORIES[category]) for category, count in self.review_counts().items()
        ]
        return ("À vérifier : " + ", ".join(parts) + ".") if parts else ""

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

    def write_review(self, path: str | Path) -> Path:
        """Write ``avertissements.csv``: one line per actor and finding to review (:attr:`to_review`).

        Columns :data:`REVIEW_COLUMNS`: the actor's id, the field, the value read, the
        reason, the value proposed, the level, and the file and row it came from.
        """
        rows = []
        for p in sorted(self.to_review, key=lambda p: (p.file, p.row or 0)):
            message = p.message
            actor = self.actor_ids.get((p.file, p.row), "")
            if actor and message.startswith(f"{actor} : "):
                message = message[len(actor) + 3:]
            rows.append([actor, p.column, p.value, message, p.suggestion, p.level, p.file,
                         "" if p.row is None else p.row])
        locations = {actor_id: location for location, actor_id in self.actor_ids.items()}
        for actor, date in self.stale.items():
            file, row = locations.get(actor, ("", None))
            rows.append([actor, "date_maj", date.isoformat(),
                         f"fiche à vérifier : mise à jour le {date:%d/%m/%Y}, il y a plus d'un an", "",
                         "à vérifier", file, "" if row is None else row])
        from nec_network.io.csv_output import write_csv

        path = Path(path)
        write_csv(path, rows, columns=REVIEW_COLUMNS)
        return path

    def write_rejections(self, path: str | Path) -> None:
        """Write ``rejets.csv``: one line per rejected row with file, row, column, value and reason."""
        from nec_network.io.csv_output import write_csv

        rows = ([p.file, "" if p.row is None else p.row, p.column, p.value, p.message] for p in self.rejections)
        write_csv(path, rows, columns=REJECTS_COLUMNS)
