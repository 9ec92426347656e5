// The map page: what the popups say (an actor, a commune, a white zone, a recommended site, a
// persona's options) and how an actor or a commune is shown when chosen in the search box, the
// table or a popup. One of the page's scripts (their order: carte-outils.js).
(function (N) {
  "use strict";
  var D = N.D, A = D.acteurs, el = N.el, line = N.line, link = N.link, popupBox = N.popupBox;
  var number = N.number, counted = N.counted, km = N.km, minutes = N.minutes;

  N.actorPopup = function (layer) {
    var a = A[layer.necIndex], t = N.typologyOf(a);
    var box = popupBox(a.nom);
    box.appendChild(el("p", "nec-typo", t.libelle + (a.typologie_deduite ? " (déduite du nom)" : "") +
                       (a.itinerant ? " · itinérant" : "")));
    if (a.hors_territoire) {
      box.appendChild(el("p", "nec-note", "Hors territoire : lieu voisin, compté pour la couverture et les lieux " +
                         "proches des communes frontalières, pas parmi les acteurs du territoire."));
    }
    if (a.adresse || a.commune) {
      var address = el("p", "nec-adresse");
      [a.adresse, a.commune].forEach(function (part) {
        if (part) { address.appendChild(el("span", null, part)); }
      });
      box.appendChild(address);
    }
    line(box, "Services", N.values(a.services) +
         (a.services_deduits ? " (déduits du label " + a.services_deduits + ")" : ""));
    line(box, "Publics", N.values(a.publics));
    line(box, "Horaires", a.horaires);
    if (a.telephone) {
      var phone = el("p");
      phone.appendChild(el("strong", null, "Téléphone : "));
      // Python decided whether the field is one valid number (a.tel); any other text stays text.
      if (a.tel) { link(phone, "tel:" + a.tel, a.telephone).removeAttribute("target"); }
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
  };

  N.zoneBox = function (z) {
    var box = popupBox("Zone blanche n° " + z.numero);
    line(box, "Autour de", z.nom);
    line(box, "Communes", number(z.communes));
    line(box, "Population", counted(z.population, "habitant", "habitants"));
    line(box, "Départements", z.departements);
    return box;
  };

  N.siteBox = function (s) {
    var box = popupBox("Site recommandé n° " + s.rang);
    line(box, "Lieu", s.lieu);
    line(box, "Acteur qui pourrait l’accueillir", s.acteur);
    line(box, "Habitants nouvellement couverts", number(s.gain) + " (" + counted(s.communes, "commune", "communes") + ")");
    line(box, "Cumul avec les sites précédents", counted(s.cumul, "habitant", "habitants"));
    return box;
  };

  // A place within a persona's reach (journey j, option o), then the persona's home.
  N.optionBox = function (j, o) {
    var box = popupBox(o.nom);
    box.appendChild(el("p", "nec-typo", "Possibilité pour " + j.nom + (o.itinerant ? " (permanence itinérante)" : "")));
    line(box, "Distance", o.km === null ? "" : km(o.km) + (o.min === null ? "" : ", environ " + minutes(o.min)));
    line(box, "Téléphone", o.telephone);
    line(box, "Horaires", o.horaires);
    return box;
  };
  N.homeBox = function (j) {
    var box = popupBox(j.nom);
    box.appendChild(el("p", null, j.phrase));
    return box;
  };

  // -- commune details (search and coverage circles) ---------------------------------------------
  N.communeBox = function (c) {
    var box = popupBox(c.nom);
    box.appendChild(el("p", "nec-typo", "Commune · département " + c.dep + " · " + counted(c.pop, "habitant", "habitants")));
    if (c.classe) {
      var status = el("p", "nec-statut");
      status.appendChild(N.dot(N.classes.get(c.classe).couleur));
      status.appendChild(document.createTextNode(c.classe === "couvert" ? "Couverte" : "Non couverte"));
      status.appendChild(document.createTextNode(" (" + D.couverture.libelle + ")"));
      box.appendChild(status);
      line(box, "Lieu correspondant le plus proche", N.nearestText(c));
    }
    if (c.epci !== undefined) { line(box, "EPCI", D.epci[c.epci].nom); }
    if (N.aplats && N.aplats.commune(c)) {
      N.aplats.layers.forEach(function (layer) {
        // Coverage and time are said above, with the nearest place.
        if (layer.code !== "couverture" && layer.code !== "temps") { line(box, layer.titre, N.aplats.describe(layer, c)); }
      });
    }
    if (c.proches.length) {
      box.appendChild(el("p", "nec-sous-titre", "Lieux les plus proches :"));
      var list = el("ul", "nec-proches");
      c.proches.forEach(function (p) {
        var a = A[p.acteur], item = el("li"), button = el("button", "nec-lien-bouton", a.nom);
        button.type = "button";
        button.addEventListener("click", function () { N.showActor(p.acteur); });
        item.appendChild(button);
        item.appendChild(document.createTextNode(" — " + N.typologyOf(a).libelle + ", " + km(p.km) + ", environ " + minutes(p.min)));
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
  };
  N.showActor = function (i) {
    var map = N.map, m = N.markers[i], layer = N.typeLayers[A[i].typo];
    if (!map.hasLayer(layer)) { N.setLayer(layer, true); }
    if (!N.offers(A[i], N.service)) { N.setService(null); }
    map.closePopup();
    if (N.clustered) { N.cluster.zoomToShowLayer(m, function () { m.openPopup(); }); }
    else { N.moveThen([m.getLatLng(), 13], function () { m.openPopup(); }); }
  };
  N.showCommune = function (c) {
    N.map.closePopup();
    N.moveThen([[c.lat, c.lon], 11], function () {
      L.popup({maxWidth: 300, autoPanPadding: [20, 20]}).setLatLng([c.lat, c.lon]).setContent(N.communeBox(c)).openOn(N.map);
    });
  };
  // Centre the map on a place (zooming in to at least ``view[1]``), then open its popup: opened
  // during the move, a popup could not pan itself into view (Leaflet skips it while animating).
  // Leaflet fires moveend after every setView, at once when the map does not move.
  N.moveThen = function (view, open) {
    var map = N.map;
    map.once("moveend", open);
    map.setView(view[0], Math.max(map.getZoom(), view[1]), {animate: !N.calm});
  };
})(window.necCarte);
