"""French wording: numbers, shares, counts and lists as a French reader writes them.

The one public place for French formatting, used by the CLI, the views and the
few analysis results that are sentences.

Text for the terminal uses plain spaces between thousands; HTML uses no-break
spaces (:data:`NBSP`) so that ``1 918 654`` never breaks across lines.
"""

from __future__ import annotations

from collections.abc import Iterable

from nec_network.text import normalize_name, strip_accents

NBSP = "\u00a0"


def number(value: float, decimals: int = 0, *, separator: str = " ") -> str:
    """``1918654`` → ``1 918 654``; ``83.54, 1`` → ``83,5``.

    >>> number(1918654), number(83.54, 1), number(2300, separator=NBSP)
    ('1 918 654', '83,5', '2\\xa0300')
    """
    text = f"{float(value):,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", separator)


def percent(share: float, decimals: int = 1, *, separator: str = " ") -> str:
    """A share (0–1) as a French percentage: ``0.96428`` → ``96,4 %``.

    >>> percent(0.96428), percent(0.5, 0, separator=NBSP)
    ('96,4 %', '50\\xa0%')
    """
    return f"{number(100 * float(share), decimals, separator=separator)}{separator}%"


def plural(count: int, singular: str, plural_form: str | None = None, *, separator: str = " ") -> str:
    """``1 commune``, ``2 300 acteurs``, ``3 zones blanches``.

    >>> plural(1, "commune"), plural(2300, "acteur"), plural(3, "lieu", "lieux")
    ('1 commune', '2 300 acteurs', '3 lieux')
    """
    # French: 0 and 1 take the singular.
    word = singular if abs(count) < 2 else (plural_form or singular + "s")
    return f"{number(count, separator=separator)} {word}"


def oui_non(values):
    """Booleans as ``oui``/``non`` and missing values as empty text, for a pandas Series.

    >>> import pandas as pd
    >>> oui_non(pd.Series([True, False, None])).tolist()
    ['oui', 'non', '']
    """
    return values.map({True: "oui", False: "non"}).fillna("")


def listed(names: Iterable[str], *, limit: int, sort: bool = False) -> str:
    """Names joined the French way, the tail counted beyond ``limit``.

    ``sort`` orders them alphabetically (accents and case ignored) first.

    >>> listed(["Mairie", "CCAS", "École"], limit=5, sort=True)
    'CCAS, École et Mairie'
    >>> listed(["A", "B", "C"], limit=2)
    'A, B et 1 autre'
    """
    ordered = list(names)
    if sort:
        ordered.sort(key=lambda name: (normalize_name(name), name))
    if len(ordered) <= 1:
        return "".join(ordered)
    if len(ordered) > limit:
        rest = len(ordered) - limit
        return f"{', '.join(ordered[:limit])} et {plural(rest, 'autre')}"
    return f"{', '.join(ordered[:-1])} et {ordered[-1]}"


def french_of(name: str) -> str:
    """``de`` + ``name`` with French contraction and elision (``du``, ``des``, ``d'``).

    >>> french_of("La Poste"), french_of("Écrivain public")
    ('de La Poste', "d'Écrivain public")
    """
    if name.startswith("Le "):
        return "du " + name[3:]
    if name.startswith("Les "):
        return "des " + name[4:]
    if _starts_with_vowel(name):
        return "d'" + name
    return "de " + name


def _starts_with_vowel(text: str) -> bool:
    # "h" is left out: French cannot tell a mute h from an aspirated one by spelling.
    return strip_accents(text[:1]).lower() in tuple("aeiouy")


#: How a mobility mode is said after a duration (``20 minutes en voiture``).
MODE_PHRASES: dict[str, str] = {
    "voiture": "en voiture",
    "transport": "en transports",
    "velo": "à vélo",
    "pied": "à pied",
}


def threshold_phrase(*, max_km: float | None, max_minutes: float | None, mode: str) -> str:
    """A coverage threshold in French.

    >>> threshold_phrase(max_km=10, max_minutes=None, mode="voiture")
    'à 10 km ou moins à vol d’oiseau'
    >>> threshold_phrase(max_km=None, max_minutes=20, mode="pied")
    'à 20 minutes ou moins à pied'
    """
    if max_km is not None:
        return f"à {max_km:g} km ou moins à vol d’oiseau"
    return f"à {max_minutes:g} minutes ou moins {MODE_PHRASES.get(mode, mode)}"


def criteria_phrase(
    *, service: str | None, dispositif: str | None, typologie: str | None, public: str | None
) -> str:
    """What an actor must offer to count, in French (``tout acteur`` when nothing is asked).

    >>> criteria_phrase(service=None, dispositif="France Services", typologie=None, public=None)
    'dispositif « France Services »'
    """
    parts = [
        f"{label} « {value} »"
        for label, value in (
            ("service", service),
            ("dispositif", dispositif),
            ("typologie", typologie),
            ("public", public),
        )
        if value
    ]
    return ", ".join(parts) if parts else "tout acteur"
