"""The report's « Communes prioritaires » and the recommended sites with and without the fragility
weighting: figures from the synthesis, recomputed here, and the wording of where the index comes from."""

from __future__ import annotations

import dataclasses
import re
from html import unescape

import pandas as pd
import pytest

from nec_network.analysis.criteria import Threshold
from nec_network.analysis.synthesis import synthesize
from nec_network.io.fragility import read_fragility
from nec_network.model import Actor, Ecosystem
from nec_network.territory import load_communes
from nec_network.territory.fragility import fragility_table
from nec_network.views.report import build_report, markdown_escape

APPROXIMATION = "indice 2016–2019, approximation, pas l'IFN officiel"


def somme_ecosystem() -> Ecosystem:
    communes = load_communes(codes_insee=["80021", "80001", "80620", "80016"]).set_index("code_insee")
    return Ecosystem([Actor(f"lieu-{code}", f"Lieu {row['nom']}", latitude=float(row["latitude"]),
                            longitude=float(row["longitude"])) for code, row in communes.iterrows()])


def somme_synthesis(fragility=None):
    return synthesize(somme_ecosystem(), load_communes(departements=["80"]), sites=4,
                      threshold=Threshold(max_km=10), fragility=fragility)


@pytest.fixture(scope="module")
def somme():
    synthesis = somme_synthesis()
    return synthesis, build_report(synthesis)


def text_of(document: str) -> str:
    body = re.sub(r"<[^>]+>", " ", re.split(r"<body[^>]*>", document, maxsplit=1)[1])
    return " ".join(unescape(body).replace("\u00a0", " ").split())


def section(markdown: str, title: str) -> str:
    start = markdown.index(title)
    following = re.search(r"\n## ", markdown[start + len(title):])
    return markdown[start: start + len(title) + following.start()] if following else markdown[start:]


def test_priority_communes_are_ranked_by_fragile_population_with_their_reason(somme):
    synthesis, (document, markdown) = somme
    assert '<h2 id="communes-prioritaires">Communes prioritaires</h2>' in document
    assert 'href="#communes-prioritaires"' in document
    part = section(markdown, "## Communes prioritaires")
    assert "(0 à 100, plus haut = plus fragile) est une approximation calculée à partir de chiffres 2016–2019" in part
    assert f"**Les 10 premières communes prioritaires ({APPROXIMATION})**" in part
    assert f"**Les communes prioritaires 11 à 50 ({APPROXIMATION})**" in part
    # Recomputed here from the coverage and the embedded table.
    index = fragility_table().set_index("code_insee")["indice_fragilite"]
    gaps = synthesis.coverage[~synthesis.coverage["covered"]]
    fragile = (gaps["population"] * gaps["code_insee"].map(index) / 100).round(0)
    expected = gaps.assign(fragile=fragile).sort_values(["fragile", "population"], ascending=False).head(50)
    rows = re.findall(r"^\| (\d+) \| (.+?) \((\d{5})\) \| ([\d\u00a0]+) \| (.+) \|$", part, flags=re.M)
    assert [code for _, _, code, _, _ in rows] == expected["code_insee"].tolist()
    first = expected.iloc[0]
    rank, name, code, people, why = rows[0]
    assert (rank, name, int(people.replace("\u00a0", ""))) == ("1", first["nom"], int(first["fragile"]))
    assert why.startswith("non couverte, à ") and "du lieu le plus proche (Lieu " in why
    assert f"sur {first['population']:,d}".replace(",", "\u00a0") in why


def test_both_answers_side_by_side(somme):
    synthesis, (document, markdown) = somme
    comparison = synthesis.weighting
    part = section(markdown, "### Avec et sans pondération par la fragilité")
    assert f"**Les deux réponses côte à côte ({APPROXIMATION})**" in part
    plain, weighted = comparison.plain, comparison.weighted
    assert comparison.people == (plain["population_gain"].sum(), weighted["population_gain"].sum())
    assert comparison.fragile[1] == pytest.approx(weighted["weighted_gain"].sum(), abs=len(weighted))
    # Each answer is best at what it maximises.
    assert comparison.people[0] >= comparison.people[1] and comparison.fragile[1] >= comparison.fragile[0]
    for label, (first, second) in (("Habitants", comparison.people), ("Habitants fragiles", comparison.fragile)):
        assert f"| {label} | {first:,d} | {second:,d} |".replace(",", "\u00a0") in part
    # Here the answers differ (two sites of four): the sentence names them, each on its side.
    only_weighted = sorted(set(weighted["nom"]) - set(plain["nom"]))
    only_plain = sorted(set(plain["nom"]) - set(weighted["nom"]))
    assert len(only_weighted) == len(only_plain) == 2
    sentence = next(line for line in part.splitlines() if "Pondérée par la fragilité, la réponse choisit" in line)
    chosen, instead = sentence.split(" au lieu de ")
    assert all(name in chosen for name in only_weighted) and all(name in instead for name in only_plain)
    assert "Les 4 sites pondérés par la fragilité, un par un" in text_of(document)
    assert f"- Sans pondération : {', '.join(plain['nom'].iloc[:-1])} et {plain['nom'].iloc[-1]}." in part


def test_a_users_index_file_is_named_instead_of_the_approximation(tmp_path):
    ifn = tmp_path / "ifn.csv"
    codes = load_communes(departements=["80"])["code_insee"]
    ifn.write_text("code_insee;indice_fragilite\n" + "".join(f"{code};{(int(code) % 97) + 1}\n" for code in codes),
                   encoding="utf-8")
    fragility = read_fragility(ifn).fragility
    synthesis = somme_synthesis(fragility)
    _, markdown = build_report(synthesis)
    for title in ("## Communes prioritaires", "### Avec et sans pondération par la fragilité"):
        part = section(markdown, title)
        assert f"indice chargé depuis {markdown_escape(str(ifn))}" in part
        assert "approximation" not in part and "2016–2019" not in part
    priorities = synthesis.priority_communes
    expected = (priorities["population"] * priorities["code_insee"].map(lambda c: (int(c) % 97) + 1) / 100).round(0)
    pd.testing.assert_series_equal(priorities["fragile_population"], expected, check_names=False)


def test_the_report_says_whether_the_sites_are_proven_best(somme):
    synthesis, (_, markdown) = somme
    assert synthesis.weighting.proven == (True, True)  # a small instance: HiGHS proves both
    sites = section(markdown, "## Sites recommandés")
    assert "Choix exact : la résolution du programme en nombres entiers (HiGHS) prouve qu’aucun autre" in sites
    assert "sans preuve" not in sites
    # The same synthesis had the solver stopped at its limit for both answers.
    stopped = dataclasses.replace(synthesis, weighting=dataclasses.replace(synthesis.weighting, proven=(False, False)))
    sites = section(build_report(stopped)[1], "## Sites recommandés")
    assert "Choix exact" not in sites
    assert "Ce choix est le meilleur trouvé, sans preuve qu’aucun autre choix d’autant de sites" in sites
    assert "La réponse pondérée est la meilleure trouvée, sans preuve" in sites
    assert "« nec-network recommend --exact --ponderation fragilite » le poursuit sans limite de temps." in sites
