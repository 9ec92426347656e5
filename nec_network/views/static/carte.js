// The map page: markers, layers, legend (which is also the layer switch), search and the
// table of the communes, all built from the #nec-donnees document (shape documented in
// nec_network.views.map.map_document). Every piece of data reaches the page as text
// (textContent, DOM properties); the only HTML strings are the marker icons, made of
// checked colours and escaped abbreviations.
(function () {
  "use strict";
  var D = JSON.parse(document.getElementById("nec-donnees").textContent);
  var map = window[D.carte];
  var A = D.acteurs;
  var calm = !!(window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches);
  var narrow = window.innerWidth < 700;
  var canvas = L.canvas({padding: 0.5});
  var hasCoverage = !!D.couverture;

  // -- small helpers ------------------------------------------------------------------------
  function esc(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c];
    });
  }
  function colour(c) { return /^#[0-9a-fA-F]{3,8}$/.test(c) ? c : "#777777"; }
  // Black or white text, whichever contrasts more with the colour (WCAG relative luminance).
  function ink(c) {
    var hex = colour(c).slice(1);
    if (hex.length === 3) { hex = hex.replace(/./g, "$&$&"); }
    var l = [0, 2, 4].map(function (k) {
      var v = parseInt(hex.substr(k, 2), 16) / 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    });
    var lum = 0.2126 * l[0] + 0.7152 * l[1] + 0.0722 * l[2];
    return (lum + 0.05) / 0.05 >= 1.05 / (lum + 0.05) ? "#000000" : "#ffffff";
  }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = text; }
    return e;
  }
  function number(n) { return Number(n).toLocaleString("fr-FR"); }
  // French: 0 and 1 take the singular.
  function counted(n, one, many) { return number(n) + " " + (Math.abs(n) < 2 ? one : many); }
  function line(box, label, value) {
    if (value === undefined || value === null || value === "") { return null; }
    var p = el("p");
    if (label) { p.appendChild(el("strong", null, label + " : ")); }
    p.appendChild(document.createTextNode(value));
    box.appendChild(p);
    return p;
  }
  function link(parent, href, text) {
    var a = el("a", null, text);
    a.href = href;
    a.target = "_blank";
    a.rel = "noopener noreferrer";
    parent.appendChild(a);
    return a;
  }
  function textOf(s) { return function () { return document.createTextNode(s); }; }
  function svgLine(c, dashes, width) {
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
  }
  function dot(c, cls) {
    var s = el("span", cls || "nec-pastille");
    s.style.background = colour(c);
    s.setAttribute("aria-hidden", "true");
    return s;
  }
  function minutes(m) {
    // One decimal below 10 min and whenever rounding would hide that a threshold is passed.
    return (m < 10 || Math.round(m) !== m ? String(Math.round(m * 10) / 10).replace(".", ",") : number(m)) + " min";
  }
  function km(k) { return String(k).replace(".", ",") + " km"; }
  function typologyOf(a) { return D.typologies[a.typo]; }
  function values(refs) { return (refs || []).map(function (k) { return D.valeurs[k]; }).join(", "); }

  // -- boundaries and the territory the view is fitted to --------------------------------------
  var limits = null;
  if (D.departements && D.departements.features.length) {
    limits = L.geoJSON(D.departements, {
      interactive: false, style: {color: "#1e1e1e", weight: 2, opacity: 0.8, fill: false}
    }).addTo(map);
  }
  var territory = limits ? limits.getBounds()
    : L.latLngBounds(A.map(function (a) { return [a.lat, a.lon]; }));
  // The open legend covers the right of the map: the territory is fitted beside it.
  function fitTerritory() {
    if (!territory.isValid()) { return; }
    var legendBox = document.querySelector(".nec-legende");
    var right = legendBox && legendBox.open && !narrow ? legendBox.offsetWidth + 16 : 8;
    map.fitBounds(territory, {paddingTopLeft: [narrow ? 4 : 60, 8], paddingBottomRight: [right, 8], animate: false});
  }

  // -- actors ---------------------------------------------------------------------------------
  var icons = D.typologies.map(function (t) {
    return L.divIcon({
      className: "nec-pin",
      html: '<span style="background:' + colour(t.couleur) + ";color:" + ink(t.couleur) + '">' + esc(t.sigle) + "</span>",
      iconSize: [26, 26], iconAnchor: [13, 13], popupAnchor: [0, -12], tooltipAnchor: [0, -12]
    });
  });
  function actorPopup(layer) {
    var a = A[layer.necIndex], t = typologyOf(a);
    var box = el("div", "nec-popup");
    box.appendChild(el("h2", null, a.nom));
    box.appendChild(el("p", "nec-typo", t.libelle + (a.typologie_deduite ? " (déduite du nom)" : "") +
                       (a.itinerant ? " · itinérant" : "")));
    if (a.adresse || a.commune) {
      var address = el("p", "nec-adresse");
      [a.adresse, a.commune].forEach(function (part) {
        if (part) { address.appendChild(el("span", null, part)); }
      });
      box.appendChild(address);
    }
    line(box, "Services", values(a.services));
    line(box, "Publics", values(a.publics));
    line(box, "Horaires", a.horaires);
    if (a.telephone) {
      var phone = el("p");
      phone.appendChild(el("strong", null, "Téléphone : "));
      var digits = a.telephone.replace(/[^0-9+]/g, "");
      if (digits) { link(phone, "tel:" + digits, a.telephone).removeAttribute("target"); }
      else { phone.appendChild(document.createTextNode(a.telephone)); }
      box.appendChild(phone);
    }
    if ((a.courriels || []).length) {
      var mail = el("p");
      mail.appendChild(el("strong", null, "Courriel : "));
      a.courriels.forEach(function (address, k) {
        if (k) { mail.appendChild(document.createTextNode(", ")); }
        link(mail, "mailto:" + address, address).removeAttribute("target");
      });
      box.appendChild(mail);
    }
    var sites = a.sites || [];
    if (sites.length || a.rdv) {
      var web = el("p", "nec-liens");
      sites.forEach(function (url) { link(web, url, sites.length > 1 ? url : "Site web"); });
      if (a.rdv) { link(web, a.rdv, "Prendre rendez-vous"); }
      box.appendChild(web);
    }
    if (a.precision === "commune") {
      box.appendChild(el("p", "nec-source", "Placé au point de référence de sa commune (adresse non localisée)"));
    }
    box.appendChild(el("p", "nec-source", [a.source ? "Source : " + a.source : "",
      a.date_maj ? "mise à jour le " + a.date_maj : "date de mise à jour inconnue",
      "fiche complète à " + a.completude + " %"].filter(Boolean).join(" · ")));
    if (a.maj_ancienne) {
      box.appendChild(el("p", "nec-a-verifier", "À vérifier : pas de mise à jour depuis plus d’un an"));
    }
    return box;
  }
  var markers = A.map(function (a, i) {
    var m = L.marker([a.lat, a.lon], {icon: icons[a.typo], title: a.nom, alt: a.nom, keyboard: true});
    m.necIndex = i;
    m.bindPopup(actorPopup, {maxWidth: 280, autoPanPadding: [20, 20]});
    m.bindTooltip(textOf(a.nom), {direction: "top"});
    return m;
  });
  var byType = D.typologies.map(function () { return []; });
  markers.forEach(function (m) { byType[A[m.necIndex].typo].push(m); });
  var clustered = A.length > D.seuil_regroupement;
  // <html data-nec-carte="prete"> once every marker is placed (tests and benchmarks wait for it).
  function ready() { document.documentElement.setAttribute("data-nec-carte", "prete"); }
  var cluster = clustered ? L.markerClusterGroup({
    chunkedLoading: true, showCoverageOnHover: false, maxClusterRadius: 50, spiderfyOnMaxZoom: true,
    animate: !calm,
    // Neutral grey groups: they must not look like a typology, a coverage class or a site.
    iconCreateFunction: function (group) {
      var n = group.getChildCount();
      var size = n < 10 ? 30 : n < 100 ? 36 : 42;
      return L.divIcon({html: "<span>" + Number(n) + "</span>", className: "marker-cluster nec-groupe", iconSize: [size, size]});
    },
    chunkProgress: function (done, total) { if (done === total) { ready(); } }
  }) : null;
  var typeLayers = D.typologies.map(function (t, k) { return L.layerGroup(clustered ? [] : byType[k]); });

  // -- partnerships (off at first: hundreds of lines hide the places) ----------------------------
  var links = null;
  if (D.liens.liens.length) {
    links = L.layerGroup();
    D.liens.liens.forEach(function (l) {
      var t = D.liens.types[l.type], from = A[l.de], to = A[l.vers];
      L.polyline([[from.lat, from.lon], [to.lat, to.lon]], {
        renderer: canvas, color: colour(t.couleur), weight: 2, opacity: 0.85, dashArray: t.tirets || null
      }).bindTooltip(textOf(from.nom + (t.oriente ? " → " : " ↔ ") + to.nom + " (" + t.libelle + ")"), {sticky: true})
        .addTo(links);
    });
  }

  // -- coverage -----------------------------------------------------------------------------------
  var C = D.communes, classes = {}, coverage = null;
  if (hasCoverage) {
    D.couverture.classes.forEach(function (c) { classes[c.code] = c; });
    var largest = Math.max.apply(null, C.map(function (c) { return c.pop; }).concat([1]));
    coverage = L.layerGroup();
    C.forEach(function (c) {
      if (!c.classe) { return; }
      var tone = colour(classes[c.classe].couleur);
      L.circleMarker([c.lat, c.lon], {
        renderer: canvas, radius: 3 + 17 * Math.sqrt(c.pop / largest), color: tone,
        weight: 1, fillColor: tone, fillOpacity: 0.45
      }).bindPopup(function () { return communeBox(c); }, {maxWidth: 300})
        .bindTooltip(textOf(c.nom)).addTo(coverage);
    });
  }

  // -- white zones: the land of their own communes ---------------------------------------------------
  var zones = null, zoneColour = colour(D.couleur_zone);
  if (D.zones_blanches.length) {
    zones = L.layerGroup();
    D.zones_blanches.forEach(function (z) {
      var popup = function () {
        var box = el("div", "nec-popup");
        box.appendChild(el("h2", null, "Zone blanche n° " + z.numero));
        line(box, "Autour de", z.nom);
        line(box, "Communes", number(z.communes));
        line(box, "Population", counted(z.population, "habitant", "habitants"));
        line(box, "Départements", z.departements);
        return box;
      };
      L.geoJSON(z.forme, {style: {renderer: canvas, stroke: false, fillColor: zoneColour, fillOpacity: 0.28}})
        .bindPopup(popup).bindTooltip(textOf("Zone blanche n° " + z.numero + " : " + z.nom), {sticky: true})
        .addTo(zones);
      L.geoJSON(z.contour, {interactive: false, style: {renderer: canvas, color: "#1e1e1e", weight: 1.5, dashArray: "5 4", opacity: 0.9}})
        .addTo(zones);
    });
  }

  // -- recommended sites ---------------------------------------------------------------------------
  var sites = null;
  if (D.sites.length) {
    sites = L.layerGroup();
    D.sites.forEach(function (s) {
      L.marker([s.lat, s.lon], {
        icon: L.divIcon({className: "nec-site", html: '<span><span aria-hidden="true">★</span><span class="nec-rang">' + Number(s.rang) + "</span></span>",
          iconSize: [22, 22], iconAnchor: [11, 11]}),
        title: "Site recommandé n° " + s.rang + " : " + s.lieu, alt: "Site recommandé n° " + s.rang, zIndexOffset: 1000
      }).bindPopup(function () {
        var box = el("div", "nec-popup");
        box.appendChild(el("h2", null, "Site recommandé n° " + s.rang));
        line(box, "Lieu", s.lieu);
        line(box, "Acteur qui pourrait l’accueillir", s.acteur);
        line(box, "Habitants nouvellement couverts", number(s.gain) + " (" + counted(s.communes, "commune", "communes") + ")");
        line(box, "Cumul avec les sites précédents", counted(s.cumul, "habitant", "habitants"));
        return box;
      }).addTo(sites);
    });
  }
  // Ranks are written on the stars only when zoomed in enough for them not to overlap.
  function showRanks() {
    map.getContainer().classList.toggle("nec-rangs-visibles", map.getZoom() >= 9.5);
  }
  map.on("zoomend", showRanks);
  showRanks();

  // -- persona journeys (one layer each, off at first) -----------------------------------------------
  var journeys = D.parcours.map(function (j) {
    var group = L.layerGroup();
    j.options.forEach(function (o) {
      if (j.domicile) {
        L.polyline([j.domicile, [o.lat, o.lon]], {renderer: canvas, color: "#0072B2", weight: 1.5, dashArray: "4 4", opacity: 0.8}).addTo(group);
      }
      L.circleMarker([o.lat, o.lon], {renderer: canvas, radius: 7, color: "#0072B2", weight: 2, fillColor: "#ffffff", fillOpacity: 1})
        .bindPopup(function () {
          var box = el("div", "nec-popup");
          box.appendChild(el("h2", null, o.nom));
          box.appendChild(el("p", "nec-typo", "Possibilité pour " + j.nom + (o.itinerant ? " (permanence itinérante)" : "")));
          line(box, "Distance", o.km === null ? "" : km(o.km) + (o.min === null ? "" : ", environ " + minutes(o.min)));
          line(box, "Téléphone", o.telephone);
          line(box, "Horaires", o.horaires);
          return box;
        }).bindTooltip(textOf(o.nom)).addTo(group);
    });
    if (j.orientation.length > 1) {
      L.polyline(j.orientation.map(function (p) { return [p.lat, p.lon]; }), {renderer: canvas, color: "#D55E00", weight: 4, opacity: 0.85})
        .bindTooltip(textOf("Orientation : " + j.orientation.map(function (p) { return p.nom; }).join(" → ")), {sticky: true})
        .addTo(group);
    }
    if (j.domicile) {
      L.marker(j.domicile, {
        icon: L.divIcon({className: "nec-pin nec-domicile", html: '<span aria-hidden="true">⌂</span>', iconSize: [26, 26], iconAnchor: [13, 13]}),
        title: j.nom, alt: "Domicile de " + j.nom
      }).bindPopup(function () {
        var box = el("div", "nec-popup");
        box.appendChild(el("h2", null, j.nom));
        box.appendChild(el("p", null, j.phrase));
        return box;
      }).addTo(group);
    }
    return group;
  });

  // Drawing order: coverage under zones under links; markers above all.
  if (coverage) { coverage.addTo(map); }
  if (zones) { zones.addTo(map); }
  if (sites) { sites.addTo(map); }
  typeLayers.forEach(function (layer) { layer.addTo(map); });

  // -- commune details (search and coverage circles) ---------------------------------------------
  function communeBox(c) {
    var box = el("div", "nec-popup");
    box.appendChild(el("h2", null, c.nom));
    box.appendChild(el("p", "nec-typo", "Commune · département " + c.dep + " · " + counted(c.pop, "habitant", "habitants")));
    if (c.classe) {
      var status = el("p", "nec-statut");
      status.appendChild(dot(classes[c.classe].couleur));
      status.appendChild(document.createTextNode(c.classe === "couvert" ? "Couverte" : "Non couverte"));
      status.appendChild(document.createTextNode(" (" + D.couverture.libelle + ")"));
      box.appendChild(status);
      line(box, "Lieu correspondant le plus proche", c.acteur_proche ? c.acteur_proche
        + (c.km === undefined ? "" : " : " + km(c.km) + " à vol d’oiseau")
        + (c.min === undefined ? "" : ", environ " + minutes(c.min)) : "aucun");
    }
    if (c.proches.length) {
      box.appendChild(el("p", "nec-sous-titre", "Lieux les plus proches :"));
      var list = el("ul", "nec-proches");
      c.proches.forEach(function (p) {
        var a = A[p.acteur], item = el("li"), button = el("button", "nec-lien-bouton", a.nom);
        button.type = "button";
        button.addEventListener("click", function () { showActor(p.acteur); });
        item.appendChild(button);
        item.appendChild(document.createTextNode(" — " + typologyOf(a).libelle + ", " + km(p.km) + ", environ " + minutes(p.min)));
        list.appendChild(item);
      });
      box.appendChild(list);
    }
    if (D.orientation) {
      var go = el("p");
      var a = el("a", null, "Où orienter une personne de " + c.nom + " ?");
      a.href = D.orientation + "?commune=" + encodeURIComponent(c.code);
      go.appendChild(a);
      box.appendChild(go);
    }
    return box;
  }
  function showActor(i) {
    var m = markers[i], layer = typeLayers[A[i].typo];
    if (!map.hasLayer(layer)) { setLayer(layer, true); }
    map.closePopup();
    if (cluster) { cluster.zoomToShowLayer(m, function () { m.openPopup(); }); }
    else { map.setView(m.getLatLng(), Math.max(map.getZoom(), 13), {animate: !calm}); m.openPopup(); }
  }
  function showCommune(c) {
    map.closePopup();
    map.setView([c.lat, c.lon], Math.max(map.getZoom(), 11), {animate: !calm});
    L.popup({maxWidth: 300, autoPanPadding: [20, 20]}).setLatLng([c.lat, c.lon]).setContent(communeBox(c)).openOn(map);
  }

  // -- legend, which also switches the layers ----------------------------------------------------------
  var switches = [];
  function setLayer(layer, on) {
    if (on && !map.hasLayer(layer)) { map.addLayer(layer); }
    if (!on && map.hasLayer(layer)) { map.removeLayer(layer); }
    switches.forEach(function (s) { if (s.layer === layer) { s.input.checked = on; } });
  }
  var legend = L.control({position: "bottomright"});
  legend.onAdd = function () {
    var box = el("details", "nec-legende");
    box.open = !narrow;
    box.appendChild(el("summary", null, "Légende et couches"));
    var body = el("div", "nec-legende-corps");
    box.appendChild(body);
    function section(title, layer, rows) {
      var group = el("fieldset");
      var caption = el("legend");
      if (layer) {
        var label = el("label", "nec-interrupteur");
        var input = el("input");
        input.type = "checkbox";
        input.checked = map.hasLayer(layer);
        input.addEventListener("change", function () { setLayer(layer, input.checked); });
        switches.push({layer: layer, input: input});
        label.appendChild(input);
        label.appendChild(document.createTextNode(" " + title));
        caption.appendChild(label);
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
          var label = el("label");
          var input = el("input");
          input.type = "checkbox";
          input.checked = map.hasLayer(r[2]);
          input.addEventListener("change", function () { setLayer(r[2], input.checked); });
          switches.push({layer: r[2], input: input});
          label.appendChild(input);
          label.appendChild(document.createTextNode(" " + r[1]));
          item.appendChild(label);
        } else {
          item.appendChild(el("span", null, r[1]));
        }
        list.appendChild(item);
      });
      group.appendChild(list);
      body.appendChild(group);
    }
    function pin(t) {
      var s = el("span", "nec-pin nec-pin-legende");
      var inner = el("span", null, t.sigle);
      inner.style.background = colour(t.couleur);
      inner.style.color = ink(t.couleur);
      s.appendChild(inner);
      s.setAttribute("aria-hidden", "true");
      return s;
    }
    var actorRows = D.typologies.map(function (t, k) { return [pin(t), t.libelle + " (" + number(t.nombre) + ")", typeLayers[k]]; });
    if (clustered) {
      var g = el("span", "nec-groupe nec-groupe-legende");
      g.appendChild(el("span", null, "12"));
      g.setAttribute("aria-hidden", "true");
      actorRows.push([g, "Groupe d’acteurs proches (leur nombre) : cliquez pour l’ouvrir"]);
    }
    section("Acteurs (" + number(A.length) + ")", null, actorRows);
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
    if (links) {
      section("Partenariats (" + number(D.liens.liens.length) + ")", links, D.liens.types.map(function (t) {
        return [svgLine(t.couleur, t.tirets), t.libelle + (t.oriente ? " (orienté)" : "") + " (" + number(t.nombre) + ")"];
      }));
    }
    if (coverage) {
      section("Couverture : " + D.couverture.libelle, coverage, D.couverture.classes.map(function (c) {
        return [dot(c.couleur), c.libelle + " (" + number(c.nombre) + ")"];
      }).concat([[el("span", "nec-note", "○"), "Taille du cercle : population"]]));
    }
    if (zones) {
      var swatch = el("span", "nec-zone-legende");
      swatch.style.background = zoneColour;
      swatch.setAttribute("aria-hidden", "true");
      section("Zones blanches (" + number(D.zones_blanches.length) + ")", zones, [[swatch, "Territoire des communes d’une zone blanche"]]);
    }
    if (sites) {
      var star = el("span", "nec-site nec-site-legende");
      star.appendChild(el("span", null, "★"));
      star.setAttribute("aria-hidden", "true");
      section("Sites recommandés (" + number(D.sites.length) + ")", sites, [[star, "Site recommandé (son rang s’affiche en zoomant)"]]);
    }
    if (journeys.length) {
      var rows = D.parcours.map(function (j, k) {
        var house = el("span", "nec-pin nec-domicile nec-pin-legende");
        house.appendChild(el("span", null, "⌂"));
        house.setAttribute("aria-hidden", "true");
        return [house, j.nom, journeys[k]];
      });
      rows.push([svgLine("#D55E00", "", 4), "Parcours d’orientation entre acteurs"]);
      section("Parcours de personnes types", null, rows);
    }
    if (limits) { section("Limites des départements", limits, [[svgLine("#1e1e1e", "", 2), "Département"]]); }
    body.appendChild(el("p", "nec-note", "Couleurs : palette " + D.palette + "."));
    L.DomEvent.disableClickPropagation(box);
    L.DomEvent.disableScrollPropagation(box);
    return box;
  };

  // -- search -----------------------------------------------------------------------------------------
  function fold(s) { return String(s).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase(); }
  var entries = null;
  function index() {
    if (entries) { return entries; }
    entries = A.map(function (a, i) {
      return {label: a.nom, detail: typologyOf(a).libelle + (a.commune ? " · " + a.commune : ""), key: fold(a.nom), actor: i};
    }).concat(C.map(function (c) {
      return {label: c.nom, detail: "Commune (" + c.dep + ")", key: fold(c.nom), commune: c};
    }));
    return entries;
  }
  var search = L.control({position: "topleft"});
  search.onAdd = function () {
    var box = el("div", "nec-recherche leaflet-bar");
    box.setAttribute("role", "search");
    var label = el("label", "nec-masque", "Rechercher un acteur ou une commune");
    label.htmlFor = "nec-recherche-champ";
    var input = el("input");
    input.type = "search";
    input.id = "nec-recherche-champ";
    input.placeholder = "Acteur ou commune…";
    input.autocomplete = "off";
    input.setAttribute("aria-describedby", "nec-recherche-etat");
    var status = el("p", "nec-masque");
    status.id = "nec-recherche-etat";
    status.setAttribute("role", "status");
    var results = el("ul", "nec-resultats");
    results.setAttribute("aria-label", "Résultats de la recherche");
    box.appendChild(label); box.appendChild(input); box.appendChild(status); box.appendChild(results);
    var found = [];
    function choose(entry) {
      results.textContent = "";
      input.value = entry.label;
      if (entry.commune) { showCommune(entry.commune); } else { showActor(entry.actor); }
    }
    input.addEventListener("input", function () {
      var q = fold(input.value.trim());
      results.textContent = "";
      found = [];
      if (q.length < 2) { status.textContent = ""; return; }
      // Exact names first, then names starting with the text (shortest first), then the rest.
      var exact = [], starts = [], contains = [];
      index().forEach(function (e) {
        var at = e.key.indexOf(q);
        if (e.key === q) { exact.push(e); } else if (at === 0) { starts.push(e); } else if (at > 0) { contains.push(e); }
      });
      starts.sort(function (a, b) { return a.key.length - b.key.length; });
      found = exact.concat(starts, contains).slice(0, 8);
      status.textContent = found.length ? counted(found.length, "résultat", "résultats") + " : Tab pour les parcourir." : "Aucun résultat.";
      if (!found.length) { results.appendChild(el("li", "nec-aucun", "Aucun résultat")); }
      found.forEach(function (entry) {
        var item = el("li");
        var button = el("button");
        button.type = "button";
        button.appendChild(el("span", "nec-nom", entry.label));
        button.appendChild(el("span", "nec-detail", entry.detail));
        // Stopped here: the list is emptied at once, and Leaflet would then take the click
        // (no longer inside the control) for a click on the map that closes the popup.
        button.addEventListener("click", function (event) { event.stopPropagation(); choose(entry); });
        item.appendChild(button);
        results.appendChild(item);
      });
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && found.length) { event.preventDefault(); choose(found[0]); }
      if (event.key === "Escape") { results.textContent = ""; status.textContent = ""; }
    });
    L.DomEvent.disableClickPropagation(box);
    L.DomEvent.disableScrollPropagation(box);
    return box;
  };

  // A button that brings the whole territory back into view.
  var home = L.control({position: "topleft"});
  home.onAdd = function () {
    var bar = el("div", "leaflet-bar");
    var button = el("a", "nec-territoire", "⤢");
    button.href = "#";
    button.setAttribute("role", "button");
    button.title = "Voir tout le territoire";
    button.setAttribute("aria-label", "Voir tout le territoire");
    L.DomEvent.on(button, "click", function (event) { L.DomEvent.preventDefault(event); fitTerritory(); });
    bar.appendChild(button);
    L.DomEvent.disableClickPropagation(bar);
    return bar;
  };

  search.addTo(map);
  home.addTo(map);
  L.control.scale({imperial: false, position: "bottomleft"}).addTo(map);
  legend.addTo(map);
  // Leaflet's own buttons and attribution are in English by default.
  var zoomIn = map.getContainer().querySelector(".leaflet-control-zoom-in");
  var zoomOut = map.getContainer().querySelector(".leaflet-control-zoom-out");
  if (zoomIn) { zoomIn.title = "Zoomer"; zoomIn.setAttribute("aria-label", "Zoomer"); }
  if (zoomOut) { zoomOut.title = "Dézoomer"; zoomOut.setAttribute("aria-label", "Dézoomer"); }
  map.attributionControl.setPrefix('<a href="https://leafletjs.com" hreflang="en">Leaflet</a>');

  // The view is fitted once the controls are in place, and before clustering starts: a view
  // change while chunked loading is under way breaks Leaflet.markercluster.
  fitTerritory();
  typeLayers.forEach(function (layer, k) {
    // Clustered, a typology's layer is only its switch: its markers live in the cluster group.
    if (clustered) {
      layer.on("add", function () { cluster.addLayers(byType[k]); });
      layer.on("remove", function () { cluster.removeLayers(byType[k]); });
    }
  });
  if (clustered) { cluster.addTo(map); cluster.addLayers(markers); } else { ready(); }

  // -- the table of the communes: the map's content without the map -------------------------------------
  var table = document.getElementById("nec-table-communes");
  var head = table.querySelector("thead tr"), rowsBox = table.querySelector("tbody");
  var columns = ["Commune", "Département", "Population"];
  if (hasCoverage) { columns.push("Couverture", "Lieu correspondant le plus proche"); }
  columns.push("Lieux les plus proches (distance à vol d’oiseau, temps estimé)");
  columns.forEach(function (name) {
    var th = el("th", null, name);
    th.scope = "col";
    head.appendChild(th);
  });
  var byName = C.slice().sort(function (a, b) { return a.nom.localeCompare(b.nom, "fr") || a.code.localeCompare(b.code); });
  var filterName = document.getElementById("nec-filtre-nom");
  var filterClass = document.getElementById("nec-filtre-classe");
  var more = document.getElementById("nec-tableau-plus");
  var tableStatus = document.getElementById("nec-tableau-etat");
  var shown = 50;
  if (hasCoverage) {
    D.couverture.classes.forEach(function (c) {
      var option = el("option", null, c.libelle + " (" + number(c.nombre) + ")");
      option.value = c.code;
      filterClass.appendChild(option);
    });
  } else {
    filterClass.parentNode.removeChild(filterClass.previousElementSibling);
    filterClass.parentNode.removeChild(filterClass);
    filterClass = null;
  }
  document.getElementById("nec-tableau-resume").textContent = C.length
    ? counted(C.length, "commune", "communes") + (hasCoverage ? ", leur couverture (" + D.couverture.libelle + ")" : "")
      + " et les " + Math.max.apply(null, C.map(function (c) { return c.proches.length; }).concat([0])) + " lieux les plus proches de chacune."
    : "Aucune commune à afficher.";
  function fillTable() {
    var q = fold(filterName.value.trim()), k = filterClass ? filterClass.value : "";
    var rows = byName.filter(function (c) { return (!q || fold(c.nom).indexOf(q) >= 0) && (!k || c.classe === k); });
    rowsBox.textContent = "";
    rows.slice(0, shown).forEach(function (c) {
      var tr = el("tr");
      var th = el("th", null, c.nom);
      th.scope = "row";
      tr.appendChild(th);
      tr.appendChild(el("td", null, c.dep));
      tr.appendChild(el("td", "nec-nombre", number(c.pop)));
      if (hasCoverage) {
        tr.appendChild(el("td", null, c.classe ? classes[c.classe].libelle : "–"));
        tr.appendChild(el("td", null, c.acteur_proche ? c.acteur_proche + (c.min === undefined ? "" : " (" + km(c.km) + ", environ " + minutes(c.min) + ")") : "aucun"));
      }
      tr.appendChild(el("td", null, c.proches.map(function (p) {
        return A[p.acteur].nom + " (" + km(p.km) + ", " + minutes(p.min) + ")";
      }).join(" ; ")));
      rowsBox.appendChild(tr);
    });
    tableStatus.textContent = counted(rows.length, "commune correspond", "communes correspondent")
      + (rows.length > shown ? ", " + number(shown) + " affichées." : ".");
    more.hidden = rows.length <= shown;
  }
  filterName.addEventListener("input", function () { shown = 50; fillTable(); });
  if (filterClass) { filterClass.addEventListener("change", function () { shown = 50; fillTable(); }); }
  more.addEventListener("click", function () { shown += 200; fillTable(); });
  filterName.form.addEventListener("submit", function (event) { event.preventDefault(); });
  fillTable();

  window.necCarte = {
    map: map, markers: markers, cluster: cluster, typeLayers: typeLayers, links: links,
    coverage: coverage, zones: zones, sites: sites, journeys: journeys, limits: limits,
    showCommune: showCommune, showActor: showActor, setLayer: setLayer
  };
})();
