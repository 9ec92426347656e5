"""The guide page says where its resources without a place come from, and only when there are some."""

from __future__ import annotations

from nec_network.analysis.synthesis import synthesize
from nec_network.model import Actor, Ecosystem
from nec_network.model.resource import Resource
from nec_network.territory import load_communes
from nec_network.views.guide import build_guide

SOMME = load_communes(departements=["80"])
PLACE = Actor("a", "Médiathèque", code_insee="80021", commune="Amiens", latitude=49.894, longitude=2.296,
              services=("Aide aux démarches administratives",))


def test_the_guide_names_the_resources_file_only_when_it_has_resources():
    without = build_guide(synthesize(Ecosystem([PLACE]), SOMME, sites=1))
    assert "ressources.csv" in without and "Aucun dispositif sans lieu" in without
    assert "viennent du fichier" not in without
    line = Resource("ligne", "Ligne d'écoute (fictive)", ("demarches",))
    with_line = build_guide(synthesize(Ecosystem([PLACE]), SOMME, sites=1, resources=[line]))
    assert "Les dispositifs sans lieu viennent du fichier ressources.csv." in with_line
    assert "Aucun dispositif sans lieu" not in with_line
