// The map page: the table of the communes, the map's content without the map (filter by name
// and coverage, shown 50 at a time). Sixth script of the page (see carte-outils.js).
(function (N) {
  "use strict";
  var D = N.D, A = D.acteurs, C = D.communes, el = N.el;
  var number = N.number, counted = N.counted, km = N.km, minutes = N.minutes, hasCoverage = N.hasCoverage;

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
  var nameKeys = byName.map(function (c) { return N.keys(c.nom); });
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
    var q = N.keys(filterName.value), k = filterClass ? filterClass.value : "";
    var rows = byName.filter(function (c, i) { return (!q.cle || N.rank(nameKeys[i], q) >= 0) && (!k || c.classe === k); });
    rowsBox.textContent = "";
    rows.slice(0, shown).forEach(function (c) {
      var tr = el("tr");
      var th = el("th", null, c.nom);
      th.scope = "row";
      tr.appendChild(th);
      tr.appendChild(el("td", null, c.dep));
      tr.appendChild(el("td", "nec-nombre", number(c.pop)));
      if (hasCoverage) {
        tr.appendChild(el("td", null, c.classe ? N.classes.get(c.classe).libelle : "–"));
        tr.appendChild(el("td", null, N.nearestText(c)));
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
})(window.necCarte);
