/* « Où orienter ? » : the answer, one card a place, why nothing is near, what comes to the
 * person, and the address to share. Fifth script of the page (see orienter-donnees.js). */
window.necOrienterScripts.parts.push(function (N) {
  'use strict';
  var D = N.D, P = N.P, NBSP = N.NBSP, el = N.el, decimal = N.decimal, quoted = N.quoted;
  var actors = N.actors, difficulties = N.difficulties, byCode = N.byCode;

  var answer = N.answer = N.byId('reponse');
  var summary = N.summary = N.byId('resume');
  var why = N.byId('pourquoi');
  var places = N.byId('lieux');
  var remote = N.byId('sans-deplacement');
  var remoteList = N.byId('sans-deplacement-liste');
  var shareLink = N.shareLink = N.byId('lien-partage');
  var sheetTitle = N.byId('fiche-titre');
  var printedSummary = N.byId('resume-imprime');
  var askedText = '';
  /* The printed sheet says what it prints: the places kept for it, out of those proposed. */
  function sayPrinted() {
    var kept = places.querySelectorAll('.nec-lieu.nec-retenu').length, total = places.children.length;
    printedSummary.textContent = (kept ? kept + (kept > 1 ? ' lieux retenus' : ' lieu retenu') : 'Aucun lieu retenu') +
      ' sur ' + total + (total > 1 ? ' proposés' : ' proposé') + ' — ' + askedText + '.';
  }

  function modePhrase(mode) { return N.modes.get(mode) || mode; }
  /* Same as nec_network.views.orientation.duration_text: « 19 min », « 1 h 05 ». */
  function minutesText(value) {
    var total = Math.round(value);
    if (total < 60) { return total + NBSP + 'min'; }
    return N.hoursText(total);
  }
  function limitText(q) {
    var parts = [];
    if (q.max_minutes !== null) { parts.push(q.max_minutes + ' minutes ' + modePhrase(q.mobilite)); }
    if (q.max_km !== null) { parts.push(decimal(q.max_km, 0) + NBSP + 'km'); }
    return parts.join(' et ');
  }
  /* Same sentences as nec_network.views.orientation.why_sentence. */
  function whySentence(result, q) {
    var difficulty = difficulties.get(q.difficulte);
    var what = q.service ? 'le service ' + quoted(q.service) : (difficulty ? quoted(difficulty.libelle) : 'ce besoin');
    var nearest = result.plusProche;
    var nearestText = nearest ? nearest.acteur.nom + ', à ' + minutesText(nearest.minutes) + ' ' +
      modePhrase(q.mobilite) + ' (' + decimal(nearest.km, 1) + NBSP + 'km)' : '';
    if (result.raison === 'no_offer') {
      return 'Aucun lieu du territoire ne propose ' + what + (q.public ? ' au public ' + quoted(q.public) : '') + '.' +
        (result.accueil.length ? ' ' + P.phrase_accueil : '');
    }
    if (result.raison === 'refinements') {
      return 'Aucun lieu ne répond à tous les critères choisis ; sans ces critères, le plus proche est ' + nearestText + '.';
    }
    if (result.raison === 'too_far') {
      return 'Aucun lieu à moins de ' + limitText(q) + ' ; le plus proche est ' + nearestText + '.';
    }
    if (result.raison === 'far') {
      var near = P.km_defaut !== null ? decimal(P.km_defaut, 0) + NBSP + 'km'
        : P.minutes_defaut + ' minutes ' + modePhrase(q.mobilite);
      return 'Aucun lieu à moins de ' + near +
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
    // Python decided whether the field is one valid number (actor.tel); any other text stays text.
    if (actor.tel) {
      var tel = el('a', '', actor.telephone);
      tel.href = 'tel:' + actor.tel;
      parts.push(tel);
    } else if (actor.telephone) {
      parts.push(el('span', '', actor.telephone));
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
    if (!q.structure || !actors.has(q.structure)) { return null; }
    if (!path || !path.length) { return 'aucun partenariat connu depuis votre structure : contactez le lieu directement'; }
    if (path.length === 1) { return 'c\'est votre structure'; }
    if (path.length === 2) { return 'partenaire direct de votre structure'; }
    return 'via ' + path.slice(1, -1).map(function (id) { return actors.get(id).nom; }).join(' → ');
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
    if (place.accueil) {
      item.classList.add('nec-accueil-tous');
      article.appendChild(el('p', 'nec-accueil-tous-note',
        'Accueille tout le monde et saura orienter : ne propose pas ce besoin lui-même.'));
    }
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
    var status = N.openingStatus(actor.semaine, now);
    if (status && hours) {
      // Today's status is for the screen only: a printed sheet is read on other days.
      var today = el('span', status.indexOf('ouvert') === 0 ? 'nec-ouvert' : 'nec-ferme', ' — ');
      today.appendChild(el('strong', '', status));
      // Hours of a record not updated for a year may have changed since: the status says so.
      if (actor.a_verifier) { today.appendChild(document.createTextNode(' (d’après des horaires à vérifier)')); }
      hours.appendChild(today);
    }
    addDetail(dl, 'Services', actor.services.join(', ') +
      (actor.services_deduits ? ' (déduits du label ' + actor.services_deduits + ')' : ''));
    addDetail(dl, 'Accès', actor.acces.join(', '));
    addDetail(dl, 'Accompagnement', actor.accompagnement.join(', '));
    addDetail(dl, 'Frais', actor.frais.join(', '));
    var publics = actor.publics.length ? actor.publics.join(', ') : 'tout public';
    if (actor.prises_en_charge.length) { publics += ' ; accueil adapté : ' + actor.prises_en_charge.join(', '); }
    addDetail(dl, 'Publics', publics);
    addDetail(dl, 'Contact', contactNode(actor));
    addDetail(dl, 'Informations', (actor.informations_du ? 'du ' + actor.informations_du : 'date inconnue') +
      (actor.a_verifier ? ' — à vérifier (plus d’un an)' : ''));
    addDetail(dl, 'Par votre réseau', referralText(place.chemin, q));
    article.appendChild(dl);
    var keep = el('label', 'nec-retenir nec-pas-imprime');
    var box = el('input');
    box.type = 'checkbox';
    box.className = 'nec-retenir-case';
    box.checked = rank <= P.retenus_fiche;
    item.classList.toggle('nec-retenu', box.checked);
    box.addEventListener('change', function () { item.classList.toggle('nec-retenu', box.checked); sayPrinted(); });
    keep.appendChild(box);
    keep.appendChild(document.createTextNode(' Retenir pour la fiche à imprimer'));
    article.appendChild(keep);
    if (P.contact) {
      // Opens the helper's own mail program, prefilled: the page sends nothing.
      var report = el('a', 'nec-signaler nec-pas-imprime', 'Signaler une erreur sur ce lieu');
      report.href = 'mailto:' + P.contact + '?subject=' + encodeURIComponent('Erreur sur « ' + actor.nom + ' » (' + actor.id + ')') +
        '&body=' + encodeURIComponent('Lieu : ' + actor.nom + '\nIdentifiant : ' + actor.id + '\n\nCe qui est faux :\n');
      article.appendChild(report);
    }
    item.appendChild(article);
    return item;
  }
  /* « , le plus proche à 3,2 km » (or « , le premier vient dans la commune ») after the count. */
  function nearestPhrase(first, count) {
    if (first.passe) { return count > 1 ? ', le premier vient dans la commune' : ', qui vient dans la commune'; }
    return count > 1 ? ', le plus proche à ' + decimal(first.km, 1) + NBSP + 'km' : ', à ' + decimal(first.km, 1) + NBSP + 'km';
  }
  /* After « Trouver » : the summary gets the focus and the first card is on screen, with the
   * button still in sight (on a phone the answer is below the form, on a wide screen beside it). */
  var submit = N.form.querySelector('button[type=submit]');
  N.showAnswer = function () {
    var beside = answer.getBoundingClientRect().left >= N.form.getBoundingClientRect().right;
    var anchor = beside ? answer : submit;
    window.scrollTo(0, window.pageYOffset + anchor.getBoundingClientRect().top - 8);
    var box = N.form.getBoundingClientRect(), button = submit.getBoundingClientRect();
    if (beside && button.bottom > box.bottom) { N.form.scrollTop += button.bottom - box.bottom + 12; }
    summary.focus({ preventScroll: true });
  };
  function resourceItem(resource) {
    var item = el('li');
    item.appendChild(el('strong', '', resource.nom));
    if (resource.description) { item.appendChild(document.createTextNode(' — ' + resource.description)); }
    if (resource.tel || resource.web) {
      item.appendChild(document.createTextNode(' '));
      var link = el('a', '', resource.tel ? resource.lien : resource.lien.replace(/^https?:\/\//, ''));
      link.href = resource.tel ? 'tel:' + resource.tel : resource.web;
      item.appendChild(link);
    } else if (resource.lien) {
      item.appendChild(document.createTextNode(' ' + resource.lien));
    }
    return item;
  }
  function render(q) {
    var home = byCode.get(q.commune);
    var result = N.orient(q);
    var now = new Date();
    answer.hidden = false;
    places.textContent = '';
    result.lieux.forEach(function (place, i) { places.appendChild(card(place, i + 1, q, now)); });
    result.accueil.forEach(function (place, i) { places.appendChild(card(place, i + 1, q, now)); });
    var difficulty = difficulties.get(q.difficulte);
    var asked = (q.service ? 'le service ' + quoted(q.service) : (difficulty ? quoted(difficulty.libelle) : 'tout besoin')) +
      ' depuis ' + home.nom +
      (q.public ? ', public ' + quoted(q.public) : '') + ', ' + modePhrase(q.mobilite);
    askedText = asked;
    sayPrinted();
    var count = result.lieux.length;
    summary.textContent = count ? count + (count > 1 ? ' lieux' : ' lieu') + nearestPhrase(result.lieux[0], count) +
      ' — ' + asked + '.' : 'Aucun lieu à proposer pour ' + asked + '.';
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
    shareLink.value = N.linkTo(N.toAddress(q));
    sheetTitle.textContent = 'Fiche d\'orientation — ' + home.nom + ' — ' + now.toLocaleDateString('fr-FR');
    N.ready();
  }
  N.render = render;
  N.form.addEventListener('submit', function (event) {
    event.preventDefault();
    var q = N.question();
    if (q) {
      render(q);
      N.showAnswer();
    }
  });
  Array.prototype.forEach.call(N.root.querySelectorAll('.nec-affiner input, .nec-affiner select'), function (control) {
    control.addEventListener('change', function () {
      var q = N.readForm();
      if (q.commune && !answer.hidden) { render(q); }
    });
  });
});
