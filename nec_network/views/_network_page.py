"""The fixed parts of the network page: markup, style and script, with no data in them.

Data reaches the page only through the JSON of ``<script id="nec-donnees">`` (read with
``JSON.parse``) and through markup that :mod:`nec_network.views.network` escapes; the
script below writes every piece of data with ``textContent`` or ``value``, never as HTML.
"""

from __future__ import annotations

STYLE = """
html,body{height:100%}
body{display:flex;flex-direction:column;min-height:100vh}
.nec-entete{padding:6px 10px;border-bottom:1px solid #ddd;background:#fafafa}
.nec-entete h1{font-size:1.15rem;margin:0 0 4px}
.nec-outils{display:flex;flex-wrap:wrap;gap:4px 12px;align-items:flex-end;font-size:14px;margin:0}
.nec-outils label{display:flex;flex-direction:column;gap:1px;min-width:0;max-width:100%}
.nec-outils input,.nec-outils select,.nec-outils button{font:inherit;font-size:14px;max-width:100%}
.nec-outils select{max-width:16em}
.nec-recherche{display:flex;gap:4px;align-items:flex-end;max-width:100%}
.nec-recherche input{width:16em;max-width:100%}
.nec-etat{font-size:13px;color:#333;margin:2px 0 0;min-height:1.2em;width:100%}
.nec-zone{position:relative;flex:1 1 auto;display:flex;min-height:320px}
#reseau{position:relative;flex:1 1 auto;min-width:0}
.nec-legende{flex:0 0 auto;width:300px;max-width:40%;overflow:auto;border-left:1px solid #ddd;
background:#fff;padding:4px 8px;font-size:13px}
.nec-legende summary{cursor:pointer;font-weight:600}
.nec-legende h2{font-size:13px;margin:6px 0 2px}
.nec-legende p{margin:4px 0}
.nec-liste{list-style:none;margin:0;padding:0}
.nec-liste li{display:flex;align-items:center;gap:6px;margin:2px 0}
.nec-pastille{display:inline-block;flex:none;width:12px;height:12px;border-radius:50%;
border:1px solid #777}
.nec-trait{flex:none}
.nec-nombre{color:#555}
.nec-chargement{position:absolute;left:50%;top:40%;transform:translate(-50%,-50%);z-index:3;
background:#fff;border:1px solid #ccc;border-radius:4px;padding:8px 14px;margin:0}
.nec-chargement[hidden]{display:none}
div.vis-tooltip{max-width:min(360px,90vw);white-space:normal;font-family:inherit;font-size:13px;
line-height:1.35;padding:6px 8px;background:#fff;border:1px solid #888;border-radius:4px;
box-shadow:2px 2px 6px rgba(0,0,0,.2);color:#1e1e1e}
.nec-infobulle strong{display:block;margin-bottom:2px}
.nec-infobulle-cle{font-weight:600}
@media (max-width:600px){
.nec-zone{flex-direction:column;flex:none}
#reseau{flex:none;height:65vh}
.nec-legende{width:auto;max-width:none;border-left:0;border-top:1px solid #ddd}
.nec-outils select{max-width:100%}
}
"""

CONTROLS = """<form class="nec-outils" id="nec-outils" role="search" autocomplete="off">
<div class="nec-recherche"><label for="nec-recherche">Rechercher un acteur
<input id="nec-recherche" type="search" list="nec-noms" placeholder="Nom de l'acteur"></label>
<datalist id="nec-noms"></datalist>
<button type="submit">Chercher</button></div>
<label for="nec-filtre-typologie">Typologie
<select id="nec-filtre-typologie"><option value="">Toutes</option>{typologies}</select></label>
<label for="nec-filtre-departement">Département
<select id="nec-filtre-departement"><option value="">Tous</option>{departements}</select></label>
<label for="nec-filtre-service">Service
<select id="nec-filtre-service"><option value="">Tous</option>{services}</select></label>
<button type="button" id="nec-reinitialiser">Réinitialiser</button>
<p class="nec-etat" id="nec-etat" aria-live="polite">{shown} sur {total}.</p>
</form>"""

LEGEND = """<details class="nec-legende" id="nec-legende" open>
<summary>Légende</summary>
<h2>{heading}</h2><ul class="nec-liste">{colors}</ul>
{links}
{notes}
</details>"""

SCRIPT = r"""
(function () {
  "use strict";
  var donnees = JSON.parse(document.getElementById("nec-donnees").textContent);
  // Times in ms since navigation start, read by the benchmarks: first drawing, then stable.
  var etat = {stable: false, visible: null, duree: null};
  window.necReseau = etat;

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }
  function infobulle(contenu) {
    var boite = element("div", "nec-infobulle");
    boite.appendChild(element("strong", "", contenu.nom));
    contenu.lignes.forEach(function (ligne) {
      var rang = element("div", "nec-infobulle-ligne");
      rang.appendChild(element("span", "nec-infobulle-cle", ligne[0] + " : "));
      rang.appendChild(document.createTextNode(ligne[1]));
      boite.appendChild(rang);
    });
    return boite;
  }
  function sansAccents(texte) {
    return texte.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
  }

  var noms = {};
  donnees.nodes.forEach(function (noeud) {
    noeud.title = infobulle(noeud.infobulle);
    noms[noeud.id] = noeud.label;
  });
  // Edges carry their type; the style, arrow and a text tooltip (shown with innerText by
  // vis-network) come from it.
  donnees.edges.forEach(function (lien) {
    var style = donnees.liens[lien.type];
    lien.color = style.color;
    lien.dashes = style.dashes;
    lien.arrows = style.arrows;
    lien.title = style.libelle + " : " + noms[lien.from] + (style.oriente ? " → " : " ↔ ")
      + noms[lien.to] + (lien.depuis ? "\ndepuis " + lien.depuis : "")
      + (lien.note ? "\n" + lien.note : "");
  });
  var nodes = new vis.DataSet(donnees.nodes);
  var edges = new vis.DataSet(donnees.edges);
  var conteneur = document.getElementById("reseau");
  var chargement = document.getElementById("nec-chargement");
  var message = document.getElementById("nec-etat");
  var network = new vis.Network(conteneur, {nodes: nodes, edges: edges}, donnees.options);
  window.network = network;
  window.nodes = nodes;
  window.edges = edges;

  network.once("afterDrawing", function () { etat.visible = performance.now(); });
  function devenuStable() {
    if (etat.stable) { return; }
    etat.stable = true;
    etat.duree = performance.now();
    if (chargement) { chargement.hidden = true; }
    document.documentElement.setAttribute("data-reseau-stable", "oui");
  }
  if (donnees.physique) {
    network.on("stabilizationProgress", function (avancement) {
      if (chargement) {
        chargement.textContent = "Calcul de la disposition du réseau… "
          + Math.round(100 * avancement.iterations / avancement.total) + " %";
      }
    });
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({physics: {enabled: false}});
      devenuStable();
    });
  } else {
    network.once("afterDrawing", devenuStable);
  }

  if (window.innerWidth < 600) { document.getElementById("nec-legende").open = false; }

  var listeNoms = document.getElementById("nec-noms");
  donnees.nodes.slice().sort(function (a, b) { return a.label.localeCompare(b.label, "fr"); })
    .forEach(function (noeud) {
      var option = document.createElement("option");
      option.value = noeud.label;
      listeNoms.appendChild(option);
    });

  var filtres = {
    typologie: document.getElementById("nec-filtre-typologie"),
    departement: document.getElementById("nec-filtre-departement"),
    service: document.getElementById("nec-filtre-service")
  };
  var visibles = {};
  function afficherEtat(texte) { message.textContent = texte; }
  function appliquerFiltres() {
    var typologie = filtres.typologie.value;
    var departement = filtres.departement.value;
    var service = filtres.service.value;
    var nombre = 0;
    var majNoeuds = donnees.nodes.map(function (noeud) {
      var garde = (!typologie || noeud.typologies.indexOf(typologie) >= 0)
        && (!departement || noeud.departement === departement)
        && (!service || noeud.services.indexOf(service) >= 0);
      visibles[noeud.id] = garde;
      if (garde) { nombre += 1; }
      return {id: noeud.id, hidden: !garde};
    });
    nodes.update(majNoeuds);
    edges.update(donnees.edges.map(function (lien) {
      return {id: lien.id, hidden: !(visibles[lien.from] && visibles[lien.to])};
    }));
    // French: 0 and 1 take the singular.
    afficherEtat(nombre + (nombre < 2 ? " acteur affiché sur " : " acteurs affichés sur ")
      + donnees.nodes.length + ".");
  }
  function reinitialiser() {
    Object.keys(filtres).forEach(function (cle) { filtres[cle].value = ""; });
    appliquerFiltres();
  }
  Object.keys(filtres).forEach(function (cle) {
    filtres[cle].addEventListener("change", appliquerFiltres);
  });
  document.getElementById("nec-reinitialiser").addEventListener("click", reinitialiser);
  donnees.nodes.forEach(function (noeud) { visibles[noeud.id] = true; });

  function chercher(requete) {
    var cle = sansAccents(requete);
    if (!cle) { return null; }
    var exacts = [], debuts = [], contenus = [];
    donnees.nodes.forEach(function (noeud) {
      var nom = sansAccents(noeud.label);
      if (nom === cle) { exacts.push(noeud); }
      else if (nom.indexOf(cle) === 0) { debuts.push(noeud); }
      else if (nom.indexOf(cle) > 0) { contenus.push(noeud); }
    });
    var trouves = exacts.concat(debuts, contenus);
    if (!trouves.length) {
      afficherEtat("Aucun acteur ne correspond à « " + requete.trim() + " ».");
      return null;
    }
    var choisi = trouves[0];
    if (!visibles[choisi.id]) { reinitialiser(); }
    network.selectNodes([choisi.id]);
    network.focus(choisi.id, {scale: 1.4, animation: {duration: 400, easingFunction: "easeInOutQuad"}});
    afficherEtat("Acteur trouvé : " + choisi.label
      + (trouves.length > 1 ? " (" + trouves.length + " acteurs correspondent)." : "."));
    return choisi.id;
  }
  window.necChercher = chercher;
  var champ = document.getElementById("nec-recherche");
  document.getElementById("nec-outils").addEventListener("submit", function (evenement) {
    evenement.preventDefault();
    chercher(champ.value);
  });
  champ.addEventListener("change", function () { chercher(champ.value); });
})();
"""


def document(
    *, title: str, head: str, controls: str, legend: str, data_json: str, loading: bool
) -> str:
    """The page before framing; ``title`` is escaped, the other pieces are safe markup/JSON."""
    waiting = (
        '<p class="nec-chargement" id="nec-chargement" role="status">'
        "Calcul de la disposition du réseau…</p>"
        if loading
        else ""
    )
    return (
        '<!DOCTYPE html>\n<html>\n<head>\n<meta charset="utf-8">\n'
        f"{head}\n<style>{STYLE}</style>\n</head>\n<body>\n"
        f'<header class="nec-entete"><h1>{title}</h1>\n{controls}\n</header>\n'
        f'<main class="nec-zone"><div id="reseau" role="img" aria-label="{title}"></div>\n'
        f"{waiting}\n{legend}\n</main>\n"
        f'<script type="application/json" id="nec-donnees">{data_json}</script>\n'
        f"<script>{SCRIPT}</script>\n</body>\n</html>\n"
    )
