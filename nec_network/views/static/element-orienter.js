/* <nec-orienter>: « Où orienter ? » inside a partner's page, from one script and one JSON file.
 *
 * nec-orienter.js, written by `nec-network site` (nec_network.views.elements), holds in this
 * order: its markup and styles (window.necElements['nec-orienter']: our templates and CSS, no
 * data), texte.js, the orienter*.js parts of the page, then this script. Each element gets an
 * open shadow root (the host's styles stay out, ours and our ids stay in), fetches its data
 * (attribute donnees, default nec-donnees.json beside the script) from the host page's own
 * origin only, then starts the page's parts in it (orienter-donnees.js): every text from the
 * data is written with textContent. Nothing is stored, and the host page's address is left alone.
 */
(function () {
  'use strict';
  var made = window.necElements && window.necElements['nec-orienter'];
  if (!made || !window.customElements || window.customElements.get('nec-orienter')) { return; }
  var script = document.currentScript;
  var scriptAddress = script && script.src ? script.src : location.href;
  var markup = document.createElement('template');
  markup.innerHTML = made.balisage;  // our template's markup: vocabularies only, never data

  /* The address of the data, or null when it would leave the host page's origin. */
  function sameOrigin(address) {
    var url = new URL(address, scriptAddress);
    return url.origin === location.origin ? url.href : null;
  }
  function looksRight(data) {
    return data && Array.isArray(data.acteurs) && Array.isArray(data.communes) && Array.isArray(data.structures) &&
      data.parametres && Array.isArray(data.sources);
  }

  class NecOrienter extends HTMLElement {
    connectedCallback() {
      if (this.shadowRoot) { return; }  // moved within its page: already started
      var root = this.attachShadow({ mode: 'open' });
      var style = document.createElement('style');
      style.textContent = made.style;
      root.appendChild(style);
      var status = document.createElement('p');
      status.className = 'nec-element-etat';
      status.setAttribute('role', 'status');
      status.textContent = 'Chargement des lieux…';
      root.appendChild(status);
      var name = this.getAttribute('donnees') || 'nec-donnees.json';
      var address = sameOrigin(name);
      var element = this;
      function fail(reason) {
        status.className = 'nec-element-etat nec-erreur';
        status.textContent = 'Les lieux de « Où orienter ? » n’ont pas pu être chargés (' + name + ') : ' + reason;
        element.setAttribute('data-nec-orienter', 'erreur');
      }
      if (!address) {
        fail('le fichier doit être sur le même site que cette page.');
        return;
      }
      fetch(address, { mode: 'same-origin', credentials: 'same-origin' }).then(function (response) {
        if (!response.ok) { throw new Error('réponse ' + response.status + ' du serveur.'); }
        return response.json();
      }).then(function (data) {
        if (!looksRight(data)) { throw new Error('ce fichier n’est pas celui écrit par nec-network site.'); }
        root.removeChild(status);
        root.appendChild(markup.content.cloneNode(true));
        var title = element.getAttribute('titre');
        if (title) { root.getElementById('orienter-titre').textContent = title; }
        var sources = root.getElementById('orienter-sources');
        data.sources.forEach(function (line) {
          var paragraph = document.createElement('p');
          paragraph.textContent = line;
          sources.appendChild(paragraph);
        });
        element.necOrienter = window.necOrienterScripts.start(root, data, element);
      }).catch(function (error) {
        fail(error instanceof SyntaxError ? 'ce n’est pas un fichier JSON lisible.' : error.message);
      });
    }
  }
  window.customElements.define('nec-orienter', NecOrienter);
})();
