"""Property: ecosystem → schema v1 CSV → ecosystem keeps every field the schema carries,
and every file written meets the official schema's constraints."""

from __future__ import annotations

import datetime as dt
import importlib.util
import sys
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nec_network import territory
from nec_network.io.mednum import read_mednum, write_mednum
from nec_network.model import Actor, Ecosystem
from nec_network.model import vocabularies as voc
from nec_network.model.typology import typology_from_name
from nec_network.tables import repair_mojibake

# The validator built from the official schema lives in test_mednum.py (it reads tests/fixtures/real).
_spec = importlib.util.spec_from_file_location("mednum_cases", Path(__file__).with_name("test_mednum.py"))
cases = sys.modules.setdefault("mednum_cases", importlib.util.module_from_spec(_spec))
_spec.loader.exec_module(cases)

COMMUNES = territory.load_communes()
PLACES = [
    (row.code_insee, row.nom, row.codes_postaux.split("|")[0], row.latitude, row.longitude)
    for row in COMMUNES.sample(200, random_state=0).itertuples()
]
# Text a person types in these fields: letters, digits, spaces and common punctuation, no "|",
# and none of the letters that start double-encoded UTF-8 (repaired on reading, by design).
_ALPHABET = st.characters(
    whitelist_categories=("Lu", "Ll", "Nd", "Zs"),
    whitelist_characters="'-,.()«»’",
    blacklist_characters="ÃÂÅÆ",
)
text = st.text(_ALPHABET, min_size=1, max_size=40).map(str.strip).filter(
    lambda t: t and repair_mojibake(t) == t
)
CARRIED = (
    "id", "nom", "typologies", "adresse", "complement_adresse", "code_postal", "commune", "code_insee",
    "latitude", "longitude", "services", "publics", "prise_en_charge", "dispositifs",
    "formations_labels", "modalites_acces", "modalites_accompagnement", "frais", "horaires",
    "itinerant", "telephone", "courriels", "sites_web", "presentation", "pivot",
    "structure_parente", "source", "date_maj", "prise_rdv",
)  # fmt: skip


def subset(vocabulary) -> st.SearchStrategy[tuple[str, ...]]:
    return st.lists(st.sampled_from(list(vocabulary)), unique=True, max_size=3).map(tuple)


@st.composite
def actors(draw, actor_id: str) -> Actor:
    code, commune, postal, lat, lon = draw(st.sampled_from(PLACES))
    return Actor(
        id=actor_id,
        nom=draw(text),
        typologies=draw(subset(voc.TYPOLOGIES)),
        adresse=draw(text),
        complement_adresse=draw(st.one_of(st.just(""), text)),
        code_postal=postal,
        commune=commune,
        code_insee=code,
        latitude=lat,
        longitude=lon,
        services=draw(subset(voc.SERVICES)),
        publics=draw(subset(voc.PUBLICS)),
        prise_en_charge=draw(subset(voc.PRISE_EN_CHARGE)),
        dispositifs=draw(subset(voc.DISPOSITIFS)),
        formations_labels=draw(subset(voc.FORMATIONS_LABELS)),
        modalites_acces=draw(subset(voc.MODALITES_ACCES)),
        modalites_accompagnement=draw(subset(voc.MODALITES_ACCOMPAGNEMENT)),
        frais=draw(subset(voc.FRAIS)),
        horaires=draw(st.sampled_from(["", "Mo-Fr 09:00-12:00,14:00-17:00", "Tu,Th 14:00-18:00; Sa 09:00-12:00"])),
        itinerant=draw(st.booleans()),
        telephone=draw(st.one_of(st.just(""), st.from_regex(r"\+333[0-9]{8}", fullmatch=True))),
        courriels=tuple(draw(st.lists(st.from_regex(r"[a-z]{1,8}@exemple\.fr", fullmatch=True), unique=True, max_size=2))),
        sites_web=tuple(draw(st.lists(st.from_regex(r"https://exemple\.fr/[a-z]{1,8}", fullmatch=True), unique=True, max_size=2))),
        presentation=draw(st.one_of(st.just(""), text)),
        pivot=draw(st.from_regex(r"[0-9]{14}", fullmatch=True)),
        structure_parente=draw(st.one_of(st.just(""), text)),
        source=draw(st.one_of(st.just(""), text)),
        date_maj=draw(st.dates(dt.date(2015, 1, 1), dt.date(2026, 1, 1))),
        prise_rdv=draw(st.sampled_from(["", "https://rdv.exemple.fr/prendre"])),
    )


@st.composite
def ecosystems(draw) -> Ecosystem:
    ids = draw(st.lists(st.from_regex(r"[a-z][a-z0-9-]{0,10}", fullmatch=True), min_size=1, max_size=4, unique=True))
    return Ecosystem([draw(actors(actor_id)) for actor_id in ids])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ecosystems())
def test_schema_v1_round_trip_keeps_every_field_it_carries(ecosystem: Ecosystem) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "lieux.csv"
        problems = write_mednum(ecosystem, path)
        assert [p for p in problems if p.level == "erreur"] == []
        assert cases.schema_violations(path) == []
        back, report = read_mednum(path)
    assert report.is_complete() and report.rejected == 0
    for original in ecosystem:
        again = back[original.id]
        for name in CARRIED:
            expected = getattr(original, name)
            if name == "typologies" and not expected and (deduced := typology_from_name(original.nom)):
                # Without a typology, readers deduce one from the name (« epn », « mairie de … »)
                # and flag it for review: a drawn name may say one.
                expected = (deduced[0],)
            assert getattr(again, name) == expected, name
