"""The registry of formats: each one declares, in one place, how it is read, written and what it carries.

:data:`FORMATS` is the single list of the formats ``import``, ``validate`` and ``export``
know. Each :class:`Format` gives its command-line name and French label, how an input is
recognised (from the folder's files, the file's suffix or the table's column names), its
reader and writer, how its output is laid out, and what it carries (:data:`CONTENTS`:
actors, partnerships, events, personae, resources, dated fields; and which actor columns
and partnership fields) — what it drops follows from that. :func:`detect_format` asks each
format in turn whether it recognises an input; :func:`reader` / :func:`writer` hand out its
functions. Readers and writers are named ``"module:function"`` and imported only when used,
so that the command line starts without loading every format.

Adding a format is one module (a reader ``read(path) -> (Ecosystem, Report)`` and/or a
writer ``write(ecosystem, path) -> list[Problem] | Path``) and one :class:`Format` given to
:meth:`FormatRegistry.register` (or added to the built-in list below).
"""

from __future__ import annotations

import csv
import importlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from nec_network.errors import DataError, NecNetworkError, UnknownFormatError
from nec_network.gc_pause import collector_paused
from nec_network.tables import WORKBOOK_SUFFIXES, Workbook, cell_text, decode_bytes, read_json, sniff_delimiter
from nec_network.tables.delimited import refuse_binary
from nec_network.tables.limits import open_input

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


#: What a format may carry besides the actors' columns: the words of :attr:`Format.carries`.
#: ``dated_fields`` are the dates of a relation (when a partnership started, ended).
CONTENTS: tuple[str, ...] = ("actors", "partnerships", "events", "personae", "resources", "dated_fields")
#: How each content is named to a person (what ``export`` says a format drops).
CONTENT_LABELS: dict[str, str] = {
    "actors": "les acteurs",
    "partnerships": "les partenariats",
    "events": "les événements",
    "personae": "les personae",
    "resources": "les ressources sans lieu",
    "dated_fields": "les dates des relations",
}
#: Output layouts: one ``file``; a ``folder`` of the files :attr:`Format.folder_files`; our
#: ``template`` (a folder of CSV files, or a ``.xlsx`` workbook).
OUTPUTS = ("file", "folder", "template")

Function = Callable[..., Any]


@dataclass(frozen=True)
class Format:
    """One format, declared in one place.

    - ``name`` (the command line's word), ``label`` (French, in messages: « lieux de médiation
      numérique »), ``description`` (French, in help texts);
    - ``recognise`` takes a :class:`Source` (None: never detected, the format must be asked for);
    - ``read`` / ``write``: ``"module:function"`` names (or the functions themselves), empty when
      the format is only written or only read; ``needs_mapping``: the reader takes a column
      mapping as second argument (``read(path, mapping)``);
    - ``carries``: words of :data:`CONTENTS`; ``actor_columns``: the template columns it writes,
      a ``"module:function"`` returning them (empty: every column and extra attribute);
      ``partnership_fields``: the :class:`~nec_network.model.Partnership` fields it writes
      (None: every field);
    - ``output``: one of :data:`OUTPUTS`, with ``suffix`` (a file's usual suffix) or
      ``folder_files`` (the files of a folder);
    - ``count``: ``"module:function"`` counting the actor records in what was written (empty:
      the actors the format's own reader reads back);
    - ``personal_data``: written into it when the model holds them (our template only: the
      others are meant to be published or shared); ``commune_points``: whether it writes the
      coordinates of an actor placed at its commune's reference point (see
      :mod:`nec_network.io.export`);
    - ``completes_model``: its reader gives no ecosystem but what completes a model read with it
      (a survey's answers, ``import MODELE REPONSES:enquete``): it is named after the file's
      ``:``, never a choice of ``--format``.
    """

    name: str
    label: str
    description: str
    recognise: Callable[[Source], bool] | None = None
    read: str | Function = ""
    write: str | Function = ""
    needs_mapping: bool = False
    carries: frozenset[str] = frozenset({"actors"})
    actor_columns: str | Function = ""
    partnership_fields: tuple[str, ...] | None = None
    output: str = "file"
    suffix: str = ""
    folder_files: tuple[str, ...] = ()
    count: str | Function = ""
    personal_data: bool = False
    commune_points: bool = True
    completes_model: bool = False

    def __post_init__(self) -> None:
        unknown = set(self.carries) - set(CONTENTS)
        if unknown or self.output not in OUTPUTS:
            raise ValueError(f"format {self.name!r}: unknown contents {sorted(unknown)} or output {self.output!r}")

    def carries_content(self, content: str) -> bool:
        """Whether the format carries ``content`` (a word of :data:`CONTENTS`)."""
        return content in self.carries

    @property
    def drops(self) -> tuple[str, ...]:
        """The contents it does not carry, in the order of :data:`CONTENTS`.

        >>> FORMATS.get("geojson").drops
        ('partnerships', 'events', 'personae', 'resources', 'dated_fields')
        """
        return tuple(content for content in CONTENTS if content not in self.carries)

    def carried_columns(self) -> frozenset[str] | None:
        """The template columns (and extra keys) it writes; None when it writes every one."""
        return frozenset(_function(self.actor_columns)()) if self.actor_columns else None

    def read_function(self) -> Function:
        """The reader (imported now); :class:`NecNetworkError` when the format is not read."""
        if not self.read:
            raise NecNetworkError(f"Le format « {self.name} » ne se lit pas.")
        return _function(self.read)

    def write_function(self) -> Function:
        """The writer (imported now); :class:`NecNetworkError` when the format is not written."""
        if not self.write:
            raise NecNetworkError(f"Le format « {self.name} » ne s'écrit pas.")
        return _function(self.write)

    def read_path(self, path: Path, mapping: str | Path | None = None) -> Any:
        """Read ``path`` with this format's reader (``mapping`` goes to readers that need one),
        the cyclic garbage collector paused (:func:`~nec_network.gc_pause.collector_paused`)."""
        read = self.read_function()
        with collector_paused():
            return read(path, mapping) if self.needs_mapping else read(path)

    def count_written(self, path: Path) -> int:
        """Actor records present in what was written at ``path``."""
        if self.count:
            return int(_function(self.count)(path))
        return len(self.read_path(path)[0])


class FormatRegistry:
    """The formats, in the order detection asks them; :meth:`register` adds one.

    >>> [fmt.name for fmt in FORMATS][:3], "gexf" in FORMATS
    (['modele', 'mednum', 'inclusion'], True)
    """

    def __init__(self, formats: tuple[Format, ...]) -> None:
        self._formats: dict[str, Format] = {}
        for fmt in formats:
            self.register(fmt)

    def __iter__(self) -> Iterator[Format]:
        return iter(tuple(self._formats.values()))

    def __len__(self) -> int:
        return len(self._formats)

    def __contains__(self, name: object) -> bool:
        return name in self._formats

    def get(self, name: str) -> Format | None:
        """The format called ``name``, or None."""
        return self._formats.get(name)

    def register(self, fmt: Format) -> Format:
        """Add ``fmt`` (detection asks it after the others); its name must be new."""
        if fmt.name in self._formats or fmt.name == "auto":
            raise ValueError(f"format {fmt.name!r} is already registered")
        self._formats[fmt.name] = fmt
        return fmt

    def unregister(self, name: str) -> Format:
        """Remove the format ``name`` and return it."""
        return self._formats.pop(name)

    def readable(self) -> tuple[str, ...]:
        """Input format names, ``auto`` (detection) first: the choices of ``--format``."""
        return ("auto", *(fmt.name for fmt in self if fmt.read and not fmt.completes_model))

    def writable(self) -> tuple[str, ...]:
        """Output format names: the choices of ``export --to``."""
        return tuple(fmt.name for fmt in self if fmt.write)


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


_TEMPLATE = "nec_network.io.template"
_GRAPHS = "nec_network.io.graph_formats"
#: Every format, in the order detection asks them.
FORMATS = FormatRegistry((
    Format("modele", "modèle nec-network",
           "modèle nec-network (dossier acteurs.csv + partenariats.csv + evenements.csv, ou classeur .xlsx)",
           _is_template, f"{_TEMPLATE}:read_template", f"{_TEMPLATE}:write_template",
           carries=frozenset(CONTENTS), output="template",
           count=f"{_TEMPLATE}:count_actor_rows", personal_data=True),
    Format("mednum", "lieux de médiation numérique",
           "standard national des lieux de médiation numérique (v1 CSV ; v0 CSV ou JSON)",
           _is_mednum, "nec_network.io.mednum:read_mednum", "nec_network.io.mednum:write_mednum",
           actor_columns="nec_network.io.mednum:carried_columns", suffix=".csv",
           count="nec_network.io.mednum:count_places", commune_points=False),
    Format("inclusion", "data·inclusion", "data·inclusion (structures et services)",
           _is_inclusion, "nec_network.io.inclusion:read_inclusion", "nec_network.io.inclusion:write_inclusion",
           actor_columns="nec_network.io.inclusion:carried_columns", output="folder",
           folder_files=("structures.json", "services.json"),
           count="nec_network.io.inclusion:count_structures", commune_points=False),
    Format("csv", "tableau avec correspondance",
           "tout tableau CSV, XLSX ou JSON lu à travers une table de correspondance de colonnes",
           None, "nec_network.io.mapping:read_mapped", needs_mapping=True),
    Format("geojson", "GeoJSON", "GeoJSON des lieux (carte)", None, "", "nec_network.io.geojson:write_geojson",
           suffix=".geojson", count="nec_network.io.geojson:count_features"),
    Format("graphml", "GraphML", "graphe GraphML", lambda source: source.suffix == ".graphml",
           f"{_GRAPHS}:read_graphml", f"{_GRAPHS}:write_graphml",
           carries=frozenset({"actors", "partnerships", "events", "dated_fields"}), suffix=".graphml",
           count=f"{_GRAPHS}:count_graphml_nodes"),
    Format("gexf", "GEXF", "graphe GEXF (Gephi)", lambda source: source.suffix == ".gexf",
           f"{_GRAPHS}:read_gexf", f"{_GRAPHS}:write_gexf",
           carries=frozenset({"actors", "partnerships", "events", "dated_fields"}), suffix=".gexf",
           count=f"{_GRAPHS}:count_gexf_nodes"),
    Format("enquete", "réponses d'enquête",
           "réponses d'une enquête sur les partenariats (fichier de la page « enquete », tableau long, ou export de "
           "formulaire lu avec une correspondance d'enquête), lues avec le modèle qu'elles complètent",
           None, "nec_network.io.survey:read_responses", needs_mapping=True,
           carries=frozenset({"partnerships", "dated_fields"}), completes_model=True),
))  # fmt: skip


def _function(reference: str | Function) -> Function:
    if callable(reference):
        return reference
    module, _, name = reference.partition(":")
    return getattr(importlib.import_module(module), name)


def get_format(name: str, *, to_write: bool = False) -> Format:
    """The format ``name``, able to be read (or written with ``to_write``); :class:`NecNetworkError` otherwise."""
    fmt = FORMATS.get(name)
    if to_write and (fmt is None or not fmt.write):
        raise NecNetworkError(f"Format de sortie inconnu : « {name} » (admis : {', '.join(FORMATS.writable())}).")
    if not to_write and (fmt is None or not fmt.read or fmt.completes_model):
        raise NecNetworkError(f"Format d'entrée inconnu : « {name} » (admis : {', '.join(FORMATS.readable())}).")
    return fmt


def reader(name: str) -> Function:
    """The reading function of format ``name``; :class:`NecNetworkError` when it cannot be read."""
    return get_format(name).read_function()


def writer(name: str) -> Function:
    """The writing function of format ``name``; :class:`NecNetworkError` when it cannot be written."""
    return get_format(name, to_write=True).write_function()


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
    with open_input(path) as stream:
        head = stream.read(65536)
    text, encoding = decode_bytes(head)
    refuse_binary(head, text, str(path), encoding=encoding)
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
