"""Name normalisation: the comparison key shared by every lookup (communes, vocabularies, addresses)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_LIGATURES = str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss"})
_SEPARATORS = re.compile(r"[\s\-'’‘`_/.,()]+")
_SAINT = re.compile(r"\b(st|ste|saint|sainte)\b")


def strip_accents(text: str) -> str:
    """Remove diacritics and expand ligatures.

    >>> strip_accents("Œuvre Évêché")
    'oeuvre Eveche'
    """
    decomposed = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=1 << 16)
def normalize_name(text: str) -> str:
    """Key for case-, accent-, hyphen- and apostrophe-insensitive comparison.

    ``Saint``/``St``/``Sainte``/``Ste`` are folded to ``st`` so that GeoNames'
    abbreviations match the official names. Results are cached: the same names and
    vocabulary values come back on every row of a national file.

    >>> normalize_name("Saint-Quentin")
    'st quentin'
    >>> normalize_name("L'Haÿ-les-Roses") == normalize_name("l hay les roses")
    True
    """
    folded = strip_accents(text).lower()
    folded = _SEPARATORS.sub(" ", folded).strip()
    return _SAINT.sub("st", folded)


def typo_budget(length: int) -> int:
    """Typing errors forgiven in a query key of ``length`` characters: none below 4, then 1, 2 from 8."""
    return 0 if length < 4 else (1 if length < 8 else 2)


def _prefix_edits(a: str, b: str) -> list[int]:
    """Optimal string alignment distance (insertions, deletions, substitutions, swaps of
    neighbours) between ``b`` and each start of ``a``: item ``i`` is the distance of ``a[:i]``
    (row ``i`` of the alignment table depends only on ``a[:i]``)."""
    before: list[int] = []
    previous = list(range(len(b) + 1))
    distances = [previous[len(b)]]
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], before[j - 2] + 1)
        before, previous = previous, current
        distances.append(previous[len(b)])
    return distances


def typo_distance(name_key: str, query_key: str) -> int | None:
    """Fewest edits between a query key and a start of a name key, within ``typo_budget``; else None.

    Both are :func:`normalize_name` keys. The reference of ``necTexte.typo`` in
    ``views/static/texte.js`` (the pages search offline; tests compare the two in Node).

    >>> typo_distance(normalize_name("Grandvilliers"), normalize_name("Grandviliers"))
    1
    >>> typo_distance(normalize_name("Amiens"), normalize_name("Laon")) is None
    True
    """
    budget = typo_budget(len(query_key))
    longest = min(len(name_key), len(query_key) + budget)
    distances = _prefix_edits(name_key[:longest], query_key)  # one table for every start
    shortest = max(1, len(query_key) - budget)
    return min((edits for edits in distances[shortest:] if edits <= budget), default=None)
