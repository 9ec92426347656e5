/* « Où orienter ? » : the places to propose, as nec_network.analysis.orientation.orient
 * chooses them, and the referral paths from the helper's structure. Third script of the page
 * (see orienter-donnees.js). */
window.necOrienterScripts.parts.push(function (N) {
  'use strict';
  var D = N.D, P = N.P;

  // -- distances (nec_network.distance.great_circle_km, analysis.spatial.travel_minutes) ---------
  function greatCircleKm(lat1, lon1, lat2, lon2) {
    var rad = Math.PI / 180;
    var p1 = lat1 * rad, p2 = lat2 * rad;
    var half = Math.pow(Math.sin((p2 - p1) / 2), 2) +
      Math.cos(p1) * Math.cos(p2) * Math.pow(Math.sin((lon2 * rad - lon1 * rad) / 2), 2);
    return 2 * P.rayon_terre_km * Math.asin(Math.sqrt(Math.min(Math.max(half, 0), 1)));
  }
  function travelMinutes(km, mode) {
    return km * P.detour / N.speeds.get(mode) * 60;
  }
  /* Near without a maximum: the threshold the page was built with, in its own unit. */
  function nearByDefault(p) {
    return P.km_defaut !== null ? p.km <= P.km_defaut : p.minutes <= P.minutes_defaut;
  }

  // -- the computation (nec_network.analysis.orientation.orient) --------------------------------
  function offers(actor, difficulty, service) {
    if (service) { return actor.services.indexOf(service) >= 0; }
    if (!difficulty) { return actor.services.length > 0; }
    return difficulty.services.some(function (s) { return actor.services.indexOf(s) >= 0; });
  }
  function welcomes(actor, publicValue) {
    if (!publicValue) { return true; }
    if (N.careNeeds.has(publicValue)) { return actor.prises_en_charge.indexOf(publicValue) >= 0; }
    return actor.publics.length === 0 || actor.publics.indexOf(publicValue) >= 0;
  }
  function keptByRefinements(actor, q) {
    if (q.gratuit && actor.frais.indexOf(P.gratuit) < 0) { return false; }
    if (q.sans_rdv && actor.acces.indexOf(P.sans_rendez_vous) < 0) { return false; }
    if (q.pmr && actor.prises_en_charge.indexOf(P.mobilite_reduite) < 0) { return false; }
    if (q.ouvert && N.openAt(actor.semaine, q.ouvert) !== true) { return false; }
    return true;
  }
  /* When nothing offers the need: the nearest places that receive anyone and re-orient
   * (analysis.orientation.receives_anyone, said by each actor's accueil_tous), same order. */
  function welcoming(home, q) {
    var found = [];
    D.acteurs.forEach(function (actor) {
      if (!actor.accueil || !actor.accueil_tous || actor.lat === null || actor.lon === null) { return; }
      var serves = actor.itinerant && actor.zone.indexOf(home.code) >= 0;
      var km = serves ? 0 : greatCircleKm(home.lat, home.lon, actor.lat, actor.lon);
      found.push({ acteur: actor, km: km, minutes: travelMinutes(km, q.mobilite), passe: serves, accueil: true });
    });
    found.sort(function (a, b) {
      if (a.passe !== b.passe) { return a.passe ? -1 : 1; }
      if (a.km !== b.km) { return a.km - b.km; }
      return a.acteur.id < b.acteur.id ? -1 : (a.acteur.id > b.acteur.id ? 1 : 0);
    });
    return found.slice(0, P.accueil_max);
  }
  N.orient = function (q) {
    var home = N.byCode.get(q.commune);
    var difficulty = N.difficulties.get(q.difficulte) || null;
    var located = [];
    D.acteurs.forEach(function (actor) {
      if (!actor.accueil || !offers(actor, difficulty, q.service) || !welcomes(actor, q.public)) { return; }
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
      chosen = kept.filter(function (p, rank) { return rank < P.minimum || nearByDefault(p); });
    }
    var withinDefault = kept.some(nearByDefault);
    var reason = '';
    if (!located.length) { reason = 'no_offer'; }
    else if (!kept.length) { reason = 'refinements'; }
    else if (limited && !chosen.length) { reason = 'too_far'; }
    else if (!limited && !withinDefault) { reason = 'far'; }
    var nearest = null;
    if (reason === 'refinements') { nearest = located[0]; }
    else if (reason === 'too_far' || reason === 'far') { nearest = kept[0]; }
    if (q.structure && N.actors.has(q.structure)) {
      var paths = referralPaths(q.structure);
      chosen.forEach(function (p) { p.chemin = paths.get(p.acteur.id) || []; });
    }
    return {
      lieux: chosen, candidats: located.length, retenus: kept.length, plusProche: nearest, raison: reason,
      accueil: located.length ? [] : welcoming(home, q),
      aDistance: located.filter(function (p) { return p.acteur.accompagnement.indexOf(P.a_distance) >= 0; })
    };
  };
  /* Actor id → its partners by orientation links (ids are data: a Map, never object keys). */
  var adjacency = null;
  function link(from, to) {
    if (!adjacency.has(from)) { adjacency.set(from, []); }
    adjacency.get(from).push(to);
  }
  /* Actor id → the shortest referral path from ``start`` to it (breadth first). */
  function referralPaths(start) {
    if (!adjacency) {
      adjacency = new Map();
      D.liens_orientation.forEach(function (l) { link(l.a, l.b); link(l.b, l.a); });
    }
    var paths = new Map([[start, [start]]]);
    var queue = [start];
    while (queue.length) {
      var current = queue.shift();
      (adjacency.get(current) || []).forEach(function (next) {
        if (!paths.has(next)) { paths.set(next, paths.get(current).concat([next])); queue.push(next); }
      });
    }
    return paths;
  }
});
