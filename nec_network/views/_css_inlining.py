"""Stylesheets made self-contained: every ``url()`` becomes a ``data:`` URI of the file it names.

Also the small rules shared with :func:`~nec_network.views._page_inlining.external_requests`
(the tests' check of what a page fetches): which URLs cause a request (remote or relative)
and which never do (``data:``, fragments).
"""

from __future__ import annotations

import base64
import re
from importlib.resources.abc import Traversable
from urllib.parse import unquote, urlsplit

from nec_network.views._asset_catalogue import AssetError

_MEDIA_TYPES = {
    ".png": "image/png",
    ".gif": "image/gif",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".svg": "image/svg+xml",
    ".woff2": "font/woff2",
    ".woff": "font/woff",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    ".eot": "application/vnd.ms-fontobject",
}

#: A CSS url(): quoted (and then possibly holding parentheses, as SVG data URIs do) or not.
CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)"'\s]*))\s*\)""", re.IGNORECASE)
#: A CSS @import of a quoted URL.
CSS_IMPORT = re.compile(r"""@import\s+(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
_FONT_FACE = re.compile(r"@font-face\s*\{[^}]*\}", re.IGNORECASE)
_DROPPED = "\x00dropped\x00"


def data_uri(resource: Traversable) -> str:
    """The file ``resource`` as a base64 ``data:`` URI, its media type read from its suffix."""
    suffix = "." + resource.name.rsplit(".", 1)[-1].lower()
    media_type = _MEDIA_TYPES.get(suffix, "application/octet-stream")
    return f"data:{media_type};base64,{base64.b64encode(resource.read_bytes()).decode('ascii')}"


def is_remote(url: str) -> bool:
    """True for a URL on another host (``https://…``, ``//…``).

    >>> is_remote("//cdn.example/x.js"), is_remote("images/x.png")
    (True, False)
    """
    return bool(re.match(r"(?:https?:)?//", url.strip(), re.IGNORECASE))


def is_inline(url: str) -> bool:
    """True for URLs that never cause a request: data:, fragments, javascript:, about:."""
    url = url.strip()
    return (
        not url
        or url.startswith("#")
        or bool(re.match(r"(?:data|blob|about|javascript):", url, re.IGNORECASE))
    )


def css_url(match: re.Match[str]) -> str:
    """The URL a match of :data:`CSS_URL` or :data:`CSS_IMPORT` names."""
    return next(group for group in match.groups() if group is not None)


def inline_css(text: str, *, base: Traversable | None = None, drop_missing: bool = False) -> str:
    """Replace each ``url()`` of a stylesheet by a ``data:`` URI of the file it names.

    Relative URLs are resolved against the folder ``base``. A file that cannot be found is
    an error, unless ``drop_missing``: then it is left out (from an ``@font-face`` source
    list, or replaced by ``none``) so that the browser requests nothing. A remote URL is
    always an error, since the page would then depend on the network.

    >>> inline_css('a{background:url("data:image/png;base64,AA==")}')
    'a{background:url("data:image/png;base64,AA==")}'
    >>> inline_css("a{background:url(img/x.png) no-repeat}", drop_missing=True)
    'a{background:none no-repeat}'
    """
    if match := CSS_IMPORT.search(text):
        raise AssetError(f"Feuille de style importée non prise en charge : « {css_url(match)} ».")

    def replace(match: re.Match[str]) -> str:
        url = css_url(match)
        if is_inline(url):
            return match.group(0)
        if is_remote(url):
            raise AssetError(
                f"La feuille de style charge « {url} » depuis le réseau ; "
                "aucun paquet installé ne fournit ce fichier."
            )
        path = unquote(urlsplit(url).path)
        resource = base
        if resource is not None:
            for part in path.split("/"):
                resource = resource.joinpath(part) if part not in ("", ".") else resource
        if resource is not None and resource.is_file():
            return f'url("{data_uri(resource)}")'
        if drop_missing:
            return _DROPPED
        raise AssetError(f"Fichier introuvable pour la feuille de style : « {url} ».")

    def font_face(match: re.Match[str]) -> str:
        rule = CSS_URL.sub(replace, match.group(0))
        # Drop each missing source with its format() hint, then the commas and empty
        # declarations it leaves behind.
        rule = re.sub(rf"{_DROPPED}\s*(?:format\([^)]*\))?", "", rule)
        rule = re.sub(r"(?<=:)\s*,\s*|,\s*(?=,)|\s*,\s*(?=[;}])", "", rule)
        return re.sub(r"src\s*:\s*(?:;|(?=\}))", "", rule)

    text = _FONT_FACE.sub(font_face, text)
    return CSS_URL.sub(replace, text).replace(_DROPPED, "none")
