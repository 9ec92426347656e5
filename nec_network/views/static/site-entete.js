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
})();
