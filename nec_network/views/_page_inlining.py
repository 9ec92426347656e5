"""A checking tool for tests and benchmarks, never used to build a page.

Our pages are built by :func:`nec_network.views.rendering.render_page`, which inlines
their libraries itself. This module serves the tests and the benchmarks:

* :func:`external_requests` lists what a page would fetch on loading (tests assert that a
  self-contained page fetches nothing, and what a ``--cdn`` page fetches);
* :func:`make_self_contained` turns a page written by plain folium or pyvis (the browser
  harness' pages, the benchmarks' baselines) into a self-contained one, replacing each
  remote ``<script src>`` and stylesheet ``<link>`` by the same library read from an
  installed package (:mod:`nec_network.views._installed_assets`). A remote asset that no
  package provides is an error: nothing stays remote silently.

It stays in the package (rather than in ``tests/``) because the benchmarks, run as plain
scripts outside pytest, import it too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape
from html.parser import HTMLParser

from nec_network.views._asset_catalogue import (
    ASSETS,
    AssetError,
    LibraryAsset,
    asset_followers,
    asset_for_url,
)
from nec_network.views._css_inlining import CSS_IMPORT, CSS_URL, css_url, is_inline, is_remote
from nec_network.views._installed_assets import asset_text
from nec_network.views.page import script_safe, style_safe


@dataclass(frozen=True)
class _Tag:
    start: int
    end: int
    name: str
    attrs: dict[str, str]


# Elements whose URL attribute the browser fetches when the page loads.
_FETCHED = {
    "script": "src",
    "img": "src",
    "iframe": "src",
    "frame": "src",
    "embed": "src",
    "source": "src",
    "track": "src",
    "audio": "src",
    "video": "src",
    "input": "src",
    "object": "data",
    "link": "href",
}


class _PageScanner(HTMLParser):
    """Finds resource tags and stylesheet URLs with their offsets in the page.

    An HTML parser rather than a regular expression: tags written inside inline scripts
    (popup HTML in a JavaScript string) are not tags of the page.
    """

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=False)
        self._html = html
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", html)]
        self._open_script: _Tag | None = None
        self._in_style = False
        self.tags: list[_Tag] = []
        self.css_urls: list[str] = []
        self.feed(html)
        self.close()

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start = self._offset()
        found = _Tag(
            start,
            start + len(self.get_starttag_text() or ""),
            tag,
            {key: value or "" for key, value in attrs},
        )
        if tag == "script" and "src" in found.attrs:
            self._open_script = found
        elif tag in _FETCHED:
            self.tags.append(found)
        self._in_style = tag == "style"
        if "style" in found.attrs:
            self.css_urls += [css_url(m) for m in CSS_URL.finditer(found.attrs["style"])]

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._open_script is not None:
            end = self._html.index(">", self._offset()) + 1
            script = self._open_script
            self.tags.append(_Tag(script.start, end, script.name, script.attrs))
            self._open_script = None
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.css_urls += [css_url(m) for m in CSS_URL.finditer(data)]
            self.css_urls += [css_url(m) for m in CSS_IMPORT.finditer(data)]


def external_requests(html: str) -> list[str]:
    """URLs the page would fetch on loading, outside ``data:`` URIs: remote or relative.

    Looks at the page's own ``src``/``href`` of resource elements (scripts, stylesheets,
    images, frames…) and at ``url()`` and ``@import`` in its stylesheets; links (``<a>``)
    are not requests. URLs that scripts build at run time (map tiles) are not seen here.

    >>> external_requests('<script src="https://cdn.example/x.js"></script><a href="https://a.b">')
    ['https://cdn.example/x.js']
    >>> external_requests('<style>p{background:url(data:image/png;base64,AA==)}</style>')
    []
    """
    scanner = _PageScanner(html)
    urls = [
        tag.attrs[_FETCHED[tag.name]] for tag in scanner.tags if _FETCHED[tag.name] in tag.attrs
    ]
    return [url for url in urls + scanner.css_urls if not is_inline(url)]


def _inline_element(asset: LibraryAsset, tag: _Tag) -> str:
    text = asset_text(asset.name)
    if asset.name.endswith(".css"):
        return f"<style>\n{style_safe(text)}\n</style>"
    kind = f' type="{escape(tag.attrs["type"])}"' if tag.attrs.get("type") else ""
    return f"<script{kind}>\n{script_safe(text)}\n</script>"


def make_self_contained(html: str) -> str:
    """Inline every JavaScript and CSS asset that ``html`` loads from a CDN.

    ``html`` is a page written by folium (``Map.get_root().render()``) or pyvis
    (``Network.generate_html()``). Each ``<script src>`` and stylesheet ``<link>`` whose
    file name is a known asset becomes an inline ``<script>`` or ``<style>`` read from an
    installed package; a library loaded twice is inlined once. If any remote URL is left
    afterwards, :class:`AssetError` names them all: nothing stays remote silently.

    >>> page = '<link rel="stylesheet" href="https://cdn.example/leaflet@1.9.3/dist/leaflet.css"/>'
    >>> make_self_contained(page).startswith("<style>")
    True
    >>> make_self_contained('<script src="https://cdn.example/unknown.js"></script>')
    ... # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    nec_network.views._asset_catalogue.AssetError: Ressources distantes qu'aucun paquet installé ne fournit : https://cdn.example/unknown.js. ...
    """
    pieces = []
    done: set[str] = set()
    position = 0
    for tag in sorted(_PageScanner(html).tags, key=lambda tag: tag.start):
        url = tag.attrs.get(_FETCHED[tag.name], "")
        asset = None if is_inline(url) else asset_for_url(url)
        if asset is None or (tag.name not in ("script", "link")):
            continue
        if tag.name == "link" and not asset.name.endswith(".css"):
            continue
        pieces.append(html[position : tag.start])
        for name in (asset.name, *asset_followers(asset.name)):
            if name not in done:
                pieces.append(_inline_element(ASSETS[name], tag))
                done.add(name)
        position = tag.end
    pieces.append(html[position:])
    page = "".join(pieces)
    remote = [url for url in external_requests(page) if is_remote(url)]
    if remote:
        raise AssetError(
            f"Ressources distantes qu'aucun paquet installé ne fournit : {', '.join(remote)}. "
            "Ajoutez-les au catalogue de nec_network/views/_asset_catalogue.py "
            "ou retirez-les de la page."
        )
    return page
