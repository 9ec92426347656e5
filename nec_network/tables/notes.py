"""What reading found about one cell: :class:`Problem`, located by file, row and column.

It lives at the bottom of the package because the table reader records its corrections
(repaired text, removed NUL characters, refused oversized cells) with it, and every reader
above, down to the territory's, reports with the same record; ``nec_network.io.report``
builds its import reports on it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from nec_network.errors import DataError

Level = Literal["erreur", "avertissement", "correction"]


@dataclass(frozen=True)
class Problem:
    """One finding about one cell (or row, when ``column`` is empty).

    ``row`` is the 1-based line number in the file as a person sees it in a
    spreadsheet (the header is line 1), or the 1-based record index in JSON.

    >>> print(Problem("correction", "texte réparé", "a.csv", 3, "nom", "LÃ©on", "Léon"))
    [correction] a.csv, ligne 3, colonne « nom » : texte réparé (valeur proposée : « Léon »)
    """

    level: Level
    message: str
    file: str = ""
    row: int | None = None
    column: str = ""
    value: str = ""
    suggestion: str = ""
    #: A key of ``nec_network.io.report.REVIEW_CATEGORIES`` for findings a coordinator should
    #: review (commune corrected or deduced, typology deduced, incoherent place…).
    category: str = ""

    def __str__(self) -> str:
        text = str(DataError(self.message, file=self.file or None, row=self.row, column=self.column or None))
        if self.suggestion:
            text += f" (valeur proposée : « {self.suggestion} »)"
        return f"[{self.level}] {text}"
