/* « Où orienter ? » : the places answering a difficulty from the person's commune.
 *
 * Reads the page's JSON document (see nec_network.views.orientation.orientation_data) and
 * computes in the browser exactly what nec_network.analysis.orientation.orient computes in
 * Python: great-circle distance × detour / speed, itinerant places serving the commune first,
 * at least the N nearest, the same refinements and the same reasons. Text from the data only
 * ever reaches the page through textContent or attributes set one by one: never innerHTML.
 * The first name and the note typed for the printed sheet stay in this page: they are never
 * stored, put in the address or sent.
 *
 * Its scripts run in this order (nec_network.views.orientation), sharing one object,
 * window.necOrienter: orienter-donnees.js (this one: the data, its indexes and text helpers),
 * orienter-horaires.js (opening hours), orienter-calcul.js (the places to propose),
 * orienter-question.js (the form and the address), orienter-reponse.js (the answer) and
 * orienter.js (sharing, printing, examples, then the answer to a shared link).
 */
(function () {
  'use strict';

  var D = JSON.parse(document.getElementById('nec-donnees').textContent);
  var NBSP = '\u00a0';
  /* Ids, codes and values from the data or the address are never object keys (an actor
   * « constructor » or ?commune=__proto__ would read Object's own members): every lookup by
   * them goes through a Map. */
  function index(list, key) {
    return new Map(list.map(function (item) { return [item[key], item]; }));
  }
  var N = window.necOrienter = {
    D: D, P: D.parametres, NBSP: NBSP,
    byCode: index(D.communes, 'code'), actors: index(D.acteurs, 'id'), difficulties: index(D.difficultes, 'code'),
    careNeeds: new Set(D.publics.filter(function (p) { return p.prise_en_charge; }).map(function (p) { return p.valeur; })),
    /* The parameters' tables (keys written by Python) read without their prototype. */
    keyed: function (object) {
      return new Map(Object.keys(object).map(function (key) { return [key, object[key]]; }));
    }
  };
  N.speeds = N.keyed(N.P.vitesses);
  N.modes = N.keyed(N.P.modes);

  /* Same key as nec_network.text.normalize_name (texte.js, shared with the map and network). */
  N.normalise = window.necTexte.normalise;
  N.decimal = function (value, digits) {
    return value.toFixed(digits).replace('.', ',');
  };
  N.el = function (tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = text; }
    return node;
  };
  N.quoted = function (text) { return '«' + NBSP + text + NBSP + '»'; };
  /* « 9 h », « 1 h 05 »: whole minutes as hours and minutes. */
  N.hoursText = function (minutes) {
    var rest = minutes % 60;
    return Math.floor(minutes / 60) + NBSP + 'h' + (rest ? NBSP + (rest < 10 ? '0' : '') + rest : '');
  };
})();
