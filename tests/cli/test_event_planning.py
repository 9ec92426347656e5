"""``nec-network preparer-evenement``: the three tables and preparer.html, on the demo."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from nec_network.analysis.criteria import ActorCriteria
from nec_network.analysis.event_planning import introductions, invitations, venue_ranking
from nec_network.cli import main
from nec_network.demo import demo_path
from nec_network.io import read_ecosystem
from nec_network.territory import load_communes
from nec_network.views.event_planning_files import INVITATION_REASONS, PLANNING_FILES


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("preparer") / "rencontre"
    assert main(["preparer-evenement", str(demo_path()), "--departements", "80", "-o", str(out)]) == 0
    return out


@pytest.fixture(scope="module")
def somme():
    ecosystem, _ = read_ecosystem(demo_path(), personal_data=False)
    return ActorCriteria(departements=("80",)).territory(ecosystem), load_communes(departements=("80",))


def test_it_writes_the_three_tables_and_the_page(written: Path) -> None:
    assert sorted(path.name for path in written.iterdir() if not path.name.startswith(".")) == sorted(PLANNING_FILES)
    page = (written / "preparer.html").read_text(encoding="utf-8")
    assert '<html lang="fr">' in page and "Qui inviter, et pourquoi" in page and "<script" not in page.split("</main>")[0]


def test_the_venues_are_the_ranking_of_the_somme_actors(written: Path, somme) -> None:
    local, communes = somme
    expected = venue_ranking(local, communes)
    table = rows(written / "lieux_proposes.csv")
    assert len(table) == len(expected) > 0
    assert [row["code_insee"] for row in table] == list(expected["code_insee"])
    assert [int(row["rang"]) for row in table] == list(range(1, len(table) + 1))
    first = table[0]
    assert float(first["minutes_ponderees"]) == pytest.approx(expected["weighted_minutes"].iloc[0], abs=0.06)
    assert first["acteur_le_plus_loin"] == expected["farthest_actor"].iloc[0]
    assert float(first["minutes_ponderees"]) >= float(first["minutes_total"])


def test_the_invitations_carry_their_reasons_in_words(written: Path, somme) -> None:
    local, _ = somme
    table = rows(written / "invitations.csv")
    expected = invitations(local)  # without white zones: a subset of the reasons written
    assert {row["id"] for row in table} >= set(expected["id"])
    words = set(INVITATION_REASONS.values())
    assert table and all(row["raisons"] and set(row["raisons"].split(" ; ")) <= words for row in table)
    isolated = {a.id for a in local if not any(True for _ in local.undirected_graph().neighbors(a.id))}
    assert {row["id"] for row in table if "aucun partenaire" in row["raisons"]} == isolated


def test_the_introductions_cross_communities_with_a_reason(written: Path, somme) -> None:
    local, _ = somme
    table = rows(written / "mises_en_relation.csv")
    expected = introductions(local)
    assert [(row["source"], row["cible"]) for row in table] == list(zip(expected["source"], expected["target"]))
    assert all(row["communaute_source"] != row["communaute_cible"] and "Communautés différentes" in row["raison"]
               for row in table)


def test_a_venue_list_restricts_the_candidates(tmp_path: Path) -> None:
    venues = tmp_path / "lieux.csv"
    venues.write_text("code_insee\n80021\n80001\n", encoding="utf-8")
    out = tmp_path / "rencontre"
    assert main(["preparer-evenement", str(demo_path()), "--departements", "80", "--lieux", str(venues),
                 "-o", str(out)]) == 0
    assert sorted(row["code_insee"] for row in rows(out / "lieux_proposes.csv")) == ["80001", "80021"]


def test_an_unknown_venue_is_a_french_error(tmp_path: Path, capsys) -> None:
    venues = tmp_path / "lieux.csv"
    venues.write_text("code_insee\n99999\n", encoding="utf-8")
    code = main(["preparer-evenement", str(demo_path()), "--departements", "80", "--lieux", str(venues),
                 "-o", str(tmp_path / "rencontre")])
    assert code != 0 and "Commune inconnue pour un lieu candidat : « 99999 »" in capsys.readouterr().err
