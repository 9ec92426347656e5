"""Colours, icons and labels shared by every view, so the map, the network and the report agree.

An actor is drawn with its *primary* typology (``Actor.primary_typology``: the first listed).
The typologies of the field have fixed colours; any other typology gets a colour
from a fallback palette, deterministically (by sorted code).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from nec_network.model.vocabularies import PARTNERSHIP_TYPES, TYPOLOGY_LABELS


@dataclass(frozen=True)
class TypologyStyle:
    """How a typology is drawn: hex colour, a short abbreviation shown in the pin, French label.

    The abbreviation repeats the colour's meaning in letters, so the categories stay
    distinguishable for people who do not see the colours (and in black and white print).
    """

    code: str
    label: str
    color: str
    abbreviation: str

    @property
    def text_color(self) -> str:
        """Black or white, whichever reads better on :attr:`color`."""
        return text_color_on(self.color)


#: Categorical palette: Paul Tol's "muted" scheme (colour-blind safe; see
#: https://personal.sron.nl/~pault/ ), its pale grey for the unknown, and black.
#: Families that field workers group together share a colour and differ by abbreviation.
PALETTE_NAME = "Paul Tol « muted » (adaptée aux daltonismes)"
_FIXED: dict[str, tuple[str, str]] = {
    "RFS": ("#332288", "FS"),  # France Services: indigo
    "MSAP": ("#332288", "MS"),
    "BIB": ("#44AA99", "B"),  # teal
    "CCAS": ("#882255", "CC"),  # wine
    "CIAS": ("#882255", "CI"),
    "CS": ("#DDCC77", "CS"),  # sand
    "CSC": ("#DDCC77", "CS"),
    "EVS": ("#DDCC77", "EV"),
    "MUNI": ("#999933", "M"),  # olive
    "ML": ("#88CCEE", "ML"),  # cyan
    "EPN": ("#117733", "N"),  # green
    "TIERS_LIEUX": ("#117733", "TL"),
    "FABLAB": ("#117733", "FL"),
    "ASSO": ("#CC6677", "A"),  # rose
    "FAIS": ("#AA4499", "FA"),  # purple
    "DEPT": ("#000000", "D"),  # black
    "CD": ("#000000", "D"),
    "REG": ("#000000", "R"),
    "PIMMS": ("#6F6F6F", "P"),  # dark grey
}
_FALLBACK = ("#6F6F6F", "#000000", "#882255", "#332288", "#117733", "#AA4499")
UNKNOWN = TypologyStyle("", "Typologie non renseignée", "#DDDDDD", "?")


def text_color_on(color: str) -> str:
    """``#000000`` or ``#ffffff``: the one with the higher WCAG contrast on ``color``.

    >>> text_color_on("#DDCC77"), text_color_on("#332288")
    ('#000000', '#ffffff')
    """
    channels = []
    for k in (1, 3, 5):
        value = int(color[k : k + 2], 16) / 255
        channels.append(value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4)
    luminance = 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]
    return "#000000" if (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) else "#ffffff"


def typology_styles(codes: Iterable[str]) -> dict[str, TypologyStyle]:
    """Style of each typology code present, in a stable order (by French label).

    >>> styles = typology_styles(["BIB", "ZZZ", ""])
    >>> styles["BIB"].label, styles["BIB"].color, styles["BIB"].abbreviation
    ('Bibliothèque / Médiathèque', '#44AA99', 'B')
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
            color, abbreviation = _FIXED[code]
        else:
            color = _FALLBACK[fallback_index % len(_FALLBACK)]
            abbreviation = code[:2].upper()
            fallback_index += 1
        styles[code] = TypologyStyle(code, label, color, abbreviation)
    return dict(sorted(styles.items(), key=lambda item: (item[0] == "", item[1].label)))


@dataclass(frozen=True)
class LinkStyle:
    """How a partnership type is drawn: colour, dash pattern (SVG/Leaflet syntax), label."""

    code: str
    label: str
    color: str
    dashes: str
    directed: bool


# Okabe–Ito colours (colour-blind safe) and a dash pattern each: the type reads without colour.
_LINKS: dict[str, tuple[str, str]] = {
    "partenariat": ("#000000", ""),
    "orientation": ("#D55E00", ""),
    "financement": ("#009E73", "8 4"),
    "membre_de": ("#CC79A7", "2 4"),
    "co_organisation": ("#E69F00", "8 4 2 4"),
    "mutualisation": ("#0072B2", "4 4"),
}

LINK_STYLES: dict[str, LinkStyle] = {
    code: LinkStyle(code, kind.label, *_LINKS.get(code, ("#777777", "")), kind.directed)
    for code, kind in PARTNERSHIP_TYPES.items()
}

#: Coverage colours (Okabe–Ito): covered (bluish green), within twice the threshold
#: (orange), beyond (vermilion); white zones are drawn in the vermilion of "beyond".
COVERAGE_COLORS = {"couvert": "#009E73", "proche": "#E69F00", "loin": "#D55E00"}
WHITE_ZONE_COLOR = "#D55E00"

#: Choropleths of the communes: sequential ColorBrewer palettes (Cynthia Brewer,
#: https://colorbrewer2.org , each marked colour-blind safe there), five classes from light to
#: dark, and darker always means more need (farther, more fragile, less accessible).
CHOROPLETH_PALETTES: dict[str, tuple[str, tuple[str, ...]]] = {
    "temps": ("ColorBrewer YlOrRd", ("#FFFFB2", "#FECC5C", "#FD8D3C", "#F03B20", "#BD0026")),
    "fragilite": ("ColorBrewer RdPu", ("#FEEBE2", "#FBB4B9", "#F768A1", "#C51B8A", "#7A0177")),
    "accessibilite": ("ColorBrewer YlGnBu", ("#FFFFCC", "#A1DAB4", "#41B6C4", "#2C7FB8", "#253494")),
}
#: A commune without a value (no place, no index): a neutral grey, never a colour of a palette.
NO_VALUE_COLOR = "#BDBDBD"
