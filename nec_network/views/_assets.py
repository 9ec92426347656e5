"""JavaScript and CSS assets inlined from installed packages, so that pages are self-contained.

folium and pyvis write pages that load every library from a CDN (pyvis even in its
``in_line`` mode, for Bootstrap). A page opened from a USB stick, an intranet or behind a
policy that blocks CDNs must work anyway, so :func:`make_self_contained` replaces each
remote ``<script src>`` and stylesheet ``<link>`` by the same library read from an
installed Python package. Nothing is vendored into this repository:

* Leaflet and its images come from ``django-js-lib-leaflet``;
* vis-network, tom-select and pyvis' own ``utils.js`` from ``pyvis``;
* the Leaflet plugins, jQuery, Bootstrap, Font Awesome and the awesome-markers that folium
  loads come from ``folium-offline``, which embeds folium's web resources as strings.

Assets are matched by file name, not by full URL, so a new folium or pyvis release that
bumps a version number in its CDN links keeps working. A remote asset that no package
provides is an error: nothing stays remote silently.
"""

from __future__ import annotations

import ast
import base64
import functools
import hashlib
import importlib.metadata
import importlib.resources
import re
from dataclasses import dataclass
from html import escape
from html.parser import HTMLParser
from importlib.resources.abc import Traversable
from urllib.parse import unquote, urlsplit

from nec_network.errors import NecNetworkError


class AssetError(NecNetworkError):
    """An asset cannot be inlined: its package is missing, or no package provides it."""


@dataclass(frozen=True)
class AssetInfo:
    """Where an inlined asset comes from, for the sources and licences a page credits."""

    name: str
    library: str
    licence: str
    distribution: str
    version: str


@dataclass(frozen=True)
class _Asset:
    name: str
    library: str
    # Regular expression matched against the end of a URL's path; it also picks the
    # resource inside folium-offline, whose resources are keyed by CDN URL.
    file_pattern: str
    # Path inside the package for the distributions that ship plain files.
    path: str = ""

    @property
    def licence(self) -> str:
        return _LIBRARIES[self.library][0]

    @property
    def distribution(self) -> str:
        return _LIBRARIES[self.library][1]

    @property
    def matcher(self) -> re.Pattern[str]:
        return re.compile(rf"(?:^|/){self.file_pattern}$", re.IGNORECASE)


_LEAFLET = "django-js-lib-leaflet"
_PYVIS = "pyvis"
_FOLIUM_OFFLINE = "folium-offline"

# Import name and folder of the distributions that ship plain files.
_PACKAGE_ROOTS = {
    _LEAFLET: ("js_lib_leaflet", "static/js_lib_leaflet"),
    _PYVIS: ("pyvis", "lib"),
}

# Library: (its licence, the Python distribution we read it from).
_LIBRARIES = {
    "Leaflet": ("BSD-2-Clause", _LEAFLET),
    "Leaflet.markercluster": ("MIT", _FOLIUM_OFFLINE),
    "leaflet.fullscreen": ("MIT", _FOLIUM_OFFLINE),
    "leaflet-search": ("MIT", _FOLIUM_OFFLINE),
    "Leaflet.awesome-markers": ("MIT", _FOLIUM_OFFLINE),
    "folium": ("MIT", _FOLIUM_OFFLINE),
    "Font Awesome Free": ("CC-BY-4.0, OFL-1.1, MIT", _FOLIUM_OFFLINE),
    "jQuery": ("MIT", _FOLIUM_OFFLINE),
    "Bootstrap": ("MIT", _FOLIUM_OFFLINE),
    "vis-network": ("Apache-2.0 OR MIT", _PYVIS),
    "Tom Select": ("Apache-2.0", _PYVIS),
    "pyvis": ("BSD-3-Clause", _PYVIS),
}

# fmt: off
_REGISTRY: dict[str, _Asset] = {asset.name: asset for asset in (
    _Asset("leaflet.js", "Leaflet", r"leaflet(?:-src)?\.js", "leaflet.js"),
    _Asset("leaflet-default-icon.js", "Leaflet", r"(?!)"),  # generated, never in a URL
    _Asset("leaflet.css", "Leaflet", r"leaflet\.css", "leaflet.css"),
    _Asset("markercluster.js", "Leaflet.markercluster", r"leaflet\.markercluster(?:-src)?\.js"),
    _Asset("markercluster.css", "Leaflet.markercluster", r"MarkerCluster\.css"),
    _Asset("markercluster-default.css", "Leaflet.markercluster", r"MarkerCluster\.Default\.css"),
    _Asset("fullscreen.js", "leaflet.fullscreen", r"Control\.FullScreen(?:\.min)?\.js"),
    _Asset("fullscreen.css", "leaflet.fullscreen", r"Control\.FullScreen(?:\.min)?\.css"),
    _Asset("search.js", "leaflet-search", r"leaflet-search(?:\.src|\.min)?\.js"),
    _Asset("search.css", "leaflet-search", r"leaflet-search(?:\.src|\.min)?\.css"),
    _Asset("awesome-markers.js", "Leaflet.awesome-markers",
           r"leaflet\.awesome-markers(?:\.min)?\.js"),
    _Asset("awesome-markers.css", "Leaflet.awesome-markers",
           r"leaflet\.awesome-markers(?:\.min)?\.css"),
    _Asset("awesome-rotate.css", "folium", r"leaflet\.awesome\.rotate(?:\.min)?\.css"),
    _Asset("font-awesome.css", "Font Awesome Free",
           r"font-?awesome[^/]*/(?:[^/]+/)*(?:all|font-awesome)(?:\.min)?\.css"),
    _Asset("jquery.js", "jQuery", r"jquery(?:-\d[\w.]*?)?(?:\.min)?\.js"),
    _Asset("bootstrap.js", "Bootstrap", r"bootstrap(?:\.bundle)?(?:\.min)?\.js"),
    _Asset("bootstrap.css", "Bootstrap", r"bootstrap(?:\.min)?\.css"),
    _Asset("glyphicons.css", "Bootstrap", r"bootstrap-glyphicons(?:\.min)?\.css"),
    _Asset("vis-network.js", "vis-network", r"vis-network(?:\.min)?\.js",
           "vis-9.1.2/vis-network.min.js"),
    _Asset("vis-network.css", "vis-network", r"vis-network(?:\.min)?\.css",
           "vis-9.1.2/vis-network.css"),
    _Asset("tom-select.js", "Tom Select", r"tom-select(?:\.complete)?(?:\.min)?\.js",
           "tom-select/tom-select.complete.min.js"),
    _Asset("tom-select.css", "Tom Select", r"tom-select(?:\.min)?\.css",
           "tom-select/tom-select.css"),
    _Asset("pyvis-utils.js", "pyvis", r"bindings/utils\.js", "bindings/utils.js"),
)}
# fmt: on

# Assets inlined right after another one: a patch that needs it loaded first.
_FOLLOWERS = {"leaflet.js": ("leaflet-default-icon.js",)}

def asset_followers(name: str) -> tuple[str, ...]:
    """Assets to inline right after ``name`` (patches that need it loaded first)."""
    return _FOLLOWERS.get(name, ())


ASSET_NAMES: tuple[str, ...] = tuple(_REGISTRY)
"""Names accepted by :func:`asset_text`."""

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


def _lookup(name: str) -> _Asset:
    try:
        return _REGISTRY[name]
    except KeyError:
        raise AssetError(
            f"Ressource inconnue : « {name} ». Ressources connues : {', '.join(ASSET_NAMES)}."
        ) from None


def _missing_package(asset: _Asset) -> AssetError:
    return AssetError(
        f"La ressource « {asset.name} » ({asset.library}) est lue dans le paquet Python "
        f"« {asset.distribution} », qui n'est pas installé ou est incomplet. "
        f"Installez-le : pip install {asset.distribution}"
    )


def asset_info(name: str) -> AssetInfo:
    """Library, licence and providing package of the asset ``name``.

    >>> info = asset_info("leaflet.js")
    >>> info.library, info.licence, info.distribution
    ('Leaflet', 'BSD-2-Clause', 'django-js-lib-leaflet')
    """
    asset = _lookup(name)
    try:
        version = importlib.metadata.version(asset.distribution)
    except importlib.metadata.PackageNotFoundError:
        raise _missing_package(asset) from None
    return AssetInfo(asset.name, asset.library, asset.licence, asset.distribution, version)


def _package_folder(asset: _Asset) -> Traversable:
    package, folder = _PACKAGE_ROOTS[asset.distribution]
    try:
        return importlib.resources.files(package).joinpath(folder)
    except ModuleNotFoundError:
        raise _missing_package(asset) from None


@functools.cache
def _folium_offline_resources() -> dict[str, str]:
    """folium-offline's embedded resources, keyed by the CDN URL folium would load.

    Read from the source text rather than imported: the package's ``__init__`` imports a
    whole copy of folium (half a second, plus ``requests``) when only these strings are
    needed. Each resource is a top-level ``_res[URL] = '''…'''`` in ``elements.py``.
    """
    try:
        dist = importlib.metadata.distribution(_FOLIUM_OFFLINE)
    except importlib.metadata.PackageNotFoundError:
        return {}
    source = dist.locate_file("offlinefolium/elements.py")
    try:
        tree = ast.parse(source.read_text(encoding="utf-8"))
    except OSError:
        return {}
    resources = {}
    for node in tree.body:
        if (
            isinstance(node, ast.Assign)
            and isinstance(target := node.targets[0], ast.Subscript)
            and isinstance(target.value, ast.Name)
            and target.value.id == "_res"
            and isinstance(target.slice, ast.Constant)
            and isinstance(node.value, ast.Constant)
        ):
            resources[target.slice.value] = node.value.value
    return resources


def _folium_offline_text(asset: _Asset) -> str:
    resources = _folium_offline_resources()
    keys = sorted(url for url in resources if asset.matcher.search(urlsplit(url).path))
    if not keys:
        raise _missing_package(asset)
    return resources[keys[0]]


def _leaflet_default_icon() -> str:
    # Leaflet finds its default marker icon by reading a background-image URL ending in
    # "marker-icon.png" from its CSS; once that CSS holds data: URIs it falls back to a
    # relative "marker-icon.png", a request that fails. Give it the images directly.
    images = _package_folder(_REGISTRY["leaflet.js"]).joinpath("images")
    urls = {
        option: _data_uri(images.joinpath(file))
        for option, file in (
            ("iconUrl", "marker-icon.png"),
            ("iconRetinaUrl", "marker-icon-2x.png"),
            ("shadowUrl", "marker-shadow.png"),
        )
    }
    options = ", ".join(f'{option}: "{url}"' for option, url in urls.items())
    return f'L.Icon.Default.imagePath = "";\nL.Icon.Default.mergeOptions({{{options}}});\n'


@functools.cache
def asset_text(name: str) -> str:
    """Text of the asset ``name`` (one of :data:`ASSET_NAMES`), read from its package.

    Stylesheets come back with their images and fonts inlined as ``data:`` URIs.

    >>> "Leaflet" in asset_text("leaflet.js")[:100]
    True
    >>> "url(images/" in asset_text("leaflet.css")
    False
    """
    asset = _lookup(name)
    if name == "leaflet-default-icon.js":
        return _leaflet_default_icon()
    if asset.distribution == _FOLIUM_OFFLINE:
        text = _folium_offline_text(asset)
        # folium-offline inlined what it could; the few files it does not ship (Font
        # Awesome's regular and brands fonts, leaflet-search's loader.gif) are left out.
        return inline_css(text, drop_missing=True) if name.endswith(".css") else text
    resource = _package_folder(asset).joinpath(asset.path)
    try:
        text = resource.read_text(encoding="utf-8")
    except (FileNotFoundError, NotADirectoryError):
        raise _missing_package(asset) from None
    if name.endswith(".css"):
        base = _package_folder(asset).joinpath(*asset.path.split("/")[:-1])
        return inline_css(text, base=base)
    return text


def _data_uri(resource: Traversable) -> str:
    suffix = "." + resource.name.rsplit(".", 1)[-1].lower()
    media_type = _MEDIA_TYPES.get(suffix, "application/octet-stream")
    return f"data:{media_type};base64,{base64.b64encode(resource.read_bytes()).decode('ascii')}"


# A CSS url(): quoted (and then possibly holding parentheses, as SVG data URIs do) or not.
_CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)"'\s]*))\s*\)""", re.IGNORECASE)
_FONT_FACE = re.compile(r"@font-face\s*\{[^}]*\}", re.IGNORECASE)
_CSS_IMPORT = re.compile(r"""@import\s+(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
_DROPPED = "\x00dropped\x00"


def _is_remote(url: str) -> bool:
    return bool(re.match(r"(?:https?:)?//", url.strip(), re.IGNORECASE))


def _is_inline(url: str) -> bool:
    """True for URLs that never cause a request: data:, fragments, javascript:, about:."""
    url = url.strip()
    return (
        not url
        or url.startswith("#")
        or bool(re.match(r"(?:data|blob|about|javascript):", url, re.IGNORECASE))
    )


def _css_url(match: re.Match[str]) -> str:
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
    if match := _CSS_IMPORT.search(text):
        raise AssetError(f"Feuille de style importée non prise en charge : « {_css_url(match)} ».")

    def replace(match: re.Match[str]) -> str:
        url = _css_url(match)
        if _is_inline(url):
            return match.group(0)
        if _is_remote(url):
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
            return f'url("{_data_uri(resource)}")'
        if drop_missing:
            return _DROPPED
        raise AssetError(f"Fichier introuvable pour la feuille de style : « {url} ».")

    def font_face(match: re.Match[str]) -> str:
        rule = _CSS_URL.sub(replace, match.group(0))
        # Drop each missing source with its format() hint, then the commas and empty
        # declarations it leaves behind.
        rule = re.sub(rf"{_DROPPED}\s*(?:format\([^)]*\))?", "", rule)
        rule = re.sub(r"(?<=:)\s*,\s*|,\s*(?=,)|\s*,\s*(?=[;}])", "", rule)
        return re.sub(r"src\s*:\s*(?:;|(?=\}))", "", rule)

    text = _FONT_FACE.sub(font_face, text)
    return _CSS_URL.sub(replace, text).replace(_DROPPED, "none")


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


@dataclass(frozen=True)
class CdnAsset:
    """Where a public CDN serves an asset, and the SRI hash of that exact file."""

    url: str
    integrity: str


# Leaflet 1.9.4's hashes are the ones Leaflet publishes (the installed copy hashes to them,
# see tests/views/test_rendering.py); vis-network's are those of pyvis' own template. The
# assets read from folium-offline get their CDN address from it (the URL folium loads) and
# their hash from its copy, which is the CDN file between two added newlines
# (tests/security/test_subresource_integrity.py checks that rule on published hashes).
_CDN: dict[str, CdnAsset] = {
    "leaflet.js": CdnAsset(
        "https://unpkg.com/leaflet@1.9.4/dist/leaflet.js",
        "sha256-20nQCchB9co0qIjJZRGuk2/Z9VM+kNiyxNV1lvTlZBo=",
    ),
    "leaflet.css": CdnAsset(
        "https://unpkg.com/leaflet@1.9.4/dist/leaflet.css",
        "sha256-p4NxAoJBhIIN+hmNHrzRCf9tD/miZyoHS5obTRR9BMY=",
    ),
    "vis-network.js": CdnAsset(
        "https://cdnjs.cloudflare.com/ajax/libs/vis-network/9.1.2/dist/vis-network.min.js",
        "sha512-LnvoEWDFrqGHlHmDD2101OrLcbsfkrzoSpvtSQtxK3RMnRV0eOkhhBN2dXHKRrUU8p2DGRTk35n4O8nWSVe1mQ==",
    ),
    "vis-network.css": CdnAsset(
        "https://cdnjs.cloudflare.com/ajax/libs/vis-network/9.1.2/dist/dist/vis-network.min.css",
        "sha512-WgxfT5LWjfszlPHXRmBWHkV2eceiWTOBvrKCNbdgDYTHrT2AeLCGbF4sZlZw3UMN3WtL0tGUoIAKsu8mllg/XA==",
    ),
}


def _folium_offline_cdn(asset: _Asset) -> CdnAsset | None:
    resources = _folium_offline_resources()
    keys = sorted(url for url in resources if asset.matcher.search(urlsplit(url).path))
    if not keys:
        return None
    text = resources[keys[0]]
    if not (text.startswith("\n") and text.endswith("\n")):
        return None
    digest = hashlib.sha384(text[1:-1].encode("utf-8")).digest()
    return CdnAsset(keys[0], "sha384-" + base64.b64encode(digest).decode("ascii"))


def cdn_asset(name: str) -> CdnAsset | None:
    """CDN address and SRI hash of the asset ``name``; ``None`` when it must stay inlined.

    >>> cdn_asset("leaflet.js").integrity.startswith("sha256-")
    True
    >>> cdn_asset("fullscreen.js").url
    'https://cdn.jsdelivr.net/npm/leaflet.fullscreen@3.0.0/Control.FullScreen.min.js'
    """
    asset = _lookup(name)
    if name in _CDN:
        return _CDN[name]
    if asset.distribution == _FOLIUM_OFFLINE:
        return _folium_offline_cdn(asset)
    return None


def _asset_for_url(url: str) -> _Asset | None:
    path = urlsplit(url.strip()).path
    for asset in _REGISTRY.values():
        if asset.matcher.search(path):
            return asset
    return None


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
            self.css_urls += [_css_url(m) for m in _CSS_URL.finditer(found.attrs["style"])]

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._open_script is not None:
            end = self._html.index(">", self._offset()) + 1
            script = self._open_script
            self.tags.append(_Tag(script.start, end, script.name, script.attrs))
            self._open_script = None
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.css_urls += [_css_url(m) for m in _CSS_URL.finditer(data)]
            self.css_urls += [_css_url(m) for m in _CSS_IMPORT.finditer(data)]


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
    return [url for url in urls + scanner.css_urls if not _is_inline(url)]


def _inline_element(asset: _Asset, tag: _Tag) -> str:
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
    nec_network.views._assets.AssetError: Ressources distantes qu'aucun paquet installé ne fournit : https://cdn.example/unknown.js. ...
    """
    pieces = []
    done: set[str] = set()
    position = 0
    for tag in sorted(_PageScanner(html).tags, key=lambda tag: tag.start):
        url = tag.attrs.get(_FETCHED[tag.name], "")
        asset = None if _is_inline(url) else _asset_for_url(url)
        if asset is None or (tag.name not in ("script", "link")):
            continue
        if tag.name == "link" and not asset.name.endswith(".css"):
            continue
        pieces.append(html[position : tag.start])
        for name in (asset.name, *_FOLLOWERS.get(asset.name, ())):
            if name not in done:
                pieces.append(_inline_element(_REGISTRY[name], tag))
                done.add(name)
        position = tag.end
    pieces.append(html[position:])
    page = "".join(pieces)
    remote = [url for url in external_requests(page) if _is_remote(url)]
    if remote:
        raise AssetError(
            f"Ressources distantes qu'aucun paquet installé ne fournit : {', '.join(remote)}. "
            "Ajoutez-les au registre de nec_network/views/_assets.py ou retirez-les de la page."
        )
    return page
