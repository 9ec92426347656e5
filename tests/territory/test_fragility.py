"""The embedded digital-fragility table: every commune of 02, 60, 80 has an index or a reason,
INSEE's poverty fill is never a commune's rate, and the index follows its documented formula."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from nec_network.territory import load_communes
from nec_network.territory.fragility import (
    INDEX_INDICATORS,
    MINIMUM_INDICATORS,
    NOT_PUBLISHED,
    fragility_table,
)

# The poverty rate batch8_mednum gives 734 of the Somme's communes (a fill, not their rate).
SOMME_FILL = 32.2564


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    return fragility_table()


def test_every_commune_has_an_index_or_a_reason(table):
    picardie = load_communes()
    assert sorted(table["code_insee"]) == sorted(picardie["code_insee"])
    has_index = table["indice_fragilite"].notna()
    assert (has_index != (table["raison"] != "")).all()
    assert has_index.mean() > 0.99
    assert set(table.loc[~has_index, "raison"]) <= {"commune absente des données 2016–2019"} | {
        f"{n} indicateurs sur {len(INDEX_INDICATORS)} publiés (il en faut {MINIMUM_INDICATORS})"
        for n in range(1, MINIMUM_INDICATORS)
    }
    assert (table["annees"] == "2016–2019").all()


def test_the_poverty_fill_is_never_a_communes_rate(table):
    assert not np.isclose(table["taux_pauvrete"].dropna(), SOMME_FILL, atol=1e-3).any()
    somme = table[table["code_insee"].str.startswith("80")]
    assert (somme["taux_pauvrete_statut"] == NOT_PUBLISHED).sum() >= 700
    published = table["taux_pauvrete_statut"] == "publié"
    assert (table["taux_pauvrete"].notna() == published).all()
    assert table.set_index("code_insee").loc["80021", "taux_pauvrete_statut"] == "publié"  # Amiens


def test_the_index_is_the_mean_of_percentile_ranks(table):
    ranks = pd.concat(
        [
            (table[column] if high else 100 - table[column]).rank(pct=True) * 100
            for column, high in INDEX_INDICATORS.items()
        ],
        axis=1,
    )
    expected = ranks.mean(axis=1).where(ranks.notna().sum(axis=1) >= MINIMUM_INDICATORS)
    assert np.allclose(table["indice_fragilite"], expected, atol=0.051, equal_nan=True)
    assert table["indice_fragilite"].dropna().between(0, 100).all()


def test_communes_nouvelles_average_their_former_communes(table):
    merged = table[table["anciens_codes"] != ""]
    assert len(merged) >= 3
    for row in merged.itertuples():
        assert row.anciens_codes.split("|")[0] == row.code_insee
