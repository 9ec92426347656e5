"""The formats we read and write, each declaring how it is recognised, read and written.

:data:`FORMATS` replaces a chain of ``if``/``elif`` on format names: :func:`detect_format`
asks each format in turn whether it recognises an input (from the folder's files, the file's
suffix or the table's column names), and :func:`reader` / :func:`writer` hand out the function
of a format. Readers and writers are named ``"module:function"`` and imported only when used,
so that the command line starts without loading every format.
"""

from __future__ import annotations

import csv
import importlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from nec_network.errors import DataError, NecNetworkError, UnknownFormatError
from nec_network.tables import WORKBOOK_SUFFIXES, Workbook, cell_text, decode_bytes, read_json, sniff_delimiter

_MEDNUM_V1_HEADERS = {"pivot", "date_maj", "services"}
_MEDNUM_V0_HEADERS = {"publics_accueillis", "conditions_acces", "labels_nationaux"}
_TEMPLATE_HEADERS = {"id", "nom", "typologie", "zone_intervention"}
_INCLUSION_HEADERS = {
    "siret", "typologie", "lien_source", "date_maj", "antenne", "accessibilite",
    "horaires_accueil", "reseaux_porteurs", "accessibilite_lieu", "description",
}  # fmt: skip


class Source:
    """An input as the formats look at it: a folder's files, a suffix, a table's column names."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.is_dir = path.is_dir()
        self.suffix = path.suffix.lower()

    def has(self, name: str) -> bool:
        """True when the input is a folder holding ``name``."""
        return self.is_dir and (self.path / name).exists()

    @cached_property
    def headers(self) -> set[str] | None:
        """Column names of the table (first sheet, first JSON record, header line); None for a
        folder, a graph file, or a workbook with a sheet ``acteurs`` (our template)."""
        if self.is_dir or self.suffix in (".graphml", ".gexf"):
            return None
        if self.suffix in WORKBOOK_SUFFIXES:
            return _workbook_headers(self.path)
        if self.suffix == ".json":
            return _json_headers(self.path)
        return _csv_headers(self.path)


@dataclass(frozen=True)
class Format:
    """One format: its command-line name, how an input is recognised, its reader and writer.

    ``read`` and ``write`` are ``"module:function"`` names (empty when the format is only
    written or only read); ``recognise`` takes a :class:`Source` (None: never detected, the
    format must be asked for).
    """

    name: str
    description: str
    recognise: Callable[[Source], bool] | None = None
    read: str = ""
    write: str = ""


def _headers(test: Callable[[set[str]], bool]) -> Callable[[Source], bool]:
    return lambda source: source.headers is not None and test(source.headers)


def _is_template(source: Source) -> bool:
    if source.is_dir:
        return source.has("acteurs.csv")
    if source.suffix in WORKBOOK_SUFFIXES and source.headers is None:
        return True
    headers = source.headers
    return headers is not None and _TEMPLATE_HEADERS <= headers and not headers & _MEDNUM_V0_HEADERS


def _is_mednum(source: Source) -> bool:
    headers = source.headers
    if headers is None:
        return False
    return bool(headers & _MEDNUM_V0_HEADERS) or (
        not _TEMPLATE_HEADERS <= headers
        and (_MEDNUM_V1_HEADERS <= headers or {"adresse", "commune", "code_postal", "services"} <= headers)
    )


def _is_inclusion(source: Source) -> bool:
    if source.is_dir:
        return source.has("structures.json") or source.has("structures.csv")
    headers = source.headers
    return headers is not None and (
        len(headers & _INCLUSION_HEADERS) >= 3 or any(name.startswith("nec_") for name in headers)
    )


#: Every format, in the order detection asks them.
FORMATS: tuple[Format, ...] = (
    Format("modele", "modèle nec-network (dossier acteurs.csv + partenariats.csv, ou classeur .xlsx)",
           _is_template, "nec_network.io.template:read_template", "nec_network.io.template:write_template"),
    Format("mednum", "standard national des lieux de médiation numérique (v1 CSV ; v0 CSV ou JSON)",
           _is_mednum, "nec_network.io.mednum:read_mednum", "nec_network.io.mednum:write_mednum"),
    Format("inclusion", "data·inclusion (structures et services)",
           _is_inclusion, "nec_network.io.inclusion:read_inclusion", "nec_network.io.inclusion:write_inclusion"),
    Format("csv", "tout tableau CSV, XLSX ou JSON lu à travers une table de correspondance de colonnes",
           None, "nec_network.io.mapping:read_mapped"),
    Format("geojson", "GeoJSON des lieux (carte)", None, "", "nec_network.io.geojson:write_geojson"),
    Format("graphml", "graphe GraphML", lambda source: source.suffix == ".graphml",
           "nec_network.io.graph_formats:read_graphml", "nec_network.io.graph_formats:write_graphml"),
    Format("gexf", "graphe GEXF (Gephi)", lambda source: source.suffix == ".gexf",
           "nec_network.io.graph_formats:read_gexf", "nec_network.io.graph_formats:write_gexf"),
)  # fmt: skip
_BY_NAME = {fmt.name: fmt for fmt in FORMATS}

#: Input formats, by the names the command line uses.
READ_FORMATS = ("auto", *(fmt.name for fmt in FORMATS if fmt.read))
#: Output formats.
WRITE_FORMATS = tuple(fmt.name for fmt in FORMATS if fmt.write)


def _function(reference: str) -> Callable[..., Any]:
    module, _, name = reference.partition(":")
    return getattr(importlib.import_module(module), name)


def reader(name: str) -> Callable[..., Any]:
    """The reading function of format ``name``; :class:`NecNetworkError` when it cannot be read."""
    fmt = _BY_NAME.get(name)
    if fmt is None or not fmt.read:
        raise NecNetworkError(f"Format d'entrée inconnu : « {name} » (admis : {', '.join(READ_FORMATS)}).")
    return _function(fmt.read)


def writer(name: str) -> Callable[..., Any]:
    """The writing function of format ``name``; :class:`NecNetworkError` when it cannot be written."""
    fmt = _BY_NAME.get(name)
    if fmt is None or not fmt.write:
        raise NecNetworkError(f"Format de sortie inconnu : « {name} » (admis : {', '.join(WRITE_FORMATS)}).")
    return _function(fmt.write)


def detect_format(path: str | Path) -> str:
    """Guess the format of an input: ``modele``, ``mednum``, ``inclusion``, ``graphml`` or ``gexf``.

    A folder with ``acteurs.csv``, or a workbook with a sheet ``acteurs``, is our
    template; a table whose headers include ``pivot``/``date_maj``/``services``
    or the v0 names (``publics_accueillis``…) is the national schema; a JSON
    list of records is read from its first record's keys; data·inclusion
    structures have ``siret``, ``typologie``, ``lien_source``… Raises
    :class:`~nec_network.errors.UnknownFormatError` when nothing fits.
    """
    path = Path(path)
    if not path.exists():
        raise DataError("fichier introuvable", file=str(path))
    source = Source(path)
    for fmt in FORMATS:
        if fmt.recognise is not None and fmt.recognise(source):
            return fmt.name
    if source.is_dir:
        raise DataError(
            "dossier sans acteurs.csv ni structures.json : ni un modèle nec-network ni un export data·inclusion",
            file=str(path),
        )
    raise UnknownFormatError(
        "format non reconnu : ni modèle nec-network, ni lieux de médiation numérique, ni data·inclusion",
        file=str(path),
    )


def _csv_headers(path: Path) -> set[str]:
    with path.open("rb") as stream:
        text, _ = decode_bytes(stream.read(65536))
    header = next(csv.reader([text.split("\n", 1)[0]], delimiter=sniff_delimiter(text)), [])
    return {name.strip().lstrip("\ufeff") for name in header}


def _json_headers(path: Path) -> set[str]:
    document = read_json(path)
    if isinstance(document, dict):
        document = next((value for value in document.values() if isinstance(value, list)), [])
    records = [record for record in document if isinstance(record, dict)] if isinstance(document, list) else []
    return set(records[0]) if records else set()


def _workbook_headers(path: Path) -> set[str] | None:
    """Headers of the first sheet, or None when the workbook has a sheet ``acteurs`` (our template)."""
    with Workbook(path) as workbook:
        if any(name.strip().lower() == "acteurs" for name in workbook.sheet_names):
            return None
        if not workbook.sheet_names:
            return set()
        first = next(workbook.rows(workbook.sheet_names[0]), (1, []))[1]
        return {cell_text(value) for value in first}
