/* « Où orienter ? » : sharing, printing and the examples, then the answer to the question in the
 * address, if any. Last part of the scripts (see orienter-donnees.js). */
window.necOrienterScripts.parts.push(function (N) {
  'use strict';
  var answer = N.answer, shareLink = N.shareLink;

  // -- share, print, examples ---------------------------------------------------------------------
  N.byId('copier-lien').addEventListener('click', function () {
    var status = N.byId('copier-statut');
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(shareLink.value).then(function () { status.textContent = 'Lien copié.'; });
    } else {
      shareLink.select();
      status.textContent = 'Lien sélectionné : appuyez sur Ctrl+C (ou Cmd+C) pour le copier.';
    }
  });
  var firstName = N.byId('fiche-prenom');
  var note = N.byId('fiche-note');
  var printedName = N.byId('fiche-pour');
  var printedNote = N.byId('fiche-note-imprimee');
  function copyToSheet() {
    printedName.textContent = firstName.value.trim() ? 'Pour ' + firstName.value.trim() : '';
    printedNote.textContent = note.value.trim() ? 'Note : ' + note.value.trim() : '';
  }
  firstName.addEventListener('input', copyToSheet);
  note.addEventListener('input', copyToSheet);
  N.byId('imprimer').addEventListener('click', function () { copyToSheet(); window.print(); });

  var examples = N.byId('exemples');
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
  else { N.ready(); }
});
