"""Indicators of digital fragility of the communes of Aisne, Oise and Somme, and an index.

Built by ``scripts/build_fragility.py`` from Data For Good's *batch8_mednum* files (INSEE
2016–2017 census and Filosofi figures, ARCEP 2019 broadband eligibility; see
``data/SOURCES.md``). They approximate digital fragility: this is **not** the official
*Indice de fragilité numérique* (IFN), and every figure is from 2016–2019.

The index (``indice_fragilite``, 0–100, higher is more fragile) is the mean of the
percentile ranks, among the 2,248 communes, of the indicators of :data:`INDEX_INDICATORS`:
people of 15 and over without a diploma, single-person households, single-parent families,
people of 65 and over, premises *not* eligible to high-speed broadband, and the poverty
rate where INSEE publishes it for the commune. Equal weights, because no published weighting
is reproducible from these figures; percentile ranks, because the indicators have different
units and skews. It needs at least :data:`MINIMUM_INDICATORS` of them; otherwise
``raison`` says why there is none.

>>> table = fragility_table(["80021"])
>>> table.loc[0, "code_insee"], bool(0 <= table.loc[0, "indice_fragilite"] <= 100)
('80021', True)
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from importlib import resources

import pandas as pd

#: Written instead of a poverty rate INSEE does not publish for the commune (a fill).
NOT_PUBLISHED = "non publié pour la commune"
#: Indicators of the index, and whether a high value means more fragile.
INDEX_INDICATORS = {
    "sans_diplome_15_ans_plus": True,
    "menages_une_personne": True,
    "familles_monoparentales": True,
    "personnes_65_ans_plus": True,
    "eligibilite_thd": False,
    "taux_pauvrete": True,
}
MINIMUM_INDICATORS = 4
#: Each indicator: French label, year and source.
INDICATORS = {
    "sans_diplome_15_ans_plus": ("part des 15 ans et plus sans diplôme (%)", "2017", "Insee, recensement"),
    "menages_une_personne": ("part des ménages d'une personne (%)", "2017", "Insee, recensement"),
    "familles_monoparentales": ("part des familles monoparentales (%)", "2017", "Insee, recensement"),
    "personnes_65_ans_plus": ("part des 65 ans et plus (%)", "2017", "Insee, recensement"),
    "personnes_25_ans_moins": ("part des 25 ans et moins (%)", "2017", "Insee, recensement"),
    "eligibilite_thd": ("locaux éligibles au très haut débit (%)", "2019", "Arcep"),
    "taux_pauvrete": ("taux de pauvreté (%)", "2017", "Insee, Filosofi"),
}
#: Columns of the embedded table.
TABLE_COLUMNS = (
    "code_insee",
    *INDICATORS,
    "pauvrete_non_publiee",
    "anciens_codes",
    "indicateurs_indice",
    "indice_fragilite",
)
_FILE = resources.files("nec_network.territory") / "data" / "fragilite.csv.gz"


@functools.lru_cache(maxsize=1)
def _table() -> pd.DataFrame:
    with _FILE.open("rb") as stream:
        table = pd.read_csv(stream, compression="gzip", dtype={"code_insee": str, "anciens_codes": str},
                            keep_default_na=False, na_values=[""])
    table["anciens_codes"] = table["anciens_codes"].fillna("")
    table["pauvrete_non_publiee"] = table["pauvrete_non_publiee"].astype(str).eq("True")
    return table


def _reason(row: pd.Series) -> str:
    if pd.notna(row["indice_fragilite"]):
        return ""
    if row["indicateurs_indice"] == 0:
        return "commune absente des données 2016–2019"
    return f"{int(row['indicateurs_indice'])} indicateurs sur {len(INDEX_INDICATORS)} publiés (il en faut {MINIMUM_INDICATORS})"


def fragility_table(codes: Iterable[str] | None = None) -> pd.DataFrame:
    """The indicators and index of the communes ``codes`` (all embedded ones when None).

    Columns: ``code_insee``, the indicators of :data:`INDICATORS` (empty when not
    published), ``taux_pauvrete_statut`` (``publié``, :data:`NOT_PUBLISHED` or ``absent``),
    ``anciens_codes`` (former communes averaged, by population, into a commune nouvelle),
    ``indice_fragilite``, ``raison`` (why there is no index) and ``annees``.
    """
    table = _table()
    if codes is not None:
        table = table[table["code_insee"].isin(set(codes))]
    table = table.reset_index(drop=True).copy()
    table["taux_pauvrete_statut"] = [
        "publié" if pd.notna(rate) else (NOT_PUBLISHED if fill else "absent")
        for rate, fill in zip(table["taux_pauvrete"], table["pauvrete_non_publiee"], strict=True)
    ]
    table["raison"] = table.apply(_reason, axis=1) if len(table) else pd.Series(dtype=str)
    table["annees"] = "2016–2019"
    return table.drop(columns=["pauvrete_non_publiee", "indicateurs_indice"])
