"""``guide.html``: the guide of resources per difficulty as its own printable page.

The same blocks as the report's section « Ressources par type de difficulté »
(:mod:`nec_network.views._guide_sections`), rendered by ``templates/guide.html.j2``
(no script, nothing loaded).
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape

from nec_network.analysis.synthesis import Synthesis
from nec_network.io.output import write_output
from nec_network.views import _report_sections as sections
from nec_network.views._guide_sections import guide_blocks
from nec_network.views.page import actors_credit
from nec_network.views.rendering import render_page

DEFAULT_TITLE = "Guide des ressources par type de difficulté"
_KINDS = {
    sections.Heading: "heading",
    sections.Paragraph: "paragraph",
    sections.Items: "items",
    sections.Table: "table",
}


#: A web address in a text: http or https only, up to a space or a character that ends it.
_ADDRESS = re.compile(r"https?://[^\s<>\"'«»]+", re.IGNORECASE)


def linked(text: str) -> Markup:
    """``text`` escaped, each http(s) web address in it made a link (trailing punctuation left out).

    >>> print(linked("Voir https://exemple.fr/a?b=1&c=<2>. Ou javascript:alert(1)"))
    Voir <a href="https://exemple.fr/a?b=1&amp;c=">https://exemple.fr/a?b=1&amp;c=</a>&lt;2&gt;. Ou javascript:alert(1)
    """
    parts, position = [], 0
    for match in _ADDRESS.finditer(text):
        address = match.group().rstrip(".,;:!?)")
        end = match.start() + len(address)
        parts += [escape(text[position:match.start()]),
                  Markup('<a href="{0}">{0}</a>').format(address)]
        position = end
    parts.append(escape(text[position:]))
    return Markup("").join(parts)


def _with_links(block: dict[str, Any]) -> dict[str, Any]:
    """The block's texts (paragraph, list entries, table cells) with their web addresses as links."""
    if block["kind"] == "paragraph":
        return {**block, "text": linked(block["text"])}
    if block["kind"] == "items":
        return {**block, "entries": [linked(entry) for entry in block["entries"]]}
    if block["kind"] == "table":
        return {**block, "rows": [[linked(str(cell)) for cell in row] for row in block["rows"]]}
    return block


def build_guide(synthesis: Synthesis, *, title: str = DEFAULT_TITLE) -> str:
    """The guide page as HTML text. The synthesis is not modified."""
    blocks = [
        # "entries", not "items": Jinja would find the dict's items() method first.
        _with_links({
            "kind": _KINDS[type(block)],
            **{("entries" if k == "items" else k): v for k, v in dataclasses.asdict(block).items()},
        })
        for block in guide_blocks(synthesis)[1:]  # the page's own title replaces the section's
        if type(block) in _KINDS
    ]
    return render_page(
        "guide.html.j2",
        title=title,
        sources=actors_credit(synthesis.ecosystem),
        styles=("guide.css",),
        blocks=blocks,
        subtitle=(
            f"{sections.plural(len(synthesis.communes), 'commune')} ; « à portée » veut dire "
            f"{synthesis.threshold}. "
            + ("Les dispositifs sans lieu viennent du fichier ressources.csv." if synthesis.resources else
               "Aucun dispositif sans lieu (ligne d'écoute, accompagnement à domicile…) : les données n'ont "
               "pas de fichier ressources.csv.")
        ),
    )


def write_guide(synthesis: Synthesis, path: str | Path, *, title: str = DEFAULT_TITLE) -> Path:
    """Write :func:`build_guide` to ``path``; return the path."""
    return write_output(path, build_guide(synthesis, title=title))
