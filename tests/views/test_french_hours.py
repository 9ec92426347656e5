"""Opening hours reach people in French: report (HTML and Markdown), map popups, network, journeys."""

from __future__ import annotations

from nec_network.analysis.journeys import journey
from nec_network.model.persona import Persona
from nec_network.analysis.synthesis import synthesize
from nec_network.model import Actor, Ecosystem
from nec_network.territory import load_communes
from nec_network.views._map_actors import actors_data
from nec_network.views._map_data import journeys_data
from nec_network.views.report import build_report

OSM = "Mo-Fr 09:00-12:00,14:00-17:00; PH off"
FRENCH = (
    "du lundi au vendredi, 9\u00a0h – 12\u00a0h et 14\u00a0h – 17\u00a0h ; fermé les jours fériés"
)


def _ecosystem() -> Ecosystem:
    amiens = load_communes(codes_insee=["80021"]).iloc[0]
    return Ecosystem(
        [
            Actor(
                "a",
                "Médiathèque",
                code_insee="80021",
                commune="Amiens",
                horaires=OSM,
                latitude=float(amiens["latitude"]),
                longitude=float(amiens["longitude"]),
                services=("Aide aux démarches administratives",),
            ),
            Actor(
                "b",
                "Espace",
                code_insee="80021",
                commune="Amiens",
                horaires="Mo-Fr 9h-12h",
                latitude=float(amiens["latitude"]),
                longitude=float(amiens["longitude"]),
                services=("Aide aux démarches administratives",),
            ),
        ]
    )


def test_map_popups_carry_french_hours_and_raw_text_only_when_unreadable():
    data = actors_data(_ecosystem())
    assert data["acteurs"]["colonnes"]["horaires"] == [FRENCH, "Mo-Fr 9h-12h"]


def test_report_and_journeys_show_french_hours():
    ecosystem = _ecosystem()
    persona = Persona("p", "Josiane", "80021", ("Aide aux démarches administratives",))
    communes = load_communes(departements=["80"])
    synthesis = synthesize(ecosystem, communes, personae=[persona], sites=1)
    html, markdown = build_report(synthesis)
    for text in (html, markdown):
        assert "Mo-Fr 09:00" not in text
        assert "du lundi au vendredi" in text
    trips = journeys_data([journey(ecosystem, persona, communes)], ecosystem)
    assert trips[0]["options"][0]["horaires"] == FRENCH
