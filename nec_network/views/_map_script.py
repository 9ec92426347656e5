"""The map page's own script and style: markers, layers, legend and search built from the JSON.

Every piece of data reaches the DOM through ``textContent`` or DOM properties; the only
HTML strings are the layer control's labels (Leaflet sets them with ``innerHTML``), which
go through ``esc``. Colours and icon names come from :mod:`nec_network.views.style` and are
checked again before use.
"""

from __future__ import annotations

#: JavaScript run once the Leaflet map exists; ``__MAP__`` is replaced by its variable name.
MAP_SCRIPT = r"""
(function () {
  "use strict";
  var map = __MAP__;
  var D = JSON.parse(document.getElementById("nec-carte-donnees").textContent);
  var A = D.acteurs;
  var canvas = L.canvas({padding: 0.5});
  var narrow = window.innerWidth < 700;

  function esc(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c];
    });
  }
  function colour(c) { return /^#[0-9a-fA-F]{3,8}$/.test(c) ? c : "#888888"; }
  function icon(name) { return /^[a-z0-9-]+$/.test(name) ? name : "map-marker"; }
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
  function swatch(c, dashes) {
    var svg = '<svg class="nec-trait" width="28" height="10" aria-hidden="true"><line x1="1" y1="5" x2="27" y2="5" stroke="' +
      colour(c) + '" stroke-width="3"' + (dashes && /^[0-9 ]+$/.test(dashes) ? ' stroke-dasharray="' + dashes + '"' : "") + "/></svg>";
    return svg;
  }
  function dot(c) { return '<span class="nec-pastille" style="background:' + colour(c) + '"></span>'; }

  // -- département boundaries, and the initial view (set before clustering starts: a
  // view change while chunked loading is under way breaks Leaflet.markercluster) ------------
  var limits = null;
  if (D.departements && D.departements.features.length) {
    limits = L.geoJSON(D.departements, {
      interactive: false, style: {color: "#3a3a3a", weight: 2, opacity: 0.8, fill: false}
    }).addTo(map);
  }
  var bounds = limits ? limits.getBounds()
    : L.latLngBounds(A.map(function (a) { return [a[0], a[1]]; }));
  if (bounds.isValid()) { map.fitBounds(bounds, {padding: [10, 10], animate: false}); }

  // -- actors ------------------------------------------------------------------------------
  var icons = D.typologies.map(function (t) {
    return L.divIcon({
      className: "nec-pin",
      html: '<span style="background:' + colour(t.couleur) + '"><i class="fa-solid fa-' + icon(t.icone) + '" aria-hidden="true"></i></span>',
      iconSize: [26, 26], iconAnchor: [13, 13], popupAnchor: [0, -12], tooltipAnchor: [0, -12]
    });
  });
  function actorPopup(layer) {
    var a = A[layer.necIndex], t = D.typologies[a[2]];
    var box = el("div", "nec-popup");
    box.appendChild(el("h3", null, a[3]));
    box.appendChild(el("p", "nec-typo", t.libelle + (a[18] ? " (déduite du nom)" : "") +
                       (a[13] ? " · itinérant" : "")));
    if (a[4] || a[5]) {
      var address = el("p", "nec-adresse");
      [a[4], a[5]].forEach(function (part) {
        if (part) { address.appendChild(el("span", null, part)); }
      });
      box.appendChild(address);
    }
    line(box, "Services", a[6].map(function (k) { return D.valeurs[k]; }).join(", "));
    line(box, "Publics", a[7].map(function (k) { return D.valeurs[k]; }).join(", "));
    line(box, "Horaires", a[8]);
    if (a[9]) {
      var phone = el("p");
      phone.appendChild(el("strong", null, "Téléphone : "));
      var digits = a[9].replace(/[^0-9+]/g, "");
      if (digits) { link(phone, "tel:" + digits, a[9]).removeAttribute("target"); }
      else { phone.appendChild(document.createTextNode(a[9])); }
      box.appendChild(phone);
    }
    if (a[10].length) {
      var mail = el("p");
      mail.appendChild(el("strong", null, "Courriel : "));
      a[10].forEach(function (address, k) {
        if (k) { mail.appendChild(document.createTextNode(", ")); }
        link(mail, "mailto:" + address, address).removeAttribute("target");
      });
      box.appendChild(mail);
    }
    if (a[11].length || a[12]) {
      var web = el("p", "nec-liens");
      a[11].forEach(function (url) { link(web, url, a[11].length > 1 ? url : "Site web"); });
      if (a[12]) { link(web, a[12], "Prendre rendez-vous"); }
      box.appendChild(web);
    }
    if (a[20] === "commune") { box.appendChild(el("p", "nec-source", "Placé au centre de sa commune (adresse non localisée)")); }
    var trust = [a[14] ? "Source : " + a[14] : "", a[15] ? "mise à jour le " + a[15] : "date de mise à jour inconnue",
                 "fiche complète à " + a[17] + " %"].filter(Boolean).join(" · ");
    box.appendChild(el("p", "nec-source", trust));
    if (a[16]) { box.appendChild(el("p", "nec-a-verifier", "À vérifier : pas de mise à jour depuis plus d'un an")); }
    return box;
  }
  function actorTooltip(layer) { return document.createTextNode(A[layer.necIndex][3]); }

  var markers = A.map(function (a, i) {
    var m = L.marker([a[0], a[1]], {icon: icons[a[2]], title: a[3], alt: a[3]});
    m.necIndex = i;
    m.bindPopup(actorPopup, {maxWidth: 280, autoPanPadding: [20, 20]});
    m.bindTooltip(actorTooltip, {direction: "top"});
    return m;
  });
  var byType = D.typologies.map(function () { return []; });
  markers.forEach(function (m) { byType[A[m.necIndex][2]].push(m); });
  var clustered = A.length > D.seuil_regroupement;
  // <html data-nec-carte="prete"> once every marker is placed (tests and benchmarks wait for it).
  function ready() { document.documentElement.setAttribute("data-nec-carte", "prete"); }
  var cluster = clustered ? L.markerClusterGroup({
    chunkedLoading: true, showCoverageOnHover: false, maxClusterRadius: 50, spiderfyOnMaxZoom: true,
    chunkProgress: function (done, total) { if (done === total) { ready(); } }
  }) : null;
  var overlays = {}, typeLayers = [];
  D.typologies.forEach(function (t, k) {
    var layer = L.layerGroup(clustered ? [] : byType[k]).addTo(map);
    if (clustered) {
      layer.on("add", function () { cluster.addLayers(byType[k]); });
      layer.on("remove", function () { cluster.removeLayers(byType[k]); });
    }
    typeLayers.push(layer);
    overlays[dot(t.couleur) + esc(t.libelle) + " (" + number(t.nombre) + ")"] = layer;
  });
  if (clustered) { cluster.addTo(map); cluster.addLayers(markers); } else { ready(); }

  if (limits) { overlays["Limites des départements"] = limits; }

  // -- partnerships ----------------------------------------------------------------------------
  if (D.liens.liens.length) {
    var links = L.layerGroup();
    D.liens.liens.forEach(function (l) {
      var t = D.liens.types[l[4]];
      L.polyline([[l[0], l[1]], [l[2], l[3]]], {
        renderer: canvas, color: colour(t.couleur), weight: 2, opacity: 0.8,
        dashArray: t.tirets || null
      }).bindTooltip(textOf(l[5] + (t.oriente ? " → " : " ↔ ") + l[6] + " (" + t.libelle + ")"), {sticky: true})
        .addTo(links);
    });
    // Hundreds of lines hide the places: partnerships are one tick away, not shown at first.
    overlays["Partenariats (" + number(D.liens.liens.length) + ")"] = links;
  }

  // -- coverage -----------------------------------------------------------------------------------
  if (D.couverture) {
    var C = D.couverture, colours = {};
    C.classes.forEach(function (c) { colours[c.code] = colour(c.couleur); });
    var largest = Math.max.apply(null, C.communes.map(function (c) { return c[5]; }).concat([1]));
    var coverage = L.layerGroup();
    C.communes.forEach(function (c) {
      var circle = L.circleMarker([c[0], c[1]], {
        renderer: canvas, radius: 3 + 17 * Math.sqrt(c[5] / largest), color: colours[c[2]],
        weight: 1, fillColor: colours[c[2]], fillOpacity: 0.45
      });
      circle.bindPopup(function () {
        var box = el("div", "nec-popup");
        box.appendChild(el("h3", null, c[3]));
        line(box, "Code Insee", c[4]);
        line(box, "Population", counted(c[5], "habitant", "habitants"));
        line(box, "Distance", c[6] === null ? "aucun acteur correspondant"
          : number(c[6]) + " km à vol d’oiseau" + (c[7] === null ? "" : ", environ " + number(c[7]) + " min"));
        line(box, "Acteur le plus proche", c[8]);
        box.appendChild(el("p", "nec-typo", c[2] === "couvert" ? "Commune couverte" : "Commune non couverte"));
        return box;
      });
      circle.bindTooltip(textOf(c[3]));
      circle.addTo(coverage);
    });
    coverage.addTo(map);
    overlays["Couverture : " + esc(C.libelle)] = coverage;
  }

  // -- white zones ------------------------------------------------------------------------------
  if (D.zones_blanches && D.zones_blanches.length) {
    var zones = L.layerGroup();
    D.zones_blanches.forEach(function (z) {
      L.circle([z[0], z[1]], {
        renderer: canvas, radius: z[2] * 1000, color: "#d62828", weight: 2, dashArray: "6 4",
        fillColor: "#d62828", fillOpacity: 0.08
      }).bindPopup(function () {
        var box = el("div", "nec-popup");
        box.appendChild(el("h3", null, "Zone blanche n° " + z[3]));
        line(box, "Autour de", z[4]);
        line(box, "Communes", number(z[5]));
        line(box, "Population", counted(z[6], "habitant", "habitants"));
        line(box, "Départements", z[7]);
        return box;
      }).bindTooltip(textOf("Zone blanche n° " + z[3] + " : " + z[4])).addTo(zones);
    });
    zones.addTo(map);
    overlays["Zones blanches (" + number(D.zones_blanches.length) + ")"] = zones;
  }

  // -- recommended sites --------------------------------------------------------------------------
  if (D.sites && D.sites.length) {
    var sites = L.layerGroup();
    D.sites.forEach(function (s) {
      L.marker([s[0], s[1]], {
        icon: L.divIcon({className: "nec-site", html: '<span><i class="fa-solid fa-star" aria-hidden="true"></i> ' + Number(s[2]) + "</span>",
          iconSize: [44, 24], iconAnchor: [22, 12]}),
        title: "Site recommandé n° " + s[2] + " : " + s[3], zIndexOffset: 1000
      }).bindPopup(function () {
        var box = el("div", "nec-popup");
        box.appendChild(el("h3", null, "Site recommandé n° " + s[2]));
        line(box, "Lieu", s[3]);
        line(box, "Acteur qui pourrait l’accueillir", s[4]);
        line(box, "Habitants nouvellement couverts", number(s[5]) + " (" + counted(s[6], "commune", "communes") + ")");
        line(box, "Cumul avec les sites précédents", counted(s[7], "habitant", "habitants"));
        return box;
      }).addTo(sites);
    });
    sites.addTo(map);
    overlays["Sites recommandés (" + number(D.sites.length) + ")"] = sites;
  }

  // -- personae journeys ----------------------------------------------------------------------------
  (D.parcours || []).forEach(function (j) {
    var group = L.layerGroup();
    var optionStyle = {renderer: canvas, radius: 7, color: "#000091", weight: 2, fillColor: "#ffffff", fillOpacity: 1};
    j.options.forEach(function (o) {
      if (j.domicile) {
        L.polyline([j.domicile, [o[0], o[1]]], {renderer: canvas, color: "#000091", weight: 1.5, dashArray: "4 4", opacity: 0.7}).addTo(group);
      }
      L.circleMarker([o[0], o[1]], optionStyle).bindPopup(function () {
        var box = el("div", "nec-popup");
        box.appendChild(el("h3", null, o[2]));
        box.appendChild(el("p", "nec-typo", "Possibilité pour " + j.nom + (o[7] ? " (permanence itinérante)" : "")));
        line(box, "Distance", o[3] === null ? "" : number(o[3]) + " km" + (o[4] === null ? "" : ", environ " + number(o[4]) + " min"));
        line(box, "Téléphone", o[5]);
        line(box, "Horaires", o[6]);
        return box;
      }).bindTooltip(textOf(o[2])).addTo(group);
    });
    if (j.orientation.length > 1) {
      L.polyline(j.orientation.map(function (p) { return [p[0], p[1]]; }), {renderer: canvas, color: "#e76f51", weight: 4, opacity: 0.85})
        .bindTooltip(textOf("Orientation : " + j.orientation.map(function (p) { return p[2]; }).join(" → ")), {sticky: true})
        .addTo(group);
    }
    if (j.domicile) {
      L.marker(j.domicile, {
        icon: L.divIcon({className: "nec-pin nec-domicile", html: '<span><i class="fa-solid fa-house" aria-hidden="true"></i></span>',
          iconSize: [26, 26], iconAnchor: [13, 13]}),
        title: j.nom, alt: j.nom
      }).bindPopup(function () {
        var box = el("div", "nec-popup");
        box.appendChild(el("h3", null, j.nom));
        box.appendChild(el("p", null, j.phrase));
        return box;
      }).addTo(group);
    }
    // Journeys are read one at a time: each persona is ticked in the layer control.
    overlays["Parcours : " + esc(j.nom)] = group;
  });

  L.control.scale({imperial: false}).addTo(map);
  L.control.layers(null, overlays, {collapsed: true, position: "topright"}).addTo(map);

  // -- legend ----------------------------------------------------------------------------------------
  var legend = L.control({position: "bottomright"});
  legend.onAdd = function () {
    var box = el("details", "nec-legende");
    box.open = !narrow;
    box.appendChild(el("summary", null, "Légende"));
    function section(title, rows) {
      if (!rows.length) { return; }
      box.appendChild(el("h4", null, title));
      var list = el("ul");
      rows.forEach(function (r) {
        var item = el("li");
        var mark = el("span", "nec-symbole");
        mark.innerHTML = r[0];
        item.appendChild(mark);
        item.appendChild(document.createTextNode(r[1]));
        list.appendChild(item);
      });
      box.appendChild(list);
    }
    section("Acteurs (" + number(A.length) + ")", D.typologies.map(function (t) {
      return ['<span class="nec-pin"><span style="background:' + colour(t.couleur) + '"><i class="fa-solid fa-' + icon(t.icone) + '" aria-hidden="true"></i></span></span>',
        t.libelle + " (" + number(t.nombre) + ")"];
    }));
    if (D.sans_coordonnees) {
      box.appendChild(el("p", "nec-note", number(D.sans_coordonnees) + (D.sans_coordonnees < 2
        ? " acteur sans coordonnées, absent de la carte." : " acteurs sans coordonnées, absents de la carte.")));
    }
    section("Partenariats", D.liens.types.map(function (t) {
      return [swatch(t.couleur, t.tirets), t.libelle + (t.oriente ? " (orienté)" : "") + " (" + number(t.nombre) + ")"];
    }));
    if (D.couverture) {
      section("Couverture : " + D.couverture.libelle, D.couverture.classes.map(function (c) {
        return [dot(c.couleur), c.libelle + " (" + number(c.nombre) + ")"];
      }));
    }
    var other = [];
    if (D.zones_blanches && D.zones_blanches.length) { other.push([swatch("#d62828", "6 4"), "Zone blanche"]); }
    if (D.sites && D.sites.length) { other.push(['<i class="fa-solid fa-star" aria-hidden="true"></i>', "Site recommandé (rang)"]); }
    if ((D.parcours || []).length) {
      other.push(['<i class="fa-solid fa-house" aria-hidden="true"></i>', "Domicile d’une persona"]);
      other.push([swatch("#e76f51", ""), "Parcours d’orientation"]);
    }
    section("Analyses", other);
    L.DomEvent.disableClickPropagation(box);
    L.DomEvent.disableScrollPropagation(box);
    return box;
  };
  legend.addTo(map);

  // -- search --------------------------------------------------------------------------------------------
  function fold(s) { return String(s).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase(); }
  var entries = null;
  function index() {
    if (entries) { return entries; }
    entries = A.map(function (a, i) {
      return {label: a[3], detail: D.typologies[a[2]].libelle + (a[5] ? " · " + a[5] : ""), key: fold(a[3]), actor: i};
    }).concat(D.communes.map(function (c) {
      return {label: c[0], detail: "Commune (" + c[1] + ")", key: fold(c[0]), commune: c};
    }));
    return entries;
  }
  function showActor(i) {
    var m = markers[i], layer = typeLayers[A[i][2]];
    if (!map.hasLayer(layer)) { map.addLayer(layer); }
    if (cluster) { cluster.zoomToShowLayer(m, function () { m.openPopup(); }); }
    else { map.setView(m.getLatLng(), Math.max(map.getZoom(), 13)); m.openPopup(); }
  }
  function showCommune(c) {
    map.closePopup();
    map.setView([c[2], c[3]], 12);
    var box = el("div", "nec-popup");
    box.appendChild(el("h3", null, c[0]));
    box.appendChild(el("p", "nec-typo", "Commune · département " + c[1]));
    L.popup().setLatLng([c[2], c[3]]).setContent(box).openOn(map);
  }
  var search = L.control({position: "topleft"});
  search.onAdd = function () {
    var box = el("div", "nec-recherche leaflet-bar");
    var label = el("label", "nec-masque", "Rechercher un acteur ou une commune");
    label.htmlFor = "nec-recherche-champ";
    var input = el("input");
    input.type = "search";
    input.id = "nec-recherche-champ";
    input.placeholder = "Acteur ou commune…";
    input.autocomplete = "off";
    var results = el("ul", "nec-resultats");
    results.setAttribute("role", "listbox");
    box.appendChild(label); box.appendChild(input); box.appendChild(results);
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
      if (q.length < 2) { return; }
      var starts = [], contains = [];
      index().forEach(function (e) {
        var at = e.key.indexOf(q);
        if (at === 0) { starts.push(e); } else if (at > 0) { contains.push(e); }
      });
      found = starts.concat(contains).slice(0, 8);
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
      if (event.key === "Escape") { results.textContent = ""; }
    });
    L.DomEvent.disableClickPropagation(box);
    L.DomEvent.disableScrollPropagation(box);
    return box;
  };
  search.addTo(map);

  window.necCarte = {map: map, markers: markers, cluster: cluster, overlays: overlays, typeLayers: typeLayers};
})();
"""

#: Style of the page around the map and of the controls, readable at 320 px wide.
MAP_CSS = """
html,body{height:100%}
body{display:flex;flex-direction:column}
.folium-map{flex:1 1 auto;height:auto!important;min-height:260px}
.nec-masque{position:absolute!important;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.nec-pin{background:none;border:0}
.nec-pin span{display:flex;align-items:center;justify-content:center;width:26px;height:26px;border-radius:50%;
border:2px solid #fff;box-shadow:0 1px 3px rgba(0,0,0,.55);color:#fff;font-size:12px;line-height:1}
.nec-domicile span{background:#000091}
.nec-site{background:none;border:0}
.nec-site span{display:inline-block;white-space:nowrap;background:#ffd60a;color:#1e1e1e;border:2px solid #1e1e1e;
border-radius:12px;padding:1px 6px;font-weight:bold;font-size:12px}
.nec-popup h3{font-size:15px;margin:0 0 4px}
.nec-popup p{margin:3px 0}
.nec-typo{color:#555;font-style:italic}
.nec-adresse span{display:block}
.nec-liens a{display:inline-block;margin-right:10px}
.nec-legende{background:#fff;padding:6px 10px;border-radius:5px;box-shadow:0 1px 5px rgba(0,0,0,.4);font-size:13px;
max-width:min(290px,calc(100vw - 70px));max-height:calc(100vh - 200px);overflow:auto}
.nec-legende summary{cursor:pointer;font-weight:bold}
.nec-legende h4{margin:6px 0 2px;font-size:13px}
.nec-legende ul{list-style:none;margin:0;padding:0}
.nec-legende li{display:flex;align-items:center;gap:6px;margin:2px 0}
.nec-legende .nec-pin span{width:20px;height:20px;font-size:10px}
.nec-symbole{flex:0 0 28px;display:flex;justify-content:center}
.nec-note{font-size:12px;color:#555;margin:4px 0}
.nec-pastille{display:inline-block;width:12px;height:12px;border-radius:50%;vertical-align:middle;margin-right:3px}
.nec-recherche{background:#fff;padding:4px;width:min(260px,calc(100vw - 80px))}
.nec-recherche input{width:100%;font-size:14px;padding:4px 6px;border:1px solid #999;border-radius:3px}
.nec-resultats{list-style:none;margin:0;padding:0;max-height:40vh;overflow:auto}
.nec-resultats button{display:block;width:100%;text-align:left;background:#fff;border:0;border-top:1px solid #eee;
padding:4px;cursor:pointer;font:inherit;font-size:13px}
.nec-resultats button:hover,.nec-resultats button:focus{background:#f0f0f7}
.nec-detail{display:block;color:#555;font-size:11px}
.nec-aucun{padding:4px;font-size:13px;color:#555}
.leaflet-control-layers-list{font-size:13px;max-height:calc(100vh - 200px);overflow:auto}
"""

#: Tile-less mode: a white background instead of Leaflet's grey.
BLANK_BACKGROUND_CSS = ".leaflet-container{background:#fff}"
