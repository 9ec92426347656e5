"""Exception hierarchy of nec-network.

Every error a user can cause derives from :class:`NecNetworkError`; its message
is in French and is what the command line prints (without a traceback).
"""

from __future__ import annotations


class NecNetworkError(Exception):
    """Base class of the errors a user can cause; ``str(error)`` is a French message."""


class DataError(NecNetworkError):
    """A problem located in an input file: carries file, row and column.

    >>> str(DataError("valeur inconnue", file="acteurs.csv", row=3, column="services"))
    'acteurs.csv, ligne 3, colonne « services » : valeur inconnue'
    """

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        row: int | None = None,
        column: str | None = None,
    ) -> None:
        self.reason = message
        self.file = file
        self.row = row
        self.column = column
        super().__init__(self._format())

    def _format(self) -> str:
        where = []
        if self.file:
            where.append(str(self.file))
        if self.row is not None:
            where.append(f"ligne {self.row}")
        if self.column:
            where.append(f"colonne « {self.column} »")
        return f"{', '.join(where)} : {self.reason}" if where else self.reason


class UnknownCommuneError(NecNetworkError):
    """A commune name or code that the embedded territory does not know."""

    def __init__(self, query: str, suggestions: list[str] | tuple[str, ...] = ()) -> None:
        self.query = query
        self.suggestions = tuple(suggestions)
        message = f"Commune inconnue : « {query} »."
        if self.suggestions:
            message += " Vouliez-vous dire : " + ", ".join(self.suggestions) + " ?"
        super().__init__(message)


class UnknownTerritoryError(NecNetworkError):
    """A département, EPCI or région code that does not exist."""


class ValidationError(NecNetworkError):
    """Raised in strict mode when a validation report contains errors."""


class GeocodingError(NecNetworkError):
    """An online geocoder failed in a way that cannot fall back to the commune."""


class OutputError(NecNetworkError):
    """An output that cannot or may not be written (exists, is a folder, cannot be created)."""
