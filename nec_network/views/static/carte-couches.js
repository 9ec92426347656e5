// The map page: its layers (boundaries, actors, partnerships, coverage, white zones,
// recommended sites, persona journeys), made from the data and put on the map in drawing
// order. One of the page's scripts (their order: carte-outils.js).
(function (N) {
  "use strict";
  var D = N.D, map = N.map, A = D.acteurs, canvas = N.canvas, colour = N.colour, textOf = N.textOf;

  // -- boundaries and the territory the view is fitted to --------------------------------------
  // Natural Earth's lines, or the communes' borders (carte-aplats.js) where they have shapes.
  var limits = null;
  if (D.departements && D.departements.features.length) {
    limits = L.featureGroup([L.geoJSON(D.departements, {
      interactive: false, style: {color: "#1e1e1e", weight: 2, opacity: 0.8, fill: false}
    })].concat(N.outlines.departements ? [N.outlines.departements] : [])).addTo(map);
  }
  N.limits = limits;
  var territory = limits ? limits.getBounds()
    : L.latLngBounds(A.map(function (a) { return [a.lat, a.lon]; }));
  // The open legend covers the right of the map: the territory is fitted beside it.
  N.fitTerritory = function () {
    if (!territory.isValid()) { return; }
    var legendBox = document.querySelector(".nec-legende");
    var right = legendBox && legendBox.classList.contains("nec-legende-ouverte") && !N.narrow ? legendBox.offsetWidth + 16 : 8;
    map.fitBounds(territory, {paddingTopLeft: [N.narrow ? 4 : 60, 8], paddingBottomRight: [right, 8], animate: false});
  };

  // -- actors ---------------------------------------------------------------------------------
  var icons = D.typologies.map(function (t) {
    return L.divIcon({
      className: "nec-pin",
      html: '<span style="background:' + colour(t.couleur) + ";color:" + N.ink(t.couleur) + '">' + N.esc(t.sigle) + "</span>",
      iconSize: [26, 26], iconAnchor: [13, 13], popupAnchor: [0, -12], tooltipAnchor: [0, -12]
    });
  });
  var markers = N.markers = A.map(function (a, i) {
    // A place kept around the territory as context is drawn faded and said « hors territoire ».
    var label = a.hors_territoire ? a.nom + " (hors territoire)" : a.nom;
    var m = L.marker([a.lat, a.lon], {icon: icons[a.typo], title: label, alt: label, keyboard: true,
                                      opacity: a.hors_territoire ? 0.45 : 1});
    m.necIndex = i;
    m.bindPopup(N.actorPopup, {maxWidth: 280, autoPanPadding: [20, 20]});
    m.bindTooltip(textOf(label), {direction: "top"});
    return m;
  });
  var byType = N.byType = D.typologies.map(function () { return []; });
  markers.forEach(function (m) { byType[A[m.necIndex].typo].push(m); });
  // <html data-nec-carte="prete"> once every marker is placed (tests and benchmarks wait for it).
  N.ready = function () { document.documentElement.setAttribute("data-nec-carte", "prete"); };
  // Markers live in one of two holders: the cluster group (grouped) or a plain layer. Grouped
  // at first above the threshold, and always on a phone, where single markers hide the map.
  N.clustered = A.length > D.seuil_regroupement || N.phone;
  N.cluster = L.markerClusterGroup({
    chunkedLoading: true, showCoverageOnHover: false, maxClusterRadius: 50, spiderfyOnMaxZoom: true,
    animate: !N.calm,
    // Neutral grey groups: they must not look like a typology, a coverage class or a site.
    iconCreateFunction: function (group) {
      var n = group.getChildCount();
      var size = n < 10 ? 30 : n < 100 ? 36 : 42;
      return L.divIcon({html: "<span>" + Number(n) + "</span>", className: "marker-cluster nec-groupe", iconSize: [size, size]});
    },
    chunkProgress: function (done, total) { if (done === total) { N.ready(); } }
  });
  N.plain = L.layerGroup();
  // A typology's layer is only its switch (the legend ticks it): its markers are in a holder.
  N.typeLayers = D.typologies.map(function () { return L.layerGroup(); });
  // The service the places must offer (an index in D.valeurs; null: any).
  N.service = null;
  var placed = markers.map(function () { return false; });
  function holder() { return N.clustered ? N.cluster : N.plain; }
  // Put in the holder exactly the markers the switches and the service filter keep.
  N.placeMarkers = function () {
    var wanted = D.typologies.map(function (t, k) { return map.hasLayer(N.typeLayers[k]); });
    var add = [], remove = [];
    markers.forEach(function (m, i) {
      var keep = wanted[A[i].typo] && N.offers(A[i], N.service);
      if (keep !== placed[i]) { (keep ? add : remove).push(m); placed[i] = keep; }
    });
    if (N.clustered) {
      if (remove.length) { N.cluster.removeLayers(remove); }
      if (add.length) { N.cluster.addLayers(add); } else { N.ready(); }
    } else {
      remove.forEach(function (m) { N.plain.removeLayer(m); });
      add.forEach(function (m) { N.plain.addLayer(m); });
      N.ready();
    }
  };
  // Group or ungroup the markers: they move from one holder to the other.
  N.setClustered = function (on) {
    if (on === N.clustered) { return; }
    map.removeLayer(holder());
    holder().clearLayers();
    placed = markers.map(function () { return false; });
    N.clustered = on;
    holder().addTo(map);
    N.placeMarkers();
  };

  // -- partnerships (off at first: hundreds of lines hide the places) ----------------------------
  N.links = null;
  if (D.liens.liens.length) {
    N.links = L.layerGroup();
    D.liens.liens.forEach(function (l) {
      var t = D.liens.types[l.type], from = A[l.de], to = A[l.vers];
      L.polyline([[from.lat, from.lon], [to.lat, to.lon]], {
        renderer: canvas, color: colour(t.couleur), weight: 2, opacity: 0.85, dashArray: t.tirets || null
      }).bindTooltip(textOf(from.nom + (t.oriente ? " → " : " ↔ ") + to.nom + " (" + t.libelle + ")"), {sticky: true})
        .addTo(N.links);
    });
  }

  // -- coverage -----------------------------------------------------------------------------------
  var C = D.communes;
  N.coverage = null;
  if (N.hasCoverage) {
    var largest = Math.max.apply(null, C.map(function (c) { return c.pop; }).concat([1]));
    N.coverage = L.layerGroup();
    C.forEach(function (c) {
      if (!c.classe) { return; }
      var tone = colour(N.classes.get(c.classe).couleur);
      L.circleMarker([c.lat, c.lon], {
        renderer: canvas, radius: 3 + 17 * Math.sqrt(c.pop / largest), color: tone,
        weight: 1, fillColor: tone, fillOpacity: 0.45
      }).bindPopup(function () { return N.communeBox(c); }, {maxWidth: 300})
        .bindTooltip(textOf(c.nom)).addTo(N.coverage);
    });
  }

  // -- white zones: the land of their own communes ---------------------------------------------------
  N.zones = null;
  N.zoneColour = colour(D.couleur_zone);
  if (D.zones_blanches.length) {
    N.zones = L.layerGroup();
    D.zones_blanches.forEach(function (z) {
      L.geoJSON(z.forme, {style: {renderer: canvas, stroke: false, fillColor: N.zoneColour, fillOpacity: 0.28}})
        .bindPopup(function () { return N.zoneBox(z); })
        .bindTooltip(textOf("Zone blanche n° " + z.numero + " : " + z.nom), {sticky: true})
        .addTo(N.zones);
      L.geoJSON(z.contour, {interactive: false, style: {renderer: canvas, color: "#1e1e1e", weight: 1.5, dashArray: "5 4", opacity: 0.9}})
        .addTo(N.zones);
    });
  }

  // -- recommended sites ---------------------------------------------------------------------------
  N.sites = null;
  if (D.sites.length) {
    N.sites = L.layerGroup();
    D.sites.forEach(function (s) {
      L.marker([s.lat, s.lon], {
        icon: L.divIcon({className: "nec-site", html: '<span><span aria-hidden="true">★</span><span class="nec-rang">' + Number(s.rang) + "</span></span>",
          iconSize: [22, 22], iconAnchor: [11, 11]}),
        title: "Site recommandé n° " + s.rang + " : " + s.lieu, alt: "Site recommandé n° " + s.rang, zIndexOffset: 1000
      }).bindPopup(function () { return N.siteBox(s); }).addTo(N.sites);
    });
  }
  // Ranks are written on the stars only when zoomed in enough for them not to overlap.
  function showRanks() {
    map.getContainer().classList.toggle("nec-rangs-visibles", map.getZoom() >= 9.5);
  }
  map.on("zoomend", showRanks);
  showRanks();

  // -- persona journeys (one layer each, off at first) -----------------------------------------------
  N.journeys = D.parcours.map(function (j) {
    var group = L.layerGroup();
    var home = j.domicile ? [j.domicile.lat, j.domicile.lon] : null;
    j.options.forEach(function (o) {
      if (home) {
        L.polyline([home, [o.lat, o.lon]], {renderer: canvas, color: "#0072B2", weight: 1.5, dashArray: "4 4", opacity: 0.8}).addTo(group);
      }
      L.circleMarker([o.lat, o.lon], {renderer: canvas, radius: 7, color: "#0072B2", weight: 2, fillColor: "#ffffff", fillOpacity: 1})
        .bindPopup(function () { return N.optionBox(j, o); }).bindTooltip(textOf(o.nom)).addTo(group);
    });
    if (j.orientation.length > 1) {
      L.polyline(j.orientation.map(function (p) { return [p.lat, p.lon]; }), {renderer: canvas, color: "#D55E00", weight: 4, opacity: 0.85})
        .bindTooltip(textOf("Orientation : " + j.orientation.map(function (p) { return p.nom; }).join(" → ")), {sticky: true})
        .addTo(group);
    }
    if (home) {
      L.marker(home, {
        icon: L.divIcon({className: "nec-pin nec-domicile", html: '<span aria-hidden="true">⌂</span>', iconSize: [26, 26], iconAnchor: [13, 13]}),
        title: j.nom, alt: "Domicile de " + j.nom
      }).bindPopup(function () { return N.homeBox(j); }).addTo(group);
    }
    return group;
  });

  // -- events: their participants ringed, the ties created since in thick lines (off at first) ------
  N.EVENT_COLOUR = "#000091";
  N.events = (D.evenements || []).map(function (e) {
    var group = L.layerGroup();
    e.liens.forEach(function (l) {
      var from = A[l.de], to = A[l.vers];
      L.polyline([[from.lat, from.lon], [to.lat, to.lon]], {
        renderer: canvas, color: N.EVENT_COLOUR, weight: 4, opacity: 0.9, dashArray: l.termine ? "6 5" : null
      }).bindTooltip(textOf("Créé depuis « " + e.nom + " » : " + from.nom + " ↔ " + to.nom + " (" + l.types.join(", ") + ")"
        + (l.termine ? ", terminé depuis" : "")), {sticky: true}).addTo(group);
    });
    e.participants.forEach(function (k) {
      L.circleMarker([A[k].lat, A[k].lon], {renderer: canvas, radius: 15, color: N.EVENT_COLOUR, weight: 3, fill: false, interactive: false})
        .addTo(group);
    });
    return group;
  });

  // Drawing order: coverage under zones under links; markers above all.
  if (N.coverage) { N.coverage.addTo(map); }
  if (N.zones) { N.zones.addTo(map); }
  if (N.sites) { N.sites.addTo(map); }
  N.typeLayers.forEach(function (layer) {
    layer.addTo(map);
    layer.on("add remove", function () { N.placeMarkers(); });
  });
})(window.necCarte);
