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
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
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


def _reason(index: float, indicators: int) -> str:
    """Why a commune has no index (``""`` when it has one), from its index and indicator count."""
    if pd.notna(index):
        return ""
    if indicators == 0:
        return "commune absente des données 2016–2019"
    return f"{int(indicators)} indicateurs sur {len(INDEX_INDICATORS)} publiés (il en faut {MINIMUM_INDICATORS})"


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
    reasons = [
        _reason(index, count)
        for index, count in zip(table["indice_fragilite"], table["indicateurs_indice"], strict=True)
    ]
    table["raison"] = reasons if len(table) else pd.Series(dtype=str)
    table["annees"] = YEARS
    table["source"] = APPROXIMATION
    return table.drop(columns=["pauvrete_non_publiee", "indicateurs_indice"])


#: Years of the embedded figures, and how every page and message names them.
YEARS = "2016–2019"
APPROXIMATION = "approximation de la fragilité numérique (Insee 2017, Arcep 2019), pas l'IFN officiel"


def fragility_index(table: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """The index of each row of ``table`` (columns of :data:`INDEX_INDICATORS`), and how many
    indicators it rests on: the mean of the indicators' percentile ranks among the rows (0–100,
    most fragile high), rounded to 0.1, when at least :data:`MINIMUM_INDICATORS` are known."""
    ranks = [
        ((table[column] if fragile_when_high else 100 - table[column]).rank(pct=True) * 100)
        for column, fragile_when_high in INDEX_INDICATORS.items()
    ]
    ranked = pd.concat(ranks, axis=1)
    count = ranked.notna().sum(axis=1)
    return ranked.mean(axis=1).where(count >= MINIMUM_INDICATORS).round(1), count


@dataclass(frozen=True)
class Fragility:
    """Indicators and index of digital fragility per commune, and where they come from.

    ``table`` has the columns of :func:`fragility_table` (``source`` says, per commune, where its
    index comes from) plus any indicator a user's file added; ``indicators`` gives each
    indicator column its French label, year and source. ``loaded_from`` is the user's file
    (empty: the embedded approximation only), ``name`` what the user calls it (« IFN officiel »)
    and ``index_origin`` ``"embedded"``, ``"file"`` (the file gives the index) or
    ``"recomputed"`` (from the file's indicators, by :func:`fragility_index`).
    """

    table: pd.DataFrame
    indicators: Mapping[str, tuple[str, str, str]] = field(default_factory=lambda: dict(INDICATORS))
    loaded_from: str = ""
    name: str = ""
    index_origin: str = "embedded"

    @property
    def file_label(self) -> str:
        """« IFN officiel chargé depuis F », « indicateurs chargés depuis F » (empty without a user's file)."""
        if not self.loaded_from:
            return ""
        return f"{self.name} chargé depuis {self.loaded_from}" if self.name else f"indicateurs chargés depuis {self.loaded_from}"

    @property
    def index_note(self) -> str:
        """Where the index comes from, in a few words to put after a figure.

        >>> embedded_fragility().index_note
        "indice 2016–2019, approximation, pas l'IFN officiel"
        >>> Fragility(pd.DataFrame(), loaded_from="ifn.csv", name="IFN officiel", index_origin="file").index_note
        'IFN officiel chargé depuis ifn.csv'
        """
        if self.index_origin == "file":
            return self.file_label if self.name else f"indice chargé depuis {self.loaded_from}"
        if self.index_origin == "recomputed":
            named = f" de « {self.name} »" if self.name else ""
            return f"indice recalculé avec les indicateurs{named} chargés depuis {self.loaded_from}"
        return f"indice {YEARS}, approximation, pas l'IFN officiel"

    @property
    def index_sentence(self) -> str:
        """One sentence saying what the index is, for reports."""
        if self.index_origin == "file":
            what = f"« {self.name} »" if self.name else "celui du fichier"
            return f"L’indice de fragilité numérique est {what} chargé depuis {self.loaded_from} (fichier de l’utilisateur)."
        sentence = (
            "L’indice de fragilité numérique (0 à 100, plus haut = plus fragile) est une approximation "
            f"calculée à partir de chiffres {YEARS} (Insee 2017, Arcep 2019 : sans diplôme, ménages "
            "d’une personne, familles monoparentales, 65 ans et plus, très haut débit, pauvreté), "
            "pas l’indice de fragilité numérique (IFN) officiel"
        )
        if self.index_origin == "recomputed":
            named = f" (« {self.name} »)" if self.name else ""
            return f"{sentence} ; il est recalculé ici avec les indicateurs chargés depuis {self.loaded_from}{named}."
        return sentence + "."

    @property
    def outside_reason(self) -> str:
        """Why a commune is not in :attr:`table` at all."""
        reason = "hors des départements couverts (02, 60, 80)"
        return f"{reason} et absente de {self.loaded_from}" if self.loaded_from else reason

    def for_codes(self, codes: Iterable[str]) -> pd.DataFrame:
        """The rows of ``codes`` (a copy)."""
        return self.table[self.table["code_insee"].isin(set(codes))].reset_index(drop=True).copy()


def embedded_fragility() -> Fragility:
    """The embedded indicators of 02, 60 and 80 (:func:`fragility_table`), an approximation."""
    return Fragility(fragility_table())


def with_file_indicators(
    base: Fragility,
    values: pd.DataFrame,
    *,
    loaded_from: str,
    name: str = "",
    year: str = "",
    labels: Mapping[str, str] | None = None,
) -> Fragility:
    """``base`` with the figures of a user's file: ``values`` is indexed by current commune code,
    with indicator columns (an :data:`INDICATORS` name replaces that indicator, any other name adds
    one), ``indice_fragilite`` when the file gives the index (0–100), and ``anciens_codes``.

    For the communes of the file, its columns replace theirs (an empty cell leaves the figure
    empty). When the file gives the index, it is the index of every commune (those it lacks have
    none, with the reason); else, when it replaces indicators of the index, the index is
    recomputed over the table's communes (:func:`fragility_index`); else it stays ``base``'s.
    ``labels`` names the added indicators; ``year`` is the year of the file's figures.
    """
    file = Fragility(pd.DataFrame(), loaded_from=loaded_from, name=name, index_origin="file").file_label
    year = year or "année non précisée"
    columns = [column for column in values.columns if column != "anciens_codes"]
    table = base.table.set_index("code_insee")
    table = table.reindex(table.index.union(values.index))
    rows = values.index
    indicators = dict(base.indicators)
    for column in columns:
        table.loc[rows, column] = values[column].astype(float)
        if column != "indice_fragilite":
            label = (labels or {}).get(column) or indicators.get(column, (column,))[0]
            indicators[column] = (label, year, file)
    table.loc[rows, "anciens_codes"] = values["anciens_codes"]
    table["anciens_codes"] = table["anciens_codes"].fillna("")
    if "taux_pauvrete" in columns:
        table.loc[rows, "taux_pauvrete_statut"] = [
            "publié" if pd.notna(rate) else f"absent de {loaded_from}" for rate in values["taux_pauvrete"]
        ]
    whole = set(INDICATORS) <= set(columns)
    table.loc[rows, "annees"] = year if whole else f"{YEARS} ; fichier : {year}"
    table.loc[rows, "source"] = file if whole else f"{file} ; autres indicateurs : {APPROXIMATION}"
    if "indice_fragilite" in columns:
        origin = "file"
        table["indice_fragilite"] = values["indice_fragilite"].reindex(table.index).astype(float)
        table["raison"] = [
            "" if pd.notna(value) else ("indice vide dans le fichier" if code in rows else f"commune absente de {loaded_from}")
            for code, value in zip(table.index, table["indice_fragilite"], strict=True)
        ]
    elif set(columns) & set(INDEX_INDICATORS):
        origin = "recomputed"
        table["indice_fragilite"], count = fragility_index(table)
        table["raison"] = [
            "" if pd.notna(value) else f"{n} indicateurs sur {len(INDEX_INDICATORS)} connus (il en faut {MINIMUM_INDICATORS})"
            for value, n in zip(table["indice_fragilite"], count, strict=True)
        ]
    else:
        origin = base.index_origin
        table.loc[table["indice_fragilite"].isna() & table["raison"].isna(), "raison"] = (
            f"commune absente des données {YEARS}"
        )
    table["raison"] = table["raison"].fillna("")
    table["taux_pauvrete_statut"] = table["taux_pauvrete_statut"].fillna("absent")
    table.index.name = "code_insee"
    return Fragility(table.reset_index(), indicators, loaded_from=loaded_from, name=name, index_origin=origin)
