// The map page: the table of the communes, the map's content without the map (filter by name
// and coverage, sort by any column, totals of what the filters keep, shown 50 at a time).
// One of the page's scripts (their order: carte-outils.js).
(function (N) {
  "use strict";
  var D = N.D, A = D.acteurs, C = D.communes, el = N.el;
  var number = N.number, counted = N.counted, km = N.km, minutes = N.minutes, hasCoverage = N.hasCoverage;
  // The order and the filters are carte-selection.js's (replayed in Node against Python).

  var table = document.getElementById("nec-table-communes");
  var head = table.querySelector("thead tr"), rowsBox = table.querySelector("tbody");
  // [header, sort key (carte-selection.js), descending at first]: the largest population first,
  // the nearest places first, names from A to Z.
  var columns = [["Commune", "nom", false], ["Département", "dep", false], ["Population", "pop", true]];
  if (hasCoverage) { columns.push(["Couverture", "classe", false], ["Lieu correspondant le plus proche", "proche", false]); }
  columns.push(["Lieux les plus proches (distance à vol d’oiseau, temps estimé)", "proches", false]);
  var order = {column: "nom", descending: false};
  var headers = columns.map(function (column) {
    var th = el("th");
    th.scope = "col";
    // A button per header (keyboard and screen readers), the order said by aria-sort (and
    // drawn from it by carte.css).
    var button = el("button", "nec-tri", column[0]);
    button.type = "button";
    button.addEventListener("click", function () {
      order = {column: column[1], descending: order.column === column[1] ? !order.descending : column[2]};
      fillTable();
    });
    th.appendChild(button);
    head.appendChild(th);
    return {th: th, column: column};
  });
  function showOrder() {
    headers.forEach(function (h) {
      var on = h.column[1] === order.column;
      if (on) { h.th.setAttribute("aria-sort", order.descending ? "descending" : "ascending"); }
      else { h.th.removeAttribute("aria-sort"); }
    });
  }
  var filterName = document.getElementById("nec-filtre-nom");
  var filterClass = document.getElementById("nec-filtre-classe");
  var more = document.getElementById("nec-tableau-plus");
  var tableStatus = document.getElementById("nec-tableau-etat");
  var shown = 50;
  var classes = N.presentClasses(D);
  if (classes.length > 1) {
    classes.forEach(function (c) {
      var option = el("option", null, c.libelle + " (" + number(c.nombre) + ")");
      option.value = c.code;
      filterClass.appendChild(option);
    });
  } else {
    // One class (or none) to choose from is no choice: no filter.
    filterClass.parentNode.removeChild(filterClass.previousElementSibling);
    filterClass.parentNode.removeChild(filterClass);
    filterClass = null;
  }
  document.getElementById("nec-tableau-resume").textContent = C.length
    ? counted(C.length, "commune", "communes") + (hasCoverage ? ", leur couverture (" + D.couverture.libelle + ")" : "")
      + " et les " + Math.max.apply(null, C.map(function (c) { return c.proches.length; }).concat([0])) + " lieux les plus proches de chacune."
    : "Aucune commune à afficher.";
  function fillTable() {
    var found = N.communesShown(C, filterName.value, filterClass ? filterClass.value : "");
    var rows = N.sortCommunes(found, order.column, order.descending, D);
    var totals = N.communeTotals(rows);
    showOrder();
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
    tableStatus.textContent = counted(totals.communes, "commune correspond", "communes correspondent")
      + " (" + counted(totals.population, "habitant", "habitants") + ")"
      + (rows.length > shown ? ", " + number(shown) + " affichées." : ".");
    more.hidden = rows.length <= shown;
  }
  filterName.addEventListener("input", function () { shown = 50; fillTable(); });
  if (filterClass) { filterClass.addEventListener("change", function () { shown = 50; fillTable(); }); }
  more.addEventListener("click", function () { shown += 200; fillTable(); });
  filterName.form.addEventListener("submit", function (event) { event.preventDefault(); });
  fillTable();
})(window.necCarte);
