"""Persistent SQLite cache of geocoder answers, keyed by provider and normalised address.

Answers are stored as they came (the candidates), not as accepted positions:
the check against the expected commune runs again on every use, so a cached
answer is judged exactly like a fresh one. Empty answers ("misses") are stored
too, with their date, so an address the service does not know is not asked
again on every run — only once it is older than the caller's retry delay.
Service failures (timeouts, HTTP errors) are never stored.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Self

from nec_network.text import normalize_name
from nec_network.errors import UnusableCacheError
from nec_network.geocoding.providers import Candidate

#: Environment variable naming the folder of the default cache file.
CACHE_DIR_VARIABLE = "NEC_NETWORK_CACHE_DIR"
CACHE_FILE_NAME = "geocodage.sqlite"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS reponses (
    fournisseur TEXT NOT NULL,
    adresse TEXT NOT NULL,
    requete TEXT NOT NULL,
    candidats TEXT NOT NULL,
    date TEXT NOT NULL,
    PRIMARY KEY (fournisseur, adresse)
)
"""
_COLUMNS = ("fournisseur", "adresse", "requete", "candidats", "date")


def default_cache_path() -> Path:
    """``$NEC_NETWORK_CACHE_DIR/geocodage.sqlite``, else the user cache folder.

    The user cache folder is ``$XDG_CACHE_HOME/nec-network`` or
    ``~/.cache/nec-network``.
    """
    folder = os.environ.get(CACHE_DIR_VARIABLE)
    if folder:
        return Path(folder) / CACHE_FILE_NAME
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "nec-network" / CACHE_FILE_NAME


def address_key(query: str) -> str:
    """Cache key of an address: case, accents, punctuation and ``Saint``/``St`` folded.

    >>> address_key("12, Rue Saint-Léger 80000 AMIENS") == address_key("12 rue st leger, 80000 Amiens")
    True
    """
    return normalize_name(query)


@dataclass(frozen=True)
class CachedAnswer:
    """A stored answer: its candidates (empty for a miss) and the date it was obtained."""

    candidates: tuple[Candidate, ...]
    date: dt.date

    @property
    def is_miss(self) -> bool:
        """True when the service found nothing for this address."""
        return not self.candidates


class GeocodingCache:
    """SQLite file of geocoder answers; use as a context manager to close it.

    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "cache.sqlite"
    >>> with GeocodingCache(path) as cache:
    ...     cache.put("ban", "1 place X 80000 Amiens", (), date=dt.date(2024, 5, 1))
    ...     cache.get("ban", "1 PLACE X, 80000 AMIENS")
    CachedAnswer(candidates=(), date=datetime.date(2024, 5, 1))
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        #: Addresses whose stored answer was unreadable (ignored: asked again, or not placed offline).
        self.damaged: list[str] = []
        self._refuse_special()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._connection = sqlite3.connect(self.path)
            self._connection.execute(_SCHEMA)
            self._connection.commit()
            columns = tuple(row[1] for row in self._connection.execute("PRAGMA table_info(reponses)"))
        except (OSError, sqlite3.Error) as error:
            raise self._unusable(error) from error
        if not set(_COLUMNS) <= set(columns):
            self._connection.close()
            raise UnusableCacheError(
                f"Cache de géocodage inutilisable « {self.path} » : ce fichier SQLite n'a pas la table "
                f"« reponses » attendue (colonnes {', '.join(_COLUMNS)})"
            )

    def _refuse_special(self) -> None:
        """A link (the cache would be written wherever it points) or a special file is refused."""
        try:
            mode = os.lstat(self.path).st_mode
        except OSError:
            return
        if stat.S_ISLNK(mode):
            raise UnusableCacheError(f"Cache de géocodage « {self.path} » refusé : c'est un lien symbolique")
        if not stat.S_ISREG(mode):
            raise UnusableCacheError(f"Cache de géocodage « {self.path} » refusé : ce n'est pas un fichier ordinaire")

    def _unusable(self, error: Exception) -> UnusableCacheError:
        return UnusableCacheError(f"Cache de géocodage inutilisable « {self.path} » ({error})")

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the database connection."""
        self._connection.close()

    def __len__(self) -> int:
        return self._connection.execute("SELECT COUNT(*) FROM reponses").fetchone()[0]

    def get(self, provider: str, query: str) -> CachedAnswer | None:
        """The stored answer of ``provider`` for ``query`` (normalised), or None."""
        try:
            row = self._connection.execute(
                "SELECT candidats, date FROM reponses WHERE fournisseur = ? AND adresse = ?",
                (provider, address_key(query)),
            ).fetchone()
        except sqlite3.Error as error:
            raise self._unusable(error) from error
        if row is None:
            return None
        try:
            items = json.loads(row[0])
            if not isinstance(items, list):
                raise TypeError("une liste de réponses est attendue")
            candidates = tuple(Candidate.from_dict(item) for item in items)
            return CachedAnswer(candidates, dt.date.fromisoformat(row[1]))
        except (TypeError, ValueError, KeyError, AttributeError, RecursionError):
            # A damaged entry (text or list coordinates, NaN, a latitude of 95…) is as good as
            # none: the address is asked again and the entry replaced; the run says how many.
            self.damaged.append(query)
            return None

    def put(
        self,
        provider: str,
        query: str,
        candidates: tuple[Candidate, ...],
        *,
        date: dt.date | None = None,
    ) -> None:
        """Store (or replace) the answer of ``provider`` for ``query``, dated today by default."""
        try:
            self._connection.execute(
                "INSERT OR REPLACE INTO reponses (fournisseur, adresse, requete, candidats, date) "
                "VALUES (?, ?, ?, ?, ?)",
                (
                    provider,
                    address_key(query),
                    query,
                    json.dumps([c.to_dict() for c in candidates], ensure_ascii=False),
                    (date or dt.date.today()).isoformat(),
                ),
            )
            self._connection.commit()
        except sqlite3.Error as error:
            raise self._unusable(error) from error
