// The network page's « Passeurs et ponts » view: the report's main brokers drawn with a thick
// black border, the links whose loss cuts actors off in thick black, the links between two
// communities in blue, everything else in grey; the text list says the same next to each actor
// and partner. The data is the « passeurs_ponts » entry of the page's document
// (nec_network.views._network_brokers). The view and the time control take turns: choosing a
// date or an event leaves the view, and the view shows every date.
(function () {
  "use strict";
  var state = window.necReseau, data = state.data, found = data.passeurs_ponts;
  var button = document.getElementById("nec-vue-ponts");
  if (!button || !found) { return; }
  var nodes = window.nodes, edges = window.edges;
  var DIM_NODE = {background: "#ececec", border: "#d0d0d0", highlight: {background: "#ececec", border: "#d0d0d0"}, hover: {background: "#ececec", border: "#999999"}};
  var DIM_EDGE = {color: "#e3e3e3", highlight: "#e3e3e3", hover: "#e3e3e3", opacity: 0.5};
  var CUT = {color: "#000000", highlight: "#000000", hover: "#000000", opacity: 1};
  var ACROSS = {color: "#0072B2", highlight: "#0072B2", hover: "#0072B2", opacity: 1};
  var brokers = new Map(found.passeurs.map(function (b) { return [b.acteur, b]; }));
  var styles = new Map(Object.keys(data.liens).map(function (k) { return [k, data.liens[k]]; }));
  var bridges = new Map(found.ponts.map(function (p) { return [p.lien, p]; }));
  var legend = document.getElementById("nec-legende-ponts");
  var listNote = document.getElementById("nec-liste-ponts");
  var message = document.getElementById("nec-etat");
  var view = {on: false};
  state.ponts = view;
  function plural(n, one, many) { return n + " " + (n < 2 ? one : many); }

  function style() {
    nodes.update(data.nodes.map(function (node) {
      var broker = brokers.has(node.acteur);
      if (!broker) { return {id: node.id, color: DIM_NODE, borderWidth: 1}; }
      var fill = node.color.background;
      return {id: node.id, borderWidth: 5, color: {background: fill, border: "#000000",
        highlight: {background: fill, border: "#000000"}, hover: {background: fill, border: "#000000"}}};
    }));
    edges.update(data.edges.map(function (link) {
      var bridge = bridges.get(link.id), styleOf = styles.get(link.type);
      if (!bridge) { return {id: link.id, color: DIM_EDGE, width: 1, dashes: styleOf.dashes}; }
      return {id: link.id, color: bridge.nature === "coupure" ? CUT : ACROSS,
        width: bridge.nature === "coupure" ? 5 : 2.5, dashes: false};
    }));
  }
  function plain() {
    nodes.update(data.nodes.map(function (node) { return {id: node.id, color: node.color, borderWidth: 1.5}; }));
    edges.update(data.edges.map(function (link) {
      var styleOf = styles.get(link.type);
      return {id: link.id, color: styleOf.color, width: link.width || 1.5, dashes: styleOf.dashes};
    }));
  }

  // -- the text list: « passeur n°… » after an actor, « pont… » after a partner ----------------
  var entries = Array.prototype.slice.call(document.querySelectorAll("#liste-acteurs li[data-acteur]"));
  function updateList() {
    entries.forEach(function (item) {
      var broker = view.on ? brokers.get(item.getAttribute("data-acteur")) : null;
      item.querySelector(".nec-role").textContent = broker ? " — " + broker.texte : "";
      Array.prototype.forEach.call(item.querySelectorAll("[data-lien]"), function (partner) {
        var bridge = view.on ? bridges.get(partner.getAttribute("data-lien")) : null;
        state.mark(partner, "nec-pont", bridge ? " — " + bridge.texte : "");
      });
    });
    var names = found.passeurs.map(function (b) { return state.byId(state.nodeId(b.acteur)).nom; });
    listNote.textContent = !view.on ? "" : "Vue « Passeurs et ponts » : "
      + (names.length ? "les " + names.length + " principaux passeurs, du premier au dernier : " + names.join(", ") + " ; "
        : "aucun passeur ; ")
      + plural(found.coupures, "pont", "ponts") + " dont la perte couperait des acteurs du réseau ; "
      + plural(found.entre_communautes, "lien", "liens") + " entre deux communautés. Chacun est signalé ci-dessous.";
  }

  function setMode(on) {
    if (on && state.temps && (state.temps.day !== null || state.temps.mode !== null)) {
      view.on = false;
      state.showDay(null, null);
    }
    if (state.focus !== null) { state.unfocus(); }
    view.on = on;
    button.setAttribute("aria-pressed", on ? "true" : "false");
    legend.hidden = !on;
    if (on) { style(); } else { plain(); }
    updateList();
    message.textContent = on
      ? "Vue « Passeurs et ponts » : " + plural(found.passeurs.length, "passeur", "passeurs") + " (bord noir épais), "
        + plural(found.coupures, "pont", "ponts") + " qui coupent le réseau (trait noir épais), "
        + plural(found.entre_communautes, "lien", "liens") + " entre communautés (trait bleu)."
      : "Vue habituelle : couleurs de la légende.";
  }
  // After the filters or the focus, the page restyles: this view's styles when it is on.
  var timeRestyle = state.restyle;
  state.restyle = function () {
    if (view.on) { style(); } else if (timeRestyle) { timeRestyle(); }
  };
  // A date or an event chosen in the time control leaves this view first.
  state.beforeTimeChange = function () { if (view.on) { setMode(false); } };
  state.showBrokers = setMode;
  button.addEventListener("click", function () { setMode(!view.on); });
})();
