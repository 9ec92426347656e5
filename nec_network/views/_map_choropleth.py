"""The communes coloured on the map (choropleths) and the outlines of départements and EPCI.

The shapes of the communes drawn travel once in the page, as a topology where a border
shared by two communes is written once (:func:`nec_network.territory.shapes.topology`); a
commune's record names its rings by arc numbers (``forme``). Outlines are arcs too: the
borders between two départements or two EPCI (:func:`~nec_network.territory.shapes.boundary_arcs`),
so they meet the communes exactly, where the Natural Earth lines are off by kilometres.

Each layer gives every commune a class, computed here from the value the page shows (values
are rounded first, so a value read in the tooltip always lies in the class said beside it):

- ``couverture``: the coverage classes of :func:`~nec_network.views._map_data.coverage_classes`;
- ``temps``: estimated minutes to the nearest matching place, fixed classes
  (:data:`TIME_BREAKS`);
- ``fragilite``: the index of a :class:`~nec_network.territory.fragility.Fragility` (the
  embedded approximation or a user's file, said in the layer's note), in quintiles of the
  communes drawn;
- ``accessibilite``: the 2SFCA index of :func:`~nec_network.analysis.accessibility.two_step_fca`
  (1 = the territory's average inhabitant), fixed classes (:data:`ACCESS_BREAKS`).

Classes run from light to dark, darker meaning more need (see
:data:`~nec_network.views.style.CHOROPLETH_PALETTES`); a commune without a value gets the
last class, in grey, and its reason.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from nec_network.analysis.criteria import Threshold
from nec_network.territory import load_communes
from nec_network.territory.fragility import Fragility
from nec_network.territory.shapes import boundary_arcs, topology
from nec_network.views.style import CHOROPLETH_PALETTES, NO_VALUE_COLOR
from nec_network.wording import number

#: Classes of the time layer, in minutes: under 10, 10 to 20, 20 to 30, 30 to 45, 45 and more.
TIME_BREAKS = (10.0, 20.0, 30.0, 45.0)
#: Classes of the accessibility layer (index, 1 = average): 2 and more, 1 to 2, 0.5 to 1,
#: over 0 to 0.5, and 0 (no place within reach).
ACCESS_BREAKS = (0.5, 1.0, 2.0)
#: Fragility classes: quantiles of the communes drawn.
FRAGILITY_CLASSES = 5
#: Capacities of the 2SFCA, as the layer's note says them.
CAPACITY_WORDS = {"horaires": "ses heures d’ouverture hebdomadaires"}


def _range_labels(breaks: Sequence[float], decimals: int, unit: str) -> list[str]:
    """``moins de a``, ``de a à moins de b``… ``z ou plus``, the lower bound included.

    >>> _range_labels([10, 20], 0, " min")
    ['moins de 10 min', 'de 10 à moins de 20 min', '20 min ou plus']
    """
    text = [number(value, decimals) for value in breaks]
    labels = [f"moins de {text[0]}{unit}"]
    labels += [f"de {low} à moins de {high}{unit}" for low, high in zip(text, text[1:], strict=False)]
    return [*labels, f"{text[-1]}{unit} ou plus"]


def _classes(values: np.ndarray, breaks: Sequence[float]) -> np.ndarray:
    """Class of each value (the number of breaks at or below it); -1 where there is none."""
    found = np.searchsorted(np.asarray(breaks, dtype=float), values, side="right")
    return np.where(np.isfinite(values), found, -1)


def _layer(
    code: str, title: str, note: str, labels: list[str], colours: Sequence[str], classes: np.ndarray,
    *, missing: str,
) -> dict[str, Any]:
    """A layer: its classes with colour and count, the no-value class last when used."""
    records = [
        {"libelle": label, "couleur": colour, "nombre": int(np.count_nonzero(classes == k))}
        for k, (label, colour) in enumerate(zip(labels, colours, strict=True))
    ]
    if np.any(classes < 0):
        records.append({"libelle": missing, "couleur": NO_VALUE_COLOR, "nombre": int(np.count_nonzero(classes < 0)),
                        "sans_valeur": True})
    return {"code": code, "titre": title, "note": note, "palette": CHOROPLETH_PALETTES.get(code, ("", ()))[0],
            "classes": records}


def _set_classes(records: list[dict[str, Any]], code: str, classes: np.ndarray, layer: dict[str, Any]) -> None:
    """Write each commune's class of ``code`` in its ``aplats`` (the no-value class for -1)."""
    last = len(layer["classes"]) - 1
    for record, found in zip(records, classes, strict=True):
        record.setdefault("aplats", {})[code] = int(found) if found >= 0 else last


def coverage_layer(
    records: list[dict[str, Any]], coverage: dict[str, Any], threshold: Threshold | None
) -> dict[str, Any]:
    """The communes coloured by coverage: the classes of the coverage circles."""
    codes = [c["code"] for c in coverage["classes"]]
    classes = np.array([codes.index(r["classe"]) if r.get("classe") in codes else -1 for r in records])
    limit = f", {threshold}" if threshold is not None else ""
    note = (f"Une commune est couverte quand un lieu ({coverage['libelle']}) est à sa portée{limit}. "
            "Couleurs : Okabe et Ito.")
    layer = _layer("couverture", "Couverture", note, [c["libelle"] for c in coverage["classes"]],
                   [c["couleur"] for c in coverage["classes"]], classes, missing="Sans position")
    _set_classes(records, "couverture", classes, layer)
    return layer


def time_layer(records: list[dict[str, Any]], threshold: Threshold | None) -> dict[str, Any]:
    """The communes coloured by the estimated minutes to the nearest matching place."""
    minutes = np.array([float(r["min"]) if "min" in r else np.nan for r in records])
    classes = _classes(minutes, TIME_BREAKS)
    mode = (threshold or Threshold()).mode
    detour = number((threshold or Threshold()).detour, 1)
    note = (f"Temps de trajet estimé jusqu’au lieu correspondant le plus proche ({mode}, distance à vol "
            f"d’oiseau × {detour}) : une approximation, pas un itinéraire.")
    layer = _layer("temps", "Temps jusqu’au lieu le plus proche", note, _range_labels(TIME_BREAKS, 0, " min"),
                   CHOROPLETH_PALETTES["temps"][1], classes, missing="Aucun lieu correspondant")
    _set_classes(records, "temps", classes, layer)
    return layer


def fragility_layer(records: list[dict[str, Any]], fragility: Fragility) -> dict[str, Any]:
    """The communes coloured by their fragility index, in quintiles of the communes drawn; the
    note says where the index comes from (:attr:`~nec_network.territory.fragility.Fragility.index_sentence`:
    the embedded approximation of 2016–2019, or the user's file)."""
    table = fragility.for_codes(r["code"] for r in records).drop_duplicates("code_insee").set_index("code_insee")
    index = pd.to_numeric(table["indice_fragilite"], errors="coerce")
    reasons = table["raison"] if "raison" in table.columns else pd.Series("", index=table.index)
    values = np.array([round(float(index.get(r["code"], np.nan)), 1) for r in records])
    for record, value in zip(records, values, strict=True):
        if np.isfinite(value):
            record["fragilite"] = float(value)
        else:
            reason = reasons.get(record["code"], "")
            record["fragilite_raison"] = str(reason or fragility.outside_reason)
    known = values[np.isfinite(values)]
    quantiles = np.quantile(known, np.linspace(0, 1, FRAGILITY_CLASSES + 1)[1:-1]) if known.size else []
    # A break at the smallest value would leave its class empty; equal breaks merge classes.
    breaks = sorted({round(float(q), 1) for q in quantiles if round(float(q), 1) > known.min()})
    colours = CHOROPLETH_PALETTES["fragilite"][1]
    picked = [colours[round(k)] for k in np.linspace(0, len(colours) - 1, len(breaks) + 1)]
    classes = _classes(values, breaks) if breaks else np.where(np.isfinite(values), 0, -1)
    labels = _range_labels(breaks, 1, "") if breaks else ["Toutes les communes"]
    note = f"{fragility.index_sentence} Classes : quintiles des communes de la carte."
    title = "Fragilité numérique" if fragility.index_origin == "file" else "Fragilité numérique (approximation)"
    layer = _layer("fragilite", title, note, labels, picked, classes,
                   missing="Sans indice (raison dans l’infobulle et le tableau)")
    _set_classes(records, "fragilite", classes, layer)
    return layer


def accessibility_layer(
    records: list[dict[str, Any]], accessibility: pd.DataFrame, threshold: Threshold | None, capacity: str
) -> dict[str, Any]:
    """The communes coloured by their 2SFCA index, from the least accessible (dark) up."""
    table = accessibility.drop_duplicates("code_insee").set_index("code_insee")
    index = pd.to_numeric(table["accessibility_index"], errors="coerce")
    within = table["actors_within_reach"]
    values = np.array([round(float(index.get(r["code"], np.nan)), 2) for r in records])
    for record, value in zip(records, values, strict=True):
        if np.isfinite(value):
            record["acces"] = float(value)
            record["acces_lieux"] = int(within[record["code"]])
    # Light for the best served: classes counted from the top, 0 (nobody within reach) apart.
    found = _classes(values, ACCESS_BREAKS)
    classes = np.where(values == 0, 4, np.where(found >= 0, len(ACCESS_BREAKS) - found, -1))
    labels = ["2 fois la moyenne ou plus", "de 1 à moins de 2 fois la moyenne", "de 0,5 à moins de 1 fois la moyenne",
              "moins de 0,5 fois la moyenne", "aucun lieu à portée"]
    words = CAPACITY_WORDS.get(capacity, f"son champ « {capacity} »")
    reach = f" ({threshold})" if threshold is not None else ""
    note = (f"Accessibilité (méthode 2SFCA) : la capacité de chaque lieu ({words}) partagée entre les habitants "
            f"à sa portée{reach}, puis additionnée pour chaque commune et rapportée à la moyenne du territoire "
            "(1 : comme l’habitant moyen).")
    layer = _layer("accessibilite", "Accessibilité (2SFCA)", note, labels, CHOROPLETH_PALETTES["accessibilite"][1],
                   classes, missing="Commune hors du calcul")
    _set_classes(records, "accessibilite", classes, layer)
    return layer


def shapes_data(records: list[dict[str, Any]], departements: Sequence[str]) -> dict[str, Any]:
    """Add each commune's ``forme`` and ``epci`` to ``records``; return the page's ``formes``
    (topology: ``echelle``, ``arcs``), ``limites`` (arc numbers of the borders of
    ``departements`` drawn from shapes, and of the EPCI), ``epci`` (``code``, ``nom``) and
    ``departements_formes`` (départements whose outline comes from the shapes).

    They depend only on the communes and départements drawn, not on the actors: computed once
    per territory (:func:`_territory_shapes`) and handed out as fresh lists."""
    found = _territory_shapes(tuple((r["code"], r["dep"]) for r in records), tuple(departements))
    if found is None:
        return {"formes": None, "limites": None, "epci": [], "departements_formes": []}
    for record in records:
        if (shape := found.shapes.get(record["code"])) is not None:
            record["forme"] = [[list(ring) for ring in rings] for rings in shape]
        if (group := found.epci_of.get(record["code"])) is not None:
            record["epci"] = group
    return {
        "formes": {"echelle": found.scale, "arcs": [list(arc) for arc in found.arcs]},
        "limites": {"departements": list(found.departement_borders), "epci": list(found.epci_borders)},
        "epci": [{"code": code, "nom": name} for code, name in found.epci],
        "departements_formes": list(found.whole),
    }


@dataclass(frozen=True)
class _TerritoryShapes:
    """What :func:`shapes_data` gives for one territory, in tuples (shared between pages)."""

    scale: int
    arcs: tuple[tuple[int, ...], ...]
    shapes: dict[str, tuple[tuple[tuple[int, ...], ...], ...]]
    epci_of: dict[str, int]
    epci: tuple[tuple[str, str], ...]
    departement_borders: tuple[int, ...]
    epci_borders: tuple[int, ...]
    whole: tuple[str, ...]


@functools.lru_cache(maxsize=8)
def _territory_shapes(communes: tuple[tuple[str, str], ...], departements: tuple[str, ...]) -> _TerritoryShapes | None:
    """The topology, EPCI and borders of the ``communes`` (code, département) drawn; None
    when none has a shape."""
    codes = [code for code, _ in communes]
    topo = topology(codes)
    if not topo["communes"]:
        return None
    reference = load_communes(codes_insee=codes).drop_duplicates("code_insee").set_index("code_insee")
    epci = reference["epci_code"].fillna("").astype(str).to_dict()
    names = reference["epci_nom"].fillna("").astype(str).to_dict()
    groups = sorted({code for code in epci.values() if code})
    position = {code: k for k, code in enumerate(groups)}
    named = {epci[c]: names[c] for c in epci if epci[c]}
    drawn = set(codes)
    whole = [
        dep for dep in departements
        if (members := set(load_communes(departements=dep)["code_insee"])) and members <= drawn
        and members <= set(topo["communes"])
    ]
    departement_of = {code: dep for code, dep in communes if code in topo["communes"]}
    kept = {code: dep for code, dep in departement_of.items() if dep in whole}
    border = boundary_arcs({"communes": {c: topo["communes"][c] for c in kept}}, kept) if kept else []
    return _TerritoryShapes(
        scale=topo["echelle"],
        arcs=tuple(map(tuple, topo["arcs"])),
        shapes={code: tuple(tuple(map(tuple, rings)) for rings in shape) for code, shape in topo["communes"].items()},
        epci_of={code: position[group] for code in codes if (group := epci.get(code))},
        epci=tuple((code, named[code]) for code in groups),
        departement_borders=tuple(border),
        epci_borders=tuple(boundary_arcs(topo, epci)),
        whole=tuple(whole),
    )


def choropleth_data(
    records: list[dict[str, Any]],
    departements: Sequence[str],
    *,
    coverage: dict[str, Any] | None,
    fragility: Fragility | None,
    accessibility: pd.DataFrame | None,
    threshold: Threshold | None,
    capacity: str = "horaires",
) -> dict[str, Any]:
    """The page's ``formes``, ``limites``, ``epci``, ``departements_formes`` (see
    :func:`shapes_data`) and ``aplats``: the layers that have their input (coverage for
    ``couverture`` and ``temps``), none when no commune has a shape. Adds to ``records``
    their ``forme``, ``epci``, ``aplats`` (class of each layer) and values (``fragilite`` or
    ``fragilite_raison``, ``acces`` and ``acces_lieux``)."""
    shapes = shapes_data(records, departements)
    layers: list[dict[str, Any]] = []
    if shapes["formes"] is not None:
        if coverage is not None:
            layers += [coverage_layer(records, coverage, threshold), time_layer(records, threshold)]
        if fragility is not None:
            layers.append(fragility_layer(records, fragility))
        if accessibility is not None:
            layers.append(accessibility_layer(records, accessibility, threshold, capacity))
    return {**shapes, "aplats": layers}
