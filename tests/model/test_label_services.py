"""Services deduced from a place's national label: flagged, sourced, never over given services."""

from __future__ import annotations

from pathlib import Path

from nec_network.analysis.consolidation import consolidate
from nec_network.analysis.orientation import OrientationQuery, orient
from nec_network.io import read_ecosystem
from nec_network.model import Actor
from nec_network.model.label_services import LABEL_RULES, SERVICES_DEDUCED, deduced_label, with_label_services
from nec_network.model.vocabularies import SERVICES
from nec_network.territory import load_communes

ROOT = Path(__file__).parents[2]
EXCERPT = ROOT / "tests" / "fixtures" / "real" / "france-services-2022-12-extrait.csv"
MAPPING = ROOT / "data" / "mappings" / "france-services.json"


def test_every_rule_names_national_services_and_its_source():
    for rule in LABEL_RULES:
        assert rule.services and all(service in SERVICES.values for service in rule.services)
        assert "Charte" in rule.source or "charte" in rule.source


def test_given_services_are_never_overridden_and_deduced_ones_are_flagged():
    given = Actor("a", "France services X", dispositifs=("France Services",), services=("Loisirs et créations numériques",))
    assert with_label_services(given) is given and deduced_label(given) == ""
    bare = Actor("b", "France services Y", typologies=("RFS",))
    assert deduced_label(with_label_services(bare)) == "France Services"
    other = Actor("c", "Médiathèque")
    assert with_label_services(other) is other


def test_the_france_services_list_gets_the_charter_s_services_and_hirson_is_found():
    ecosystem = consolidate(read_ecosystem(EXCERPT, mapping=str(MAPPING))[0]).ecosystem
    places = [actor for actor in ecosystem if "France Services" in actor.dispositifs]
    assert places and all(actor.extra.get(SERVICES_DEDUCED) == "France Services" for actor in places)
    assert all(set(actor.services) == set(LABEL_RULES[0].services) for actor in places)
    # « Avoir un ordinateur » in Hirson (02381): the France Services of Hirson, 0.4 km away.
    answer = orient(ecosystem, OrientationQuery(commune="02381", difficulty="equipement"), load_communes())
    assert answer.reason == "" and answer.places[0].actor.nom == "France services Hirson"
    assert answer.places[0].distance_km < 1
