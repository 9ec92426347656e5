// The map page: the search box (actors and communes) and the button that brings the whole
// territory back into view. One of the page's scripts (their order: carte-outils.js).
(function (N) {
  "use strict";
  var D = N.D, el = N.el;

  var entries = null;
  function index() {
    if (entries) { return entries; }
    entries = D.acteurs.map(function (a, i) {
      return {label: a.nom, detail: N.typologyOf(a).libelle + (a.commune ? " · " + a.commune : ""), keys: N.keys(a.nom), actor: i};
    }).concat(D.communes.map(function (c) {
      return {label: c.nom, detail: "Commune (" + c.dep + ")", keys: N.keys(c.nom), commune: c};
    }));
    return entries;
  }
  N.search = N.control("topleft", function () {
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
      if (entry.commune) { N.showCommune(entry.commune); } else { N.showActor(entry.actor); }
    }
    input.addEventListener("input", function () {
      var q = N.keys(input.value);
      results.textContent = "";
      found = [];
      if (q.brut.length < 2) { status.textContent = ""; return; }
      // Exact names first, then names starting with the text (shortest first), then the rest.
      var exact = [], starts = [], contains = [];
      index().forEach(function (e) {
        var rank = N.rank(e.keys, q);
        if (rank >= 0) { [exact, starts, contains][rank].push(e); }
      });
      starts.sort(function (a, b) { return a.keys.cle.length - b.keys.cle.length; });
      found = exact.concat(starts, contains).slice(0, 8);
      status.textContent = found.length ? N.counted(found.length, "résultat", "résultats") + " : Tab pour les parcourir." : "Aucun résultat.";
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
    return box;
  });

  // A button that brings the whole territory back into view.
  N.home = N.control("topleft", function () {
    var bar = el("div", "leaflet-bar");
    var button = el("a", "nec-territoire", "⤢");
    button.href = "#";
    button.setAttribute("role", "button");
    button.title = "Voir tout le territoire";
    button.setAttribute("aria-label", "Voir tout le territoire");
    L.DomEvent.on(button, "click", function (event) { L.DomEvent.preventDefault(event); N.fitTerritory(); });
    bar.appendChild(button);
    return bar;
  });
})(window.necCarte);
