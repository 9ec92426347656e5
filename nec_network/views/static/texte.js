// Text keys shared by the searches of the pages (map, network, orientation), so that they all
// find the same names: the rule of nec_network.text.normalize_name (case, accents, ligatures,
// hyphens, apostrophes and punctuation folded; Saint, Sainte, St and Ste one word), which
// makes "St Quentin" find "Saint-Quentin". Loaded before the page's own scripts.
(function () {
  "use strict";
  // Case, accents, ligatures, hyphens, apostrophes and punctuation folded.
  function plain(text) {
    return String(text).replace(/œ/g, "oe").replace(/Œ/g, "oe").replace(/æ/g, "ae").replace(/Æ/g, "ae")
      .normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[\s\-'’‘`_/.,()]+/g, " ").trim();
  }
  function saint(folded) { return folded.replace(/\b(st|ste|saint|sainte)\b/g, "st"); }
  // Same key as nec_network.text.normalize_name.
  function normalise(text) { return saint(plain(text)); }
  // Both keys of a name or a query: the full one, and the one without the Saint/St rule
  // (so that "Sain", typed on the way to "Saint-Quentin", already finds it).
  function keys(text) {
    var folded = plain(text);
    return {cle: saint(folded), brut: folded};
  }
  // How a name (its keys) answers a query (its keys): 0 same name, 1 starts with it,
  // 2 holds it, -1 not at all.
  function rank(name, query) {
    if (!query.cle) { return -1; }
    if (name.cle === query.cle) { return 0; }
    var at = name.cle.indexOf(query.cle);
    if (at < 0) { at = name.brut.indexOf(query.brut); }
    return at < 0 ? -1 : (at === 0 ? 1 : 2);
  }
  // Same as nec_network.text.typo_budget, _prefix_edits and typo_distance (compared in Node by
  // the tests): the fewest edits between a query key and a start of a name key, within the
  // budget; else null. Item i of prefixEdits is the distance of a.slice(0, i) to b.
  function budget(length) { return length < 4 ? 0 : (length < 8 ? 1 : 2); }
  function prefixEdits(a, b) {
    var before = [], previous = [], i, j;
    for (j = 0; j <= b.length; j++) { previous.push(j); }
    var distances = [previous[b.length]];
    for (i = 1; i <= a.length; i++) {
      var current = [i];
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          current[j] = Math.min(current[j], before[j - 2] + 1);
        }
      }
      before = previous;
      previous = current;
      distances.push(previous[b.length]);
    }
    return distances;
  }
  function typo(nameKey, queryKey) {
    var allowed = budget(queryKey.length), best = null;
    var last = Math.min(nameKey.length, queryKey.length + allowed);
    var distances = prefixEdits(nameKey.slice(0, last), queryKey);  // one table for every start
    for (var size = Math.max(1, queryKey.length - allowed); size <= last; size++) {
      var count = distances[size];
      if (count <= allowed && (best === null || count < best)) { best = count; }
    }
    return best;
  }
  window.necTexte = {normalise: normalise, keys: keys, rank: rank, typo: typo};
})();
