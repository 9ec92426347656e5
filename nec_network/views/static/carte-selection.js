// The map page: what is shown, as plain functions of the data (no DOM, no Leaflet), so that
// Node replays them against Python in the tests: the services present to filter the places
// by, which actor a filter keeps, and the communes of the table (filter, order, totals).
// One of the page's scripts (their order: carte-outils.js).
(function (N) {
  "use strict";
  var T = window.necTexte;

  // The services offered by at least one drawn actor, with how many offer each: the service
  // filter proposes nothing the data does not hold. Ordered by name (accents and case folded).
  N.presentServices = function (D) {
    var counts = new Map();
    D.acteurs.forEach(function (a) {
      (a.services || []).forEach(function (k) { counts.set(k, (counts.get(k) || 0) + 1); });
    });
    var found = [];
    counts.forEach(function (n, k) { found.push({valeur: k, libelle: D.valeurs[k], nombre: n, cle: T.keys(D.valeurs[k]).brut}); });
    found.sort(function (a, b) { return a.cle < b.cle ? -1 : a.cle > b.cle ? 1 : a.valeur - b.valeur; });
    return found.map(function (s) { return {valeur: s.valeur, libelle: s.libelle, nombre: s.nombre}; });
  };
  // The coverage classes a commune of the data has (the table's filter offers only those).
  N.presentClasses = function (D) {
    return D.couverture ? D.couverture.classes.filter(function (c) { return c.nombre > 0; }) : [];
  };
  // True when the service filter (an index in D.valeurs, or null) keeps the actor.
  N.offers = function (a, service) {
    return service === null || (a.services || []).indexOf(service) >= 0;
  };

  // -- the table of the communes -----------------------------------------------------------------
  // The communes whose name answers ``text`` (search keys of texte.js) in coverage class ``classe``
  // ("" for any), in the data's order.
  N.communesShown = function (C, text, classe) {
    var q = T.keys(text || "");
    return C.filter(function (c) {
      if (!c.cles) { c.cles = T.keys(c.nom); }
      return (!q.cle || T.rank(c.cles, q) >= 0) && (!classe || c.classe === classe);
    });
  };
  // How each sortable column reads a commune; undefined values go last in either direction.
  function sortValue(column, classOrder) {
    return {
      nom: function (c) { return T.keys(c.nom).brut; },
      dep: function (c) { return c.dep; },
      pop: function (c) { return c.pop; },
      classe: function (c) { return c.classe === undefined ? undefined : classOrder.get(c.classe); },
      proche: function (c) { return c.km; },
      proches: function (c) { return c.proches.length ? c.proches[0].km : undefined; }
    }[column];
  }
  function compare(a, b) { return a < b ? -1 : a > b ? 1 : 0; }
  // ``rows`` ordered by ``column`` (nom, dep, pop, classe, proche, proches), descending or not;
  // ties by name then INSEE code, both ascending. A new array: ``rows`` is left as it is.
  N.sortCommunes = function (rows, column, descending, D) {
    var order = new Map((D && D.couverture ? D.couverture.classes : []).map(function (c, k) { return [c.code, k]; }));
    var value = sortValue(column, order);
    var keyed = rows.map(function (c) { return {c: c, v: value(c), nom: T.keys(c.nom).brut}; });
    keyed.sort(function (x, y) {
      var missing = (x.v === undefined) - (y.v === undefined);
      if (missing) { return missing; }
      var first = x.v === undefined ? 0 : compare(x.v, y.v) * (descending ? -1 : 1);
      return first || compare(x.nom, y.nom) || compare(x.c.code, y.c.code);
    });
    return keyed.map(function (x) { return x.c; });
  };
  // What the rows add up to: how many communes, how many inhabitants.
  N.communeTotals = function (rows) {
    return {communes: rows.length, population: rows.reduce(function (sum, c) { return sum + (c.pop || 0); }, 0)};
  };
})(window.necCarte);
