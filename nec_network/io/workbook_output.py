"""Workbooks we write: one sheet per table, every cell text, a French guide sheet last."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from nec_network.io.output import open_output

Sheet = tuple[str, list[str], list[dict[str, str]]]


def write_workbook(path: Path, sheets: Iterable[Sheet], *, guide: str) -> None:
    """Write ``sheets`` (title, columns, rows by column) and a sheet « lisez-moi » holding ``guide``.

    Headers are bold and frozen; every cell is text (Excel would otherwise drop the leading
    zero of 02100) and no cell is a formula.
    """
    import openpyxl
    from openpyxl.styles import Font

    workbook = openpyxl.Workbook()
    for index, (title, columns, rows) in enumerate(sheets):
        sheet = workbook.active if index == 0 else workbook.create_sheet()
        sheet.title = title
        sheet.append(columns)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append([row.get(column, "") for column in columns])
        for cell_row in sheet.iter_rows(min_row=2):
            for cell in cell_row:
                cell.number_format = "@"
        sheet.freeze_panes = "A2"
    readme = workbook.create_sheet("lisez-moi")
    for line in guide.splitlines():
        readme.append([line])
    readme.column_dimensions["A"].width = 120
    _text_not_formulas(workbook)
    with open_output(path, binary=True) as stream:
        workbook.save(stream)


def _text_not_formulas(workbook: Any) -> None:
    """Store every cell openpyxl took for a formula (text starting with ``=``) as text, headers included."""
    for sheet in workbook.worksheets:
        for cell_row in sheet.iter_rows():
            for cell in cell_row:
                if cell.data_type == "f":
                    cell.data_type = "s"
