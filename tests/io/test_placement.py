"""Every place gets its commune, from any format; measured on the real France Services excerpt."""

from __future__ import annotations

import csv
import json
from functools import cache
from pathlib import Path

from nec_network.cli import main
from nec_network.io import read_ecosystem
from nec_network.territory.matching import match_commune

REAL = Path(__file__).resolve().parents[1] / "fixtures" / "real"
FRANCE_SERVICES = REAL / "france-services-2022-12-extrait.csv"


@cache
def france_services():
    return read_ecosystem(FRANCE_SERVICES, mapping="france-services")


def test_the_real_excerpt_is_imported_whole_overseas_and_antennas_included():
    # Before: 400 imported, 108 rejected (98 overseas, 10 antennas without a commune).
    ecosystem, report = france_services()
    assert (report.rows_read, report.imported, report.rejected) == (508, 508, 0)
    by_departement = {}
    for actor in ecosystem:
        by_departement[actor.departement] = by_departement.get(actor.departement, 0) + 1
    assert {d: by_departement[d] for d in ("971", "972", "973", "974")} == {
        "971": 29, "972": 16, "973": 23, "974": 28}
    # Saint-Martin (978) is a collectivity outside the commune table: kept with its coordinates.
    saint_martin = [a for a in ecosystem if a.code_insee == "97801"]
    assert len(saint_martin) == 2 and all(a.has_coordinates for a in saint_martin)
    assert report.review_counts() == {"commune_corrigee": 10, "commune_introuvable": 2, "coherence": 1,
                                      "code_repare": 1, "point_commune": 30, "a_verifier": 508}


def test_a_broken_code_is_replaced_never_kept():
    ecosystem, report = france_services()
    site = ecosystem["france-services-2004"]  # insee_com "0null", 48330 SAINT-ETIENNE-VALLEE-FRANCAISE
    assert (site.code_insee, site.departement, site.precision) == ("48148", "48", "commune")
    assert "code_insee" not in site.extra
    (repair,) = [p for p in report.problems if p.category == "code_repare"]
    assert (repair.value, repair.suggestion) == ("0null", "48148")


def test_a_point_far_from_its_commune_and_outside_its_departement_is_a_coherence_warning():
    _, report = france_services()
    (far,) = [p for p in report.problems if p.category == "coherence"]
    assert far.message.endswith("coordonnées à 43 km du point de référence de Pont-Audemer, "
                                "hors de son département (Eure)")


def test_names_are_matched_despite_typos_articles_and_saints():
    assert match_commune("", "84150", "JONQUIÈERES").commune.code_insee == "84056"
    assert match_commune("", "02170", "NOUVION EN THIERACHE").how == "code_postal_nom"
    assert match_commune("", "80100", "ST RIQUIER").commune.nom == "Saint-Riquier"
    assert match_commune("48148|0null").how == "code_insee_repare"


def _v0(tmp_path: Path, records: list[dict]) -> Path:
    path = tmp_path / "lieux-v0.json"
    base = {"services": "Prendre en main un ordinateur", "date_maj": "2023-01-10"}
    path.write_text(json.dumps([base | record for record in records], ensure_ascii=False), encoding="utf-8")
    return path


def test_v0_places_get_their_commune_code_and_departement(tmp_path):
    path = _v0(tmp_path, [
        {"id": "a", "nom": "Médiathèque", "adresse": "1 rue X", "code_postal": "80000", "commune": "AMIENS",
         "latitude": 49.894, "longitude": 2.296},
        {"id": "b", "nom": "EPN", "adresse": "2 rue Y", "code_postal": "60240", "commune": "Fresnes-Léguillon"},
        {"id": "c", "nom": "Lieu", "adresse": "3 rue Z", "latitude": 49.85, "longitude": 3.29},
        {"id": "d", "nom": "Perdu", "adresse": "4 rue W", "commune": "Nulle-Part"},
    ])
    ecosystem, report = read_ecosystem(path)
    assert [(a.id, a.code_insee, a.departement) for a in ecosystem] == [
        ("a", "80021", "80"), ("b", "60257", "60"), ("c", "02691", "02")]
    assert ecosystem["b"].precision == "commune" and ecosystem["c"].extra["commune_deduite"] == "coordonnées"
    (rejected,) = report.rejections
    assert "commune introuvable et pas de coordonnées" in rejected.message and rejected.value == "Nulle-Part"


def test_import_writes_the_review_file_beside_the_rejections(tmp_path, capsys):
    output = tmp_path / "modele"
    assert main(["import", str(FRANCE_SERVICES), "--mapping", "france-services", "-o", str(output)]) == 0
    printed = capsys.readouterr().out
    assert "À vérifier : 10 communes corrigées" in printed
    with (output / "avertissements.csv").open(encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    assert list(rows[0]) == ["id", "champ", "valeur", "motif", "valeur_proposee", "niveau", "fichier", "ligne"]
    fresnes = [row for row in rows if row["id"] == "france-services-2889"]
    assert fresnes and fresnes[0]["valeur_proposee"] == "Fresne-Léguillon"


def test_the_real_national_v0_excerpt_gets_communes_typologies_and_coherence_warnings():
    ecosystem, report = read_ecosystem(REAL / "cnfs-lieux-v0-extrait.json")
    assert report.rejected == 0 and all(actor.code_insee and actor.departement for actor in ecosystem)
    picardie = [actor for actor in ecosystem if actor.departement in ("02", "60", "80")]
    assert len(picardie) == 5
    corrected = {p.value: p.suggestion for p in report.problems if p.category == "commune_corrigee"}
    assert corrected == {"LOUHANS": "Louhans-Châteaurenaud", "QAINT GERMAIN LAPRADE": "Saint-Germain-Laprade"}
    # The place in Gap (05) drawn in Oise: far from its commune and outside its département.
    # The place in Gap (05) drawn in Oise: far from its commune and outside its département;
    # its point lies in the shape of Ételfay (Somme): both candidates are named.
    gap, shape = sorted((p for p in report.problems if p.category == "coherence"), key=lambda p: p.message)
    assert "du point de référence de Gap, hors de son département (Hautes-Alpes)" in gap.message
    assert shape.message == (
        "coordonnées dans le territoire de Ételfay (80293), pas dans celui de Gap (05061) que donne "
        "la source : commune ou coordonnées à vérifier"
    )
    assert shape.suggestion == "Ételfay"
    corbeny = next(actor for actor in ecosystem if actor.nom == "Bibliothèque municipale de Corbény")
    assert corbeny.typologies == ("BIB",) and corbeny.extra["typologie_deduite"] == "nom"
    assert report.review_counts()["typologie_deduite"] == 22


def test_a_point_inside_a_commune_wins_over_a_close_name_and_both_are_said(tmp_path):
    path = _v0(tmp_path, [
        {"id": "a", "nom": "EPN", "adresse": "1 rue X", "code_postal": "80000", "commune": "Amien",
         "latitude": 49.847, "longitude": 2.271},
        {"id": "b", "nom": "Lieu", "adresse": "2 rue Y", "latitude": 49.847, "longitude": 2.271},
    ])
    ecosystem, report = read_ecosystem(path)
    assert [(a.id, a.code_insee, a.commune) for a in ecosystem] == [("a", "80261", "Dury"), ("b", "80261", "Dury")]
    messages = {p.message: p for p in report.problems if p.category in ("commune_corrigee", "commune_deduite")}
    won = messages["commune d'après les coordonnées : Dury (80261), dont le territoire contient le point, "
                   "plutôt que Amiens (80021) que suggérait « Amien » ; à vérifier"]
    assert won.category == "commune_corrigee" and won.suggestion == "Dury"
    assert "commune déduite des coordonnées : Dury (80261), dont le territoire contient le point ; à vérifier" in messages


def test_a_place_already_settled_is_left_as_the_full_matching_would_leave_it():
    # place_actor skips the matching when the INSEE code names a commune holding the point and
    # the row gives its name and postal code: compared here with the matching itself.
    from nec_network.io._values import RowContext
    from nec_network.io.placement import _settled, locate_points, place_actor
    from nec_network.io.report import Report
    from nec_network.io.template import actor_fields

    base = {"id": "a", "nom": "Lieu fictif", "code_insee": "80021", "code_postal": "80000", "commune": "Amiens",
            "latitude": "49.8942", "longitude": "2.2957"}
    rows = [base, {**base, "latitude": "49.847", "longitude": "2.271"},  # held by Dury: not settled
            {**base, "commune": "Amiens-Ville"}, {**base, "precision": "adresse"},
            {**base, "latitude": "43.0", "longitude": "-30.0"},  # out at sea: no shape holds it
            {**base, "code_postal": "80001"}, {**base, "commune": ""}]
    fields = [actor_fields(row, ctx=RowContext("f.csv", 2), report=Report()) for row in rows]
    settled = 0
    for actor, point in zip(fields, locate_points(fields), strict=True):
        for complete in (True, False):
            quick, full = Report(), Report()
            placed = place_actor(actor, RowContext("f.csv", 2), quick, point=point, require_place=complete)
            matched = place_actor(actor, RowContext("f.csv", 2), full, point=point._replace(named=None),
                                  require_place=complete)
            assert ({**actor, **placed}, quick.problems) == ({**actor, **matched}, full.problems)
        settled += _settled(actor, point)
    assert settled == 5  # all but the point held by Dury and the row without commune name
