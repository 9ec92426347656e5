"""Personal data: the advisers of a place, any column a mapping marks as personal, and where
their values turn up again.

The national v0 export of the *Conseillers numériques France Services* lists, for each place,
its advisers (``aidants``: id, name, e-mail, phone). Only their number is needed to map and
measure the offer: it becomes ``extra["conseillers"]``, the place's capacity for
``--capacite conseillers``. The list itself is kept in ``extra["aidants"]`` while reading, so
that two records of one place can be merged without counting an adviser twice, and is then
removed by :func:`without_personal_data` before the folder model is written, unless the
coordinator asks to keep it (``--garder-donnees-personnelles``). Every writer of a page or of a
published export calls :func:`without_personal_data` itself.

``extra["champs_personnels"]`` names the personal keys of an actor (``aidants`` and the columns
marked ``personnel`` in a mapping), so that a folder model written with them still knows what
to remove on export.

An adviser's number or e-mail often comes back elsewhere, spelt otherwise: as the place's phone
(``03 23 99 00 11`` for ``+33323990011``), in a note, or in ``valeurs_ecartees`` after two
records were merged. :class:`PersonalData` gathers every adviser's values of the whole
ecosystem, and :meth:`PersonalData.spans` is the one rule deciding what in a text is personal:

- a phone-like run whose digits contain an adviser's number (:func:`~nec_network.model.phone.phone_key`:
  every spelling of a French number holds its 9 significant digits);
- an e-mail address equal to an adviser's, case folded;
- an adviser's name or id, word for word, case and accents folded. A one-word value shorter
  than 8 characters (a bare first name or surname) is not searched for: it would erase
  ordinary words (a commune, a street) without protecting anyone.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any

from nec_network.model.actor import LIST_FIELDS, Actor
from nec_network.model.ecosystem import Ecosystem
from nec_network.model.phone import PHONE_RUN, phone_key
from nec_network.model.resource import Resource
from nec_network.text import strip_accents

#: ``extra`` key listing the personal keys of an actor (``|``-separated).
PERSONAL_MARKER = "champs_personnels"
#: ``extra`` key of the advisers' list (JSON text) and of their number.
ADVISERS = "aidants"
ADVISER_COUNT = "conseillers"

_EMAIL = re.compile(r"[\w.+\-']+@[\w\-]+(?:\.[\w\-]+)+")
_WORD = re.compile(r"\w+")
_MIN_SINGLE_WORD = 8
#: Actor fields that are free text: only the personal part of them is removed.
_FREE_TEXT = ("nom", "adresse", "complement_adresse", "commune", "horaires", "telephone", "prise_rdv",
              "presentation", "structure_parente", "source")  # fmt: skip
#: Partnership and event fields that are not data about people but the record itself.
_LINK_KEYS = ("source", "cible", "type")
_EVENT_KEYS = ("id", "organisateurs", "participants", "nature")


def adviser_cells(value: Any) -> dict[str, str]:
    """The ``aidants`` value of a v0 record → ``aidants`` (JSON text), ``conseillers`` (count), marker.

    Advisers are counted once each (by ``aidantId``, else by their whole record).

    >>> cells = adviser_cells([{"aidantId": "x1", "nom": "Conseiller Fictif"}, {"aidantId": "x1"}])
    >>> cells["conseillers"], cells["champs_personnels"]
    ('1', 'aidants')
    """
    people = _advisers(value)
    distinct = {str(item.get("aidantId") or json.dumps(item, sort_keys=True)) for item in people}
    return {
        ADVISERS: json.dumps(people, ensure_ascii=False),
        ADVISER_COUNT: str(len(distinct)),
        PERSONAL_MARKER: ADVISERS,
    }


def _advisers(value: Any) -> list[dict]:
    advisers = value if isinstance(value, list) else []
    if isinstance(value, str) and value.strip():
        try:
            decoded = json.loads(value)
        except ValueError:
            decoded = []
        advisers = decoded if isinstance(decoded, list) else []
    return [item for item in advisers if isinstance(item, dict)]


def personal_keys(actor: Actor) -> set[str]:
    """Keys of ``actor.extra`` holding personal data (the marker itself included)."""
    if PERSONAL_MARKER not in actor.extra and ADVISERS not in actor.extra:
        return set()  # most actors: no personal key (checked for each actor of each page)
    marked = str(actor.extra.get(PERSONAL_MARKER, ""))
    keys = {key for key in marked.split("|") if key}
    if ADVISERS in actor.extra:
        keys.add(ADVISERS)
    return keys | ({PERSONAL_MARKER} if PERSONAL_MARKER in actor.extra else set())


def _words(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), _folded(m.group())) for m in _WORD.finditer(text)]


@lru_cache(maxsize=1 << 16)
def _folded(word: str) -> str:
    return (word if word.isascii() else strip_accents(word)).casefold()


@dataclass(frozen=True)
class PersonalData:
    """The advisers' values of an ecosystem, as :meth:`spans` compares them.

    >>> data = PersonalData.of_values(["+33323990011", "Conseiller.Fictif@Example.org", "Marie Fictive"])
    >>> data.holds("Tél. 03 23 99 00 11"), data.holds("0033 3 23 99 00 11"), data.holds("03.23.99.00.12")
    (True, True, False)
    >>> data.holds("conseiller.fictif@example.org"), data.holds("avec MARIE FICTIVE"), data.holds("Marie")
    (True, True, False)
    """

    #: :func:`~nec_network.model.phone.phone_key` of each number.
    phones: frozenset[str] = frozenset()
    #: Case-folded e-mail addresses.
    emails: frozenset[str] = frozenset()
    #: Names and ids as sequences of case- and accent-folded words.
    names: frozenset[tuple[str, ...]] = frozenset()

    @classmethod
    def of_values(cls, values: Iterable[Any]) -> PersonalData:
        """The personal data held by ``values`` (each an adviser's field or a personal cell)."""
        phones: set[str] = set()
        emails: set[str] = set()
        names: set[tuple[str, ...]] = set()
        for value in values:
            text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
            found = [m.group().casefold() for m in _EMAIL.finditer(text)]
            emails.update(found)
            rest = _EMAIL.sub(" ", text)
            for run in reversed(list(PHONE_RUN.finditer(rest))):
                key = phone_key(run.group())
                if key:
                    phones.add(key)
                    rest = rest[:run.start()] + " " + rest[run.end():]
            words = tuple(word for _, _, word in _words(rest))
            if len(words) > 1 or (words and len(words[0]) >= _MIN_SINGLE_WORD):
                names.add(words)
        return cls(frozenset(phones), frozenset(emails), frozenset(names))

    @classmethod
    def of_ecosystem(cls, ecosystem: Ecosystem | Iterable[Actor]) -> PersonalData:
        """Every adviser's id, name, e-mail and phone, and every personal cell, of all actors."""
        values: list[Any] = []
        for actor in ecosystem:
            for key in personal_keys(actor) - {PERSONAL_MARKER}:
                value = actor.extra.get(key)
                if key == ADVISERS:
                    values.extend(v for adviser in _advisers(value) for v in adviser.values() if v)
                elif value not in ("", None):
                    values.append(value)
        return cls.of_values(values)

    @cached_property
    def _phone_lengths(self) -> frozenset[int]:
        return frozenset(len(key) for key in self.phones)

    @cached_property
    def _name_lengths(self) -> frozenset[int]:
        return frozenset(len(name) for name in self.names)

    @cached_property
    def _first_words(self) -> frozenset[str]:
        return frozenset(name[0] for name in self.names)

    def __bool__(self) -> bool:
        return bool(self.phones or self.emails or self.names)

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Where ``text`` holds personal data: ``(start, end)`` of each phone, e-mail or name found.

        This is the one rule deciding what is personal (see the module docstring).
        """
        found = [m.span() for m in _EMAIL.finditer(text) if m.group().casefold() in self.emails]
        if self.phones:
            lengths = self._phone_lengths
            for run in PHONE_RUN.finditer(text):
                digits = re.sub(r"\D", "", run.group())
                if any(digits[i:i + n] in self.phones for n in lengths for i in range(len(digits) - n + 1)):
                    found.append(run.span())
        if self.names:
            found.extend(self._name_spans(text))
        return sorted(found)

    def _name_spans(self, text: str) -> list[tuple[int, int]]:
        words = _words(text)
        lengths, firsts = self._name_lengths, self._first_words
        found = []
        for i in range(len(words)):
            if words[i][2] not in firsts:
                continue
            for n in lengths:
                if i + n <= len(words) and tuple(word for _, _, word in words[i:i + n]) in self.names:
                    found.append((words[i][0], words[i + n - 1][1]))
        return found

    def holds(self, text: str) -> bool:
        """True when ``text`` holds any personal data."""
        return bool(self.spans(text))

    def remove(self, text: str) -> str:
        """``text`` without its personal parts (separators left around them tidied)."""
        spans = self.spans(text)
        if not spans:
            return text
        kept, end = [], 0
        for start, stop in spans:
            if start >= end:
                kept.append(text[end:start])
            end = max(end, stop)
        kept.append(text[end:])
        return re.sub(r"[ \t]{2,}", " ", "".join(kept)).strip(" \t,;/:-–·")


@dataclass(frozen=True)
class PersonalRemoval:
    """What :func:`without_personal_data` took out."""

    #: Actors with a personal key removed or a value cleaned.
    actors: int = 0
    #: Values (fields, list items, parts of texts) found elsewhere than in the personal keys.
    values: int = 0


def without_personal_data(ecosystem: Ecosystem) -> tuple[Ecosystem, PersonalRemoval]:
    """A copy of ``ecosystem`` without personal data, and what was removed.

    The personal keys go; every other field of every actor, partnership and event (lists,
    ``extra`` values such as ``valeurs_ecartees`` and ``provenance``) is compared with every
    adviser's data of the whole ecosystem (:meth:`PersonalData.spans`): a list item or an
    ``extra`` item that holds some is removed; in free text (address, presentation, a
    partnership's or an event's note) only the personal part is.

    >>> actor = Actor("a", "Mairie", telephone="03 99 00 00 01",
    ...               extra={"aidants": '[{"telephone": "+33399000001"}]', "conseillers": "1",
    ...                      "valeurs_ecartees": "telephone : 03.99.00.00.01 (b)|nom : Mairie (b)"})
    >>> clean, removed = without_personal_data(Ecosystem([actor]))
    >>> clean["a"].telephone, clean["a"].extra, removed
    ('', {'conseillers': '1', 'valeurs_ecartees': 'nom : Mairie (b)'}, PersonalRemoval(actors=1, values=2))
    """
    # One look at each actor's keys: the advisers' data is all in the actors that have some.
    marked = [actor for actor in ecosystem if personal_keys(actor)]
    data = PersonalData.of_ecosystem(marked)
    if not data and not marked:
        return ecosystem, PersonalRemoval()
    updated: dict[str, Actor] = {}
    values = 0
    for actor in ecosystem:
        clean, count = _clean_actor(actor, data)
        if clean is not actor:
            updated[actor.id] = clean
            values += count
    links = [_clean_record(link, data, _LINK_KEYS) for link in ecosystem.partnerships]
    events = [_clean_record(event, data, _EVENT_KEYS) for event in ecosystem.events]
    values += sum(count for _, count in [*links, *events])
    if not updated and not any(count for _, count in [*links, *events]):
        return ecosystem, PersonalRemoval()
    actors = [updated.get(actor.id, actor) for actor in ecosystem]
    cleaned = Ecosystem(actors, [link for link, _ in links], events=[event for event, _ in events],
                        name=ecosystem.name)
    return cleaned, PersonalRemoval(actors=len(updated), values=values)


def _clean_actor(actor: Actor, data: PersonalData) -> tuple[Actor, int]:
    keys = personal_keys(actor)
    changes: dict[str, Any] = {}
    count = 0
    for item in dataclasses.fields(Actor):
        value = getattr(actor, item.name)
        if item.name in ("id", "extra") or not value or not isinstance(value, (str, tuple)):
            continue
        if item.name in LIST_FIELDS:
            kept = tuple(entry for entry in value if not data.holds(str(entry)))
        elif item.name in _FREE_TEXT:
            kept = data.remove(value)
        else:
            kept = "" if data.holds(value) else value
        if kept != value:
            changes[item.name] = kept
            count += 1 if isinstance(value, str) else len(value) - len(kept)
    extra, extra_count = _clean_extra(actor.extra, keys, data)
    if keys or extra_count:
        changes["extra"] = extra
    if not changes:
        return actor, 0
    return dataclasses.replace(actor, **changes), count + extra_count


def _clean_extra(extra: dict[str, Any], keys: set[str], data: PersonalData) -> tuple[dict[str, Any], int]:
    """``extra`` without its personal keys; in other values, ``|``-separated items holding personal data go."""
    cleaned: dict[str, Any] = {}
    count = 0
    for key, value in extra.items():
        if key in keys:
            continue
        if isinstance(value, str):
            items = value.split("|")
            kept = [item for item in items if not data.holds(item)]
            count += len(items) - len(kept)
            if kept:
                cleaned[key] = "|".join(kept)
        elif value is not None and data.holds(json.dumps(value, ensure_ascii=False, default=str)):
            count += 1
        else:
            cleaned[key] = value
    return cleaned, count


def _clean_record(record: Any, data: PersonalData, keys: tuple[str, ...]) -> tuple[Any, int]:
    """A partnership or an event with the personal part of each text removed (its ``keys``,
    which name the link or the event and its actors, aside)."""
    if not data:
        return record, 0
    changes = {}
    for item in dataclasses.fields(record):
        value = getattr(record, item.name)
        if item.name not in keys and isinstance(value, str) and value:
            kept = data.remove(value)
            if kept != value:
                changes[item.name] = kept
    return (dataclasses.replace(record, **changes), len(changes)) if changes else (record, 0)


def resources_without_personal_data(resources: Iterable[Resource], ecosystem: Ecosystem) -> tuple[Resource, ...]:
    """``resources`` with the personal data of ``ecosystem``'s advisers removed (same rule as actors).

    >>> actor = Actor("a", "A", extra={"aidants": '[{"telephone": "+33399000001"}]'})
    >>> resources_without_personal_data([Resource("Aide", ("demarches",), "03 99 00 00 01")], Ecosystem([actor]))
    (Resource(nom='Aide', difficultes=('demarches',), lien='', description='', publics=()),)
    """
    data = PersonalData.of_ecosystem(ecosystem)
    if not data:
        return tuple(resources)
    cleaned = []
    for resource in resources:
        changes: dict[str, Any] = {}
        for item in dataclasses.fields(Resource):
            value = getattr(resource, item.name)
            if isinstance(value, tuple):
                kept: Any = tuple(entry for entry in value if not data.holds(str(entry)))
            elif isinstance(value, str):
                kept = "" if item.name == "lien" and data.holds(value) else data.remove(value)
            else:
                continue
            if kept != value:
                changes[item.name] = kept
        cleaned.append(dataclasses.replace(resource, **changes) if changes else resource)
    return tuple(cleaned)
