"""The embedded vocabularies agree with the official v1 schema and cover the v0 values."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from nec_network.model import vocabularies as v

SCHEMA = (
    Path(__file__).resolve().parents[1] / "fixtures" / "real" / "schema-lieux-mediation-numerique-v1.0.2.json"
)

FIELDS = {
    "services": v.SERVICES,
    "publics_specifiquement_adresses": v.PUBLICS,
    "prise_en_charge_specifique": v.PRISE_EN_CHARGE,
    "frais_a_charge": v.FRAIS,
    "dispositif_programmes_nationaux": v.DISPOSITIFS,
    "modalites_acces": v.MODALITES_ACCES,
    "modalites_accompagnement": v.MODALITES_ACCOMPAGNEMENT,
    "itinerance": v.ITINERANCE,
    "formations_labels": v.FORMATIONS_LABELS,
}


def _schema_patterns() -> dict[str, re.Pattern[str]]:
    fields = json.loads(SCHEMA.read_text(encoding="utf-8"))["fields"]
    return {f["name"]: re.compile(f["constraints"]["pattern"]) for f in fields if f["name"] in FIELDS}


@pytest.mark.parametrize("field", sorted(FIELDS))
def test_every_value_satisfies_the_official_pattern(field: str) -> None:
    pattern = _schema_patterns()[field]
    for value in FIELDS[field]:
        written = v.SCHEMA_V1_SPELLING.get(value, value)
        assert pattern.fullmatch(written), (field, value)


@pytest.mark.parametrize("field", sorted(FIELDS))
def test_the_schema_allows_no_value_we_lack(field: str) -> None:
    pattern = _schema_patterns()[field].pattern
    alternatives = re.search(r"\(\?:\(\?:\^\|\\\|\)\((.*)\)\)\+\$", pattern).group(1)
    schema_values = {re.sub(r"\\(.)", r"\1", alt) for alt in alternatives.split("|")}
    ours = {v.SCHEMA_V1_SPELLING.get(value, value) for value in FIELDS[field]}
    assert schema_values == ours


def test_v0_mappings_cover_every_v0_value_and_land_in_v1() -> None:
    assert set(v.V0_SERVICE_TO_V1) == set(v.V0_SERVICES)
    assert set(v.V0_SERVICE_TO_V1.values()) <= set(v.SERVICES)
    assert set(v.V0_PUBLIC_TO_V1) == set(v.V0_PUBLICS)
    assert set(v.V0_CONDITION_TO_FRAIS) == set(v.V0_CONDITIONS_ACCES)
    assert set(v.V0_CONDITION_TO_FRAIS.values()) <= set(v.FRAIS)
    assert set(v.V0_LABEL_TO_V1) == set(v.V0_LABELS_NATIONAUX)
    assert set(v.V0_MODALITE_TO_V1) == set(v.V0_MODALITES_ACCOMPAGNEMENT)
    targets = {"publics": v.PUBLICS, "prise_en_charge": v.PRISE_EN_CHARGE,
               "dispositifs": v.DISPOSITIFS, "formations_labels": v.FORMATIONS_LABELS}
    for mapped in [*v.V0_PUBLIC_TO_V1.values(), *v.V0_LABEL_TO_V1.values()]:
        if mapped is not None:
            field, value = mapped
            assert value in targets[field], mapped


def test_v0_values_match_by_their_short_label() -> None:
    assert v.V0_CONDITIONS_ACCES.match("gratuit") == (
        "Gratuit : Je peux accéder gratuitement au lieu et à ses services"
    )
    assert v.V0_SERVICES.match("prendre en main un ordinateur") == "Prendre en main un ordinateur"


def test_typologies_have_french_labels_for_the_places_of_the_field() -> None:
    for code in ("BIB", "CCAS", "CS", "MUNI", "ML", "EPN", "RFS", "ASSO", "DEPT"):
        assert code in v.TYPOLOGIES
        assert v.TYPOLOGY_LABELS[code] != code


def test_partnership_types_direction() -> None:
    directed = {code for code, kind in v.PARTNERSHIP_TYPES.items() if kind.directed}
    assert directed == {"orientation", "financement", "membre_de"}
