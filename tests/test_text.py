"""nec_network.text: the typing-error distance, and its JavaScript twin (texte.js) run in Node."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

import nec_network
from nec_network.territory import load_communes
from nec_network.text import normalize_name, typo_distance

TEXTE_JS = Path(nec_network.__file__).parent / "views" / "static" / "texte.js"
QUERIES = ["Grandviliers", "Crevecoeur", "Crevecouer", "St Quentin", "Amiesn", "abbevile", "Laon",
           "Pérone", "Noyn", "Zzzville", "Beauvais", "ch", "Saint Qentin", "Château-Tiery"]
NODE_SCRIPT = """
global.window = {};
eval(require('fs').readFileSync(process.argv[1], 'utf8'));
const pairs = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const T = window.necTexte;
process.stdout.write(JSON.stringify(pairs.map(([n, q]) => [T.normalise(n), T.typo(T.normalise(n), T.normalise(q))])));
"""


def test_typo_distance_by_hand():
    assert typo_distance("grandvilliers", "grandviliers") == 1
    assert typo_distance("amiens", "amiesn") == 1  # two neighbours swapped: one edit
    assert typo_distance("crevecoeur le grand", "crevecoeur") == 0  # a start of the name
    assert typo_distance("laon", "lxo") is None  # below 4 characters, no error forgiven
    assert typo_distance("amiens", "laon") is None
    assert typo_distance("chateau thierry", "chateau tiery") == 2
    assert typo_distance("chateau thierry", "chxteau tixry") is None  # three edits for 13 characters


@pytest.mark.skipif(shutil.which("node") is None, reason="Node is not installed")
def test_javascript_gives_python_answers_on_every_commune_of_the_territory():
    names = sorted(set(load_communes()["nom"]))
    assert len(names) > 2000
    pairs = [[name, query] for query in QUERIES for name in names]
    answer = subprocess.run(
        ["node", "-e", NODE_SCRIPT, str(TEXTE_JS)], input=json.dumps(pairs), capture_output=True,
        text=True, check=True, timeout=300,
    )
    javascript = json.loads(answer.stdout)
    python = [[normalize_name(n), typo_distance(normalize_name(n), normalize_name(q))] for n, q in pairs]
    assert javascript == python
    assert sum(d == 1 for _, d in python[: len(names)]) >= 1  # « Grandviliers » is one edit away
