"""The communes: selection as a table, and lookups by INSEE code, postal code and name.

Every function reads the embedded COG 2026 table (see ``data/SOURCES.md``); results are
fresh objects, so a caller can modify them freely.
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
from collections import defaultdict
from collections.abc import Iterable

import pandas as pd

from nec_network.text import normalize_name
from nec_network.errors import NecNetworkError, UnknownCommuneError
from nec_network.territory import _data
from nec_network.territory.divisions import (
    departement_names,
    region_names,
    resolve_departements,
    resolve_epci,
    resolve_regions,
)
from nec_network.territory.rurality import proxy_density

COLUMNS = (
    "code_insee",
    "nom",
    "departement",
    "departement_nom",
    "region",
    "epci_code",
    "epci_nom",
    "population",
    "codes_postaux",
    "latitude",
    "longitude",
    "geo_source",
    "rural",
    "densite",
    "densite_source",
    "region_nom",
)
_SUGGESTIONS = 5


@dataclasses.dataclass(frozen=True)
class Commune:
    """A current commune (COG 2026) and its reference point.

    ``codes_postaux`` is ``"|"``-joined as in the table; ``epci_code`` and ``epci_nom`` are
    empty for the four island communes that belong to no EPCI. ``rural``/``densite`` come
    from the proxy (``densite_source == "proxy"``), see :mod:`nec_network.territory.rurality`.
    """

    code_insee: str
    nom: str
    departement: str
    departement_nom: str
    region: str
    epci_code: str
    epci_nom: str
    population: int
    codes_postaux: str
    latitude: float
    longitude: float
    geo_source: str
    rural: bool
    densite: str
    densite_source: str
    region_nom: str

    @property
    def postal_codes(self) -> tuple[str, ...]:
        """The postal codes as a tuple."""
        return tuple(code for code in self.codes_postaux.split("|") if code)


@functools.lru_cache(maxsize=1)
def _all_communes() -> pd.DataFrame:
    """Every embedded commune with every column of :data:`COLUMNS` (shared: copy it)."""
    frame = _data.communes_file().copy()
    frame["departement_nom"] = frame["departement"].map(departement_names()).astype(str)
    frame["region_nom"] = frame["region"].map(region_names()).astype(str)
    epci_names = _data.epci_file().set_index("epci_code")["epci_nom"]
    frame["epci_nom"] = frame["epci_code"].map(epci_names).fillna("").astype(str)
    frame = pd.concat([frame, proxy_density(frame["population"])], axis=1)
    return frame[list(COLUMNS)].sort_values("code_insee", ignore_index=True)


def load_communes(
    *,
    departements: str | Iterable[str] | None = None,
    epci: str | Iterable[str] | None = None,
    region: str | Iterable[str] | None = None,
    codes_insee: Iterable[str] | None = None,
) -> pd.DataFrame:
    """The communes of a territory, one row each, sorted by INSEE code.

    With no argument, the communes of Picardie (Aisne, Oise, Somme). ``departements``
    takes one code, several, or ``"all"`` (:data:`~nec_network.territory.ALL_FRANCE`) for
    every embedded département. The selectors combine (a commune must satisfy each one
    given); when ``epci``, ``region`` or ``codes_insee`` is given without ``departements``,
    the search is not limited to Picardie.

    Columns (in this order): ``code_insee``, ``nom``, ``departement``, ``departement_nom``,
    ``region``, ``epci_code``, ``epci_nom``, ``population`` (population municipale),
    ``codes_postaux`` (``"|"``-joined), ``latitude``, ``longitude`` (WGS 84),
    ``geo_source`` (how the point was placed), ``rural``, ``densite`` (French label),
    ``densite_source`` (``"proxy"`` here), ``region_nom``.

    Raises :class:`~nec_network.errors.UnknownTerritoryError` for an unknown département,
    EPCI or région code and :class:`~nec_network.errors.UnknownCommuneError` for an
    unknown INSEE code.

    >>> picardie = load_communes()
    >>> len(picardie), int(picardie["population"].sum())
    (2248, 1918654)
    >>> load_communes(codes_insee=["80021"])[["nom", "departement_nom"]].values.tolist()
    [['Amiens', 'Somme']]
    """
    frame = _all_communes()
    others_given = epci is not None or region is not None or codes_insee is not None
    if departements is not None or not others_given:
        frame = frame[frame["departement"].isin(resolve_departements(departements))]
    if epci is not None:
        frame = frame[frame["epci_code"].isin(resolve_epci(epci))]
    if region is not None:
        frame = frame[frame["region"].isin(resolve_regions(region))]
    if codes_insee is not None:
        wanted = {str(code).strip() for code in codes_insee}
        missing = sorted(wanted - _all_codes())
        if missing:
            raise UnknownCommuneError(", ".join(missing))
        frame = frame[frame["code_insee"].isin(wanted)]
    return frame.reset_index(drop=True).copy()


@functools.lru_cache(maxsize=1)
def _all_codes() -> frozenset[str]:
    """The INSEE code of every embedded commune."""
    return frozenset(_all_communes()["code_insee"].tolist())


@functools.lru_cache(maxsize=1)
def _communes_by_code() -> dict[str, Commune]:
    frame = _all_communes()
    # Column by column (tolist gives Python values): to_dict("records") boxes each cell, 5x slower.
    rows = zip(*(frame[column].tolist() for column in COLUMNS), strict=True)
    communes = (Commune(**dict(zip(COLUMNS, row, strict=True))) for row in rows)
    return {commune.code_insee: commune for commune in communes}


@functools.lru_cache(maxsize=1)
def _codes_by_name() -> dict[str, tuple[str, ...]]:
    names = defaultdict(list)
    for code, commune in _communes_by_code().items():
        names[normalize_name(commune.nom)].append(code)
    return {name: tuple(codes) for name, codes in names.items()}


@functools.lru_cache(maxsize=1)
def _codes_by_postal_code() -> dict[str, tuple[str, ...]]:
    postal = defaultdict(list)
    for code, commune in _communes_by_code().items():
        for postal_code in commune.postal_codes:
            postal[postal_code].append(code)
    return {postal_code: tuple(codes) for postal_code, codes in postal.items()}


def get_commune(code_insee: str) -> Commune:
    """The commune of an INSEE code (5 characters, ``2A``/``2B`` for Corsica).

    >>> get_commune("02691").nom
    'Saint-Quentin'
    >>> get_commune("99999")
    Traceback (most recent call last):
    ...
    nec_network.errors.UnknownCommuneError: Commune inconnue : « 99999 ».
    """
    code = str(code_insee).strip().upper()
    if code.isdigit() and len(code) == 4:
        code = code.zfill(5)  # a code read as a number from a spreadsheet lost its 0
    try:
        return _communes_by_code()[code]
    except KeyError:
        raise UnknownCommuneError(str(code_insee)) from None


def find_communes(name: str, *, departements: str | Iterable[str] | None = None) -> list[Commune]:
    """Every commune named ``name``, ignoring case, accents, hyphens and apostrophes.

    ``departements`` restricts the search (one code, several, or ``"all"``); by default it
    covers every embedded département, since a name alone does not say where it is.
    Homonyms all come back, sorted by INSEE code. An unknown name raises
    :class:`~nec_network.errors.UnknownCommuneError` with the closest names as suggestions.

    >>> [c.code_insee for c in find_communes("saint quentin")]
    ['02691']
    >>> try:
    ...     find_communes("Saint-Quentim", departements="02")
    ... except UnknownCommuneError as error:
    ...     error.suggestions
    ('Saint-Quentin (02)',)
    """
    allowed = None if departements is None else set(resolve_departements(departements))
    communes = _communes_by_code()
    codes = _codes_by_name().get(normalize_name(name), ())
    found = [communes[c] for c in codes if allowed is None or communes[c].departement in allowed]
    if found:
        return found
    raise UnknownCommuneError(name, _suggestions(name, allowed))


def locate_commune(
    code_insee: str = "", code_postal: str = "", nom: str = "", *, departement: str = ""
) -> Commune | None:
    """The commune an address names: by INSEE code, else postal code (+ name), else name (+ département).

    A postal code serving several communes needs the name to tell them apart; a
    name alone must be unique (in ``departement`` when given). None when nothing
    matches or several communes do: the caller says why it could not place the row.

    >>> locate_commune("", "80100", "abbeville").code_insee
    '80001'
    >>> locate_commune("", "", "Saint-Quentin", departement="02").code_insee
    '02691'
    >>> locate_commune("", "02100", "") is None  # a postal code shared by several communes
    True
    """
    if code_insee:
        try:
            return get_commune(code_insee)
        except UnknownCommuneError:
            pass
    key = normalize_name(nom) if nom else ""
    if code_postal:
        candidates = communes_by_postal_code(code_postal)
        if key:
            named = [c for c in candidates if normalize_name(c.nom) == key]
            candidates = named or ([] if len(candidates) > 1 else candidates)
        if len(candidates) == 1:
            return candidates[0]
    if key:
        try:
            found = find_communes(nom, departements=departement or None)
        except NecNetworkError:
            found = []
        exact = [c for c in found if normalize_name(c.nom) == key]
        if len(exact) == 1:
            return exact[0]
    return None


def _suggestions(name: str, allowed: set[str] | None) -> list[str]:
    """Closest names: the query without its trailing words (``Amiens Cedex``), then difflib."""
    communes = _communes_by_code()
    codes_by_name = _codes_by_name()

    def in_scope(key: str) -> list[Commune]:
        codes = codes_by_name.get(key, ())
        return [communes[c] for c in codes if allowed is None or communes[c].departement in allowed]

    query = normalize_name(name)
    words = query.split()
    shortened = [" ".join(words[:end]) for end in range(len(words) - 1, 0, -1)]
    keys = [key for key in codes_by_name if allowed is None or in_scope(key)]
    close = difflib.get_close_matches(query, keys, n=_SUGGESTIONS, cutoff=0.75)
    labels = []
    for key in dict.fromkeys(shortened + close):
        labels += [f"{c.nom} ({c.departement})" for c in in_scope(key)]
    return labels[:_SUGGESTIONS]


def communes_by_postal_code(code_postal: str) -> list[Commune]:
    """The communes served by a postal code, sorted by INSEE code; empty when none is.

    >>> [c.nom for c in communes_by_postal_code("02100")][:3]
    ['Essigny-le-Petit', 'Fayet', 'Gricourt']
    """
    code = str(code_postal).strip().replace(" ", "")
    if code.isdigit() and len(code) == 4:
        code = code.zfill(5)
    communes = _communes_by_code()
    return [communes[c] for c in _codes_by_postal_code().get(code, ())]
