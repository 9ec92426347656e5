"""``nec-network analyse`` and ``journey`` on the demo, and on a hand-made case for the threshold."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from nec_network.cli import main
from nec_network.demo import demo_path
from nec_network.views.tables import TABLE_FILES


def test_analyse_writes_every_table(tmp_path: Path, capsys) -> None:
    out = tmp_path / "tables"
    assert main(["analyse", str(demo_path()), "-o", str(out), "--sites", "3"]) == 0
    printed = capsys.readouterr()
    assert "tables écrites" in printed.out and "5 personae" in printed.out
    for name in [*TABLE_FILES, "reseau_synthese.csv", "parcours_personae.csv"]:
        assert (out / name).is_file(), name
    communes = pd.read_csv(out / "couverture_communes.csv", dtype=str)
    assert len(communes) == 2248 and set(communes["couvert"]) <= {"oui", "non"}
    assert len(pd.read_csv(out / "sites_recommandes.csv")) <= 3
    metrics = pd.read_csv(out / "acteurs_metriques.csv", dtype=str)
    assert {"degre", "intermediarite", "communaute"} <= set(metrics.columns)
    assert not {"degree", "betweenness", "community"} & set(metrics.columns)
    assert pd.read_csv(out / "liens_departements.csv", dtype=str).columns[0] == "departement"
    local = pd.read_csv(out / "acteurs_sans_partenaire_local.csv", dtype=str)
    assert list(local.columns) == ["id", "nom", "departement", "partenaires", "departements_partenaires"]
    journeys = pd.read_csv(out / "parcours_personae.csv", dtype=str)
    assert journeys["reponse"].dropna().str.startswith("Depuis ").all()
    services = pd.read_csv(out / "couverture_services.csv", dtype=str)
    assert services["communes"].eq("2248").all() and services["population"].eq("1918654").all()
    assert set(journeys["via_itinerance"].dropna()) <= {"oui", "non"}
    for name in [*TABLE_FILES, "reseau_synthese.csv", "parcours_personae.csv"]:
        table = pd.read_csv(out / name, dtype=str, keep_default_na=False)
        for column in table.columns:
            values = [value for value in table[column] if value]
            whole_floats = all(value.endswith(".0") and value[:-2].lstrip("-").isdigit() for value in values)
            assert not (values and whole_floats), f"{name}: {column} écrit des entiers en 2248.0"


def test_journey_by_first_name(capsys) -> None:
    assert main(["journey", str(demo_path()), "--persona", "Jeannine"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Persona : Jeannine") and "Lieux à portée" in out


def test_unknown_persona_lists_the_known_ones(capsys) -> None:
    assert main(["journey", str(demo_path()), "--persona", "personne"]) == 2
    err = capsys.readouterr().err
    assert "Persona inconnu" in err and "retraitee-thierache" in err


def test_missing_personae_file_is_named(capsys, tmp_path: Path) -> None:
    assert main(["journey", str(demo_path()), "--persona", str(tmp_path / "absent.json")]) == 2
    assert "Fichier de personae introuvable" in capsys.readouterr().err


def test_gaps_writes_the_white_zones_as_geojson_or_csv(tmp_path: Path, capsys) -> None:
    import json

    options = ["--departements", "80", "--max-km", "5"]
    geojson, table = tmp_path / "zones.geojson", tmp_path / "zones.csv"
    for target in (geojson, table):
        command = ["gaps", str(demo_path()), *options, "-o", str(tmp_path / "trous.csv")]
        assert main([*command, "--zones-blanches", str(target), "--force"]) == 0
    capsys.readouterr()
    collection = json.loads(geojson.read_text(encoding="utf-8"))
    rows = pd.read_csv(table, dtype=str)
    features = collection["features"]
    assert collection["type"] == "FeatureCollection" and len(features) == len(rows) > 1
    for feature, row in zip(features, rows.itertuples(index=False), strict=True):
        properties = feature["properties"]
        assert feature["geometry"]["type"] == "MultiPolygon" and feature["geometry"]["coordinates"]
        assert properties["communes"] == row[list(rows.columns).index("communes")].split("|")
        assert properties["nombre_communes"] == len(properties["communes"])
        assert properties["forme"].startswith("formes des communes (IGN ADMIN EXPRESS")
    assert sum(f["properties"]["population"] for f in features) == sum(
        int(value) for value in pd.read_csv(tmp_path / "trous.csv", dtype=str)["population"]
    )


def test_gaps_writes_the_priority_communes(tmp_path: Path, capsys) -> None:
    path = tmp_path / "prioritaires.csv"
    command = ["gaps", str(demo_path()), "--departements", "80", "--max-km", "8"]
    assert main([*command, "-o", str(tmp_path / "trous.csv"), "--prioritaires", str(path)]) == 0
    capsys.readouterr()
    table = pd.read_csv(path, dtype={"code_insee": str})
    gaps = pd.read_csv(tmp_path / "trous.csv", dtype={"code_insee": str})
    assert list(table.columns[:3]) == ["priorite", "code_insee", "nom"]
    assert {"indice_fragilite", "population_fragile", "raison"} <= set(table.columns)
    assert sorted(table["code_insee"]) == sorted(gaps["code_insee"]) and len(table) > 10
    assert table["population_fragile"].dropna().is_monotonic_decreasing
    assert table["raison"].str.startswith("non couverte").all()


def test_recommend_weighted_by_fragility_says_how_it_differs(tmp_path: Path, capsys) -> None:
    path = tmp_path / "sites.csv"
    command = ["recommend", str(demo_path()), "--sites", "3", "--ponderation", "fragilite"]
    assert main([*command, "-o", str(path)]) == 0
    out = capsys.readouterr().out
    line = next(text for text in out.splitlines() if text.startswith("Pondération par la fragilité"))
    assert "(indice 2016–2019, approximation, pas l'IFN officiel)" in line
    assert "habitants fragiles couverts (sans pondération : " in line
    table = pd.read_csv(path, dtype={"code_insee": str})
    assert {"gain_population", "gain_population_fragile"} <= set(table.columns) and len(table) == 3
    assert (table["gain_population_fragile"] <= table["gain_population"]).all()


def test_gaps_and_recommend_use_the_users_fragility_file(tmp_path: Path, capsys) -> None:
    import json

    # Doullens (80253, uncovered at 3 km) has the file's index; a bad value and an unknown code
    # are said, never a traceback.
    ifn = tmp_path / "ifn.csv"
    ifn.write_text("COM;SCORE\n80253;90\n80021;n.d.\n99999;10\n", encoding="utf-8")
    mapping = tmp_path / "ifn.json"
    mapping.write_text(json.dumps({"nom": "IFN officiel", "code_insee": "COM", "indice": "SCORE"}), encoding="utf-8")
    path = tmp_path / "prioritaires.csv"
    command = ["gaps", str(demo_path()), "--departements", "80", "--max-km", "3", "--prioritaires", str(path)]
    assert main([*command, "-o", str(tmp_path / "trous.csv"), "--fragilite", f"{ifn}:{mapping}"]) == 0
    printed = capsys.readouterr()
    assert f"Fragilité numérique : IFN officiel chargé depuis {ifn}, 2 lignes retenues sur 3 ; 1 ligne écartée ; 1 valeur illisible laissée vide" in printed.err
    assert f"{ifn}, ligne 3, colonne « SCORE » : valeur non numérique : laissée vide" in printed.err
    assert f"{ifn}, ligne 4, colonne « COM » : code INSEE inconnu" in printed.err
    assert f"Communes prioritaires (IFN officiel chargé depuis {ifn}) :" in printed.out
    table = pd.read_csv(path, dtype={"code_insee": str}).set_index("code_insee")
    assert table.loc["80253", "priorite"] == 1 and table.loc["80253", "indice_fragilite"] == 90
    assert table.loc["80253", "population_fragile"] == round(5751 * 0.9)
    assert f"(IFN officiel chargé depuis {ifn})" in table.loc["80253", "raison"]
    others = table.drop(index="80253")
    assert others["indice_fragilite"].isna().all() and len(others) > 100
    assert others["raison"].str.endswith(f"pas d'indice de fragilité : commune absente de {ifn}").all()
    assert "approximation" not in " ".join(table["raison"])

    sites = tmp_path / "sites.csv"
    assert main(["recommend", str(demo_path()), "--sites", "2", "--ponderation", "fragilite", "-o", str(sites),
                 "--fragilite", f"{ifn}:{mapping}"]) == 0
    line = next(text for text in capsys.readouterr().out.splitlines() if text.startswith("Pondération"))
    assert line.startswith(f"Pondération par la fragilité numérique (IFN officiel chargé depuis {ifn}) : ")


def test_a_bad_fragility_file_stops_before_reading_the_ecosystem(tmp_path: Path, capsys, monkeypatch) -> None:
    import nec_network.io

    def never(*_args, **_kwargs):
        raise AssertionError("the ecosystem was read before the fragility file was checked")

    monkeypatch.setattr(nec_network.io, "read_ecosystem", never)
    ifn = tmp_path / "ifn.csv"
    ifn.write_text("commune;score\nAmiens;3\n", encoding="utf-8")
    for command in (["gaps", "--prioritaires", str(tmp_path / "p.csv")], ["report", "-o", str(tmp_path / "r.html")],
                    ["recommend", "--sites", "2", "--ponderation", "fragilite", "-o", str(tmp_path / "s.csv")]):
        assert main([command[0], str(demo_path()), *command[1:], "--fragilite", str(ifn)]) != 0
        err = capsys.readouterr().err
        assert f"{ifn}, ligne 1 : aucune colonne de code INSEE" in err and "Traceback" not in err


def _laon_and_one_place(folder: Path) -> Path:
    """A persona in Laon who needs help with online procedures, by car, and one place that
    offers it at Barenton-Bugny: 8.0 km as the crow flies from Laon's point (by hand: the
    default 20 minutes by car reach 20/60 × 50 / 1.3 = 12.8 km; with a detour of 2.2,
    20/60 × 50 / 2.2 = 7.6 km)."""
    from nec_network.io import write_ecosystem
    from nec_network.io.personae import write_personae
    from nec_network.model import Actor, Ecosystem, Persona

    place = Actor("fs-barenton", "France Services de Barenton (fictif)", code_insee="02046", commune="Barenton-Bugny",
                  latitude=49.63333, longitude=3.65143, services=("Aide aux démarches administratives",))
    write_ecosystem(Ecosystem([place]), folder, to="modele")
    write_personae([Persona("josiane", "Josiane", "02408", ("Aide aux démarches administratives",))],
                   folder / "personae.json")
    return folder


@pytest.mark.parametrize(
    ("options", "in_reach"),
    [([], True), (["--max-km", "5"], False), (["--max-km", "9"], True), (["--detour", "2.2"], False)],
)
def test_max_km_and_the_detour_reach_the_journey(tmp_path: Path, capsys, options, in_reach) -> None:
    source = _laon_and_one_place(tmp_path / "eco")
    assert main(["journey", str(source), "--persona", "josiane", *options]) == 0
    said = capsys.readouterr().out
    assert ("France Services de Barenton (fictif) (Barenton-Bugny) — 8,0 km" in said) is in_reach


def test_max_km_and_the_detour_reach_the_personae_journeys_of_analyse(tmp_path: Path) -> None:
    source = _laon_and_one_place(tmp_path / "eco")
    for options, in_reach in ((["--max-km", "9"], True), (["--max-km", "5"], False), (["--detour", "2.2"], False)):
        out = tmp_path / "-".join(options)
        assert main(["analyse", str(source), "--departements", "02", "-o", str(out), "--sites", "1", *options]) == 0
        trips = pd.read_csv(out / "parcours_personae.csv", dtype=str, keep_default_na=False)
        (answer,) = [text for text in trips["reponse"] if text]
        assert answer.startswith("Depuis Laon, aucun lieu") is not in_reach
        assert bool((trips["acteur"] == "fs-barenton").any()) is in_reach
