"""The structure behind the places: carrying structures and France Services antennas.

* A place of the *Conseillers numériques* export names its structure
  (``structureId``) and its SIRET (``pivot``). :func:`link_structures` adds one
  actor per structure (id ``structure-<structureId>``, or ``structure-siren-<SIREN>``
  when only the SIRET is known and at least two places share its SIREN) and a
  ``membre_de`` partnership from each place to it. The structure is named from what
  it is, never after one of its places (:func:`structure_name`): a public body from its
  SIREN (commune, intercommunality, département: :mod:`nec_network.territory.public_bodies`),
  else « Structure porteuse SIRET … (n lieux) »; what is deduced is flagged in ``extra``
  (``nom_deduit``, the commune: ``commune_deduite``, the typology from the SIREN:
  ``typologie_deduite``). A place whose SIRET and name say it is the structure itself
  (« COMMUNE DE BORDEAUX », SIRET of the commune) becomes the structure's record: no actor
  is added, the other places are linked to it. An added structure has no coordinates: it
  is a node of the network, not a place on the map.
* The France Services list groups antennas with their main site (columns
  ``format_fs``, ``groupe``). :func:`link_antennas` links each antenna to the
  main site of its group (same ``groupe``, same département), else to the site
  whose name begins its own (« France services X - Antenne de Y » → « France
  services X »), with a ``membre_de`` partnership whose note says how.

Both return a new ecosystem (the input is unchanged) and a count of what they made.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from dataclasses import dataclass

from nec_network.text import normalize_name
from nec_network.model import Actor, Ecosystem, Partnership
from nec_network.territory.public_bodies import PublicBody, public_body

STRUCTURE_PREFIX = "structure-"
#: ``extra["nature"]`` of the actors added for carrying structures (they are not places).
STRUCTURE_NATURE = "structure porteuse"
_SIREN_TYPOLOGIES = (("21", "MUNI"), ("22", "DEPT"), ("20", "EPCI"), ("24", "EPCI"), ("23", "REG"),
                     ("77", "ASSO"), ("78", "ASSO"))  # fmt: skip
#: Notes of the ``membre_de`` links this module derives (not partnerships anyone declared).
_PLACE_NOTE = "lieu de la structure porteuse (structureId / SIRET du fichier)"
_ANTENNA_NOTE = "antenne du site principal"
_ANTENNA = "antenne"
_MAIN_SITE = "site principal"


@dataclass(frozen=True)
class StructureLinks:
    """What :func:`link_structures` or :func:`link_antennas` added."""

    actors: int = 0
    partnerships: int = 0
    unlinked: tuple[str, ...] = ()
    #: Places recognised as their own carrying structure (no actor added for it).
    places_as_structure: int = 0


def _siret(actor: Actor) -> str:
    pivot = actor.pivot.strip()
    return pivot if len(pivot) == 14 and pivot.isdigit() and set(pivot) != {"0"} else ""


def _structure_key(actor: Actor, shared_sirens: set[str]) -> str:
    given = str(actor.extra.get("structureId", "")).strip()
    if given:
        return f"{STRUCTURE_PREFIX}{given}"
    siren = _siret(actor)[:9]
    return f"{STRUCTURE_PREFIX}siren-{siren}" if siren in shared_sirens else ""


def is_derived_link(link: Partnership) -> bool:
    """True for a ``membre_de`` link derived on import (a place → its carrying structure, an
    antenna → its main site): an employer or antenna tie read from the files, not a
    partnership someone declared.

    >>> is_derived_link(Partnership("a", "s", "membre_de", note=_PLACE_NOTE)), is_derived_link(Partnership("a", "b", "orientation"))
    (True, False)
    """
    return link.type == "membre_de" and (link.note == _PLACE_NOTE or link.note.startswith(_ANTENNA_NOTE))


def siren_typology(siret: str) -> str:
    """Typology probably meant by a SIREN's first digits (``""`` when they say nothing).

    >>> siren_typology("21330063500017"), siren_typology("77567227223928"), siren_typology("53851847300011")
    ('MUNI', 'ASSO', '')
    """
    return next((code for prefix, code in _SIREN_TYPOLOGIES if siret.startswith(prefix)), "")


def link_structures(ecosystem: Ecosystem) -> tuple[Ecosystem, StructureLinks]:
    """Add the carrying structures of the places and the ``membre_de`` links to them.

    >>> places = [Actor("p1", "Mairie", code_insee="02058", pivot="21020058000015", extra={"structureId": "s9"}),
    ...           Actor("p2", "Médiathèque", code_insee="02058", extra={"structureId": "s9"})]
    >>> eco, links = link_structures(Ecosystem(places))
    >>> eco["structure-s9"].nom, eco["structure-s9"].typologies, links.partnerships
    ('Commune de Beautor', ('MUNI',), 2)
    >>> city = [Actor("b1", "COMMUNE DE BORDEAUX", pivot="21330063500017", extra={"structureId": "s1"}),
    ...         Actor("b2", "Bibliothèque Mériadeck", extra={"structureId": "s1"})]
    >>> eco, links = link_structures(Ecosystem(city))
    >>> "structure-s1" in eco, [(p.source, p.cible) for p in eco.partnerships], eco["b1"].extra["structure_porteuse"]
    (False, [('b2', 'b1')], 'Commune de Bordeaux')
    """
    sirens = Counter(_siret(actor)[:9] for actor in ecosystem if _siret(actor))
    shared = {siren for siren, count in sirens.items() if count > 1}
    members: dict[str, list[Actor]] = {}
    for actor in ecosystem:
        if actor.id.startswith(STRUCTURE_PREFIX):
            continue
        key = _structure_key(actor, shared)
        if key:
            members.setdefault(key, []).append(actor)
    new_actors, links, updated = [], [], {}
    existing = {link.key for link in ecosystem.partnerships}
    for key, places in members.items():
        own = _place_that_is_the_structure(places)
        target = own.id if own is not None else key
        if own is not None:
            updated[own.id] = _as_structure(own)
        elif key not in ecosystem:
            new_actors.append(_structure_actor(key, places))
        for place in places:
            if place.id == target:
                continue
            link = Partnership(source=place.id, cible=target, type="membre_de",
                               origine=place.source or "fichier importé",
                               note=_PLACE_NOTE)
            if link.key not in existing:
                existing.add(link.key)
                links.append(link)
    if not new_actors and not links and not updated:
        return ecosystem, StructureLinks()
    result = ecosystem.replace_actors(updated).with_actors(new_actors, links)
    return result, StructureLinks(len(new_actors), len(links), places_as_structure=len(updated))


#: Words a public body's own record may add to its name (« Mairie de X » for the commune of X).
_BODY_WORDS = frozenset(
    "commune mairie ville hotel de du des la le les l d et communaute agglomeration communes urbaine "
    "metropole conseil departemental departement region regional".split()
)


def _place_that_is_the_structure(places: list[Actor]) -> Actor | None:
    """The place whose SIRET and name say it is the carrying structure itself, if any: its
    SIRET is the structure's, a public body, and its name is that body's (give or take words
    such as « mairie », « ville », « communauté »)."""
    sirets = Counter(_siret(place) for place in places if _siret(place))
    if not sirets:
        return None
    siret = sirets.most_common(1)[0][0]
    body = public_body(siret)
    if body is None:
        return None
    body_words = set(normalize_name(body.nom).split())
    for place in places:
        words = set(normalize_name(place.nom).split())
        if _siret(place) == siret and words - _BODY_WORDS and words <= body_words | _BODY_WORDS:
            return place
    return None


def _as_structure(place: Actor) -> Actor:
    """The place that is its carrying structure, said so (it stays a place on the map)."""
    body = public_body(_siret(place))
    extra = {**place.extra, "structure_porteuse": body.nom if body else "oui"}
    typologies = place.typologies or ((body.typologie,) if body else ())
    return dataclasses.replace(place, typologies=typologies, extra=extra)


def _structure_actor(key: str, places: list[Actor]) -> Actor:
    """The actor of a carrying structure, named from what it is (:func:`structure_name`)."""
    commune = Counter((p.code_insee, p.commune, p.code_postal) for p in places).most_common(1)[0][0]
    sirets = Counter(_siret(place) for place in places if _siret(place))
    siret = sirets.most_common(1)[0][0] if sirets else ""
    body = public_body(siret) if siret else None
    typology = body.typologie if body else siren_typology(siret)
    extra: dict[str, object] = {"nature": STRUCTURE_NATURE}
    if body is None:
        extra["nom_deduit"] = "oui"
    else:
        extra["nom_deduit"] = f"d'après le SIREN ({body.siren})"
    if len({(p.code_insee, p.commune) for p in places}) > 1:
        extra["commune_deduite"] = "commune la plus fréquente de ses lieux"
    if typology:
        extra["typologie_deduite"] = "d'après le SIREN"
    if "structureId" in places[0].extra:
        extra["structureId"] = places[0].extra["structureId"]
    return Actor(
        id=key,
        nom=structure_name(key, places, body),
        typologies=(typology,) if typology else (),
        code_insee=commune[0],
        commune=commune[1],
        code_postal=commune[2],
        pivot=siret,
        source=places[0].source,
        date_maj=max((p.date_maj for p in places if p.date_maj), default=None),
        extra=extra,
    )


def structure_name(key: str, places: list[Actor], body: PublicBody | None = None) -> str:
    """The name of a carrying structure: a public body's own name (from its SIREN), else
    « Structure porteuse SIRET … (n lieux) », never one of its places' names.

    >>> structure_name("structure-s1", [Actor("a", "Cyber-base", pivot="53851847300011")])
    'Structure porteuse SIRET 538 518 473 00011 (1 lieu)'
    >>> structure_name("structure-s2", [Actor("a", "A", pivot="77567227223928"), Actor("b", "B", pivot="77567227231459")])
    'Structure porteuse SIREN 775 672 272 (2 lieux)'
    >>> structure_name("structure-604", [Actor("a", "Mairie"), Actor("b", "Bibliothèque")])
    'Structure porteuse n° 604 (2 lieux)'
    """
    if body is not None:
        return body.nom
    count = f"{len(places)} {'lieu' if len(places) == 1 else 'lieux'}"
    sirets = sorted({_siret(place) for place in places if _siret(place)})
    if len(sirets) == 1:
        siret = sirets[0]
        return f"Structure porteuse SIRET {siret[:3]} {siret[3:6]} {siret[6:9]} {siret[9:]} ({count})"
    if len({siret[:9] for siret in sirets}) == 1:
        siren = sirets[0][:9]
        return f"Structure porteuse SIREN {siren[:3]} {siren[3:6]} {siren[6:]} ({count})"
    return f"Structure porteuse n° {key.removeprefix(STRUCTURE_PREFIX)} ({count})"


def link_antennas(ecosystem: Ecosystem) -> tuple[Ecosystem, StructureLinks]:
    """Link each France Services antenna to its main site (``membre_de``).

    >>> main = Actor("fs-1", "France services Bassuet", code_insee="51040",
    ...              extra={"format_fs": "Site principal", "groupe": "Bassuet"})
    >>> antenna = Actor("fs-2", "France services Bassuet - Antenne de Sermaize", code_insee="51531",
    ...                 extra={"format_fs": "Antenne", "groupe": "Bassuet"})
    >>> eco, links = link_antennas(Ecosystem([main, antenna]))
    >>> [(p.source, p.cible, p.type) for p in eco.partnerships], links.unlinked
    ([('fs-2', 'fs-1', 'membre_de')], ())
    """
    def kind(actor: Actor) -> str:
        return normalize_name(str(actor.extra.get("format_fs", "")))

    mains = [actor for actor in ecosystem if kind(actor) == _MAIN_SITE]
    by_group = {(a.departement, normalize_name(str(a.extra.get("groupe", "")))): a
                for a in mains if a.extra.get("groupe")}
    by_name = {(a.departement, normalize_name(a.nom)): a for a in mains}
    existing = {link.key for link in ecosystem.partnerships}
    links, unlinked = [], []
    for antenna in ecosystem:
        if kind(antenna) != _ANTENNA:
            continue
        group = normalize_name(str(antenna.extra.get("groupe", "")))
        main, how = by_group.get((antenna.departement, group)) if group else None, "même groupe"
        if main is None:
            main, how = _main_by_name(antenna, by_name), "nom du site principal en tête du nom de l'antenne"
        if main is None or main.id == antenna.id:
            unlinked.append(antenna.id)
            continue
        link = Partnership(source=antenna.id, cible=main.id, type="membre_de", origine="liste France Services",
                           note=f"{_ANTENNA_NOTE} ({how})")
        if link.key not in existing:
            existing.add(link.key)
            links.append(link)
    if not links:
        return ecosystem, StructureLinks(unlinked=tuple(unlinked))
    return ecosystem.with_actors([], links), StructureLinks(0, len(links), tuple(unlinked))


def _main_by_name(antenna: Actor, by_name: dict[tuple[str, str], Actor]) -> Actor | None:
    name = normalize_name(antenna.nom)
    best = None
    for (departement, main_name), main in by_name.items():
        if departement == antenna.departement and name.startswith(main_name + " ") and (
            best is None or len(main_name) > len(normalize_name(best.nom))
        ):
            best = main
    return best
