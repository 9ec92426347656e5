"""Find the commune of a place from whatever its source gives: code, postal code, name, point.

:func:`match_commune` tries, in order: a valid INSEE code (repaired when a valid code is
buried in noise, ``48148|0null``); the postal code and the name (case, accents, hyphens,
``Saint``/``St`` and a leading article ``Le``/``La``/``Les``/``L'`` ignored); the closest
name within the postal code or the département; a commune name written inside the text
(``Antenne de Moyenmoutier``); and last the coordinates (the commune whose reference point
is nearest, within the département of the postal code when there is one). The result says
how the commune was found, so that a reader can report a correction or a deduction.

Where communes have a shape (:mod:`nec_network.territory.shapes`), coordinates inside a
commune win over a guess (closest name, name in the text, lone commune of the postal code):
the commune is the one holding the point, and the guess is kept as ``other``. A commune the
source names for sure (INSEE code, postal code and name, exact name) is kept, with the
commune holding the point as ``other`` when they differ: both are to be checked.
"""

from __future__ import annotations

import dataclasses
import difflib
import enum
import functools
import re
from collections import defaultdict
from collections.abc import Iterable
from typing import NamedTuple

import numpy as np

from nec_network.distance import great_circle_km
from nec_network.errors import NecNetworkError
from nec_network.territory.communes import Commune, _communes_by_code, communes_by_postal_code
from nec_network.text import normalize_name

#: How a commune was found, from the most to the least certain.
HOW = {
    "code_insee": "code INSEE",
    "code_insee_repare": "code INSEE réparé",
    "code_postal_nom": "code postal et nom",
    "nom": "nom dans le département",
    "code_postal": "seule commune du code postal",
    "nom_approche": "nom le plus proche",
    "nom_dans_texte": "nom de commune lu dans le texte",
    "coordonnees": "point de référence le plus proche des coordonnées",
    "coordonnees_dans_commune": "coordonnées dans le territoire de la commune",
}
#: Ways that changed or guessed what the source said: to be reviewed.
CORRECTED = ("code_insee_repare", "nom_approche", "nom_dans_texte", "code_postal")
#: Ways that guessed from the text: coordinates inside a commune's shape win over them.
GUESSED = ("nom_approche", "nom_dans_texte", "code_postal")

_ARTICLE = re.compile(r"^(le|la|les|l)\s+")
_CEDEX = re.compile(r"\s+cedex(\s+\d+)?$")
_INSEE_TOKEN = re.compile(r"(?<![0-9A-Z])(\d{5}|2[AB]\d{3})(?![0-9])")
_POSTAL_TOKEN = re.compile(r"(?<!\d)(\d{5})(?!\d)")
_MIN_TEXT_KEY = 4
_POSTAL_CUTOFF = 0.75
_DEPARTEMENT_CUTOFF = 0.85


@dataclasses.dataclass(frozen=True)
class CommuneMatch:
    """A commune found for a place, how (a key of :data:`HOW`), and what was given.

    ``given`` is the value that was read (name or code) when the commune differs from it;
    ``distance_km`` the distance from the coordinates to the reference point, for
    ``how == "coordonnees"``; ``other`` the second candidate when the coordinates and the
    text disagree: the text's guess the point overrode (``how == "coordonnees_dans_commune"``),
    or the commune holding the point when the source named another one for sure.
    """

    commune: Commune
    how: str
    given: str = ""
    distance_km: float | None = None
    other: Commune | None = None

    @property
    def corrected(self) -> bool:
        """True when the source's value was repaired or guessed (to review)."""
        return self.how in CORRECTED


@functools.lru_cache(maxsize=1 << 14)
def commune_key(name: str) -> str:
    """Matching key of a commune name: :func:`normalize_name` without a leading article or ``Cedex``.

    >>> commune_key("Le Nouvion-en-Thiérache") == commune_key("NOUVION EN THIERACHE")
    True
    >>> commune_key("L'Isle-Adam"), commune_key("AMIENS CEDEX 1")
    ('isle adam', 'amiens')
    """
    key = _CEDEX.sub("", normalize_name(name))
    return _ARTICLE.sub("", key)


@functools.lru_cache(maxsize=1)
def _keys() -> dict[str, str]:
    return {code: commune_key(commune.nom) for code, commune in _communes_by_code().items()}


@functools.lru_cache(maxsize=1)
def _codes_by_key() -> dict[str, tuple[str, ...]]:
    index: dict[str, list[str]] = defaultdict(list)
    for code, key in _keys().items():
        index[key].append(code)
    return {key: tuple(codes) for key, codes in index.items()}


@functools.lru_cache(maxsize=1)
def _codes_by_departement_key() -> dict[str, dict[str, tuple[str, ...]]]:
    index: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    communes = _communes_by_code()
    for code, key in _keys().items():
        index[communes[code].departement][key].append(code)
    return {dep: {key: tuple(codes) for key, codes in keys.items()} for dep, keys in index.items()}


@functools.lru_cache(maxsize=1)
def _points_by_departement() -> dict[str, tuple[tuple[str, ...], np.ndarray, np.ndarray]]:
    grouped: dict[str, list[Commune]] = defaultdict(list)
    for commune in _communes_by_code().values():
        grouped[commune.departement].append(commune)
    return {
        dep: (
            tuple(c.code_insee for c in communes),
            np.array([c.latitude for c in communes]),
            np.array([c.longitude for c in communes]),
        )
        for dep, communes in grouped.items()
    }


def departements_of_postal_code(code_postal: str) -> tuple[str, ...]:
    """Départements a postal code serves: those of its communes, else read from its digits.

    A CEDEX or unknown code still tells its département by its first digits (``97`` and
    a third digit overseas; ``20`` is Corsica, both départements).

    >>> departements_of_postal_code("80100"), departements_of_postal_code("51331")
    (('80',), ('51',))
    >>> departements_of_postal_code("97139"), departements_of_postal_code("20999")
    (('971',), ('2A', '2B'))
    """
    code = str(code_postal).strip()
    served = sorted({c.departement for c in communes_by_postal_code(code)})
    if served:
        return tuple(served)
    if not re.fullmatch(r"\d{5}", code):
        return ()
    known = _points_by_departement()
    if code.startswith("97"):
        return (code[:3],) if code[:3] in known else ()
    if code.startswith("20"):
        return ("2A", "2B")
    return (code[:2],) if code[:2] in known else ()


def _unique(codes: Iterable[str]) -> Commune | None:
    found = list(dict.fromkeys(codes))
    return _communes_by_code()[found[0]] if len(found) == 1 else None


def _closest(key: str, keys: dict[str, tuple[str, ...]], cutoff: float,
             letters: _Letters | None = None) -> Commune | None:
    """The commune whose key is closest to ``key`` (difflib ratio ≥ cutoff), if one stands out;
    ``letters``, the letters of ``keys`` when known, spares difflib the keys out of reach."""
    if not key:
        return None
    if letters is not None:
        near = _within_reach(key, letters, cutoff)
    else:  # the length bound get_close_matches tests first (real_quick_ratio), in one pass
        size = len(key)
        near = [other for other in keys if 2.0 * min(size, len(other)) / (size + len(other)) >= cutoff]
    close = difflib.get_close_matches(key, near, n=2, cutoff=cutoff)
    if not close:
        return None
    if len(close) == 2:
        best, second = (difflib.SequenceMatcher(None, key, other).ratio() for other in close)
        if best == second:
            return None
    return _unique(keys[close[0]])


class _Letters(NamedTuple):
    """The keys of a scope with their lengths and how many times each letter is in each."""

    keys: tuple[str, ...]
    sizes: np.ndarray
    counts: np.ndarray
    alphabet: dict[str, int]


@functools.lru_cache(maxsize=256)
def _scope_letters(departements: tuple[str, ...]) -> _Letters:
    """The :class:`_Letters` of :func:`_scope` ``(departements)``, made once per set."""
    keys = tuple(_scope(departements))
    alphabet = {letter: column for column, letter in enumerate(sorted({letter for key in keys for letter in key}))}
    counts = np.zeros((len(keys), len(alphabet)), dtype=np.int64)
    for row, key in enumerate(keys):
        for letter in key:
            counts[row, alphabet[letter]] += 1
    return _Letters(keys, np.array([len(key) for key in keys], dtype=np.int64), counts, alphabet)


def _within_reach(key: str, letters: _Letters, cutoff: float) -> list[str]:
    """The keys whose bounds of the ratio to ``key`` reach ``cutoff``: the two bounds
    ``get_close_matches`` tests before the ratio (``real_quick_ratio``: lengths,
    ``quick_ratio``: letters in common), the same formulas for all keys at once."""
    wanted = np.zeros(len(letters.alphabet), dtype=np.int64)
    for letter in key:
        if (column := letters.alphabet.get(letter)) is not None:
            wanted[column] += 1
    total = letters.sizes + len(key)
    common = np.minimum(letters.counts, wanted).sum(axis=1)
    reach = (2.0 * np.minimum(letters.sizes, len(key)) / total >= cutoff) & (2.0 * common / total >= cutoff)
    return [letters.keys[index] for index in np.flatnonzero(reach).tolist()]


def _named_in_text(text: str, keys: dict[str, tuple[str, ...]]) -> Commune | None:
    """The commune whose name is written in ``text`` (longest match in words), if one stands out."""
    words = normalize_name(text).split()
    found: dict[int, set[str]] = defaultdict(set)
    for start in range(len(words)):
        for end in range(start + 1, min(len(words), start + 8) + 1):
            key = _ARTICLE.sub("", " ".join(words[start:end]))
            if len(key) >= _MIN_TEXT_KEY and key in keys:
                found[end - start].update(keys[key])
    if not found:
        return None
    return _unique(found[max(found)])


@functools.lru_cache(maxsize=256)
def _scope(departements: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """The communes' keys in ``departements`` and their codes, made once per set (not to be changed)."""
    index = _codes_by_departement_key()
    merged: dict[str, list[str]] = defaultdict(list)
    for dep in departements:
        for key, codes in index.get(dep, {}).items():
            merged[key].extend(codes)
    return {key: tuple(codes) for key, codes in merged.items()}


def nearest_commune(
    latitude: float, longitude: float, *, departements: Iterable[str] | None = None
) -> tuple[Commune, float] | None:
    """The commune whose reference point is nearest, and the distance in km.

    ``departements`` limits the search (every embedded département when None or empty).

    >>> commune, km = nearest_commune(49.8942, 2.2957, departements=["80"])
    >>> commune.nom, km < 1
    ('Amiens', True)
    """
    points = _points_by_departement()
    wanted = [dep for dep in (departements or points) if dep in points]
    best: tuple[str, float] | None = None
    for dep in wanted:
        codes, latitudes, longitudes = points[dep]
        distances = great_circle_km(latitude, longitude, latitudes, longitudes)
        index = int(np.argmin(distances))
        if best is None or distances[index] < best[1]:
            best = (codes[index], float(distances[index]))
    if best is None:
        return None
    return _communes_by_code()[best[0]], best[1]


def commune_holding(latitude: float | None, longitude: float | None) -> Commune | None:
    """The commune whose shape holds the point (None without coordinates or shape there).

    >>> commune_holding(49.8942, 2.2957).nom
    'Amiens'
    """
    if latitude is None or longitude is None:
        return None
    return communes_holding([latitude], [longitude])[0]


def communes_holding(latitudes, longitudes) -> list[Commune | None]:
    """:func:`commune_holding` of many points at once (each commune's shape tested once).

    >>> [commune.nom for commune in communes_holding([49.8942, 49.847], [2.2957, 2.271])]
    ['Amiens', 'Dury']
    """
    from nec_network.territory.shapes import communes_at

    communes = _communes_by_code()
    return [communes.get(code) if code else None for code in communes_at(latitudes, longitudes)]


def communes_named(codes: Iterable[str]) -> list[Commune | None]:
    """The commune each INSEE code names exactly as written (None for an empty, unknown or
    unpadded code: :func:`match_commune` repairs those).

    >>> [commune and commune.nom for commune in communes_named(["80021", "", "8021"])]
    ['Amiens', None, None]
    """
    communes = _communes_by_code()
    return [communes.get(code) if code else None for code in codes]


class _Holding(enum.Enum):
    """Default of ``holding``: not given, so looked for (None means known to be no commune)."""

    FIND = "find"


def match_commune(
    code_insee: str = "",
    code_postal: str = "",
    nom: str = "",
    *,
    departement: str = "",
    latitude: float | None = None,
    longitude: float | None = None,
    holding: Commune | None | _Holding = _Holding.FIND,
) -> CommuneMatch | None:
    """The commune of a place, by the first rule that finds exactly one (see the module docstring).

    ``departement`` (a code) narrows the name search when the source gives it. Coordinates
    inside a commune's shape win over a guess from the text; elsewhere they are used only when
    nothing else names the commune. None when nothing does. ``holding`` is the commune whose
    shape holds the point when the caller already knows it (:func:`communes_holding` finds it
    for many places at once, None for none); by default it is looked for here.

    >>> found = match_commune(nom="Amien", latitude=49.847, longitude=2.271, departement="80")
    >>> found.commune.nom, found.how, found.other.nom
    ('Dury', 'coordonnees_dans_commune', 'Amiens')
    >>> found = match_commune("80021", latitude=49.847, longitude=2.271)
    >>> found.commune.nom, found.how, found.other.nom
    ('Amiens', 'code_insee', 'Dury')

    >>> match_commune("48148|0null").commune.nom
    'Saint-Étienne-Vallée-Française'
    >>> found = match_commune("", "84150", "JONQUIÈERES")
    >>> found.commune.nom, found.how
    ('Jonquières', 'nom_approche')
    >>> found = match_commune(nom="Fresnes-Léguillon", departement="60")
    >>> found.commune.nom, found.how
    ('Fresne-Léguillon', 'nom_approche')
    >>> match_commune("", "71500", "LOUHANS").commune.nom
    'Louhans-Châteaurenaud'
    >>> match_commune(latitude=49.90, longitude=2.30).commune.nom
    'Amiens'
    >>> match_commune(code_postal="80000").how
    'code_postal'
    """
    if holding is _Holding.FIND:
        holding = commune_holding(latitude, longitude)
    found, departements = _match_text(code_insee, code_postal, nom, departement)
    if found is not None:
        if holding is None or holding.code_insee == found.commune.code_insee:
            return found
        if found.how in GUESSED:
            return CommuneMatch(holding, "coordonnees_dans_commune", found.given or nom, other=found.commune)
        return dataclasses.replace(found, other=holding)
    if holding is not None:
        return CommuneMatch(holding, "coordonnees_dans_commune")
    if latitude is not None and longitude is not None:
        try:
            nearest = nearest_commune(latitude, longitude, departements=departements)
        except NecNetworkError:
            nearest = None
        if nearest:
            return CommuneMatch(nearest[0], "coordonnees", distance_km=nearest[1])
    return None


def _match_text(
    code_insee: str, code_postal: str, nom: str, departement: str
) -> tuple[CommuneMatch | None, list[str]]:
    """The commune the codes and name give, and the départements they point to."""
    communes = _communes_by_code()
    raw_insee = str(code_insee or "").strip().upper()
    if raw_insee:
        padded = raw_insee.zfill(5) if raw_insee.isdigit() and len(raw_insee) == 4 else raw_insee
        if padded in communes:
            return CommuneMatch(communes[padded], "code_insee"), []
        tokens = [t for t in _INSEE_TOKEN.findall(raw_insee) if t in communes]
        if len(set(tokens)) == 1:
            return CommuneMatch(communes[tokens[0]], "code_insee_repare", raw_insee), []
    postal_tokens = _POSTAL_TOKEN.findall(str(code_postal or ""))
    postal = postal_tokens[0] if len(set(postal_tokens)) == 1 else ""
    key = commune_key(nom) if nom else ""
    candidates = communes_by_postal_code(postal) if postal else []
    postal_keys: dict[str, tuple[str, ...]] = defaultdict(tuple)
    for commune in candidates:
        postal_keys[_keys()[commune.code_insee]] += (commune.code_insee,)
    if key and key in postal_keys:
        found = _unique(postal_keys[key])
        if found:
            return CommuneMatch(found, "code_postal_nom"), []
    if not key and len(candidates) == 1:
        return CommuneMatch(candidates[0], "code_postal"), []
    departements = [departement] if departement else list(departements_of_postal_code(postal))
    if key:
        closest = _closest(key, dict(postal_keys), _POSTAL_CUTOFF) if postal_keys else None
        if closest:
            return CommuneMatch(closest, "nom_approche", nom), departements
        # A name shortened or lengthened by whole words (« Louhans » for Louhans-Châteaurenaud).
        partial = _unique(
            code for other, codes in postal_keys.items()
            if other.startswith(key + " ") or key.startswith(other + " ") for code in codes
        )
        if partial:
            return CommuneMatch(partial, "nom_approche", nom), departements
        scope = _scope(tuple(departements)) if departements else {}
        exact = _unique(scope.get(key, ())) if scope else None
        if exact is None and not departements:
            exact = _unique(_codes_by_key().get(key, ()))
        if exact:
            return CommuneMatch(exact, "nom"), departements
        if scope:
            closest = _closest(key, scope, _DEPARTEMENT_CUTOFF, _scope_letters(tuple(departements)))
            if closest:
                return CommuneMatch(closest, "nom_approche", nom), departements
        if len(candidates) == 1:
            return CommuneMatch(candidates[0], "code_postal", nom), departements
        in_text = _named_in_text(nom, dict(postal_keys)) or (_named_in_text(nom, scope) if scope else None)
        if in_text:
            return CommuneMatch(in_text, "nom_dans_texte", nom), departements
    return None, departements
