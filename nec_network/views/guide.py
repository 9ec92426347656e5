"""``guide.html``: the guide of resources per difficulty as its own printable page.

The same blocks as the report's section « Ressources par type de difficulté »
(:mod:`nec_network.views._guide_sections`), rendered by ``templates/guide.html.j2``
(no script, nothing loaded).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

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


def build_guide(synthesis: Synthesis, *, title: str = DEFAULT_TITLE) -> str:
    """The guide page as HTML text. The synthesis is not modified."""
    blocks = [
        # "entries", not "items": Jinja would find the dict's items() method first.
        {
            "kind": _KINDS[type(block)],
            **{("entries" if k == "items" else k): v for k, v in dataclasses.asdict(block).items()},
        }
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
            f"{synthesis.threshold}. Les dispositifs sans lieu viennent du fichier ressources.csv."
        ),
    )


def write_guide(synthesis: Synthesis, path: str | Path, *, title: str = DEFAULT_TITLE) -> Path:
    """Write :func:`build_guide` to ``path``; return the path."""
    return write_output(path, build_guide(synthesis, title=title))
