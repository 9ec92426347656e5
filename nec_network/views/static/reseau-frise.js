// The network page's time control: the network on a chosen day (date field or monthly slider),
// ended partnerships hidden or drawn dashed grey, and « avant / après » an event: its
// participants and the ties created since in colour, the rest in grey. The text list of the
// actors follows the chosen day. The rule of the day is reseau-temps.js (Python's network_at);
// the data is the « temps » entry of the page's document (nec_network.views._network_time).
(function () {
  "use strict";
  var state = window.necReseau, data = state.data, temps = data.temps, rule = window.necTemps;
  var box = document.getElementById("nec-temps");
  if (!box || !temps || temps.etat !== "date") { return; }
  var nodes = window.nodes, edges = window.edges;
  var DIM_NODE = {background: "#ececec", border: "#d0d0d0", highlight: {background: "#ececec", border: "#d0d0d0"}, hover: {background: "#ececec", border: "#999999"}};
  var DIM_EDGE = {color: "#e3e3e3", highlight: "#e3e3e3", hover: "#e3e3e3", opacity: 0.5};
  var ENDED = {color: "#767676", highlight: "#767676", hover: "#767676", opacity: 0.9};
  var eventDays = new Map(temps.jours.map(function (pair) { return [pair[0], pair[1]]; }));
  var meetings = new Map(temps.evenements.map(function (e) { return [e.id, e]; }));
  var styles = new Map(Object.keys(data.liens).map(function (k) { return [k, data.liens[k]]; }));
  var field = document.getElementById("nec-date"), slider = document.getElementById("nec-curseur");
  var showEnded = document.getElementById("nec-termines"), choice = document.getElementById("nec-evenement");
  var before = document.getElementById("nec-avant"), after = document.getElementById("nec-apres");
  var message = document.getElementById("nec-temps-etat"), fieldError = document.getElementById("nec-date-erreur");
  // day: null = every date (the page as loaded); mode: null, "avant" or "apres" the event.
  var view = {day: null, mode: null, event: null, created: new Set(), attendees: new Set()};
  state.temps = view;

  // Slider positions: the last day of each month from the first date to the last (the last
  // position is the last date itself).
  var months = [];
  (function () {
    var year = Number(temps.debut.slice(0, 4)), month = Number(temps.debut.slice(5, 7));
    for (;;) {
      var last = rule.lastDay(String(year) + "-" + (month < 10 ? "0" : "") + month);
      if (last >= temps.fin) { months.push(temps.fin); break; }
      months.push(last);
      month += 1;
      if (month > 12) { month = 1; year += 1; }
    }
  })();
  slider.max = String(months.length - 1);
  slider.value = slider.max;

  // In words, as Python's french_date writes it (« 1er janvier 2015 »), whatever the browser's language.
  var MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
    "octobre", "novembre", "décembre"];
  function frenchDay(day) {
    var number = Number(day.slice(8, 10));
    return (number === 1 ? "1er" : String(number)) + " " + MONTHS[Number(day.slice(5, 7)) - 1] + " " + day.slice(0, 4);
  }
  function plural(n, one, many) { return n + " " + (n < 2 ? one : many); }
  function pairOf(link) { return link.from < link.to ? link.from + " " + link.to : link.to + " " + link.from; }
  function there(link, day) { return rule.present(link, eventDays, day, true); }
  function ended(link, day) {
    var span = rule.interval(link, eventDays);
    return span[1] !== null && span[1] < day;
  }
  function undated(link) { return rule.interval(link, eventDays)[0] === null; }

  state.edgeShown = function (link) {
    if (view.day === null) { return true; }
    return there(link, view.day) || (showEnded.checked && ended(link, view.day));
  };
  function edgeStyle(link) {
    var style = styles.get(link.type), width = link.width || 1.5;
    if (view.day !== null && !there(link, view.day)) {
      return {id: link.id, color: ENDED, dashes: [3, 4], width: 1};
    }
    if (view.mode === "apres" && !view.created.has(link.id)) {
      return {id: link.id, color: DIM_EDGE, dashes: style.dashes, width: 1};
    }
    if (view.mode === "apres") { return {id: link.id, color: style.color, dashes: style.dashes, width: 4}; }
    return {id: link.id, color: style.color, dashes: style.dashes, width: view.day !== null && undated(link) ? 1 : width};
  }
  state.restyle = function () {
    edges.update(data.edges.map(edgeStyle));
    nodes.update(data.nodes.map(function (node) {
      if (view.mode === null) { return {id: node.id, color: node.color, borderWidth: 1.5}; }
      var came = view.attendees.has(node.acteur);
      return {id: node.id, color: came ? node.color : DIM_NODE, borderWidth: came ? 4 : 1};
    }));
  };

  // The event's created ties on ``day``: there on ``day``, started between the event's first day
  // and ``day``, between two actors with no tie the day before the event.
  function createdSince(event, day) {
    var eve = rule.dayBefore(event.jour), known = new Set(), found = new Set();
    data.edges.forEach(function (link) { if (there(link, eve)) { known.add(pairOf(link)); } });
    data.edges.forEach(function (link) {
      var start = rule.interval(link, eventDays)[0];
      if (start !== null && start >= event.jour && start <= day && there(link, day) && !known.has(pairOf(link))) {
        found.add(link.id);
      }
    });
    return found;
  }

  // -- the text list: each partner of each actor shown when its partnership is there ---------------
  var entries = Array.prototype.slice.call(document.querySelectorAll("#liste-acteurs li[data-acteur]"));
  var edgesById = new Map(data.edges.map(function (link) { return [link.id, link]; }));
  var listNote = document.getElementById("nec-liste-date");
  function updateList() {
    entries.forEach(function (item) {
      var partners = item.querySelectorAll("[data-lien]"), shown = [];
      Array.prototype.forEach.call(partners, function (partner) {
        var link = edgesById.get(partner.getAttribute("data-lien"));
        var keep = state.edgeShown(link);
        partner.hidden = !keep;
        if (!keep) { return; }
        shown.push(partner);
        state.mark(partner, "nec-marque", view.day !== null && !there(link, view.day) ? " — terminé"
          : view.mode === "apres" && view.created.has(link.id) ? " — nouveau depuis l’événement" : "");
      });
      shown.forEach(function (partner, i) {
        partner.querySelector(".nec-sep").textContent = i === shown.length - 1 ? "." : " ; ";
      });
      var none = item.querySelector(".nec-aucun");
      if (none) { none.hidden = shown.length > 0 || partners.length === 0; }
      var came = item.querySelector(".nec-participant");
      came.textContent = view.mode !== null && view.attendees.has(item.getAttribute("data-acteur"))
        ? " — participant à « " + view.event.nom + " »" : "";
    });
    listNote.textContent = view.day === null ? "" : "Partenaires au " + frenchDay(view.day)
      + (view.mode === "apres" ? " ; « nouveau » : lien créé depuis « " + view.event.nom + " »." : ".");
  }

  function say() {
    if (view.day === null) {
      message.textContent = "Toutes les dates : " + plural(data.edges.length, "lien", "liens") + ".";
      return;
    }
    var present = 0, gone = 0, loose = 0;
    data.edges.forEach(function (link) {
      if (there(link, view.day)) { present += 1; if (undated(link)) { loose += 1; } } else if (ended(link, view.day)) { gone += 1; }
    });
    var text = "Réseau au " + frenchDay(view.day) + " : " + plural(present, "lien", "liens")
      + (loose ? " (dont " + loose + " sans date)" : "") + " ; " + plural(gone, "lien terminé", "liens terminés")
      + (showEnded.checked ? " montrés en pointillés gris." : " masqués.");
    if (view.mode === "avant") {
      text += " Veille de « " + view.event.nom + " » : ses " + view.attendees.size + " participants en couleur.";
    } else if (view.mode === "apres") {
      text += " Depuis « " + view.event.nom + " » : " + plural(view.created.size, "lien créé", "liens créés")
        + " (traits épais), ses participants en couleur.";
    }
    message.textContent = text;
  }

  function show(day, mode) {
    if (state.beforeTimeChange) { state.beforeTimeChange(); }
    view.day = day;
    view.mode = mode || null;
    view.event = choice ? meetings.get(choice.value) : null;
    view.attendees = new Set(view.mode && view.event ? view.event.participants : []);
    view.created = view.mode === "apres" ? createdSince(view.event, day) : new Set();
    if (before) {
      before.setAttribute("aria-pressed", view.mode === "avant" ? "true" : "false");
      after.setAttribute("aria-pressed", view.mode === "apres" ? "true" : "false");
    }
    field.removeAttribute("aria-invalid");
    fieldError.textContent = "";
    if (day !== null) {
      field.value = rule.toFrench(day);
      var index = months.findIndex(function (last) { return last >= day; });
      slider.value = String(index < 0 ? months.length - 1 : index);
      slider.setAttribute("aria-valuetext", frenchDay(day));
    } else {
      field.value = "";
      slider.value = slider.max;
      slider.setAttribute("aria-valuetext", "toutes les dates");
    }
    state.applyFilters();
    state.restyle();
    updateList();
    say();
  }
  state.showDay = show;

  var pending = null;
  slider.addEventListener("input", function () {
    // Dragging redraws once per frame at most.
    if (pending !== null) { return; }
    pending = window.requestAnimationFrame(function () {
      pending = null;
      show(months[Number(slider.value)], null);
    });
  });
  // Typed days are read the French way; a day that is none says so next to the field, which
  // keeps what was typed. Days outside the data are brought back to its first or last day.
  function readField() {
    if (!field.value.trim()) { show(null, null); return; }
    var typed = rule.fromFrench(field.value);
    if (typed === null) {
      field.setAttribute("aria-invalid", "true");
      fieldError.textContent = "« " + field.value.trim() + " » n’est pas une date : écrivez jour/mois/année, par exemple "
        + rule.toFrench(temps.fin) + ".";
      return;
    }
    show(typed < temps.debut ? temps.debut : typed > temps.fin ? temps.fin : typed, null);
  }
  field.addEventListener("change", readField);
  field.addEventListener("keydown", function (event) {
    if (event.key === "Enter") { event.preventDefault(); readField(); }
  });
  showEnded.addEventListener("change", function () { if (view.day !== null) { show(view.day, view.mode); } });
  document.getElementById("nec-toutes-dates").addEventListener("click", function () { show(null, null); });
  if (before) {
    before.addEventListener("click", function () {
      show(rule.dayBefore(meetings.get(choice.value).jour), view.mode === "avant" ? null : "avant");
    });
    after.addEventListener("click", function () {
      show(temps.fin, view.mode === "apres" ? null : "apres");
    });
    choice.addEventListener("change", function () { if (view.mode !== null) { show(view.day, view.mode); } });
  }
  say();
})();
