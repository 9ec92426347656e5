"""French administrative codes, checked one way everywhere: INSEE commune, postal, SIRET, SIREN.

Only the shape is checked here (whether the commune exists is the territory's business).

>>> [is_insee_code(code) for code in ("80021", "2A004", "97411", "97801", "20004", "00123", "8002")]
[True, True, True, True, False, False, False]
>>> is_postal_code("02100"), is_postal_code("2100"), is_siret("434 933 123 00029"), is_siren("200070993")
(True, False, False, True)
>>> siret_digits("434 933 123 00029")
'43493312300029'
"""

from __future__ import annotations

import re

#: An INSEE commune code: département (01–19, 21–95, 2A/2B for Corsica since 1976, 971–978 and
#: 984–988 overseas) followed by the commune's number within it.
INSEE_CODE = re.compile(r"(?:0[1-9]|1\d|[3-8]\d|9[0-5])\d{3}|2[1-9]\d{3}|2[AB]\d{3}|97[1-8]\d{2}|98[4-8]\d{2}")
#: A postal code: five digits (leading zero included).
POSTAL_CODE = re.compile(r"\d{5}")
#: A SIRET (establishment): fourteen digits.
SIRET = re.compile(r"\d{14}")
#: A SIREN (legal unit, EPCI): nine digits.
SIREN = re.compile(r"\d{9}")


def is_insee_code(text: str) -> bool:
    """True for the shape of an INSEE commune code (``2A``/``2B`` upper case)."""
    return INSEE_CODE.fullmatch(text) is not None


def departement_of(code_insee: str) -> str:
    """The département code of an INSEE commune code: three characters overseas (``97x``), two
    elsewhere (``2A`` for Corse-du-Sud); ``""`` for an empty code.

    >>> departement_of("80021"), departement_of("97411"), departement_of("2A004"), departement_of("")
    ('80', '974', '2A', '')
    """
    return code_insee[:3] if code_insee.startswith("97") else code_insee[:2]


def is_postal_code(text: str) -> bool:
    """True for five digits."""
    return POSTAL_CODE.fullmatch(text) is not None


def is_siret(text: str) -> bool:
    """True for fourteen digits (spaces are not allowed here: see :func:`siret_digits`)."""
    return SIRET.fullmatch(text) is not None


def is_siren(text: str) -> bool:
    """True for nine digits."""
    return SIREN.fullmatch(text) is not None


def siret_digits(text: str) -> str:
    """A SIRET or SIREN as typed (``434 933 123 00029``), without its spaces."""
    return re.sub(r"\s", "", text)
