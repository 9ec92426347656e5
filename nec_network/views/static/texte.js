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
  window.necTexte = {normalise: normalise, keys: keys, rank: rank};
})();
