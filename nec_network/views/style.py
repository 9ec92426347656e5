"""Colours, icons and labels shared by every view, so the map, the network and the report agree.

An actor is drawn with its *primary* typology (the first of ``Actor.typologies``).
The typologies of the field have fixed colours; any other typology gets a colour
from a fallback palette, deterministically (by sorted code).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from nec_network.model import Actor
from nec_network.model.vocabularies import PARTNERSHIP_TYPES, TYPOLOGY_LABELS


@dataclass(frozen=True)
class TypologyStyle:
    """How a typology is drawn: hex colour, Font Awesome icon name, French label."""

    code: str
    label: str
    color: str
    icon: str


_FIXED: dict[str, tuple[str, str]] = {
    "RFS": ("#000091", "landmark"),  # France Services: the State's blue
    "MSAP": ("#000091", "landmark"),
    "BIB": ("#2a9d8f", "book"),
    "CCAS": ("#e76f51", "hands-helping"),
    "CIAS": ("#e76f51", "hands-helping"),
    "CS": ("#f4a261", "users"),
    "CSC": ("#f4a261", "users"),
    "EVS": ("#f4a261", "users"),
    "MUNI": ("#6a4c93", "building"),
    "ML": ("#1982c4", "user-graduate"),
    "EPN": ("#8ac926", "laptop"),
    "TIERS_LIEUX": ("#8ac926", "laptop"),
    "FABLAB": ("#8ac926", "laptop"),
    "ASSO": ("#ff595e", "heart"),
    "FAIS": ("#b5179e", "project-diagram"),
    "DEPT": ("#4a4e69", "university"),
    "CD": ("#4a4e69", "university"),
    "REG": ("#22223b", "university"),
    "PIMMS": ("#3a86ff", "info"),
}
_FALLBACK = (
    "#8d99ae", "#c9184a", "#588157", "#bc6c25", "#5e548e", "#0077b6", "#9c6644", "#6d597a",
)
_DEFAULT_ICON = "map-marker"
UNKNOWN = TypologyStyle("", "Typologie non renseignée", "#adb5bd", _DEFAULT_ICON)


def primary_typology(actor: Actor) -> str:
    """The typology used to draw an actor (first listed), ``""`` when none."""
    return actor.typologies[0] if actor.typologies else ""


def typology_styles(codes: Iterable[str]) -> dict[str, TypologyStyle]:
    """Style of each typology code present, in a stable order (by French label).

    >>> styles = typology_styles(["BIB", "ZZZ", ""])
    >>> styles["BIB"].label, styles["BIB"].color
    ('Bibliothèque / Médiathèque', '#2a9d8f')
    >>> styles[""].label
    'Typologie non renseignée'
    """
    present = sorted(set(codes))
    styles: dict[str, TypologyStyle] = {}
    fallback_index = 0
    for code in present:
        if not code:
            styles[code] = UNKNOWN
            continue
        label = TYPOLOGY_LABELS.get(code, code)
        if code in _FIXED:
            color, icon = _FIXED[code]
        else:
            color, icon = _FALLBACK[fallback_index % len(_FALLBACK)], _DEFAULT_ICON
            fallback_index += 1
        styles[code] = TypologyStyle(code, label, color, icon)
    return dict(sorted(styles.items(), key=lambda item: (item[0] == "", item[1].label)))


@dataclass(frozen=True)
class LinkStyle:
    """How a partnership type is drawn: colour, dash pattern (SVG/Leaflet syntax), label."""

    code: str
    label: str
    color: str
    dashes: str
    directed: bool


_LINKS: dict[str, tuple[str, str]] = {
    "partenariat": ("#264653", ""),
    "orientation": ("#e76f51", ""),
    "financement": ("#2a9d8f", "8 4"),
    "membre_de": ("#6a4c93", "2 4"),
    "co_organisation": ("#f4a261", "8 4 2 4"),
    "mutualisation": ("#1982c4", "4 4"),
}

LINK_STYLES: dict[str, LinkStyle] = {
    code: LinkStyle(code, kind.label, *_LINKS.get(code, ("#8d99ae", "")), kind.directed)
    for code, kind in PARTNERSHIP_TYPES.items()
}

#: Coverage colours: covered, within twice the threshold, beyond.
COVERAGE_COLORS = {"couvert": "#2a9d8f", "proche": "#f4a261", "loin": "#d62828"}
