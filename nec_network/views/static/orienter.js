/* « Où orienter ? » : sharing, printing and the examples, then the answer to the question in the
 * address, if any. Last script of the page (see orienter-donnees.js). window.necOrienter holds
 * everything its scripts share (data, indexes, helpers, the form and the answer): it is how
 * they talk, not an interface (the browser tests call openingStatus from it). */
(function (N) {
  'use strict';
  var answer = N.answer, shareLink = N.shareLink;

  // -- share, print, examples ---------------------------------------------------------------------
  document.getElementById('copier-lien').addEventListener('click', function () {
    var status = document.getElementById('copier-statut');
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(shareLink.value).then(function () { status.textContent = 'Lien copié.'; });
    } else {
      shareLink.select();
      status.textContent = 'Lien sélectionné : appuyez sur Ctrl+C (ou Cmd+C) pour le copier.';
    }
  });
  var firstName = document.getElementById('fiche-prenom');
  var note = document.getElementById('fiche-note');
  var printedName = document.getElementById('fiche-pour');
  var printedNote = document.getElementById('fiche-note-imprimee');
  function copyToSheet() {
    printedName.textContent = firstName.value.trim() ? 'Pour ' + firstName.value.trim() : '';
    printedNote.textContent = note.value.trim() ? 'Note : ' + note.value.trim() : '';
  }
  firstName.addEventListener('input', copyToSheet);
  note.addEventListener('input', copyToSheet);
  document.getElementById('imprimer').addEventListener('click', function () { copyToSheet(); window.print(); });

  var examples = document.getElementById('exemples');
  N.D.exemples.forEach(function (example) {
    if (!N.byCode.has(example.commune)) { return; }
    var button = N.el('button', 'nec-exemple', example.libelle);
    button.type = 'button';
    button.addEventListener('click', function () {
      var params = new URLSearchParams();
      params.set('commune', example.commune);
      ['difficulte', 'public', 'mobilite', 'structure'].forEach(function (name) {
        if (example[name]) { params.set(name, example[name]); }
      });
      N.form.reset();
      N.fromAddress('?' + params.toString());
      N.render(N.readForm());
      N.showAnswer();
    });
    examples.appendChild(button);
  });
  examples.parentNode.hidden = !examples.children.length;

  if (N.fromAddress(location.search)) {
    N.render(N.readForm());
    // Opened from a shared link: the answer is what the person came for (below the form on a phone).
    if (answer.getBoundingClientRect().top > window.innerHeight) { answer.scrollIntoView(); }
  }
  else { document.documentElement.setAttribute('data-nec-orienter', 'pret'); }
})(window.necOrienter);
