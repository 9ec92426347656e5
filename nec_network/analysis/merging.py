"""Merging duplicate records into one actor that keeps every value and every source.

:func:`merge_duplicates` takes the groups found by
:func:`nec_network.analysis.duplicates.find_duplicates` and returns a new
ecosystem; the input is not modified. In each group the record kept first
(newest ``date_maj``) gives its values; an empty field is filled from the
others, in order; list fields are joined; a different non-empty value of
another record is not lost but written in ``extra["valeurs_ecartees"]``
(``champ : valeur (id)``). ``extra["provenance"]`` lists every record merged
as ``source:id``; advisers (``extra["aidants"]``) are joined by their id and
``extra["conseillers"]`` recounted. Partnerships are carried over to the kept
actor (a link between two records of one group disappears; two links that become the same
over overlapping periods are one), and so are the declarants of partnerships and the
organisers and participants of events.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass

from nec_network.analysis.duplicates import DuplicatePair, DuplicateResult
from nec_network.model import Actor, Ecosystem, Partnership
from nec_network.model.actor import LIST_FIELDS
from nec_network.model.partnership import periods_overlap

#: ``extra`` keys written by the merge.
PROVENANCE = "provenance"
SET_ASIDE = "valeurs_ecartees"
ADVISERS = "aidants"
ADVISER_COUNT = "conseillers"


@dataclass(frozen=True)
class Merge:
    """One record merged into another: the pair that decided it."""

    merged: str
    kept: str
    pair: DuplicatePair


def provenance_of(actor: Actor) -> list[str]:
    """``source:id`` of every record an actor stands for (itself when never merged).

    >>> provenance_of(Actor("a", "A", source="France Services (ANCT)"))
    ['France Services (ANCT):a']
    """
    given = str(actor.extra.get(PROVENANCE, ""))
    if given:
        return [item for item in given.split("|") if item]
    return [f"{actor.source}:{actor.id}" if actor.source else actor.id]


def merge_duplicates(ecosystem: Ecosystem, result: DuplicateResult) -> tuple[Ecosystem, tuple[Merge, ...]]:
    """A new ecosystem where each group of ``result`` is one actor, and the merges made.

    >>> from nec_network.analysis.duplicates import find_duplicates
    >>> a = Actor("a", "Mairie", adresse="1 rue X", code_insee="02058", telephone="01", source="s1")
    >>> b = Actor("b", "Mairie", adresse="1 rue X", code_insee="02058", telephone="02", source="s2")
    >>> eco = Ecosystem([a, b])
    >>> merged, merges = merge_duplicates(eco, find_duplicates(eco))
    >>> [x.id for x in merged], merged["a"].extra["provenance"], merged["a"].extra["valeurs_ecartees"]
    (['a'], 's1:a|s2:b', 'telephone : 02 (b)')
    """
    replaced = result.duplicate_of()
    if not replaced:
        return ecosystem, ()
    new_actors: dict[str, Actor] = {}
    for group in result.groups:
        new_actors[group[0]] = merge_actors([ecosystem[actor_id] for actor_id in group])
    actors = [new_actors.get(actor.id, actor) for actor in ecosystem if actor.id not in replaced]
    links: list[Partnership] = []
    seen: dict[tuple[str, str, str], list[Partnership]] = {}
    for link in ecosystem.partnerships:
        moved = dataclasses.replace(
            link, source=replaced.get(link.source, link.source), cible=replaced.get(link.cible, link.cible),
            declare_par=tuple(dict.fromkeys(replaced.get(actor, actor) for actor in link.declare_par)))
        if moved.source == moved.cible or any(periods_overlap(moved, other) for other in seen.get(moved.key, ())):
            continue
        seen.setdefault(moved.key, []).append(moved)
        links.append(moved)
    events = [dataclasses.replace(event, organisateurs=_moved(event.organisateurs, replaced),
                                  participants=_moved(event.participants, replaced)) for event in ecosystem.events]
    return Ecosystem(actors, links, events=events, name=ecosystem.name), _merges(result, replaced)


def _moved(ids: tuple[str, ...], replaced: dict[str, str]) -> tuple[str, ...]:
    """Actor ids after the merges, each once."""
    return tuple(dict.fromkeys(replaced.get(actor, actor) for actor in ids))


def merge_actors(records: list[Actor]) -> Actor:
    """One actor from records of the same place, the first kept (see the module docstring)."""
    kept, others = records[0], records[1:]
    changes: dict[str, object] = {}
    set_aside: list[str] = []
    for item in dataclasses.fields(Actor):
        name = item.name
        if name in ("id", "extra"):
            continue
        value = getattr(kept, name)
        if name in LIST_FIELDS:
            joined = dict.fromkeys(value)
            for other in others:
                joined.update(dict.fromkeys(getattr(other, name)))
            changes[name] = tuple(joined)
            continue
        for other in others:
            other_value = getattr(other, name)
            if other_value in ("", None) or other_value == value:
                continue
            if value in ("", None) and name not in ("latitude", "longitude", "precision"):
                value = other_value
            elif name not in ("latitude", "longitude", "precision", "itinerant", "source", "date_maj"):
                set_aside.append(f"{name} : {other_value} ({other.id})")
        changes[name] = value
    if kept.latitude is None and any(other.has_coordinates for other in others):
        located = next(other for other in others if other.has_coordinates)
        changes.update(latitude=located.latitude, longitude=located.longitude, precision=located.precision)
    changes["extra"] = _merged_extra(records, set_aside)
    return dataclasses.replace(kept, **changes)


def _merged_extra(records: list[Actor], set_aside: list[str]) -> dict[str, object]:
    extra: dict[str, object] = {}
    for record in records:
        for key, value in record.extra.items():
            if key not in extra or extra[key] in ("", None):
                extra[key] = value
            elif value not in ("", None) and value != extra[key] and key not in (PROVENANCE, SET_ASIDE,
                                                                                 ADVISERS, ADVISER_COUNT):
                set_aside.append(f"{key} : {value} ({record.id})")
    extra[PROVENANCE] = "|".join(dict.fromkeys(item for record in records for item in provenance_of(record)))
    previous = [str(record.extra.get(SET_ASIDE, "")) for record in records]
    aside = [item for text in previous for item in text.split("|") if item] + set_aside
    if aside:
        extra[SET_ASIDE] = "|".join(dict.fromkeys(aside))
    advisers = _joined_advisers(records)
    if advisers is not None:
        extra[ADVISERS] = json.dumps(advisers, ensure_ascii=False)
        extra[ADVISER_COUNT] = len(advisers)
    elif any(ADVISER_COUNT in record.extra for record in records):
        # Without the advisers' ids the records may name the same people: the largest count is kept.
        extra[ADVISER_COUNT] = max(_count(record.extra.get(ADVISER_COUNT)) for record in records)
    return extra


def _joined_advisers(records: list[Actor]) -> list[dict] | None:
    lists = [record.extra.get(ADVISERS) for record in records if record.extra.get(ADVISERS)]
    if not lists:
        return None
    joined: dict[str, dict] = {}
    for text in lists:
        try:
            advisers = json.loads(text) if isinstance(text, str) else text
        except ValueError:
            return None
        for adviser in advisers if isinstance(advisers, list) else []:
            if isinstance(adviser, dict):
                key = str(adviser.get("aidantId") or json.dumps(adviser, sort_keys=True))
                joined.setdefault(key, adviser)
    return list(joined.values())


def _count(value: object) -> int:
    try:
        return int(float(str(value)))
    except ValueError:
        return 0


def _merges(result: DuplicateResult, replaced: dict[str, str]) -> tuple[Merge, ...]:
    merges = []
    fusion = result.merged
    for merged, kept in replaced.items():
        involving = [pair for pair in fusion if merged in (pair.first, pair.second)]
        with_kept = [pair for pair in involving if kept in (pair.first, pair.second)]
        best = max(with_kept or involving, key=lambda pair: pair.score)
        merges.append(Merge(merged, kept, best))
    return tuple(merges)
