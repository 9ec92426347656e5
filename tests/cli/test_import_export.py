"""``nec-network import``, ``export``, ``validate`` and ``template`` as a person runs them."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import networkx as nx
import pytest

from nec_network.cli import main
from nec_network.io.template import ACTOR_COLUMNS


def _messy_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "saisie"
    folder.mkdir()
    rows = [
        {"id": "a1", "nom": "MÃ©diathÃ¨que", "code_postal": "2100", "code_insee": "02691",
         "latitude": "49.85", "longitude": "3.29", "services": "Aide aux démarche administrative"},
        {"id": "a2", "nom": "CCAS", "code_insee": "80021", "latitude": "49.9", "longitude": "2.3"},
        {"id": "a2", "nom": "Doublon"},
    ]
    lines = [";".join(ACTOR_COLUMNS)] + [";".join(r.get(c, "") for c in ACTOR_COLUMNS) for r in rows]
    (folder / "acteurs.csv").write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    (folder / "partenariats.csv").write_text(
        "source,cible,type,poids,depuis,note,origine\na1,a2,orientation,1,2022,,\na1,a1,partenariat,,,,\n",
        encoding="utf-8",
    )
    return folder


def test_import_writes_template_and_rejections_and_one_summary_line(tmp_path, capsys):
    out = tmp_path / "propre"
    assert main(["import", str(_messy_folder(tmp_path)), "-o", str(out)]) == 0
    lines = capsys.readouterr().out.splitlines()
    # one line for the file, what the consolidation did (duplicates), what to review (typologies
    # deduced from the names), the completeness of the entries, and the balance
    assert len(lines) == 5 and lines[1].startswith("Doublons : aucun doublon") and lines[4].startswith("Bilan : 5 lignes lues (acteurs et partenariats) = 3 importées + 2 rejetées ; 2 acteurs importés")
    assert lines[2].startswith("À vérifier : 2 typologies déduites du nom.")
    assert lines[3].startswith("Complétude des fiches")
    assert "5 lignes lues (acteurs et partenariats), 3 importées dont 1 corrigée, 2 rejetées" in lines[0]
    assert "3 erreurs" in lines[0] and "nec-network validate" in lines[0]
    with (out / "acteurs.csv").open(encoding="utf-8") as stream:
        actors = list(csv.DictReader(stream))
    assert [(a["id"], a["nom"], a["code_postal"]) for a in actors] == [("a1", "Médiathèque", "02100"),
                                                                     ("a2", "CCAS", "")]
    assert actors[0]["services"] == "Aide aux démarche administrative"  # kept where the user typed it
    assert (out / "partenariats.csv").read_text(encoding="utf-8").splitlines()[1] == "a1,a2,orientation,1,2022,,,,,"
    with (out / "rejets.csv").open(encoding="utf-8") as stream:
        rejected = list(csv.DictReader(stream))
    assert [(Path(r["fichier"]).name, r["ligne"], r["colonne"]) for r in rejected] == [
        ("acteurs.csv", "4", "id"), ("partenariats.csv", "3", "cible")]


def test_validate_prints_located_problems_with_suggestions_and_fails_on_errors(tmp_path, capsys):
    folder = _messy_folder(tmp_path)
    assert main(["validate", str(folder)]) == 1
    out = capsys.readouterr().out
    assert "ligne 2, colonne « services »" in out
    assert "(valeur proposée : « Aide aux démarches administratives »)" in out
    assert "ligne 4, colonne « id »" in out
    clean = tmp_path / "vide"
    main(["template", "-o", str(clean)])
    capsys.readouterr()
    assert main(["validate", str(clean)]) == 0
    assert main(["validate", str(clean), str(tmp_path / "absent")]) == 1
    assert "Erreur : " in capsys.readouterr().out


def test_strict_import_stops_on_errors(tmp_path, capsys):
    assert main(["import", str(_messy_folder(tmp_path)), "--strict", "-o", str(tmp_path / "out")]) == 2
    assert "Erreur : " in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("target", ["geojson", "graphml", "gexf"])
def test_export_formats(tmp_path, capsys, target):
    template = tmp_path / "modele"
    main(["template", "-o", str(template)])
    output = tmp_path / f"reseau.{target}"
    assert main(["export", str(template), "--to", target, "-o", str(output)]) == 0
    captured = capsys.readouterr()
    if target == "geojson":
        # The itinerant example has no point: the count says what was written, the file who was not.
        assert "1 acteur exporté sur 2 en GeoJSON" in captured.out
        assert "(ce format ne porte pas les partenariats)" in captured.out
        assert "1 acteur non exporté, avec le motif" in captured.out
    else:
        assert "2 acteurs exportés sur 2" in captured.out and "avec 1 partenariat." in captured.out
    if target == "geojson":
        assert len(json.loads(output.read_text(encoding="utf-8"))["features"]) == 1
        left_out = (tmp_path / "reseau.non-exportes.csv").read_text(encoding="utf-8").splitlines()
        assert left_out[0] == "id,nom,motif" and left_out[1].startswith("exemple-2,")
        assert "n'a pas de coordonnées" in left_out[1]
    elif target == "graphml":
        graph = nx.read_graphml(output)
        assert graph.nodes["exemple-1"]["code_insee"] == "80021"
    else:
        assert "<viz:position" in output.read_text(encoding="utf-8")


def test_template_workbook_and_unknown_format(tmp_path, capsys):
    assert main(["template", "-o", str(tmp_path / "modele.xlsx")]) == 0
    assert "Modèle vide écrit" in capsys.readouterr().out
    (tmp_path / "autre.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    assert main(["import", str(tmp_path / "autre.csv"), "-o", str(tmp_path / "x")]) == 2
    assert "format non reconnu" in capsys.readouterr().err


def test_export_of_one_actor_agrees_in_number(tmp_path, capsys):
    from nec_network.io.template import write_template
    from nec_network.model import Actor, Ecosystem

    template = tmp_path / "un"
    write_template(Ecosystem([Actor("a", "CCAS", latitude=49.9, longitude=2.3)]), template)
    assert main(["export", str(template), "--to", "geojson", "-o", str(tmp_path / "a.geojson")]) == 0
    assert "1 acteur exporté sur 1 en GeoJSON" in capsys.readouterr().out
    assert main(["export", str(template), "--to", "graphml", "-o", str(tmp_path / "a.graphml")]) == 0
    assert "1 acteur exporté sur 1 en GraphML" in capsys.readouterr().out


@pytest.mark.parametrize("target", ["graphml", "gexf"])
def test_export_with_unreadable_coordinates_names_them_and_writes_a_valid_graph(tmp_path, capsys, target):
    folder = tmp_path / "modele"
    folder.mkdir()
    header = ",".join(ACTOR_COLUMNS)
    rows = {"id": "a1", "nom": "Lieu abîmé", "latitude": "quarante-neuf", "longitude": "2.3"}, \
        {"id": "a2", "nom": "Lieu placé", "latitude": "49.9", "longitude": "2.3"}
    lines = [header] + [",".join(row.get(column, "") for column in ACTOR_COLUMNS) for row in rows]
    (folder / "acteurs.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "partenariats.csv").write_text("source,cible,type\na1,a2,partenariat\n", encoding="utf-8")
    output = tmp_path / f"reseau.{target}"
    assert main(["export", str(folder), "--to", target, "-o", str(output)]) == 0
    captured = capsys.readouterr()
    assert f"{folder / 'acteurs.csv'}, ligne 2, colonne « latitude » : nombre illisible : « quarante-neuf »" in captured.err
    assert "1 acteur exporté sans coordonnées : la sienne est illisible dans le modèle (a1" in captured.out
    from nec_network.io.graph_formats import read_gexf, read_graphml

    again, _ = (read_graphml if target == "graphml" else read_gexf)(output)  # valid: parsed again
    assert again["a1"].latitude is None and again["a2"].latitude == 49.9
