"""The embeddable site: the map, the network and the report, with an index for webmasters.

:func:`build_site` writes ``carte.html``, ``reseau.html``, ``rapport.html`` (and
``rapport.md``), ``orienter.html`` (« Où orienter ? ») with its ``<nec-orienter>`` element
(``nec-orienter.js``, ``nec-donnees.json``) and the ``<nec-carte>`` element (``nec-carte.js``),
``guide.html`` (resources per difficulty), ``preparer.html`` (where and with whom to hold the next
local event, with its three CSV tables) and an ``index.html`` that links them and gives, for each page,
an ``<iframe>`` snippet to paste into a partner's site, with a « Copier » button
(Clipboard API; without it, the snippet is selected for Ctrl+C; without script,
the snippet stays readable). Every page is self-contained by default: copied to a
USB stick or an intranet, the folder works as is.
"""

from __future__ import annotations

import datetime as dt

from dataclasses import dataclass
from pathlib import Path

from nec_network.wording import number
from nec_network.analysis.synthesis import Synthesis
from nec_network.io.output import write_output
from nec_network.territory.fragility import embedded_fragility
from nec_network.views import _report_sections as sections
from nec_network.views.map import DEFAULT_TITLE as MAP_TITLE
from nec_network.views.map import MapLayers, MapOptions, build_map
from nec_network.views.network import DEFAULT_TITLE as NETWORK_TITLE
from nec_network.views.network import NetworkOptions, build_network
from nec_network.views.page import escape
from nec_network.views.report import DEFAULT_TITLE as REPORT_TITLE
from nec_network.views.rendering import SiteHeader, SiteLink, render_page, site_header
from nec_network.views.report import write_report
from nec_network.views.guide import DEFAULT_TITLE as GUIDE_TITLE
from nec_network.views.guide import write_guide
from nec_network.views.orientation import DEFAULT_TITLE as ORIENTATION_TITLE
from nec_network.views.orientation import OrientationOptions, write_orientation
from nec_network.views.event_planning_files import DEFAULT_TITLE as PLANNING_TITLE
from nec_network.views.event_planning_files import PAGE_FILE as PLANNING_PAGE
from nec_network.views.event_planning_files import PLANNING_FILES, write_planning
from nec_network.views.elements import ELEMENT_FILES, write_elements

DEFAULT_TITLE = "Cartographie de l’inclusion numérique"


@dataclass(frozen=True)
class _Page:
    file: str
    title: str
    description: str
    height: int


def _the(count: int, noun: str, none: str) -> str:
    r"""« Le partenariat », « Les 12 partenariats », « Aucun partenariat » (never « Les 0 »).

    >>> _the(0, "partenariat", "Aucun partenariat"), _the(1, "acteur", "Aucun acteur")
    ('Aucun partenariat', 'Le seul acteur')
    >>> _the(12, "partenariat", "Aucun partenariat")
    'Les 12 partenariats'
    """
    if count == 0:
        return none
    if count == 1:
        return f"Le seul {noun}"
    return f"Les {sections.plural(count, noun)}"


def _pages(synthesis: Synthesis) -> tuple[_Page, ...]:
    summary = synthesis.network_summary
    return (
        _Page(
            "orienter.html",
            ORIENTATION_TITLE,
            "Pour les aidants : depuis la commune de la personne, sa difficulté et sa mobilité, les "
            "lieux où l’orienter, du plus proche au plus loin, et une fiche à imprimer.",
            800,
        ),
        _Page(
            "carte.html",
            MAP_TITLE,
            f"{_the(summary['actors'], 'acteur', 'Aucun acteur')} sur la carte, la couverture des "
            f"communes ({synthesis.threshold}), les zones blanches et les sites recommandés.",
            600,
        ),
        _Page(
            "reseau.html",
            NETWORK_TITLE,
            f"{_the(summary['partnerships'], 'partenariat', 'Aucun partenariat')} entre acteurs : "
            "qui travaille avec qui, recherche par nom et filtres.",
            600,
        ),
        _Page(
            "rapport.html",
            REPORT_TITLE,
            "Les chiffres clés, la couverture par territoire et par service, les zones blanches, "
            "le réseau et les ressources par type de difficulté.",
            800,
        ),
        _Page(
            "guide.html",
            GUIDE_TITLE,
            "Pour chaque difficulté : les lieux par département, la part de la population à "
            "portée, les dispositifs sans lieu et des exemples ; à imprimer.",
            800,
        ),
        _Page(
            PLANNING_PAGE,
            PLANNING_TITLE,
            "Pour les coordinateurs : où tenir la prochaine rencontre locale, qui inviter et "
            "pourquoi, qui présenter à qui (les mêmes tables en CSV dans le dossier).",
            800,
        ),
    )


def _attribute(text: str) -> str:
    """Escaped for a double-quoted attribute, apostrophes kept readable in the snippet."""
    return escape(text, quote=False).replace('"', "&quot;")


def iframe_snippet(file: str, title: str, height: int) -> str:
    """The HTML to paste into another site to show ``file`` (relative address) alone:
    ``?integre=1`` asks the page to hide the site's header.

    >>> print(iframe_snippet("carte.html", "Carte", 600))
    <iframe src="carte.html?integre=1" title="Carte" width="100%" height="600" style="border:0;max-width:100%" loading="lazy"></iframe>
    """
    return (
        f'<iframe src="{_attribute(file)}?integre=1" title="{_attribute(title)}" width="100%" height="{height}" '
        'style="border:0;max-width:100%" loading="lazy"></iframe>'
    )


def _size(path: Path) -> str:
    size = path.stat().st_size
    if size >= 1_000_000:
        return f"{number(size / 1_000_000, 1)}\u00a0Mo"
    return f"{max(1, round(size / 1000))}\u00a0ko"


def _privacy(cdn: bool) -> str:
    if cdn:
        return (
            "Ces pages chargent leurs bibliothèques depuis des CDN publics : elles demandent une "
            "connexion et ces serveurs voient passer les visites. Sans l’option --cdn, tout est "
            "inclus dans les pages."
        )
    return (
        "Les pages sont autonomes : ni cookie ni mesure d’audience, et aucune requête hors du "
        "dossier, sauf les tuiles du fond de carte OpenStreetMap (aucune en mode sans fond)."
    )


def _index_cards(outdir: Path, pages: tuple[_Page, ...]) -> list[dict[str, str]]:
    return [
        {
            "fichier": item.file,
            "titre": item.title,
            "description": item.description,
            "taille": _size(outdir / item.file),
            "extrait": iframe_snippet(item.file, item.title, item.height),
        }
        for item in pages
    ]


def _summary(synthesis: Synthesis) -> str:
    total = synthesis.coverage_total.iloc[0]
    zones = sections.plural(len(synthesis.white_zones), "zone blanche", "zones blanches")
    return (
        f"{sections.plural(len(synthesis.ecosystem), 'acteur')} de l’inclusion numérique, "
        f"{sections.percent(total['covered_population_share'])} de la population à portée "
        f"d’un lieu ({synthesis.threshold}), {zones}."
    )


#: Every file :func:`build_site` writes.
SITE_FILES = (
    "carte.html", "reseau.html", "rapport.html", "rapport.md", "orienter.html", *ELEMENT_FILES, "guide.html",
    *PLANNING_FILES,
    "index.html",
)


def build_site(
    synthesis: Synthesis,
    outdir: str | Path,
    *,
    cdn: bool = False,
    tiles: bool = True,
    title: str = DEFAULT_TITLE,
    at: dt.date | None = None,
    contact: str | None = None,
    address_service: str | None = None,
) -> list[Path]:
    """Write every page into ``outdir`` and return the paths, in this order: the map
    (``carte.html``), the network (``reseau.html``), the report (``rapport.html`` and its
    Markdown twin ``rapport.md``), « Où orienter ? » (``orienter.html``), the custom elements a
    partner's page includes with one script (``nec-orienter.js`` with its data ``nec-donnees.json``,
    and ``nec-carte.js``: :mod:`nec_network.views.elements`), the resources guide (``guide.html``),
    the next event's planning (``lieux_proposes.csv``, ``invitations.csv``, ``mises_en_relation.csv``
    and ``preparer.html``) and the index linking the pages with their ``<iframe>`` codes (``index.html``).

    The map shows the synthesis' coverage, white zones, recommended sites and
    journeys over the départements of its communes; the network is sized and
    coloured with its metrics. ``tiles=False`` draws the map without a tile
    background (no request at all); ``cdn=True`` loads the libraries from public
    CDNs; ``address_service`` gives « Où orienter ? » its address button
    (:class:`~nec_network.views.orientation.OrientationOptions`). The synthesis is not modified;
    the same synthesis gives the same files.
    """
    with site_header(_header(synthesis, title)):
        return _write_pages(synthesis, Path(outdir), cdn=cdn, tiles=tiles, title=title, at=at,
                            contact=contact, address_service=address_service)


#: The short name of each page in the header every page of the site shares, in its order.
_HEADER_LINKS = (
    ("index.html", "Accueil"), ("orienter.html", "Où orienter ?"), ("carte.html", "Carte"),
    ("reseau.html", "Réseau"), ("rapport.html", "Rapport"), ("guide.html", "Guide des ressources"),
    (PLANNING_PAGE, "Prochaine rencontre"),
)


def _header(synthesis: Synthesis, title: str) -> SiteHeader:
    """The site's name, its pages and the date of its newest actor record."""
    dates = [actor.date_maj for actor in synthesis.ecosystem if actor.date_maj is not None]
    date_text = (f"Données mises à jour jusqu’au {max(dates):%d/%m/%Y}" if dates
                 else "Date des données inconnue (aucune fiche datée)")
    return SiteHeader(title, tuple(SiteLink(file, label) for file, label in _HEADER_LINKS), date_text)


def _write_planning_files(synthesis: Synthesis, folder: Path) -> list[Path]:
    """The next local event's planning (as ``preparer-evenement`` writes it, default options)."""
    from nec_network.analysis.event_planning import introductions, invitations, venue_ranking
    from nec_network.settings import DEFAULT_RURAL_WEIGHT

    local = synthesis.ecosystem
    return write_planning(
        venue_ranking(local, synthesis.communes, rural_weight=DEFAULT_RURAL_WEIGHT),
        invitations(local, white_zones=synthesis.white_zones), introductions(local), local, folder,
        rural_weight=DEFAULT_RURAL_WEIGHT,
    )


def _write_pages(
    synthesis: Synthesis, folder: Path, *, cdn: bool, tiles: bool, title: str, at: dt.date | None,
    contact: str | None = None, address_service: str | None = None,
) -> list[Path]:
    departements = sorted(set(synthesis.communes["departement"]))
    layers = MapLayers(coverage=synthesis.coverage, white_zones=synthesis.white_zones,
                       recommendations=synthesis.recommendations, journeys=synthesis.journeys,
                       fragility=synthesis.fragility or embedded_fragility(),
                       accessibility=synthesis.accessibility,
                       accessibility_capacity=synthesis.accessibility_capacity)
    carte = build_map(synthesis.ecosystem, layers, MapOptions(
        departements=departements, tiles=tiles, cdn=cdn,
        coverage_label=f"{synthesis.criteria}, {synthesis.threshold}", threshold=synthesis.threshold, at=at,
    ))
    reseau = build_network(synthesis.ecosystem, NetworkOptions(cdn=cdn), metrics=synthesis.metrics)
    written = []
    for name, document in (("carte.html", carte), ("reseau.html", reseau)):
        path = folder / name
        written.append(write_output(path, document))
    written += write_report(synthesis, folder / "rapport.html", cdn=cdn)
    orientation = OrientationOptions(resources=synthesis.resources, personae=[trip.persona for trip in synthesis.journeys],
                                     cdn=cdn, at=at, contact=contact, threshold=synthesis.threshold,
                                     address_service=address_service)
    written.append(write_orientation(folder / "orienter.html", synthesis.ecosystem, synthesis.communes, orientation))
    written += write_elements(folder, synthesis.ecosystem, synthesis.communes, orientation)
    written.append(write_guide(synthesis, folder / "guide.html"))
    written += _write_planning_files(synthesis, folder)
    index = folder / "index.html"
    document = render_page(
        "index.html.j2",
        title=title,
        sources=sections.actor_sources(synthesis),
        scripts=("index.js",),
        styles=("index.css",),
        summary=_summary(synthesis),
        cards=_index_cards(folder, _pages(synthesis)),
        privacy=_privacy(cdn),
    )
    write_output(index, document)
    return [*written, index]
