"""One way to build every page: a Jinja2 template, static JavaScript and CSS, one JSON document.

:func:`render_page` renders ``nec_network/views/templates/<name>`` (which extends
``base.html.j2``: French, viewport, skip link, ``<main>``, footer with the sources and
licences, print style, reduced motion respected). Templates and the files of
``nec_network/views/static/`` are read with :mod:`importlib.resources`, so they work from an
installed wheel. Autoescape is on and undefined variables are errors.

Data enters a page once, as the JSON document ``<script type="application/json"
id="nec-donnees">`` written by :func:`~nec_network.views.page.script_json`; scripts read it
with ``JSON.parse(document.getElementById("nec-donnees").textContent)``. Text from data is
never template source: it reaches a template only as a value, escaped by autoescape.

Scripts and styles are named either by a file of ``static/`` (``"carte.js"``) or by a
third-party asset of :data:`~nec_network.views._asset_catalogue.ASSET_NAMES` (``"leaflet.js"``). Every
one is inlined by default (the page works from a USB stick); with ``cdn=True`` the
third-party ones load from a public CDN with an ``integrity`` hash (SRI) and
``crossorigin``, and the page credits where they come from.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import importlib.resources
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import jinja2

from nec_network import __version__
from nec_network.errors import NecNetworkError
from nec_network.views._asset_catalogue import ASSET_NAMES, AssetError, asset_followers, asset_info
from nec_network.views._cdn_assets import cdn_asset
from nec_network.views._installed_assets import asset_text
from nec_network.views.page import SOFTWARE_CREDITS, script_json, script_safe, style_safe

_PACKAGE = "nec_network.views"

#: Stylesheet every page gets first (skip link, footer, print, reduced motion).
BASE_STYLE = "base.css"


class PageError(NecNetworkError):
    """A template or static file of the views is missing (a broken installation)."""


def _resource(folder: str, name: str) -> str:
    if "/" in name or "\\" in name or name.startswith("."):
        raise PageError(f"Nom de fichier de page invalide : « {name} ».")
    resource = importlib.resources.files(_PACKAGE).joinpath(folder, name)
    try:
        return resource.read_text(encoding="utf-8")
    except (FileNotFoundError, NotADirectoryError):
        raise PageError(
            f"Fichier « {folder}/{name} » introuvable dans nec_network/views : "
            "l'installation est incomplète (réinstallez nec-network)."
        ) from None


@functools.cache
def static_text(name: str) -> str:
    """Text of ``nec_network/views/static/<name>`` (a ``.js`` or ``.css`` file of the views).

    >>> "nec-evitement" in static_text("base.css")
    True
    """
    return _resource("static", name)


def _load_template(name: str) -> tuple[str, None, Any]:
    return _resource("templates", name), None, lambda: True


@functools.cache
def environment() -> jinja2.Environment:
    """The Jinja2 environment of the pages: autoescape on, undefined variables are errors."""
    return jinja2.Environment(
        loader=jinja2.FunctionLoader(_load_template),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


@dataclass(frozen=True)
class SafeText:
    """Text made safe for its place in a page (script-safe JSON, an inlined script or style),
    which the template inserts as it is.

    Jinja puts ``value.__html__()`` in a :class:`~markupsafe.Markup`. From a plain string that
    is one quick copy; from a Markup (a ``str`` subclass) CPython copies it the slow way: about
    15 ms for the 6 MB document of a map of 20,000 actors.

    >>> from markupsafe import escape  # what Jinja calls on each ``{{ value }}``
    >>> escape(SafeText("<b>")), escape("<b>")
    (Markup('<b>'), Markup('&lt;b&gt;'))
    """

    text: str

    def __html__(self) -> str:
        return self.text


@dataclass(frozen=True)
class PageAsset:
    """A script or stylesheet of a page: inline ``text`` (made safe) or ``url`` + SRI."""

    text: SafeText | None = None
    url: str = ""
    integrity: str = ""
    #: A third-party library (loaded before the template's ``after_libraries`` block).
    library: bool = False


def _asset(name: str, *, cdn: bool) -> PageAsset:
    style = name.endswith(".css")
    if name in ASSET_NAMES:
        remote = cdn_asset(name) if cdn else None
        if remote is not None:
            return PageAsset(url=remote.url, integrity=remote.integrity, library=True)
        # A patch that needs its library loaded first comes right after it.
        text = "\n".join(asset_text(part) for part in (name, *asset_followers(name)))
        return PageAsset(text=SafeText(style_safe(text) if style else script_safe(text)), library=True)
    if name.endswith((".js", ".css")):
        text = static_text(name)
    else:
        raise PageError(f"Ressource de page inconnue : « {name} » (attendu : .js ou .css).")
    return PageAsset(text=SafeText(style_safe(text) if style else script_safe(text)))


def library_credits(names: Iterable[str], *, cdn: bool) -> list[str]:
    """Footer line naming the third-party libraries a page carries, their licences and origin.

    >>> library_credits(["carte.js", "leaflet.js", "leaflet.css"], cdn=False)
    ['Bibliothèques incluses dans la page : Leaflet (BSD-2-Clause).']
    """
    inlined: dict[str, str] = {}
    remote: dict[str, str] = {}
    for name in names:
        if name in ASSET_NAMES:
            info = asset_info(name)
            where = remote if cdn and cdn_asset(name) is not None else inlined
            where.setdefault(info.library, f"{info.library} ({info.licence})")
    lines = []
    if remote:
        lines.append(f"Bibliothèques chargées depuis des CDN publics : {', '.join(remote.values())}.")
    if inlined:
        lines.append(f"Bibliothèques incluses dans la page : {', '.join(inlined.values())}.")
    return lines


def footer_lines(sources: Iterable[str] = ()) -> list[str]:
    """The sources a page names, then the territory's attribution and the software credits."""
    from nec_network.territory import ATTRIBUTION

    return [*sources, ATTRIBUTION, SOFTWARE_CREDITS.format(version=__version__)]


@dataclass(frozen=True)
class SiteLink:
    """A page of a site, as its header links to it."""

    file: str
    label: str


@dataclass(frozen=True)
class SiteHeader:
    """The header every page of a site shares: its name, its pages, the date of its data."""

    name: str
    links: tuple[SiteLink, ...]
    date_text: str


_SITE_HEADER: contextvars.ContextVar[SiteHeader | None] = contextvars.ContextVar("site_header", default=None)


@contextlib.contextmanager
def site_header(header: SiteHeader) -> Iterator[None]:
    """Within the block, every page :func:`render_page` renders carries ``header`` (the site's pages)."""
    token = _SITE_HEADER.set(header)
    try:
        yield
    finally:
        _SITE_HEADER.reset(token)


def render_page(
    template_name: str,
    *,
    title: str,
    data: Any = None,
    sources: Iterable[str] = (),
    scripts: Iterable[str] = (),
    styles: Iterable[str] = (),
    cdn: bool = False,
    **context: Any,
) -> str:
    """A complete French HTML page from ``templates/<template_name>``.

    ``title`` is the ``<title>`` (and the usual ``<h1>``); ``data`` (any JSON value, ``None``
    for none) becomes the page's ``#nec-donnees`` document; ``sources`` are footer lines
    (where the data comes from; the libraries are credited automatically); ``scripts`` and
    ``styles`` name static files or third-party assets, in loading order (scripts come after
    the data, at the end of ``<body>``: the libraries, then the template's
    ``after_libraries`` block, then the static files). Other keyword arguments are template variables:
    strings are escaped, :class:`~markupsafe.Markup` values (e.g. folium's rendered HTML)
    are inserted as they are.

    >>> html = render_page("base.html.j2", title="Essai <b>", data={"nom": "</script>"})
    >>> "<title>Essai &lt;b&gt;</title>" in html, '"nom":"\\\\u003c/script' in html
    (True, True)
    """
    header = _SITE_HEADER.get()
    scripts, styles = tuple(scripts), (BASE_STYLE, *styles)
    if header is not None:
        scripts, styles = ("site-entete.js", *scripts), (*styles, "site-entete.css")
    try:
        page_scripts = [_asset(name, cdn=cdn) for name in scripts]
        page_styles = [_asset(name, cdn=cdn) for name in styles]
    except AssetError as error:
        raise PageError(str(error)) from None
    template = environment().get_template(template_name)
    return template.render(
        title=title,
        data_json=None if data is None else SafeText(script_json(data)),
        page_scripts=page_scripts,
        page_styles=page_styles,
        footer_lines=footer_lines([*sources, *library_credits((*styles, *scripts), cdn=cdn)]),
        site_header=header,
        site_page=template_name.removesuffix(".j2"),
        **context,
    )
