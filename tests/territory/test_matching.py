"""Coordinates inside a commune's shape win over guesses from the text (issue #17)."""

from __future__ import annotations

from nec_network.territory import get_commune
from nec_network.territory.matching import match_commune, nearest_commune

DURY = (49.847, 2.271)  # inside Dury (80261), 4 km south of Amiens' reference point


def test_a_point_inside_a_commune_wins_over_a_close_name():
    found = match_commune(code_postal="80000", nom="Amien", latitude=DURY[0], longitude=DURY[1])
    assert (found.commune.code_insee, found.how, found.other.code_insee) == (
        "80261", "coordonnees_dans_commune", "80021"
    )
    assert found.given == "Amien"
    # Without the point the close name is taken, and nothing else is said.
    alone = match_commune(code_postal="80000", nom="Amien")
    assert (alone.commune.code_insee, alone.how, alone.other) == ("80021", "nom_approche", None)


def test_a_commune_named_for_sure_is_kept_with_the_commune_holding_the_point():
    for given in ({"code_insee": "80021"}, {"code_postal": "80000", "nom": "Amiens"}):
        found = match_commune(**given, latitude=DURY[0], longitude=DURY[1])
        assert found.commune.code_insee == "80021" and found.other.code_insee == "80261"
    same = match_commune("80261", latitude=DURY[0], longitude=DURY[1])
    assert same.how == "code_insee" and same.other is None


def test_the_shape_wins_over_the_nearest_reference_point():
    # Harly's reference point lies in the shape of Saint-Quentin (listed in hors_forme).
    harly = get_commune("02371")
    nearest, _ = nearest_commune(harly.latitude, harly.longitude)
    assert nearest.code_insee == "02371"
    found = match_commune(latitude=harly.latitude, longitude=harly.longitude)
    assert (found.commune.code_insee, found.how) == ("02691", "coordonnees_dans_commune")


def test_outside_the_shapes_the_nearest_reference_point_is_used():
    found = match_commune(latitude=48.8566, longitude=2.3522)  # Paris: no shape embedded
    assert (found.commune.nom, found.how) == ("Paris", "coordonnees")
