// The site header hides itself when the page is shown alone in another site's <iframe> and the
// host asked for it in the address (?integre=1).
(function () {
  "use strict";
  var header = document.getElementById("nec-site-entete");
  var embedded = window.self !== window.top;
  var asked = new URLSearchParams(window.location.search).get("integre") === "1";
  if (header && embedded && asked) {
    header.hidden = true;
  }
  // The map page's first screen is the window less this header (carte.css reads the height), so
  // that the map's own controls at its foot (legend, scale) are in sight without scrolling.
  function measure() {
    var height = header && !header.hidden ? header.offsetHeight : 0;
    var root = document.documentElement;
    if (root.style.getPropertyValue("--nec-entete-hauteur") !== height + "px") {
      root.style.setProperty("--nec-entete-hauteur", height + "px");
      window.dispatchEvent(new Event("resize"));  // Leaflet measures its box again
    }
  }
  if (header && document.querySelector(".nec-ecran")) {
    measure();
    window.addEventListener("resize", measure);
  }
})();
