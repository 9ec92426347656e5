// The map page: markers, layers, legend (which is also the layer switch), search and the
// table of the communes, all built from the #nec-donnees document (shape documented in
// nec_network.views.map.map_document). Every piece of data reaches the page as text
// (textContent, DOM properties); the only HTML strings are the icons of carte-couches.js
// (Leaflet's divIcon takes HTML): the actors' markers, made of checked colours and escaped
// abbreviations, the clusters' and recommended sites' icons, made of numbers, and the homes'.
//
// Its scripts run in this order (nec_network.views.map), sharing one object, window.necCarte,
// after texte.js (window.necTexte, the search keys every page shares):
// carte-outils.js (this one: the data, the map and small helpers), carte-colonnes.js (the actors'
// columns made into one object per actor), carte-selection.js (what
// the filters keep and the table's order and totals, without DOM), carte-fiches.js (popup
// contents), carte-couches.js (the layers), carte-legende.js, carte-recherche.js,
// carte-tableau.js (the communes without the map) and carte.js (puts it all on the map).
(function () {
  "use strict";
  var D = JSON.parse(document.getElementById("nec-donnees").textContent);
  var N = window.necCarte = {
    D: D,
    map: window[D.carte],
    calm: !!(window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches),
    narrow: window.innerWidth < 700,
    // A phone: markers are grouped whatever their number (a person can ungroup them).
    phone: !!(window.matchMedia && window.matchMedia("(max-width: 600px)").matches),
    canvas: L.canvas({padding: 0.5}),
    hasCoverage: !!D.couverture,
    // Coverage classes by code. Lookups go through Maps and arrays: a value of the data is
    // never an object key (« constructor » would read Object's own members).
    classes: new Map(D.couverture ? D.couverture.classes.map(function (c) { return [c.code, c]; }) : [])
  };

  N.esc = function (s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c];
    });
  };
  function colour(c) { return /^#[0-9a-fA-F]{3,8}$/.test(c) ? c : "#777777"; }
  N.colour = colour;
  // Black or white text, whichever contrasts more with the colour (WCAG relative luminance).
  N.ink = function (c) {
    var hex = colour(c).slice(1);
    if (hex.length === 3) { hex = hex.replace(/./g, "$&$&"); }
    var l = [0, 2, 4].map(function (k) {
      var v = parseInt(hex.substr(k, 2), 16) / 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    });
    var lum = 0.2126 * l[0] + 0.7152 * l[1] + 0.0722 * l[2];
    return (lum + 0.05) / 0.05 >= 1.05 / (lum + 0.05) ? "#000000" : "#ffffff";
  };
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = text; }
    return e;
  }
  N.el = el;
  // A Leaflet control whose box build() returns; clicks and scrolls inside it stay off the map.
  N.control = function (position, build) {
    var control = L.control({position: position});
    control.onAdd = function () {
      var box = build();
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      return box;
    };
    return control;
  };
  function number(n) { return Number(n).toLocaleString("fr-FR"); }
  N.number = number;
  // French: 0 and 1 take the singular.
  N.counted = function (n, one, many) { return number(n) + " " + (Math.abs(n) < 2 ? one : many); };
  N.line = function (box, label, value) {
    if (value === undefined || value === null || value === "") { return null; }
    var p = el("p");
    if (label) { p.appendChild(el("strong", null, label + " : ")); }
    p.appendChild(document.createTextNode(value));
    box.appendChild(p);
    return p;
  };
  N.link = function (parent, href, text) {
    var a = el("a", null, text);
    a.href = href;
    a.target = "_blank";
    a.rel = "noopener noreferrer";
    parent.appendChild(a);
    return a;
  };
  // A popup's box and its title.
  N.popupBox = function (title) {
    var box = el("div", "nec-popup");
    box.appendChild(el("h2", null, title));
    return box;
  };
  N.textOf = function (s) { return function () { return document.createTextNode(s); }; };
  N.svgLine = function (c, dashes, width) {
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("width", "28");
    svg.setAttribute("height", "10");
    svg.setAttribute("aria-hidden", "true");
    var stroke = document.createElementNS(ns, "line");
    stroke.setAttribute("x1", "1"); stroke.setAttribute("y1", "5");
    stroke.setAttribute("x2", "27"); stroke.setAttribute("y2", "5");
    stroke.setAttribute("stroke", colour(c));
    stroke.setAttribute("stroke-width", String(width || 3));
    if (dashes && /^[0-9 ]+$/.test(dashes)) { stroke.setAttribute("stroke-dasharray", dashes); }
    svg.appendChild(stroke);
    return svg;
  };
  N.dot = function (c, cls) {
    var s = el("span", cls || "nec-pastille");
    s.style.background = colour(c);
    s.setAttribute("aria-hidden", "true");
    return s;
  };
  N.minutes = function (m) {
    // One decimal below 10 min and whenever rounding would hide that a threshold is passed.
    return (m < 10 || Math.round(m) !== m ? String(Math.round(m * 10) / 10).replace(".", ",") : number(m)) + " min";
  };
  N.km = function (k) { return String(k).replace(".", ",") + " km"; };
  // Search keys of texte.js: case, accents, hyphens and Saint/St folded, as on the other pages.
  N.keys = window.necTexte.keys;
  N.rank = window.necTexte.rank;
  // The nearest matching place of a commune, as its popup and the table both say it.
  N.nearestText = function (c) {
    if (!c.acteur_proche) { return "aucun"; }
    // A place in the commune itself (0 km) is named alone.
    if (!c.km) { return c.acteur_proche; }
    var parts = [N.km(c.km) + " à vol d’oiseau"];
    if (c.min !== undefined) { parts.push("environ " + N.minutes(c.min)); }
    return c.acteur_proche + " : " + parts.join(", ");
  };
  N.typologyOf = function (a) { return D.typologies[a.typo]; };
  N.values = function (refs) { return (refs || []).map(function (k) { return D.valeurs[k]; }).join(", "); };
})();
