"""Small helpers the pages share: escaping, footer credits, data and code safe in their element.

Pages themselves are built by :func:`nec_network.views.rendering.render_page` from Jinja2
templates; this module only holds what several views need around it:

* :func:`escape` for the rare text a view escapes itself (outside autoescape);
* :func:`actors_credit`, the footer line naming where the actors come from, and
  :data:`SOFTWARE_CREDITS`, the software line every footer ends with;
* :func:`script_json`, the data document of a page, safe inside its ``<script>``, and
  :func:`script_safe` / :func:`style_safe` for code inlined in ``<script>`` / ``<style>``.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from typing import Any

import orjson

from nec_network.model import Actor

escape = html.escape

#: Software line every footer ends with (see :func:`~nec_network.views.rendering.footer_lines`).
SOFTWARE_CREDITS = (
    "Réalisé avec nec-network {version} (licence MIT), networkx, pyvis/vis-network, folium/Leaflet."
)


def actors_credit(actors: Iterable[Actor], *, prefix: str = "") -> list[str]:
    """The footer line naming where the actors come from (none when no actor says)."""
    origins = sorted({actor.source.strip() for actor in actors if actor.source.strip()})
    return [f"Acteurs : {prefix}{', '.join(origins)}."] if origins else []


#: What :func:`script_json` writes instead of each character that could end or break a script.
_SCRIPT_ESCAPES = (
    ("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029"),
)

#: orjson's options for a page's document: integer keys as text (as the standard library
#: writes them), numpy numbers as numbers.
_JSON_OPTIONS = orjson.OPT_NON_STR_KEYS | orjson.OPT_SERIALIZE_NUMPY


def script_json(data: Any) -> str:
    """JSON that cannot end or break the ``<script>`` element holding it.

    ``<``, ``>`` and ``&`` become ``\\u003c``…, so ``</script>`` or ``<!--`` in a name stays
    data; U+2028/U+2029 are escaped for old JavaScript parsers. Encoded by orjson (a map of
    20,000 places is 5.7 MB of JSON: about 15 ms, against 60 to 75 ms for the standard
    library), with the standard library's rules for keys (an integer key becomes its text);
    numpy numbers are numbers, and NaN or an infinity, which JSON cannot hold, becomes
    ``null`` (unknown).

    >>> script_json({"nom": "</script><b>"})
    '{"nom":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e"}'
    """
    text = orjson.dumps(data, option=_JSON_OPTIONS).decode("utf-8")
    for char, code in _SCRIPT_ESCAPES:
        # Looking is several times cheaper than a replace that finds nothing (a map's document
        # is millions of characters, most often without any of these).
        if char in text:
            text = text.replace(char, code)
    return text


def script_safe(js: str) -> str:
    """JavaScript that cannot end its inline ``<script>`` element early.

    ``</script`` becomes ``<\\/script``, which means the same in JS strings, regular
    expressions and comments.

    >>> script_safe('s = "</SCRIPT>";')
    's = "<\\\\/SCRIPT>";'
    """
    return re.sub(r"</(script)", lambda m: "<\\/" + m.group(1), js, flags=re.IGNORECASE)


def style_safe(css: str) -> str:
    """CSS that cannot end its inline ``<style>`` element early."""
    return re.sub(r"</(style)", lambda m: "<\\/" + m.group(1), css, flags=re.IGNORECASE)

