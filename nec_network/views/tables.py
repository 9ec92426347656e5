"""Write every table of a :class:`~nec_network.analysis.synthesis.Synthesis` as CSV files.

The files are what ``nec-network analyse DIR -o OUTDIR`` produces: UTF-8, comma
separated, booleans as ``oui``/``non``, one file per table with French names and French
headers. Like the pages and the report, these tables render analysis results for people, so
the writer sits in the views layer, above the analyses it writes.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from nec_network.analysis.synthesis import Synthesis
from nec_network.io.csv_output import write_csv
from nec_network.model.vocabularies import PARTNERSHIP_LABELS
from nec_network.wording import (
    FRENCH_HEADERS,
    cut_off_sentences,
    journey_answer,
    oui_non,
    suggestion_sentences,
)

#: File name → attribute of :class:`Synthesis` holding the table written to that file.
TABLE_FILES: dict[str, str] = {
    "couverture_communes.csv": "coverage",
    "couverture_synthese.csv": "coverage_total",
    "couverture_departements.csv": "coverage_by_departement",
    "couverture_epci.csv": "coverage_by_epci",
    "couverture_densite.csv": "coverage_by_densite",
    "couverture_services.csv": "coverage_by_service",
    "couverture_communes_services.csv": "coverage_matrix",
    "lacunes.csv": "gaps",
    "zones_blanches.csv": "white_zones",
    "sites_recommandes.csv": "recommendations",
    "communes_prioritaires.csv": "priority_communes",
    "accessibilite_2sfca.csv": "accessibility",
    "acteurs_metriques.csv": "metrics",
    "communautes.csv": "communities",
    "courtiers.csv": "brokers",
    "points_articulation.csv": "articulation_points",
    "ponts.csv": "bridges",
    "acteurs_isoles.csv": "isolated",
    "acteurs_sans_partenaire_local.csv": "without_local_partner",
    "liens_departements.csv": "links_across_departements",
    "liens_typologies.csv": "links_across_typologies",
    "suggestions_partenariats.csv": "suggestions",
    "ressources_par_besoin.csv": "resources_by_need",
}

#: Every file written by :func:`write_synthesis_tables`.
TABLE_NAMES: tuple[str, ...] = (
    *TABLE_FILES, "sites_recommandes_fragilite.csv", "reseau_synthese.csv", "parcours_personae.csv"
)

#: Tables that are matrices: their index is written, under this header.
_MATRICES = {"liens_departements.csv": "departement", "liens_typologies.csv": "typologie"}


def _is_boolean(values: pd.Series) -> bool:
    if values.dtype == bool or str(values.dtype) == "boolean":
        return True
    # A table made of several pieces (journeys) keeps its booleans as objects beside blanks.
    present = values.dropna()
    return values.dtype == object and len(present) > 0 and all(
        isinstance(value, bool) for value in present
    )


#: Coordinates are written to 5 decimals (about a metre): the last digits of a computed
#: centroid depend on numpy's summation order and mean nothing.
COORDINATE_DECIMALS = 5


def printable_table(table: pd.DataFrame) -> pd.DataFrame:
    """French headers; booleans as ``oui``/``non``; counts as integers; coordinates to
    :data:`COORDINATE_DECIMALS` decimals; the rest as it is.

    A float column whose values are all whole numbers (counts summed or aligned by pandas,
    which turns them into floats) is written as integers: ``2248``, not ``2248.0``.

    >>> frame = pd.DataFrame({"communes": [2248.0, None], "part": [0.5, 1.0], "ok": [True, None],
    ...     "latitude": [49.828257249813106, None]})
    >>> printable_table(frame).to_csv(index=False).splitlines()
    ['communes,part,ok,latitude', '2248,0.5,oui,49.82826', ',1.0,,']
    """
    coordinates = [column for column in ("latitude", "longitude") if column in table.columns]
    table = table.round({column: COORDINATE_DECIMALS for column in coordinates})
    result = table.rename(columns=FRENCH_HEADERS)
    for column in result.columns:
        values = result[column]
        if _is_boolean(values):
            result[column] = oui_non(values)
        elif pd.api.types.is_float_dtype(values):
            present = values.dropna()
            if len(present) and bool((present == present.round()).all()):
                result[column] = values.astype("Int64")
    return result


def suggestions_table(suggestions: pd.DataFrame) -> pd.DataFrame:
    """The partnership suggestions as files show them: distance to the nearest 10 m, the
    French ``reason`` (:func:`~nec_network.wording.suggestion_sentences`) last, the partners'
    names left to the sentence. Headers stay English (see :data:`FRENCH_HEADERS`).

    >>> table = pd.DataFrame({"source_name": ["A"], "target_name": ["B"], "distance_km": [2.4567],
    ...     "source_services": ["Accès"], "target_services": [""], "common_publics": [""],
    ...     "common_partner_names": [()]})
    >>> suggestions_table(table).to_dict("records")
    [{'source_name': 'A', 'target_name': 'B', 'distance_km': 2.46, 'source_services': 'Accès', \
'target_services': '', 'common_publics': '', 'reason': "A (à 2 km) propose « Accès » que B n'offre pas."}]
    """
    return suggestions.assign(
        distance_km=[round(float(km), 2) for km in suggestions["distance_km"]],
    ).drop(columns=["common_partner_names"]).assign(reason=suggestion_sentences(suggestions))


def journeys_table(synthesis: Synthesis) -> pd.DataFrame:
    """One row per (persona, option) plus one row per persona with the French answer."""
    frames = []
    for trip in synthesis.journeys:
        head = pd.DataFrame(
            [{"persona": trip.persona.id, "persona_name": trip.persona.nom, "commune": trip.commune,
              "rank": 0, "answer": journey_answer(trip, type_labels=PARTNERSHIP_LABELS),
              "referral_path": "|".join(trip.referral_path),
              "unmet_needs": "|".join(trip.unmet_needs)}]
        )
        options = trip.options.assign(persona=trip.persona.id, rank=range(1, len(trip.options) + 1))
        frames.extend([head, options])
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=["persona"])


def write_synthesis_tables(synthesis: Synthesis, folder: str | Path) -> list[Path]:
    """Write every table into ``folder`` (created if needed); return the paths written."""
    folder = Path(folder)
    written = []
    tables = {name: getattr(synthesis, attribute) for name, attribute in TABLE_FILES.items()}
    names = {actor.id: actor.nom for actor in synthesis.ecosystem}
    for name in ("points_articulation.csv", "ponts.csv"):
        tables[name] = tables[name].assign(sentence=cut_off_sentences(tables[name], names))
    tables["suggestions_partenariats.csv"] = suggestions_table(synthesis.suggestions)
    tables["sites_recommandes_fragilite.csv"] = synthesis.weighting.weighted
    tables["reseau_synthese.csv"] = pd.DataFrame([synthesis.network_summary])
    tables["parcours_personae.csv"] = journeys_table(synthesis)
    for name, table in tables.items():
        path = folder / name
        if name in _MATRICES:
            write_csv(path, printable_table(table).rename_axis(_MATRICES[name]), index=True)
        else:
            write_csv(path, printable_table(table))
        written.append(path)
    return written
