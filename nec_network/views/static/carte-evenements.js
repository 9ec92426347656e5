// The map page: the event layers as tables, the map's content without the map (who took part,
// where, and the ties created since with whom). One of the page's scripts (their order: carte-outils.js).
(function (N) {
  "use strict";
  var D = N.D, A = D.acteurs, el = N.el, counted = N.counted;
  var box = document.getElementById("nec-evenements-tableaux");
  if (!box || !(D.evenements || []).length) { return; }
  D.evenements.forEach(function (e) {
    var partners = new Map();
    e.liens.forEach(function (l) {
      [[l.de, l.vers], [l.vers, l.de]].forEach(function (pair) {
        if (!partners.has(pair[0])) { partners.set(pair[0], []); }
        partners.get(pair[0]).push(A[pair[1]].nom + " (" + l.types.join(", ") + (l.termine ? ", terminé depuis" : "") + ")");
      });
    });
    var title = el("h3", null, e.nom + " (" + e.date + ")");
    box.appendChild(title);
    var notes = counted(e.participants.length, "participant sur la carte", "participants sur la carte")
      + ", " + counted(e.liens.length, "lien créé", "liens créés") + " depuis, jusqu’au " + e.reference + ".";
    if (e.sans_position) { notes += " " + counted(e.sans_position, "participant sans position", "participants sans position") + ", absents de la carte."; }
    if (e.liens_hors_carte) { notes += " " + counted(e.liens_hors_carte, "lien créé", "liens créés") + " avec un acteur absent de la carte."; }
    box.appendChild(el("p", null, notes));
    var wrap = el("div", "nec-table-wrap");
    wrap.tabIndex = 0;
    wrap.setAttribute("role", "region");
    wrap.setAttribute("aria-label", "Participants de " + e.nom);
    var table = el("table"), head = el("tr"), body = el("tbody");
    ["Participant", "Commune", "Liens créés depuis l’événement"].forEach(function (name) {
      var th = el("th", null, name);
      th.scope = "col";
      head.appendChild(th);
    });
    var thead = el("thead");
    thead.appendChild(head);
    table.appendChild(thead);
    var rows = e.participants.slice().sort(function (a, b) { return A[a].nom.localeCompare(A[b].nom, "fr"); });
    // Actors who did not come but made a tie with a participant are listed too, after them.
    var others = Array.from(partners.keys()).filter(function (k) { return e.participants.indexOf(k) < 0; })
      .sort(function (a, b) { return A[a].nom.localeCompare(A[b].nom, "fr"); });
    rows.concat(others).forEach(function (k) {
      var tr = el("tr"), th = el("th", null, A[k].nom + (e.participants.indexOf(k) < 0 ? " (absent)" : ""));
      th.scope = "row";
      tr.appendChild(th);
      tr.appendChild(el("td", null, A[k].commune || "–"));
      tr.appendChild(el("td", null, partners.has(k) ? partners.get(k).join(" ; ") : "aucun"));
      body.appendChild(tr);
    });
    table.appendChild(body);
    wrap.appendChild(table);
    box.appendChild(wrap);
  });
})(window.necCarte);
