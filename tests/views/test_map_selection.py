"""What the map page shows (static/carte-selection.js), replayed in Node against Python: the
service filter offers only the services of the data, the coverage filter only the classes some
commune has, and the table of the communes sorts by any column and adds up what it keeps."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest

import nec_network
from nec_network.analysis.consolidation import consolidate
from nec_network.analysis.coverage import coverage_by_commune
from nec_network.analysis.criteria import Threshold
from nec_network.demo import load_demo
from nec_network.io import read_ecosystem
from nec_network.text import normalize_name, strip_accents
from nec_network.views._map_data import located_actors
from nec_network.views.map import MapLayers, MapOptions, map_document

ROOT = Path(__file__).resolve().parents[2]
STATIC = Path(nec_network.__file__).parent / "views" / "static"
FRANCE_SERVICES = ROOT / "tests" / "fixtures" / "real" / "france-services-2022-12-extrait.csv"
MAPPING = ROOT / "data" / "mappings" / "france-services.json"
COLUMNS = ("nom", "dep", "pop", "classe", "proche", "proches")
pytestmark = pytest.mark.skipif(shutil.which("node") is None, reason="node absent : apt-get install nodejs")

# texte.js, then the document, carte-colonnes.js and carte-selection.js, as the page loads
# them, without DOM nor Leaflet.
NODE_SCRIPT = """
const fs = require('fs');
global.window = {necCarte: {}};
eval(fs.readFileSync(process.argv[1], 'utf8'));
const {D, questions} = JSON.parse(fs.readFileSync(0, 'utf8'));
window.necCarte.D = D;
eval(fs.readFileSync(process.argv[2], 'utf8'));
eval(fs.readFileSync(process.argv[3], 'utf8'));
const N = window.necCarte;
const answers = questions.map(([text, classe, column, descending]) => {
  const rows = N.sortCommunes(N.communesShown(D.communes, text, classe), column, descending, D);
  return {codes: rows.map(c => c.code), totals: N.communeTotals(rows)};
});
process.stdout.write(JSON.stringify({
  services: N.presentServices(D), classes: N.presentClasses(D).map(c => c.code), answers,
}));
"""


def _replay(document: dict, questions: list[list]) -> dict:
    answer = subprocess.run(
        ["node", "-e", NODE_SCRIPT, *(str(STATIC / name) for name in ("texte.js", "carte-colonnes.js", "carte-selection.js"))],
        input=json.dumps({"D": document, "questions": questions}), capture_output=True, text=True,
        check=True, timeout=120,
    )
    return json.loads(answer.stdout)


def _folded(name: str) -> str:
    """The page's name order: case and accents folded, separators as spaces (no Saint rule)."""
    return re.sub(r"[\s\-'’‘`_/.,()]+", " ", strip_accents(name).lower()).strip()


def _answers(name: str, text: str) -> bool:
    """The search rule of texte.js: the query in the name, with or without the Saint rule."""
    return normalize_name(text) in normalize_name(name) or _folded(text) in _folded(name)


def _python_order(document: dict, rows: list[dict], column: str, descending: bool) -> list[str]:
    """Written again here: missing values last, then the column, then name and code ascending."""
    rank = {c["code"]: k for k, c in enumerate((document["couverture"] or {}).get("classes", []))}
    value = {
        "nom": lambda c: _folded(c["nom"]),
        "dep": lambda c: c["dep"],
        "pop": lambda c: c["pop"],
        "classe": lambda c: rank.get(c.get("classe")),
        "proche": lambda c: c.get("km"),
        "proches": lambda c: c["proches"][0]["km"] if c["proches"] else None,
    }[column]
    by_tie = sorted(rows, key=lambda c: (_folded(c["nom"]), c["code"]))
    present = sorted((c for c in by_tie if value(c) is not None), key=value, reverse=descending)
    return [c["code"] for c in present + [c for c in by_tie if value(c) is None]]


@pytest.fixture(scope="module")
def france_services():
    """The real France Services list (excerpt), consolidated as the import does."""
    return consolidate(read_ecosystem(FRANCE_SERVICES, mapping=str(MAPPING))[0]).ecosystem


def _document(ecosystem, threshold: Threshold) -> dict:
    coverage = coverage_by_commune(ecosystem, threshold=threshold)
    return map_document(ecosystem, MapLayers(coverage=coverage), MapOptions(threshold=threshold))


def test_filters_offer_only_the_services_and_classes_of_the_real_france_services_list(france_services):
    document = _document(france_services, Threshold(max_minutes=20))
    answer = _replay(document, [])
    offered = Counter(s for actor in located_actors(france_services) for s in actor.services)
    assert {s["libelle"]: s["nombre"] for s in answer["services"]} == dict(offered)
    assert [s["libelle"] for s in answer["services"]] == sorted(offered, key=_folded)
    assert "Tout acteur" not in json.dumps(answer["services"])
    # 79 uncovered communes, all within twice 20 minutes: no class « au-delà » offered.
    counts = Counter(c.get("classe") for c in document["communes"])
    assert answer["classes"] == [code for code in ("couvert", "proche", "loin") if counts[code]]
    assert "loin" not in answer["classes"] and counts["proche"] > 0


def test_the_communes_table_sorts_by_every_column_and_adds_up_what_it_keeps():
    ecosystem = load_demo()
    document = _document(ecosystem, Threshold(max_km=8))
    questions = [["", "", column, descending] for column in COLUMNS for descending in (False, True)]
    questions += [["saint", "", "pop", True], ["", "proche", "pop", True], ["zzz", "", "nom", False]]
    answer = _replay(document, questions)
    for (text, classe, column, descending), got in zip(questions, answer["answers"], strict=True):
        kept = [
            c for c in document["communes"]
            if (not classe or c.get("classe") == classe) and (not text or _answers(c["nom"], text))
        ]
        assert got["codes"] == _python_order(document, kept, column, descending), (text, classe, column)
        assert got["totals"] == {"communes": len(kept), "population": sum(c["pop"] for c in kept)}
    by_population = answer["answers"][COLUMNS.index("pop") * 2 + 1]["codes"]
    assert by_population[0] == "80021"  # Amiens, the most populated commune of Picardie
    assert answer["answers"][-1]["totals"] == {"communes": 0, "population": 0}
