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
 * The same scripts run the page (orienter.html) and the <nec-orienter> element of a partner's
 * page (element-orienter.js): this one defines window.necOrienterScripts, whose start(root,
 * data, host) builds the object the parts share (N: the data, its indexes and text helpers,
 * then the form and the answer) inside root (the page's document, or the element's shadow
 * root, where every id is looked up with N.byId) and runs the parts in order:
 * orienter-horaires.js (opening hours), orienter-calcul.js (the places to propose),
 * orienter-question.js (the form and the address), orienter-reponse.js (the answer) and
 * orienter.js (sharing, printing, examples, then the answer to a shared link). host is null
 * for the page, else the element: its host page's address is then left alone.
 */
(function () {
  'use strict';

  var NBSP = '\u00a0';
  var parts = [];
  /* Ids, codes and values from the data or the address are never object keys (an actor
   * « constructor » or ?commune=__proto__ would read Object's own members): every lookup by
   * them goes through a Map. */
  function index(list, key) {
    return new Map(list.map(function (item) { return [item[key], item]; }));
  }
  /* The parameters' tables (keys written by Python) read without their prototype. */
  function keyed(object) {
    return new Map(Object.keys(object).map(function (key) { return [key, object[key]]; }));
  }
  function start(root, D, host) {
    var N = {
      D: D, P: D.parametres, NBSP: NBSP, root: root, host: host,
      byCode: index(D.communes, 'code'), actors: index(D.acteurs, 'id'), difficulties: index(D.difficultes, 'code'),
      careNeeds: new Set(D.publics.filter(function (p) { return p.prise_en_charge; }).map(function (p) { return p.valeur; })),
      keyed: keyed
    };
    N.speeds = keyed(N.P.vitesses);
    N.modes = keyed(N.P.modes);
    N.byId = function (id) { return root.getElementById(id); };
    /* Said when the answer (or the empty form) is shown: the tests wait for it. */
    N.ready = function () { (host || document.documentElement).setAttribute('data-nec-orienter', 'pret'); };

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
    parts.forEach(function (part) { part(N); });
    return N;
  }
  window.necOrienterScripts = {parts: parts, start: start};
})();
