"""The column-by-column path (io/_fields.py) gives exactly what the cell-by-cell path gives.

A row is settled only when :func:`actor_fields` would read it without changing or saying
anything; the reader then skips ``actor_fields`` for it. Each settled row is compared here with
what ``actor_fields`` makes of it, and each cell that needs a repair or a report is shown to
leave its row to ``actor_fields``.
"""

from __future__ import annotations

import datetime as dt

import pytest

from nec_network.io._fields import settled_fields
from nec_network.io._values import RowContext
from nec_network.io.report import Report
from nec_network.io.template import actor_fields

CLEAN = {
    "id": "lieu-1", "nom": "Médiathèque fictive", "typologie": "BIB|MUNI", "adresse": "1 rue de l'Exemple",
    "code_postal": "80000", "commune": "Amiens", "code_insee": "80021", "latitude": "49.894",
    "longitude": "2.2957", "services": "Accès internet et matériel informatique", "frais": "Gratuit",
    "itinerance": "Fixe", "courriel": "a@exemple.invalid | b@exemple.invalid", "site_web": "",
    "date_maj": "2024-03-05", "precision": "saisie", "ma_colonne": "gardée",
}  # fmt: skip

#: One changed cell each, and why actor_fields must read it (a repair, an error, a rejection,
#: or a spelling it reads without a word).
UNSETTLED = [
    ("id", ""),  # rejected
    ("typologie", "bib"),  # normalised
    ("typologie", "BIB|BIB"),  # duplicate removed
    ("services", "Cuisine"),  # unknown value
    ("code_postal", "8000"),  # padded
    ("code_insee", "80021.0"),  # a number's spelling, read as 80021
    ("latitude", "49,894"),  # a decimal comma, read as 49.894
    ("latitude", "95"),  # out of range
    ("latitude", ""),  # a longitude without latitude
    ("longitude", "inf"),
    ("precision", "Commune"),
    ("itinerance", "oui"),
    ("zone_intervention", "80021"),  # a zone: its codes checked one by one
    ("date_maj", "05/03/2024"),  # a French date, read as 2024-03-05
    ("date_maj", "2024-03-05T10:00"),
    ("date_maj", "2024-02-30"),
]


def _cell_by_cell(row: dict[str, str]) -> tuple[dict, list]:
    report = Report()
    return actor_fields(row, ctx=RowContext("f.csv", 2), report=report), report.problems


def _columns(rows: list[dict[str, str]]) -> dict[str, list[str]]:
    names = dict.fromkeys(name for row in rows for name in row)
    return {name: [row.get(name, "") for row in rows] for name in names}


def test_a_settled_row_gets_the_fields_actor_fields_gives_it_and_nothing_to_say():
    rows = [CLEAN, {**CLEAN, "id": "lieu-2", "latitude": "", "longitude": "", "typologie": "", "ma_colonne": ""},
            {**CLEAN, "id": "lieu-3", "courriel": "c@exemple.invalid", "site_web": "https://exemple.invalid/"}]
    for row, found in zip(rows, settled_fields(_columns(rows), len(rows)), strict=True):
        expected, problems = _cell_by_cell(row)
        assert problems == []
        assert found == expected
        assert list(found["extra"]) == list(expected["extra"])  # same order
    assert settled_fields(_columns(rows), 3)[0]["date_maj"] == dt.date(2024, 3, 5)


@pytest.mark.parametrize(("column", "value"), UNSETTLED)
def test_a_cell_to_repair_or_report_leaves_its_row_to_actor_fields(column, value):
    rows = [CLEAN, {**CLEAN, column: value}]
    clean, changed = settled_fields(_columns(rows), 2)
    assert clean is not None and changed is None


def test_the_unsettled_cells_are_indeed_repaired_or_reported_cell_by_cell():
    silent = []
    for column, value in UNSETTLED:
        if column == "id":
            continue  # rejected by the reader before actor_fields
        fields, problems = _cell_by_cell({**CLEAN, column: value})
        if not problems:  # read without a word, but not as written: left to actor_fields too
            silent.append((value, fields[column]))
    assert silent == [("80021.0", "80021"), ("49,894", 49.894), ("80021", ("80021",)),
                      ("05/03/2024", dt.date(2024, 3, 5))]


def test_missing_template_columns_read_as_empty():
    (found,) = settled_fields({"id": ["a"], "nom": ["A"]}, 1)
    expected, problems = _cell_by_cell({"id": "a", "nom": "A"})
    assert problems == [] and found == expected
