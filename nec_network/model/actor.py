"""Actors of the digital-inclusion ecosystem: structures, places, itinerant services, networks."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from nec_network.codes import departement_of

#: Column (kept in :attr:`Actor.extra`) marking an actor kept around a restricted territory as
#: context: a place just outside it that the territory's communes still reach. Such an actor
#: counts for coverage, nearest places and orientation, never as one of the territory's own.
OUTSIDE_TERRITORY = "hors_territoire"

#: Fields holding lists (written ``a|b|c`` in our template and in the v1 schema).
LIST_FIELDS: tuple[str, ...] = (
    "typologies",
    "services",
    "publics",
    "prise_en_charge",
    "dispositifs",
    "formations_labels",
    "modalites_acces",
    "modalites_accompagnement",
    "frais",
    "zone_intervention",
    "courriels",
    "sites_web",
)
#: Key of ``Actor.extra`` saying how a reader deduced the commune (absent when it was given).
COMMUNE_DEDUCED = "commune_deduite"
#: Key of ``Actor.extra`` marking a typology a reader deduced from the name (value ``"nom"``).
TYPOLOGY_DEDUCED = "typologie_deduite"


@dataclass(frozen=True)
class Actor:
    """One actor: a place people can go to, a structure, an itinerant service or a network.

    Lists are tuples of canonical vocabulary values (see
    :mod:`nec_network.model.vocabularies`). ``zone_intervention`` holds INSEE
    commune codes (5 characters) or EPCI SIREN codes (9 digits) served by an
    itinerant actor or a permanence. ``extra`` keeps any attribute of the input
    that has no field here, as it came.

    >>> a = Actor(id="a1", nom="Médiathèque", code_insee="80021", latitude=49.89, longitude=2.29)
    >>> a.departement, a.has_coordinates
    ('80', True)
    """

    id: str
    nom: str
    typologies: tuple[str, ...] = ()
    adresse: str = ""
    complement_adresse: str = ""
    code_postal: str = ""
    commune: str = ""
    code_insee: str = ""
    latitude: float | None = None
    longitude: float | None = None
    #: ``adresse`` (geocoded at the address), ``commune`` (commune reference point) or ``saisie`` (given by the source).
    precision: str = ""
    services: tuple[str, ...] = ()
    publics: tuple[str, ...] = ()
    prise_en_charge: tuple[str, ...] = ()
    dispositifs: tuple[str, ...] = ()
    formations_labels: tuple[str, ...] = ()
    modalites_acces: tuple[str, ...] = ()
    modalites_accompagnement: tuple[str, ...] = ()
    frais: tuple[str, ...] = ()
    #: Opening hours in OpenStreetMap ``opening_hours`` syntax.
    horaires: str = ""
    itinerant: bool = False
    zone_intervention: tuple[str, ...] = ()
    telephone: str = ""
    courriels: tuple[str, ...] = ()
    sites_web: tuple[str, ...] = ()
    prise_rdv: str = ""
    presentation: str = ""
    #: SIRET or RNA number of the structure.
    pivot: str = ""
    structure_parente: str = ""
    #: Who collected the data (e.g. ``"Démonstration fictive"``, ``"France Services (ANCT)"``).
    source: str = ""
    date_maj: dt.date | None = None
    extra: dict[str, Any] = field(default_factory=dict, hash=False)

    @classmethod
    def from_fields(cls, fields: Mapping[str, Any]) -> Actor:
        """``Actor(**fields)``, made faster when ``fields`` gives every field (as the readers
        gather them): the values are set together instead of by one guarded assignment each,
        the way a frozen dataclass's ``__init__`` sets them (a tenth of reading a national file).

        >>> fields = {field.name: getattr(Actor("a", "A"), field.name) for field in dataclasses.fields(Actor)}
        >>> Actor.from_fields(fields) == Actor("a", "A"), Actor.from_fields({"id": "b", "nom": "B"}).nom
        (True, 'B')
        """
        if fields.keys() != _FIELD_NAMES:
            return cls(**fields)
        actor = object.__new__(cls)
        actor.__dict__.update(fields)
        return actor

    @property
    def departement(self) -> str:
        """Département code derived from the INSEE code (``""`` when unknown)."""
        return departement_of(self.code_insee)

    @property
    def primary_typology(self) -> str:
        """The typology that stands for the actor (first listed): its colour on the pages, its
        group in the network figures; ``""`` when none.

        >>> Actor("a", "A", typologies=("BIB", "MUNI")).primary_typology, Actor("b", "B").primary_typology
        ('BIB', '')
        """
        return self.typologies[0] if self.typologies else ""

    @property
    def outside_territory(self) -> bool:
        """True for a context actor kept just outside a restricted territory (:data:`OUTSIDE_TERRITORY`).

        >>> Actor("a", "A", extra={OUTSIDE_TERRITORY: "oui"}).outside_territory, Actor("b", "B").outside_territory
        (True, False)
        """
        value = self.extra.get(OUTSIDE_TERRITORY)  # most actors: none (asked of each actor of a map)
        return value is not None and str(value).strip().lower() in ("oui", "true", "1")

    @property
    def has_coordinates(self) -> bool:
        """True when latitude and longitude are both known."""
        return self.latitude is not None and self.longitude is not None


#: The names of every field of :class:`Actor` (what :meth:`Actor.from_fields` sets at once).
_FIELD_NAMES = frozenset(field.name for field in dataclasses.fields(Actor))
