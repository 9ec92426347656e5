/* « Où orienter ? » as a page: its scripts (see orienter-donnees.js) run on the whole document
 * with the page's #nec-donnees document. Last script of the page. window.necOrienter holds
 * everything its scripts share (data, indexes, helpers, the form and the answer): it is how
 * they talk, not an interface (the browser tests call openingStatus from it). */
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('nec-donnees').textContent);
  window.necOrienter = window.necOrienterScripts.start(document, data, null);
})();
