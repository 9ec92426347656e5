"""Names written in survey answers reconciled with the known actors (nec_network.io.survey_names)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from nec_network.demo import load_demo
from nec_network.io.survey_names import (
    SURE,
    SURE_SCORE,
    UNCERTAIN,
    UNCERTAIN_SCORE,
    UNKNOWN,
    ActorNames,
    name_key,
)

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "enquete" / "reponses-fautes.csv"


@pytest.fixture(scope="module")
def demo_names() -> ActorNames:
    return ActorNames.from_actors(load_demo())


def _answers() -> list[tuple[str, str]]:
    """(name written, actor meant or "") for both ends of every answer of the misspelt file."""
    with FIXTURE.open(encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    return [(row[written], row[meant]) for row in rows
            for written, meant in (("repondant", "attendu_repondant"), ("partenaire", "attendu_partenaire"))]


def test_misspelt_answers_are_matched_to_the_right_actor_and_never_to_a_wrong_one(demo_names):
    answers = _answers()
    known = [(written, meant) for written, meant in answers if meant]
    assert len({row for row in answers}) >= 60 and len(known) >= 60
    matches = [(demo_names.match(written), meant) for written, meant in known]
    right = sum(1 for match, meant in matches if match.sure and match.actor_id == meant)
    assert right / len(known) >= 0.95
    wrong_above_threshold = [(match.name, match.actor_id, meant) for match, meant in matches
                             if match.actor_id != meant and match.score >= UNCERTAIN_SCORE and match.sure]
    assert wrong_above_threshold == []


def test_names_of_no_known_actor_are_never_matched_surely(demo_names):
    absent = [written for written, meant in _answers() if not meant]
    assert len(absent) >= 5
    assert [demo_names.match(written).status for written in absent].count(SURE) == 0


def test_the_misspellings_of_the_file_really_differ_from_the_names(demo_names):
    # The test above would be empty if the file only held the exact names.
    exact = sum(1 for written, meant in _answers() if meant and written == demo_names.name(meant))
    assert exact < len([1 for _, meant in _answers() if meant]) / 3


@pytest.mark.parametrize(("written", "expected"), [
    ("Médiathèque de Saint-Quentin", "mediatheque st quentin"),
    ("mediatheque St Quentin", "mediatheque st quentin"),
    ("Médiathèque Saint Quentin", "mediatheque st quentin"),
    ("EPN d'Étreux", "espace public numerique etreux"),
    ("Hub numérique (fictif)", "hub numerique"),
])
def test_name_key_folds_case_accents_articles_saint_brackets_and_abbreviations(written, expected):
    assert name_key(written) == expected


def test_a_qualifier_after_a_dash_may_be_left_out():
    names = ActorNames([("m", "Mairie de Bornel — conseiller numérique"), ("c", "CCAS de Bornel")])
    match = names.match("Mairie de Bornel")
    assert (match.actor_id, match.status, match.score) == ("m", SURE, 100.0)


def test_a_typo_in_the_distinctive_word_is_found_with_its_score_and_reason():
    names = ActorNames([("s", "Médiathèque de Soissons"), ("l", "Médiathèque de Laon"), ("c", "CCAS de Soissons")])
    match = names.match("Mediatheque Soisons")
    assert match.actor_id == "s" and match.status == SURE and SURE_SCORE <= match.score < 100
    assert "soisons" in match.reason and "Médiathèque de Soissons" in match.reason


def test_another_number_is_another_place_never_a_sure_match():
    names = ActorNames([("c2", "Centre social d'Amiens — quartier 2"), ("c", "Centre social d'Amiens")])
    match = names.match("Centre social Amiens quartier 3")
    assert match.status != SURE


def test_two_close_actors_make_the_match_uncertain_and_name_both():
    names = ActorNames([("a", "Médiathèque de Boves"), ("b", "Médiathèque de Bovel"), ("c", "CCAS de Laon")])
    match = names.match("Mediatheque Bovex")
    assert match.status == UNCERTAIN and {match.actor_id, match.other_id} == {"a", "b"}
    assert "deux acteurs proches" in match.reason


def test_two_actors_with_the_same_name_are_uncertain():
    names = ActorNames([("a", "Centre social"), ("b", "Centre social")])
    assert names.match("centre social").status == UNCERTAIN


def test_unknown_and_empty_names():
    names = ActorNames([("a", "Médiathèque de Laon")])
    assert names.match("Secours populaire de Beauvais").status == UNKNOWN
    assert names.match("  ").status == UNKNOWN
