"""Départements, régions and EPCI: codes, names and membership.

The embedded territory covers metropolitan France and Mayotte (see ``data/SOURCES.md`` for
why the other overseas départements are left out). Picardie, the default territory, is
the three départements of the Pays picards.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from nec_network.errors import UnknownTerritoryError
from nec_network.text import normalize_name
from nec_network.territory import _data

PICARDIE: tuple[str, ...] = ("02", "60", "80")
#: Pass as ``departements`` to select every embedded département.
ALL_FRANCE = "all"


def normalize_departement_code(code: str | int) -> str:
    """Canonical form of a département code: ``2`` → ``02``, ``2a`` → ``2A``.

    >>> [normalize_departement_code(code) for code in ("2", " 2b ", 976)]
    ['02', '2B', '976']
    """
    text = str(code).strip().upper()
    return text.zfill(2) if text.isdigit() else text


def departement_names() -> dict[str, str]:
    """Name of every embedded département, by code.

    >>> departement_names()["80"]
    'Somme'
    """
    return {code: entry["nom"] for code, entry in _data.names_file()["departements"].items()}


def region_names() -> dict[str, str]:
    """Name of every région that has an embedded département, by code.

    >>> region_names()["32"]
    'Hauts-de-France'
    """
    return {code: entry["nom"] for code, entry in _data.names_file()["regions"].items()}


def departement_regions() -> dict[str, str]:
    """Région code of every embedded département, by département code."""
    return {code: entry["region"] for code, entry in _data.names_file()["departements"].items()}


def resolve_departements(departements: str | Iterable[str] | None) -> tuple[str, ...]:
    """The département codes a ``departements`` argument designates, checked and sorted.

    ``None`` means Picardie, :data:`ALL_FRANCE` (``"all"``) every embedded département, a
    string one code or name, any other iterable several codes or names (accents, case and
    hyphens do not matter).

    >>> resolve_departements(None)
    ('02', '60', '80')
    >>> resolve_departements(["80", "2"])
    ('02', '80')
    >>> resolve_departements(["Somme", "cotes d'armor", "Oise"])
    ('22', '60', '80')
    >>> resolve_departements("99")
    Traceback (most recent call last):
    ...
    nec_network.errors.UnknownTerritoryError: Département inconnu : « 99 ».
    """
    known = departement_names()
    if departements is None:
        return PICARDIE
    if isinstance(departements, str):
        if departements.strip().lower() == ALL_FRANCE:
            return tuple(sorted(known))
        departements = [departements]
    by_name = {normalize_name(name): code for code, name in known.items()}
    codes = sorted({by_name.get(normalize_name(str(code)), normalize_departement_code(code)) for code in departements})
    unknown = [code for code in codes if code not in known]
    if unknown:
        raise UnknownTerritoryError(
            _unknown_message("Département inconnu", "Départements inconnus", unknown)
        )
    return tuple(codes)


def resolve_regions(regions: str | Iterable[str]) -> tuple[str, ...]:
    """Région codes, checked (``"32"`` is Hauts-de-France)."""
    codes = sorted({str(code).strip().zfill(2) for code in _as_list(regions)})
    unknown = [code for code in codes if code not in region_names()]
    if unknown:
        raise UnknownTerritoryError(
            _unknown_message("Région inconnue", "Régions inconnues", unknown)
        )
    return tuple(codes)


def resolve_epci(epci: str | Iterable[str]) -> tuple[str, ...]:
    """EPCI codes (SIREN, 9 digits), checked."""
    codes = sorted({str(code).strip() for code in _as_list(epci)})
    known = set(_data.epci_file()["epci_code"])
    unknown = [code for code in codes if code not in known]
    if unknown:
        raise UnknownTerritoryError(_unknown_message("EPCI inconnu", "EPCI inconnus", unknown))
    return tuple(codes)


def load_epci() -> pd.DataFrame:
    """Every EPCI with at least one embedded commune: code, name, member INSEE codes, kind.

    ``membres`` is a sorted tuple of INSEE codes; ``epci_type`` is the COG's kind (``CC``,
    ``CA``, ``CU``, ``METRO``, ``MET69``).

    >>> epci = load_epci().set_index("epci_code")
    >>> epci.loc["200071892", "epci_nom"], "02691" in epci.loc["200071892", "membres"]
    ('CA du Saint-Quentinois', True)
    """
    epci = _data.epci_file().copy()
    communes = _data.communes_file()
    members = (
        communes.loc[communes["epci_code"] != "", ["epci_code", "code_insee"]]
        .groupby("epci_code")["code_insee"]
        .agg(lambda codes: tuple(sorted(codes)))
    )
    epci["membres"] = epci["epci_code"].map(members)
    return epci[["epci_code", "epci_nom", "membres", "epci_type"]]


def _as_list(value: str | Iterable[str]) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def _unknown_message(singular: str, plural: str, codes: list[str]) -> str:
    quoted = ", ".join(f"« {code} »" for code in codes)
    return f"{singular if len(codes) == 1 else plural} : {quoted}."
