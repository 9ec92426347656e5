"""Personae: the people a helper meets, as plain records (read by :mod:`nec_network.io.personae`)."""

from __future__ import annotations

from dataclasses import dataclass

from nec_network.settings import SPEEDS_KMH

#: Mobility modes a persona may have (those of the travel-time model, same order).
MODES: tuple[str, ...] = tuple(SPEEDS_KMH)


@dataclass(frozen=True)
class Persona:
    """Someone a helper meets: where they live, what they need, how they move.

    ``besoins`` are v1 services, ``publics`` and ``prise_en_charge`` values of
    the national vocabularies, ``mobilite`` one of :data:`MODES` and
    ``premier_contact`` the id of the actor who already supports them (if any).

    >>> Persona("j", "Jeannine, 78 ans", "02468", ("Aide aux démarches administratives",)).mobilite
    'voiture'
    """

    id: str
    nom: str
    code_insee: str
    besoins: tuple[str, ...]
    description: str = ""
    publics: tuple[str, ...] = ()
    prise_en_charge: tuple[str, ...] = ()
    mobilite: str = "voiture"
    premier_contact: str | None = None
