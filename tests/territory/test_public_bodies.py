"""Public bodies named from their SIREN: the embedded communes and EPCI, the départements' numbering."""

from __future__ import annotations

import pytest

from nec_network.territory import _data, get_commune
from nec_network.territory.public_bodies import public_body


def test_every_embedded_epci_is_named_from_its_siren_with_its_kind_written_out():
    table = _data.epci_file()
    for code, name, kind in table[["epci_code", "epci_nom", "epci_type"]].itertuples(index=False):
        body = public_body(code)
        assert body is not None and body.kind == "epci" and body.typologie == "EPCI"
        if name.startswith(f"{kind} "):  # « CA de … » is written out, other names stay as they are
            assert body.nom.endswith(name.split(" ", 1)[1]) and not body.nom.startswith(f"{kind} ")
        else:
            assert body.nom == name
    compiegne = public_body("200067965")
    assert compiegne.nom.startswith("Communauté d'agglomération de la Région de Compiègne")


def test_communes_are_named_from_their_siren_with_french_elision():
    amiens = public_body("21800019800010")  # a SIRET: its SIREN is read
    assert (amiens.kind, amiens.code, amiens.nom) == ("commune", "80021", "Commune d'Amiens")
    assert get_commune(amiens.code).nom == "Amiens"


@pytest.mark.parametrize(("siren", "name"), [
    ("228000014", "Département de la Somme"),  # the SIREN named in issue #19
    ("228000015", None),  # wrong check digit
    ("229900010", None),  # no département 99
    ("238000010", None),  # régions are not recognised
    ("538518473", None),  # a company
    ("", None),
])  # fmt: skip
def test_departements_follow_the_sirene_numbering_and_nothing_else_is_guessed(siren, name):
    body = public_body(siren)
    assert (body.nom if body else None) == name
