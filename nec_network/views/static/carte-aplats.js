// The map page: the communes' shapes, the outlines of départements and EPCI drawn from them,
// and the layers colouring the communes (one at a time, chosen in the legend or above their
// table). One of the page's scripts (their order: carte-outils.js), before the layers.
//
// The shapes come as a topology (nec_network.territory.shapes.topology): each arc is its first
// point then its steps, in 1/echelle of a degree, longitude first; a commune's ``forme`` lists
// its polygons, rings of arc numbers, ~k for arc k walked backwards. The classes are computed
// in Python (nec_network.views._map_choropleth); this script draws and words them.
(function (N) {
  "use strict";
  var D = N.D, map = N.map, el = N.el, number = N.number;
  N.outlines = {departements: null, epci: null};
  N.aplats = null;
  if (!D.formes) { return; }

  // Each arc decoded when first needed (the page opens with the départements' arcs only).
  var arcs = new Array(D.formes.arcs.length);
  function arc(k) {
    if (arcs[k]) { return arcs[k]; }
    var flat = D.formes.arcs[k], scale = D.formes.echelle;
    var x = flat[0], y = flat[1], points = [[y / scale, x / scale]];
    for (var i = 2; i < flat.length; i += 2) {
      x += flat[i];
      y += flat[i + 1];
      points.push([y / scale, x / scale]);
    }
    arcs[k] = points;
    return points;
  }
  function ring(refs) {
    var points = [];
    refs.forEach(function (ref, k) {
      var part = ref >= 0 ? arc(ref) : arc(~ref).slice().reverse();
      Array.prototype.push.apply(points, k ? part.slice(1) : part);
    });
    return points;
  }

  // -- outlines: above the coloured communes and the white zones, never catching the pointer --
  var pane = map.createPane("nec-limites");
  pane.style.zIndex = 450;
  pane.style.pointerEvents = "none";
  var outlineRenderer = L.svg({pane: "nec-limites"});
  function outline(refs, style) {
    return L.polyline(refs.map(arc), L.extend({renderer: outlineRenderer, interactive: false, pane: "nec-limites"}, style));
  }
  N.outlines.departements = D.limites.departements.length
    ? outline(D.limites.departements, {color: "#1e1e1e", weight: 2, opacity: 0.85}) : null;
  // Off at first: its lines are made the first time it is shown.
  N.outlines.epci = D.limites.epci.length ? L.layerGroup() : null;
  if (N.outlines.epci) {
    N.outlines.epci.once("add", function () {
      N.outlines.epci.addLayer(outline(D.limites.epci, {color: "#4a4a4a", weight: 1.2, opacity: 0.9, dashArray: "4 3"}));
    });
  }

  if (!D.aplats.length) { return; }

  // -- the values in words: one sentence for the tooltip, the popup and the table ----------------
  function decimal(v, digits) {
    return Number(v).toLocaleString("fr-FR", {minimumFractionDigits: digits, maximumFractionDigits: digits});
  }
  var WORDS = {
    couverture: function (c) {
      var said = c.classe === "couvert" ? "couverte" : "non couverte";
      if (c.km === undefined) { return said; }
      return said + (c.km === 0 ? ", un lieu correspondant dans la commune" : ", lieu correspondant le plus proche à " + N.km(c.km));
    },
    temps: function (c) {
      if (c.min === undefined) { return "aucun lieu correspondant"; }
      var to = c.acteur_proche ? " (" + c.acteur_proche + ")" : "";
      return c.km === 0 ? "un lieu correspondant dans la commune" + to
        : "environ " + N.minutes(c.min) + " jusqu’au lieu correspondant le plus proche" + to;
    },
    fragilite: function (c) {
      return c.fragilite !== undefined ? "indice " + decimal(c.fragilite, 1) + " sur 100" : "sans indice : " + c.fragilite_raison;
    },
    accessibilite: function (c) {
      return c.acces !== undefined
        ? decimal(c.acces, 2) + " fois l’accès moyen du territoire (" + N.counted(c.acces_lieux, "lieu", "lieux") + " à portée)"
        : "hors du calcul";
    }
  };
  var byCode = new Map(D.aplats.map(function (layer) { return [layer.code, layer]; }));
  var A = N.aplats = {layers: D.aplats, current: null, hidden: new Set(), listeners: []};
  A.classOf = function (layer, c) { return c.aplats ? layer.classes[c.aplats[layer.code]] : null; };
  A.words = function (layer, c) { return (WORDS[layer.code] || function () { return ""; })(c); };
  A.describe = function (layer, c) {
    var found = A.classOf(layer, c);
    return A.words(layer, c) + (found && layer.code !== "couverture" && !found.sans_valeur ? " (classe : " + found.libelle + ")" : "");
  };

  // -- the coloured communes: made at the first choice, restyled at each one ---------------------
  var group = A.group = L.layerGroup(), polygons = null;
  function build() {
    polygons = [];
    D.communes.forEach(function (c) {
      if (!c.forme) { return; }
      var shape = L.polygon(c.forme.map(function (rings) { return rings.map(ring); }), {
        renderer: N.canvas, color: "#ffffff", weight: 0.6, opacity: 0.8, fillOpacity: 0.75
      });
      shape.necCommune = c;
      shape.bindTooltip(function () {
        return document.createTextNode(c.nom + " : " + A.describe(A.current, c));
      }, {sticky: true});
      shape.bindPopup(function () { return N.communeBox(c); }, {maxWidth: 300});
      polygons.push(shape);
    });
  }
  function restyle() {
    var layer = A.current;
    polygons.forEach(function (shape) {
      var k = shape.necCommune.aplats[layer.code], shown = !A.hidden.has(k);
      if (shown) {
        shape.setStyle({fillColor: N.colour(layer.classes[k].couleur)});
        if (!group.hasLayer(shape)) { group.addLayer(shape); shape.bringToBack(); }
      } else if (group.hasLayer(shape)) {
        group.removeLayer(shape);
      }
    });
  }
  // The coverage circles and the white zones' fill would change the colours read: they are put
  // aside while communes are coloured, and back (those that were on) when none is.
  var asideLayers = [];
  function putAside(coloured) {
    if (coloured && !asideLayers.length) {
      asideLayers = [N.coverage, N.zones].filter(function (layer) { return layer && map.hasLayer(layer); });
      asideLayers.forEach(function (layer) { N.setLayer(layer, false); });
    } else if (!coloured) {
      asideLayers.forEach(function (layer) { N.setLayer(layer, true); });
      asideLayers = [];
    }
  }
  // Show the layer ``code`` (null: none), every class visible; tell the legend and the table.
  A.show = function (code) {
    var layer = code ? byCode.get(code) || null : null;
    A.current = layer;
    A.hidden = new Set();
    putAside(!!layer);
    if (!layer) {
      if (map.hasLayer(group)) { map.removeLayer(group); }
    } else {
      if (!polygons) { build(); }
      if (!map.hasLayer(group)) { group.addTo(map); }
      restyle();
      // Under the circles, zones and lines sharing the canvas: drawn first.
      group.eachLayer(function (shape) { shape.bringToBack(); });
    }
    A.listeners.forEach(function (listener) { listener(layer); });
  };
  A.setClassShown = function (k, shown) {
    if (shown) { A.hidden.delete(k); } else { A.hidden.add(k); }
    if (A.current) { restyle(); }
  };
  A.commune = function (c) { return c.forme && c.aplats; };

  // -- its part of the legend: the choice (radio buttons), then the classes of the layer chosen --
  A.legend = function (body) {
    var group = el("fieldset", "nec-aplats");
    group.appendChild(el("legend", null, "Couleur des communes"));
    var choices = el("ul");
    [{code: "", titre: "Aucune"}].concat(D.aplats).forEach(function (layer) {
      var item = el("li"), label = el("label"), input = el("input");
      input.type = "radio";
      input.name = "nec-aplat";
      input.value = layer.code;
      input.checked = !layer.code;
      input.addEventListener("change", function () { if (input.checked) { A.show(layer.code || null); } });
      label.appendChild(input);
      label.appendChild(document.createTextNode(" " + layer.titre));
      item.appendChild(label);
      choices.appendChild(item);
    });
    group.appendChild(choices);
    var detail = el("div", "nec-aplat-detail");
    detail.id = "nec-aplat-legende";
    detail.setAttribute("aria-live", "polite");
    group.appendChild(detail);
    body.appendChild(group);
    A.listeners.push(function (layer) {
      choices.querySelectorAll("input").forEach(function (input) { input.checked = input.value === (layer ? layer.code : ""); });
      classesOf(detail, layer);
    });
  };
  function classesOf(detail, layer) {
    detail.textContent = "";
    if (!layer) { return; }
    var title = el("p", "nec-aplat-titre", layer.titre + " : classes (cochées : affichées)");
    detail.appendChild(title);
    var list = el("ul");
    layer.classes.forEach(function (found, k) {
      var item = el("li"), label = el("label"), input = el("input");
      input.type = "checkbox";
      input.checked = !A.hidden.has(k);
      input.addEventListener("change", function () { A.setClassShown(k, input.checked); });
      var swatch = el("span", "nec-aplat-case");
      swatch.style.background = N.colour(found.couleur);
      swatch.setAttribute("aria-hidden", "true");
      label.appendChild(input);
      label.appendChild(swatch);
      label.appendChild(document.createTextNode(found.libelle + " (" + number(found.nombre) + ")"));
      item.appendChild(label);
      list.appendChild(item);
    });
    detail.appendChild(list);
    detail.appendChild(el("p", "nec-note", layer.note + (layer.palette ? " Palette : " + layer.palette + ", plus foncé : plus de besoin." : "")));
    if (asideLayers.length) {
      detail.appendChild(el("p", "nec-note", "Cercles de couverture et zones blanches masqués pour lire les couleurs : cochez-les pour les revoir."));
    }
    var more = el("p", "nec-note"), link = el("a", null, "Ces communes en tableau (valeur et classe)");
    link.href = "#tableau-aplats";
    more.appendChild(link);
    detail.appendChild(more);
  }
})(window.necCarte);
