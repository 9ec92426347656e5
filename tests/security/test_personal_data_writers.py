"""Every writer of a published page or export leaves advisers' data out, in any spelling.

The writers are discovered, not listed: every format of the registry
(:data:`nec_network.io.formats.FORMATS`) that writes, and every page builder of
:mod:`nec_network.views` (``build_*``). A new one fails here until it is walked, so it
cannot escape the rule. Each gets an ecosystem that still carries its advisers (read from
tests/fixtures/personal, duplicates merged, advisers kept), where their phones and e-mails
also appear in other spellings, in other places' fields and in ``valeurs_ecartees``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from nec_network import views
from nec_network.analysis.consolidation import consolidate
from nec_network.analysis.event_planning import introductions, invitations, venue_ranking
from nec_network.analysis.synthesis import synthesize
from nec_network.io import read_ecosystem, write_ecosystem
from nec_network.io.formats import FORMATS, writer
from nec_network.model.resource import Resource
from nec_network.views.map import MapOptions
from nec_network.views.orientation import OrientationOptions

#: How each page builder is called with the dirty ecosystem (or its synthesis); what it returns
#: is written to a file (a folder for the site).
_PAGES = {
    "build_map": lambda eco, syn, out: (out / "carte.html").write_text(
        views.build_map(eco, options=MapOptions(tiles=False))),
    "build_network": lambda eco, syn, out: (out / "reseau.html").write_text(views.build_network(eco)),
    "build_orientation_page": lambda eco, syn, out: (out / "orienter.html").write_text(
        views.build_orientation_page(eco, options=OrientationOptions(resources=syn.resources))),
    "build_report": lambda eco, syn, out: (out / "rapport.html").write_text("\n".join(views.build_report(syn))),
    "build_guide": lambda eco, syn, out: (out / "guide.html").write_text(views.build_guide(syn)),
    "build_site": lambda eco, syn, out: views.build_site(syn, out / "site", tiles=False),
    "build_survey_page": lambda eco, syn, out: (out / "enquete.html").write_text(views.build_survey_page(eco)),
    "build_planning_page": lambda eco, syn, out: views.write_planning(
        venue_ranking(eco, syn.communes), invitations(eco, white_zones=syn.white_zones), introductions(eco), eco,
        out / "preparer", rural_weight=1.5),
}


@pytest.fixture(scope="module")
def dirty(personal_fixture):
    ecosystem, _ = read_ecosystem(personal_fixture)
    return consolidate(ecosystem, keep_personal=True).ecosystem


@pytest.fixture(scope="module")
def synthesis(dirty):
    resource = Resource("Ligne fictive de Camille Fictive", ("demarches",), "03.23.99.00.11", "Écrire à D.Fictif@example.org")
    # One recommended site, not 10: the sites' tables name communes, never advisers, and are
    # still written; one is found by enumeration, 10 took the exact solver 10 s of CPU here.
    return synthesize(dirty, personae=(), resources=[resource], sites=1)


def test_the_input_does_carry_them_in_other_spellings_and_merged_duplicates(dirty, tmp_path, personal_traces):
    merged = dirty["fictif0000000000000002"]
    assert "06.12.34.56.78" in merged.extra["valeurs_ecartees"]
    assert dirty["fictif0000000000000004"].telephone == "0033 3 23 99 00 11"
    write_ecosystem(dirty, tmp_path / "modele", to="modele", keep_personal=True)
    assert set(personal_traces(tmp_path)) == {"modele/acteurs.csv"}


@pytest.mark.parametrize("fmt", [fmt.name for fmt in FORMATS if fmt.write and not fmt.personal_data])
def test_every_published_format_writer_leaves_them_out(fmt, dirty, tmp_path, personal_traces):
    target = tmp_path / fmt / f"export.{fmt}"
    target.parent.mkdir()
    writer(fmt)(dirty, target)
    assert any(target.parent.rglob("*")), "nothing written"
    assert personal_traces(tmp_path) == {}


@pytest.mark.parametrize("fmt", [fmt.name for fmt in FORMATS if fmt.write and fmt.personal_data])
def test_a_format_that_may_carry_them_leaves_them_out_unless_asked(fmt, dirty, tmp_path, personal_traces):
    write_ecosystem(dirty, tmp_path / fmt, to=fmt)
    assert any((tmp_path / fmt).rglob("*")) or (tmp_path / fmt).is_file()
    assert personal_traces(tmp_path) == {}


def test_every_page_builder_is_walked():
    assert {name for name in views.__all__ if name.startswith("build_")} == set(_PAGES)


@pytest.mark.parametrize("name", sorted(_PAGES))
def test_every_page_leaves_them_out(name, dirty, synthesis, tmp_path, personal_traces):
    _PAGES[name](dirty, synthesis, tmp_path)
    written = [p.read_text(encoding="utf-8") for p in tmp_path.rglob("*.html")]
    # The places (the guide: the resources) are there, without their advisers' data.
    assert any("Mairie fictive d" in text or "Ligne fictive de" in text for text in written)
    assert personal_traces(tmp_path) == {}


def test_analysis_tables_leave_them_out(synthesis, tmp_path, personal_traces):
    views.write_synthesis_tables(synthesis, tmp_path / "tables")
    assert personal_traces(tmp_path) == {}
