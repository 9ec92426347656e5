"""The report's key figures say when the network's links were derived on import, not declared."""

from __future__ import annotations

from nec_network.analysis.structures import link_antennas
from nec_network.analysis.synthesis import synthesize
from nec_network.model import Actor, Ecosystem, Partnership
from nec_network.territory import load_communes
from nec_network.views._report_key_figures import key_figures_section
from nec_network.views._report_sections import Figures, Items

SOMME = load_communes(departements=["80"])
POINT = {"code_insee": "80021", "latitude": 49.894, "longitude": 2.296}


def _places() -> list[Actor]:
    return [
        Actor("fs", "France services Amiens (fictive)", dispositifs=("France Services",),
              extra={"format_fs": "Site principal", "groupe": "Amiens"}, **POINT),
        Actor("fs-antenne", "France services Amiens - Antenne Nord (fictive)", dispositifs=("France Services",),
              extra={"format_fs": "Antenne", "groupe": "Amiens"}, **POINT),
        Actor("bib", "Médiathèque (fictive)", **POINT),
    ]


def _texts(ecosystem: Ecosystem) -> tuple[str, str]:
    blocks = key_figures_section(synthesize(ecosystem, SOMME, sites=1))
    (figures,) = [block for block in blocks if isinstance(block, Figures)]
    label = next(figure[2] for figure in figures.items if figure[0] == "partenariats")
    (items,) = [block for block in blocks if isinstance(block, Items)]
    return label, items.items[-1]


def test_a_network_of_derived_links_only_says_no_partnership_was_declared():
    derived, _ = link_antennas(Ecosystem(_places()))
    assert derived.partnerships  # the antenna is linked to its main site
    label, finding = _texts(derived)
    assert label == f"partenariats, dont {len(derived.partnerships)} déduit à l’import"
    assert finding.startswith("Aucun partenariat déclaré : les ") and "nec-network enquete" in finding
    assert "points de fragilité" not in finding


def test_declared_partnerships_are_counted_with_the_derived_ones_said_apart():
    derived, _ = link_antennas(Ecosystem(_places()))
    declared = Ecosystem(list(derived), [*derived.partnerships, Partnership("bib", "fs", "orientation")])
    label, finding = _texts(declared)
    assert label == "partenariats, dont 1 déduit à l’import"
    assert finding.startswith("Le réseau relie 3 acteurs par 2 partenariats (dont 1 déduit à l’import) ; ")
    label, finding = _texts(Ecosystem(_places(), [Partnership("bib", "fs", "orientation")]))
    assert label == "partenariats" and "déduit" not in finding
