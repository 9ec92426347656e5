/* « Où orienter ? » : the places answering a difficulty from the person's commune.
 *
 * Reads the page's JSON document (see nec_network.views.orientation.orientation_data) and
 * computes in the browser exactly what nec_network.analysis.orientation.orient computes in
 * Python: great-circle distance × detour / speed, itinerant places serving the commune first,
 * at least the N nearest, the same refinements and the same reasons. Text from the data only
 * ever reaches the page through textContent or attributes set one by one: never innerHTML.
 * The first name and the note typed for the printed sheet stay in this page: they are never
 * stored, put in the address or sent.
 */
(function () {
  'use strict';

  var D = JSON.parse(document.getElementById('nec-donnees').textContent);
  var P = D.parametres;
  var NBSP = '\u00a0';
  var byCode = {};
  D.communes.forEach(function (c) { byCode[c.code] = c; });
  var actors = {};
  D.acteurs.forEach(function (a) { actors[a.id] = a; });
  var difficulties = {};
  D.difficultes.forEach(function (d) { difficulties[d.code] = d; });
  var careNeeds = {};
  D.publics.forEach(function (p) { if (p.prise_en_charge) { careNeeds[p.valeur] = true; } });

  // -- text ---------------------------------------------------------------------------------
  /* Same key as nec_network.text.normalize_name: case, accents, hyphens, apostrophes, Saint/St. */
  function normalise(text) {
    return String(text).replace(/œ/g, 'oe').replace(/Œ/g, 'oe').replace(/æ/g, 'ae').replace(/Æ/g, 'ae')
      .normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
      .replace(/[\s\-'’‘`_/.,()]+/g, ' ').trim()
      .replace(/\b(st|ste|saint|sainte)\b/g, 'st');
  }
  function decimal(value, digits) {
    return value.toFixed(digits).replace('.', ',');
  }
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = text; }
    return node;
  }
  function quoted(text) { return '«' + NBSP + text + NBSP + '»'; }
  function listed(items) {
    if (items.length <= 1) { return items.join(''); }
    return items.slice(0, -1).join(', ') + ' et ' + items[items.length - 1];
  }

  // -- distances (nec_network.distance.great_circle_km, analysis.spatial.travel_minutes) ---------
  function greatCircleKm(lat1, lon1, lat2, lon2) {
    var rad = Math.PI / 180;
    var p1 = lat1 * rad, p2 = lat2 * rad;
    var half = Math.pow(Math.sin((p2 - p1) / 2), 2) +
      Math.cos(p1) * Math.cos(p2) * Math.pow(Math.sin((lon2 * rad - lon1 * rad) / 2), 2);
    return 2 * P.rayon_terre_km * Math.asin(Math.sqrt(Math.min(Math.max(half, 0), 1)));
  }
  function travelMinutes(km, mode) {
    return km * P.detour / P.vitesses[mode] * 60;
  }

  // -- opening hours (nec_network.model.opening_hours) -----------------------------------------
  function easter(year) {
    var a = year % 19, b = Math.floor(year / 100), c = year % 100;
    var d = Math.floor(b / 4), e = b % 4, g = Math.floor((8 * b + 13) / 25);
    var h = (19 * a + b - d - g + 15) % 30, i = Math.floor(c / 4), k = c % 4;
    var l = (32 + 2 * e + 2 * i - h - k) % 7, m = Math.floor((a + 11 * h + 19 * l) / 433);
    var month = Math.floor((h + l - 7 * m + 90) / 25), day = (h + l - 7 * m + 33 * month + 19) % 32;
    return new Date(year, month - 1, day);
  }
  function isPublicHoliday(date) {
    var key = (date.getMonth() + 1) + '-' + date.getDate();
    if (['1-1', '5-1', '5-8', '7-14', '8-15', '11-1', '11-11', '12-25'].indexOf(key) >= 0) { return true; }
    var base = easter(date.getFullYear());
    return [1, 39, 50].some(function (offset) {
      var day = new Date(base.getFullYear(), base.getMonth(), base.getDate() + offset);
      return day.getMonth() === date.getMonth() && day.getDate() === date.getDate();
    });
  }
  function dayHours(week, date) {
    if (week.feries && isPublicHoliday(date)) { return week.feries; }
    return week.jours[(date.getDay() + 6) % 7];
  }
  function openAt(week, when) {
    if (!week) { return null; }
    if (week.toujours) { return true; }
    var minute = when.getHours() * 60 + when.getMinutes();
    var today = dayHours(week, when);
    var yesterday = dayHours(week, new Date(when.getFullYear(), when.getMonth(), when.getDate() - 1));
    if (today.plages.some(function (s) { return s.debut <= minute && minute < s.fin; })) { return true; }
    if (yesterday.plages.some(function (s) { return s.fin > 1440 && minute < s.fin - 1440; })) { return true; }
    return today.connu ? false : null;
  }
  function frenchTime(minutes) {
    minutes = minutes % 1440;
    if (minutes === 0) { return 'minuit'; }
    var rest = minutes % 60;
    return Math.floor(minutes / 60) + NBSP + 'h' + (rest ? NBSP + (rest < 10 ? '0' : '') + rest : '');
  }
  /* Same wording as nec_network.model.opening_hours.opening_status. */
  function openingStatus(week, when) {
    if (!week) { return null; }
    if (week.toujours) { return 'ouvert maintenant'; }
    var now = when.getHours() * 60 + when.getMinutes();
    var today = dayHours(week, when);
    if (openAt(week, when)) {
      var span = today.plages.filter(function (s) { return s.debut <= now && now < s.fin; })[0];
      return 'ouvert maintenant' + (span ? ', jusqu\'à ' + frenchTime(span.fin) : '');
    }
    if (!today.connu) { return null; }
    var later = today.plages.filter(function (s) { return s.debut > now; });
    if (later.length) { return 'ouvert aujourd\'hui, à partir de ' + frenchTime(later[0].debut); }
    if (today.plages.length) { return 'fermé pour aujourd\'hui'; }
    return 'fermé aujourd\'hui' + (week.feries && isPublicHoliday(when) ? ' (jour férié)' : '');
  }

  // -- the computation (nec_network.analysis.orientation.orient) --------------------------------
  function offers(actor, difficulty) {
    if (!difficulty) { return actor.services.length > 0; }
    return difficulty.services.some(function (s) { return actor.services.indexOf(s) >= 0; });
  }
  function welcomes(actor, publicValue) {
    if (!publicValue) { return true; }
    if (careNeeds[publicValue]) { return actor.prises_en_charge.indexOf(publicValue) >= 0; }
    return actor.publics.length === 0 || actor.publics.indexOf(publicValue) >= 0;
  }
  function keptByRefinements(actor, q) {
    if (q.gratuit && actor.frais.indexOf(P.gratuit) < 0) { return false; }
    if (q.sans_rdv && actor.acces.indexOf(P.sans_rendez_vous) < 0) { return false; }
    if (q.pmr && actor.prises_en_charge.indexOf(P.mobilite_reduite) < 0) { return false; }
    if (q.ouvert && openAt(actor.semaine, q.ouvert) !== true) { return false; }
    return true;
  }
  function orient(q) {
    var home = byCode[q.commune];
    var difficulty = difficulties[q.difficulte] || null;
    var located = [];
    D.acteurs.forEach(function (actor) {
      if (!actor.accueil || !offers(actor, difficulty) || !welcomes(actor, q.public)) { return; }
      if (actor.lat === null || actor.lon === null) { return; }
      var serves = actor.itinerant && actor.zone.indexOf(home.code) >= 0;
      var km = serves ? 0 : greatCircleKm(home.lat, home.lon, actor.lat, actor.lon);
      located.push({ acteur: actor, km: km, minutes: travelMinutes(km, q.mobilite), passe: serves });
    });
    located.sort(function (a, b) {
      if (a.passe !== b.passe) { return a.passe ? -1 : 1; }
      if (a.km !== b.km) { return a.km - b.km; }
      return a.acteur.id < b.acteur.id ? -1 : (a.acteur.id > b.acteur.id ? 1 : 0);
    });
    var kept = located.filter(function (p) { return keptByRefinements(p.acteur, q); });
    var limited = q.max_minutes !== null || q.max_km !== null;
    var chosen;
    if (limited) {
      chosen = kept.filter(function (p) {
        return (q.max_km === null || p.km <= q.max_km) && (q.max_minutes === null || p.minutes <= q.max_minutes);
      });
    } else {
      chosen = kept.filter(function (p, rank) { return rank < P.minimum || p.minutes <= P.minutes_defaut; });
    }
    var withinDefault = kept.some(function (p) { return p.minutes <= P.minutes_defaut; });
    var reason = '';
    if (!located.length) { reason = 'no_offer'; }
    else if (!kept.length) { reason = 'refinements'; }
    else if (limited && !chosen.length) { reason = 'too_far'; }
    else if (!limited && !withinDefault) { reason = 'far'; }
    var nearest = null;
    if (reason === 'refinements') { nearest = located[0]; }
    else if (reason === 'too_far' || reason === 'far') { nearest = kept[0]; }
    if (q.structure && actors[q.structure]) {
      var paths = referralPaths(q.structure);
      chosen.forEach(function (p) { p.chemin = paths[p.acteur.id] || []; });
    }
    return {
      lieux: chosen, candidats: located.length, retenus: kept.length, plusProche: nearest, raison: reason,
      aDistance: located.filter(function (p) { return p.acteur.accompagnement.indexOf(P.a_distance) >= 0; })
    };
  }
  var adjacency = null;
  function referralPaths(start) {
    if (!adjacency) {
      adjacency = {};
      D.liens_orientation.forEach(function (link) {
        (adjacency[link.a] = adjacency[link.a] || []).push(link.b);
        (adjacency[link.b] = adjacency[link.b] || []).push(link.a);
      });
    }
    var paths = {};
    paths[start] = [start];
    var queue = [start];
    while (queue.length) {
      var current = queue.shift();
      (adjacency[current] || []).forEach(function (next) {
        if (!paths[next]) { paths[next] = paths[current].concat([next]); queue.push(next); }
      });
    }
    return paths;
  }

  // -- the question: form ⇄ address --------------------------------------------------------------
  var form = document.getElementById('orienter-formulaire');
  var communeInput = document.getElementById('commune-saisie');
  var communeCode = document.getElementById('commune-code');
  var list = document.getElementById('commune-suggestions');
  var communeStatus = document.getElementById('commune-statut');
  var openChoice = document.getElementById('ouvert');
  var openDate = document.getElementById('ouvert-date');
  var openTime = document.getElementById('ouvert-heure');
  var openWhen = document.getElementById('ouvert-quand');
  var FIELDS = ['difficulte', 'public', 'mobilite', 'structure', 'max_minutes', 'max_km'];
  var CHECKS = ['gratuit', 'sans_rdv', 'pmr'];

  function field(name) { return form.elements.namedItem(name); }
  function communeLabel(c) { return c.nom + ' (' + (c.cp[0] || c.code) + ')'; }
  function pad(n) { return (n < 10 ? '0' : '') + n; }

  function readForm() {
    var q = { commune: communeCode.value };
    FIELDS.forEach(function (name) { q[name] = field(name).value || null; });
    q.mobilite = q.mobilite || 'voiture';
    q.max_minutes = q.max_minutes === null ? null : Number(q.max_minutes);
    q.max_km = q.max_km === null ? null : Number(q.max_km);
    CHECKS.forEach(function (name) { q[name] = field(name).checked; });
    q.ouvertTexte = '';
    q.ouvert = null;
    if (openChoice.value === 'maintenant') {
      q.ouvert = new Date();
      q.ouvertTexte = 'maintenant';
    } else if (openChoice.value === 'le' && openDate.value && openTime.value) {
      var d = openDate.value.split('-').map(Number), t = openTime.value.split(':').map(Number);
      q.ouvert = new Date(d[0], d[1] - 1, d[2], t[0], t[1]);
      q.ouvertTexte = openDate.value + 'T' + openTime.value;
    }
    return q;
  }
  function toAddress(q) {
    var params = new URLSearchParams();
    params.set('commune', q.commune);
    FIELDS.forEach(function (name) { if (q[name] !== null && q[name] !== '') { params.set(name, String(q[name])); } });
    CHECKS.forEach(function (name) { if (q[name]) { params.set(name, '1'); } });
    if (q.ouvertTexte) { params.set('ouvert', q.ouvertTexte); }
    return '?' + params.toString();
  }
  function setSelect(name, value) {
    var select = field(name);
    if (value === null || value === undefined) { return; }
    var found = Array.prototype.some.call(select.options, function (o) { return o.value === value; });
    if (found) { select.value = value; }
  }
  function chooseCommune(c) {
    communeCode.value = c.code;
    communeInput.value = communeLabel(c);
    closeList();
  }
  /* Fill the form from an address (?commune=…&difficulte=…); true when a commune was given. */
  function fromAddress(search) {
    var params = new URLSearchParams(search);
    var code = params.get('commune');
    if (code && !byCode[code]) {
      formError.textContent = 'La commune ' + code + ' de ce lien n\'est pas dans le territoire de cette page : choisissez-la dans la liste.';
    }
    if (!code || !byCode[code]) { return false; }
    chooseCommune(byCode[code]);
    var service = params.get('service');
    if (service && !params.get('difficulte')) {
      D.difficultes.forEach(function (d) { if (d.services.indexOf(service) >= 0) { params.set('difficulte', d.code); } });
    }
    FIELDS.forEach(function (name) { setSelect(name, params.get(name)); });
    CHECKS.forEach(function (name) { field(name).checked = params.get(name) === '1'; });
    var open = params.get('ouvert');
    if (open === 'maintenant') { openChoice.value = 'maintenant'; }
    else if (open && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(open)) {
      openChoice.value = 'le';
      openDate.value = open.slice(0, 10);
      openTime.value = open.slice(11);
    } else { openChoice.value = ''; }
    showOpenWhen();
    return true;
  }
  function showOpenWhen() { openWhen.hidden = openChoice.value !== 'le'; }
  openChoice.addEventListener('change', function () {
    if (openChoice.value === 'le' && !openDate.value) {
      var now = new Date();
      openDate.value = now.getFullYear() + '-' + pad(now.getMonth() + 1) + '-' + pad(now.getDate());
      openTime.value = pad(now.getHours()) + ':00';
    }
    showOpenWhen();
  });

  // -- commune combobox (ARIA 1.2 pattern) ------------------------------------------------------
  var suggestions = [];
  var active = -1;
  D.communes.forEach(function (c) { c.cle = normalise(c.nom); });
  function search(text) {
    var key = normalise(text);
    if (!key) { return []; }
    var digits = /^\d+$/.test(key.replace(/ /g, ''));
    var scored = [];
    D.communes.forEach(function (c) {
      var score = -1;
      if (digits) {
        var k = key.replace(/ /g, '');
        if (c.cp.some(function (cp) { return cp.indexOf(k) === 0; })) { score = 1; }
        else if (c.code.indexOf(k) === 0) { score = 2; }
      } else if (c.cle === key) { score = 0; }
      else if (c.cle.indexOf(key) === 0) { score = 1; }
      else if ((' ' + c.cle).indexOf(' ' + key) >= 0) { score = 2; }
      if (score >= 0) { scored.push([score, c]); }
    });
    scored.sort(function (a, b) {
      return a[0] - b[0] || a[1].nom.length - b[1].nom.length || (a[1].cle < b[1].cle ? -1 : 1);
    });
    return scored.slice(0, P.suggestions).map(function (s) { return s[1]; });
  }
  function closeList() {
    list.hidden = true;
    communeInput.setAttribute('aria-expanded', 'false');
    communeInput.removeAttribute('aria-activedescendant');
    active = -1;
  }
  function renderList() {
    list.textContent = '';
    suggestions.forEach(function (c, i) {
      var option = el('li', 'nec-suggestion', communeLabel(c));
      option.id = 'commune-option-' + i;
      option.setAttribute('role', 'option');
      option.setAttribute('aria-selected', i === active ? 'true' : 'false');
      option.addEventListener('mousedown', function (event) { event.preventDefault(); });
      option.addEventListener('click', function () { chooseCommune(c); });
      list.appendChild(option);
    });
    var open = suggestions.length > 0;
    list.hidden = !open;
    communeInput.setAttribute('aria-expanded', open ? 'true' : 'false');
    if (active >= 0) { communeInput.setAttribute('aria-activedescendant', 'commune-option-' + active); }
    else { communeInput.removeAttribute('aria-activedescendant'); }
    communeStatus.textContent = communeInput.value.trim() ?
      (suggestions.length ? suggestions.length + ' commune' + (suggestions.length > 1 ? 's proposées' : ' proposée') +
        ' : flèches haut et bas pour choisir, Entrée pour valider.' : 'Aucune commune ne correspond.') : '';
  }
  communeInput.addEventListener('input', function () {
    communeCode.value = '';
    suggestions = search(communeInput.value);
    active = -1;
    renderList();
  });
  communeInput.addEventListener('keydown', function (event) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (list.hidden) { suggestions = search(communeInput.value); }
      if (!suggestions.length) { return; }
      event.preventDefault();
      var step = event.key === 'ArrowDown' ? 1 : -1;
      active = (active + step + suggestions.length) % suggestions.length;
      renderList();
      var option = document.getElementById('commune-option-' + active);
      if (option && option.scrollIntoView) { option.scrollIntoView({ block: 'nearest' }); }
    } else if (event.key === 'Enter' && !list.hidden && suggestions.length) {
      event.preventDefault();
      chooseCommune(suggestions[Math.max(active, 0)]);
    } else if (event.key === 'Escape') {
      closeList();
    }
  });
  communeInput.addEventListener('blur', function () { closeList(); });

  // -- the answer ---------------------------------------------------------------------------------
  var answer = document.getElementById('reponse');
  var summary = document.getElementById('resume');
  var why = document.getElementById('pourquoi');
  var places = document.getElementById('lieux');
  var remote = document.getElementById('sans-deplacement');
  var remoteList = document.getElementById('sans-deplacement-liste');
  var shareLink = document.getElementById('lien-partage');
  var formError = document.getElementById('erreur-formulaire');
  var sheetTitle = document.getElementById('fiche-titre');

  function modePhrase(mode) { return P.modes[mode] || mode; }
  /* Same as nec_network.views.orientation.duration_text: « 19 min », « 1 h 05 ». */
  function minutesText(value) {
    var total = Math.round(value);
    if (total < 60) { return total + NBSP + 'min'; }
    var rest = total % 60;
    return Math.floor(total / 60) + NBSP + 'h' + (rest ? NBSP + (rest < 10 ? '0' : '') + rest : '');
  }
  function limitText(q) {
    var parts = [];
    if (q.max_minutes !== null) { parts.push(q.max_minutes + ' minutes ' + modePhrase(q.mobilite)); }
    if (q.max_km !== null) { parts.push(decimal(q.max_km, 0) + NBSP + 'km'); }
    return parts.join(' et ');
  }
  /* Same sentences as nec_network.views.orientation.why_sentence. */
  function whySentence(result, q) {
    var difficulty = difficulties[q.difficulte];
    var what = difficulty ? quoted(difficulty.libelle) : 'ce besoin';
    var nearest = result.plusProche;
    var nearestText = nearest ? nearest.acteur.nom + ', à ' + minutesText(nearest.minutes) + ' ' +
      modePhrase(q.mobilite) + ' (' + decimal(nearest.km, 1) + NBSP + 'km)' : '';
    if (result.raison === 'no_offer') {
      return 'Aucun lieu du territoire ne propose ' + what + (q.public ? ' au public ' + quoted(q.public) : '') + '.';
    }
    if (result.raison === 'refinements') {
      return 'Aucun lieu ne répond à tous les critères choisis ; sans ces critères, le plus proche est ' + nearestText + '.';
    }
    if (result.raison === 'too_far') {
      return 'Aucun lieu à moins de ' + limitText(q) + ' ; le plus proche est ' + nearestText + '.';
    }
    if (result.raison === 'far') {
      return 'Aucun lieu à moins de ' + P.minutes_defaut + ' minutes ' + modePhrase(q.mobilite) +
        ' ; le plus proche est ' + nearestText + '.';
    }
    return '';
  }
  function addDetail(dl, term, value) {
    if (!value) { return null; }
    dl.appendChild(el('dt', '', term));
    var dd = el('dd', '', typeof value === 'string' ? value : null);
    if (typeof value !== 'string') { dd.appendChild(value); }
    dl.appendChild(dd);
    return dd;
  }
  function contactNode(actor) {
    var span = el('span');
    var parts = [];
    if (actor.telephone) {
      var tel = el('a', '', actor.telephone);
      tel.href = 'tel:' + actor.telephone.replace(/[^\d+]/g, '');
      parts.push(tel);
    }
    actor.courriels.forEach(function (mail) {
      var link = el('a', '', mail);
      link.href = 'mailto:' + mail;
      parts.push(link);
    });
    actor.sites.forEach(function (url) {
      var link = el('a', '', url.replace(/^https?:\/\//, '').replace(/\/$/, ''));
      link.href = url;
      parts.push(link);
    });
    if (actor.rdv) {
      var rdv = el('a', '', 'prendre rendez-vous en ligne');
      rdv.href = actor.rdv;
      parts.push(rdv);
    }
    parts.forEach(function (node, i) {
      if (i) { span.appendChild(document.createTextNode(' · ')); }
      span.appendChild(node);
    });
    return parts.length ? span : null;
  }
  function referralText(path, q) {
    if (!q.structure || !actors[q.structure]) { return null; }
    if (!path || !path.length) { return 'aucun partenariat connu depuis votre structure : contactez le lieu directement'; }
    if (path.length === 1) { return 'c\'est votre structure'; }
    if (path.length === 2) { return 'partenaire direct de votre structure'; }
    return 'via ' + path.slice(1, -1).map(function (id) { return actors[id].nom; }).join(' → ');
  }
  function card(place, rank, q, now) {
    var actor = place.acteur;
    var item = el('li', 'nec-lieu');
    item.setAttribute('data-acteur', actor.id);
    var article = el('article');
    article.setAttribute('aria-labelledby', 'lieu-' + rank);
    var title = el('h3', '', '');
    title.id = 'lieu-' + rank;
    title.appendChild(el('span', 'nec-rang', rank + '. '));
    title.appendChild(document.createTextNode(actor.nom));
    article.appendChild(title);
    var kind = [actor.types.join(', '), actor.commune].filter(Boolean).join(' · ');
    if (kind) { article.appendChild(el('p', 'nec-type', kind)); }
    var trip = el('p', 'nec-trajet');
    if (place.passe) {
      trip.appendChild(el('strong', 'nec-itinerant', 'Vient dans la commune'));
      trip.appendChild(document.createTextNode(' (lieu itinérant : voir ses dates de passage)'));
    } else {
      trip.textContent = decimal(place.km, 1) + NBSP + 'km · environ ' + minutesText(place.minutes) + ' ' +
        modePhrase(q.mobilite);
    }
    article.appendChild(trip);
    var dl = el('dl', 'nec-details');
    if (actor.adresse) { addDetail(dl, 'Adresse', actor.adresse); }
    var hours = addDetail(dl, 'Horaires', actor.horaires || 'non renseignés');
    var status = openingStatus(actor.semaine, now);
    if (status && hours) {
      // Today's status is for the screen only: a printed sheet is read on other days.
      var today = el('span', status.indexOf('ouvert') === 0 ? 'nec-ouvert' : 'nec-ferme', ' — ');
      today.appendChild(el('strong', '', status));
      hours.appendChild(today);
    }
    addDetail(dl, 'Accès', actor.acces.join(', '));
    addDetail(dl, 'Accompagnement', actor.accompagnement.join(', '));
    addDetail(dl, 'Frais', actor.frais.join(', '));
    var publics = actor.publics.length ? actor.publics.join(', ') : 'tout public';
    if (actor.prises_en_charge.length) { publics += ' ; accueil adapté : ' + actor.prises_en_charge.join(', '); }
    addDetail(dl, 'Publics', publics);
    addDetail(dl, 'Contact', contactNode(actor));
    addDetail(dl, 'Par votre réseau', referralText(place.chemin, q));
    article.appendChild(dl);
    var keep = el('label', 'nec-retenir nec-pas-imprime');
    var box = el('input');
    box.type = 'checkbox';
    box.className = 'nec-retenir-case';
    box.checked = rank <= P.retenus_fiche;
    item.classList.toggle('nec-retenu', box.checked);
    box.addEventListener('change', function () { item.classList.toggle('nec-retenu', box.checked); });
    keep.appendChild(box);
    keep.appendChild(document.createTextNode(' Retenir pour la fiche à imprimer'));
    article.appendChild(keep);
    item.appendChild(article);
    return item;
  }
  function resourceItem(resource) {
    var item = el('li');
    item.appendChild(el('strong', '', resource.nom));
    if (resource.description) { item.appendChild(document.createTextNode(' — ' + resource.description)); }
    if (resource.lien) {
      item.appendChild(document.createTextNode(' '));
      var link = el('a', '', resource.telephone ? resource.lien : resource.lien.replace(/^https?:\/\//, ''));
      link.href = resource.telephone ? 'tel:' + resource.lien.replace(/[^\d+]/g, '') : resource.lien;
      item.appendChild(link);
    }
    return item;
  }
  function render(q) {
    var home = byCode[q.commune];
    var result = orient(q);
    var now = new Date();
    answer.hidden = false;
    places.textContent = '';
    result.lieux.forEach(function (place, i) { places.appendChild(card(place, i + 1, q, now)); });
    var difficulty = difficulties[q.difficulte];
    var asked = (difficulty ? quoted(difficulty.libelle) : 'tout besoin') + ' depuis ' + home.nom +
      (q.public ? ', public ' + quoted(q.public) : '') + ', ' + modePhrase(q.mobilite);
    var count = result.lieux.length;
    summary.textContent = count ? count + (count > 1 ? ' lieux' : ' lieu') + ' pour ' + asked +
      ', du plus proche au plus loin.' : 'Aucun lieu à proposer pour ' + asked + '.';
    var sentence = whySentence(result, q);
    why.textContent = sentence;
    why.hidden = !sentence;
    remoteList.textContent = '';
    var serving = result.lieux.filter(function (p) { return p.passe; });
    serving.forEach(function (p) {
      remoteList.appendChild(el('li', '', p.acteur.nom + ' vient dans la commune (lieu itinérant).'));
    });
    result.aDistance.slice(0, P.a_distance_max).forEach(function (p) {
      remoteList.appendChild(el('li', '', p.acteur.nom + ' accompagne aussi à distance.'));
    });
    D.ressources.filter(function (r) {
      return (!q.difficulte || r.difficultes.indexOf(q.difficulte) >= 0) &&
        (!q.public || !r.publics.length || r.publics.indexOf(q.public) >= 0);
    }).forEach(function (r) { remoteList.appendChild(resourceItem(r)); });
    remote.hidden = !remoteList.children.length;
    var address = toAddress(q);
    try { history.replaceState(null, '', address); } catch (error) { /* file:// in some browsers */ }
    shareLink.value = location.href.split('?')[0] + address;
    sheetTitle.textContent = 'Fiche d\'orientation — ' + home.nom + ' — ' + now.toLocaleDateString('fr-FR');
    document.documentElement.setAttribute('data-nec-orienter', 'pret');
  }
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    if (!communeCode.value) {
      var found = search(communeInput.value);
      if (found.length && (found.length === 1 || normalise(found[0].nom) === normalise(communeInput.value))) {
        chooseCommune(found[0]);
      } else {
        formError.textContent = 'Choisissez la commune de la personne dans la liste proposée (nom ou code postal).';
        communeInput.setAttribute('aria-invalid', 'true');
        communeInput.focus();
        return;
      }
    }
    formError.textContent = '';
    communeInput.removeAttribute('aria-invalid');
    render(readForm());
    summary.focus();
  });
  Array.prototype.forEach.call(document.querySelectorAll('.nec-affiner input, .nec-affiner select'), function (control) {
    control.addEventListener('change', function () { if (communeCode.value && !answer.hidden) { render(readForm()); } });
  });

  // -- share, print, examples ---------------------------------------------------------------------
  document.getElementById('copier-lien').addEventListener('click', function () {
    var status = document.getElementById('copier-statut');
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(shareLink.value).then(function () { status.textContent = 'Lien copié.'; });
    } else {
      shareLink.select();
      status.textContent = 'Lien sélectionné : appuyez sur Ctrl+C (ou Cmd+C) pour le copier.';
    }
  });
  var firstName = document.getElementById('fiche-prenom');
  var note = document.getElementById('fiche-note');
  var printedName = document.getElementById('fiche-pour');
  var printedNote = document.getElementById('fiche-note-imprimee');
  function copyToSheet() {
    printedName.textContent = firstName.value.trim() ? 'Pour ' + firstName.value.trim() : '';
    printedNote.textContent = note.value.trim() ? 'Note : ' + note.value.trim() : '';
  }
  firstName.addEventListener('input', copyToSheet);
  note.addEventListener('input', copyToSheet);
  document.getElementById('imprimer').addEventListener('click', function () { copyToSheet(); window.print(); });

  var examples = document.getElementById('exemples');
  D.exemples.forEach(function (example) {
    if (!byCode[example.commune]) { return; }
    var button = el('button', 'nec-exemple', example.libelle);
    button.type = 'button';
    button.addEventListener('click', function () {
      var params = new URLSearchParams();
      params.set('commune', example.commune);
      ['difficulte', 'public', 'mobilite', 'structure'].forEach(function (name) {
        if (example[name]) { params.set(name, example[name]); }
      });
      form.reset();
      fromAddress('?' + params.toString());
      render(readForm());
      summary.focus();
    });
    examples.appendChild(button);
  });
  examples.parentNode.hidden = !examples.children.length;

  if (fromAddress(location.search)) {
    render(readForm());
    // Opened from a shared link: the answer is what the person came for (below the form on a phone).
    if (answer.getBoundingClientRect().top > window.innerHeight) { answer.scrollIntoView(); }
  }
  else { document.documentElement.setAttribute('data-nec-orienter', 'pret'); }
  window.necOrienter = { orient: orient, openingStatus: openingStatus, normalise: normalise, search: search };
})();
