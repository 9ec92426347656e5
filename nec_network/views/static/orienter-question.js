/* « Où orienter ? » : the question, read from the form and written in the address (and back),
 * with the commune combobox. Fourth script of the page (see orienter-donnees.js). */
window.necOrienterScripts.parts.push(function (N) {
  'use strict';
  var D = N.D, P = N.P, byCode = N.byCode, el = N.el, normalise = N.normalise, NBSP = N.NBSP;

  // -- the question: form ⇄ address --------------------------------------------------------------
  var form = N.form = N.byId('orienter-formulaire');
  var communeInput = N.byId('commune-saisie');
  var communeCode = N.byId('commune-code');
  var formError = N.byId('erreur-formulaire');
  var list = N.byId('commune-suggestions');
  var communeStatus = N.byId('commune-statut');
  var openChoice = N.byId('ouvert');
  var openDate = N.byId('ouvert-date');
  var openTime = N.byId('ouvert-heure');
  var openWhen = N.byId('ouvert-quand');
  var FIELDS = ['difficulte', 'public', 'mobilite', 'structure'];
  // The limit is a time (with the mode) or a distance, never both: the one chosen is the one read.
  var limit = N.byId('limite');
  var LIMITS = { minutes: 'max_minutes', km: 'max_km' };
  var CHECKS = ['gratuit', 'sans_rdv', 'pmr'];

  function field(name) { return form.elements.namedItem(name); }
  // The helpers' structures, in the order Python gives (names from the data: text only).
  D.structures.forEach(function (id) {
    var option = el('option', '', N.actors.get(id).nom);
    option.value = id;
    field('structure').appendChild(option);
  });
  function communeLabel(c) { return c.nom + ' (' + (c.cp[0] || c.code) + ')'; }
  function pad(n) { return (n < 10 ? '0' : '') + n; }

  // A service given in the address (?service=…) asks for exactly that service, until the person
  // chooses a difficulty in the form.
  var askedService = null;
  field('difficulte').addEventListener('change', function () { askedService = null; });
  N.readForm = function () {
    var q = { commune: communeCode.value, service: askedService };
    FIELDS.forEach(function (name) { q[name] = field(name).value || null; });
    q.mobilite = q.mobilite || 'voiture';
    q.max_minutes = limit.value === 'minutes' ? Number(field('max_minutes').value) : null;
    q.max_km = limit.value === 'km' ? Number(field('max_km').value) : null;
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
  };
  N.toAddress = function (q) {
    var params = new URLSearchParams();
    params.set('commune', q.commune);
    FIELDS.concat(['max_minutes', 'max_km']).forEach(function (name) {
      if (q[name] !== null && q[name] !== '') { params.set(name, String(q[name])); }
    });
    CHECKS.forEach(function (name) { if (q[name]) { params.set(name, '1'); } });
    if (q.service) { params.set('service', q.service); }
    if (q.ouvertTexte) { params.set('ouvert', q.ouvertTexte); }
    return '?' + params.toString();
  };
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
  N.chooseCommune = chooseCommune;
  /* Fill the form from an address (?commune=…&difficulte=…); true when a commune was given. */
  N.fromAddress = function (search) {
    var params = new URLSearchParams(search);
    note('');
    var code = params.get('commune');
    if (code && !byCode.has(code)) {
      formError.textContent = 'La commune ' + code + ' de ce lien n\'est pas dans le territoire de cette page : choisissez-la dans la liste.';
    }
    if (!code || !byCode.has(code)) { return false; }
    chooseCommune(byCode.get(code));
    var service = params.get('service');
    var known = service && D.difficultes.some(function (d) { return d.services.indexOf(service) >= 0; });
    askedService = known ? service : null;
    if (known && !params.get('difficulte')) {
      D.difficultes.forEach(function (d) { if (d.services.indexOf(service) >= 0) { params.set('difficulte', d.code); } });
    }
    FIELDS.forEach(function (name) { setSelect(name, params.get(name)); });
    setLimit(params.get('max_minutes'), params.get('max_km'));
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
  };
  /* The link to this answer. The page writes the question in its own address (a bookmark keeps
   * it); an element leaves its host's address alone and links to the host's page with the
   * question added to the host's own parameters. */
  var ADDRESS_KEYS = ['commune', 'service', 'ouvert', 'max_minutes', 'max_km'].concat(FIELDS, CHECKS);
  N.linkTo = function (address) {
    if (!N.host) {
      try { history.replaceState(null, '', address); } catch (error) { /* file:// in some browsers */ }
      return location.href.split('?')[0] + address;
    }
    var url = new URL(location.href);
    ADDRESS_KEYS.forEach(function (key) { url.searchParams.delete(key); });
    new URLSearchParams(address).forEach(function (value, key) { url.searchParams.append(key, value); });
    url.hash = '';
    return url.href;
  };
  function showOpenWhen() { openWhen.hidden = openChoice.value !== 'le'; }
  // -- the limit: minutes or km ----------------------------------------------------------------
  var kmInput = field('max_km'), kmShown = N.byId('max_km_valeur');
  function showLimit() {
    Object.keys(LIMITS).forEach(function (kind) { N.byId('limite-' + kind).hidden = limit.value !== kind; });
    kmShown.textContent = kmInput.value + NBSP + 'km';
    kmInput.setAttribute('aria-valuetext', kmInput.value + ' km');
  }
  N.showLimit = showLimit;
  /* The limit of an address: minutes when given, else km (a link from an older page may give
   * both; a km value off the slider's steps is rounded to the nearest it has). */
  function setLimit(minutes, km) {
    limit.value = '';
    if (minutes && Number(minutes) > 0) {
      limit.value = 'minutes';
      setSelect('max_minutes', minutes);
    } else if (km && Number(km) > 0) {
      limit.value = 'km';
      kmInput.value = km;
    }
    showLimit();
  }
  limit.addEventListener('change', showLimit);
  kmInput.addEventListener('input', showLimit);
  showLimit();
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
  function scoredSearch(text) {
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
      var edits = 0;
      if (score < 0 && !digits) {
        // A typing error (« Grandviliers »): after the exact matches, fewest edits first.
        edits = window.necTexte.typo(c.cle, key);
        if (edits !== null) { score = 3; }
      }
      if (score >= 0) { scored.push([score, c, edits]); }
    });
    scored.sort(function (a, b) {
      return a[0] - b[0] || a[2] - b[2] || a[1].nom.length - b[1].nom.length || (a[1].cle < b[1].cle ? -1 : 1);
    });
    return scored.slice(0, P.suggestions);
  }
  function search(text) { return scoredSearch(text).map(function (s) { return s[1]; }); }
  N.search = search;
  /* The communes a name in an address designates: the search's best answers (the same kind of
   * match as the first, with as few typing errors), whole names first. */
  function bestNamed(text) {
    var scored = scoredSearch(text), key = normalise(text);
    var best = scored.filter(function (s) { return s[0] === scored[0][0] && s[2] === scored[0][2]; });
    // Typing errors against the start of a name tie « Grandviliers » with Grandvillers-aux-Bois:
    // a whole name within the errors (Grandvilliers) is the one meant.
    var whole = best.filter(function (s) { return s[0] === 3 && window.necTexte.typo(key, s[1].cle) !== null; });
    return (whole.length ? whole : best).map(function (s) { return s[1]; });
  }

  // -- an address: read offline to its commune, or asked to the address service when allowed -----
  var addressNote = N.byId('adresse-note');
  function note(text) { addressNote.textContent = text; addressNote.hidden = !text; }
  /* The communes an address names (« 12 rue des Trois Cailloux, 80000 Amiens »): its postal code
   * and the name after it, else its last part or last words (with the search's typing errors
   * forgiven); the communes of the postal code when the name says nothing more. */
  function addressCommunes(text) {
    var code = /(?:^|\D)(\d{5})(?!\d)/.exec(text);
    var postcode = code ? code[1] : null;
    var rest = code ? text.slice(code.index + code[0].length) : text.split(',').pop();
    var name = rest.replace(/^[\s,;.\-]+|[\s,;.\-]+$/g, '');
    var named = name && /[^\d\s]/.test(name) ? bestNamed(name) : [];
    if (!named.length && !code) {
      // No comma, no postal code: the last words that are exactly a commune's name.
      var words = normalise(text).split(' ');
      for (var n = Math.min(5, words.length - 1); n >= 1 && !named.length; n--) {
        var tail = words.slice(words.length - n).join(' ');
        named = D.communes.filter(function (c) { return c.cle === tail; });
      }
    }
    if (postcode) {
      var both = named.filter(function (c) { return c.cp.indexOf(postcode) >= 0; });
      if (both.length) { return both; }
      return D.communes.filter(function (c) { return c.cp.indexOf(postcode) >= 0; });
    }
    return named;
  }
  N.addressCommunes = addressCommunes;
  /* The text typed looks like an address (a number and words, or a comma). */
  function looksLikeAddress(text) {
    return /\d/.test(text) && /[^\d\s]{2}/.test(text) || text.indexOf(',') >= 0;
  }
  function candidates(text) {
    var found = search(text);
    return found.length || !looksLikeAddress(text) ? found : addressCommunes(text);
  }
  /* Choose the commune of an address, and say so under the field. */
  function chooseFromAddress(c, address, how) {
    chooseCommune(c);
    note(how + ' « ' + address + ' » : la page compte depuis sa commune, ' + communeLabel(c) + '.');
  }

  /* The question the form asks, once sent: null (and the French error said, the field focused)
   * when no commune is chosen and the text typed names none for sure. */
  N.question = function () {
    if (!communeCode.value) {
      var typed = communeInput.value.trim();
      var found = search(typed);
      var fromAddress = !found.length && looksLikeAddress(typed) ? addressCommunes(typed) : [];
      if (found.length && (found.length === 1 || normalise(found[0].nom) === normalise(typed))) {
        chooseCommune(found[0]);
      } else if (fromAddress.length === 1) {
        chooseFromAddress(fromAddress[0], typed, 'Adresse');
      } else {
        formError.textContent = 'Choisissez la commune de la personne dans la liste proposée (nom, code postal ou adresse).';
        communeInput.setAttribute('aria-invalid', 'true');
        communeInput.focus();
        return null;
      }
    }
    formError.textContent = '';
    communeInput.removeAttribute('aria-invalid');
    return N.readForm();
  };
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
    note('');
    suggestions = candidates(communeInput.value.trim());
    active = -1;
    renderList();
  });
  communeInput.addEventListener('keydown', function (event) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (list.hidden) { suggestions = candidates(communeInput.value.trim()); }
      if (!suggestions.length) { return; }
      event.preventDefault();
      var step = event.key === 'ArrowDown' ? 1 : -1;
      active = (active + step + suggestions.length) % suggestions.length;
      renderList();
      var option = N.byId('commune-option-' + active);
      if (option && option.scrollIntoView) { option.scrollIntoView({ block: 'nearest' }); }
    } else if (event.key === 'Enter' && !list.hidden && suggestions.length) {
      event.preventDefault();
      chooseCommune(suggestions[Math.max(active, 0)]);
    } else if (event.key === 'Escape') {
      closeList();
    }
  });
  communeInput.addEventListener('blur', function () { closeList(); });

  /* Built with an address service (nec-network orientation --adresse-en-ligne): the button sends
   * the typed text, and only it (no cookie, no referrer: not the page's address), then the page
   * counts from the commune the service names. Without it, no request is ever made. */
  var online = N.byId('adresse-ban');
  if (online && P.adresse_en_ligne) {
    online.addEventListener('click', function () {
      var typed = communeInput.value.trim();
      if (!typed) { note('Tapez d’abord l’adresse de la personne.'); communeInput.focus(); return; }
      note('Recherche de « ' + typed + ' » dans la Base Adresse Nationale…');
      var url = P.adresse_en_ligne + (P.adresse_en_ligne.indexOf('?') < 0 ? '?' : '&') +
        new URLSearchParams({ q: typed, limit: '1' }).toString();
      fetch(url, { credentials: 'omit', referrerPolicy: 'no-referrer', cache: 'no-store' })
        .then(function (response) { if (!response.ok) { throw new Error(String(response.status)); } return response.json(); })
        .then(function (answer) { fromService(typed, answer); })
        .catch(function () { offlineInstead(typed, 'La Base Adresse Nationale n’a pas répondu'); });
    });
  }
  function fromService(typed, answer) {
    var feature = answer && answer.features && answer.features[0];
    var props = feature && feature.properties;
    if (!props || typeof props.citycode !== 'string') {
      offlineInstead(typed, 'La Base Adresse Nationale ne connaît pas cette adresse');
    } else if (!byCode.has(props.citycode)) {
      note('La Base Adresse Nationale situe « ' + typed + ' » à ' + String(props.city || props.citycode) +
        ', hors du territoire de cette page.');
    } else {
      chooseFromAddress(byCode.get(props.citycode), String(props.label || typed), 'Adresse trouvée par la Base Adresse Nationale :');
    }
  }
  function offlineInstead(typed, why) {
    var found = addressCommunes(typed);
    if (found.length === 1) { chooseFromAddress(found[0], typed, why + ' ; adresse lue hors ligne :'); }
    else { note(why + ' : choisissez la commune dans la liste.'); suggestions = found; renderList(); }
  }
});
