"""Names written by people, reconciled with the known actors: who is « Mediatheque de St Quentin » ?

A survey answer names structures as people remember them: without accents, « St » for
« Saint », without « de la », with a typo, without the « (fictive) » of the demo. Each name is
compared with every known actor's name through :func:`name_key` (the project's folding of
case, accents, hyphens, apostrophes and Saint/St, then without articles and without the words
in brackets), and scored from 0 to 100:

* 100 when both keys are equal;
* otherwise an F-measure of the words matched both ways (a word matches another equal, or
  close enough to be a typo: ratio ≥ :data:`TYPO_RATIO`), each word weighted by how rare it is
  among the known names (« mediatheque » says less than « soissons »), mixed with the ratio of
  the whole keys.

A name is **sure** (:data:`SURE`) when the best actor scores at least :data:`SURE_SCORE` and
no other actor comes within :data:`AMBIGUITY_MARGIN` points; **uncertain** (:data:`UNCERTAIN`)
from :data:`UNCERTAIN_SCORE`, or when two actors are that close (the import lists it for a
person to check, never merges it); **unknown** (:data:`UNKNOWN`) below. Each
:class:`NameMatch` says why, in French.

>>> index = ActorNames([("m1", "Médiathèque de Saint-Quentin"), ("m2", "Médiathèque de Soissons")])
>>> match = index.match("mediatheque St Quentin")
>>> match.actor_id, match.status, match.score
('m1', 'sur', 100.0)
>>> index.match("Mediatheque de Soisons").actor_id
'm2'
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher, get_close_matches
from functools import lru_cache

from nec_network.text import normalize_name

#: Score from which a name is matched without asking anyone.
SURE_SCORE = 85.0
#: Score from which a name is listed for a person to check (below: unknown).
UNCERTAIN_SCORE = 60.0
#: A second actor within this many points of the best makes the match uncertain.
AMBIGUITY_MARGIN = 6.0
#: Ratio from which two words are the same word mistyped.
TYPO_RATIO = 0.8
SURE, UNCERTAIN, UNKNOWN = "sur", "incertain", "inconnu"

_BRACKETS = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_WORD = re.compile(r"[a-z0-9]+")
#: What follows a dash in a known name qualifies it (« Mairie de Huppy — conseiller numérique »).
_QUALIFIER = re.compile(r"\s[—–-]\s")
#: Abbreviations people write for words the names spell out (and the reverse).
ABBREVIATIONS = {"epn": "espace public numerique", "ml": "mission locale", "cs": "centre social"}
#: Weight of the words written against the words of the known name: people shorten names more
#: than they add words, so a written word missing from the name counts more (F-measure, β = 0.5).
BETA = 0.5
#: Articles and small words people leave out or add (« Médiathèque Soissons »).
ARTICLES = frozenset({"le", "la", "les", "l", "de", "du", "des", "d", "et", "a", "au", "aux", "en", "un", "une"})


@lru_cache(maxsize=1 << 14)
def name_key(name: str) -> str:
    """Comparison key of a structure's name: :func:`~nec_network.text.normalize_name`, then
    without the words in brackets nor articles.

    >>> name_key("Médiathèque de l'Abbaye (fictive) — Saint-Quentin")
    'mediatheque abbaye st quentin'
    """
    words = _WORD.findall(normalize_name(_BRACKETS.sub(" ", name)))
    kept = [word for word in words if word not in ARTICLES] or words
    return " ".join(ABBREVIATIONS.get(word, word) for word in kept)


def _short_key(name: str) -> str:
    """Key of a known name without its qualifier after a dash (empty when it has none)."""
    parts = _QUALIFIER.split(name, maxsplit=1)
    return name_key(parts[0]) if len(parts) == 2 else ""


@dataclass(frozen=True)
class NameMatch:
    """How a written name was reconciled: the actor (empty when unknown), score, status, reason."""

    name: str
    actor_id: str
    score: float
    status: str
    reason: str
    #: The actor's name (to show beside the written one).
    actor_name: str = ""
    #: The runner-up when two actors were close (its id), else empty.
    other_id: str = ""

    @property
    def sure(self) -> bool:
        """Whether the name is matched without asking anyone."""
        return self.status == SURE


class ActorNames:
    """The known actors' names, indexed to reconcile written names (see the module's docstring).

    ``actors`` are ``(id, name)`` pairs (an :class:`~nec_network.model.Ecosystem`'s actors give
    them through :meth:`from_actors`).
    """

    def __init__(self, actors: Iterable[tuple[str, str]]) -> None:
        self._names: dict[str, str] = {}
        self._keys: dict[str, tuple[str, ...]] = {}
        self._by_key: dict[str, list[str]] = defaultdict(list)
        self._by_short_key: dict[str, list[str]] = defaultdict(list)
        self._by_word: dict[str, set[str]] = defaultdict(set)
        for actor_id, name in actors:
            key, short = name_key(name), _short_key(name)
            self._names[actor_id] = name
            self._keys[actor_id] = (key, short) if short and short != key else (key,)
            self._by_key[key].append(actor_id)
            if short and short != key:
                self._by_short_key[short].append(actor_id)
            for word in set(key.split()):
                self._by_word[word].add(actor_id)
        frequency = Counter({word: len(ids) for word, ids in self._by_word.items()})
        total = max(len(self._names), 1)
        self._weights = {word: 1.0 + math.log(total / count) for word, count in frequency.items()}
        self._vocabulary = sorted(self._by_word)

    @classmethod
    def from_actors(cls, actors: Iterable) -> ActorNames:  # noqa: ANN001 - any records with id and nom
        """Index the ``id`` and ``nom`` of actors."""
        return cls((actor.id, actor.nom) for actor in actors)

    def name(self, actor_id: str) -> str:
        """The known name of ``actor_id``."""
        return self._names[actor_id]

    def __contains__(self, actor_id: object) -> bool:
        return actor_id in self._names

    def _weight(self, word: str) -> float:
        # A word no known name has is as rare as the rarest.
        return self._weights.get(word, 1.0 + math.log(max(len(self._names), 1)))

    def _close_words(self, word: str) -> list[str]:
        if word in self._by_word:
            return [word]
        if len(word) < 4:
            return []
        return get_close_matches(word, self._vocabulary, n=5, cutoff=TYPO_RATIO)

    def _candidates(self, words: tuple[str, ...]) -> set[str]:
        found: set[str] = set()
        for word in words:
            for close in self._close_words(word):
                found |= self._by_word[close]
        return found

    def score(self, key: str, actor_id: str) -> float:
        """0–100: how well the name key ``key`` names ``actor_id`` (its full name or the name
        before its qualifier, whichever is closer)."""
        return max(self._score(key, known) for known in self._keys[actor_id])

    def _score(self, key: str, known: str) -> float:
        if key == known:
            return 100.0
        words, other = tuple(key.split()), tuple(known.split())
        if not words or not other:
            return 0.0
        numbers = {w for w in words if w.isdigit()} != {w for w in other if w.isdigit()}
        precision = _covered(words, other, self._weight)
        recall = _covered(other, words, self._weight)
        beta2 = BETA * BETA
        denominator = beta2 * precision + recall
        f_measure = 0.0 if denominator == 0 else (1 + beta2) * precision * recall / denominator
        ratio = SequenceMatcher(None, key, known).ratio()
        score = 100.0 * (0.7 * f_measure + 0.3 * ratio)
        # « quartier 2 » and « quartier 3 » are two places, however close the rest.
        return round(min(score, UNCERTAIN_SCORE) if numbers else score, 1)

    def match(self, name: str) -> NameMatch:
        """Reconcile a written name with the known actors (see the module's docstring)."""
        key = name_key(name)
        if not key:
            return NameMatch(name, "", 0.0, UNKNOWN, "nom vide")
        exact = self._by_key.get(key, [])
        if len(exact) == 1:
            actor_id = exact[0]
            return NameMatch(name, actor_id, 100.0, SURE, _exact_reason(name, self._names[actor_id]),
                             self._names[actor_id])
        if len(exact) > 1:
            return NameMatch(name, exact[0], 100.0, UNCERTAIN,
                             f"{len(exact)} acteurs connus portent ce nom", self._names[exact[0]], exact[1])
        short = self._by_short_key.get(key, [])
        if len(short) == 1:
            actor_id = short[0]
            return NameMatch(name, actor_id, 100.0, SURE, f"nom de « {self._names[actor_id]} » sans ce qui suit "
                             "le tiret", self._names[actor_id])
        scored = sorted(((self.score(key, actor_id), actor_id) for actor_id in self._candidates(tuple(key.split()))),
                        key=lambda pair: (-pair[0], pair[1]))
        if not scored or scored[0][0] < UNCERTAIN_SCORE:
            best = f" (le plus proche : « {self._names[scored[0][1]]} », {scored[0][0]:g})" if scored else ""
            return NameMatch(name, "", scored[0][0] if scored else 0.0, UNKNOWN, f"aucun acteur connu ne porte ce nom{best}")
        score, actor_id = scored[0]
        known = self._names[actor_id]
        if len(scored) > 1 and scored[1][0] >= UNCERTAIN_SCORE and score - scored[1][0] < AMBIGUITY_MARGIN:
            runner = scored[1][1]
            return NameMatch(name, actor_id, score, UNCERTAIN,
                             f"deux acteurs proches : « {known} » ({score:g}) et « {self._names[runner]} » "
                             f"({scored[1][0]:g})", known, runner)
        status = SURE if score >= SURE_SCORE else UNCERTAIN
        words = "nom proche" if status == SURE else "nom seulement ressemblant"
        return NameMatch(name, actor_id, score, status, f"{words} de « {known} » ({_differences(key, known)})", known)


def _covered(words: tuple[str, ...], other: tuple[str, ...], weight) -> float:  # noqa: ANN001
    """Share (weighted by rarity) of ``words`` found in ``other``, a typo counting for its ratio."""
    total = sum(weight(word) for word in words)
    found = 0.0
    for word in words:
        best = max((1.0 if word == o else _typo(word, o) for o in other), default=0.0)
        found += weight(word) * best
    return found / total if total else 0.0


def _typo(word: str, other: str) -> float:
    if min(len(word), len(other)) < 4:
        return 0.0
    ratio = SequenceMatcher(None, word, other).ratio()
    return ratio if ratio >= TYPO_RATIO else 0.0


def _exact_reason(written: str, known: str) -> str:
    if written.strip() == known.strip():
        return "même nom"
    return "même nom à la casse, aux accents, aux articles, à Saint/St et aux parenthèses près"


def _differences(key: str, known: str) -> str:
    """Words written that the known name lacks, and the reverse, in French."""
    written, other = set(key.split()), set(name_key(known).split())
    parts = []
    if written - other:
        parts.append("écrit : " + ", ".join(sorted(written - other)))
    if other - written:
        parts.append("connu : " + ", ".join(sorted(other - written)))
    return " ; ".join(parts) or "mêmes mots"
