"""Checks of codes and places, and read-time admission of rows."""

from __future__ import annotations

from pathlib import Path

import pytest

from nec_network import territory
from nec_network.errors import ValidationError
from nec_network.io import read_ecosystem
from nec_network.io._values import RowContext
from nec_network.io.report import Report
from nec_network.io.template import ACTOR_COLUMNS, actor_fields
from nec_network.distance import great_circle_km as distance_km
from nec_network.distance import in_france
from nec_network.io.validation import (
    MAX_DISTANCE_KM,
    admit_actors,
    admit_partnerships,
    check_ecosystem,
)
from nec_network.model import Actor, Ecosystem, Partnership


def _reference(code: str) -> tuple[float, float]:
    commune = territory.get_commune(code)
    return commune.latitude, commune.longitude


def _problems(actor: Actor, **kwargs) -> dict[str, list]:
    found: dict[str, list] = {}
    for problem in check_ecosystem(Ecosystem([actor]), **kwargs):
        found.setdefault(problem.column, []).append(problem)
    return found


def test_a_consistent_actor_has_no_problem():
    lat, lon = _reference("02691")
    actor = Actor("a", "Mairie", code_insee="02691", code_postal="02100", commune="Saint-Quentin",
                  latitude=lat + 0.01, longitude=lon)
    assert check_ecosystem(Ecosystem([actor])) == []


def test_coordinates_far_from_the_commune_and_outside_its_departement_are_flagged():
    lat, lon = _reference("80021")
    # Amiens' code with a point in Beauvais (Oise): 54 km away, in another département.
    beauvais_lat, beauvais_lon = _reference("60057")
    far = Actor("a", "Médiathèque", code_insee="80021", latitude=beauvais_lat, longitude=beauvais_lon)
    (problem,) = _problems(far, locations={"a": ("acteurs.csv", 7)})["latitude"]
    assert problem.level == "avertissement" and problem.category == "coherence"
    assert (problem.file, problem.row) == ("acteurs.csv", 7)
    assert "à 54 km du point de référence d'Amiens, hors de son département (Somme)" in problem.message
    # 20 km away but still in the Somme: not a coherence problem (big rural communes, bus stops).
    inside = Actor("b", "Médiathèque", code_insee="80021", latitude=lat + 0.18, longitude=lon)
    assert 19 < distance_km(lat, lon, lat + 0.18, lon) < 21 and MAX_DISTANCE_KM == 10
    assert check_ecosystem(Ecosystem([inside])) == []


def test_a_postal_code_of_another_departement_is_said_as_such():
    found = _problems(Actor("a", "Mairie", code_insee="80021", code_postal="60000"))["code_postal"]
    assert found[0].category == "coherence" and "autre département (60)" in found[0].message


def test_coordinates_outside_france_are_errors():
    swapped = Actor("a", "EPN", latitude=2.29, longitude=49.89)
    (problem,) = _problems(swapped)["latitude"]
    assert problem.level == "erreur" and "latitude et longitude inversées" in problem.message
    assert problem.suggestion == "latitude 49.89, longitude 2.29"
    assert in_france(-21.11, 55.53) and in_france(16.24, -61.53) and not in_france(40.4, -3.7)


def test_codes_inconsistent_with_each_other_or_with_the_name():
    found = _problems(Actor("a", "Mairie", code_insee="02691", code_postal="80000", commune="Amiens"))
    assert found["code_postal"][0].suggestion == "02100"
    assert found["commune"][0].suggestion == "Saint-Quentin"
    assert all(p.level == "avertissement" for p in [*found["code_postal"], *found["commune"]])
    # Accents, case and "St" do not count as a different name.
    assert _problems(Actor("a", "Mairie", code_insee="02691", commune="ST QUENTIN")) == {}


def test_unknown_and_malformed_codes_are_errors():
    assert _problems(Actor("a", "X", code_insee="02999"))["code_insee"][0].message.endswith("code INSEE inconnu : « 02999 »")
    assert _problems(Actor("a", "X", code_insee="2691"))["code_insee"][0].level == "erreur"
    assert _problems(Actor("a", "X", code_postal="021"))["code_postal"][0].level == "erreur"


def test_admission_rejects_duplicates_unknown_partners_and_self_loops():
    report = Report(rows_read=6)
    actors = admit_actors(
        [(ctx, actor_fields({"id": identifier, "nom": name}, ctx=ctx, report=report))
         for ctx, identifier, name in ((RowContext("a.csv", 2), "a", "A"), (RowContext("a.csv", 3), "b", "B"),
                                       (RowContext("a.csv", 4), "a", "A bis"))],
        report,
    )
    links = admit_partnerships(
        [(RowContext("p.csv", 2), Partnership("a", "b", "orientation")),
         (RowContext("p.csv", 3), Partnership("a", "c", "orientation")),
         (RowContext("p.csv", 4), Partnership("b", "b", "partenariat"))],
        [actor.id for actor in actors],
        report,
    )
    assert [actor.nom for actor in actors] == ["A", "B"] and len(links) == 1
    assert report.is_complete() and report.rejected == 3
    assert [(p.file, p.row, p.column, p.value) for p in report.rejections] == [
        ("a.csv", 4, "id", "a"), ("p.csv", 3, "cible", "c"), ("p.csv", 4, "cible", "b")]
    Ecosystem(actors, links)  # what was admitted builds an ecosystem


def test_read_time_checks_name_file_and_row_and_strict_mode_is_fatal(tmp_path: Path):
    lat, lon = _reference("60057")
    folder = tmp_path / "m"
    folder.mkdir()
    rows = [
        {"id": "ok", "nom": "Mairie", "code_insee": "60057", "latitude": f"{lat}", "longitude": f"{lon}"},
        {"id": "loin", "nom": "EPN", "code_insee": "60057", "latitude": f"{lat + 0.5}", "longitude": f"{lon}"},
        {"id": "inconnu", "nom": "CCAS", "services": "Cuisine"},
    ]
    lines = [",".join(ACTOR_COLUMNS)] + [",".join(r.get(c, "") for c in ACTOR_COLUMNS) for r in rows]
    (folder / "acteurs.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    ecosystem, report = read_ecosystem(folder)
    assert len(ecosystem) == 3 and report.is_complete()
    far, inside = sorted((p for p in report.warnings if p.category == "coherence"), key=lambda p: p.column)
    assert (Path(far.file).name, far.row, far.column) == ("acteurs.csv", 3, "latitude")
    # The point half a degree north lies in another commune's shape: both communes are named.
    assert (inside.row, inside.column) == (3, "latitude, longitude")
    assert "pas dans celui de Beauvais (60057)" in inside.message
    (error,) = report.errors
    assert (error.row, error.column, error.value) == (4, "services", "Cuisine")
    with pytest.raises(ValidationError, match="Cuisine"):
        read_ecosystem(folder, strict=True)


def test_clearly_wrong_positions_are_errors_and_a_swap_is_proposed(tmp_path, capsys):
    from nec_network.cli import main
    from nec_network.io.template import write_template
    from nec_network.model import Actor, Ecosystem

    folder = tmp_path / "modele"
    write_template(Ecosystem([
        Actor("bon", "Bon", code_insee="80021", latitude=49.8942, longitude=2.2957),
        Actor("inverse", "Inversé", code_insee="80021", latitude=2.2957, longitude=49.8942),
        Actor("nul", "Nul", code_insee="80021", latitude=0.0, longitude=0.0),
        Actor("loin", "Madrid", code_insee="80021", latitude=40.4, longitude=-3.7),
    ]), folder)
    assert main(["validate", str(folder)]) == 1
    out = capsys.readouterr().out
    assert "inverse : latitude et longitude inversées" in out
    assert "(valeur proposée : « latitude 49.8942, longitude 2.2957 »)" in out
    assert "nul : coordonnées nulles (0, 0)" in out and "loin : coordonnées hors de France" in out
    assert main(["import", str(folder), "-o", str(tmp_path / "importe")]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[1] == (
        "1 position semble avoir latitude et longitude inversées (à vérifier, absentes de la carte) ; "
        "correction proposée, par exemple inverse : latitude 49.8942, longitude 2.2957 au lieu de 2.2957, 49.8942."
    )
