"""The synthesis report: ``rapport.html`` (with charts) and ``rapport.md`` (same text and tables).

A planner who never opens the maps reads here the key figures, the coverage by
département, intercommunality, rurality and service, the uncovered communes and
white zones, the recommended sites, the structure of the partnership network,
the personae journeys and the resources by type of need. The sections are built
once as plain blocks (:mod:`nec_network.views._report_sections`) and rendered
twice, so both files say the same thing. Every piece of data is escaped: names
come from open data and the page is embedded on other sites.

The HTML page loads nothing: charts are PNG images inside the page (``data:``
URLs), there is no script. The same synthesis gives the same bytes.
"""

from __future__ import annotations

import base64
import re
import struct
from pathlib import Path

from nec_network import __version__
from nec_network.analysis.synthesis import Synthesis
from nec_network.io.output import write_output
from nec_network.territory import ATTRIBUTION, departement_names
from nec_network.views import _report_sections as sections
from nec_network.views._report_trust import trust_section
from nec_network.views.page import SOFTWARE_CREDITS, escape, page

DEFAULT_TITLE = "Rapport de synthèse de l’inclusion numérique"
CHART_CREDITS = "Graphiques : matplotlib (licence Matplotlib, de type PSF)."

REPORT_CSS = """
.nec-rapport h1{font-size:1.6rem;margin:.2em 0 .3em}
.nec-rapport h2{font-size:1.3rem;margin:1.6em 0 .4em;border-bottom:2px solid #000091}
.nec-rapport h3{font-size:1.05rem;margin:1.2em 0 .3em}
.nec-rapport p,.nec-rapport li,.nec-rapport td{overflow-wrap:anywhere}
.nec-sous-titre{color:#444;margin:0 0 .6em}
.nec-sommaire ul{display:flex;flex-wrap:wrap;gap:4px 14px;padding:0;margin:.4em 0;list-style:none}
.nec-chiffres{display:grid;grid-template-columns:repeat(auto-fit,minmax(140px,1fr));gap:8px;
margin:.6em 0}
.nec-chiffre{border:1px solid #ddd;border-left:4px solid #000091;padding:6px 8px;background:#fafaff}
.nec-chiffre strong{display:block;font-size:1.35rem}
.nec-table-wrap{margin:.5em 0 1em}
caption{text-align:left;font-weight:600;padding:4px 0}
td.nec-nombre,th.nec-nombre{text-align:right;white-space:nowrap}
figure{margin:.8em 0}
details{margin:.5em 0}
summary{cursor:pointer;font-weight:600}
@media (max-width:480px){.nec-rapport h1{font-size:1.3rem}}
@media print{.nec-sommaire{display:none}details>*{display:block}}
"""


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


# -- HTML --------------------------------------------------------------------------------------
def _html_table(table: sections.Table) -> str:
    def cell(tag: str, index: int, text: str) -> str:
        numeric = ' class="nec-nombre"' if index in table.numeric else ""
        scope = ' scope="col"' if tag == "th" else ""
        return f"<{tag}{numeric}{scope}>{escape(text)}</{tag}>"

    head = "".join(cell("th", index, name) for index, name in enumerate(table.columns))
    body = "".join(
        "<tr>" + "".join(cell("td", index, value) for index, value in enumerate(row)) + "</tr>\n"
        for row in table.rows
    )
    return (
        f'<div class="nec-table-wrap" role="region" tabindex="0" aria-label="{escape(table.caption)}">'
        f"<table><caption>{escape(table.caption)}</caption>"
        f"<thead><tr>{head}</tr></thead>\n<tbody>\n{body}</tbody></table></div>"
    )


def _html_block(block: sections.Block) -> str:
    if isinstance(block, sections.Heading):
        anchor = f' id="{escape(block.anchor)}"' if block.anchor else ""
        return f"<h{block.level}{anchor}>{escape(block.text)}</h{block.level}>"
    if isinstance(block, sections.Paragraph):
        return f"<p>{escape(block.text)}</p>"
    if isinstance(block, sections.Figures):
        cards = "".join(
            f'<div class="nec-chiffre" data-chiffre="{escape(key)}" data-valeur="{escape(raw)}">'
            f"<strong>{escape(value)}</strong><span>{escape(label)}</span></div>"
            for key, value, label, raw in block.items
        )
        return f'<div class="nec-chiffres">{cards}</div>'
    if isinstance(block, sections.Items):
        return "<ul>" + "".join(f"<li>{escape(item)}</li>" for item in block.items) + "</ul>"
    if isinstance(block, sections.Table):
        return _html_table(block)
    if isinstance(block, sections.Chart):
        width, height = _png_size(block.png)
        source = "data:image/png;base64," + base64.b64encode(block.png).decode("ascii")
        return (
            f'<figure><img src="{source}" alt="{escape(block.alt)}" width="{width}" '
            f'height="{height}"></figure>'
        )
    if isinstance(block, sections.Details):
        inner = "\n".join(_html_block(child) for child in block.blocks)
        return f"<details><summary>{escape(block.summary)}</summary>\n{inner}\n</details>"
    raise TypeError(f"unknown report block: {block!r}")


def _html_body(title: str, synthesis: Synthesis, blocks: list[sections.Block]) -> str:
    contents = "".join(
        f'<li><a href="#{escape(anchor)}">{escape(text)}</a></li>'
        for anchor, text in sections.table_of_contents(blocks)
    )
    body = "\n".join(_html_block(block) for block in blocks)
    return (
        '<main class="nec-container nec-rapport">\n'
        f"<h1>{escape(title)}</h1>\n"
        f'<p class="nec-sous-titre">{escape(_subtitle(synthesis))}</p>\n'
        f'<nav class="nec-sommaire" aria-label="Sommaire"><ul>{contents}</ul></nav>\n'
        f"{body}\n</main>"
    )


# -- Markdown ----------------------------------------------------------------------------------
_MARKDOWN_SPECIAL = str.maketrans({char: "\\" + char for char in "\\`*_[]<>|#"})


def markdown_escape(text: str) -> str:
    """Text shown as is by Markdown: punctuation that would format or open HTML is escaped.

    >>> markdown_escape("<b>A|B</b>")
    '\\\\<b\\\\>A\\\\|B\\\\</b\\\\>'
    """
    return re.sub(r"[ \t]*[\r\n]+[ \t]*", " ", str(text)).translate(_MARKDOWN_SPECIAL)


def _markdown_table(table: sections.Table) -> str:
    def row(cells: tuple[str, ...]) -> str:
        return "| " + " | ".join(markdown_escape(cell) for cell in cells) + " |"

    rule = (
        "| "
        + " | ".join(
            "---:" if index in table.numeric else "---" for index in range(len(table.columns))
        )
        + " |"
    )
    lines = [f"**{markdown_escape(table.caption)}**", "", row(table.columns), rule]
    lines += [row(values) for values in table.rows]
    return "\n".join(lines)


def _markdown_block(block: sections.Block) -> str:
    if isinstance(block, sections.Heading):
        return "#" * block.level + " " + markdown_escape(block.text)
    if isinstance(block, sections.Paragraph):
        return markdown_escape(block.text)
    if isinstance(block, sections.Figures):
        return "\n".join(
            f"- **{markdown_escape(value)}** {markdown_escape(label)}"
            for _key, value, label, _raw in block.items
        )
    if isinstance(block, sections.Items):
        return "\n".join(f"- {markdown_escape(item)}" for item in block.items)
    if isinstance(block, sections.Table):
        return _markdown_table(block)
    if isinstance(block, sections.Chart):
        return ""
    if isinstance(block, sections.Details):
        return "\n\n".join(
            [
                f"**{markdown_escape(block.summary)}**",
                *(_markdown_block(child) for child in block.blocks),
            ]
        )
    raise TypeError(f"unknown report block: {block!r}")


def _markdown(
    title: str, synthesis: Synthesis, blocks: list[sections.Block], sources: list[str]
) -> str:
    parts = [f"# {markdown_escape(title)}", markdown_escape(_subtitle(synthesis))]
    parts += [text for text in (_markdown_block(block) for block in blocks) if text]
    credits = [*sources, ATTRIBUTION, SOFTWARE_CREDITS.format(version=__version__)]
    parts += ["---", "\n".join(f"- {markdown_escape(line)}" for line in credits)]
    return "\n\n".join(parts) + "\n"


# -- public API --------------------------------------------------------------------------------
def build_report(
    synthesis: Synthesis, *, title: str = DEFAULT_TITLE, cdn: bool = False
) -> tuple[str, str]:
    """The report as ``(html, markdown)``.

    The HTML page is complete (French, responsive, sources and licences in its
    footer) and requests nothing: it has no script and its charts are inline
    PNG images, so ``cdn`` changes nothing; it is accepted so that every view
    takes the same options. The synthesis is not modified.
    """
    del cdn  # the report has no library to load
    blocks = [*sections.report_blocks(synthesis), *trust_section(synthesis)]
    sources = [*sections.actor_sources(synthesis), CHART_CREDITS]
    document = page(
        title,
        _html_body(title, synthesis, blocks),
        sources=sources,
        head_html=f"<style>{REPORT_CSS}</style>",
    )
    return document, _markdown(title, synthesis, blocks, sources)


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
