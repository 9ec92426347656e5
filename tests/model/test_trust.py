"""Trust signals: completeness over the recommended fields of the national standard, stale entries."""

from __future__ import annotations

import datetime as dt

from nec_network.model import Actor
from nec_network.demo import load_demo
from nec_network.model.trust import (
    RECOMMENDED_FIELDS,
    STALE_AFTER_DAYS,
    completeness,
    completeness_of,
    is_stale,
    missing_fields,
)


def test_completeness_counts_the_filled_recommended_fields():
    actor = Actor("a", "Mairie", commune="Ham", code_postal="80400", telephone="+33322000000")
    assert len(RECOMMENDED_FIELDS) == 18
    assert completeness(actor) == 3 / 18
    assert missing_fields(actor)[:3] == ["pivot", "adresse", "latitude"]


def test_completeness_of_many_actors_is_each_one_s_completeness():
    actors = [*load_demo(), Actor("vide", "Vide"), Actor("a", "A", latitude=49.9, longitude=2.3, precision="commune")]
    assert completeness_of(actors) == [completeness(actor) for actor in actors]
    assert len(set(completeness_of(actors))) >= 4  # the demo's entries are unevenly complete
    assert completeness_of([]) == []


def test_a_commune_point_is_not_a_located_place():
    placed = Actor("a", "A", latitude=49.9, longitude=2.3, precision="commune")
    located = Actor("a", "A", latitude=49.9, longitude=2.3, precision="adresse")
    assert "latitude" in missing_fields(placed) and "latitude" not in missing_fields(located)


def test_stale_after_a_year_before_the_date_given():
    day = dt.date(2024, 6, 1)
    assert not is_stale(Actor("a", "A", date_maj=day - dt.timedelta(days=STALE_AFTER_DAYS)), day)
    assert is_stale(Actor("a", "A", date_maj=day - dt.timedelta(days=STALE_AFTER_DAYS + 1)), day)
    assert not is_stale(Actor("a", "A"), day)
