// The map page: the coloured communes without the map, a table of the layer chosen (commune,
// département, EPCI, value in words, class), darkest class first, filtered by class and name,
// shown 50 at a time. Its choice of layer and the legend's are one: changing either changes
// both. Runs after carte-tableau.js (see carte-outils.js).
(function (N) {
  "use strict";
  var A = N.aplats, D = N.D, el = N.el, number = N.number, counted = N.counted;
  var section = document.getElementById("tableau-aplats");
  if (!section) { return; }
  if (!A) { section.parentNode.removeChild(section); return; }

  var choice = document.getElementById("nec-aplat-choix");
  var filterClass = document.getElementById("nec-aplat-classe");
  var filterName = document.getElementById("nec-aplat-nom");
  var rowsBox = document.querySelector("#nec-table-aplats tbody");
  var status = document.getElementById("nec-aplat-etat");
  var summary = document.getElementById("nec-aplat-resume");
  var more = document.getElementById("nec-aplat-plus");
  var communes = D.communes.filter(A.commune);
  var nameKeys = null;  // search keys of the names, made at the first search
  var layer = A.layers[0], shown = 50, sorted = [];
  var collator = new Intl.Collator("fr");

  A.layers.forEach(function (l) {
    var option = el("option", null, l.titre);
    option.value = l.code;
    choice.appendChild(option);
  });
  // Darkest class first (most need); inside a class, by value then name.
  var NEED = {couverture: function (c) { return -(c.km || 0); }, temps: function (c) { return -(c.min || 0); }, fragilite: function (c) { return -(c.fragilite || 0); },
              accessibilite: function (c) { return c.acces || 0; }};
  function sortRows() {
    var code = layer.code, need = NEED[code] || function () { return 0; };
    var noValue = layer.classes.length - (layer.classes[layer.classes.length - 1].sans_valeur ? 1 : 0);
    function rank(c) { var k = c.aplats[code]; return k >= noValue ? -1 : k; }
    sorted = communes.slice().sort(function (a, b) {
      return rank(b) - rank(a) || need(a) - need(b) || collator.compare(a.nom, b.nom) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
    });
  }
  function fillClasses() {
    filterClass.textContent = "";
    var all = el("option", null, "Toutes les classes");
    all.value = "";
    filterClass.appendChild(all);
    layer.classes.forEach(function (found, k) {
      var option = el("option", null, found.libelle + " (" + number(found.nombre) + ")");
      option.value = String(k);
      filterClass.appendChild(option);
    });
  }
  function fill() {
    var q = N.keys(filterName.value), k = filterClass.value;
    if (q.cle && !nameKeys) { nameKeys = new Map(communes.map(function (c) { return [c, N.keys(c.nom)]; })); }
    var rows = sorted.filter(function (c) {
      return (!q.cle || N.rank(nameKeys.get(c), q) >= 0) && (k === "" || c.aplats[layer.code] === Number(k));
    });
    rowsBox.textContent = "";
    rows.slice(0, shown).forEach(function (c) {
      var tr = el("tr"), th = el("th", null, c.nom), found = A.classOf(layer, c);
      th.scope = "row";
      tr.appendChild(th);
      // data-titre: the column's name, written before the value on a phone (the header row is hidden).
      [["Département", c.dep], ["EPCI", c.epci !== undefined ? D.epci[c.epci].nom : "–"],
       ["Valeur", A.words(layer, c)]].forEach(function (pair) {
        var td = el("td", null, pair[1]);
        td.setAttribute("data-titre", pair[0]);
        tr.appendChild(td);
      });
      var cell = el("td");
      cell.setAttribute("data-titre", "Classe");
      cell.appendChild(N.dot(found.couleur, "nec-aplat-case"));
      cell.appendChild(document.createTextNode(found.libelle));
      tr.appendChild(cell);
      rowsBox.appendChild(tr);
    });
    status.textContent = counted(rows.length, "commune correspond", "communes correspondent")
      + (rows.length > shown ? ", " + number(shown) + " affichées." : ".");
    more.hidden = rows.length <= shown;
  }
  function use(next) {
    layer = next;
    choice.value = layer.code;
    summary.textContent = layer.titre + ". " + layer.note;
    shown = 50;
    sortRows();
    fillClasses();
    fill();
  }
  var filled = false;
  A.listeners.push(function (next) { if (next && (next !== layer || !filled)) { filled = true; use(next); } });
  choice.addEventListener("change", function () { A.show(choice.value); });
  filterClass.addEventListener("change", function () { shown = 50; fill(); });
  filterName.addEventListener("input", function () { shown = 50; fill(); });
  filterName.form.addEventListener("submit", function (event) { event.preventDefault(); });
  more.addEventListener("click", function () { shown += 200; fill(); });
  // Below the map: filled once the map is drawn, unless a layer was chosen first.
  setTimeout(function () { if (!filled) { filled = true; use(layer); } }, 0);
})(window.necCarte);
