"""The two options every territorial analysis takes: which actors count, and how near is near.

- :class:`ActorCriteria`: what an actor must offer (``service``, ``dispositif``,
  ``typologie``, ``public``) and where it must be (``departements``), checked and
  made canonical once, when the object is built;
- :class:`Threshold`: a great-circle distance (``max_km``) or a travel time
  (``max_minutes`` by ``mode``, on the road approximation of
  :mod:`nec_network.analysis.spatial`); :attr:`Threshold.km` is the radius every
  distance test compares with.

The command line builds both from its options and passes them unchanged to the
analyses and views: ``--max-km 8`` → ``Threshold(max_km=8)`` → ``distance <= threshold.km``.

>>> Threshold(max_km=8).km
8.0
>>> round(Threshold().km, 2)  # the default: 20 minutes by car
12.82
>>> ActorCriteria(service="aide aux demarches administratives").service
'Aide aux démarches administratives'
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from nec_network import wording
from nec_network.analysis._actor_columns import ActorColumns
from nec_network.analysis.spatial import DETOUR_FACTOR, check_mode, km_for_minutes, travel_minutes
from nec_network.errors import NecNetworkError
from nec_network.model import Actor, Ecosystem
from nec_network.model.ecosystem import in_departements
from nec_network.model.vocabularies import (
    DISPOSITIFS,
    PRISE_EN_CHARGE,
    PUBLICS,
    SERVICES,
    TYPOLOGY_LABELS,
    Vocabulary,
)
from nec_network.settings import DEFAULT_MAX_MINUTES
from nec_network.text import normalize_name


@dataclass(frozen=True)
class Threshold:
    """How near an actor must be: ``max_km`` as the crow flies, or ``max_minutes`` by ``mode``.

    With neither, :data:`DEFAULT_MAX_MINUTES` by car. ``detour`` is the road
    approximation's ratio of road to great-circle distance.

    >>> Threshold(max_minutes=30, mode="velo").km.__round__(2)
    5.77
    >>> str(Threshold(max_km=10))
    'à 10 km ou moins à vol d’oiseau'
    >>> Threshold(max_km=5, max_minutes=10)
    Traceback (most recent call last):
    ...
    nec_network.errors.NecNetworkError: Donnez un seuil en kilomètres ou en minutes, pas les deux.
    """

    max_km: float | None = None
    max_minutes: float | None = None
    mode: str = "voiture"
    detour: float = DETOUR_FACTOR

    def __post_init__(self) -> None:
        check_mode(self.mode)
        if self.max_km is not None and self.max_minutes is not None:
            raise NecNetworkError("Donnez un seuil en kilomètres ou en minutes, pas les deux.")
        if self.max_km is not None:
            if not self.max_km >= 0:
                raise NecNetworkError(f"Le seuil en kilomètres doit être positif (reçu : {self.max_km}).")
            object.__setattr__(self, "max_km", float(self.max_km))
        else:
            minutes = DEFAULT_MAX_MINUTES if self.max_minutes is None else self.max_minutes
            if not minutes >= 0:
                raise NecNetworkError(f"Le seuil en minutes doit être positif (reçu : {minutes}).")
            object.__setattr__(self, "max_minutes", float(minutes))
        km_for_minutes(0, mode=self.mode, detour=self.detour)  # checks the detour

    @property
    def km(self) -> float:
        """The great-circle radius of the threshold: what "covered" means, whatever its unit."""
        if self.max_km is not None:
            return self.max_km
        return km_for_minutes(self.max_minutes, mode=self.mode, detour=self.detour)

    def minutes(self, km):
        """Travel time in minutes for great-circle distances in km (road approximation, :attr:`mode`)."""
        return travel_minutes(km, mode=self.mode, detour=self.detour)

    def __str__(self) -> str:
        """French phrase, e.g. ``à 20 minutes ou moins en voiture``."""
        return wording.threshold_phrase(max_km=self.max_km, max_minutes=self.max_minutes, mode=self.mode)


@dataclass(frozen=True)
class ActorCriteria:
    """Which actors count: canonical values, ``None`` = no constraint.

    User spellings are made canonical when the object is built (accents, case),
    and an unknown value is a French error with the closest valid one.
    ``departements`` restricts actors to the territory (:meth:`in_territory`);
    the offer criteria are checked by :meth:`offers`, and :meth:`matches` checks both.

    >>> ActorCriteria(typologie="bibliotheque / mediatheque").typologie
    'BIB'
    >>> ActorCriteria(departements=["2", "80"]).departements
    ('02', '80')
    >>> str(ActorCriteria(service="Aide aux démarches administratives"))
    'service « Aide aux démarches administratives »'
    """

    service: str | None = None
    dispositif: str | None = None
    typologie: str | None = None
    public: str | None = None
    departements: tuple[str, ...] | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "service", _canonical(SERVICES, self.service, "Service"))
        object.__setattr__(self, "dispositif", _canonical(DISPOSITIFS, self.dispositif, "Dispositif"))
        object.__setattr__(self, "typologie", _canonical_typology(self.typologie))
        object.__setattr__(self, "public", _canonical_public(self.public))
        if self.departements is not None:
            codes = [self.departements] if isinstance(self.departements, str) else self.departements
            object.__setattr__(
                self, "departements", tuple(dict.fromkeys(str(code).strip().upper().zfill(2) for code in codes))
            )

    def offers(self, actor: Actor) -> bool:
        """Whether the actor offers everything asked (wherever it is)."""
        if self.service is not None and self.service not in actor.services:
            return False
        if self.dispositif is not None and self.dispositif not in actor.dispositifs:
            return False
        if self.typologie is not None and self.typologie not in actor.typologies:
            return False
        if self.public is not None:
            if self.public in PRISE_EN_CHARGE:
                return self.public in actor.prise_en_charge
            return not actor.publics or self.public in actor.publics
        return True

    def offer_mask(self, columns: ActorColumns) -> np.ndarray:
        """:meth:`offers` for every actor of ``columns`` at once, as a boolean array.

        >>> columns = ActorColumns.of([Actor("a", "A"), Actor("b", "B", publics=("Jeunes",))])
        >>> ActorCriteria(public="Seniors").offer_mask(columns).tolist()
        [True, False]
        """
        keep = np.ones(len(columns), dtype=bool)
        if self.service is not None:
            keep &= columns.listing("services", self.service)
        if self.dispositif is not None:
            keep &= columns.listing("dispositifs", self.dispositif)
        if self.typologie is not None:
            keep &= columns.listing("typologies", self.typologie)
        if self.public is not None:
            if self.public in PRISE_EN_CHARGE:
                keep &= columns.listing("prise_en_charge", self.public)
            else:
                keep &= columns.empty("publics") | columns.listing("publics", self.public)
        return keep

    def in_territory(self, actor: Actor) -> bool:
        """Whether the actor may belong to the territory: its département, an itinerant zone
        reaching it, or no known commune (it cannot be said to be elsewhere: kept, and the
        command line says how many such actors it kept). A context actor kept just outside a
        restricted territory (:attr:`Actor.outside_territory`) never belongs to it."""
        if actor.outside_territory:
            return False
        return (
            self.departements is None
            or not actor.departement
            or in_departements(actor, self.departements)
        )

    def matches(self, actor: Actor) -> bool:
        """Whether the actor is of the territory and offers everything asked."""
        return self.in_territory(actor) and self.offers(actor)

    def select(self, ecosystem: Ecosystem) -> Ecosystem:
        """The ecosystem of the actors that :meth:`match <matches>`: the one filter of actors
        (a new ecosystem, partnerships between kept actors only; ``ecosystem`` is not changed)."""
        return ecosystem.subset(self.matches)

    def territory(self, ecosystem: Ecosystem) -> Ecosystem:
        """The ecosystem of the territory's own actors: every actor but the context ones when no
        ``departements`` (see :mod:`nec_network.analysis.surroundings`)."""
        if self.departements is None and not any(actor.outside_territory for actor in ecosystem):
            return ecosystem
        return ecosystem.subset(self.in_territory)

    def __str__(self) -> str:
        """French phrase naming the offer criteria, e.g. ``service « Aide aux démarches administratives »``."""
        return wording.criteria_phrase(
            service=self.service,
            dispositif=self.dispositif,
            typologie=self.typologie and TYPOLOGY_LABELS.get(self.typologie, self.typologie),
            public=self.public,
        )


def _unknown(kind: str, value: str, suggestion: str | None, valid: Iterable[str]) -> NecNetworkError:
    message = f"{kind} inconnu : « {value} »."
    if suggestion:
        message += f" Vouliez-vous dire « {suggestion} » ?"
    else:
        message += " Valeurs possibles : " + ", ".join(valid) + "."
    return NecNetworkError(message)


def _canonical(vocabulary: Vocabulary, value: str | None, kind: str) -> str | None:
    if value is None:
        return None
    found = vocabulary.match(value)
    if found is None:
        raise _unknown(kind, value, vocabulary.suggest(value), vocabulary.values)
    return found


def _canonical_typology(value: str | None) -> str | None:
    if value is None:
        return None
    key = normalize_name(value)
    for code, label in TYPOLOGY_LABELS.items():
        if key in (normalize_name(code), normalize_name(label)):
            return code
    labels = Vocabulary("typologie", "Typologie", tuple(TYPOLOGY_LABELS.values()))
    raise _unknown("Typologie", value, labels.suggest(value), TYPOLOGY_LABELS)


def _canonical_public(value: str | None) -> str | None:
    if value is None:
        return None
    found = PUBLICS.match(value) or PRISE_EN_CHARGE.match(value)
    if found is None:
        both = Vocabulary("public", "Public", (*PUBLICS.values, *PRISE_EN_CHARGE.values))
        raise _unknown("Public", value, both.suggest(value), both.values)
    return found
