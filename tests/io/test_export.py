"""Export says exactly what it wrote: count, actors left out with the reason, columns dropped."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from nec_network.cli import main
from nec_network.io import read_ecosystem
from nec_network.io.export import export_ecosystem, uncarried_columns
from nec_network.model import Actor, Ecosystem

REAL = Path(__file__).resolve().parents[1] / "fixtures" / "real"


@pytest.fixture(scope="module")
def france_services_model(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("fs") / "modele"
    assert main(["import", str(REAL / "france-services-2022-12-extrait.csv"), "--mapping", "france-services",
                 "-o", str(folder)]) == 0
    return folder


def test_mednum_export_counts_what_it_wrote_and_lists_who_was_left_out(france_services_model, tmp_path, capsys):
    capsys.readouterr()
    output = tmp_path / "lieux.csv"
    assert main(["export", str(france_services_model), "--to", "mednum", "-o", str(output)]) == 0
    printed = capsys.readouterr().out
    with output.open(encoding="utf-8", newline="") as stream:
        written = list(csv.DictReader(stream))
    with (tmp_path / "lieux.non-exportes.csv").open(encoding="utf-8", newline="") as stream:
        left_out = list(csv.DictReader(stream))
    with (france_services_model / "acteurs.csv").open(encoding="utf-8", newline="") as stream:
        model = list(csv.DictReader(stream))
    # Every actor of the model is written or listed; the ones without an address cannot be v1 places.
    without_address = [row["id"] for row in model if not row["adresse"]]
    assert len(written) + len(left_out) == len(model)
    assert sorted(row["id"] for row in left_out) == sorted(without_address) and len(left_out) >= 20
    assert f"{len(written)} acteurs exportés sur {len(model)}" in printed
    assert f"{len(left_out)} acteurs non exportés" in printed
    assert all("adresse" in row["motif"] for row in left_out)
    assert "Colonnes que ce format ne porte pas (non écrites) : precision, format_fs" in printed
    # A site placed at its commune's point is not exported as if the point were entered.
    commune_placed = [row for row in written if row["id"] == "france-services-2004"]
    assert commune_placed and commune_placed[0]["latitude"] == "" and commune_placed[0]["code_insee"] == "48148"
    # Trie-Château's antenna has no address: left out, and said so.
    assert "france-services-2890" in {row["id"] for row in left_out}


def test_strict_export_makes_a_left_out_actor_an_error(france_services_model, tmp_path, capsys):
    assert main(["export", str(france_services_model), "--to", "mednum", "-o", str(tmp_path / "l.csv"),
                 "--strict"]) == 1
    assert "acteurs non exportés (--strict)" in capsys.readouterr().err


def test_every_format_counts_records_really_written(tmp_path):
    ecosystem = Ecosystem([
        Actor("a", "Mairie", adresse="1 rue X", code_postal="80000", commune="Amiens", code_insee="80021",
              latitude=49.89, longitude=2.29, precision="commune", extra={"remarque": "x"}),
        Actor("b", "Bus", itinerant=True, zone_intervention=("80021",)),
    ])
    for to, name in (("mednum", "l.csv"), ("inclusion", "di"), ("geojson", "l.geojson"), ("graphml", "g.graphml"),
                     ("gexf", "g.gexf"), ("modele", "m")):
        result = export_ecosystem(ecosystem, tmp_path / name, to=to)
        assert result.written + len(result.left_out) == 2, to
    geojson = export_ecosystem(ecosystem, tmp_path / "x.geojson", to="geojson")
    assert geojson.written == 1 and [p.file for p in geojson.left_out] == ["b"]
    structures = json.loads((tmp_path / "di" / "structures.json").read_text(encoding="utf-8"))
    mairie = next(s for s in structures if s["nom"] == "Mairie")
    assert "latitude" not in mairie  # the commune's point is not the place's position
    assert uncarried_columns(ecosystem, "mednum") == ["precision", "zone_intervention", "remarque"]


def test_v1_export_read_back_places_the_site_at_its_commune_again(tmp_path):
    ecosystem = Ecosystem([Actor("a", "Mairie", adresse="1 rue X", code_postal="80000", commune="Amiens",
                                 code_insee="80021", latitude=49.89421, longitude=2.29575, precision="commune")])
    export_ecosystem(ecosystem, tmp_path / "l.csv", to="mednum")
    again, _ = read_ecosystem(tmp_path / "l.csv")
    assert (again["a"].precision, again["a"].code_insee) == ("commune", "80021") and again["a"].has_coordinates


def test_export_says_what_becomes_of_the_events(tmp_path):
    from nec_network.io.export import export_summary
    from nec_network.model import Event, PartialDate, Partnership

    ecosystem = Ecosystem(
        [Actor("a", "A", code_insee="80021"), Actor("b", "B", code_insee="80021")],
        [Partnership("a", "b", "partenariat", debut=PartialDate(2025, 7), evenement="nec")],
        events=[Event("nec", "NEC fictif", PartialDate(2025, 6, 12), participants=("a", "b"))],
    )
    kept = export_ecosystem(ecosystem, tmp_path / "reseau.gexf", to="gexf")
    assert (kept.events, kept.dated) == (1, 1)
    assert "1 événement écrit." in export_summary(kept, partnerships=1, left_out_file=None)
    dropped = export_ecosystem(ecosystem, tmp_path / "lieux.csv", to="mednum")
    summary = export_summary(dropped, partnerships=1, left_out_file=None)
    assert "1 événement (evenements.csv) non exporté : ce format ne porte pas les événements" in summary
