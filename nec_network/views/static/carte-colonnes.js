// The map's actors arrive as a table of named columns (nec_network.views._map_actors): each
// column holds one value per actor, in the same order (D.acteurs.colonnes.nom[i] is the name of
// actor i), and a column no actor fills is left out. Run right after carte-outils.js, this
// script makes one object per actor from them, without its empty values ("", [], false, null),
// so the other scripts read actor.nom, actor.sites… and a missing key as empty. The keys are
// the document's column names, never data. Without DOM: the tests replay it in Node.
(function (N) {
  "use strict";

  function empty(value) {
    return value === "" || value === false || value === null || (Array.isArray(value) && value.length === 0);
  }

  function records(table) {
    var names = Object.keys(table.colonnes), found = new Array(table.nombre);
    for (var i = 0; i < table.nombre; i += 1) {
      var actor = {};
      for (var k = 0; k < names.length; k += 1) {
        var value = table.colonnes[names[k]][i];
        if (!empty(value)) { actor[names[k]] = value; }
      }
      found[i] = actor;
    }
    return found;
  }

  N.D.acteurs = records(N.D.acteurs);
})(window.necCarte);
