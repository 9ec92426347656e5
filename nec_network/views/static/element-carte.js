/* <nec-carte>: the site's map page (carte.html) inside a partner's page, from one script.
 *
 * Unlike <nec-orienter>, the map is not drawn in the host page itself: its page runs Leaflet and
 * folium's generated map script, which find their map by document id, put L on window (a second
 * copy beside a host's own Leaflet breaks one of them) and style the whole document; so this
 * element frames carte.html of the same site (attribute page, default carte.html beside the
 * script) with ?integre=1, which hides the site's header. It gives the frame its title and
 * height (attribute hauteur, default 600px) and, below it, links to the map alone and to its
 * table of the communes, the text alternative of the drawing. The page must come from the host
 * page's own origin; the map requests nothing else, except the OpenStreetMap tiles when the
 * site was built with them (`nec-network site --sans-fond` builds it without).
 */
(function () {
  'use strict';
  var made = window.necElements && window.necElements['nec-carte'];
  if (!made || !window.customElements || window.customElements.get('nec-carte')) { return; }
  var script = document.currentScript;
  var scriptAddress = script && script.src ? script.src : location.href;
  var markup = document.createElement('template');
  markup.innerHTML = made.balisage;  // our template's markup: no data

  class NecCarte extends HTMLElement {
    connectedCallback() {
      if (this.shadowRoot) { return; }
      var root = this.attachShadow({ mode: 'open' });
      var style = document.createElement('style');
      style.textContent = made.style;
      root.appendChild(style);
      var url = new URL(this.getAttribute('page') || 'carte.html', scriptAddress);
      if (url.origin !== location.origin) {
        var status = document.createElement('p');
        status.className = 'nec-element-etat nec-erreur';
        status.setAttribute('role', 'status');
        status.textContent = 'La carte (' + url.href + ') doit être sur le même site que cette page.';
        root.appendChild(status);
        return;
      }
      root.appendChild(markup.content.cloneNode(true));
      var frame = root.getElementById('carte-cadre');
      var height = this.getAttribute('hauteur') || '';
      if (/^\d+$/.test(height)) { height += 'px'; }
      frame.style.height = /^\d+(\.\d+)?(px|em|rem|vh)$/.test(height) ? height : '600px';
      if (this.getAttribute('titre')) { frame.title = this.getAttribute('titre'); }
      url.hash = '';
      var alone = url.href;
      url.searchParams.set('integre', '1');
      frame.src = url.href;
      root.getElementById('carte-seule').href = alone;
      root.getElementById('carte-tableau').href = alone + '#tableau-communes';
    }
  }
  window.customElements.define('nec-carte', NecCarte);
})();
