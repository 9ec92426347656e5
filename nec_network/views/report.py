"""The synthesis report: ``rapport.html`` (with charts) and ``rapport.md`` (same text and tables).

A planner who never opens the maps reads here the key figures, the coverage by
département, intercommunality, rurality and service, the uncovered communes and
white zones, the recommended sites, the structure of the partnership network,
the personae journeys and the resources by type of need. The sections are built
once as plain blocks (:mod:`nec_network.views._report_sections` and
:mod:`nec_network.views._report_network`) and rendered twice: as keyed records into
``templates/rapport.html.j2`` (escaped by autoescape, styled by ``static/rapport.css``)
and as Markdown (:mod:`nec_network.views._report_markdown`), so both files say the same
thing.

The HTML page loads nothing: charts are PNG images inside the page (``data:`` URLs),
there is no script. The same synthesis gives the same bytes.
"""

from __future__ import annotations

import base64
import struct
from pathlib import Path
from typing import Any

from nec_network.analysis.synthesis import Synthesis
from nec_network.io.output import write_output
from nec_network.territory import departement_names
from nec_network.views import _report_sections as sections
from nec_network.views._report_markdown import markdown_document, markdown_escape
from nec_network.views._report_network import report_blocks, table_of_contents
from nec_network.views._report_trust import trust_section
from nec_network.views.rendering import footer_lines, render_page

__all__ = ["DEFAULT_TITLE", "build_report", "markdown_escape", "report_records", "write_report"]

DEFAULT_TITLE = "Rapport de synthèse de l’inclusion numérique"
CHART_CREDITS = "Graphiques : matplotlib (licence Matplotlib, de type PSF)."
#: A table or list longer than this is folded in a ``<details>`` whose summary gives its count.
FOLDED_AFTER = 12
#: A table with more columns than this keeps a minimum width and scrolls in its own box.
NARROW_COLUMNS = 4


def _subtitle(synthesis: Synthesis) -> str:
    communes = synthesis.communes
    names = departement_names()
    territory = ", ".join(
        f"{names.get(code, code)} ({code})" for code in sorted(set(communes["departement"]))
    )
    return (
        f"Territoire : {territory} — {sections.plural(len(communes), 'commune')}, "
        f"{sections.plural(int(communes['population'].sum()), 'habitant')}. "
        f"Couverture : {synthesis.criteria}, {synthesis.threshold}."
    )


def _png_size(png: bytes) -> tuple[int, int]:
    """Width and height read from the PNG header (the IHDR chunk)."""
    return struct.unpack(">II", png[16:24])


def _count(count: int, singular: str, plural_form: str) -> str:
    return sections.plural(count, singular, plural_form)


def _folded_summary(caption: str, count: int, singular: str, plural_form: str) -> str:
    """The summary of a folded table or list: its title and, unless it says it already, its size."""
    if str(count) in caption.split():
        return caption
    return f"{caption} ({_count(count, singular, plural_form)})"


def _record(block: sections.Block, *, foldable: bool = True) -> dict[str, Any]:
    """One block as the keyed record the template reads (shapes in :func:`report_records`);
    inside a ``details`` block nothing is folded again (``foldable=False``)."""
    if isinstance(block, sections.Heading):
        return {"kind": "heading", "level": block.level, "text": block.text, "anchor": block.anchor}
    if isinstance(block, sections.Paragraph):
        return {"kind": "paragraph", "text": block.text}
    if isinstance(block, sections.Figures):
        return {
            "kind": "figures",
            "entries": [
                {"key": key, "value": value, "label": label, "raw": raw}
                for key, value, label, raw in block.items
            ],
        }
    if isinstance(block, sections.Items):
        count = len(block.items)
        return {
            "kind": "items",
            "entries": list(block.items),
            "folded": foldable and count > FOLDED_AFTER,
            "summary": _folded_summary("Voir la liste", count, "élément", "éléments"),
        }
    if isinstance(block, sections.Table):
        count = len(block.rows)
        return {
            "kind": "table",
            "caption": block.caption,
            "columns": [
                {"name": name, "numeric": index in block.numeric}
                for index, name in enumerate(block.columns)
            ],
            "rows": [
                [{"text": text, "numeric": index in block.numeric} for index, text in enumerate(row)]
                for row in block.rows
            ],
            "wide": len(block.columns) > NARROW_COLUMNS,
            "folded": foldable and count > FOLDED_AFTER,
            "summary": _folded_summary(block.caption, count, "ligne", "lignes"),
        }
    if isinstance(block, sections.Chart):
        width, height = _png_size(block.png)
        return {
            "kind": "chart",
            "src": "data:image/png;base64," + base64.b64encode(block.png).decode("ascii"),
            "alt": block.alt,
            "title": block.title,
            "width": width,
            "height": height,
        }
    if isinstance(block, sections.Details):
        return {
            "kind": "details",
            "summary": block.summary,
            "blocks": [_record(child, foldable=False) for child in block.blocks],
        }
    raise TypeError(f"unknown report block: {block!r}")


def report_records(blocks: list[sections.Block]) -> list[dict[str, Any]]:
    """The blocks as the records of ``rapport.html.j2``, each with a ``kind``:

    - ``heading``: ``level`` (2 or 3), ``text``, ``anchor`` (``""`` for none);
    - ``paragraph``: ``text``;
    - ``figures``: ``entries`` of ``{key, value, label, raw}`` (``raw`` is the bare number);
    - ``items``: ``entries`` (texts), ``folded`` (longer than :data:`FOLDED_AFTER`) and the
      ``summary`` shown when folded;
    - ``table``: ``caption``, ``columns`` of ``{name, numeric}``, ``rows`` of cells
      ``{text, numeric}``, ``wide`` (scrolls in its box on a phone), ``folded``, ``summary``;
    - ``chart``: ``src`` (a ``data:`` PNG), ``alt``, ``title`` (the caption), ``width``,
      ``height``;
    - ``details``: ``summary`` and its own ``blocks``.

    Every value is plain text: the template escapes it.

    >>> report_records([sections.Heading(2, "A <b>", "a"), sections.Items(("x",))])[1]["folded"]
    False
    """
    return [_record(block) for block in blocks]


# -- public API --------------------------------------------------------------------------------
def build_report(
    synthesis: Synthesis, *, title: str = DEFAULT_TITLE, cdn: bool = False
) -> tuple[str, str]:
    """The report as ``(html, markdown)``.

    The HTML page is complete (French, responsive, printable, sources and licences in its
    footer) and requests nothing: it has no script and its charts are inline PNG images,
    so ``cdn`` changes nothing; it is accepted so that every view takes the same options.
    The synthesis is not modified.
    """
    del cdn  # the report has no library to load
    blocks = [*report_blocks(synthesis), *trust_section(synthesis)]
    sources = [*sections.actor_sources(synthesis), CHART_CREDITS]
    subtitle = _subtitle(synthesis)
    document = render_page(
        "rapport.html.j2",
        title=title,
        sources=sources,
        styles=("rapport.css",),
        subtitle=subtitle,
        contents=[{"anchor": a, "text": t} for a, t in table_of_contents(blocks)],
        blocks=report_records(blocks),
    )
    return document, markdown_document(title, subtitle, blocks, footer_lines(sources))


def write_report(
    synthesis: Synthesis, path_html: str | Path, *, title: str = DEFAULT_TITLE, cdn: bool = False
) -> tuple[Path, Path]:
    """Write the report to ``path_html`` and its Markdown twin beside it (``.md``); return both."""
    target = Path(path_html)
    document, markdown = build_report(synthesis, title=title, cdn=cdn)
    markdown_path = target.with_suffix(".md")
    write_output(target, document)
    write_output(markdown_path, markdown)
    return target, markdown_path
