"""Survey answers added to a model: names reconciled, ties merged and confirmed, the balance kept.

:func:`import_survey` takes a model and the answers read by
:func:`nec_network.io.survey.read_responses` and returns a :class:`SurveyImport`: the new
ecosystem and what became of every declared relation, so that

    relations read = kept + merged + to check + rejected

* **kept**: both ends matched surely (:mod:`nec_network.io.survey_names`), a new link;
* **merged**: the same link (same ends and type, see
  :attr:`~nec_network.model.Partnership.key`) was already in the model or declared by
  another answer: its ``declare_par`` gains the respondent, and missing dates, event and
  note are filled (a date already there is kept);
* **to check** (``relations-a-verifier.csv``): an end is uncertain or unknown; never created
  nor merged silently. An unknown name is listed in ``acteurs-a-ajouter.csv`` (the
  template's columns: once completed, import it with the model and the survey again);
* **rejected**: a bad row (read), an actor declared as its own partner.

The answers are dated against the model's events (``evenements.csv``): a relation written in a
survey wave's file (column ``vague``, the id of an event of nature ``enquete``) takes the wave as
its ``origine`` and is rejected when it starts after the wave; a wave the model does not know, or
an ``evenement`` it does not know, is a warning naming file, row and column (the unknown event
moves into the relation's note, so that the model written still reads back).

A link declared by both its ends is **confirmed**; by one only, « déclaré par X ». The
response rate is counted per event of the model (its participants who answered) and per
typology. Nothing here mutates the ecosystem given.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from nec_network.io.report import Problem, Report
from nec_network.io.survey import Declaration, Responses
from nec_network.io.survey_names import SURE, UNKNOWN, ActorNames, NameMatch, name_key
from nec_network.model import Ecosystem, Event, Partnership
from nec_network.model.vocabularies import FREQUENCIES
from nec_network.text import strip_accents

#: Columns of ``relations-a-verifier.csv``.
REVIEW_COLUMNS: tuple[str, ...] = (
    "fichier", "ligne", "repondant_ecrit", "repondant_id", "repondant_score", "repondant_motif",
    "partenaire_ecrit", "partenaire_id", "partenaire_nom_connu", "partenaire_score", "partenaire_motif",
    "type", "debut", "fin", "evenement", "a_faire",
)  # fmt: skip
REVIEW_FILE = "relations-a-verifier.csv"
NEW_ACTORS_FILE = "acteurs-a-ajouter.csv"


@dataclass(frozen=True)
class ToCheck:
    """A declared relation with an end not surely matched: both matches, for a person to decide."""

    declaration: Declaration
    respondent: NameMatch
    partner: NameMatch


@dataclass(frozen=True)
class UnknownActor:
    """A name no known actor carries, with who cited it (ids) and the commune written, if any."""

    name: str
    commune: str
    cited_by: tuple[str, ...]


@dataclass(frozen=True)
class ResponseRate:
    """Answers among a group of actors: an event's participants or a typology's actors."""

    group: str
    label: str
    actors: int
    answered: int

    @property
    def rate(self) -> float | None:
        """Share of the group that answered (None for an empty group)."""
        return self.answered / self.actors if self.actors else None


@dataclass
class SurveyImport:
    """What a survey did to a model (see the module's docstring)."""

    ecosystem: Ecosystem
    responses: int = 0
    relations_read: int = 0
    kept: int = 0
    merged: int = 0
    to_check: list[ToCheck] = field(default_factory=list)
    rejected: int = 0
    report: Report = field(default_factory=Report)
    unknown: list[UnknownActor] = field(default_factory=list)
    respondents: frozenset[str] = frozenset()
    confirmed: int = 0
    one_sided: int = 0
    rates_by_event: list[ResponseRate] = field(default_factory=list)
    rates_by_typology: list[ResponseRate] = field(default_factory=list)

    def is_balanced(self) -> bool:
        """Whether every relation read is kept, merged, to check or rejected."""
        return self.relations_read == self.kept + self.merged + len(self.to_check) + self.rejected


def import_survey(
    ecosystem: Ecosystem, surveys: Iterable[tuple[Responses, Report]], *, renamed: Mapping[str, str] | None = None
) -> SurveyImport:
    """Add the relations declared in ``surveys`` to ``ecosystem`` (see the module's docstring).

    ``renamed`` maps ids the survey page may carry to the ids kept (duplicates merged by the
    import). A relation's origin is its survey wave's id (column ``vague``) when the model holds
    that wave, otherwise « enquête <file name> ».
    """
    renamed = renamed or {}
    names = ActorNames.from_actors(ecosystem)
    links: dict[tuple[str, str, str], Partnership] = {link.key: link for link in ecosystem.partnerships}
    result = SurveyImport(ecosystem)
    respondents: set[str] = set()
    unknown: dict[str, UnknownActor] = {}
    events = {event.id: event for event in ecosystem.events}
    for responses, report in surveys:
        origin = f"enquête {responses.path.name}"
        result.report.extend(report)
        result.relations_read += report.rows_read - _answers_without_relation(responses, report)
        result.rejected += report.rejected
        for respondent in responses.respondents:
            match = _match(respondent.name, respondent.actor_id, names, renamed)
            if match.sure:
                respondents.add(match.actor_id)
        result.responses += len(responses.respondents)
        for declaration in responses.declarations:
            dated = dated_by_events(declaration, events, result)
            if dated is not None:
                _declare(dated[0], dated[1] or origin, names, renamed, links, result, unknown)
    partnerships = list(links.values())
    result.ecosystem = Ecosystem(ecosystem.actors, partnerships, events=ecosystem.events, name=ecosystem.name)
    result.respondents = frozenset(respondents)
    result.unknown = sorted(unknown.values(), key=lambda item: name_key(item.name))
    declared = [link for link in partnerships if link.declare_par]
    result.confirmed = sum(1 for link in declared if {link.source, link.cible} <= set(link.declare_par))
    result.one_sided = len(declared) - result.confirmed
    result.rates_by_event, result.rates_by_typology = response_rates(ecosystem, result.respondents)
    return result


def _answers_without_relation(responses: Responses, report: Report) -> int:
    """Rows read that declare no relation (an answer « no partner »): not relations."""
    return report.imported - len(responses.declarations)


def dated_by_events(
    declaration: Declaration, events: Mapping[str, Event], result: SurveyImport
) -> tuple[Declaration, str] | None:
    """The declaration checked against the model's events, and its wave's id (``""`` when none).

    None when it is rejected: it starts after the survey wave that reports it. An unknown wave
    or event is a warning; the unknown event moves into the declaration's comment.
    """
    wave = events.get(declaration.wave)
    located = (declaration.file, declaration.row)
    if declaration.wave and (wave is None or not wave.is_survey):
        what = "inconnue du modèle" if wave is None else f"« {wave.nom} » est une rencontre, pas une vague d'enquête"
        result.report.add(Problem("avertissement", f"vague d'enquête {what} : la relation a pour origine le fichier",
                                  *located, "vague", declaration.wave))
        wave = None
    if wave is not None and wave.date is not None and declaration.debut is not None and (
        declaration.debut.first_day > wave.date.last_day
    ):
        result.rejected += 1
        result.report.reject(Problem("erreur", f"relation commençant ({declaration.debut}) après la vague d'enquête "
                                     f"qui la rapporte (« {wave.id} », {wave.date})", *located, "debut",
                                     str(declaration.debut)))
        return None
    if declaration.evenement and declaration.evenement not in events:
        result.report.add(Problem("avertissement", "événement inconnu du modèle : la relation est gardée sans "
                                  "événement, son nom passe dans la note (ajoutez l'événement à evenements.csv "
                                  "et importez de nouveau les réponses)", *located, "evenement", declaration.evenement))
        comment = " ; ".join(part for part in (declaration.comment, f"événement déclaré : {declaration.evenement}")
                             if part)
        declaration = dataclasses.replace(declaration, evenement="", comment=comment)
    return declaration, wave.id if wave is not None else ""


def _match(name: str, chosen: str, names: ActorNames, renamed: Mapping[str, str]) -> NameMatch:
    chosen = renamed.get(chosen, chosen)
    if chosen and chosen in names:
        return NameMatch(name, chosen, 100.0, SURE, "choisi dans la liste de l'enquête", names.name(chosen))
    return names.match(name)


def _declare(
    declaration: Declaration, origin: str, names: ActorNames, renamed: Mapping[str, str],
    links: dict[tuple[str, str, str], Partnership], result: SurveyImport, unknown: dict[str, UnknownActor],
) -> None:
    """Reconcile one declared relation and keep, merge or set it aside."""
    respondent = _match(declaration.respondent, declaration.respondent_id, names, renamed)
    partner = _match(declaration.partner, declaration.partner_id, names, renamed)
    if not (respondent.sure and partner.sure):
        result.to_check.append(ToCheck(declaration, respondent, partner))
        cited_by = respondent.actor_id if respondent.sure else declaration.respondent
        for match, commune in ((respondent, declaration.respondent_commune), (partner, declaration.partner_commune)):
            if match.status == UNKNOWN and match.name.strip():
                _note_unknown(unknown, match.name, commune, cited_by)
        return
    if respondent.actor_id == partner.actor_id:
        result.rejected += 1
        result.report.reject(Problem("erreur", f"« {declaration.partner} » désigne le répondant lui-même "
                                     f"({respondent.actor_name})", declaration.file, declaration.row,
                                     "partenaire", declaration.partner))
        return
    ends = (respondent.actor_id, partner.actor_id)
    source, cible = ends if declaration.direction == "vers_partenaire" else ends[::-1]
    frequency = FREQUENCIES.get(declaration.frequency)
    link = Partnership(
        source=source, cible=cible, type=declaration.type, poids=frequency.weight if frequency else 1.0,
        debut=declaration.debut, fin=declaration.fin, evenement=declaration.evenement,
        declare_par=(respondent.actor_id,), note=declaration.note(), origine=origin,
    )
    known = links.get(link.key)
    if known is None:
        links[link.key] = link
        result.kept += 1
    else:
        links[link.key] = merge_declaration(known, link)
        result.merged += 1


def merge_declaration(known: Partnership, declared: Partnership) -> Partnership:
    """``known`` with ``declared``'s declarers added and its missing dates, event and note filled.

    >>> a = Partnership("a", "b", "partenariat", declare_par=("a",))
    >>> merge_declaration(a, Partnership("b", "a", "partenariat", declare_par=("b",), note="n")).declare_par
    ('a', 'b')
    """
    declarers = tuple(dict.fromkeys((*known.declare_par, *declared.declare_par)))
    notes = [note for note in dict.fromkeys((known.note, declared.note)) if note]
    return dataclasses.replace(
        known, declare_par=declarers, debut=known.debut or declared.debut, fin=known.fin or declared.fin,
        evenement=known.evenement or declared.evenement, note=" / ".join(notes),
        poids=max(known.poids, declared.poids), origine=known.origine or declared.origine,
    )


def _note_unknown(unknown: dict[str, UnknownActor], name: str, commune: str, cited_by: str) -> None:
    key = name_key(name)
    known = unknown.get(key)
    if known is None:
        unknown[key] = UnknownActor(name.strip(), commune, (cited_by,))
    elif cited_by not in known.cited_by:
        unknown[key] = dataclasses.replace(known, commune=known.commune or commune,
                                           cited_by=(*known.cited_by, cited_by))


def response_rates(ecosystem: Ecosystem, respondents: frozenset[str]) -> tuple[list[ResponseRate], list[ResponseRate]]:
    """Answers per event of the model (its participants and organisers) and per typology."""
    from nec_network.model.vocabularies import TYPOLOGY_LABELS

    by_event = []
    for event in ecosystem.events:
        attendees = [actor_id for actor_id in event.attendees if actor_id in ecosystem]
        by_event.append(ResponseRate(event.id, event.nom, len(attendees),
                                     sum(1 for actor_id in attendees if actor_id in respondents)))
    actors, answered = Counter(), Counter()
    for actor in ecosystem:
        for code in actor.typologies or ("",):
            actors[code] += 1
            answered[code] += actor.id in respondents
    by_typology = [ResponseRate(code, TYPOLOGY_LABELS.get(code, code) or "sans typologie", actors[code], answered[code])
                   for code in sorted(actors, key=lambda code: (-actors[code], code))]
    return by_event, by_typology


def suggested_id(name: str, taken: set[str]) -> str:
    """An id for a new actor, made from its name, not among ``taken``.

    >>> suggested_id("Secours populaire de Beauvais", {"secours-populaire-de-beauvais"})
    'secours-populaire-de-beauvais-2'
    """
    base = re.sub(r"[^a-z0-9]+", "-", strip_accents(name).lower()).strip("-") or "acteur"
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate
