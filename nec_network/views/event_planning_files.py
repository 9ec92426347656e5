"""The files of ``nec-network preparer-evenement``: three CSV tables and the page ``preparer.html``.

The tables of :mod:`nec_network.analysis.event_planning` are written with French headers and
French reasons (:func:`venues_table`, :func:`invitations_table`, :func:`introductions_table`);
the page shows the same three tables, so it is its own text alternative (no drawing, no script).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from nec_network.io.csv_output import write_csv
from nec_network.io.output import write_output
from nec_network.model import Ecosystem
from nec_network.views.page import actors_credit
from nec_network.views.rendering import render_page
from nec_network.views.tables import printable_table
from nec_network.wording import number, suggestion_sentences

PAGE_FILE = "preparer.html"
#: Rows of the invitations and introductions the page shows (the CSV files hold them all).
PAGE_ROWS = 60
DEFAULT_TITLE = "Préparer la prochaine rencontre NEC"
#: File name → what it holds.
TABLE_FILES: dict[str, str] = {
    "lieux_proposes.csv": "communes où tenir la rencontre, de la moins à la plus éloignée des invités",
    "invitations.csv": "acteurs à inviter, chacun avec ses raisons",
    "mises_en_relation.csv": "paires d'acteurs à présenter l'un à l'autre, avec la raison",
}
PLANNING_FILES: tuple[str, ...] = (*TABLE_FILES, PAGE_FILE)
#: Reason code of an invitation → French words.
INVITATION_REASONS = {
    "isolated": "aucun partenaire",
    "few_ties": "peu de partenaires",
    "white_zone": "dans une zone blanche",
    "near_white_zone": "près d'une zone blanche",
    "would_bridge": "relierait une autre communauté proche",
}
_VENUE_HEADERS = {
    "rank": "rang", "code_insee": "code_insee", "nom": "commune", "departement": "departement",
    "venue_actors": "acteurs_pouvant_accueillir", "invited": "invites", "total_minutes": "minutes_total",
    "weighted_minutes": "minutes_ponderees", "mean_minutes": "minutes_moyenne",
    "farthest_actor": "acteur_le_plus_loin", "farthest_actor_name": "acteur_le_plus_loin_nom",
    "farthest_minutes": "minutes_acteur_le_plus_loin",
}  # fmt: skip
_INVITATION_HEADERS = {
    "id": "id", "nom": "nom", "commune": "commune", "departement": "departement", "partners": "partenaires",
    "reasons": "raisons", "white_zone": "zone_blanche", "white_zone_km": "zone_blanche_km",
    "bridge_community_name": "communaute_a_relier",
}  # fmt: skip
_INTRODUCTION_HEADERS = {
    "source": "source", "source_name": "source_nom", "target": "cible", "target_name": "cible_nom",
    "distance_km": "distance_km", "source_community": "communaute_source",
    "target_community": "communaute_cible", "score": "score", "reason": "raison",
}  # fmt: skip


def venues_table(venues: pd.DataFrame) -> pd.DataFrame:
    """:func:`~nec_network.analysis.event_planning.venue_ranking` under French headers, minutes
    to one decimal, with the rank first."""
    table = venues.round({"total_minutes": 1, "weighted_minutes": 1, "mean_minutes": 1, "farthest_minutes": 1})
    table = table.assign(rank=range(1, len(table) + 1))
    return printable_table(table[list(_VENUE_HEADERS)].rename(columns=_VENUE_HEADERS))


def invitations_table(invites: pd.DataFrame) -> pd.DataFrame:
    """:func:`~nec_network.analysis.event_planning.invitations` under French headers, the
    reasons in words (``;``-joined)."""
    reasons = [" ; ".join(INVITATION_REASONS[code] for code in str(text).split("|") if code)
               for text in invites["reasons"]]
    table = invites.assign(reasons=reasons)[list(_INVITATION_HEADERS)]
    return printable_table(table.rename(columns=_INVITATION_HEADERS))


def introductions_table(pairs: pd.DataFrame) -> pd.DataFrame:
    """:func:`~nec_network.analysis.event_planning.introductions` under French headers, with the
    reason in words (the partnership suggestion's sentence and the two communities)."""
    if pairs.empty:
        return pd.DataFrame(columns=list(_INTRODUCTION_HEADERS.values()))
    sentences = suggestion_sentences(pairs)
    reasons = [f"{sentence} Communautés différentes : {first or '—'} et {second or '—'}."
               for sentence, first, second in zip(sentences, pairs["source_community"], pairs["target_community"])]
    table = pairs.assign(reason=reasons, distance_km=[round(float(km), 2) for km in pairs["distance_km"]],
                         score=[round(float(s), 3) for s in pairs["score"]])
    return printable_table(table[list(_INTRODUCTION_HEADERS)].rename(columns=_INTRODUCTION_HEADERS))


def _cell(value: object) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return ""
    if isinstance(value, float):
        return number(value, 1)
    return str(value)


def _block(caption: str, table: pd.DataFrame, columns: dict[str, str], empty: str) -> dict:
    numeric = [i for i, column in enumerate(columns) if pd.api.types.is_numeric_dtype(table[column])]
    rows = [[_cell(row[column]) for column in columns] for _, row in table.iterrows()]
    return {"caption": caption, "columns": list(columns.values()), "rows": rows, "numeric": numeric, "empty": empty}


def _first(table: pd.DataFrame) -> str:
    return f" (les {PAGE_ROWS} premiers sur {len(table)} ; tous dans le fichier CSV)" if len(table) > PAGE_ROWS else ""


def build_planning_page(tables: dict[str, pd.DataFrame], ecosystem: Ecosystem, *, rural_weight: float,
                        title: str = DEFAULT_TITLE) -> str:
    """The page: the three French tables (as :func:`write_planning` writes them), escaped."""
    venues, invites, pairs = (tables[name] for name in TABLE_FILES)
    blocks = [
        _block("Où : communes proposées, de la moins à la plus éloignée des invités", venues.head(20), {
            "rang": "Rang", "commune": "Commune", "departement": "Dép.", "minutes_ponderees": "Minutes pondérées",
            "minutes_moyenne": "Minutes en moyenne", "acteur_le_plus_loin_nom": "Acteur le plus loin",
            "minutes_acteur_le_plus_loin": "Son trajet (min)"}, "Aucune commune candidate."),
        _block(f"Qui inviter, et pourquoi{_first(invites)}", invites.head(PAGE_ROWS), {
            "nom": "Acteur", "commune": "Commune", "partenaires": "Partenaires", "raisons": "Raisons",
            "zone_blanche": "Zone blanche", "communaute_a_relier": "Communauté à relier"},
            "Aucun acteur à inviter en priorité."),
        _block(f"Mises en relation à proposer{_first(pairs)}", pairs.head(PAGE_ROWS), {
            "source_nom": "Acteur", "cible_nom": "À présenter à", "distance_km": "Distance (km)",
            "raison": "Raison"}, "Aucune paire proche et complémentaire entre communautés."),
    ]  # fmt: skip
    subtitle = (f"{len(ecosystem)} acteurs du territoire, tous invités pour le calcul du lieu. Temps de trajet en voiture (vol d'oiseau × "
                f"détour) ; le temps d'un acteur rural compte {number(rural_weight, 1)} fois : il se déplace "
                "déjà plus loin pour tout. Les mêmes tables sont écrites en CSV à côté de cette page.")
    return render_page("preparer.html.j2", title=title, sources=actors_credit(ecosystem), styles=("guide.css",),
                       blocks=blocks, subtitle=subtitle)


def write_planning(venues: pd.DataFrame, invites: pd.DataFrame, pairs: pd.DataFrame, ecosystem: Ecosystem,
                   folder: str | Path, *, rural_weight: float) -> list[Path]:
    """Write the three tables and ``preparer.html`` into ``folder``; return the paths written."""
    folder = Path(folder)
    tables = dict(zip(TABLE_FILES, (venues_table(venues), invitations_table(invites), introductions_table(pairs))))
    written = []
    for name, table in tables.items():
        write_csv(folder / name, table)
        written.append(folder / name)
    written.append(write_output(folder / PAGE_FILE, build_planning_page(tables, ecosystem, rural_weight=rural_weight)))
    return written
