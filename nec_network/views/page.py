"""The common frame of every HTML page: French, responsive, embeddable, crediting its sources.

Pages are embedded in iframes on partners' sites and opened at 320 px wide on
phones, so the frame sets the viewport, never assumes the window size, and puts
the sources and licences in a footer. Every piece of text that comes from data
goes through :func:`escape`.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable
from typing import Any

from nec_network import __version__
from nec_network.model import Actor

escape = html.escape

BASE_CSS = """
*,*::before,*::after{box-sizing:border-box}
html,body{margin:0;padding:0}
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",Arial,sans-serif;
color:#1e1e1e;background:#fff;line-height:1.45;font-size:16px}
a{color:#000091}
.nec-footer{font-size:12px;color:#444;padding:6px 10px;border-top:1px solid #ddd;background:#f6f6f6}
.nec-footer p{margin:2px 0}
.nec-container{max-width:1100px;margin:0 auto;padding:12px}
table{border-collapse:collapse;width:100%;font-size:14px}
th,td{border:1px solid #ddd;padding:4px 6px;text-align:left;vertical-align:top}
th{background:#f0f0f7}
.nec-table-wrap{overflow-x:auto;max-width:100%}
img{max-width:100%;height:auto}
@media (max-width:480px){body{font-size:15px}.nec-container{padding:8px}}
"""

#: Sources every page credits (the territory attribution is added by :func:`footer_html`).
SOFTWARE_CREDITS = (
    "Réalisé avec nec-network {version} (licence MIT), networkx, pyvis/vis-network, folium/Leaflet."
)


def actors_credit(actors: Iterable[Actor], *, prefix: str = "") -> list[str]:
    """The footer line naming where the actors come from (none when no actor says)."""
    origins = sorted({actor.source.strip() for actor in actors if actor.source.strip()})
    return [f"Acteurs : {prefix}{', '.join(origins)}."] if origins else []


def footer_html(sources: Iterable[str] = ()) -> str:
    """French footer naming the data sources and licences (each source line is escaped)."""
    from nec_network.territory import ATTRIBUTION

    lines = [*sources, ATTRIBUTION, SOFTWARE_CREDITS.format(version=__version__)]
    body = "".join(f"<p>{escape(line)}</p>" for line in lines)
    return f'<footer class="nec-footer" role="contentinfo">{body}</footer>'


def page(title: str, body_html: str, *, sources: Iterable[str] = (), head_html: str = "") -> str:
    """A complete French HTML document with the common frame around ``body_html``.

    ``title`` is escaped; ``body_html`` and ``head_html`` are trusted markup built
    by the views (which escape data themselves).
    """
    return (
        "<!DOCTYPE html>\n"
        '<html lang="fr">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{BASE_CSS}</style>\n{head_html}\n</head>\n"
        f"<body>\n{body_html}\n{footer_html(sources)}\n</body>\n</html>\n"
    )


def script_json(data: Any) -> str:
    """JSON that cannot end or break the ``<script>`` element holding it.

    ``<``, ``>`` and ``&`` become ``\\u003c``…, so ``</script>`` or ``<!--`` in a name stays
    data; U+2028/U+2029 are escaped for old JavaScript parsers.

    >>> script_json({"nom": "</script><b>"})
    '{"nom":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e"}'
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for char, code in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, code)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
