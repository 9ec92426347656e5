"""The commune an address belongs to, from the embedded territory: the check and the fallback."""

from __future__ import annotations

import math
from dataclasses import dataclass

from nec_network._text import normalize_name
from nec_network.errors import UnknownCommuneError
from nec_network.territory import Commune, communes_by_postal_code, find_communes, get_commune


@dataclass(frozen=True)
class CommunePoint:
    """A commune and its reference point (what an actor falls back to)."""

    code_insee: str
    nom: str
    latitude: float
    longitude: float


def resolve_commune(code_insee: str, code_postal: str, nom: str) -> CommunePoint | None:
    """The commune named by an INSEE code, else by postal code and name, else by name alone.

    Returns None when nothing matches or the match is ambiguous (a name shared
    by several communes with no postal code to tell them apart).
    """
    if code_insee:
        try:
            return _point(get_commune(code_insee))
        except UnknownCommuneError:
            pass
    key = normalize_name(nom) if nom else ""
    if code_postal:
        candidates = list(communes_by_postal_code(code_postal))
        if key:
            candidates = [c for c in candidates if normalize_name(c.nom) == key]
        if len(candidates) == 1:
            return _point(candidates[0])
        return None
    if key:
        try:
            found = [c for c in find_communes(nom) if normalize_name(c.nom) == key]
        except UnknownCommuneError:
            return None
        if len(found) == 1:
            return _point(found[0])
    return None


def _point(commune: Commune) -> CommunePoint | None:
    if any(value is None or math.isnan(value) for value in (commune.latitude, commune.longitude)):
        return None
    return CommunePoint(
        commune.code_insee, commune.nom, float(commune.latitude), float(commune.longitude)
    )
