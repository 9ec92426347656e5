"""``--departements`` restricts actors, not only communes: the national France Services list, narrowed.

The real excerpt (tests/fixtures/real) holds every site of Picardie and of its
neighbouring départements, so the coverage of Picardie's communes computed from
it is the national list's.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from nec_network.analysis.consolidation import consolidate
from nec_network.analysis.coverage import coverage_by_commune
from nec_network.analysis.criteria import ActorCriteria, Threshold
from nec_network.analysis.orientation import OrientationQuery, orient
from nec_network.cli import main
from nec_network.io import read_ecosystem
from nec_network.distance import great_circle_km
from nec_network.settings import CONTEXT_MARGIN_KM
from nec_network.territory import PICARDIE, get_commune, load_communes

EXCERPT = Path(__file__).resolve().parents[1] / "fixtures" / "real" / "france-services-2022-12-extrait.csv"


@pytest.fixture(scope="module")
def national(tmp_path_factory) -> Path:
    """The excerpt imported whole (Picardie, its neighbours, overseas…)."""
    folder = tmp_path_factory.mktemp("fs") / "national"
    assert main(["import", str(EXCERPT), "--mapping", "france-services", "-o", str(folder)]) == 0
    return folder


def _within_km_of(communes: pd.DataFrame, actor, km: float) -> bool:
    """Brute force oracle: the actor's point within ``km`` of one of the communes' points."""
    if actor.has_coordinates:
        lat, lon = actor.latitude, actor.longitude
    else:
        commune = get_commune(actor.code_insee)
        lat, lon = commune.latitude, commune.longitude
    distances = great_circle_km(lat, lon, communes["latitude"].to_numpy(float), communes["longitude"].to_numpy(float))
    return bool((distances <= km).any())


def test_import_keeps_the_places_of_the_departements_and_their_surroundings(national, tmp_path, capsys):
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
    own = [actor.id for actor in kept if not actor.outside_territory]
    assert sorted(own) == expected
    assert sorted(actor.id for actor in ActorCriteria().territory(kept)) == expected
    communes = load_communes()
    around = sorted(
        actor.id for actor in everything
        if actor.id not in expected and _within_km_of(communes, actor, CONTEXT_MARGIN_KM)
    )  # fmt: skip
    assert sorted(actor.id for actor in kept if actor.outside_territory) == around
    assert CONTEXT_MARGIN_KM >= 30 and {everything[i].departement for i in around} >= {"08", "51", "59", "62", "76", "77", "95"}
    with EXCERPT.open(encoding="utf-8", newline="") as stream:
        picardie_rows = sum(row["insee_dep"] in PICARDIE for row in csv.DictReader(stream))
    unknown = sum(not actor.departement for actor in everything)
    assert 0 < len(expected) - unknown <= picardie_rows < len(everything)
    left = len(everything) - len(expected) - len(around)
    assert f"Territoire (02, 60, 80) : {len(expected)} acteurs gardés" in printed
    assert f"{len(around)} lieux à moins de 30 km gardés comme contexte « hors territoire »" in printed
    assert f"{left} acteurs plus loin laissés de côté" in printed


@pytest.fixture(scope="module")
def restricted(tmp_path_factory) -> Path:
    """The excerpt imported for Picardie only (with its surroundings)."""
    folder = tmp_path_factory.mktemp("fs") / "picardie"
    assert main([
        "import", str(EXCERPT), "--mapping", "france-services", "--departements", "02,60,80", "-o", str(folder),
    ]) == 0  # fmt: skip
    return folder


def test_a_restricted_import_gives_the_national_coverage_of_every_commune(national, restricted):
    communes = load_communes()
    whole = coverage_by_commune(read_ecosystem(national)[0], communes, threshold=Threshold(max_km=10))
    narrowed = coverage_by_commune(read_ecosystem(restricted)[0], communes, threshold=Threshold(max_km=10))
    assert len(whole) == 2248
    assert narrowed["covered"].tolist() == whole["covered"].tolist()
    assert narrowed["nearest_actor"].tolist() == whole["nearest_actor"].tolist()
    assert np.allclose(narrowed["distance_km"], whole["distance_km"], equal_nan=True)


#: Border communes whose nearest places include places across the border: Hirson (Nord,
#: Ardennes), Viels-Maisons (Marne, Seine-et-Marne), Plailly (Val-d'Oise, Seine-et-Marne),
#: Ault (Seine-Maritime), Rue (Pas-de-Calais).
BORDER_COMMUNES = ("02381", "02798", "60494", "80039", "80688")


def test_a_restricted_import_gives_the_national_nearest_places_of_border_communes(national, restricted):
    whole, narrowed = read_ecosystem(national)[0], read_ecosystem(restricted)[0]
    communes = load_communes()
    for code in BORDER_COMMUNES:
        query = OrientationQuery(commune=code)
        first = [place.actor.id for place in orient(whole, query, communes).places[:5]]
        assert len(first) == 5 and any(whole[i].departement not in PICARDIE for i in first), code
        assert [place.actor.id for place in orient(narrowed, query, communes).places[:5]] == first, code


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
    assert (written["couvert"] == "oui").tolist() == with_neighbours["covered"].tolist()
    # Border communes covered by a site across the border (Nord, Marne, Val-d'Oise…).
    across = with_neighbours["covered"] & ~only_picardie["covered"]
    assert across.sum() > 0
    nearest = set(with_neighbours.loc[across, "nearest_actor"])
    assert all(everything[actor].departement not in PICARDIE for actor in nearest)


def test_map_draws_the_territory_s_actors_and_fades_its_surroundings(national, tmp_path, capsys):
    everything, _ = read_ecosystem(national)
    somme = load_communes(departements=["80"])
    inside = next(actor for actor in everything if actor.departement == "80")
    around = [actor for actor in everything if actor.departement not in ("80", "") and actor.has_coordinates
              and _within_km_of(somme, actor, CONTEXT_MARGIN_KM)]
    far = next(actor for actor in everything if actor.departement == "77")
    page = tmp_path / "carte.html"
    assert main(["map", str(national), "--departements", "80", "--sans-fond", "-o", str(page)]) == 0
    html = page.read_text(encoding="utf-8")
    data = json.loads(re.search(r'<script type="application/json" id="nec-donnees">(.*?)</script>', html, re.S).group(1))
    columns = data["acteurs"]["colonnes"]
    drawn = dict(zip(columns["id"], columns["hors_territoire"], strict=True))  # id: outside the territory
    assert inside.id in drawn and not drawn[inside.id]
    assert far.id not in drawn
    assert {actor.id for actor in around} == {i for i, outside in drawn.items() if outside}
    assert data["hors_territoire"] == len(around) > 0
    # The legend's counts are the territory's own actors.
    assert sum(typology["nombre"] for typology in data["typologies"]) == len(drawn) - len(around)
    somme_actors = sum(actor.departement in ("80", "") for actor in everything)
    printed = capsys.readouterr().out
    assert f"sur {somme_actors}, {len(around)} lieux voisins « hors territoire » estompés" in printed


def test_the_report_says_how_many_places_around_the_territory_it_counted(restricted, tmp_path, capsys):
    kept, _ = read_ecosystem(restricted)
    around = sum(actor.outside_territory for actor in kept)
    page = tmp_path / "rapport.html"
    assert main(["report", str(restricted), "-o", str(page)]) == 0
    text = (tmp_path / "rapport.md").read_text(encoding="utf-8")
    assert f"comptent aussi {around} lieux voisins « hors territoire »" in text
    assert f"**{len(kept) - around}** acteurs recensés" in text


def test_a_restricted_import_lists_only_what_it_keeps(national, restricted, capsys):
    kept = {actor.id for actor in read_ecosystem(restricted)[0]}
    merged = pd.read_csv(restricted / "doublons.csv", dtype=str, keep_default_na=False)
    merged_into = dict(zip(merged["id"], merged["id_conserve"]))
    assert set(merged["id_conserve"]) <= kept
    warnings = pd.read_csv(restricted / "avertissements.csv", dtype=str, keep_default_na=False)
    assert len(warnings) and all(merged_into.get(actor, actor) in kept for actor in warnings["id"])
    uncertain = pd.read_csv(restricted / "doublons-a-verifier.csv", dtype=str, keep_default_na=False)
    assert all(first in kept or second in kept for first, second in zip(uncertain["id_1"], uncertain["id_2"]))
    # The national import of the same excerpt lists more: the places set aside.
    everything = pd.read_csv(national / "avertissements.csv", dtype=str, keep_default_na=False)
    national_pairs = pd.read_csv(national / "doublons-a-verifier.csv", dtype=str, keep_default_na=False)
    assert len(everything) > len(warnings) and len(national_pairs) > len(uncertain)


def test_a_restricted_import_says_what_it_set_aside(tmp_path, capsys):
    folder = tmp_path / "somme"
    assert main(["import", str(EXCERPT), "--mapping", "france-services", "--departements", "Somme",
                 "-o", str(folder)]) == 0
    printed = capsys.readouterr().out
    assert "Territoire (80) :" in printed and "ne sont pas listés" in printed
    balance = next(line for line in printed.splitlines() if line.startswith("Bilan"))
    assert "hors territoire mis de côté" in balance
    # The balance adds up and sets aside exactly the actors the territory line says it left out.
    count = r"(\d[\d\u202f\u00a0 ]*)"
    def value(pattern: str, text: str) -> int:
        return int(re.sub(r"\D", "", re.search(pattern, text).group(1)))
    territory = next(line for line in printed.splitlines() if line.startswith("Territoire (80)"))
    left_out = value(count + r" acteurs? plus loin laissés? de côté", territory)
    assert value(r"− " + count + r" hors territoire mis de côté", balance) == left_out
    imported = value(count + r" acteurs? importés?", balance)
    merged = value(r"− " + count + r"(?: \(dont [^)]*\))? réunis à un doublon", balance)
    written = value(r"= " + count + r" acteurs? écrits?", balance)
    context = value(count + r" lieux? à moins de", territory)
    own = value(r"Territoire \(80\) : " + count, territory)
    assert imported - merged - left_out == written == own + context
    kept = read_ecosystem(folder)[0]
    assert {actor.departement for actor in ActorCriteria().territory(kept)} <= {"80", ""}


@pytest.mark.parametrize("command", ["import", "coverage"])
def test_an_unknown_departement_is_refused_before_any_work(command, tmp_path, capsys):
    source = str(tmp_path / "absent.csv")  # never read: the option is checked first
    assert main([command, source, "--departements", "80,99", "-o", str(tmp_path / "sortie")]) == 2
    error = capsys.readouterr().err
    assert "Département inconnu : « 99 »" in error and "absent" not in error
    assert not (tmp_path / "sortie").exists()
