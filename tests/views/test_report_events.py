"""The report's « Ce que <événement> a créé »: figures said in French, the chart, the bridges,
undated ties counted apart; on a network small enough to count by hand."""

from __future__ import annotations

from nec_network.model import Actor, Ecosystem, Event, Partnership
from nec_network.model.dates import PartialDate
from nec_network.views._report_events import event_blocks
from nec_network.views._report_markdown import markdown_document
from nec_network.views._report_sections import Chart, Heading, Items, Table


def _ecosystem() -> Ecosystem:
    actors = [
        Actor("a", "Médiathèque A", code_insee="80021", typologies=("BIB",)),
        Actor("b", "CCAS B", code_insee="80021", typologies=("CCAS",)),
        Actor("c", "France Services C", code_insee="02691", typologies=("RFS",)),
        Actor("d", "EPN D", code_insee="60057", typologies=("EPN",)),
    ]
    links = [
        Partnership("a", "b", "partenariat", debut=PartialDate(2023)),
        Partnership("b", "d", "orientation"),  # undated: before and after, never created
        # Born at the event: a (participant) and c (participant) were not connected before.
        Partnership("a", "c", "partenariat", debut=PartialDate(2025, 11), evenement="nec"),
        Partnership("c", "d", "partenariat", debut=PartialDate(2025, 12, 3), fin=PartialDate(2026, 2)),
    ]
    events = [
        Event("nec", "NEC local", PartialDate(2025, 10, 16), participants=("a", "c")),
        Event("vague", "Enquête", PartialDate(2026, 6, 30), nature="enquete"),
    ]
    return Ecosystem(actors, links, events=events)


def test_the_event_section_says_what_the_event_created():
    blocks = event_blocks(_ecosystem())
    assert blocks[0] == Heading(2, "Ce que « NEC local » a créé", "evenement-nec")
    (figures,) = [block for block in blocks if isinstance(block, Items)]
    text = "\n".join(figures.items)
    # Before (15 October 2025): a-b and the undated b-d; on 30 June 2026: a-b, b-d, a-c.
    assert "Liens la veille (15 octobre 2025) : 2 ; au 30 juin 2026 : 3." in text
    assert "Liens créés depuis : 2, dont 1 entre deux participants, 1 entre un participant et un absent, 0 entre deux absents." in text
    assert "Liens terminés depuis (présents la veille ou créés depuis) : 1." in text
    assert "Non datés : 1 lien sans date," in text
    (chart,) = [block for block in blocks if isinstance(block, Chart)]
    assert chart.png.startswith(b"\x89PNG") and "Sans compter 1 lien sans date" in chart.title
    assert "janvier" not in chart.title  # a-b (2023) lies before the chart's months
    (bridges,) = [block for block in blocks if isinstance(block, Table)]
    # a-c: no path before (a-b-d only), other département; c-d: disconnected too.
    assert {row[0] for row in bridges.rows} == {"Médiathèque A — France Services C", "France Services C — EPN D"}
    assert all("aucun chemin ne les reliait" in row[1] for row in bridges.rows)
    markdown = markdown_document("Rapport", "", blocks, [])
    assert "## Ce que « NEC local » a créé" in markdown and "| Lien créé |" in markdown


def test_the_chart_says_where_a_tie_dated_by_its_year_alone_is_counted():
    ecosystem = _ecosystem()
    dated_by_year = Partnership("b", "c", "partenariat", debut=PartialDate(2026))
    with_year = Ecosystem(list(ecosystem), [*ecosystem.partnerships, dated_by_year], events=ecosystem.events)
    (chart,) = [block for block in event_blocks(with_year) if isinstance(block, Chart)]
    assert chart.title.endswith("Un lien daté de son année seulement compte en janvier de cette année.")


def test_no_section_without_dates_or_before_the_event():
    undated = Ecosystem([Actor("a", "A"), Actor("b", "B")], [Partnership("a", "b", "partenariat")])
    assert event_blocks(undated) == []
    planned = Ecosystem(
        [Actor("a", "A"), Actor("b", "B")],
        [Partnership("a", "b", "partenariat", debut=PartialDate(2024))],
        events=[Event("futur", "NEC 2030", PartialDate(2030, 5, 1))],
    )
    # The reference date is the event's own first day: nothing to measure yet, but no error.
    blocks = event_blocks(planned)
    assert all(not isinstance(block, Heading) or "NEC 2030" in block.text for block in blocks)
