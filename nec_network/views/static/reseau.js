// The network page: vis-network drawing of the actors and their partnerships, from the
// #nec-donnees document (nodes, edges, link styles, options, communities; built by
// nec_network.views.network). Every piece of data is written with textContent or as a
// DOM property, never as HTML. Ids are data, never object keys: vis-network keys plain objects
// by node id (an actor « constructor » or « toString » overflows its stack), so it draws nodes
// named n0, n1… in the document's order, and every lookup by an actor's id goes through a Map.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("nec-donnees").textContent);
  // Times in ms since navigation start, read by the benchmarks: first drawing, then stable.
  var state = {stable: false, visible: null, duree: null, focus: null};
  window.necReseau = state;
  // The time control (reseau-frise.js) may add a condition on edges (the chosen date) and its
  // own styles: edgeShown(link) and restyle(), called after the filters and the focus.
  state.data = data;
  state.edgeShown = null;
  state.restyle = null;
  function timeAllows(link) { return state.edgeShown ? state.edgeShown(link) : true; }
  var DIM_NODE = {background: "#ececec", border: "#d0d0d0", highlight: {background: "#ececec", border: "#d0d0d0"}, hover: {background: "#ececec", border: "#999999"}};
  var DIM_EDGE = {color: "#e3e3e3", highlight: "#e3e3e3", hover: "#e3e3e3", opacity: 0.5};

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }
  function tooltip(content) {
    var box = element("div", "nec-infobulle");
    box.appendChild(element("strong", "", content.nom));
    content.lignes.forEach(function (pair) {
      var row = element("div", "nec-infobulle-ligne");
      row.appendChild(element("span", "nec-infobulle-cle", pair[0] + " : "));
      row.appendChild(document.createTextNode(pair[1]));
      box.appendChild(row);
    });
    return box;
  }
  // Search keys of texte.js: case, accents, hyphens and Saint/St folded, as on the other pages.
  var keys = window.necTexte.keys, rank = window.necTexte.rank;

  // A document's object (keys written by Python) as a Map, read without its prototype.
  function keyed(object) {
    return new Map(Object.keys(object).map(function (key) { return [key, object[key]]; }));
  }
  var groups = keyed(data.options.groups), linkStyles = keyed(data.liens);
  // byId: drawn node id → node; byActor: actor id (the data's) → node.
  var byId = new Map(), byActor = new Map();
  data.nodes.forEach(function (node, i) {
    node.acteur = node.id;
    node.id = "n" + i;
    if (data.forces) { node.title = tooltip(node.infobulle); }
    node.color = groups.get(node.group).color;
    byId.set(node.id, node);
    byActor.set(node.acteur, node);
  });
  // Edges carry their type; the style, arrow and a text tooltip (shown with innerText by
  // vis-network) come from it.
  data.edges.forEach(function (link) {
    var style = linkStyles.get(link.type);
    link.from = byActor.get(link.from).id;
    link.to = byActor.get(link.to).id;
    link.color = style.color;
    link.dashes = style.dashes;
    link.arrows = style.arrows;
    link.title = style.libelle + " : " + byId.get(link.from).nom + (style.oriente ? " → " : " ↔ ")
      + byId.get(link.to).nom + (link.debut ? "\ndepuis " + link.debut : "")
      + (link.fin ? "\njusqu’à " + link.fin : "")
      + (link.note ? "\n" + link.note : "");
  });
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var container = document.getElementById("reseau");
  var loading = document.getElementById("nec-chargement");
  var message = document.getElementById("nec-etat");
  // The drawing receives the nodes (each with its tooltip), then the edges, a slice at a time
  // (views of the data sets letting in what has arrived), not drawn until all have arrived, so
  // that no step keeps the page busy for long. Filters, focus and the time control work on the
  // data sets; the views pass their changes on. When the browser computes the forces,
  // everything arrives at once (forces restart at each arrival).
  var arrived = new Set();
  var nodeView = new vis.DataView(nodes, {filter: function (node) { return arrived.has(node.id); }});
  var edgeView = new vis.DataView(edges, {filter: function (link) { return arrived.has(link.id); }});
  var queue = data.nodes.map(function (node) { return node.id; })
    .concat(data.edges.map(function (link) { return link.id; }));
  if (data.forces) { queue.forEach(function (id) { arrived.add(id); }); }
  var network = new vis.Network(container, {nodes: nodeView, edges: edgeView}, data.options);
  window.network = network;
  window.nodes = nodes;
  window.edges = edges;
  function say(text) { message.textContent = text; }
  function plural(n, one, many) { return n + " " + (n < 2 ? one : many); }

  // -- the names of the most central actors, dropped when they would overlap ------------------
  // Names are written at about 14 screen pixels whatever the zoom at load, so their size in
  // drawing units is 14 / scale; two names that would overlap keep only the more central one.
  var labelled = new Set(), labelSize = 14;
  function font(size, colour) {
    return {size: size, color: colour, strokeWidth: 0, background: "rgba(255,255,255,0.85)"};
  }
  var measure = document.createElement("canvas").getContext("2d");
  measure.font = "14px system-ui, sans-serif";
  function labelBox(node, position, scale) {
    var width = (measure.measureText(node.nom).width + 8) / scale;
    var top = position.y + (node.size || 10) + 2 / scale;
    return {left: position.x - width / 2, right: position.x + width / 2, top: top, bottom: top + 20 / scale};
  }
  // Of ``candidates`` (nodes, in order of preference), at most ``limit`` whose names can be
  // written at the present zoom without overlapping one another nor being cut by the edge.
  function fitting(candidates, limit) {
    var scale = network.getScale() || 1, taken = [], kept = new Set();
    var positions = network.getPositions(candidates.map(function (n) { return n.id; }));
    candidates.forEach(function (node) {
      if (!positions[node.id] || kept.size >= limit) { return; }
      var half = (measure.measureText(node.nom).width + 8) / 2, at = network.canvasToDOM(positions[node.id]);
      if (at.x - half < 0 || at.x + half > container.clientWidth) { return; }
      var box = labelBox(node, positions[node.id], scale);
      var clash = taken.some(function (other) {
        return box.left < other.right && other.left < box.right && box.top < other.bottom && other.top < box.bottom;
      });
      if (!clash) { taken.push(box); kept.add(node.id); }
    });
    return kept;
  }
  function byRank(a, b) { return a.rang - b.rang; }
  function chooseLabels() {
    labelSize = Math.max(14, Math.round(14 / (network.getScale() || 1)));
    // The most central first; a name that cannot be written leaves its place to the next ones.
    var before = labelled;
    labelled = fitting(data.nodes.slice().sort(byRank).slice(0, 3 * data.etiquettes), data.etiquettes);
    // Only the names written or wiped change: the other nodes have no name to restyle.
    nodes.update(data.nodes.filter(function (node) { return labelled.has(node.id) || before.has(node.id); })
      .map(function (node) {
        return {id: node.id, label: labelled.has(node.id) ? node.nom : "", font: font(labelSize, "#1e1e1e")};
      }));
  }
  // What tests and benchmarks read: actors' ids (the data's), and the drawn node of an actor.
  state.labelled = function () { return Array.from(labelled, function (id) { return byId.get(id).acteur; }); };
  state.nodeId = function (actor) { return byActor.has(actor) ? byActor.get(actor).id : null; };
  state.actorOf = function (id) { return byId.has(id) ? byId.get(id).acteur : null; };
  // A partner's mark in the text list (« — terminé », « — pont… »), a span of class ``name``
  // written before its separator when first needed: thousands of empty ones would slow the load.
  state.mark = function (partner, name, text) {
    var span = partner.querySelector("." + name);
    if (!span) {
      if (!text) { return; }
      span = element("span", name);
      partner.insertBefore(span, partner.querySelector(".nec-sep"));
    }
    span.textContent = text;
  };

  network.once("afterDrawing", function () { state.visible = performance.now(); });
  function becameStable(named) {
    if (state.stable) { return; }
    if (!named) { chooseLabels(); }
    state.stable = true;
    state.duree = performance.now();
    if (loading) { loading.hidden = true; }
    document.documentElement.setAttribute("data-reseau-stable", "oui");
  }
  if (data.forces) {
    network.on("stabilizationProgress", function (progress) {
      if (loading) {
        loading.textContent = "Calcul de la disposition du réseau… "
          + Math.round(100 * progress.iterations / progress.total) + " %";
      }
    });
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({physics: {enabled: false}});
      becameStable();
    });
  } else {
    // vis-network's own switch (9.x): no drawing while the slices arrive, one drawing at the end.
    network.body.emitter.emit("_blockRedraw");
    var done = 0, slice = 100;
    (function arrive() {
      var start = performance.now(), end = Math.min(queue.length, done + slice), titled = [];
      for (; done < end; done += 1) {
        var id = queue[done];
        if (byId.has(id)) { titled.push({id: id, title: tooltip(byId.get(id).infobulle)}); }
        arrived.add(id);
      }
      if (titled.length) { nodes.update(titled); }
      nodeView.refresh();
      edgeView.refresh();
      // About 40 ms of work per step, whatever the machine.
      slice = Math.max(20, Math.round(slice * Math.min(4, 40 / Math.max(performance.now() - start, 1))));
      if (done < queue.length) { setTimeout(arrive, 0); return; }
      // Zoomed to fit and names chosen before the first drawing, which is then the only one.
      setTimeout(function () {
        network.fit({animation: false});
        chooseLabels();
        setTimeout(function () {
          network.body.emitter.emit("_allowRedraw");
          network.once("afterDrawing", function () { becameStable(true); });
          network.redraw();
        }, 0);
      }, 0);
    })();
  }

  // On a phone the legend and the settings start folded (the drawing within the first screen);
  // the settings' button shows on phones only, so a wider window opens them again.
  var phone = window.matchMedia("(max-width: 700px)"), settings = document.getElementById("nec-reglages");
  if (phone.matches) {
    document.getElementById("nec-legende").open = false;
    settings.open = false;
  }
  phone.addEventListener("change", function () { if (!phone.matches) { settings.open = true; } });

  // The names the search proposes, in French order: written in a task of their own (thousands
  // of names would lengthen the page's first one).
  var french = new Intl.Collator("fr");
  setTimeout(function () {
    var names = document.getElementById("nec-noms"), options = document.createDocumentFragment();
    data.nodes.map(function (node) { return node.nom; }).sort(french.compare).forEach(function (name) {
      var option = document.createElement("option");
      option.value = name;
      options.appendChild(option);
    });
    names.appendChild(options);
  }, 0);

  // -- focus on one actor: its partners, the type of each link, the rest dimmed ---------------------
  var panel = document.getElementById("nec-focus");
  function partnersOf(id) {
    return data.edges.filter(function (e) { return (e.from === id || e.to === id) && timeAllows(e); }).map(function (e) {
      var style = linkStyles.get(e.type), other = e.from === id ? e.to : e.from;
      var way = style.oriente ? (e.from === id ? " (vers ce partenaire)" : " (de ce partenaire)") : "";
      return {id: other, edge: e.id, type: style.libelle + way, libelle: style.libelle};
    }).sort(function (a, b) { return french.compare(byId.get(a.id).nom, byId.get(b.id).nom); });
  }
  // ``id``: a drawn node's id (n0, n1…).
  function focus(id, options) {
    var node = byId.get(id);
    if (!node) { return; }
    openAllCommunities();
    var partners = partnersOf(id), near = new Set([id]), nearEdges = new Set();
    partners.forEach(function (p) { near.add(p.id); nearEdges.add(p.edge); });
    nodes.update(data.nodes.map(function (n) {
      return {id: n.id, color: near.has(n.id) ? n.color : DIM_NODE, label: ""};
    }));
    edges.update(data.edges.map(function (e) {
      var kept = nearEdges.has(e.id);
      return {id: e.id, color: kept ? linkStyles.get(e.type).color : DIM_EDGE, label: "", width: kept ? 2.5 : 1};
    }));
    network.selectNodes([id]);
    network.fit({nodes: Array.from(near), animation: false});
    // Names about 14 screen pixels at the new zoom: the actor's, then its partners' (most central
    // first) as long as they do not overlap; the panel lists them all. The type of each link is
    // written on it when few partners are named.
    var size = Math.max(10, Math.round(14 / (network.getScale() || 1)));
    var named = fitting([node].concat(partners.map(function (p) { return byId.get(p.id); }).sort(byRank)),
      data.etiquettes + 1);
    named.add(id);
    nodes.update(Array.from(named, function (k) { return {id: k, label: byId.get(k).nom, font: font(size, "#1e1e1e")}; }));
    if (named.size <= 7) {
      edges.update(partners.filter(function (p) { return named.has(p.id); }).map(function (p) {
        return {id: p.edge, label: p.libelle,
          font: {size: Math.round(size * 0.8), align: "middle", strokeWidth: 3, strokeColor: "#ffffff", color: "#1e1e1e"}};
      }));
    }
    state.focus = node.acteur;
    showPanel(node, partners);
    say("Acteur affiché avec ses partenaires : " + node.nom + " (" + plural(partners.length, "partenaire", "partenaires") + ").");
    if (options && options.movePanel) { panel.focus(); }
  }
  function unfocus() {
    if (state.focus === null) { return; }
    nodes.update(data.nodes.map(function (n) {
      return {id: n.id, color: n.color, label: labelled.has(n.id) ? n.nom : "", font: font(labelSize, "#1e1e1e")};
    }));
    edges.update(data.edges.map(function (e) {
      return {id: e.id, color: linkStyles.get(e.type).color, label: "", width: e.width || 1.5};
    }));
    network.unselectAll();
    state.focus = null;
    panel.hidden = true;
    if (state.restyle) { state.restyle(); }
    say("Tout le réseau est affiché.");
  }
  function showPanel(node, partners) {
    document.getElementById("nec-focus-titre").textContent = node.nom;
    var lines = node.infobulle.lignes;
    var details = document.getElementById("nec-focus-details");
    details.textContent = "";
    lines.forEach(function (pair) {
      details.appendChild(element("dt", "", pair[0]));
      details.appendChild(element("dd", "", pair[1]));
    });
    document.getElementById("nec-focus-typo").textContent = "";
    document.getElementById("nec-focus-partenaires-titre").textContent = partners.length
      ? "Ses " + plural(partners.length, "partenaire", "partenaires") + " :" : "Aucun partenaire connu.";
    var list = document.getElementById("nec-focus-partenaires");
    list.textContent = "";
    partners.forEach(function (p) {
      var item = element("li");
      var button = element("button", "", byId.get(p.id).nom);
      button.type = "button";
      button.addEventListener("click", function () { focus(p.id, {movePanel: true}); });
      item.appendChild(button);
      item.appendChild(document.createTextNode(" — " + p.type));
      list.appendChild(item);
    });
    panel.hidden = false;
  }
  document.getElementById("nec-focus-fermer").addEventListener("click", function () {
    unfocus();
    document.getElementById("nec-recherche").focus();
  });
  network.on("click", function (event) {
    if (event.nodes.length) {
      var id = event.nodes[0];
      if (network.isCluster(id)) { openCommunity(Number(String(id).replace("communaute-", ""))); }
      else { focus(id); }
    } else if (!event.edges.length) {
      unfocus();
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && state.focus !== null) { unfocus(); }
  });

  // -- communities, folded into one node each on demand ---------------------------------------------
  // By community number (a Map, like every lookup of the page).
  var folded = new Map();
  var communityButtons = new Map();
  function communityId(number) { return "communaute-" + number; }
  function foldCommunity(c) {
    if (folded.get(c.numero)) { return; }
    unfocus();
    var size = Math.max(12, Math.round(14 / (network.getScale() || 1)));
    network.cluster({
      joinCondition: function (n) { return n.communaute === c.numero; },
      clusterNodeProperties: {
        id: communityId(c.numero), label: c.nom + " (" + c.taille + ")", shape: "box", margin: 6,
        color: {background: "#ffffff", border: "#1e1e1e", highlight: {background: "#f0f0f7", border: "#000091"}},
        borderWidth: 2, shapeProperties: {borderDashes: [6, 3]}, font: {size: size, color: "#1e1e1e"},
        title: c.nom + " : " + plural(c.taille, "acteur", "acteurs") + ". Cliquez pour déplier."
      }
    });
    folded.set(c.numero, true);
    updateCommunityButton(c);
  }
  function openCommunity(number) {
    if (!folded.get(number)) { return; }
    network.openCluster(communityId(number));
    folded.set(number, false);
    updateCommunityButton(communities.get(number));
  }
  function openAllCommunities() { Array.from(folded.keys()).forEach(openCommunity); }
  function updateCommunityButton(c) {
    var button = communityButtons.get(c.numero);
    button.textContent = folded.get(c.numero) ? "Déplier" : "Regrouper";
    button.setAttribute("aria-pressed", folded.get(c.numero) ? "true" : "false");
  }
  var communities = new Map();
  var communityList = document.getElementById("nec-liste-communautes");
  data.communautes.forEach(function (c) {
    communities.set(c.numero, c);
    var item = element("li");
    var button = element("button", "", "Regrouper");
    button.type = "button";
    button.setAttribute("aria-label", "Regrouper ou déplier : " + c.nom);
    button.addEventListener("click", function () {
      if (folded.get(c.numero)) { openCommunity(c.numero); } else { foldCommunity(c); }
    });
    communityButtons.set(c.numero, button);
    item.appendChild(document.createTextNode(c.nom + " (" + c.taille + ") "));
    item.appendChild(button);
    communityList.appendChild(item);
    updateCommunityButton(c);
  });
  var communityBox = document.getElementById("nec-communautes");
  if (!data.communautes.length) { communityBox.hidden = true; }
  document.getElementById("nec-tout-regrouper").addEventListener("click", function () {
    data.communautes.forEach(foldCommunity);
    network.fit({animation: false});
    say(plural(data.communautes.length, "communauté regroupée", "communautés regroupées") + " : cliquez sur l’une d’elles pour la déplier.");
  });
  document.getElementById("nec-tout-deplier").addEventListener("click", openAllCommunities);

  // -- filters ----------------------------------------------------------------------------------------
  var filters = {
    typologie: document.getElementById("nec-filtre-typologie"),
    departement: document.getElementById("nec-filtre-departement"),
    service: document.getElementById("nec-filtre-service")
  };
  var visible = new Map();
  function applyFilters() {
    unfocus();
    openAllCommunities();
    var typologie = filters.typologie.value;
    var departement = filters.departement.value;
    var service = filters.service.value;
    var count = 0;
    nodes.update(data.nodes.map(function (node) {
      var keep = (!typologie || node.typologies.indexOf(typologie) >= 0)
        && (!departement || node.departement === departement)
        && (!service || node.services.indexOf(service) >= 0);
      visible.set(node.id, keep);
      if (keep) { count += 1; }
      return {id: node.id, hidden: !keep};
    }));
    edges.update(data.edges.map(function (link) {
      return {id: link.id, hidden: !(visible.get(link.from) && visible.get(link.to) && timeAllows(link))};
    }));
    // French: 0 and 1 take the singular.
    say(count + (count < 2 ? " acteur affiché sur " : " acteurs affichés sur ") + data.nodes.length + ".");
  }
  function reset() {
    Object.keys(filters).forEach(function (key) { filters[key].value = ""; });
    applyFilters();
  }
  Object.keys(filters).forEach(function (key) { filters[key].addEventListener("change", applyFilters); });
  document.getElementById("nec-reinitialiser").addEventListener("click", reset);
  data.nodes.forEach(function (node) { visible.set(node.id, true); });

  // -- search: the actor found is focused (its id returned) -------------------------------------------
  function search(query) {
    var key = keys(query);
    if (!key.cle) { return null; }
    var exact = [], starts = [], contains = [];
    data.nodes.forEach(function (node) {
      var found = rank(keys(node.nom), key);
      if (found >= 0) { [exact, starts, contains][found].push(node); }
    });
    var found = exact.concat(starts, contains);
    if (!found.length) {
      say("Aucun acteur ne correspond à « " + query.trim() + " ».");
      return null;
    }
    var chosen = found[0];
    if (!visible.get(chosen.id)) { reset(); }
    focus(chosen.id);
    // On a phone the panel stands above the drawing: its top is brought into sight.
    if (phone.matches) { panel.scrollIntoView({block: "nearest"}); }
    say("Acteur trouvé : " + chosen.nom
      + (found.length > 1 ? " (" + found.length + " acteurs correspondent)." : "."));
    return chosen.acteur;
  }
  window.necChercher = search;
  state.focusActor = function (actor) { if (byActor.has(actor)) { focus(byActor.get(actor).id); } };
  state.unfocus = unfocus;
  state.applyFilters = applyFilters;
  state.byId = function (id) { return byId.get(id) || null; };
  state.foldCommunity = function (number) { foldCommunity(communities.get(number)); };
  state.openCommunity = openCommunity;
  var field = document.getElementById("nec-recherche");
  document.getElementById("nec-outils").addEventListener("submit", function (event) {
    event.preventDefault();
    search(field.value);
  });
  field.addEventListener("change", function () { search(field.value); });
})();
