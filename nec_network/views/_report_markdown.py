"""``rapport.md``: the report's blocks as Markdown (same text and tables as ``rapport.html``).

Every piece of text is escaped (:func:`markdown_escape`): names come from open data. A
heading or a bold caption is always followed by text, never by another heading.
"""

from __future__ import annotations

import re

from nec_network.views import _report_sections as sections

_MARKDOWN_SPECIAL = str.maketrans({char: "\\" + char for char in "\\`*_[]<>|#"})


def markdown_escape(text: str) -> str:
    """Text shown as is by Markdown: punctuation that would format or open HTML is escaped.

    >>> markdown_escape("<b>A|B</b>")
    '\\\\<b\\\\>A\\\\|B\\\\</b\\\\>'
    """
    return re.sub(r"[ \t]*[\r\n]+[ \t]*", " ", str(text)).translate(_MARKDOWN_SPECIAL)


def _table(table: sections.Table, caption: str | None = None) -> str:
    def row(cells: tuple[str, ...]) -> str:
        return "| " + " | ".join(markdown_escape(cell) for cell in cells) + " |"

    rule = "| " + " | ".join(
        "---:" if index in table.numeric else "---" for index in range(len(table.columns))
    ) + " |"
    title = table.caption if caption is None else caption
    lines = [f"**{markdown_escape(title)}**", "", row(table.columns), rule]
    lines += [row(values) for values in table.rows]
    return "\n".join(lines)


def _details(block: sections.Details) -> str:
    children = list(block.blocks)
    # The summary titles what follows: a table under it takes it as its caption (one title,
    # not two bold lines in a row).
    if children and isinstance(children[0], sections.Table):
        first = _table(children.pop(0), caption=block.summary)
    else:
        first = f"**{markdown_escape(block.summary)}**"
    return "\n\n".join([first, *(text for text in map(markdown_block, children) if text)])


def markdown_block(block: sections.Block) -> str:
    """One block as Markdown ("" for a chart: the Markdown file carries no image)."""
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
        return _table(block)
    if isinstance(block, sections.Chart):
        return ""
    if isinstance(block, sections.Details):
        return _details(block)
    raise TypeError(f"unknown report block: {block!r}")


def markdown_document(
    title: str, subtitle: str, blocks: list[sections.Block], footer: list[str]
) -> str:
    """The whole Markdown file: title, subtitle, the blocks, then the sources and credits."""
    parts = [f"# {markdown_escape(title)}", markdown_escape(subtitle)]
    parts += [text for text in map(markdown_block, blocks) if text]
    parts += ["---", "\n".join(f"- {markdown_escape(line)}" for line in footer)]
    return "\n\n".join(parts) + "\n"
