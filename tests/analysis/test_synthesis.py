"""The synthesis composes the analyses once: its tables agree with the functions it calls."""

from __future__ import annotations

import pandas as pd
import pytest

from nec_network.analysis import coverage as cov
from nec_network.io.personae import read_personae
from nec_network.analysis.synthesis import resources_by_need, synthesize
from nec_network.demo import demo_path, load_demo
from nec_network.model.vocabularies import SERVICES
from nec_network.wording import SYNTHESIS_STEPS


@pytest.fixture(scope="module")
def demo():
    return load_demo()


STEPS: list[str] = []


@pytest.fixture(scope="module")
def synthesis(demo):
    personae = read_personae(demo_path() / "personae.json")
    return synthesize(demo, personae=personae, sites=5, progress=STEPS.append)


def test_progress_gives_step_codes_that_wording_says_in_french(synthesis) -> None:
    assert STEPS == list(SYNTHESIS_STEPS) == ["coverage", "gaps_and_sites", "network", "journeys"]


def test_tables_agree_with_the_underlying_analyses(demo, synthesis) -> None:
    direct = cov.coverage_by_commune(demo)
    pd.testing.assert_frame_equal(synthesis.coverage, direct)
    assert synthesis.coverage_total["population"].iloc[0] == 1_918_654
    assert synthesis.coverage_by_departement["departement"].tolist() == ["02", "60", "80"]
    assert list(synthesis.coverage_by_service["service"]) == list(SERVICES)
    assert len(synthesis.recommendations) <= 5
    assert len(synthesis.journeys) == 5
    assert str(synthesis.threshold) == "à 20 minutes ou moins en voiture"
    assert synthesis.network_summary["actors"] == len(demo)


def test_service_coverage_is_never_above_any_actor_coverage(synthesis) -> None:
    total = synthesis.coverage_total["covered_population_share"].iloc[0]
    assert (synthesis.coverage_by_service["covered_population_share"] <= total + 1e-12).all()


def test_resources_by_need_counts_itinerant_zones_in_their_departement(demo) -> None:
    table = resources_by_need(demo)
    assert set(table["departement"]) == {"02", "60", "80"}
    row = table[(table["service"] == "Aide aux démarches administratives") & (table["departement"] == "02")].iloc[0]
    expected = {
        actor.nom for actor in demo
        if "Aide aux démarches administratives" in actor.services
        and (actor.departement == "02" or any(code.startswith("02") for code in actor.zone_intervention))
    }
    assert set(row["actors"].split("|")) == expected
    assert row["actor_count"] == len(expected)


def test_synthesis_does_not_mutate_the_ecosystem(demo) -> None:
    before = (demo.actors, demo.partnerships)
    synthesize(demo, sites=2)
    assert (demo.actors, demo.partnerships) == before
