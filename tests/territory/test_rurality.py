"""Rurality: the proxy labelled as such, and the user's own INSEE density grid (xlsx or csv)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from nec_network.errors import DataError
from nec_network.territory import load_communes, load_density_grid, with_density_grid
from nec_network.territory.rurality import RURAL_PROXY_LABEL, URBAN_PROXY_LABEL, is_rural_label

TITLE_ROWS = [
    ["Grille communale de densité à 7 niveaux, 2024"],
    ["Code officiel géographique au 1er janvier 2024"],
    [],
    ["Source : Insee, Fideli 2021"],
]
HEADER_7 = ["CODGEO", "LIBGEO", "DENS", "LIBDENS", "PMUN21"]
ROWS_7 = [
    [
        2691,
        "Saint-Quentin",
        2,
        "Centres urbains intermédiaires",
        52_000,
    ],  # a number, as Excel has it
    ["80021", "Amiens", 1, "Grands centres urbains", 133_000],
    ["80001", "Abbeville", 2, "Centres urbains intermédiaires", 22_000],
    ["02001", "Abbécourt", 6, "Rural à habitat dispersé", 500],
    ["60057", "Beauvais", 2, "Centres urbains intermédiaires", 56_000],
    ["80002", "Ablaincourt-Pressoir", 7, "Rural à habitat très dispersé", 250],
    ["02053", "Bazoches-et-Saint-Thibaut", 5, "Bourgs ruraux", 400],
    ["60001", "Abancourt", 4, "Petites villes", 650],
    ["2A004", "Ajaccio", 2, "Centres urbains intermédiaires", 70_000],
]


def write_xlsx(path: Path, rows: list[list]) -> Path:
    workbook = openpyxl.Workbook()
    documentation = workbook.active
    documentation.title = "Documentation"
    documentation.append(
        ["Cette feuille décrit la grille ; les données sont dans l'onglet suivant."]
    )
    sheet = workbook.create_sheet("Grille_Densite")
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def test_proxy_is_labelled_as_a_proxy_everywhere() -> None:
    picardie = load_communes()
    assert set(picardie["densite_source"]) == {"proxy"}
    assert set(picardie["densite"]) == {RURAL_PROXY_LABEL, URBAN_PROXY_LABEL}
    assert picardie["densite"].str.contains("approximation").all()
    assert (picardie["rural"] == (picardie["population"] < 2000)).all()
    amiens = picardie.set_index("code_insee").loc["80021"]
    assert (amiens["rural"], amiens["densite"]) == (False, "Urbain (approximation)")


def test_reads_the_7_level_grid_from_xlsx_below_title_rows(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "grille_densite_7_niveaux_2024.xlsx", TITLE_ROWS + [HEADER_7] + ROWS_7
    )
    grid = load_density_grid(path)
    assert grid.name == "densite"
    assert len(grid) == len(ROWS_7)
    assert grid["02691"] == "Centres urbains intermédiaires"
    assert grid["2A004"] == "Centres urbains intermédiaires"
    assert grid["80002"] == "Rural à habitat très dispersé"


def test_with_density_grid_replaces_the_proxy_where_the_grid_knows_the_commune(
    tmp_path: Path,
) -> None:
    grid = load_density_grid(write_xlsx(tmp_path / "grille.xlsx", TITLE_ROWS + [HEADER_7] + ROWS_7))
    communes = load_communes(codes_insee=["02691", "02001", "02053", "60001", "80002", "80003"])
    result = with_density_grid(communes, grid).set_index("code_insee")
    assert result.loc["02691", ["rural", "densite", "densite_source"]].tolist() == [
        False,
        "Centres urbains intermédiaires",
        "insee",
    ]
    assert (
        result.loc["02053", "rural"]
        and result.loc["02001", "rural"]
        and result.loc["80002", "rural"]
    )
    assert not result.loc["60001", "rural"]  # Petites villes: urban, whatever its size
    assert result.loc["80003", "densite_source"] == "proxy"  # absent from this grid
    assert result.loc["80003", "densite"].endswith("(approximation)")
    assert set(communes["densite_source"]) == {"proxy"}  # the input is left as it was
    assert result["rural"].dtype == bool


def test_reads_the_older_4_level_grid_from_a_windows_csv(tmp_path: Path) -> None:
    lines = [
        "Grille communale de densité (4 niveaux);;;",
        ";;;",
        "Code géographique;Libellé géographique;Degré de densité;Libellé du degré de densité",
        "02691;Saint-Quentin;2;Densité intermédiaire",
        "80021;Amiens;1;Très dense",
        "02001;Abbécourt;3;Peu dense",
        "80002;Ablaincourt-Pressoir;4;Très peu dense",
        "Note : les arrondissements municipaux ne figurent pas dans ce fichier;;;",
    ]
    path = tmp_path / "grille_densite_2020.csv"
    path.write_bytes("\r\n".join(lines).encode("cp1252"))
    grid = load_density_grid(path)
    assert grid.to_dict() == {
        "02691": "Densité intermédiaire",
        "80021": "Très dense",
        "02001": "Peu dense",
        "80002": "Très peu dense",
    }
    assert [is_rural_label(label) for label in grid] == [False, False, True, True]


def test_label_column_found_by_content_and_level_numbers_dropped(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text(
        "codgeo,nom,GCD\n02691,Saint-Quentin,2 - Centres urbains intermédiaires\n"
        "02001,Abbécourt,6 - Rural à habitat dispersé\n",
        encoding="utf-8",
    )
    grid = load_density_grid(path)
    assert grid.to_dict() == {
        "02691": "Centres urbains intermédiaires",
        "02001": "Rural à habitat dispersé",
    }


def test_unknown_label_is_reported_with_row_and_column(tmp_path: Path) -> None:
    rows = TITLE_ROWS + [HEADER_7] + ROWS_7[:2] + [["80001", "Abbeville", 9, "Lunaire", 1]]
    path = write_xlsx(tmp_path / "grille.xlsx", rows)
    with pytest.raises(DataError) as caught:
        load_density_grid(path)
    assert caught.value.row == 8 and caught.value.column == "LIBDENS"
    assert "libellé de densité inconnu « Lunaire »" in str(caught.value)


def test_a_file_that_is_not_the_grid_is_refused_in_french(tmp_path: Path) -> None:
    path = tmp_path / "autre.csv"
    path.write_text("nom;ville\nMédiathèque;Amiens\n", encoding="utf-8")
    with pytest.raises(DataError, match="grille communale de densité"):
        load_density_grid(path)
    with pytest.raises(DataError, match="fichier introuvable"):
        load_density_grid(tmp_path / "absent.xlsx")


def test_duplicated_commune_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "grille.csv"
    path.write_text("CODGEO;LIBDENS\n02691;Petites villes\n02691;Bourgs ruraux\n", encoding="utf-8")
    with pytest.raises(DataError, match="02691 présente deux fois"):
        load_density_grid(path)


@pytest.mark.parametrize(
    ("label", "rural"),
    [
        ("Bourgs ruraux", True),
        ("Rural à habitat dispersé", True),
        ("rural a habitat tres disperse", True),
        ("Communes peu denses", True),
        ("Très peu dense", True),
        ("Grands centres urbains", False),
        ("Ceintures urbaines", False),
        ("Petites villes", False),
        ("Très dense", False),
        (RURAL_PROXY_LABEL, True),
        (URBAN_PROXY_LABEL, False),
    ],
)
def test_rural_levels(label: str, rural: bool) -> None:
    assert is_rural_label(label) is rural


def test_grid_series_is_indexed_by_insee_code(tmp_path: Path) -> None:
    grid = load_density_grid(write_xlsx(tmp_path / "g.xlsx", [HEADER_7] + ROWS_7))
    assert grid.index.name == "code_insee"
    assert isinstance(grid, pd.Series)
