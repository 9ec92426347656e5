"""``--departements`` restricts actors, not only communes: the national France Services list, narrowed.

The real excerpt (tests/fixtures/real) holds every site of Picardie and of its
neighbouring départements, so the coverage of Picardie's communes computed from
it is the national list's.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

from nec_network.analysis.consolidation import consolidate
from nec_network.analysis.coverage import coverage_by_commune
from nec_network.analysis.criteria import ActorCriteria, Threshold
from nec_network.cli import main
from nec_network.io import read_ecosystem
from nec_network.territory import PICARDIE, load_communes

EXCERPT = Path(__file__).resolve().parents[1] / "fixtures" / "real" / "france-services-2022-12-extrait.csv"


@pytest.fixture(scope="module")
def national(tmp_path_factory) -> Path:
    """The excerpt imported whole (Picardie, its neighbours, overseas…)."""
    folder = tmp_path_factory.mktemp("fs") / "national"
    assert main(["import", str(EXCERPT), "--mapping", "france-services", "-o", str(folder)]) == 0
    return folder


def test_import_keeps_the_places_of_the_departements_and_says_what_it_left(national, tmp_path, capsys):
    capsys.readouterr()
    folder = tmp_path / "picardie"
    assert main([
        "import", str(EXCERPT), "--mapping", "france-services", "--departements", "02,60,80", "-o", str(folder),
    ]) == 0  # fmt: skip
    printed = capsys.readouterr().out
    # What import writes before the territory filter: the list with its duplicates merged.
    everything = consolidate(read_ecosystem(EXCERPT, mapping="france-services")[0]).ecosystem
    kept, _ = read_ecosystem(folder)
    # A place of unknown commune cannot be said to be elsewhere: kept (and counted).
    expected = sorted(actor.id for actor in everything if actor.departement in PICARDIE or not actor.departement)
    assert sorted(actor.id for actor in kept) == expected
    with EXCERPT.open(encoding="utf-8", newline="") as stream:
        picardie_rows = sum(row["insee_dep"] in PICARDIE for row in csv.DictReader(stream))
    unknown = sum(not actor.departement for actor in everything)
    assert 0 < len(expected) - unknown <= picardie_rows < len(everything)
    left = len(everything) - len(expected)
    assert f"Territoire (02, 60, 80) : {len(expected)} acteurs gardés" in printed
    assert f"{left} acteurs hors territoire laissés de côté" in printed


def test_network_analyses_list_only_the_territory_s_actors(national, tmp_path, capsys):
    out = tmp_path / "tables"
    assert main(["analyse", str(national), "--departements", "02,60,80", "--sites", "2", "-o", str(out)]) == 0
    printed = capsys.readouterr()
    everything, _ = read_ecosystem(national)
    picardie = {actor.id for actor in everything if actor.departement in PICARDIE or not actor.departement}
    metrics = pd.read_csv(out / "acteurs_metriques.csv", dtype=str)
    isolated = pd.read_csv(out / "acteurs_isoles.csv", dtype=str)
    assert set(metrics["id"]) == picardie
    # The list's only partnerships link antennas to their main site (import, #9.6).
    linked = {end for link in everything.partnerships for end in (link.source, link.cible)}
    assert set(isolated["id"]) == picardie - linked and 0 < len(picardie & linked) < len(picardie)
    assert f"({len(picardie)} acteurs, 2 248 communes" in printed.out
    assert "hors des départements analysés" in printed.err


def test_neighbouring_sites_still_cover_border_communes(national, tmp_path, capsys):
    out = tmp_path / "couverture.csv"
    assert main(["coverage", str(national), "--departements", "02,60,80", "--max-km", "10", "-o", str(out)]) == 0
    written = pd.read_csv(out, dtype={"code_insee": str, "acteur_proche": str}, keep_default_na=False)
    everything, _ = read_ecosystem(national)
    communes = load_communes()
    criteria = ActorCriteria(departements=PICARDIE)
    only_picardie = coverage_by_commune(criteria.territory(everything), communes, threshold=Threshold(max_km=10))
    with_neighbours = coverage_by_commune(everything, communes, threshold=Threshold(max_km=10))
    assert (written["couvert"] == "oui").tolist() == with_neighbours["couvert"].tolist()
    # Border communes covered by a site across the border (Nord, Marne, Val-d'Oise…).
    across = with_neighbours["couvert"] & ~only_picardie["couvert"]
    assert across.sum() > 0
    nearest = set(with_neighbours.loc[across, "acteur_proche"])
    assert all(everything[actor].departement not in PICARDIE for actor in nearest)


def test_map_draws_only_the_territory_s_actors(national, tmp_path, capsys):
    everything, _ = read_ecosystem(national)
    outside = next(actor for actor in everything if actor.departement == "59")
    inside = next(actor for actor in everything if actor.departement == "80")
    page = tmp_path / "carte.html"
    assert main(["map", str(national), "--departements", "80", "--sans-fond", "-o", str(page)]) == 0
    html = page.read_text(encoding="utf-8")
    assert f'"{inside.id}"' in html and f'"{outside.id}"' not in html
    somme = sum(actor.departement in ("80", "") for actor in everything)
    assert f"sur {somme}," in capsys.readouterr().out
