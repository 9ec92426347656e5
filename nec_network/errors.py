"""Exception hierarchy of nec-network.

Every error a user can cause derives from :class:`NecNetworkError`; its message
is in French and is what the command line prints (without a traceback). A library
message describes the problem and never names a command-line option: errors that an
option solves carry what the command line needs to add it (their class, or fields such
as ``MappingError.missing`` and ``OverwriteRefusedError.problem``), and
``nec_network.cli.error_message`` words the option (``--force``, ``--cache``,
``--format``, ``--correspondance``).
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


class InputTooLargeError(DataError):
    """An input over a cap of :mod:`nec_network.tables.limits`. ``kind`` is ``"taille"``
    (bytes, inflated size) or ``"lignes"`` (rows, cells): the command line names the option
    that raises that cap.

    >>> str(InputTooLargeError("plus de 10 lignes, au-delà de la limite par tableau", file="a.csv", kind="lignes"))
    'a.csv : plus de 10 lignes, au-delà de la limite par tableau'
    """

    def __init__(self, message: str, *, file: str, kind: str) -> None:
        self.kind = kind
        super().__init__(message, file=file)


class UnknownFormatError(DataError):
    """An input file whose format cannot be recognised from its columns (the command line
    adds the options that name it: ``--format``, ``--correspondance``)."""


class MappingError(NecNetworkError):
    """A column mapping given with a format it does not apply to, or ``missing`` where needed
    (the command line adds the option: ``--correspondance``)."""

    def __init__(self, message: str, *, missing: bool = False) -> None:
        self.missing = missing
        super().__init__(message)


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


class UnusableCacheError(GeocodingError):
    """A geocoding cache file that cannot be opened or has another layout.

    ``problem`` names the file and what is wrong, without final punctuation, so that the
    command line can add the option that gives another file (``--cache``).

    >>> str(UnusableCacheError("Cache de géocodage inutilisable « c.sqlite » (disque plein)"))
    'Cache de géocodage inutilisable « c.sqlite » (disque plein).'
    """

    def __init__(self, problem: str) -> None:
        self.problem = problem
        super().__init__(f"{problem}.")


class OutputError(NecNetworkError):
    """An output that cannot or may not be written (exists, is a folder, cannot be created)."""


class OverwriteRefusedError(OutputError):
    """An existing output that nec-network did not write (or that was changed since): it is
    replaced only on request (``force=True``; the command line names its option, ``--force``).

    ``problem`` says what is in the way (no final punctuation); ``replacing`` what forcing
    replaces (``le remplacer``, ``remplacer ses fichiers``); ``before`` and ``after`` are the
    other ways out, if any, named before and after forcing.

    >>> str(OverwriteRefusedError("« a.csv » existe déjà"))
    '« a.csv » existe déjà.'
    >>> str(OverwriteRefusedError("« sortie » est un lien symbolique", after="donnez un vrai dossier"))
    '« sortie » est un lien symbolique : donnez un vrai dossier.'
    """

    def __init__(self, problem: str, *, replacing: str = "le remplacer", before: str = "", after: str = "") -> None:
        self.problem = problem
        self.replacing = replacing
        self.before = before
        self.after = after
        ways = " ou ".join(way for way in (before, after) if way)
        super().__init__(f"{problem} : {ways}." if ways else f"{problem}.")
