"""Actor.from_fields: what readers build actors with, the same actor as Actor(**fields)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from nec_network.model import Actor

FIELDS = {
    "id": "lieu-1", "nom": "Médiathèque fictive", "typologies": ("BIB",), "adresse": "1 rue de l'Exemple",
    "complement_adresse": "", "code_postal": "80000", "commune": "Amiens", "code_insee": "80021",
    "latitude": 49.894, "longitude": 2.2957, "precision": "saisie", "services": ("Accès internet",),
    "publics": (), "prise_en_charge": (), "dispositifs": (), "formations_labels": (), "modalites_acces": (),
    "modalites_accompagnement": (), "frais": ("Gratuit",), "horaires": "Mo-Fr 09:00-12:00", "itinerant": True,
    "zone_intervention": ("80021",), "telephone": "+33300000000", "courriels": ("a@exemple.invalid",),
    "sites_web": (), "prise_rdv": "", "presentation": "Fictif.", "pivot": "", "structure_parente": "",
    "source": "test", "date_maj": dt.date(2024, 3, 5), "extra": {"ma_colonne": "x"},
}  # fmt: skip


def test_every_field_given_makes_the_same_actor_as_the_constructor():
    assert set(FIELDS) == {field.name for field in dataclasses.fields(Actor)}
    built, constructed = Actor.from_fields(dict(reversed(FIELDS.items()))), Actor(**FIELDS)
    assert built == constructed and hash(built) == hash(constructed) and repr(built) == repr(constructed)
    assert dataclasses.asdict(built) == dataclasses.asdict(constructed)
    assert dataclasses.replace(built, nom="Autre") == dataclasses.replace(constructed, nom="Autre")
    with pytest.raises(dataclasses.FrozenInstanceError):
        built.nom = "Autre"  # type: ignore[misc]


def test_fields_left_out_take_their_defaults_and_unknown_ones_are_refused():
    assert Actor.from_fields({"id": "a", "nom": "A"}) == Actor("a", "A")
    with pytest.raises(TypeError):
        Actor.from_fields({**FIELDS, "inconnu": 1})
