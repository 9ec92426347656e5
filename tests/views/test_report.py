"""The synthesis report: every section with the synthesis' figures, escaping, Markdown, determinism."""

from __future__ import annotations

import base64
import copy
import re
from html import unescape

import pandas as pd
import pytest

from nec_network.model.vocabularies import PARTNERSHIP_LABELS
from nec_network.wording import cut_off_sentences, journey_answer, suggestion_sentences
from nec_network.model.persona import Persona
from nec_network.analysis.synthesis import synthesize
from nec_network.model import Actor, Ecosystem, Partnership
from nec_network.territory import load_communes
from nec_network.views.report import build_report, markdown_escape, write_report

XSS_NAMES = ("<img src=x onerror=alert(1)>", '"><script>alert(1)</script>')
PIPE_NAME = "Espace | numérique *pilote*"
SERVICES = ("Aide aux démarches administratives", "Maîtrise des outils numériques du quotidien")


def _at(code: str) -> dict:
    commune = load_communes(codes_insee=[code]).iloc[0]
    return {
        "code_insee": code,
        "commune": commune["nom"],
        "latitude": float(commune["latitude"]),
        "longitude": float(commune["longitude"]),
    }


def hostile_ecosystem() -> Ecosystem:
    """Four actors of the Somme at real commune points; names and source written to attack."""
    source = "Relevé <b>local</b>"
    return Ecosystem(
        [
            Actor(
                "xss-img",
                XSS_NAMES[0],
                typologies=("EPN",),
                services=SERVICES,
                horaires="<i>Mo</i>",
                source=source,
                **_at("80021"),
            ),
            Actor(
                "xss-script",
                XSS_NAMES[1],
                typologies=("BIB",),
                services=SERVICES[:1],
                source=source,
                **_at("80001"),
            ),
            Actor(
                "pipe",
                PIPE_NAME,
                typologies=("RFS",),
                services=SERVICES[1:],
                source=source,
                **_at("80620"),
            ),
            Actor("isole", "Mairie d'Albert", typologies=("MUNI",), source=source, **_at("80016")),
        ],
        [
            Partnership("xss-img", "xss-script", "partenariat"),
            Partnership("xss-script", "pipe", "orientation"),
        ],
    )


def hostile_synthesis():
    persona = Persona(
        "p1",
        XSS_NAMES[1] + " persona",
        "80001",
        SERVICES,
        description=XSS_NAMES[0],
        premier_contact="xss-script",
    )
    return synthesize(
        hostile_ecosystem(), load_communes(departements=["80"]), sites=3, personae=[persona]
    )


@pytest.fixture(scope="module")
def demo(demo_synthesis):
    return demo_synthesis


@pytest.fixture(scope="module")
def demo_report(demo):
    return build_report(demo)


@pytest.fixture(scope="module")
def hostile():
    return hostile_synthesis()


def figure(document: str, key: str) -> int:
    match = re.search(rf'data-chiffre="{key}" data-valeur="(-?\d+)"', document)
    assert match, key
    return int(match.group(1))


def text_of(document: str) -> str:
    """Visible text of the HTML, roughly: tags removed, entities decoded, spaces normalised."""
    body = re.sub(r"<[^>]+>", " ", re.split(r"<body[^>]*>", document, maxsplit=1)[1])
    return " ".join(unescape(body).replace("\u00a0", " ").split())


def test_key_figures_are_the_synthesis_figures(demo, demo_report):
    document, markdown = demo_report
    total = demo.coverage_total.iloc[0]
    assert figure(document, "population_couverte") == int(total["covered_population"])
    assert figure(document, "communes_couvertes") == int(total["covered_communes"])
    assert figure(document, "population_non_couverte") == int(
        total["population"] - total["covered_population"]
    )
    assert figure(document, "acteurs") == len(demo.ecosystem) == 221
    assert figure(document, "partenariats") == len(demo.ecosystem.partnerships)
    assert figure(document, "zones_blanches") == len(demo.white_zones) > 0
    shown = f"{int(total['covered_population']):,d}".replace(",", "\u00a0")
    assert f"**{shown}** habitants couverts" in markdown
    text = text_of(document)
    assert str(demo.threshold) in text and "approximation" in text


def test_every_section_is_there_in_both_versions(demo_report):
    document, markdown = demo_report
    for anchor, title in [
        ("chiffres-cles", "Chiffres clés"),
        ("couverture", "Couverture du territoire"),
        ("services", "Couverture par service"),
        ("zones-blanches", "Communes non couvertes et zones blanches"),
        ("sites", "Sites recommandés"),
        ("reseau", "Le réseau des acteurs"),
        ("parcours", "Parcours de personnes accompagnées"),
        ("ressources", "Ressources par type de difficulté"),
        ("methode", "Méthode"),
    ]:
        assert f'<h2 id="{anchor}">{title}</h2>' in document
        assert f'href="#{anchor}"' in document
        assert f"\n## {title}\n" in markdown


def test_tables_carry_the_synthesis_rows(demo, demo_report):
    document, markdown = demo_report
    text = text_of(document)
    for row in demo.coverage_by_departement.itertuples():
        covered = f"{row.covered_population:,d}".replace(",", " ")
        share = f"{row.covered_population_share * 100:.1f}".replace(".", ",")
        assert re.search(rf"\({row.departement}\) .*?{covered} {share} %", text)
    assert (
        text.count("EPCI") >= 2
        and '<details class="nec-plie"><summary>Toutes les intercommunalités (57)' in document
    )
    for label in demo.coverage_by_densite["densite"]:
        assert label in text
    for guide in demo.guide:  # the guide of resources: one table per difficulty
        assert f"Lieux pour « {guide.difficulty.label} » par département" in text
    first_gap = demo.gaps.iloc[0]
    assert f"1 {first_gap['nom']} ({first_gap['code_insee']})" in text
    for zone in demo.white_zones.itertuples():
        assert f"| {markdown_escape(zone.nom)} | {zone.commune_count} |" in markdown
    for site in demo.recommendations.itertuples():
        assert f"{site.nom} ({site.code_insee})" in text
    cumulated = f"{demo.recommendations['cumulative_covered_population'].iloc[-1]:,d}".replace(
        ",", " "
    )
    assert cumulated in text


def test_network_and_journeys_say_what_the_analyses_found(demo, demo_report):
    document, markdown = demo_report
    text = text_of(document)
    names = {actor.id: actor.nom for actor in demo.ecosystem}
    said = [*cut_off_sentences(demo.articulation_points, names), *cut_off_sentences(demo.bridges, names)]
    for sentence in said:
        assert sentence in text
    for name in demo.isolated["nom"]:
        assert name in text
    for community in demo.communities.itertuples():
        assert community.community_name in text
    assert suggestion_sentences(demo.suggestions.head(1))[0] in text
    assert demo.brokers["nom"].iloc[0] in text
    assert len(demo.journeys) == 5
    for trip in demo.journeys:
        assert trip.persona.nom in text and journey_answer(trip, type_labels=PARTNERSHIP_LABELS) in text
        assert f"\n### {markdown_escape(trip.persona.nom)}\n" in markdown
        for name in trip.options["nom"]:
            assert name in text


def test_charts_are_embedded_pngs_with_french_alt_texts(demo_report):
    document, markdown = demo_report
    images = re.findall(r'<img src="data:image/png;base64,([^"]+)" alt="([^"]+)"', document)
    assert len(images) == 5  # the fifth: ties month by month around the demo's event
    for payload, alt in images:
        assert base64.b64decode(payload).startswith(b"\x89PNG\r\n\x1a\n")
        assert alt.startswith(("Part de", "Histogramme", "Taille des communautés", "Liens datés"))
    assert "Aisne (02) 92,5" in unescape(images[0][1]).replace("\u00a0", " ")
    assert "data:image" not in markdown


def test_the_footer_names_fictional_data_and_sources(demo_report):
    document, markdown = demo_report
    footer = document.split('<footer class="nec-footer"', 1)[1]
    assert "données de démonstration fictives" in footer and "COG 2026" in footer
    assert "matplotlib" in footer and "données de démonstration fictives" in markdown


def test_same_synthesis_same_bytes_and_nothing_modified(hostile):
    before = {
        name: copy.deepcopy(getattr(hostile, name))
        for name in ("coverage", "gaps", "white_zones", "recommendations", "communes", "metrics")
    }
    first = build_report(hostile)
    assert build_report(hostile) == first
    assert build_report(hostile_synthesis()) == first
    for name, table in before.items():
        pd.testing.assert_frame_equal(getattr(hostile, name), table)


def test_hostile_names_are_escaped_in_the_html(hostile):
    document, _ = build_report(hostile)
    for name in (*XSS_NAMES, "<b>local</b>", "<i>Mo</i>"):
        assert name not in document
    assert "&lt;img src=x onerror=alert(1)&gt;" in document
    assert "&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in document
    assert "<script" not in document.lower()
    assert "onerror=" not in re.sub(r"&lt;img src=x onerror=alert\(1\)&gt;", "", document)
    text = text_of(document)
    assert XSS_NAMES[0] in text and XSS_NAMES[1] in text and "Relevé <b>local</b>" in text


def test_markdown_escapes_html_and_table_pipes(hostile):
    _, markdown = build_report(hostile)
    assert not re.search(r"(?<!\\)[<>]", markdown), "unescaped angle bracket"
    assert "\\<img src=x onerror=alert(1)\\>" in markdown
    assert "Espace \\| numérique \\*pilote\\*" in markdown
    # every row of a table has as many cells as its header
    for block in re.findall(r"(?:^\| .*\n)+", markdown, flags=re.MULTILINE):
        widths = {len(re.split(r"(?<!\\)\|", row)) for row in block.splitlines()}
        assert len(widths) == 1, block


def test_write_report_writes_html_and_markdown_beside(hostile, tmp_path):
    html_path, md_path = write_report(hostile, tmp_path / "sortie" / "rapport.html")
    assert html_path == tmp_path / "sortie" / "rapport.html"
    assert md_path == tmp_path / "sortie" / "rapport.md"
    document, markdown = build_report(hostile)
    assert html_path.read_text(encoding="utf-8") == document
    assert md_path.read_text(encoding="utf-8") == markdown


def test_an_ecosystem_without_gaps_or_journeys_still_reads_well():
    actors = [
        Actor(f"a{code}", f"Lieu {row.nom}", services=SERVICES, **_at(code))
        for code, row in load_communes(departements=["80"]).set_index("code_insee").iterrows()
        if code in {"80021", "80001", "80620", "80016"}
    ]
    synthesis = synthesize(Ecosystem(actors), load_communes(codes_insee=["80021", "80001"]))
    document, markdown = build_report(synthesis)
    text = text_of(document)
    assert "Aucune zone blanche." in text and "Aucun site à recommander" in text
    assert "Parcours" not in text and "## Méthode" in markdown
    assert figure(document, "population_non_couverte") == 0


def test_findings_agree_in_number_and_elide():
    actors = [Actor("amiens", "Lieu d'Amiens", services=SERVICES, **_at("80021"))]
    communes = load_communes(codes_insee=["80021", "80001"])
    text = text_of(build_report(synthesize(Ecosystem(actors), communes, sites=1))[0])
    assert "La plus grande zone blanche, autour d'Abbeville, réunit 1 commune" in text
    assert "1 nouveau lieu bien placé couvrirait " in text
    assert "1 commune sans acteur à 20 minutes ou moins en voiture, classée par population" in text
    assert "La commune non couverte" in text and "Les 1 " not in text
    assert "L’intercommunalité (EPCI) comptant des habitants non couverts" in text


def test_the_fragility_count_in_the_summary_is_the_number_of_points_listed(demo, demo_report):
    document, markdown = demo_report
    listed = markdown.split("### Points de fragilité\n\n", 1)[1].split("\n\n", 1)[0]
    points = [line for line in listed.splitlines() if line.startswith("- ")]
    assert len(points) == len(demo.articulation_points) + len(demo.bridges) > 0
    count = re.search(r"(\d+) points? de fragilité\.", text_of(document))
    assert count and int(count.group(1)) == len(points)
    isolated = markdown.split("### Acteurs isolés\n\n", 1)[1].split("\n\n", 1)[0]
    assert f"{len(demo.isolated)} acteur" in text_of(document)
    assert len([line for line in isolated.splitlines() if line.startswith("- ")]) == len(
        demo.isolated
    )


def test_an_uncovered_commune_never_shows_a_time_within_the_threshold(demo, demo_report):
    _, markdown = demo_report
    limit = demo.threshold.max_minutes
    table = markdown.split("communes non couvertes les plus peuplées**\n\n", 1)[1]
    rows = [line.split(" | ") for line in table.split("\n\n", 1)[0].splitlines()[2:]]
    assert len(rows) == min(20, len(demo.gaps))
    for cells in rows:
        shown = cells[6].replace("\u00a0", " ")
        assert shown.startswith("> ") or float(shown.replace(",", ".")) > limit, cells


def test_beyond_and_percent_never_contradict_their_bound():
    from nec_network.views._report_sections import beyond, percent

    assert beyond(20.01, 20.0) == "> 20,0".replace(" ", "\u00a0")
    assert beyond(20.06, 20.0) == "20,1"
    assert percent(0.99999) != "100,0\u00a0%" and percent(1.0) == "100,0\u00a0%"
    assert percent(0.000001) != "0,0\u00a0%" and percent(0) == "0,0\u00a0%"


def _heading_like(line: str) -> bool:
    return line.startswith("#") or (line.startswith("**") and line.endswith("**"))


def test_markdown_never_has_two_headings_in_a_row(demo_report, hostile):
    for markdown in (demo_report[1], build_report(hostile)[1]):
        paragraphs = [part.strip() for part in markdown.split("\n\n") if part.strip()]
        for first, second in zip(paragraphs, paragraphs[1:]):
            assert not (_heading_like(first) and _heading_like(second)), (first, second)


def test_every_module_of_the_report_stays_under_500_lines():
    from pathlib import Path

    import nec_network.views as views

    folder = Path(views.__file__).parent
    for name in ("report.py", "_report_sections.py", "_report_network.py", "_report_markdown.py", "_report_fragility.py"):
        assert len((folder / name).read_text(encoding="utf-8").splitlines()) < 500, name
