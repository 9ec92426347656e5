"""The structure behind the places: carrying structures and France Services antennas.

* A place of the *Conseillers numériques* export names its structure
  (``structureId``) and its SIRET (``pivot``). :func:`link_structures` adds one
  actor per structure (id ``structure-<structureId>``, or ``structure-siren-<SIREN>``
  when only the SIRET is known and at least two places share its SIREN) and a
  ``membre_de`` partnership from each place to it. What is not in the file is
  deduced and flagged in ``extra``: the name (« … (structure porteuse) », from
  its places' most frequent name, ``nom_deduit``), the commune (its places'
  most frequent one, ``commune_deduite``) and the typology from the SIREN
  (21… commune, 22… département, 20…/24… intercommunalité, 77…/78… association:
  ``typologie_deduite``). A structure has no coordinates: it is a node of the
  network, not a place on the map.
* The France Services list groups antennas with their main site (columns
  ``format_fs``, ``groupe``). :func:`link_antennas` links each antenna to the
  main site of its group (same ``groupe``, same département), else to the site
  whose name begins its own (« France services X - Antenne de Y » → « France
  services X »), with a ``membre_de`` partnership whose note says how.

Both return a new ecosystem (the input is unchanged) and a count of what they made.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from nec_network.text import normalize_name
from nec_network.model import Actor, Ecosystem, Partnership

STRUCTURE_PREFIX = "structure-"
#: ``extra["nature"]`` of the actors added for carrying structures (they are not places).
STRUCTURE_NATURE = "structure porteuse"
_SIREN_TYPOLOGIES = (("21", "MUNI"), ("22", "DEPT"), ("20", "EPCI"), ("24", "EPCI"), ("23", "REG"),
                     ("77", "ASSO"), ("78", "ASSO"))  # fmt: skip
_ANTENNA = "antenne"
_MAIN_SITE = "site principal"


@dataclass(frozen=True)
class StructureLinks:
    """What :func:`link_structures` or :func:`link_antennas` added."""

    actors: int = 0
    partnerships: int = 0
    unlinked: tuple[str, ...] = ()


def _siret(actor: Actor) -> str:
    pivot = actor.pivot.strip()
    return pivot if len(pivot) == 14 and pivot.isdigit() and set(pivot) != {"0"} else ""


def _structure_key(actor: Actor, shared_sirens: set[str]) -> str:
    given = str(actor.extra.get("structureId", "")).strip()
    if given:
        return f"{STRUCTURE_PREFIX}{given}"
    siren = _siret(actor)[:9]
    return f"{STRUCTURE_PREFIX}siren-{siren}" if siren in shared_sirens else ""


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
    ('Mairie (structure porteuse)', ('MUNI',), 2)
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
    new_actors, links = [], []
    existing = {link.key for link in ecosystem.partnerships}
    for key, places in members.items():
        if key not in ecosystem:
            new_actors.append(_structure_actor(key, places))
        for place in places:
            link = Partnership(source=place.id, cible=key, type="membre_de",
                               origine=place.source or "fichier importé",
                               note="lieu de la structure porteuse (structureId / SIRET du fichier)")
            if link.key not in existing:
                existing.add(link.key)
                links.append(link)
    if not new_actors and not links:
        return ecosystem, StructureLinks()
    return ecosystem.with_actors(new_actors, links), StructureLinks(len(new_actors), len(links))


def _structure_actor(key: str, places: list[Actor]) -> Actor:
    name = Counter(place.nom for place in places).most_common(1)[0][0]
    commune = Counter((p.code_insee, p.commune, p.code_postal) for p in places).most_common(1)[0][0]
    sirets = Counter(_siret(place) for place in places if _siret(place))
    siret = sirets.most_common(1)[0][0] if sirets else ""
    typology = siren_typology(siret)
    extra: dict[str, object] = {"nom_deduit": "oui", "nature": STRUCTURE_NATURE}
    if len({(p.code_insee, p.commune) for p in places}) > 1:
        extra["commune_deduite"] = "commune la plus fréquente de ses lieux"
    if typology:
        extra["typologie_deduite"] = "d'après le SIREN"
    if "structureId" in places[0].extra:
        extra["structureId"] = places[0].extra["structureId"]
    return Actor(
        id=key,
        nom=f"{name} (structure porteuse)",
        typologies=(typology,) if typology else (),
        code_insee=commune[0],
        commune=commune[1],
        code_postal=commune[2],
        pivot=siret,
        source=places[0].source,
        date_maj=max((p.date_maj for p in places if p.date_maj), default=None),
        extra=extra,
    )


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
                           note=f"antenne du site principal ({how})")
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
