"""A user's indicator file per commune (``--fragilite FICHIER[:CORRESPONDANCE]``): small hand-made
files whose expected values are computed here by hand."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from nec_network.errors import DataError
from nec_network.io.fragility import read_fragility
from nec_network.territory.former_communes import former_communes
from nec_network.territory.fragility import INDEX_INDICATORS, MINIMUM_INDICATORS, fragility_table


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def ifn_mapping(folder: Path, **extra) -> Path:
    document = {"nom": "IFN officiel", "annee": "2020", "code_insee": "COM", "indice": "SCORE",
                "indice_max": 200, "indicateurs": {"acces": {"colonne": "ACCES", "libelle": "accès aux interfaces"}}}
    return write(folder / "ifn.json", json.dumps(document | extra))


def test_an_official_index_file_replaces_the_index_and_says_so(tmp_path):
    # 02054 is a commune nouvelle (delegated communes 02054 and 02695): given under both codes.
    path = write(tmp_path / "ifn.csv", (
        "COM;LIBCOM;SCORE;ACCES\n"
        "80021;Amiens;110,0;12,5\n"
        "02054;Bazoches;100;10\n"
        "02695;Loupeigne;160;40\n"
        "99999;Nulle part;50;1\n"        # line 5: unknown code
        "80021;Amiens bis;10;1\n"        # line 6: repeated code
        "80001;Abbeville;n.d.;3\n"       # line 7: index not a number
        "80003;Acheux;250;3\n"           # line 8: index out of 0–200
    ))  # fmt: skip
    read = read_fragility(path, ifn_mapping(tmp_path))
    problems = {(problem.row, problem.column): problem.message for problem in read.problems}
    assert problems == {
        (5, "COM"): "code INSEE inconnu (ni commune actuelle ni ancienne commune) : ligne écartée",
        (6, "COM"): "code INSEE déjà lu ligne 2 : ligne écartée",
        (7, "SCORE"): "valeur non numérique : laissée vide",
        (8, "SCORE"): "valeur hors de 0 à 200 : laissée vide",
    }
    assert all(problem.file == str(path) for problem in read.problems)
    assert (read.rows_read, read.rows_kept) == (7, 5)
    fragility = read.fragility
    table = fragility.table.set_index("code_insee")
    assert fragility.index_origin == "file"
    assert fragility.index_note == f"IFN officiel chargé depuis {path}"
    assert table.loc["80021", "indice_fragilite"] == pytest.approx(55.0)  # 110 / 200 × 100
    weights = former_communes().set_index("code")["population"]
    expected = (weights["02054"] * 50 + weights["02695"] * 80) / (weights["02054"] + weights["02695"])
    assert table.loc["02054", "indice_fragilite"] == pytest.approx(expected)
    assert table.loc["02054", "anciens_codes"] == "02054|02695"
    assert table.loc["02054", "acces"] == pytest.approx((weights["02054"] * 10 + weights["02695"] * 40)
                                                      / (weights["02054"] + weights["02695"]))
    assert fragility.indicators["acces"] == ("accès aux interfaces", "2020", f"IFN officiel chargé depuis {path}")
    # Communes the file lacks have no index, and say why; unreadable values stay empty.
    assert np.isnan(table.loc["80002", "indice_fragilite"])
    assert table.loc["80002", "raison"] == f"commune absente de {path}"
    assert table.loc["80001", "raison"] == "indice vide dans le fichier"
    assert "2 lignes écartées" in read.summary() and "2 valeurs illisibles laissées vides" in read.summary()
    # Its own figures keep the file's year; the others stay the approximation's.
    assert table.loc["80021", "annees"] == "2016–2019 ; fichier : 2020"
    assert table.loc["80002", "annees"] == "2016–2019"


def test_indicators_of_the_index_without_an_index_recompute_it(tmp_path):
    # No correspondence: the columns are read by name; nom holds no number and is left aside.
    path = write(tmp_path / "pauvrete.csv", "code_insee,nom,taux_pauvrete,part_sans_voiture\n"
                 "80021,Amiens,25.5,30\n80001,Abbeville,1.5,\n2001,Abbécourt,90,12\n")
    read = read_fragility(path)
    assert read.columns_aside == ("nom",)
    assert [(problem.level, problem.row, problem.suggestion) for problem in read.problems] == [
        ("correction", 4, "02001")
    ]
    fragility = read.fragility
    assert fragility.index_origin == "recomputed"
    assert "recalculé" in fragility.index_note and str(path) in fragility.index_note
    table = fragility.table.set_index("code_insee")
    assert table.loc[["80021", "80001", "02001"], "taux_pauvrete"].tolist() == [25.5, 1.5, 90.0]
    assert (table.loc[["80021", "80001", "02001"], "taux_pauvrete_statut"] == "publié").all()
    assert table.loc["80021", "part_sans_voiture"] == 30.0 and np.isnan(table.loc["80001", "part_sans_voiture"])
    # The index, recomputed here: mean percentile rank of the index's indicators.
    embedded = fragility_table().set_index("code_insee")
    merged = embedded.copy()
    merged.loc[["80021", "80001", "02001"], "taux_pauvrete"] = [25.5, 1.5, 90.0]
    ranks = pd.concat([(merged[c] if high else 100 - merged[c]).rank(pct=True) * 100
                       for c, high in INDEX_INDICATORS.items()], axis=1)
    expected = ranks.mean(axis=1).where(ranks.notna().sum(axis=1) >= MINIMUM_INDICATORS)
    assert np.allclose(table.loc[merged.index, "indice_fragilite"], expected, atol=0.051, equal_nan=True)
    assert table.loc["02001", "indice_fragilite"] > embedded.loc["02001", "indice_fragilite"]


def test_an_added_indicator_leaves_the_embedded_index(tmp_path):
    path = write(tmp_path / "autre.csv", "codgeo;part_illectronisme\n80021;17\n")
    fragility = read_fragility(path).fragility
    assert fragility.index_origin == "embedded"
    assert fragility.index_note == "indice 2016–2019, approximation, pas l'IFN officiel"
    table = fragility.table.set_index("code_insee")
    assert table.loc["80021", "part_illectronisme"] == 17.0
    assert table.loc["80021", "indice_fragilite"] == fragility_table(["80021"]).loc[0, "indice_fragilite"]


def test_a_workbook_is_read_like_a_csv(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["COM", "SCORE", "ACCES"])
    sheet.append(["80021", 120, 3.5])
    sheet.append(["60057", "beaucoup", 2])
    book.save(tmp_path / "ifn.xlsx")
    read = read_fragility(tmp_path / "ifn.xlsx", ifn_mapping(tmp_path))
    table = read.fragility.table.set_index("code_insee")
    assert table.loc["80021", "indice_fragilite"] == pytest.approx(60.0)
    assert [(problem.row, problem.column, problem.value) for problem in read.problems] == [(3, "SCORE", "beaucoup")]


@pytest.mark.parametrize(
    ("content", "mapping", "message"),
    [
        ("COM;SCORE\n80021;1\n", {"code_insee": "COM", "indice": "IFN"}, "colonne(s) absente(s) du fichier : IFN"),
        ("COM;SCORE\n80021;1\n", {"code_insee": "COM", "indice": "SCORE", "poids": 2}, "clé(s) inconnue(s) : poids"),
        ("COM;SCORE\n80021;1\n", {"indice": "SCORE"}, "« code_insee » (la colonne du code INSEE) manque"),
        ("COM;SCORE\n80021;1\n", {"code_insee": "COM", "indicateurs": {"raison": "SCORE"}}, "nom « raison » refusé"),
        ("COM;SCORE\n12345;1\n", {"code_insee": "COM", "indice": "SCORE"}, "aucune ligne utilisable"),
    ],
)
def test_a_wrong_correspondence_or_file_is_said_in_french(tmp_path, content, mapping, message):
    path = write(tmp_path / "ifn.csv", content)
    with pytest.raises(DataError) as caught:
        read_fragility(path, write(tmp_path / "c.json", json.dumps(mapping)))
    assert message in str(caught.value)


def test_without_correspondence_a_file_needs_a_code_column(tmp_path):
    path = write(tmp_path / "ifn.csv", "commune;score\nAmiens;3\n")
    with pytest.raises(DataError, match="aucune colonne de code INSEE"):
        read_fragility(path)
