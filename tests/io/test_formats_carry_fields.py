"""Every format that claims (in the registry) to carry a field of Actor or Partnership gives it back.

For each format that is written and read, one ecosystem using every field with a value
the national standards accept is written and read back; each field the format declares
(its actor columns, its partnership fields) must come back unchanged, field by field. A
field added to ``Actor`` or ``Partnership`` fails here until every format claiming all
fields writes and reads it (or declares that it does not).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from nec_network.io import FORMATS, read_ecosystem, write_ecosystem
from nec_network.io.template import ACTOR_COLUMNS, COLUMN_FIELDS
from nec_network.model import Actor, Ecosystem, Event, PartialDate, Partnership

#: Actor field → template column (the registry declares columns).
FIELD_COLUMNS = {field: column for column, field in COLUMN_FIELDS.items()}

FULL = Actor(
    id="lieu-1",
    nom="Médiathèque fictive de Démonstration",
    typologies=("BIB",),
    adresse="1 place de l'Exemple",
    complement_adresse="Bâtiment B",
    code_postal="80000",
    commune="Amiens",
    code_insee="80021",
    latitude=49.8942,
    longitude=2.2957,
    precision="adresse",
    services=("Aide aux démarches administratives", "Accès internet et matériel informatique"),
    publics=("Seniors",),
    prise_en_charge=("Surdité",),
    dispositifs=("Conseillers numériques",),
    formations_labels=("Étapes numériques (La Poste)",),
    modalites_acces=("Se présenter", "Téléphoner"),
    modalites_accompagnement=("Accompagnement individuel",),
    frais=("Gratuit",),
    horaires="Mo-Fr 09:00-12:00",
    itinerant=False,
    zone_intervention=("80021",),
    telephone="+33322000000",
    courriels=("contact@exemple.invalid",),
    sites_web=("https://exemple.invalid",),
    prise_rdv="https://exemple.invalid/rdv",
    presentation="Lieu fictif des tests.",
    pivot="21800021600016",
    structure_parente="reseau-1",
    source="Démonstration fictive",
    date_maj=dt.date(2024, 3, 1),
    extra={"remarque": "rampe d'accès"},
)
OTHER = dataclasses.replace(FULL, id="reseau-1", nom="Réseau fictif", structure_parente="", extra={})
LINK = Partnership(source="lieu-1", cible="reseau-1", type="membre_de", poids=2.5, debut=PartialDate(2021, 3),
                   fin=PartialDate(2024, 6, 30), evenement="nec-fictif", declare_par=("lieu-1",),
                   note="note fictive", origine="saisie des tests")
EVENT = Event(id="nec-fictif", nom="Rencontre fictive", date=PartialDate(2021, 3), commune="80021",
              organisateurs=("reseau-1",), participants=("lieu-1", "reseau-1"), note="note fictive")
WAVE = Event(id="vague-fictive", nom="Enquête fictive", date=PartialDate(2024, 9, 30), nature="enquete",
             participants=("lieu-1",))


def _readable_and_written() -> list[str]:
    return [fmt.name for fmt in FORMATS if fmt.read and fmt.write]


def _round_trip(name: str, tmp_path: Path) -> Ecosystem:
    fmt = FORMATS.get(name)
    assert fmt is not None
    path = tmp_path / (f"sortie{fmt.suffix}" if fmt.output == "file" else "sortie")
    write_ecosystem(Ecosystem([FULL, OTHER], [LINK], events=[EVENT, WAVE]), path, to=name)
    ecosystem, _ = read_ecosystem(path, format=name)
    return ecosystem


def test_every_written_and_read_format_is_checked():
    assert _readable_and_written() == ["modele", "mednum", "inclusion", "graphml", "gexf"]


@pytest.mark.parametrize("name", _readable_and_written())
def test_every_actor_field_a_format_claims_comes_back(name: str, tmp_path: Path) -> None:
    fmt = FORMATS.get(name)
    assert fmt is not None and fmt.carries_content("actors")
    carried = fmt.carried_columns()
    back = _round_trip(name, tmp_path)["lieu-1"]
    lost = []
    for field in dataclasses.fields(Actor):
        if field.name == "extra":
            keys = [key for key in FULL.extra if carried is None or key in carried]
            if {key: back.extra.get(key) for key in keys} != {key: FULL.extra[key] for key in keys}:
                lost.append(("extra", FULL.extra, back.extra))
            continue
        column = FIELD_COLUMNS.get(field.name, field.name)
        assert column in ACTOR_COLUMNS, f"Actor.{field.name} has no template column"
        if carried is not None and column not in carried:
            continue
        if getattr(back, field.name) != getattr(FULL, field.name):
            lost.append((field.name, getattr(FULL, field.name), getattr(back, field.name)))
    assert lost == [], f"{name} claims these fields but does not give them back"


def _lost_partnership_fields(name: str, tmp_path: Path) -> list[tuple[str, object, object]]:
    fmt = FORMATS.get(name)
    fields = fmt.partnership_fields or tuple(field.name for field in dataclasses.fields(Partnership))
    (back,) = _round_trip(name, tmp_path).partnerships
    return [(field, getattr(LINK, field), getattr(back, field)) for field in fields
            if getattr(back, field) != getattr(LINK, field)]


@pytest.mark.parametrize("name", [name for name in _readable_and_written()
                                  if FORMATS.get(name).carries_content("partnerships")])
def test_every_partnership_field_a_format_claims_comes_back(name: str, tmp_path: Path) -> None:
    assert _lost_partnership_fields(name, tmp_path) == [], f"{name} claims these partnership fields but does not give them back"


def test_the_check_sees_a_field_a_writer_forgets(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A template writer that drops ``note`` is caught: the check is not vacuous."""
    from nec_network.io import template

    original = template.partnership_row
    monkeypatch.setattr(template, "partnership_row", lambda link: {**original(link), "note": ""})
    assert _lost_partnership_fields("modele", tmp_path) == [("note", "note fictive", "")]


@pytest.mark.parametrize("name", [name for name in _readable_and_written()
                                  if FORMATS.get(name).carries_content("events")])
def test_every_format_claiming_events_gives_them_back(name: str, tmp_path: Path) -> None:
    assert _round_trip(name, tmp_path).events == (EVENT, WAVE)


def test_the_formats_that_carry_events() -> None:
    assert [fmt.name for fmt in FORMATS if fmt.carries_content("events")] == ["modele", "graphml", "gexf"]
