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
