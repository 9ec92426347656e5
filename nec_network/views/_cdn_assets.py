"""Where public CDNs serve the third-party assets, with the SRI hash of each exact file.

With ``--cdn`` a page loads its libraries from these addresses, each with an ``integrity``
hash the browser checks and ``crossorigin="anonymous"``; an asset without an entry stays
inlined.
"""

from __future__ import annotations

import base64
import functools
import hashlib
from dataclasses import dataclass

from nec_network.views._asset_catalogue import FOLIUM_OFFLINE, LibraryAsset, lookup_asset
from nec_network.views._installed_assets import folium_offline_resource


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


def _folium_offline_cdn(asset: LibraryAsset) -> CdnAsset | None:
    found = folium_offline_resource(asset)
    if found is None:
        return None
    url, text = found
    if not (text.startswith("\n") and text.endswith("\n")):
        return None
    digest = hashlib.sha384(text[1:-1].encode("utf-8")).digest()
    return CdnAsset(url, "sha384-" + base64.b64encode(digest).decode("ascii"))


@functools.cache
def cdn_asset(name: str) -> CdnAsset | None:
    """CDN address and SRI hash of the asset ``name``; ``None`` when it must stay inlined.

    Cached: the hash of an installed file does not change while the program runs, and a
    page asks for it twice (its ``<script>`` and its credits).

    >>> cdn_asset("leaflet.js").integrity.startswith("sha256-")
    True
    >>> cdn_asset("fullscreen.js").url
    'https://cdn.jsdelivr.net/npm/leaflet.fullscreen@3.0.0/Control.FullScreen.min.js'
    """
    asset = lookup_asset(name)
    if name in _CDN:
        return _CDN[name]
    if asset.distribution == FOLIUM_OFFLINE:
        return _folium_offline_cdn(asset)
    return None
