"""The embeddable site: the map, the network and the report, with an index for webmasters.

:func:`build_site` writes ``carte.html``, ``reseau.html``, ``rapport.html`` (and
``rapport.md``) and an ``index.html`` that links them and gives, for each page,
an ``<iframe>`` snippet to paste into a partner's site, with a « Copier » button
(Clipboard API; without it, the snippet is selected for Ctrl+C; without script,
the snippet stays readable). Every page is self-contained by default: copied to a
USB stick or an intranet, the folder works as is.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from nec_network.wording import number
from nec_network.analysis.synthesis import Synthesis
from nec_network.views import _report_sections as sections
from nec_network.views.map import DEFAULT_TITLE as MAP_TITLE
from nec_network.views.map import build_map
from nec_network.views.network import DEFAULT_TITLE as NETWORK_TITLE
from nec_network.views.network import build_network
from nec_network.views.page import escape, page
from nec_network.views.report import DEFAULT_TITLE as REPORT_TITLE
from nec_network.views.report import write_report

DEFAULT_TITLE = "Cartographie de l’inclusion numérique"


@dataclass(frozen=True)
class _Page:
    file: str
    title: str
    description: str
    height: int


def _pages(synthesis: Synthesis) -> tuple[_Page, ...]:
    summary = synthesis.network_summary
    return (
        _Page(
            "carte.html",
            MAP_TITLE,
            f"Les {sections.plural(summary['actors'], 'acteur')} sur la carte, la couverture des "
            f"communes ({synthesis.threshold}), les zones blanches et les sites recommandés.",
            600,
        ),
        _Page(
            "reseau.html",
            NETWORK_TITLE,
            f"Les {sections.plural(summary['partnerships'], 'partenariat')} entre acteurs : "
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
    )


def _attribute(text: str) -> str:
    """Escaped for a double-quoted attribute, apostrophes kept readable in the snippet."""
    return escape(text, quote=False).replace('"', "&quot;")


def iframe_snippet(file: str, title: str, height: int) -> str:
    """The HTML to paste into another site to show ``file`` (relative address).

    >>> print(iframe_snippet("carte.html", "Carte", 600))
    <iframe src="carte.html" title="Carte" width="100%" height="600" style="border:0;max-width:100%" loading="lazy"></iframe>
    """
    return (
        f'<iframe src="{_attribute(file)}" title="{_attribute(title)}" width="100%" height="{height}" '
        'style="border:0;max-width:100%" loading="lazy"></iframe>'
    )


def _size(path: Path) -> str:
    size = path.stat().st_size
    if size >= 1_000_000:
        return f"{number(size / 1_000_000, 1)}\u00a0Mo"
    return f"{max(1, round(size / 1000))}\u00a0ko"


INDEX_CSS = """
.nec-pages{display:grid;grid-template-columns:repeat(auto-fit,minmax(260px,1fr));gap:12px}
.nec-page{border:1px solid #ddd;border-top:4px solid #000091;padding:10px;min-width:0}
.nec-page h2{font-size:1.15rem;margin:.1em 0 .3em}
.nec-page pre{background:#f6f6f6;border:1px solid #ddd;padding:8px;margin:.4em 0;
white-space:pre-wrap;overflow-wrap:anywhere;font-size:13px}
.nec-copier{font:inherit;padding:4px 12px;cursor:pointer;border:1px solid #000091;
background:#fff;color:#000091;border-radius:3px}
.nec-copier:focus-visible{outline:2px solid #000091;outline-offset:2px}
.nec-statut{font-size:13px;color:#2a6f2a;margin-left:6px}
h1{font-size:1.6rem;margin:.2em 0 .4em}
@media (max-width:480px){h1{font-size:1.3rem}}
"""

# Snippets keep the relative address when the index is opened from a file; once published,
# they show the page's full address. Copying uses the Clipboard API (secure pages) and
# otherwise selects the snippet so the person can press Ctrl+C.
INDEX_SCRIPT = """
(function () {
  var blocs = document.querySelectorAll('[data-nec-extrait]');
  Array.prototype.forEach.call(blocs, function (bloc) {
    var code = bloc.querySelector('code');
    var fichier = bloc.getAttribute('data-nec-extrait');
    if (/^https?:$/.test(location.protocol)) {
      var adresse = new URL(fichier, location.href).href;
      code.textContent = code.textContent.replace('src="' + fichier + '"', 'src="' + adresse + '"');
    }
    var bouton = document.createElement('button');
    bouton.type = 'button';
    bouton.className = 'nec-copier';
    bouton.textContent = 'Copier';
    var statut = document.createElement('span');
    statut.className = 'nec-statut';
    statut.setAttribute('role', 'status');
    function selectionner() {
      var plage = document.createRange();
      plage.selectNodeContents(code);
      var selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(plage);
      statut.textContent = 'Texte sélectionné : appuyez sur Ctrl+C (ou Cmd+C) pour le copier.';
    }
    bouton.addEventListener('click', function () {
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(code.textContent).then(function () {
          statut.textContent = 'Copié !';
        }, selectionner);
      } else {
        selectionner();
      }
    });
    bloc.appendChild(bouton);
    bloc.appendChild(statut);
  });
  document.documentElement.setAttribute('data-nec-index', 'pret');
})();
"""


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


def _index_body(
    synthesis: Synthesis, title: str, outdir: Path, pages: tuple[_Page, ...], *, cdn: bool
) -> str:
    cards = []
    for item in pages:
        snippet = iframe_snippet(item.file, item.title, item.height)
        cards.append(
            '<section class="nec-page">'
            f'<h2><a href="{escape(item.file)}">{escape(item.title)}</a></h2>'
            f"<p>{escape(item.description)}</p>"
            f"<p>Fichier <code>{escape(item.file)}</code>, {_size(outdir / item.file)}.</p>"
            f'<div data-nec-extrait="{escape(item.file)}">'
            f"<p>Code à coller pour l’intégrer :</p><pre><code>{escape(snippet)}</code></pre></div>"
            "</section>"
        )
    total = synthesis.coverage_total.iloc[0]
    return (
        '<main class="nec-container">\n'
        f"<h1>{escape(title)}</h1>\n"
        f"<p>{escape(sections.plural(len(synthesis.ecosystem), 'acteur'))} de l’inclusion numérique, "
        f"{escape(sections.percent(total['part_population_couverte']))} de la population à "
        f"portée d’un lieu ({escape(synthesis.threshold)}), "
        f"{escape(sections.plural(len(synthesis.white_zones), 'zone blanche', 'zones blanches'))}.</p>\n"
        f'<div class="nec-pages">{"".join(cards)}</div>\n'
        "<h2>Intégrer ces pages à votre site</h2>\n<ul>"
        "<li>Copiez le dossier entier sur votre serveur (les pages se citent entre elles), puis "
        "collez le code de la page voulue dans la vôtre ; remplacez l’adresse relative par "
        "l’adresse publiée si l’intégration se fait depuis un autre dossier (une fois publiée, "
        "cette page affiche l’adresse complète).</li>"
        "<li>Taille : la largeur s’adapte (100 %, lisible dès 320 pixels) ; prévoyez au moins "
        "600 pixels de hauteur pour la carte et le réseau, 800 pour le rapport.</li>"
        '<li><code>loading="lazy"</code> ne charge la page intégrée que lorsque le visiteur '
        "s’en approche : votre page reste rapide.</li>"
        "<li>L’attribut <code>title</code> annonce le contenu du cadre aux lecteurs d’écran : "
        "gardez-le, en l’adaptant au besoin.</li>"
        f"<li>{escape(_privacy(cdn))}</li>"
        "</ul>\n</main>\n"
        f"<script>{INDEX_SCRIPT}</script>"
    )


def build_site(
    synthesis: Synthesis,
    outdir: str | Path,
    *,
    cdn: bool = False,
    tiles: bool = True,
    title: str = DEFAULT_TITLE,
) -> list[Path]:
    """Write the map, the network, the report and the index into ``outdir``; return the paths.

    The map shows the synthesis' coverage, white zones, recommended sites and
    journeys over the départements of its communes; the network is sized and
    coloured with its metrics. ``tiles=False`` draws the map without a tile
    background (no request at all); ``cdn=True`` loads the libraries from public
    CDNs. The synthesis is not modified; the same synthesis gives the same files.
    """
    folder = Path(outdir)
    folder.mkdir(parents=True, exist_ok=True)
    departements = sorted(set(synthesis.communes["departement"]))
    carte = build_map(
        synthesis.ecosystem,
        coverage=synthesis.coverage,
        white_zones=synthesis.white_zones,
        recommendations=synthesis.recommendations,
        journeys=synthesis.journeys,
        departements=departements,
        tiles=tiles,
        cdn=cdn,
        coverage_label=f"{synthesis.criteria}, {synthesis.threshold}",
        coverage_threshold_km=synthesis.threshold_km,
    )
    reseau = build_network(synthesis.ecosystem, metrics=synthesis.metrics, cdn=cdn)
    written = []
    for name, document in (("carte.html", carte), ("reseau.html", reseau)):
        path = folder / name
        path.write_text(document, encoding="utf-8", newline="\n")
        written.append(path)
    written += write_report(synthesis, folder / "rapport.html", cdn=cdn)
    index = folder / "index.html"
    pages = _pages(synthesis)
    index.write_text(
        page(
            title,
            _index_body(synthesis, title, folder, pages, cdn=cdn),
            sources=sections.actor_sources(synthesis),
            head_html=f"<style>{INDEX_CSS}</style>",
        ),
        encoding="utf-8",
        newline="\n",
    )
    return [*written, index]
