"""The orientation page's computation (static/orienter-calcul.js) replayed in Node against
nec_network.analysis.orientation.orient: same places in the same order, same reason, for limits
in minutes (with each mode) and in km (the page's slider), without a browser."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

import nec_network
from nec_network.analysis.criteria import Threshold
from nec_network.analysis.orientation import OrientationQuery, orient
from nec_network.analysis.spatial import SPEEDS_KMH
from nec_network.demo import load_demo
from nec_network.model.vocabularies import DIFFICULTIES
from nec_network.territory import load_communes
from nec_network.views.orientation import KM_RANGE, orientation_data

STATIC = Path(nec_network.__file__).parent / "views" / "static"
SCRIPTS = ("texte.js", "orienter-donnees.js", "orienter-horaires.js", "orienter-calcul.js")
pytestmark = pytest.mark.skipif(shutil.which("node") is None, reason="node absent : apt-get install nodejs")

# The page's scripts up to the computation, started on the data as the page and the element
# start them (orienter-donnees.js), without a document: these parts touch none.
NODE_SCRIPT = """
const fs = require('fs');
const input = JSON.parse(fs.readFileSync(0, 'utf8'));
global.window = {};
for (const file of process.argv.slice(1)) { eval(fs.readFileSync(file, 'utf8')); }
const N = window.necOrienterScripts.start(null, input.D, null);
process.stdout.write(JSON.stringify(input.questions.map(q => {
  const r = N.orient(Object.assign({service: null, structure: null, gratuit: false, sans_rdv: false,
                                    pmr: false, ouvert: null}, q));
  return {lieux: r.lieux.map(p => p.acteur.id), raison: r.raison, candidats: r.candidats,
          proche: r.plusProche ? r.plusProche.acteur.id : null};
})));
"""


def _replay(document: dict, questions: list[dict]) -> list[dict]:
    answer = subprocess.run(
        ["node", "-e", NODE_SCRIPT, *(str(STATIC / name) for name in SCRIPTS)],
        input=json.dumps({"D": document, "questions": questions}), capture_output=True, text=True,
        check=True, timeout=300,
    )
    return json.loads(answer.stdout)


def _expected(result) -> dict:
    return {
        "lieux": [place.actor.id for place in result.places], "raison": result.reason,
        "candidats": result.candidates,
        "proche": result.nearest_beyond.actor.id if result.nearest_beyond else None,
    }


def test_limits_in_km_and_in_minutes_give_python_s_places_in_python_s_order():
    ecosystem = load_demo()
    communes = load_communes()
    # Every 150th commune of Picardie (15 communes of the three départements), a few needs.
    homes = list(communes["code_insee"].iloc[::150])
    needs = [None, "demarches", "equipement", *list(DIFFICULTIES)[-2:]]
    limits = [(None, None), (None, KM_RANGE[0]), (None, 20), (None, 50), (None, KM_RANGE[1]), (10, None), (30, None)]
    questions = [
        {"commune": home, "difficulte": need, "public": None, "mobilite": mode,
         "max_minutes": minutes, "max_km": km}
        for home in homes for need in needs for mode in ("voiture", "pied") for minutes, km in limits
        if km is None or mode == "voiture"  # the mode does not change a distance
    ]
    assert set(SPEEDS_KMH) >= {"voiture", "pied"} and len(questions) > 300
    answers = _replay(orientation_data(ecosystem, communes), questions)
    by_km = 0
    for question, got in zip(questions, answers, strict=True):
        minutes, km = question["max_minutes"], question["max_km"]
        result = orient(ecosystem, OrientationQuery(
            commune=question["commune"], difficulty=question["difficulte"],
            threshold=Threshold(max_km=km, max_minutes=minutes, mode=question["mobilite"]),
            maximum=minutes is not None or km is not None,
        ), communes)
        assert got == _expected(result), question
        if question["max_km"] is not None:
            assert all(place.distance_km <= question["max_km"] for place in result.places)
            by_km += bool(result.places)
    assert by_km > 20  # the km limits did keep places, not only empty answers


def test_a_page_built_with_a_threshold_in_km_and_a_detour_answers_as_python():
    ecosystem, communes = load_demo(), load_communes()
    built = Threshold(max_km=8, detour=1.5)
    questions = [
        {"commune": home, "difficulte": need, "public": None, "mobilite": mode, "max_minutes": None, "max_km": None}
        for home in communes["code_insee"].iloc[::300] for need in (None, "demarches", "bases")
        for mode in ("voiture", "velo")
    ]
    answers = _replay(orientation_data(ecosystem, communes, threshold=built), questions)
    reasons = set()
    for question, got in zip(questions, answers, strict=True):
        threshold = Threshold(max_km=8, detour=1.5, mode=question["mobilite"])
        result = orient(ecosystem, OrientationQuery(question["commune"], question["difficulte"], threshold=threshold),
                        communes)
        assert got == _expected(result), question
        reasons.add(result.reason)
    assert {"", "far"} <= reasons  # near places within 8 km for some homes, none for others
