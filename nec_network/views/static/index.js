// The site's index: once published, each page's snippet shows its full address; a « Copier »
// button copies it (Clipboard API on secure pages, otherwise the snippet is selected for
// Ctrl+C). Without script, the snippets stay readable as they are.
(function () {
  "use strict";
  var blocs = document.querySelectorAll("[data-nec-extrait]");
  Array.prototype.forEach.call(blocs, function (bloc, rang) {
    var code = bloc.querySelector("code");
    var fichier = bloc.getAttribute("data-nec-extrait");
    // An element's snippet (data-nec-extrait="") names files to copy to the partner's own site: kept relative.
    if (fichier && /^https?:$/.test(location.protocol)) {
      var adresse = new URL(fichier, location.href).href;
      code.textContent = code.textContent.replace('src="' + fichier, 'src="' + adresse);
    }
    var titre = bloc.parentNode.querySelector("h2");
    var bouton = document.createElement("button");
    bouton.type = "button";
    bouton.className = "nec-copier";
    bouton.textContent = "Copier";
    var nom = bloc.getAttribute("data-nec-nom") || (titre ? titre.textContent : String(rang + 1));
    bouton.setAttribute("aria-label", "Copier le code d’intégration : " + nom);
    var statut = document.createElement("span");
    statut.className = "nec-statut";
    statut.setAttribute("role", "status");
    function selectionner() {
      var plage = document.createRange();
      plage.selectNodeContents(code);
      var selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(plage);
      statut.textContent = "Texte sélectionné : appuyez sur Ctrl+C (ou Cmd+C) pour le copier.";
    }
    bouton.addEventListener("click", function () {
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(code.textContent).then(function () {
          statut.textContent = "Copié !";
        }, selectionner);
      } else {
        selectionner();
      }
    });
    bloc.appendChild(bouton);
    bloc.appendChild(statut);
  });
  document.documentElement.setAttribute("data-nec-index", "pret");
})();
