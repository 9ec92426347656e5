"""The survey page: each structure says with whom it works, offline, and sends the answers itself.

:func:`build_survey_page` renders ``templates/enquete.html.j2`` with ``static/texte.js`` (the
search keys shared with the other pages), ``static/enquete-reponses.js`` (the CSV and e-mail
text, also run by Node in the tests) and ``static/enquete.js``, and one JSON document
(:func:`survey_data`):

- ``acteurs``: ``[{id, nom, commune}]`` the known actors to pick from (no personal data);
- ``relations``: ``[{valeur, type, sens, phrase}]`` the kinds of relation in plain words
  (:data:`~nec_network.model.vocabularies.SURVEY_RELATIONS`);
- ``frequences``, ``confiance`` (``[{colonne, question}]``), ``echelle``, ``apports``;
- ``evenement``: ``{id, nom, date}`` or null; ``vague``: the survey wave ``{id, nom, date}`` the
  answers belong to (written in each row's ``vague``) or null; ``contact``: the coordinator's address or "";
- ``colonnes``: the columns of the file produced (:data:`~nec_network.model.vocabularies.SURVEY_COLUMNS`,
  what ``import MODELE REPONSES.csv:enquete`` reads); ``limite_courriel``: the longest
  ``mailto:`` address the page writes (:data:`MAILTO_LIMIT`).

The page stores nothing and requests nothing: the answers leave it only when the person
downloads the file or opens the prefilled e-mail.
"""

from __future__ import annotations

from pathlib import Path

from nec_network.errors import NecNetworkError
from nec_network.io.output import write_output
from nec_network.model import Ecosystem, without_personal_data
from nec_network.model.event import Event
from nec_network.model.vocabularies import (
    CONTRIBUTIONS,
    FREQUENCIES,
    SURVEY_COLUMNS,
    SURVEY_RELATIONS,
    TRUST_QUESTIONS,
    TRUST_SCALE,
)
from nec_network.text import normalize_name
from nec_network.views.page import actors_credit
from nec_network.views.rendering import render_page

DEFAULT_TITLE = "Avec qui travaillez-vous ?"
#: Longest ``mailto:`` link written (characters, once encoded): some mail programs and browsers
#: cut longer ones (about 2,000 characters is what all of them open).
MAILTO_LIMIT = 1800
#: Partner rows of the paper version (printed for the event day).
PAPER_ROWS = 8
_SCRIPTS = ("texte.js", "enquete-reponses.js", "enquete.js")


def survey_event(ecosystem: Ecosystem, event_id: str | None) -> tuple[Event | None, str]:
    """The event the survey asks about, and a French note when the model lists no events.

    An id the model's events do not hold is an error naming the known ones; a model without
    any event takes the id as given (the note says so).
    """
    if not event_id:
        return None, ""
    known = {event.id: event for event in ecosystem.events}
    if event_id in known:
        return known[event_id], ""
    if known:
        raise NecNetworkError(f"Événement inconnu : « {event_id} » (événements du modèle : {', '.join(known)}).")
    return Event(id=event_id, nom=event_id), (f"Le modèle ne décrit aucun événement : « {event_id} » est repris tel quel "
                                       "(ajoutez-le à evenements.csv pour que la page donne son nom et sa date).")


def survey_wave(ecosystem: Ecosystem, wave_id: str | None) -> Event | None:
    """The survey wave (an event of nature ``enquete`` of the model) the answers will belong to.

    An id the model does not hold as a survey wave is an error naming the waves it holds.
    """
    if not wave_id:
        return None
    waves = {event.id: event for event in ecosystem.events if event.is_survey}
    if wave_id in waves:
        return waves[wave_id]
    known = ", ".join(waves) if waves else "aucune ; ajoutez une ligne de nature « enquete » à evenements.csv"
    raise NecNetworkError(f"Vague d'enquête inconnue : « {wave_id} » (vagues du modèle : {known}).")


def _event_data(event: Event | None) -> dict | None:
    return None if event is None else {"id": event.id, "nom": event.nom,
                                       "date": "" if event.date is None else str(event.date)}


def survey_data(ecosystem: Ecosystem, *, contact: str = "", event: Event | None = None,
                wave: Event | None = None) -> dict:
    """The page's JSON document (see the module's docstring)."""
    actors = sorted(ecosystem, key=lambda actor: normalize_name(actor.nom))
    return {
        "acteurs": [{"id": actor.id, "nom": actor.nom, "commune": actor.commune} for actor in actors],
        "relations": [{"valeur": f"{code}|{direction}", "type": code, "sens": direction, "phrase": phrase}
                      for code, direction, phrase in SURVEY_RELATIONS],
        "frequences": [{"code": item.code, "label": item.label} for item in FREQUENCIES.values()],
        "confiance": [{"colonne": column, "question": question} for column, question in TRUST_QUESTIONS.items()],
        "echelle": [{"valeur": value, "label": label} for value, label in TRUST_SCALE.items()],
        "apports": [{"code": code, "label": label} for code, label in CONTRIBUTIONS.items()],
        "evenement": _event_data(event),
        "vague": _event_data(wave),
        "contact": contact,
        "colonnes": list(SURVEY_COLUMNS),
        "limite_courriel": MAILTO_LIMIT,
    }


def build_survey_page(
    ecosystem: Ecosystem, *, contact: str | None = None, event: Event | None = None, wave: Event | None = None,
    title: str = DEFAULT_TITLE,
) -> str:
    """The survey page's HTML (self-contained: every script and style inlined).

    Advisers' personal data is left out of the actors and the event
    (:func:`~nec_network.model.personal.without_personal_data`).
    """
    ecosystem, _ = without_personal_data(ecosystem)
    if event is not None:
        event = next((known for known in ecosystem.events if known.id == event.id), event)
    contact = (contact or "").strip()
    if contact and ("@" not in contact or any(c in contact for c in " <>\"',;?&")):
        raise NecNetworkError(f"Adresse de contact invalide : « {contact} » (attendu : nom@domaine).")
    return render_page(
        "enquete.html.j2",
        title=title,
        data=survey_data(ecosystem, contact=contact, event=event, wave=wave),
        sources=actors_credit(ecosystem),
        scripts=_SCRIPTS,
        styles=("enquete.css",),
        event=event,
        contact=contact,
        relations=[phrase for _, _, phrase in SURVEY_RELATIONS],
        frequencies=[item.label for item in FREQUENCIES.values()],
        trust=list(TRUST_QUESTIONS.values()),
        scale=list(TRUST_SCALE.values()),
        contributions=list(CONTRIBUTIONS.values()),
        paper_rows=PAPER_ROWS,
        mailto_limit=MAILTO_LIMIT,
    )


def write_survey_page(path: str | Path, ecosystem: Ecosystem, **options) -> Path:
    """Write :func:`build_survey_page` to ``path`` (atomically, never through a link); return the path."""
    return write_output(path, build_survey_page(ecosystem, **options))
