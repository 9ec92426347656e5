"""Readers and writers: our template, the national schemas, data·inclusion, mapped tables, graph formats.

:func:`read_ecosystem` and :func:`write_ecosystem` are the single entry points
used by ``nec-network import`` / ``export``. Every reader returns the ecosystem
and a :class:`~nec_network.io.report.Report` where nothing is dropped
silently: ``imported + rejected == rows_read``, actor rows and partnership rows
counted together.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from nec_network.errors import DataError, NecNetworkError
from nec_network.io.report import Problem, Report
from nec_network.tables import decode_bytes, read_json, sniff_delimiter

if TYPE_CHECKING:
    from nec_network.model import Ecosystem

#: Input formats, by the names the command line uses.
READ_FORMATS = ("auto", "modele", "mednum", "inclusion", "csv", "graphml", "gexf")
#: Output formats.
WRITE_FORMATS = ("modele", "mednum", "inclusion", "geojson", "graphml", "gexf")

_MEDNUM_V1_HEADERS = {"pivot", "date_maj", "services"}
_MEDNUM_V0_HEADERS = {"publics_accueillis", "conditions_acces", "labels_nationaux"}
_INCLUSION_HEADERS = {
    "siret", "typologie", "lien_source", "date_maj", "antenne", "accessibilite",
    "horaires_accueil", "reseaux_porteurs", "accessibilite_lieu", "description",
}

__all__ = [
    "READ_FORMATS",
    "WRITE_FORMATS",
    "Problem",
    "Report",
    "detect_format",
    "read_ecosystem",
    "write_ecosystem",
]


def detect_format(path: str | Path) -> str:
    """Guess the format of an input: ``modele``, ``mednum``, ``inclusion``, ``graphml`` or ``gexf``.

    A folder with ``acteurs.csv``, or a workbook with a sheet ``acteurs``, is our
    template; a table whose headers include ``pivot``/``date_maj``/``services``
    or the v0 names (``publics_accueillis``…) is the national schema; a JSON
    list of records is read from its first record's keys; data·inclusion
    structures have ``siret``, ``typologie``, ``lien_source``… Raises
    :class:`DataError` when nothing fits (use ``--format`` or ``--mapping``).
    """
    path = Path(path)
    if not path.exists():
        raise DataError("fichier introuvable", file=str(path))
    if path.is_dir():
        if (path / "acteurs.csv").exists():
            return "modele"
        if (path / "structures.json").exists() or (path / "structures.csv").exists():
            return "inclusion"
        raise DataError(
            "dossier sans acteurs.csv ni structures.json : ni un modèle nec-network ni un export data·inclusion",
            file=str(path),
        )
    suffix = path.suffix.lower()
    if suffix in (".graphml", ".gexf"):
        return suffix[1:]
    if suffix in (".xlsx", ".xlsm"):
        headers = _xlsx_headers(path)
        if headers is None:
            return "modele"
    elif suffix == ".json":
        headers = _json_headers(path)
    else:
        headers = _csv_headers(path)
    return _format_from_headers(headers, path)


def _format_from_headers(headers: set[str], path: Path) -> str:
    if headers & _MEDNUM_V0_HEADERS:
        return "mednum"
    if {"id", "nom", "typologie", "zone_intervention"} <= headers:
        return "modele"
    if _MEDNUM_V1_HEADERS <= headers or {"adresse", "commune", "code_postal", "services"} <= headers:
        return "mednum"
    if len(headers & _INCLUSION_HEADERS) >= 3 or any(name.startswith("nec_") for name in headers):
        return "inclusion"
    raise DataError(
        "format non reconnu ; précisez --format (modele, mednum, inclusion) ou donnez --mapping",
        file=str(path),
    )


def _csv_headers(path: Path) -> set[str]:
    text, _ = decode_bytes(path.read_bytes()[:65536])
    header = next(csv.reader([text.split("\n", 1)[0]], delimiter=sniff_delimiter(text)), [])
    return {name.strip().lstrip("\ufeff") for name in header}


def _json_headers(path: Path) -> set[str]:
    document = read_json(path)
    if isinstance(document, dict):
        document = next((value for value in document.values() if isinstance(value, list)), [])
    records = [record for record in document if isinstance(record, dict)] if isinstance(document, list) else []
    return set(records[0]) if records else set()


def _xlsx_headers(path: Path) -> set[str] | None:
    """Headers of the first sheet, or None when the workbook has a sheet ``acteurs`` (our template)."""
    from nec_network.tables import Workbook, cell_text

    with Workbook(path) as workbook:
        if any(name.strip().lower() == "acteurs" for name in workbook.sheet_names):
            return None
        if not workbook.sheet_names:
            return set()
        first = next(workbook.rows(workbook.sheet_names[0]), (1, []))[1]
        return {cell_text(value) for value in first}


def read_ecosystem(
    path: str | Path,
    *,
    format: str = "auto",  # noqa: A002 - the command line's word
    mapping: str | Path | None = None,
    strict: bool = False,
    today: dt.date | None = None,
    personal_data: bool = True,
) -> tuple[Ecosystem, Report]:
    """Read an ecosystem from any supported input, with the report of its rows and checks.

    ``format`` is one of :data:`READ_FORMATS`; a ``mapping`` file implies
    ``csv``. Readers admit rows through :mod:`nec_network.io.validation`, so the
    report includes the checks of codes and places, located by file and row. With ``strict=True`` any ``erreur`` raises
    :class:`~nec_network.errors.ValidationError`. The report also holds each actor's
    completeness and flags entries not updated for a year before ``today`` (default: today),
    see :mod:`nec_network.io.trust`. With ``personal_data=False`` the advisers' names, e-mails
    and phones (and the columns a mapping marks as personal) are left out
    (:func:`nec_network.io.personal.without_personal_data`): what analyses and pages read.
    """
    path = Path(path)
    if format not in READ_FORMATS:
        raise NecNetworkError(f"Format d'entrée inconnu : « {format} » (admis : {', '.join(READ_FORMATS)}).")
    if mapping is not None:
        if format not in ("auto", "csv"):
            raise NecNetworkError("--mapping ne s'utilise qu'avec le format csv.")
        format = "csv"
    if format == "auto":
        format = detect_format(path)
    if format == "csv" and mapping is None:
        raise NecNetworkError("Le format csv demande un fichier de correspondance (--mapping).")
    if format == "modele":
        from nec_network.io.template import read_template

        ecosystem, report = read_template(path)
    elif format == "mednum":
        from nec_network.io.mednum import read_mednum

        ecosystem, report = read_mednum(path)
    elif format == "inclusion":
        from nec_network.io.inclusion import read_inclusion

        ecosystem, report = read_inclusion(path)
    elif format in ("graphml", "gexf"):
        from nec_network.io import graph_formats

        reader = graph_formats.read_graphml if format == "graphml" else graph_formats.read_gexf
        ecosystem, report = reader(path)
    else:
        from nec_network.io.mapping import read_mapped

        ecosystem, report = read_mapped(path, mapping)
    from nec_network.io.trust import assess

    assess(ecosystem, report, today)
    if strict:
        report.raise_if_errors()
    if not personal_data:
        from nec_network.io.personal import without_personal_data

        ecosystem, _ = without_personal_data(ecosystem)
    return ecosystem, report


def write_ecosystem(ecosystem: Ecosystem, path: str | Path, *, to: str) -> list[Problem]:
    """Write ``ecosystem`` to ``path`` in format ``to`` (one of :data:`WRITE_FORMATS`).

    ``modele`` writes a folder, or a workbook when ``path`` ends in ``.xlsx``.
    Returns what could not be written (e.g. actors without coordinates in GeoJSON).
    Personal data (advisers' names, e-mails, phones) is written only into the folder model
    (``modele``), never into a format meant to be published or shared.
    """
    path = Path(path)
    if to != "modele":
        from nec_network.io.personal import without_personal_data

        ecosystem, _ = without_personal_data(ecosystem)
    if to == "modele":
        from nec_network.io.template import write_template

        write_template(ecosystem, path)
    elif to == "mednum":
        from nec_network.io.mednum import write_mednum

        return write_mednum(ecosystem, path)
    elif to == "inclusion":
        from nec_network.io.inclusion import write_inclusion

        return write_inclusion(ecosystem, path)
    elif to == "geojson":
        from nec_network.io.geojson import write_geojson

        return write_geojson(ecosystem, path)
    elif to == "graphml":
        from nec_network.io.graph_formats import write_graphml

        write_graphml(ecosystem, path)
    elif to == "gexf":
        from nec_network.io.graph_formats import write_gexf

        write_gexf(ecosystem, path)
    else:
        raise NecNetworkError(f"Format de sortie inconnu : « {to} » (admis : {', '.join(WRITE_FORMATS)}).")
    return []
