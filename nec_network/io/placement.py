"""Every place in its commune, whatever the reader: the step every admitted actor goes through.

:func:`place_actor` finds the commune of an actor with
:func:`nec_network.territory.matching.match_commune` (INSEE code, repaired code, postal
code and name, closest name, name written in the text, coordinates) and completes the
actor: INSEE code, official name when the given one was wrong, postal code when the
commune has only one, and the commune's reference point when the source gave no
coordinates (``precision`` ``commune``). What was corrected or deduced is recorded in the
report, with a category, and kept on the actor in ``extra`` (``commune_deduite``) so that
the views and ``validate`` can say it.

Rules (issue #9):

* a row with valid coordinates is never rejected for its commune: when no commune can be
  found it is imported without one, with a warning;
* a malformed INSEE or postal code is repaired or dropped, never kept (the raw value is
  in the report and ``avertissements.csv``);
* a place list (``require_place``) rejects a row that has neither coordinates nor a
  findable commune, with the reason; our template only warns, since a coordinator's own
  file may list structures and networks that are not places;
* coordinates inside a commune's shape win over a commune guessed from the text; when they
  disagree with the commune the source names (or the one guessed), the warning names both.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from nec_network.codes import departement_of
from nec_network.io._values import RowContext
from nec_network.io.report import Report
from nec_network.model.actor import COMMUNE_DEDUCED
from nec_network.wording import number

if TYPE_CHECKING:
    from nec_network.territory.communes import Commune
    from nec_network.territory.matching import CommuneMatch

_CODE_COLUMNS = ("code_insee", "code_postal")
#: Overseas collectivities: not départements, their communes are not in the embedded table.
COLLECTIVITIES = ("975", "977", "978", "984", "986", "987", "988", "989")
_CODE_LABELS = {"code_insee": "code INSEE", "code_postal": "code postal"}

#: The keyword arguments of an :class:`~nec_network.model.Actor` being read, every field given:
#: readers hand them to admission, which builds each actor once, after placement.
ActorFields = dict[str, Any]


class PointPlace(NamedTuple):
    """What an actor's coordinates say about its commune: whether they are usable (in France)
    and the commune whose shape holds them (None outside every shape, or when unusable); and
    the commune its INSEE code names (None for an empty or unknown code)."""

    usable: bool
    holding: Commune | None
    named: Commune | None = None


def has_coordinates(fields: ActorFields) -> bool:
    """True when latitude and longitude are both known (:attr:`Actor.has_coordinates`)."""
    return fields["latitude"] is not None and fields["longitude"] is not None


def locate_points(actors: Sequence[ActorFields]) -> list[PointPlace]:
    """The :class:`PointPlace` of each actor, for all of them at once (the commune shapes tested
    in one pass over the points inside their boxes, the INSEE codes looked up in one pass)."""
    import numpy as np  # numpy, pandas: only when reading

    from nec_network.distance import points_in_france
    from nec_network.territory.matching import communes_holding, communes_named

    nan = float("nan")
    latitude = np.array([nan if actor["latitude"] is None else actor["latitude"] for actor in actors], dtype=float)
    longitude = np.array([nan if actor["longitude"] is None else actor["longitude"] for actor in actors],
                         dtype=float)
    usable = points_in_france(latitude, longitude)
    holding: list[Commune | None] = [None] * len(actors)
    where = np.flatnonzero(usable)
    for k, commune in zip(where.tolist(), communes_holding(latitude[where], longitude[where]), strict=True):
        holding[k] = commune
    named = communes_named([actor["code_insee"] for actor in actors])
    return [PointPlace(bool(flag), commune, by_code)
            for flag, commune, by_code in zip(usable.tolist(), holding, named, strict=True)]


def _settled(actor: ActorFields, point: PointPlace) -> bool:
    """True when matching the commune would change nothing and say nothing: the INSEE code names
    a commune that holds the usable coordinates (or no shape holds them), the row gives the
    commune's name and a postal code, and no malformed code was set aside. Nearly every row of
    a national file is so; the others go through :func:`match_commune`."""
    named = point.named
    return (
        named is not None and has_coordinates(actor) and actor["extra"].keys().isdisjoint(_CODE_COLUMNS) and bool(actor["commune"])
        and bool(actor["code_postal"])
        and (point.holding is None or point.holding.code_insee == named.code_insee)
    )


def _given(actor: ActorFields, raw: dict[str, str]) -> str:
    values = (raw.get("code_insee") or actor["code_insee"], raw.get("code_postal") or actor["code_postal"],
              actor["commune"])
    return " / ".join(value for value in values if value)


def place_actor(
    actor: ActorFields,
    ctx: RowContext,
    report: Report,
    *,
    point: PointPlace,
    departement: str = "",
    require_place: bool = False,
    complete: bool | None = None,
) -> ActorFields | None:
    """The fields that place the actor in its commune (none when nothing changes), or None when
    the row is rejected (recorded in ``report``).

    ``point`` is what the actor's coordinates say (:func:`locate_points`, for all actors at
    once); ``departement`` is a département code given by the source beside the address (the
    France Services list's ``insee_dep``); ``require_place`` says the file lists places;
    ``complete`` (by default ``require_place``) fills the official name, the postal code and,
    without coordinates, the commune's point.
    """
    complete = require_place if complete is None else complete
    if _settled(actor, point):
        return {"precision": "saisie"} if complete and not actor["precision"] else {}
    from nec_network.territory.matching import match_commune  # numpy, pandas: only when reading

    extra = dict(actor["extra"])
    # Malformed codes were set aside by the cell parsers; they are never written back.
    raw = {column: str(extra.pop(column)) for column in _CODE_COLUMNS if column in extra}
    has_location = bool(actor["code_insee"] or actor["code_postal"] or actor["commune"] or raw
                        or has_coordinates(actor))
    if not has_location and (actor["itinerant"] or actor["zone_intervention"] or not require_place):
        return {}
    match = match_commune(
        actor["code_insee"] or raw.get("code_insee", ""),
        actor["code_postal"] or raw.get("code_postal", ""),
        actor["commune"],
        departement=departement.strip(),
        latitude=actor["latitude"] if point.usable else None,
        longitude=actor["longitude"] if point.usable else None,
        holding=point.holding,
    )
    if match is None:
        return _unplaced(actor, extra, raw, ctx, report, require_place=require_place)
    return _placed(actor, extra, raw, match, ctx, report, complete=complete)


def _report_point_in_commune(actor: ActorFields, raw: dict[str, str], match: CommuneMatch, extra: dict[str, Any],
                             ctx: RowContext, report: Report) -> None:
    """Say the commune holding the coordinates, and the guess from the text it won over."""
    label = f"{match.commune.nom} ({match.commune.code_insee})"
    extra[COMMUNE_DEDUCED] = "coordonnées"
    if match.other is None:
        report.add(ctx.review(
            f"commune déduite des coordonnées : {label}, dont le territoire contient le point ; à vérifier",
            column="commune", value=_given(actor, raw), suggestion=match.commune.nom, category="commune_deduite",
        ))
        return
    guess = f"{match.other.nom} ({match.other.code_insee})"
    report.add(ctx.review(
        f"commune d'après les coordonnées : {label}, dont le territoire contient le point, plutôt que "
        f"{guess} que suggérait « {match.given or _given(actor, raw)} » ; à vérifier",
        column="commune", value=match.given or _given(actor, raw), suggestion=match.commune.nom,
        category="commune_corrigee",
    ))
    ctx.corrected = True


def _unplaced(actor: ActorFields, extra: dict[str, Any], raw: dict[str, str], ctx: RowContext, report: Report,
              *, require_place: bool) -> ActorFields | None:
    given = _given(actor, raw)
    for column, value in raw.items():
        report.add(ctx.review(f"{_CODE_LABELS[column]} mal formé écarté (aucune commune ne lui correspond)",
                              column=column, value=value, category="code_repare", level="correction"))
    if has_coordinates(actor) and departement_of(actor["code_insee"]) in COLLECTIVITIES:
        return {"extra": extra}  # said by the checks: a collectivity's code
    if has_coordinates(actor):
        report.add(ctx.review(
            "commune introuvable dans le référentiel (communes de métropole et des départements "
            "d'outre-mer) : lieu importé avec ses coordonnées, sans commune"
            + ("" if given else " ; la source ne donne ni code ni nom de commune"),
            column="commune", value=given, category="commune_introuvable",
        ))
        return {"extra": extra}
    if require_place or given:
        reason = ("commune introuvable et pas de coordonnées : le lieu ne peut pas être placé"
                  + (f" (lu : {given})" if given else " (ni code INSEE, ni code postal, ni nom de commune)"))
        if not require_place:
            report.add(ctx.review(reason + " ; il n'apparaîtra ni sur la carte ni dans les analyses",
                                  column="commune", value=given, category="commune_introuvable"))
            return {"extra": extra}
        report.reject(ctx.problem(reason, column="commune", value=given))
        return None
    return {"extra": extra}


def _placed(actor: ActorFields, extra: dict[str, Any], raw: dict[str, str], match: CommuneMatch,
            ctx: RowContext, report: Report, *, complete: bool) -> ActorFields:
    """The fields giving the actor its commune's code; with ``complete`` (place lists), also the official
    name when the given one was wrong or absent, the postal code when the commune has only
    one, and the commune's point when there are no coordinates."""
    from nec_network.territory.matching import HOW

    commune = match.commune
    changes: dict[str, Any] = {}
    if actor["code_insee"] != commune.code_insee:
        changes["code_insee"] = commune.code_insee
    if (complete and not actor["commune"]) or match.how in (
        "nom_approche", "nom_dans_texte", "coordonnees", "coordonnees_dans_commune"
    ):
        if actor["commune"] != commune.nom:
            changes["commune"] = commune.nom
    if ((complete and not actor["code_postal"]) or "code_postal" in raw) and (
        len(commune.postal_codes) == 1 and actor["code_postal"] not in commune.postal_codes
    ):
        changes["code_postal"] = commune.postal_codes[0]
    label = f"{commune.nom} ({commune.code_insee})"
    if match.how == "code_insee_repare":
        report.add(ctx.review("code INSEE mal formé réparé", column="code_insee", value=match.given,
                              suggestion=commune.code_insee, category="code_repare", level="correction"))
        ctx.corrected = True
    elif match.how == "coordonnees_dans_commune":
        _report_point_in_commune(actor, raw, match, extra, ctx, report)
    elif match.how == "coordonnees":
        extra[COMMUNE_DEDUCED] = "coordonnées"
        report.add(ctx.review(
            f"commune déduite des coordonnées : {label}, point de référence le plus proche "
            f"(à {number(match.distance_km or 0.0, 1)} km) ; à vérifier",
            column="commune", value=_given(actor, raw), suggestion=commune.nom, category="commune_deduite",
        ))
    elif match.how in ("nom_approche", "nom_dans_texte", "code_postal") and match.given:
        extra[COMMUNE_DEDUCED] = HOW[match.how]
        report.add(ctx.review(
            f"commune corrigée ({HOW[match.how]}) : « {match.given} » → {label} ; à vérifier",
            column="commune", value=match.given, suggestion=commune.nom, category="commune_corrigee",
        ))
        ctx.corrected = True
    elif changes:
        ctx.record(report, "correction", "commune complétée d'après le référentiel des communes",
                   column=", ".join(changes), value=commune.nom,
                   suggestion=" / ".join(str(value) for value in changes.values()))
    if match.other is not None and match.how != "coordonnees_dans_commune" and actor["precision"] != "commune":
        other = f"{match.other.nom} ({match.other.code_insee})"
        report.add(ctx.review(
            f"coordonnées dans le territoire de {other}, pas dans celui de {label} que donne la "
            "source : commune ou coordonnées à vérifier",
            column="latitude, longitude", value=f"{actor['latitude']}, {actor['longitude']}",
            suggestion=match.other.nom, category="coherence",
        ))
    for column, value in raw.items():
        if column == "code_insee" and match.how == "code_insee_repare":
            continue
        replacement = changes.get(column) or actor[column] or "aucun"
        report.add(ctx.review(f"{_CODE_LABELS[column]} mal formé remplacé d'après la commune trouvée "
                              f"({HOW[match.how]})", column=column, value=value, suggestion=replacement,
                              category="code_repare", level="correction"))
        ctx.corrected = True
    if not complete:
        return {**changes, "extra": extra}
    if not has_coordinates(actor):
        changes |= {"latitude": commune.latitude, "longitude": commune.longitude, "precision": "commune"}
        report.add(ctx.review(
            "coordonnées absentes : lieu placé au point de référence de sa commune (à géocoder à l'adresse : "
            "nec-network geocode)", column="latitude, longitude", value=commune.nom,
            suggestion=f"{commune.latitude}, {commune.longitude}", category="point_commune", level="correction"))
        ctx.corrected = True
    elif not actor["precision"]:
        changes["precision"] = "saisie"
    return {**changes, "extra": extra}
