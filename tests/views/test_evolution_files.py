"""evolution.json carries the EventEffect figures under their French keys, unchanged."""

from __future__ import annotations

import datetime as dt

import pytest

from nec_network.analysis.evolution import evolution_summary
from nec_network.model import Actor, Ecosystem, Event, PartialDate, Partnership
from nec_network.views.evolution_files import EFFECT_KEYS, created_ties_table, evolution_document, survival_table


@pytest.fixture
def ecosystem() -> Ecosystem:
    actors = [Actor(x, f"Acteur fictif {x}", code_insee="02691" if x in "ab" else "80021") for x in "abcd"]
    links = [Partnership("a", "b", "partenariat", debut=PartialDate(2023)),
             Partnership("b", "c", "partenariat", debut=PartialDate(2025, 7), fin=PartialDate(2025, 12)),
             Partnership("c", "d", "orientation", evenement="nec")]
    return Ecosystem(actors, links, events=[Event("nec", "NEC fictif", PartialDate(2025, 6, 12), participants=("c", "d"))])


def test_the_document_holds_every_figure_under_its_french_key(ecosystem: Ecosystem) -> None:
    summary = evolution_summary(ecosystem, at=dt.date(2026, 6, 30), event_id="nec", period="quarter")
    document = evolution_document(summary)
    effect = summary.effect
    assert effect is not None
    for field, key in EFFECT_KEYS.items():
        assert document[key] == getattr(effect, field), key
    assert (document["liens_crees"], document["liens_termines"], document["liens_ponts"]) == (2, 1, 2)
    assert document["ponts_par_raison"] == {"deconnectes": 2, "eloignes": 0, "communautes": 0, "departements": 1,
                                            "typologies": 0}
    assert document["evenement"] == {"id": "nec", "nom": "NEC fictif", "date": "2025-06-12", "commune": "",
                                     "participants": 2}
    assert (document["date_reference"], document["periode"], document["liens_a_la_date"]) == ("2026-06-30",
                                                                                               "trimestre", 2)
    table = created_ties_table(ecosystem, effect)
    assert table[["source", "target", "still_going"]].values.tolist() == [["b", "c", False], ["c", "d", True]]
    assert survival_table(effect)["days"].tolist() == [183.0]  # b-c: 1 July to 31 December 2025


def test_without_an_event_the_event_figures_are_null(ecosystem: Ecosystem) -> None:
    document = evolution_document(evolution_summary(ecosystem, at=dt.date(2024, 1, 1)))
    assert document["evenement"] is None and document["liens_crees"] is None and document["liens_a_la_date"] == 1  # c-d is born in 2025
