"""``nec-network import`` with several real files: one ecosystem, duplicates merged, every row accounted for."""

from __future__ import annotations

import contextlib
import csv
import io
import re
from pathlib import Path

import pytest

from nec_network.cli import main

REAL = Path(__file__).parents[1] / "fixtures" / "real"
CNFS = REAL / "cnfs-lieux-v0-extrait.json"
COURNON = REAL / "mednum-cli-cournon-multi-sources.json"
FS = REAL / "france-services-2022-12-extrait.csv"


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    out = tmp_path_factory.mktemp("import") / "modele"
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        assert main(["import", str(CNFS), str(COURNON), f"{FS}:france-services", "-o", str(out)]) == 0
    return out, buffer.getvalue().splitlines()


def test_one_summary_per_file_then_what_was_merged_linked_and_written(imported):
    out, lines = imported
    assert lines[0].startswith(f"{CNFS} : 36 lignes lues")
    assert lines[2].startswith(f"{FS} : 508 lignes lues")
    merged = next(line for line in lines if line.startswith("Doublons"))
    assert re.search(r"\d+ groupes fusionnés \(\d+ lignes réunies", merged)
    balance = lines[-1]
    numbers = [int(n) for n in re.findall(r"\d+", balance.split(" dans ")[0])]
    read, imported_rows, rejected, actors_in, fused, structures, actors, links_in, added, dropped, links = numbers
    assert read == imported_rows + rejected == 36 + 5 + 508
    assert actors_in - fused + structures == actors
    assert links_in + added - dropped == links
    assert len(_rows(out / "acteurs.csv")) == actors
    assert len(_rows(out / "partenariats.csv")) == links
    assert len(_rows(out / "doublons.csv")) == fused
    assert actors_in + links_in == imported_rows
    assert len(_rows(out / "rejets.csv")) == rejected


def test_every_actor_keeps_its_source_and_merged_ones_every_record(imported):
    out, _ = imported
    actors = {row["id"]: row for row in _rows(out / "acteurs.csv")}
    assert all(row["source"] for row in actors.values())
    for row in _rows(out / "doublons.csv"):
        assert row["id"] not in actors and row["id_conserve"] in actors
        assert row["id"] in actors[row["id_conserve"]]["provenance"]
        assert row["motif"] and row["score"]
    merged_sources = {row["source"] for row in _rows(out / "doublons.csv")} | {
        row["source_conservee"] for row in _rows(out / "doublons.csv")}
    assert {"conseiller-numerique", "France Services (ANCT)"} <= merged_sources  # merged across files


def test_distinct_structures_sharing_an_address_are_listed_not_merged(imported):
    out, _ = imported
    review = _rows(out / "doublons-a-verifier.csv")
    beaurieux = [row for row in review if "Mairie de Beaurieux" in (row["nom_1"], row["nom_2"])]
    assert len(beaurieux) == 1 and "mairie" in beaurieux[0]["motif"]
    actors = {row["nom"] for row in _rows(out / "acteurs.csv")}
    assert "Mairie de Beaurieux" in actors


def test_a_mapping_given_for_several_files_must_name_its_file(tmp_path, capsys):
    code = main(["import", str(CNFS), str(FS), "--mapping", "france-services", "-o", str(tmp_path / "x")])
    assert code != 0
    assert "FICHIER:CORRESPONDANCE" in capsys.readouterr().err


def test_keeping_duplicates_lists_them_without_merging(tmp_path, capsys):
    out = tmp_path / "modele"
    assert main(["import", str(CNFS), "--garder-doublons", "-o", str(out)]) == 0
    assert "5 groupes de doublons trouvés, non fusionnés" in capsys.readouterr().out
    assert len(_rows(out / "doublons.csv")) == 0
    # 17 structures, 4 of which are one of their own places (« COMMUNE DE BORDEAUX »…).
    assert len({row["id"] for row in _rows(out / "acteurs.csv")} - {""}) == 36 + 17 - 4
