// The map page: the legend, which also switches the layers on and off. One of the page's
// scripts (their order: carte-outils.js).
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
  // The switch that groups or ungroups the markers (grouped at first on a phone).
  function groupSwitch(label, text) {
    var input = el("input");
    input.type = "checkbox";
    input.checked = N.clustered;
    input.addEventListener("change", function () { N.setClustered(input.checked); });
    label.appendChild(input);
    label.appendChild(document.createTextNode(" " + text));
    return label;
  }
  // Keep only the places offering one service: the choices are the services of the data.
  var serviceSelect = null;
  N.setService = function (k) {
    N.service = k;
    if (serviceSelect) { serviceSelect.value = k === null ? "" : String(k); }
    N.placeMarkers();
  };
  function serviceFilter(group) {
    var services = N.presentServices(D);
    if (!services.length) { return; }
    var row = el("p", "nec-filtre-service");
    var label = el("label", null, "Service proposé");
    label.htmlFor = "nec-filtre-service";
    serviceSelect = el("select");
    serviceSelect.id = "nec-filtre-service";
    serviceSelect.appendChild(el("option", null, "tous (" + number(D.acteurs.length) + " lieux)")).value = "";
    services.forEach(function (s) {
      serviceSelect.appendChild(el("option", null, s.libelle + " (" + number(s.nombre) + ")")).value = String(s.valeur);
    });
    serviceSelect.addEventListener("change", function () {
      N.setService(serviceSelect.value === "" ? null : Number(serviceSelect.value));
    });
    row.appendChild(label);
    row.appendChild(serviceSelect);
    group.appendChild(row);
  }
  N.legend = N.control("bottomright", function () {
    // Open beside a wide map; on a narrow screen, a button that opens it over the map.
    var box = el("div", "nec-legende");
    var toggle = el("button", "nec-legende-bouton", "Légende et couches");
    toggle.type = "button";
    toggle.setAttribute("aria-controls", "nec-legende-corps");
    var body = el("div", "nec-legende-corps");
    body.id = "nec-legende-corps";
    N.openLegend = function (open) {
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      body.hidden = !open;
      box.classList.toggle("nec-legende-ouverte", open);
    };
    toggle.addEventListener("click", function () { N.openLegend(body.hidden); });
    N.openLegend(!N.narrow);
    box.appendChild(toggle);
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
        if (r[3]) {
          item.appendChild(r[3](el("label"), r[1]));
        } else if (r[2]) {
          item.appendChild(layerSwitch(el("label"), r[2], r[1]));
        } else {
          item.appendChild(el("span", null, r[1]));
        }
        list.appendChild(item);
      });
      group.appendChild(list);
      body.appendChild(group);
    }
    if (N.aplats) { N.aplats.legend(body); }
    // A typology's count is of the territory's places; its faded neighbours are said apart, so
    // that a typology only found around the territory never reads « (0) ».
    var around = D.typologies.map(function () { return 0; });
    D.acteurs.forEach(function (a) { if (a.hors_territoire) { around[a.typo] += 1; } });
    var actorRows = D.typologies.map(function (t, k) {
      var count = number(t.nombre) + (around[k] ? " et " + number(around[k]) + " hors territoire" : "");
      return [pin(t), t.libelle + " (" + count + ")", N.typeLayers[k]];
    });
    actorRows.push([symbol("nec-groupe nec-groupe-legende", "12"), "Regrouper les acteurs proches (leur nombre ; cliquez pour ouvrir un groupe)",
                    null, groupSwitch]);
    section("Acteurs (" + number(D.acteurs.length - (D.hors_territoire || 0)) + ")", null, actorRows);
    serviceFilter(body.lastChild);
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
      section("Couverture : " + D.couverture.libelle, N.coverage, N.presentClasses(D).map(function (c) {
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
    if (N.outlines.epci) {
      section("Limites des EPCI (" + number(D.epci.length) + ")", N.outlines.epci,
              [[svgLine("#4a4a4a", "4 3", 1.5), "Intercommunalité (communauté de communes, d’agglomération…)"]]);
    }
    body.appendChild(el("p", "nec-note", "Couleurs : palette " + D.palette + "."));
    return box;
  });
})(window.necCarte);
