// The survey page (see nec_network/views/survey.py): pick your structure, describe your
// partners, get the CSV file and the prefilled e-mail. Nothing is stored and nothing is sent:
// the answers leave the page only through the download link or the mailto: link the person
// follows. Names from the data go in with textContent only.
(function () {
  "use strict";
  var D = JSON.parse(document.getElementById("nec-donnees").textContent);
  var T = window.necTexte, R = window.necEnquete;
  var SUGGESTIONS = 8;
  // Small words a search leaves out when matching word by word (« mediatheque de st q »).
  var ARTICLES = ["le", "la", "les", "l", "de", "du", "des", "d", "et", "a", "au", "aux", "en"];
  var actors = D.acteurs.map(function (a) {
    var label = a.commune && T.normalise(a.nom).indexOf(T.normalise(a.commune)) < 0 ? a.nom + " (" + a.commune + ")" : a.nom;
    return {id: a.id, nom: a.nom, commune: a.commune, label: label, keys: T.keys(a.nom + " " + a.commune)};
  });
  var byId = new Map(actors.map(function (a) { return [a.id, a]; }));
  var counter = 0;

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined) { node.textContent = text; }
    if (className) { node.className = className; }
    return node;
  }

  function search(text) {
    var query = T.keys(text);
    var words = query.cle.split(" ").filter(function (w) { return w && ARTICLES.indexOf(w) < 0; });
    var found = [];
    actors.forEach(function (a) {
      var rank = T.rank(a.keys, query);
      if (rank < 0 && words.length) {
        // Every word typed starts a word of the name or commune, in any order (« ccas soiss »);
        // after those, the same with typing errors within the orienter's budget (« mediateque beautr »).
        var own = a.keys.cle.split(" ");
        var starts = function (w) { return own.some(function (o) { return o.indexOf(w) === 0; }); };
        var nearly = function (w) { return own.some(function (o) { return o.indexOf(w) === 0 || T.typo(o, w) !== null; }); };
        rank = words.length > 1 && words.every(starts) ? 3 : (words.every(nearly) ? 4 : -1);
      }
      if (rank >= 0) { found.push([rank, a]); }
    });
    found.sort(function (x, y) { return x[0] - y[0] || x[1].nom.length - y[1].nom.length; });
    return found.slice(0, SUGGESTIONS).map(function (pair) { return pair[1]; });
  }

  // A combobox (ARIA 1.2 pattern) over the known actors; free text stays allowed.
  function picker(input, list, status, onChange) {
    var state = {id: "", options: [], active: -1};
    function close() { list.hidden = true; input.setAttribute("aria-expanded", "false"); input.removeAttribute("aria-activedescendant"); state.active = -1; }
    function say() {
      var chosen = byId.get(state.id);
      if (chosen) { status.textContent = "Structure connue : " + chosen.label + "."; }
      else if (input.value.trim()) { status.textContent = "Pas choisie dans la liste : le nom sera envoyé tel que vous l’écrivez."; }
      else { status.textContent = ""; }
      onChange(state.id);
    }
    function choose(actor) { state.id = actor.id; input.value = actor.nom; close(); say(); }
    function show() {
      list.textContent = "";
      state.options = input.value.trim() ? search(input.value) : [];
      state.active = -1;
      state.options.forEach(function (actor, index) {
        var option = el("li", actor.label, "nec-suggestion");
        option.id = list.id + "-" + index;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.addEventListener("mousedown", function (event) { event.preventDefault(); choose(actor); });
        list.appendChild(option);
      });
      list.hidden = !state.options.length;
      input.setAttribute("aria-expanded", state.options.length ? "true" : "false");
    }
    function move(step) {
      if (!state.options.length) { show(); }
      if (!state.options.length) { return; }
      state.active = (state.active + step + state.options.length) % state.options.length;
      Array.prototype.forEach.call(list.children, function (node, index) {
        node.setAttribute("aria-selected", index === state.active ? "true" : "false");
      });
      input.setAttribute("aria-activedescendant", list.children[state.active].id);
      list.children[state.active].scrollIntoView({block: "nearest"});
    }
    input.addEventListener("input", function () { state.id = ""; show(); say(); });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown") { event.preventDefault(); move(1); }
      else if (event.key === "ArrowUp") { event.preventDefault(); move(-1); }
      else if (event.key === "Enter" && !list.hidden && state.active >= 0) { event.preventDefault(); choose(state.options[state.active]); }
      else if (event.key === "Escape" && !list.hidden) { event.preventDefault(); close(); }
    });
    input.addEventListener("blur", close);
    return state;
  }

  // -- your structure ----------------------------------------------------------------------------
  var respondentInput = document.getElementById("repondant-saisie");
  var respondentNew = document.getElementById("repondant-nouvelle");
  var respondent = picker(respondentInput, document.getElementById("repondant-suggestions"),
    document.getElementById("repondant-statut"), function (id) {
      respondentNew.hidden = Boolean(id) || !respondentInput.value.trim();
    });

  // -- partners -----------------------------------------------------------------------------------
  var partnersList = document.getElementById("partenaires");
  var template = document.getElementById("modele-partenaire");
  var announce = document.getElementById("annonce");

  function options(select, items, value, label) {
    items.forEach(function (item) {
      var option = el("option", item[label]);
      option.value = item[value];
      select.appendChild(option);
    });
  }

  function fillQuestions(row, prefix) {
    var trust = row.querySelector("[data-champ=confiance]");
    D.confiance.forEach(function (q) {
      var wrap = el("div", undefined, "nec-champ");
      var label = el("label", q.question);
      var select = el("select");
      select.id = prefix + "-" + q.colonne;
      select.setAttribute("data-confiance", q.colonne);
      label.htmlFor = select.id;
      options(select, [{valeur: "", label: "Sans réponse"}].concat(D.echelle.map(function (e) {
        return {valeur: e.valeur, label: e.valeur + " – " + e.label};
      })), "valeur", "label");
      wrap.appendChild(label);
      wrap.appendChild(select);
      trust.appendChild(wrap);
    });
    var brings = row.querySelector("[data-champ=apports]");
    D.apports.forEach(function (item) {
      var label = el("label");
      var box = el("input");
      box.type = "checkbox";
      box.value = item.code;
      label.appendChild(box);
      label.appendChild(document.createTextNode(" " + item.label));
      brings.appendChild(label);
    });
  }

  function field(row, name) { return row.querySelector("[data-champ=" + name + "]"); }

  function renumber() {
    Array.prototype.forEach.call(partnersList.children, function (row, index) {
      field(row, "retirer").textContent = "Retirer le partenaire " + (index + 1);
      row.querySelector(".nec-partenaire-titre").textContent = "Partenaire " + (index + 1);
    });
  }

  function addPartner(focus) {
    counter += 1;
    var prefix = "p" + counter;
    var row = template.content.firstElementChild.cloneNode(true);
    row.querySelectorAll("[data-champ]").forEach(function (node) { node.id = prefix + "-" + node.getAttribute("data-champ"); });
    row.querySelectorAll("label[data-pour]").forEach(function (label) { label.htmlFor = prefix + "-" + label.getAttribute("data-pour"); });
    var input = field(row, "saisie"), list = field(row, "suggestions"), status = field(row, "statut");
    input.setAttribute("aria-controls", list.id);
    input.setAttribute("aria-describedby", status.id);
    list.setAttribute("aria-label", "Structures connues");
    options(field(row, "relation"), D.relations, "valeur", "phrase");
    options(field(row, "frequence"), D.frequences, "code", "label");
    if (D.evenement) {
      field(row, "bloc-evenement").hidden = false;
      field(row, "question-evenement").textContent = "L’avez-vous rencontrée à « " + D.evenement.nom + " » ?";
      field(row, "rencontre-oui").name = field(row, "rencontre-non").name = prefix + "-rencontre";
    }
    fillQuestions(row, prefix);
    var commune = field(row, "bloc-commune");
    row.picker = picker(input, list, status, function (id) { commune.hidden = Boolean(id) || !input.value.trim(); });
    field(row, "retirer").addEventListener("click", function () {
      var next = row.nextElementSibling || row.previousElementSibling;
      row.remove();
      renumber();
      announce.textContent = "Partenaire retiré.";
      (next ? field(next, "saisie") : document.getElementById("ajouter")).focus();
    });
    partnersList.appendChild(row);
    renumber();
    if (focus) { input.focus(); announce.textContent = "Partenaire " + partnersList.children.length + " ajouté."; }
  }
  document.getElementById("ajouter").addEventListener("click", function () { addPartner(true); });
  addPartner(false);

  // -- the answers ------------------------------------------------------------------------------
  var formError = document.getElementById("erreur-formulaire");

  function invalid(node, message) {
    formError.textContent = message;
    node.setAttribute("aria-invalid", "true");
    node.focus();
    return null;
  }

  function today() {
    var now = new Date();
    return now.getFullYear() + "-" + String(now.getMonth() + 1).padStart(2, "0") + "-" + String(now.getDate()).padStart(2, "0");
  }

  function answers() {
    document.querySelectorAll("[aria-invalid]").forEach(function (node) { node.removeAttribute("aria-invalid"); });
    var chosen = byId.get(respondent.id);
    var name = respondentInput.value.trim();
    if (!name) { return invalid(respondentInput, "Indiquez le nom de votre structure (question 1)."); }
    var base = {repondant_id: chosen ? chosen.id : "", repondant: chosen ? chosen.nom : name,
      repondant_commune: chosen ? chosen.commune : document.getElementById("repondant-commune").value.trim(),
      date_reponse: today(), vague: D.vague ? D.vague.id : ""};
    var rows = [];
    var rowsDom = Array.prototype.slice.call(partnersList.children);
    for (var i = 0; i < rowsDom.length; i += 1) {
      var row = rowsDom[i], input = field(row, "saisie");
      var partner = byId.get(row.picker.id), partnerName = input.value.trim();
      if (!partnerName) { continue; }
      var debut = R.since(field(row, "debut").value);
      if (debut === null) { return invalid(field(row, "debut"), "Partenaire " + (i + 1) + " : « depuis quand » s’écrit 2023 ou 03/2023."); }
      var relation = D.relations[field(row, "relation").selectedIndex];
      var answer = Object.assign({}, base, {
        partenaire_id: partner ? partner.id : "", partenaire: partner ? partner.nom : partnerName,
        partenaire_commune: partner ? partner.commune : field(row, "commune").value.trim(),
        type: relation.type, sens: relation.sens, debut: debut,
        evenement: D.evenement && field(row, "rencontre-oui").checked ? D.evenement.id : "",
        frequence: field(row, "frequence").value, commentaire: field(row, "commentaire").value.trim(),
        apports: Array.prototype.filter.call(field(row, "apports").querySelectorAll("input"), function (box) { return box.checked; })
          .map(function (box) { return box.value; }).join("|")});
      row.querySelectorAll("[data-confiance]").forEach(function (select) { answer[select.getAttribute("data-confiance")] = select.value; });
      rows.push(answer);
    }
    formError.textContent = "";
    return {structure: base.repondant, rows: rows.length ? rows : [base]};
  }

  var objectUrl = null;
  function slug(text) {
    return T.normalise(text).replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 40) || "structure";
  }

  document.getElementById("enquete-formulaire").addEventListener("submit", function (event) {
    event.preventDefault();
    var result = answers();
    if (!result) { return; }
    var partners = result.rows.filter(function (row) { return row.partenaire; }).length;
    if (objectUrl) { URL.revokeObjectURL(objectUrl); }
    objectUrl = URL.createObjectURL(new Blob([R.csvText(D.colonnes, result.rows)], {type: "text/csv;charset=utf-8"}));
    var download = document.getElementById("telecharger");
    download.href = objectUrl;
    download.setAttribute("download", "reponses-" + slug(result.structure) + ".csv");
    var summary = "Réponses prêtes : " + result.structure + ", " + partners + " partenaire" + (partners > 1 ? "s" : "") + ".";
    var mail = document.getElementById("courriel");
    if (mail) {
      var link = R.mailto(D.contact, "Enquête partenariats : " + result.structure,
        "Réponses de " + result.structure + " à l’enquête sur les partenariats (fichier CSV ci-dessous).",
        D.colonnes, result.rows, D.limite_courriel);
      mail.href = link.href;
      if (link.missing) { summary += " Le courriel ne peut en porter que " + link.kept + " : joignez-y le fichier téléchargé."; }
    }
    document.getElementById("envoi-resume").textContent = summary;
    var box = document.getElementById("envoi");
    box.hidden = false;
    box.focus();
  });

  // An answer changed after the file was prepared: the file and e-mail no longer say it.
  document.getElementById("enquete-formulaire").addEventListener("input", function () {
    document.getElementById("envoi").hidden = true;
  });
  document.getElementById("imprimer").addEventListener("click", function () { window.print(); });
  document.documentElement.setAttribute("data-nec-enquete", "pret");
})();
