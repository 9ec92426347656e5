// The map page: the legend, which also switches the layers on and off. Fourth script of the
// page (see carte-outils.js).
(function (N) {
  "use strict";
  var D = N.D, map = N.map, el = N.el, number = N.number, counted = N.counted, svgLine = N.svgLine;

  var switches = [];
  N.setLayer = function (layer, on) {
    if (on && !map.hasLayer(layer)) { map.addLayer(layer); }
    if (!on && map.hasLayer(layer)) { map.removeLayer(layer); }
    switches.forEach(function (s) { if (s.layer === layer) { s.input.checked = on; } });
  };
  // A checkbox that shows or hides ``layer``, labelled ``text``.
  function layerSwitch(label, layer, text) {
    var input = el("input");
    input.type = "checkbox";
    input.checked = map.hasLayer(layer);
    input.addEventListener("change", function () { N.setLayer(layer, input.checked); });
    switches.push({layer: layer, input: input});
    label.appendChild(input);
    label.appendChild(document.createTextNode(" " + text));
    return label;
  }
  function pin(t) {
    var s = el("span", "nec-pin nec-pin-legende");
    var inner = el("span", null, t.sigle);
    inner.style.background = N.colour(t.couleur);
    inner.style.color = N.ink(t.couleur);
    s.appendChild(inner);
    s.setAttribute("aria-hidden", "true");
    return s;
  }
  // A symbol of the legend: ``cls`` around ``text``, hidden from screen readers.
  function symbol(cls, text) {
    var s = el("span", cls);
    s.appendChild(el("span", null, text));
    s.setAttribute("aria-hidden", "true");
    return s;
  }
  N.legend = L.control({position: "bottomright"});
  N.legend.onAdd = function () {
    var box = el("details", "nec-legende");
    box.open = !N.narrow;
    box.appendChild(el("summary", null, "Légende et couches"));
    var body = el("div", "nec-legende-corps");
    box.appendChild(body);
    // A group of the legend: its title (a switch when it has a layer) and rows
    // [symbol, text, optional layer of the row].
    function section(title, layer, rows) {
      var group = el("fieldset");
      var caption = el("legend");
      if (layer) {
        caption.appendChild(layerSwitch(el("label", "nec-interrupteur"), layer, title));
      } else {
        caption.textContent = title;
      }
      group.appendChild(caption);
      var list = el("ul");
      rows.forEach(function (r) {
        var item = el("li");
        var mark = el("span", "nec-symbole");
        mark.appendChild(r[0]);
        item.appendChild(mark);
        if (r[2]) {
          item.appendChild(layerSwitch(el("label"), r[2], r[1]));
        } else {
          item.appendChild(el("span", null, r[1]));
        }
        list.appendChild(item);
      });
      group.appendChild(list);
      body.appendChild(group);
    }
    var actorRows = D.typologies.map(function (t, k) { return [pin(t), t.libelle + " (" + number(t.nombre) + ")", N.typeLayers[k]]; });
    if (N.clustered) {
      actorRows.push([symbol("nec-groupe nec-groupe-legende", "12"), "Groupe d’acteurs proches (leur nombre) : cliquez pour l’ouvrir"]);
    }
    section("Acteurs (" + number(D.acteurs.length - (D.hors_territoire || 0)) + ")", null, actorRows);
    if (D.hors_territoire) {
      body.appendChild(el("p", "nec-note", counted(D.hors_territoire, "lieu voisin « hors territoire », estompé", "lieux voisins « hors territoire », estompés") +
                          " : ils comptent pour la couverture des communes frontalières, pas parmi les acteurs du territoire."));
    }
    if (D.sans_coordonnees) {
      body.appendChild(el("p", "nec-note", counted(D.sans_coordonnees, "acteur sans coordonnées, absent", "acteurs sans coordonnées, absents") + " de la carte."));
    }
    if (D.a_verifier && D.a_verifier.length) {
      body.appendChild(el("p", "nec-note", "À vérifier : " + counted(D.a_verifier.length,
        "acteur dont la position est manifestement fausse, absent", "acteurs dont la position est manifestement fausse, absents") + " de la carte :"));
      var checks = el("ul", "nec-a-verifier");
      D.a_verifier.forEach(function (p) { checks.appendChild(el("li", null, p.nom + " (" + p.motif + ")")); });
      body.appendChild(checks);
    }
    if (N.links) {
      section("Partenariats (" + number(D.liens.liens.length) + ")", N.links, D.liens.types.map(function (t) {
        return [svgLine(t.couleur, t.tirets), t.libelle + (t.oriente ? " (orienté)" : "") + " (" + number(t.nombre) + ")"];
      }));
    }
    if (N.coverage) {
      section("Couverture : " + D.couverture.libelle, N.coverage, D.couverture.classes.map(function (c) {
        return [N.dot(c.couleur), c.libelle + " (" + number(c.nombre) + ")"];
      }).concat([[el("span", "nec-note", "○"), "Taille du cercle : population"]]));
    }
    if (N.zones) {
      var swatch = el("span", "nec-zone-legende");
      swatch.style.background = N.zoneColour;
      swatch.setAttribute("aria-hidden", "true");
      section("Zones blanches (" + number(D.zones_blanches.length) + ")", N.zones, [[swatch, "Territoire des communes d’une zone blanche"]]);
    }
    if (N.sites) {
      section("Sites recommandés (" + number(D.sites.length) + ")", N.sites, [[symbol("nec-site nec-site-legende", "★"), "Site recommandé (son rang s’affiche en zoomant)"]]);
    }
    if (N.journeys.length) {
      var rows = D.parcours.map(function (j, k) {
        return [symbol("nec-pin nec-domicile nec-pin-legende", "⌂"), j.nom, N.journeys[k]];
      });
      rows.push([svgLine("#D55E00", "", 4), "Parcours d’orientation entre acteurs"]);
      section("Parcours de personnes types", null, rows);
    }
    (D.evenements || []).forEach(function (e, k) {
      var ring = el("span", "nec-anneau-legende");
      ring.style.borderColor = N.EVENT_COLOUR;
      ring.setAttribute("aria-hidden", "true");
      section("Événement : " + e.nom + " (" + e.date + ")", N.events[k], [
        [ring, counted(e.participants.length, "participant", "participants") + " (cerclés)"],
        [svgLine(N.EVENT_COLOUR, "", 4), counted(e.liens.length, "lien créé", "liens créés") + " depuis, jusqu’au " + e.reference],
        [svgLine(N.EVENT_COLOUR, "6 5", 4), "Lien créé depuis, terminé depuis"]
      ]);
    });
    if (N.limits) { section("Limites des départements", N.limits, [[svgLine("#1e1e1e", "", 2), "Département"]]); }
    body.appendChild(el("p", "nec-note", "Couleurs : palette " + D.palette + "."));
    L.DomEvent.disableClickPropagation(box);
    L.DomEvent.disableScrollPropagation(box);
    return box;
  };
})(window.necCarte);
