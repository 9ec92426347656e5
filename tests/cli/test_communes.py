"""`nec-network communes`: what a person gets on the command line."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from nec_network.cli import main

REQUIRED = (
    "code_insee,nom,departement,epci_code,epci_nom,population,latitude,longitude,rural,geo_source"
)


def read_csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_of_picardie_has_every_commune_and_the_population(capsys) -> None:
    assert main(["communes", "--departements", "02,60,80", "--format", "csv"]) == 0
    out = capsys.readouterr().out
    rows = read_csv(out)
    assert len(rows) == 2248
    assert sum(int(row["population"]) for row in rows) == 1_918_654
    assert set(REQUIRED.split(",")) <= set(rows[0])
    assert {row["rural"] for row in rows} == {"oui", "non"}
    assert all(row["latitude"] and row["longitude"] for row in rows)
    saint_quentin = next(row for row in rows if row["code_insee"] == "02691")
    assert (saint_quentin["nom"], saint_quentin["departement"], saint_quentin["rural"]) == (
        "Saint-Quentin",
        "02",
        "non",
    )
    assert out.splitlines()[0].startswith("code_insee,nom,departement,")


def test_picardie_is_the_default(capsys) -> None:
    assert main(["communes"]) == 0
    assert len(read_csv(capsys.readouterr().out)) == 2248


def test_departement_codes_are_forgiving(capsys) -> None:
    assert main(["communes", "--departements", "2, 80"]) == 0
    assert {row["departement"] for row in read_csv(capsys.readouterr().out)} == {"02", "80"}


def test_json_of_one_epci(capsys) -> None:
    assert main(["communes", "--epci", "200071892", "--format", "json"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert {record["epci_nom"] for record in records} == {"CA du Saint-Quentinois"}
    assert "02691" in {record["code_insee"] for record in records}
    assert isinstance(records[0]["rural"], bool) and isinstance(records[0]["population"], int)


def test_geojson_written_to_a_file(tmp_path: Path, capsys) -> None:
    target = tmp_path / "sortie" / "somme.geojson"
    assert main(["communes", "--departements", "80", "--format", "geojson", "-o", str(target)]) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "771 communes écrites dans" in captured.err
    collection = json.loads(target.read_text(encoding="utf-8"))
    assert collection["type"] == "FeatureCollection"
    assert "GeoNames" in collection["attribution"]
    amiens = next(f for f in collection["features"] if f["properties"]["code_insee"] == "80021")
    longitude, latitude = amiens["geometry"]["coordinates"]
    assert 2.2 < longitude < 2.4 and 49.8 < latitude < 49.95


def test_region_selection_and_all_of_france(capsys) -> None:
    assert main(["communes", "--region", "32"]) == 0
    assert {row["departement"] for row in read_csv(capsys.readouterr().out)} == {
        "02",
        "59",
        "60",
        "62",
        "80",
    }
    assert main(["communes", "--departements", "all"]) == 0
    assert len(read_csv(capsys.readouterr().out)) == 34_875


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--departements", "99"], "Erreur : Département inconnu : « 99 ».\n"),
        (["--epci", "123"], "Erreur : EPCI inconnu : « 123 ».\n"),
        (["--region", "99"], "Erreur : Région inconnue : « 99 ».\n"),
    ],
)
def test_unknown_codes_give_a_french_error_and_exit_code_2(arguments, message, capsys) -> None:
    assert main(["communes", *arguments]) == 2
    captured = capsys.readouterr()
    assert captured.err == message
    assert captured.out == ""
    assert "Traceback" not in captured.err


def test_unknown_format_is_refused(capsys) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["communes", "--format", "xml"])
    assert caught.value.code == 2
    assert "erreur" in capsys.readouterr().err


def test_count_of_communes_written_agrees_in_number(tmp_path: Path, capsys) -> None:
    # The Saint-Quentinois (Aisne) has no commune in Oise.
    target = tmp_path / "vide.csv"
    assert main(["communes", "--departements", "60", "--epci", "200071892", "-o", str(target)]) == 0
    assert "0 commune écrite dans" in capsys.readouterr().err


def test_communes_csv_carries_the_fragility_index_and_its_reason(tmp_path, capsys):
    import pandas as pd

    from nec_network.cli import main

    path = tmp_path / "communes.csv"
    assert main(["communes", "--departements", "80,75", "-o", str(path)]) == 0
    capsys.readouterr()
    table = pd.read_csv(path, dtype=str, keep_default_na=False).set_index("code_insee")
    for column in ("indice_fragilite", "indice_fragilite_raison", "taux_pauvrete", "taux_pauvrete_statut",
                   "sans_diplome_15_ans_plus", "eligibilite_thd", "fragilite_annees"):  # fmt: skip
        assert column in table.columns
    assert table.loc["75056", "indice_fragilite"] == ""
    assert table.loc["75056", "indice_fragilite_raison"] == "hors des départements couverts (02, 60, 80)"
    amiens = table.loc["80021"]
    assert 0 <= float(amiens["indice_fragilite"]) <= 100 and amiens["fragilite_annees"] == "2016–2019"
    somme = table[table.index.str.startswith("80")]
    assert (somme["taux_pauvrete_statut"] == "non publié pour la commune").sum() >= 700
    assert (somme.loc[somme["taux_pauvrete_statut"] != "publié", "taux_pauvrete"] == "").all()
