"""Checks on actors and partnerships: identity, links, codes and places.

Two moments:

* **at read time**, :func:`admit_actors` and :func:`admit_partnerships` decide
  which candidate rows enter the ecosystem: a duplicate id, a partnership naming
  an unknown actor, a self-loop or a repeated partnership rejects the row with its
  reason (an :class:`~nec_network.model.Ecosystem` would refuse them anyway);
* **about places**, :func:`check_ecosystem` (also run by :func:`admit_actors`
  on each admitted row) looks at what an ecosystem cannot forbid:
  malformed or unknown codes, an INSEE code at odds with the postal code or the
  commune name, coordinates outside France (``erreur``) or more than
  :data:`MAX_DISTANCE_KM` from their commune's reference point (``avertissement``).

Every problem names the file and row the actor came from when ``locations`` says so.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from nec_network import codes
from nec_network.wording import french_of
from nec_network.distance import great_circle_km
from nec_network.errors import NecNetworkError
from nec_network.io._values import RowContext
from nec_network.io.placement import COLLECTIVITIES, ActorFields, locate_points, place_actor
from nec_network.io.report import Level, Problem, Report
from nec_network.model import Actor, Ecosystem, Event, Partnership
from nec_network.model.partnership import periods_overlap
from nec_network.model.actor import TYPOLOGY_DEDUCED
from nec_network.model.position import describe_position, position_problem

if TYPE_CHECKING:
    from nec_network.territory.communes import Commune

#: Distance (km) beyond which coordinates outside their commune's département are flagged.
MAX_DISTANCE_KM = 10.0
#: Distance (km) to a département's (coarse, Natural Earth) polygon beyond which a point is outside it.
OUTSIDE_DEPARTEMENT_KM = 3.0
# -- read time --------------------------------------------------------------------------------
def admit_actors(
    candidates: Iterable[tuple[RowContext, ActorFields]],
    report: Report,
    *,
    check_places: bool = True,
    require_place: bool = False,
    complete_places: bool | None = None,
) -> list[Actor]:
    """Accept each candidate actor into the report, rejecting a repeated id (naming the first row).

    A candidate is the row's context and the keyword arguments of its :class:`Actor`, every
    field given (:func:`nec_network.io.template.actor_fields`), handed over: placement completes
    that dict in place; each actor is built once, when admitted and placed.
    Each accepted actor is placed in its commune (:func:`nec_network.io.placement.place_actor`;
    ``require_place`` for files that list places: a row with neither coordinates nor a
    findable commune is rejected; ``complete_places``, by default the same, also fills the
    official commune name, the postal code and, without coordinates, the commune's point), gets a typology deduced from its name when it has none
    (flagged in ``extra["typologie_deduite"]`` and listed for review), then goes through the
    checks of :func:`check_ecosystem` (unless ``check_places`` is false), its problems
    located at the candidate's row.
    """
    drafts = list(candidates)
    complete = require_place if complete_places is None else complete_places
    points = locate_points([fields for _, fields in drafts]) if check_places else None
    admitted: dict[str, tuple[RowContext, Actor]] = {}
    # Where each admitted row's findings end in report.problems: its place checks go there.
    ends: list[int] = []
    for index, (ctx, fields) in enumerate(drafts):
        if fields["id"] in admitted:
            first = admitted[fields["id"]][0]
            report.reject(ctx.problem(f"identifiant en double (déjà ligne {first.row})", column="id",
                                      value=fields["id"]))
            continue
        if points is not None:
            placed = place_actor(fields, ctx, report, point=points[index], departement=ctx.departement,
                                 require_place=require_place, complete=complete)
            if placed is None:
                continue
            fields.update(placed)
            fields.update(_deduced_typology(fields, ctx, report))
        actor = Actor.from_fields(fields)
        admitted[actor.id] = (ctx, actor)
        report.actor_ids[(ctx.file, ctx.row)] = actor.id
        report.accept(corrected=ctx.corrected)
        ends.append(len(report.problems))
    if points is not None:
        checks = _check_actors([actor for _, actor in admitted.values()],
                               [(ctx.file, ctx.row) for ctx, _ in admitted.values()])
        report.problems[:] = _inserted(report.problems, zip(ends, checks, strict=True))
    return [actor for _, actor in admitted.values()]


def _inserted(problems: list[Problem], insertions: Iterable[tuple[int, list[Problem]]]) -> list[Problem]:
    """``problems`` with each list of ``insertions`` put at its position (positions ascending)."""
    merged: list[Problem] = []
    start = 0
    for position, found in insertions:
        if found:
            merged += problems[start:position]
            merged += found
            start = position
    merged += problems[start:]
    return merged


def _deduced_typology(actor: ActorFields, ctx: RowContext, report: Report) -> ActorFields:
    """The fields giving the actor a typology deduced from its name when it has none (never over
    a given one); none otherwise."""
    if actor["typologies"] or actor["extra"].get("typologie"):
        return {}
    from nec_network.model.typology import typology_from_name
    from nec_network.model.vocabularies import TYPOLOGY_LABELS

    deduced = typology_from_name(actor["nom"])
    if deduced is None:
        return {}
    code, words = deduced
    report.add(ctx.review(
        f"typologie déduite du nom : {code} ({TYPOLOGY_LABELS[code]}), d'après « {words} » ; à vérifier",
        column="typologie", value=actor["nom"], suggestion=code, category="typologie_deduite", level="correction",
    ))
    return {"typologies": (code,), "extra": {**actor["extra"], TYPOLOGY_DEDUCED: "nom"}}


def admit_partnerships(
    candidates: Iterable[tuple[RowContext, Partnership]],
    actor_ids: Iterable[str],
    report: Report,
    *,
    events: Mapping[str, Event] | None = None,
) -> list[Partnership]:
    """Accept each candidate partnership, rejecting unknown ends, self-loops and repeats.

    A repeat is the same :attr:`~nec_network.model.Partnership.key` over an overlapping period
    (:func:`~nec_network.model.partnership.periods_overlap`): a partnership that ended and
    started again is two rows. With ``events`` (the formats that carry them), an ``evenement``
    no event has is rejected, and so is a partnership starting after the survey wave that
    reports it (its ``origine`` is the id of an event of nature ``enquete``); one born at an
    event it predates is a warning.
    """
    known = set(actor_ids)
    seen: dict[tuple[str, str, str], list[tuple[RowContext, Partnership]]] = {}
    admitted: list[Partnership] = []
    for ctx, link in candidates:
        unknown = [(column, end) for column, end in (("source", link.source), ("cible", link.cible))
                   if end not in known]
        repeat = next((first for first, other in seen.get(link.key, ()) if periods_overlap(link, other)), None)
        if unknown:
            column, end = unknown[0]
            report.reject(ctx.problem(f"acteur inconnu : « {end} » (aucun acteur n'a cet identifiant)", column=column,
                                      value=end))
        elif link.source == link.cible:
            report.reject(ctx.problem("un acteur ne peut pas être partenaire de lui-même", column="cible",
                                      value=link.cible))
        elif repeat is not None:
            report.reject(ctx.problem(f"partenariat en double (déjà ligne {repeat.row}, sur une période qui "
                                      "chevauche celle-ci)", column="type", value=link.type))
        elif events is None or _dated_by_events(ctx, link, events, report):
            seen.setdefault(link.key, []).append((ctx, link))
            admitted.append(link)
            report.accept(corrected=ctx.corrected)
    return admitted


def _dated_by_events(ctx: RowContext, link: Partnership, events: Mapping[str, Event], report: Report) -> bool:
    """Whether the partnership agrees with the events (False: rejected, the reason reported)."""
    if link.evenement and link.evenement not in events:
        report.reject(ctx.problem(f"événement inconnu : « {link.evenement} » (aucun événement n'a cet "
                                  "identifiant dans evenements.csv)", column="evenement", value=link.evenement))
        return False
    wave = events.get(link.origine)
    if wave is not None and wave.is_survey and wave.date is not None and link.debut is not None and (
        link.debut.first_day > wave.date.last_day
    ):
        report.reject(ctx.problem(f"relation commençant ({link.debut}) après l'enquête qui la rapporte "
                                  f"(« {wave.id} », {wave.date})", column="debut", value=str(link.debut)))
        return False
    born = events.get(link.evenement)
    if born is not None and born.date is not None and link.debut is not None and (
        link.debut.last_day < born.date.first_day
    ):
        ctx.record(report, "avertissement", f"relation née à l'événement « {born.id} » ({born.date}) mais "
                   f"commencée avant ({link.debut}) : elle compte à partir de l'événement", column="debut",
                   value=str(link.debut))
    return True


# -- after reading ----------------------------------------------------------------------------
def check_ecosystem(
    ecosystem: Ecosystem,
    *,
    locations: Mapping[str, tuple[str, int]] | None = None,
) -> list[Problem]:
    """Problems of the actors' codes and places, in actor order.

    ``locations`` maps an actor id to the (file, row) it was read from.
    Checks: malformed INSEE and postal codes; unknown INSEE code; postal code or
    commune name not those of the INSEE code; coordinates outside France; more
    than :data:`MAX_DISTANCE_KM` from the commune's reference point. Partnerships
    are checked as they are read (:func:`admit_partnerships`).
    """
    locations = locations or {}
    actors = list(ecosystem)
    checks = _check_actors(actors, [locations.get(actor.id, ("", None)) for actor in actors])
    return [problem for found in checks for problem in found]


def _check_actors(actors: Sequence[Actor], where: Sequence[tuple[str, int | None]]) -> list[list[Problem]]:
    """The problems of each actor (at its file and row in ``where``); positions and distances to
    the communes' reference points are computed for all actors at once."""
    import numpy as np

    from nec_network.model.position import plausible_positions

    nan = float("nan")
    named = {code: _commune_named_by(code) for code in {actor.code_insee for actor in actors}}
    postal = {code: _postal_codes(commune) for code, commune in named.items() if commune is not None}
    communes = [named[actor.code_insee] for actor in actors]
    references = [_reference_point(commune) for commune in communes]
    latitude = np.array([nan if actor.latitude is None else actor.latitude for actor in actors], dtype=float)
    longitude = np.array([nan if actor.longitude is None else actor.longitude for actor in actors], dtype=float)
    distances = great_circle_km(latitude, longitude, [point[0] for point in references],
                                [point[1] for point in references])
    plausible = plausible_positions(latitude, longitude)
    return [
        _check_actor(actor, file, row, commune=commune, postal_codes=postal.get(actor.code_insee, []),
                     plausible=bool(fine), distance=float(distance))
        for actor, (file, row), commune, fine, distance in zip(actors, where, communes, plausible.tolist(),
                                                               distances.tolist(), strict=True)
    ]


def _commune_named_by(code_insee: str) -> Commune | None:
    """The commune of a well-formed INSEE code (None for an empty, malformed or unknown code)."""
    from nec_network.territory.communes import get_commune

    if not code_insee or not codes.is_insee_code(code_insee):
        return None
    try:
        return get_commune(code_insee)
    except NecNetworkError:
        return None


def _reference_point(commune: Commune | None) -> tuple[float, float]:
    """The reference point of a commune (NaN without commune or point)."""
    if commune is None or commune.latitude is None or commune.longitude is None:
        return float("nan"), float("nan")
    return commune.latitude, commune.longitude


def _check_actor(actor: Actor, file: str, row: int | None, *, commune: Commune | None, postal_codes: list[str],
                 plausible: bool, distance: float) -> list[Problem]:
    """The problems of one actor; ``commune``: the one its INSEE code names
    (:func:`_commune_named_by`) and ``postal_codes`` its postal codes, ``plausible``: no
    :func:`position_problem` for its coordinates, ``distance``: from them to its commune's
    reference point (km, NaN when unknown)."""
    found: list[Problem] = []

    def flag(level: Level, message: str, column: str, value: object, suggestion: str = "",
             category: str = "") -> None:
        found.append(Problem(level, f"{actor.id} : {message}", file, row, column, str(value), suggestion,
                             category))

    if actor.code_postal and not codes.is_postal_code(actor.code_postal):
        flag("erreur", f"code postal mal formé : « {actor.code_postal} »", "code_postal", actor.code_postal)
    if actor.code_insee and commune is None:
        if not codes.is_insee_code(actor.code_insee):
            flag("erreur", f"code INSEE mal formé : « {actor.code_insee} »", "code_insee", actor.code_insee)
        elif actor.code_insee[:3] in COLLECTIVITIES:
            flag("avertissement", f"code INSEE d'une collectivité d'outre-mer ({actor.code_insee[:3]}), "
                 "hors du référentiel des communes : pas de commune ni de population pour ce lieu",
                 "code_insee", actor.code_insee, category="commune_introuvable")
        else:
            flag("erreur", f"code INSEE inconnu : « {actor.code_insee} »", "code_insee", actor.code_insee)
    if commune is not None:
        _check_commune(actor, commune, postal_codes, flag)
    if actor.has_coordinates:
        assert actor.latitude is not None and actor.longitude is not None
        wrong = None if plausible else position_problem(actor.latitude, actor.longitude)
        if wrong is not None:
            proposed = describe_position(*wrong.proposed) if wrong.proposed else ""
            flag("erreur", f"{wrong.reason} : le lieu n'est pas dessiné sur la carte, à vérifier", "latitude",
                 f"{actor.latitude}, {actor.longitude}", proposed)
        elif commune is not None and distance > MAX_DISTANCE_KM and _outside_departement(
            commune.departement, actor.latitude, actor.longitude
        ):
            flag("avertissement", f"coordonnées à {distance:.0f} km du point de référence "
                 f"{french_of(commune.nom)}, hors de son département ({commune.departement_nom})",
                 "latitude", f"{actor.latitude}, {actor.longitude}", category="coherence")
    return found


def _check_commune(actor: Actor, commune: Commune, postal_codes: list[str], flag: Any) -> None:
    """Postal code and name at odds with the INSEE code and its ``postal_codes`` (another
    département is said as such)."""
    from nec_network.territory.matching import commune_key, departements_of_postal_code

    if postal_codes and actor.code_postal and actor.code_postal not in postal_codes and (
        codes.is_postal_code(actor.code_postal)
    ):
        others = departements_of_postal_code(actor.code_postal)
        if others and commune.departement not in others:
            flag("avertissement", f"code postal d'un autre département ({', '.join(others)}) que la commune "
                 f"{commune.nom} ({commune.departement})", "code_postal", actor.code_postal, postal_codes[0],
                 category="coherence")
        else:
            flag("avertissement", f"code postal différent de ceux de la commune {commune.nom} "
                 f"({', '.join(postal_codes)})", "code_postal", actor.code_postal, postal_codes[0])
    if actor.commune and actor.commune != commune.nom and commune_key(actor.commune) != commune_key(commune.nom):
        flag("avertissement", f"le code INSEE {actor.code_insee} est celui de {commune.nom}",
             "commune", actor.commune, commune.nom)


def _outside_departement(code: str, latitude: float, longitude: float) -> bool:
    """True when the point lies more than :data:`OUTSIDE_DEPARTEMENT_KM` outside the département."""
    from nec_network.territory.boundaries import km_outside_departement

    outside = km_outside_departement(code, latitude, longitude)
    return outside is None or outside > OUTSIDE_DEPARTEMENT_KM


def _postal_codes(commune: object) -> list[str]:
    found = getattr(commune, "codes_postaux", ())
    if isinstance(found, str):
        found = found.split("|")
    return [code for code in found if code]
