"""The commune an address belongs to, from the embedded territory: the check and the fallback."""

from __future__ import annotations

import math
from dataclasses import dataclass

from nec_network.territory import Commune, locate_commune


@dataclass(frozen=True)
class CommunePoint:
    """A commune and its reference point (what an actor falls back to)."""

    code_insee: str
    nom: str
    latitude: float
    longitude: float


def resolve_commune(code_insee: str, code_postal: str, nom: str) -> CommunePoint | None:
    """The commune of an address (:func:`nec_network.territory.locate_commune`) with its point.

    None when nothing matches, the match is ambiguous, or the commune has no reference point.
    """
    commune = locate_commune(code_insee, code_postal, nom)
    return None if commune is None else _point(commune)


def _point(commune: Commune) -> CommunePoint | None:
    if any(value is None or math.isnan(value) for value in (commune.latitude, commune.longitude)):
        return None
    return CommunePoint(
        commune.code_insee, commune.nom, float(commune.latitude), float(commune.longitude)
    )
