"""Duplicate places: pairs found, scored with their reasons, merged or listed for review.

Two records are compared only when they can be the same place: same commune
and same normalised name, same commune and same normalised address, or at most
``max_distance_m`` apart (a cKDTree over unit vectors). On 100,000 records the
candidates are found in well under a second; no pair of communes far apart is
ever scored.

Each candidate pair gets three scores from 0 to 100, kept in the result so a
person can see why two places were (or were not) merged:

* ``name``: similarity of the normalised names, the best of the character
  ratio and the token-set ratio (« Maison des Solidarités » and « Maison des
  Solidarités de Cournon » score 100), known abbreviations expanded (MDS,
  EFS, MSAP…);
* ``address``: similarity of the normalised addresses (« av » = « avenue »…),
  0 when both have a different street number (12 and 14 rue du Pavé are two
  doors); ``None`` when one address is missing;
* ``distance``: 100 at the same point, 0 from 200 m; ``None`` without coordinates.

Names are compared without the words of their commune's name (« CCAS de
Laon » and « Médiathèque de Laon » share nothing else), and a point placed at
its commune's reference point (precision ``commune``) is not a position: it
counts as no coordinates.

``score`` is their mean (over the scores known), as in the national
cartography's merge tool. The decision is then made by explicit rules; each pair
keeps the code of the rule that decided (``rule``, with its ``details``), and
:func:`nec_network.wording.duplicate_reason` says it in French:

* **never across communes** — two records of different communes are merged only when the
  same address and a shared identifier (SIRET, e-mail or phone) say they are one; at one
  point they are listed for review (coordinates copied from one place to another);
* **merge** — same name and same address (or same point, or neither has an address nor
  coordinates); or (across sources) the same address or point and the same e-mail or
  website; or same SIRET and same address; or the same address or point and a similar name
  (≥ 85), or the same kind of structure with close names (≥ 70), unless each name has a word
  of its own; or a mean score of at least 90 within one source, 83 across sources (the
  national tool's thresholds) with a name score of at least 80; a line given twice with only
  its itinerance changed (same name, address and contact) is one listing;
* **review** (listed for review, never merged) — a fixed place and an itinerant service at
  the same address (a bus and its base); two *kinds* of structure named differently (a
  mairie and its CCAS, a médiathèque and a France Services at the same address are two
  structures, as data·inclusion keeps them apart); two names at one address or point, each
  with a word of its own (two services sharing a building), or dissimilar names; or the
  same name at another address of the same commune within 1 km.

Measured on 167 real pairs labelled by reading (``tests/fixtures/real/paires-doublons-etiquetees.csv``,
rule in its README): precision and recall of the merges are checked by
``tests/analysis/test_duplicates.py`` (≥ 97 % and ≥ 95 %).

:func:`find_duplicates` and :func:`merge_duplicates` never modify the
ecosystem given; they return new values.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from itertools import combinations

from nec_network.distance import great_circle_km
from nec_network.text import normalize_name
from nec_network.analysis.spatial import SpatialIndex
from nec_network.analysis.structures import STRUCTURE_NATURE
from nec_network.model import Actor, Ecosystem

#: Greatest distance between two records of the same place, in metres.
SAME_PLACE_M = 50.0
#: Distance at which the distance score reaches 0, in metres.
DISTANCE_SCALE_M = 200.0
#: Mean score from which two records of one source are merged (national merge tool).
SAME_SOURCE_THRESHOLD = 90.0
#: Mean score from which two records of different sources are merged (national merge tool).
CROSS_SOURCE_THRESHOLD = 83.0
#: Name score from which two records at the same point are the same place.
SIMILAR_NAME = 85.0
#: Greatest name score of two names with different numbers in them.
DIFFERENT_NUMBERS_CAP = 60.0
#: Name score needed besides the mean score (address and distance alone say « same building »).
SCORE_RULE_NAME = 80.0
#: Same name at another address of the commune within this distance: listed for review.
REVIEW_SAME_NAME_M = 1000.0

_ABBREVIATIONS = {
    "mds": "maison des solidarites",
    "efs": "espace france services",
    "mfs": "maison france services",
    "msap": "maison de services au public",
    "cms": "centre medico social",
    "eds": "espace departemental des solidarites",
    "csc": "centre socio culturel",
    "mjc": "maison des jeunes et de la culture",
}
_STREET_WORDS = {
    "av": "avenue", "ave": "avenue", "bd": "boulevard", "bld": "boulevard", "boul": "boulevard",
    "pl": "place", "r": "rue", "rte": "route", "che": "chemin", "ch": "chemin", "imp": "impasse",
    "all": "allee", "sq": "square", "fg": "faubourg", "crs": "cours", "qu": "quai", "gal": "general",
    "mal": "marechal", "pdt": "president",
}  # fmt: skip
#: Words that make a text an address (with a digit); « Adresse fictive » or « à préciser » are not one.
_ADDRESS_WORDS = {
    *_STREET_WORDS.values(), "rue", "voie", "lieu", "lieudit", "hameau", "residence", "bourg", "zone",
    "za", "zac", "zi", "parc", "cite", "passage", "sentier", "esplanade", "promenade", "rond", "mail",
    "parvis", "centre", "hotel", "mairie", "quartier", "domaine", "chaussee", "ruelle", "carrefour",
}  # fmt: skip
_FILLERS = {"de", "du", "des", "la", "le", "les", "l", "d", "et", "a", "au", "aux", "en"}
_NUMBER = re.compile(r"^\d+[a-z]?$|^\d+(bis|ter|quater)$")

#: Kinds of structure recognised in names; two records of different kinds are two structures.
_KINDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("CCAS", ("ccas", "cias", "centre communal d action sociale", "centre intercommunal d action sociale")),
    ("France Services", ("france services", "france service", "maison de services au public")),
    ("médiathèque", ("mediatheque", "bibliotheque", "ludotheque")),
    ("centre social", ("centre social", "centre socio", "centres sociaux", "maison de quartier",
                       "maison pour tous", "espace de vie sociale")),
    ("mission locale", ("mission locale",)),
    ("La Poste", ("la poste", "bureau de poste")),
    ("solidarités départementales", ("maison des solidarites", "espace departemental des solidarites",
                                     "centre medico social", "maison du departement", "departement",
                                     "conseil departemental")),
    ("mairie", ("mairie", "hotel de ville", "commune de", "commune d", "ville de", "ville d")),
    ("EHPAD", ("ehpad",)),
    ("espace public numérique", ("espace public numerique", "epn")),
    ("école", ("ecole", "college", "lycee", "universite")),
    ("association", ("association", "assoc", "asso")),
)  # fmt: skip


@dataclass(frozen=True)
class DuplicatePair:
    """Two records compared: their scores (0–100), the decision and the rule that made it.

    ``first`` is the record kept when the pair is merged (newest ``date_maj``,
    then the more complete record, then the first read). ``decision`` is
    ``"merge"`` or ``"review"``; ``rule`` a key of
    :data:`nec_network.wording.DUPLICATE_REASONS` and ``details`` its values (kinds of
    structure, distance, scores).
    """

    first: str
    second: str
    name: float
    address: float | None
    distance_m: float | None
    distance: float | None
    score: float
    decision: str
    rule: str
    details: tuple[object, ...] = ()


@dataclass(frozen=True)
class DuplicateResult:
    """The pairs scored and the groups to merge (each group: kept id first, then the others)."""

    pairs: tuple[DuplicatePair, ...]
    groups: tuple[tuple[str, ...], ...]

    @property
    def merged(self) -> tuple[DuplicatePair, ...]:
        """Pairs decided ``merge``."""
        return tuple(pair for pair in self.pairs if pair.decision == "merge")

    @property
    def uncertain(self) -> tuple[DuplicatePair, ...]:
        """Pairs listed for review, not merged."""
        return tuple(pair for pair in self.pairs if pair.decision == "review")

    def duplicate_of(self) -> dict[str, str]:
        """Each merged id → the id kept for its group."""
        return {other: group[0] for group in self.groups for other in group[1:]}


# -- normalisation ------------------------------------------------------------------------------
def name_key(name: str) -> str:
    """Normalised name with abbreviations expanded and articles dropped.

    >>> name_key("MDS Cournon") == name_key("Maison des Solidarités de Cournon")
    True
    """
    words = []
    for word in normalize_name(name).split():
        words.extend(_ABBREVIATIONS.get(word, word).split())
    return " ".join(word for word in words if word not in _FILLERS)


def address_key(address: str) -> str:
    """Normalised address: abbreviations of street words expanded, articles dropped.

    >>> address_key("4 AV DE SAINT MENET") == address_key("4 avenue Saint-Menet")
    True
    """
    words = [_STREET_WORDS.get(word, word) for word in normalize_name(address).split()]
    return " ".join(word for word in words if word not in _FILLERS)


def structure_kind(name: str) -> str:
    """The kind of structure a name says (``"mairie"``, ``"CCAS"``…), or ``""``.

    >>> structure_kind("Mairie de Beaurieux"), structure_kind("Espace France Services")
    ('mairie', 'France Services')
    >>> structure_kind("Centre Communal d'Action Sociale")
    'CCAS'
    """
    text = f" {normalize_name(name)} "
    for kind, words in _KINDS:
        if any(f" {word} " in text for word in words):
            return kind
    return ""


def name_similarity(a: str, b: str) -> float:
    """0–100: best of the character ratio and the token-set ratio of two name keys.

    Names with different numbers (« centre social quartier 2 ») score at most 60.

    >>> name_similarity("maison solidarites", "maison solidarites cournon")
    100.0
    >>> name_similarity("centre social amiens", "centre social amiens quartier 2")
    60.0
    """
    if not a or not b:
        return 0.0
    if a == b:
        return 100.0
    if {w for w in a.split() if any(c.isdigit() for c in w)} != {w for w in b.split() if any(c.isdigit() for c in w)}:
        # « quartier 2 », « antenne 3 »: another number is another place, whatever the other words.
        return round(min(100.0 * SequenceMatcher(None, a, b).ratio(), DIFFERENT_NUMBERS_CAP), 1)
    ratio = SequenceMatcher(None, a, b).ratio()
    ta, tb = set(a.split()), set(b.split())
    common = " ".join(sorted(ta & tb))
    token_set = 0.0
    if common:
        rest_a = " ".join([common, *sorted(ta - tb)]).strip()
        rest_b = " ".join([common, *sorted(tb - ta)]).strip()
        token_set = max(SequenceMatcher(None, common, rest_a).ratio(),
                        SequenceMatcher(None, common, rest_b).ratio(),
                        SequenceMatcher(None, rest_a, rest_b).ratio())
    return round(100.0 * max(ratio, token_set), 1)


def address_similarity(a: str, b: str) -> float | None:
    """0–100 for two address keys; 0 when both start with different street numbers; None if one is not an address.

    >>> address_similarity("12 rue pave", "14 rue pave")
    0.0
    >>> address_similarity("34 place jean jaures", "34 place jean jaures")
    100.0
    >>> address_similarity("adresse fictive", "adresse fictive") is None
    True
    """
    if not _is_address(a) or not _is_address(b):
        return None
    number_a = [w for w in a.split() if _NUMBER.match(w)][:1]
    number_b = [w for w in b.split() if _NUMBER.match(w)][:1]
    if number_a and number_b and number_a != number_b:
        return 0.0
    return round(100.0 * SequenceMatcher(None, a, b).ratio(), 1)


def _is_address(key: str) -> bool:
    words = key.split()
    return any(any(c.isdigit() for c in word) or word in _ADDRESS_WORDS for word in words)


def _positioned(actor: Actor) -> bool:
    """Whether the coordinates say where the place is (not its commune's reference point)."""
    return actor.has_coordinates and actor.precision != "commune"


def _without_commune(key: str, commune: str) -> str:
    """A name key without the words of its commune's name (« CCAS de Laon » → « ccas »), when words remain."""
    words = set(name_key(commune).split())
    kept = [word for word in key.split() if word not in words]
    return " ".join(kept) if kept and words else key


def _commune_key(actor: Actor) -> str:
    if actor.code_insee:
        return actor.code_insee
    return f"{actor.code_postal}:{normalize_name(actor.commune)}"


def _completeness(actor: Actor) -> int:
    return sum(1 for value in vars(actor).values() if value not in ("", (), None, {}))


# -- finding ------------------------------------------------------------------------------------
def find_duplicates(ecosystem: Ecosystem, *, max_distance_m: float = SAME_PLACE_M) -> DuplicateResult:
    """Score every candidate pair of ``ecosystem`` and group the pairs to merge.

    Complexity: O(n log n) for the spatial index plus the candidate pairs (same
    commune and name or address, or within ``max_distance_m``). The carrying
    structures added by :func:`~nec_network.analysis.structures.link_structures`
    are not places and are never compared.

    >>> a = Actor("a", "Mairie", adresse="1 rue X", code_insee="02058", source="s", latitude=49.39, longitude=3.73)
    >>> b = Actor("b", "MAIRIE", adresse="1 r X", code_insee="02058", source="s", latitude=49.39, longitude=3.73)
    >>> c = Actor("c", "CCAS", adresse="1 rue X", code_insee="02058", source="s", latitude=49.39, longitude=3.73)
    >>> result = find_duplicates(Ecosystem([a, b, c]))
    >>> result.groups, [(p.first, p.second, p.rule, p.details) for p in result.uncertain]
    ((('a', 'b'),), [('a', 'c', 'distinct_kinds_same_place', ('mairie', 'CCAS'))])
    """
    # Carrying structures added at import are not places: never compared.
    actors = tuple(a for a in ecosystem.actors if a.extra.get("nature") != STRUCTURE_NATURE)
    keys = [(name_key(a.nom), address_key(a.adresse), _commune_key(a)) for a in actors]
    candidates: set[tuple[int, int]] = set()
    for index_of in (0, 1):
        blocks: dict[tuple[str, str], list[int]] = {}
        for position, key in enumerate(keys):
            if key[index_of]:
                blocks.setdefault((key[2], key[index_of]), []).append(position)
        for members in blocks.values():
            candidates.update(combinations(members, 2))
    located = [i for i, actor in enumerate(actors) if _positioned(actor)]
    if len(located) > 1:
        index = SpatialIndex([actors[i].latitude for i in located], [actors[i].longitude for i in located])
        near = index.within(index.latitude, index.longitude, max_distance_m / 1000.0).tocoo()
        candidates.update((located[i], located[j]) for i, j in zip(near.row, near.col, strict=True) if i < j)
    pairs = [_score(actors[i], actors[j], keys[i], keys[j], i, j, max_distance_m) for i, j in sorted(candidates)]
    pairs = [pair for pair in pairs if pair is not None]
    groups = _groups(actors, [p for p in pairs if p.decision == "merge"])
    return DuplicateResult(_without_merged_reviews(pairs, groups), groups)


def _without_merged_reviews(pairs: list[DuplicatePair], groups: tuple[tuple[str, ...], ...]) -> tuple[DuplicatePair, ...]:
    """Pairs to review whose records end up in one group are settled; one review per pair of groups."""
    kept = {member: group[0] for group in groups for member in group}
    seen: set[frozenset[str]] = set()
    result = []
    for pair in pairs:
        if pair.decision == "review":
            ends = frozenset((kept.get(pair.first, pair.first), kept.get(pair.second, pair.second)))
            if len(ends) == 1 or ends in seen:
                continue
            seen.add(ends)
        result.append(pair)
    return tuple(result)


def _score(a: Actor, b: Actor, key_a: tuple[str, str, str], key_b: tuple[str, str, str],
           i: int, j: int, max_distance_m: float) -> DuplicatePair | None:
    # The commune's name in both names says nothing about the place: compared without it.
    name = name_similarity(_without_commune(key_a[0], a.commune), _without_commune(key_b[0], b.commune))
    address = address_similarity(key_a[1], key_b[1])
    metres = None
    if _positioned(a) and _positioned(b):
        metres = float(great_circle_km(a.latitude, a.longitude, b.latitude, b.longitude)) * 1000.0
    distance = None if metres is None else round(100.0 * max(0.0, 1.0 - metres / DISTANCE_SCALE_M), 1)
    known = [value for value in (name, address, distance) if value is not None]
    score = round(sum(known) / len(known), 1)
    same_commune = key_a[2] == key_b[2]
    same_point = metres is not None and metres <= max_distance_m
    same_address = address is not None and address >= 95.0
    kind_a, kind_b = structure_kind(a.nom), structure_kind(b.nom)
    decision, rule, details = _decide(a, b, name, score, same_commune, same_point, same_address,
                                      metres, kind_a, kind_b, key_a, key_b)
    if decision is None:
        return None
    first, second = _order(a, b, i, j)
    return DuplicatePair(first.id, second.id, name, address, None if metres is None else round(metres, 1),
                         distance, score, decision, rule, details)


def _decide(a: Actor, b: Actor, name: float, score: float, same_commune: bool, same_point: bool,
            same_address: bool, metres: float | None, kind_a: str, kind_b: str,
            key_a: tuple[str, str, str], key_b: tuple[str, str, str]
            ) -> tuple[str | None, str, tuple[object, ...]]:
    same_name = key_a[0] == key_b[0]
    here = same_address or same_point
    siret = a.pivot if a.pivot and set(a.pivot) != {"0"} else ""
    same_siret = bool(siret) and siret == b.pivot
    if not same_commune:
        # Coordinates copied from one place to another, one name in two towns: another commune is
        # another place, unless an identifier and the address say they are one.
        if same_address and (same_siret or _shared_contact(a, b, phone=True)):
            return "merge", "other_commune_same_identifier", ()
        return ("review", "other_commune_same_place", ()) if here else (None, "", ())
    if kind_a and kind_b and kind_a != kind_b and not same_name:
        if here:
            return "review", "distinct_kinds_same_place", (kind_a, kind_b)
        return None, "", ()
    if a.itinerant != b.itinerant:
        if same_name and same_address and _shared_contact(a, b, phone=True):
            return "merge", "same_listing_twice", ()  # one listing given twice, itinerance aside
        if here:
            return "review", "fixed_and_itinerant", ()
        return None, "", ()
    no_address = not _is_address(key_a[1]) and not _is_address(key_b[1])
    if same_name and (here or (no_address and metres is None)):
        return "merge", "same_name_same_address" if same_address else "same_name_same_place", ()
    # Within one source, the places of one structure often give its one contact: across sources,
    # the same e-mail at the same address is the same place described twice.
    shared = _shared_contact(a, b) if a.source != b.source else ""
    if here and shared:
        return "merge", f"same_address_same_{shared}", ()
    if same_siret and same_address:
        return "merge", "same_siret_same_address", ()
    if here and _different_names(key_a[0], key_b[0], a.commune):
        # Two names, each with a word of its own, at one address: two structures sharing a building
        # (« Station ESS Local Ateliers » / « Station ESS boulevard… ») until a person says otherwise.
        rule = "same_address_different_names" if same_address else "same_point_different_names"
        return "review", rule, ()
    if same_point and name >= SIMILAR_NAME:
        return "merge", "same_point_similar_name", (SAME_PLACE_M,)
    if same_address and name >= SIMILAR_NAME:
        return "merge", "same_address_similar_name", ()
    if here and kind_a and kind_a == kind_b and name >= 70.0:
        return "merge", "same_address_same_kind", (kind_a,)
    threshold = SAME_SOURCE_THRESHOLD if a.source == b.source else CROSS_SOURCE_THRESHOLD
    if score >= threshold and name >= SCORE_RULE_NAME:
        return "merge", "mean_score", (score, threshold)
    if here:
        rule = "same_address_different_names" if same_address else "same_point_different_names"
        return "review", rule, ()
    if same_name and (metres is None or metres <= REVIEW_SAME_NAME_M):
        return "review", "same_name_other_address", ()
    return None, "", ()


#: Words that say what a place is, not which one: two names differing only by them are one name.
_GENERIC_WORDS = frozenset(
    "france services service espace espaces maison bus numerique numeriques centre social sociale "
    "mediation pimms antenne site principal point accueil agence relais".split()
)


def _different_names(key_a: str, key_b: str, commune: str) -> bool:
    """Whether each name has a distinctive word the other lacks (generic words and the
    commune's name aside): « Espaces numériques de Normandie » and « Espace numérique Fodeno ».

    >>> _different_names("bus france services espaces numeriques normandie", "bus france services espace numerique fodeno", "")
    True
    >>> _different_names("maison solidarites cournon", "maison solidarites", "Cournon")
    False
    """
    ignored = _GENERIC_WORDS | set(name_key(commune).split())
    words_a, words_b = set(key_a.split()) - ignored, set(key_b.split()) - ignored
    return bool(words_a - words_b) and bool(words_b - words_a)


def _shared_contact(a: Actor, b: Actor, *, phone: bool = False) -> str:
    """``"email"`` or ``"website"`` (or, asked, ``"phone"``) when both records give the same one.

    A phone alone may be a switchboard: it counts only where the address is the same too.
    """
    for label, first, second in (("email", a.courriels, b.courriels), ("website", a.sites_web, b.sites_web)):
        left = {value.strip().lower().rstrip("/") for value in first if value.strip()}
        if left & {value.strip().lower().rstrip("/") for value in second if value.strip()}:
            return label
    if phone:
        digits_a, digits_b = re.sub(r"\D", "", a.telephone)[-9:], re.sub(r"\D", "", b.telephone)[-9:]
        if len(digits_a) == 9 and digits_a == digits_b:
            return "phone"
    return ""


def _order(a: Actor, b: Actor, i: int, j: int) -> tuple[Actor, Actor]:
    """The record to keep first: newest ``date_maj``, then the more complete, then the first read."""
    def rank(actor: Actor, position: int) -> tuple:
        date = actor.date_maj.toordinal() if actor.date_maj else 0
        return (-date, -_completeness(actor), position)

    return (a, b) if rank(a, i) <= rank(b, j) else (b, a)


def _groups(actors: tuple[Actor, ...], merges: list[DuplicatePair]) -> tuple[tuple[str, ...], ...]:
    parent: dict[str, str] = {}

    def root(item: str) -> str:
        while parent.get(item, item) != item:
            parent[item] = parent.get(parent[item], parent[item])
            item = parent[item]
        return item

    for pair in merges:
        parent.setdefault(pair.first, pair.first)
        parent.setdefault(pair.second, pair.second)
        parent[root(pair.second)] = root(pair.first)
    members: dict[str, list[str]] = {}
    for actor in actors:
        if actor.id in parent:
            members.setdefault(root(actor.id), []).append(actor.id)
    position = {actor.id: n for n, actor in enumerate(actors)}
    by_id = {actor.id: actor for actor in actors}
    groups = []
    for ids in members.values():
        ranked = sorted(ids, key=lambda k: (-(by_id[k].date_maj.toordinal() if by_id[k].date_maj else 0),
                                            -_completeness(by_id[k]), position[k]))
        groups.append(tuple(ranked))
    groups.sort(key=lambda group: position[group[0]])
    return tuple(groups)
