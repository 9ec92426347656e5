"""Rurality of communes: the official INSEE density grid when the user has it, else a proxy.

The INSEE *grille communale de densité* is not embedded (it is not in a registry package).
A user can load their own copy of the INSEE file with :func:`load_density_grid` and apply
it with :func:`with_density_grid`; ``densite_source`` then reads ``"insee"``.

Without it, every commune carries the embedded **proxy**: a commune is rural when its
population municipale is below 2,000 inhabitants, the historical INSEE threshold of the
*unité urbaine*. The proxy's labels say so themselves (``"Rural (approximation)"``), so a
map or a table built on them cannot be mistaken for the official grid.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from nec_network.text import normalize_name
from nec_network.errors import DataError
from nec_network.tables import WORKBOOK_SUFFIXES, Workbook, read_csv_rows
from nec_network.tables.workbook import sheet_rows_of

RURAL_POPULATION_THRESHOLD = 2000
RURAL_PROXY_LABEL = "Rural (approximation)"
URBAN_PROXY_LABEL = "Urbain (approximation)"

#: Labels of the rural levels: the 7-level grid (2022 on) and the older 4-level grid.
RURAL_LABELS = (
    "Bourgs ruraux",
    "Rural à habitat dispersé",
    "Rural à habitat très dispersé",
    "Peu dense",
    "Très peu dense",
)
URBAN_LABELS = (
    "Grands centres urbains",
    "Centres urbains intermédiaires",
    "Ceintures urbaines",
    "Petites villes",
    "Très dense",
    "Densité intermédiaire",
)

_LEVEL_PREFIX = re.compile(r"^\s*\d+\s*[-–:.]\s*")
_CODE_HEADERS = {"codgeo", "depcom", "com", "code", "codecom", "code insee", "insee"}
_CODE_HEADER = re.compile(r"^cod(e|geo)?\b.*\b(geo\w*|commune|com|insee)\b")
_HEADER_SEARCH_ROWS = 30


def _label_key(label: str) -> str:
    """Comparison key of a density label: no level number, no ``communes``, no plural."""
    key = normalize_name(_LEVEL_PREFIX.sub("", label))
    key = re.sub(r"^communes? (de )?", "", key)
    return " ".join(
        word[:-1] if word.endswith("s") and len(word) > 3 else word for word in key.split()
    )


_RURAL_KEYS = {_label_key(label) for label in RURAL_LABELS}
_KNOWN_KEYS = _RURAL_KEYS | {_label_key(label) for label in URBAN_LABELS}


def is_rural_label(label: str) -> bool:
    """Whether a label of the INSEE grid (7 or 4 levels) or of the proxy is a rural level.

    >>> is_rural_label("Bourgs ruraux"), is_rural_label("6 - Rural à habitat dispersé")
    (True, True)
    >>> is_rural_label("Ceintures urbaines"), is_rural_label("Communes peu denses")
    (False, True)
    """
    if label == RURAL_PROXY_LABEL:
        return True
    return _label_key(label) in _RURAL_KEYS


def proxy_density(population: pd.Series) -> pd.DataFrame:
    """The proxy's ``rural``, ``densite`` and ``densite_source`` columns from populations.

    >>> proxy_density(pd.Series([150, 52813])).to_dict("records")[0]
    {'rural': True, 'densite': 'Rural (approximation)', 'densite_source': 'proxy'}
    """
    rural = population < RURAL_POPULATION_THRESHOLD
    return pd.DataFrame(
        {
            "rural": rural.astype(bool),
            "densite": rural.map({True: RURAL_PROXY_LABEL, False: URBAN_PROXY_LABEL}).astype(str),
            "densite_source": "proxy",
        },
        index=population.index,
    )


def load_density_grid(path: str | Path) -> pd.Series:
    """Read the INSEE *grille communale de densité* from the user's xlsx or csv copy.

    The title rows above the header are skipped; the code column (``CODGEO``, ``Code
    commune``…) and the label column (``LIBDENS``, ``Libellé…densité``…) are found by
    name, or failing that the label column by its content. Labels are returned as
    written, without a leading level number (``"6 - Rural à habitat dispersé"`` gives
    ``"Rural à habitat dispersé"``). Both the 7-level grid and the older 4-level grid
    are accepted.

    Returns a Series named ``densite`` indexed by INSEE code. Raises
    :class:`~nec_network.errors.DataError` when the file cannot be read that way.
    """
    path = Path(path)
    if not path.exists():
        raise DataError("fichier introuvable", file=str(path))
    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise DataError("ancien format Excel (.xls) : enregistrez le fichier en .xlsx ou en .csv",
                        file=path.name)
    if suffix in WORKBOOK_SUFFIXES:
        with Workbook(path) as workbook:
            sheets = [sheet_rows_of(workbook, name) for name in workbook.sheet_names]
    else:
        sheets = [read_csv_rows(path, search_lines=_HEADER_SEARCH_ROWS)]
    for rows in sheets:
        header = _find_header(rows)
        if header is not None:
            return _grid_from_rows(rows, *header, file=path.name)
    raise DataError(
        "aucune ligne d'en-tête avec une colonne de code commune (CODGEO) et une colonne de "
        "libellé de densité n'a été trouvée : est-ce bien la grille communale de densité "
        "de l'Insee ?",
        file=path.name,
    )


def with_density_grid(communes: pd.DataFrame, grid: pd.Series) -> pd.DataFrame:
    """A new communes frame whose rurality comes from the INSEE grid where it has the commune.

    Communes absent from the grid (created after the grid's vintage) keep the proxy, still
    labelled as such. The input frame is not modified.

    >>> communes = pd.DataFrame({"code_insee": ["80021", "80001"], "rural": [False, True],
    ...     "densite": ["Urbain (approximation)", "Rural (approximation)"],
    ...     "densite_source": ["proxy", "proxy"]})
    >>> grid = pd.Series({"80021": "Centres urbains intermédiaires"})
    >>> with_density_grid(communes, grid)[["rural", "densite", "densite_source"]].values.tolist()
    [[False, 'Centres urbains intermédiaires', 'insee'], [True, 'Rural (approximation)', 'proxy']]
    """
    missing = {"code_insee", "rural", "densite", "densite_source"} - set(communes.columns)
    if missing:
        raise ValueError(f"not a frame of load_communes(): no column {sorted(missing)}")
    result = communes.copy()
    labels = result["code_insee"].map(grid)
    known = labels.notna()
    result.loc[known, "densite"] = labels[known].astype(str)
    result.loc[known, "rural"] = labels[known].map(is_rural_label).astype(bool)
    result.loc[known, "densite_source"] = "insee"
    result["rural"] = result["rural"].astype(bool)
    return result


def _is_code_header(cell: str) -> bool:
    key = normalize_name(cell)
    # A header is a few words; a title such as "Code officiel géographique au 1er janvier" is not.
    return key in _CODE_HEADERS or (len(key.split()) <= 4 and bool(_CODE_HEADER.match(key)))


def _is_label_header(cell: str) -> bool:
    key = normalize_name(cell)
    return "dens" in key and ("lib" in key or "typo" in key or "label" in key)


def _find_header(rows: Sequence[Sequence[str]]) -> tuple[int, int, int] | None:
    """(header row, code column, label column) of the first row that looks like the header.

    The label column is the one named like a density label whose values are labels; else
    any column whose values are labels; else one named like it (whose unknown values will
    then be reported).
    """
    for index, row in enumerate(rows[:_HEADER_SEARCH_ROWS]):
        code_columns = [i for i, cell in enumerate(row) if _is_code_header(cell)]
        if not code_columns:
            continue
        named = [i for i, cell in enumerate(row) if _is_label_header(cell)]
        by_content = _columns_by_content(rows[index + 1 :], len(row))
        ranked = [i for i in named if i in by_content] + by_content + named
        if ranked:
            return index, code_columns[0], ranked[0]
    return None


def _columns_by_content(rows: Sequence[Sequence[str]], width: int) -> list[int]:
    """Columns whose first values are mostly known density labels."""
    sample = [row for row in rows[:200] if any(row)]
    found = []
    for column in range(width):
        values = [row[column] for row in sample if column < len(row) and row[column]]
        if values and sum(_label_key(v) in _KNOWN_KEYS for v in values) > len(values) / 2:
            found.append(column)
    return found


def _grid_from_rows(
    rows: Sequence[Sequence[str]], header: int, code_column: int, label_column: int, *, file: str
) -> pd.Series:
    column_name = rows[header][label_column]
    grid: dict[str, str] = {}
    for offset, row in enumerate(rows[header + 1 :], start=header + 2):
        code = row[code_column].strip() if code_column < len(row) else ""
        if not code:
            continue
        if code.isdigit() and len(code) < 5:
            code = code.zfill(5)
        if not re.fullmatch(r"\d[\dAB]\d{3}", code):
            continue  # a note or a total below the table
        label = _LEVEL_PREFIX.sub("", row[label_column]).strip() if label_column < len(row) else ""
        if _label_key(label) not in _KNOWN_KEYS:
            raise DataError(
                f"libellé de densité inconnu « {label} » pour la commune {code}",
                file=file,
                row=offset,
                column=column_name,
            )
        if code in grid:
            raise DataError(
                f"commune {code} présente deux fois",
                file=file,
                row=offset,
                column=rows[header][code_column],
            )
        grid[code] = label
    if not grid:
        raise DataError("aucune commune lue sous l'en-tête", file=file, row=header + 1)
    return pd.Series(grid, name="densite", dtype=str).rename_axis("code_insee")
