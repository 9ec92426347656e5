"""Readers and writers: our template, the national schemas, data·inclusion, mapped tables, graph formats.

:func:`read_ecosystem` and :func:`write_ecosystem` are the single entry points
used by ``nec-network import`` / ``export``. Every reader returns the ecosystem
and a :class:`~nec_network.io.report.Report` where nothing is dropped
silently: ``imported + rejected == rows_read``, actor rows and partnership rows
counted together.

The other public readers and writers are one attribute away (they load on first use):
``io.export_ecosystem`` (what ``export`` writes, and what it left out), ``io.read_sources``
(several files into one ecosystem), ``io.write_csv`` (the one CSV writer, formulas
neutralised), ``io.write_empty_template``, ``io.check_ecosystem`` (what ``validate``
checks), ``io.read_personae`` (the people of the orientation
page and of ``parcours``)…

>>> from nec_network import io
>>> io.write_csv.__module__
'nec_network.io.csv_output'
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from nec_network.errors import MappingError, NecNetworkError
from nec_network.io.formats import FORMATS, Format, detect_format, get_format
from nec_network.io.report import Problem, Report
from nec_network.lazy import lazy_exports

if TYPE_CHECKING:
    from collections.abc import Sequence

    from nec_network.model import Ecosystem
    from nec_network.model.resource import Resource

_LAZY = {
    "export_ecosystem": "nec_network.io.export",
    "ExportResult": "nec_network.io.export",
    "SourceFile": "nec_network.io.sources",
    "parse_source": "nec_network.io.sources",
    "read_source": "nec_network.io.sources",
    "read_sources": "nec_network.io.sources",
    "combine": "nec_network.io.sources",
    "write_csv": "nec_network.io.csv_output",
    "read_personae": "nec_network.io.personae",
    "read_personae_report": "nec_network.io.personae",
    "write_personae": "nec_network.io.personae",
    "persona_from_mapping": "nec_network.io.personae",
    "find_persona": "nec_network.io.personae",
    "read_template": "nec_network.io.template",
    "write_template": "nec_network.io.template",
    "write_empty_template": "nec_network.io.template",
    "read_mednum": "nec_network.io.mednum",
    "write_mednum": "nec_network.io.mednum",
    "read_with_mapping": "nec_network.io.mapping",
    "load_mapping": "nec_network.io.mapping",
    "write_geojson": "nec_network.io.geojson",
    "read_graphml": "nec_network.io.graph_formats",
    "write_graphml": "nec_network.io.graph_formats",
    "read_gexf": "nec_network.io.graph_formats",
    "write_gexf": "nec_network.io.graph_formats",
    "read_resources": "nec_network.io.resources",
    "write_resources": "nec_network.io.resources",
    "write_duplicates": "nec_network.io.duplicates",
    "check_ecosystem": "nec_network.io.validation",
    "completeness": "nec_network.model.trust",
    "write_output": "nec_network.io.output",
}

__all__ = sorted(
    [
        "FORMATS",
        "Format",
        "Problem",
        "Report",
        "detect_format",
        "read_ecosystem",
        "write_ecosystem",
        *_LAZY,
    ]
)

__getattr__, __dir__ = lazy_exports(__name__, _LAZY, globals())


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

    ``format`` is ``auto`` or the name of a format of :data:`FORMATS` that can be read; a
    ``mapping`` file implies the format that needs one (``csv``). Readers admit rows through :mod:`nec_network.io.validation`, so the
    report includes the checks of codes and places, located by file and row. With ``strict=True`` any ``erreur`` raises
    :class:`~nec_network.errors.ValidationError`. The report also holds each actor's
    completeness and flags entries not updated for a year before ``today`` (default: today),
    see :mod:`nec_network.model.trust`. With ``personal_data=False`` the advisers' names, e-mails
    and phones (and the columns a mapping marks as personal) are left out
    (:func:`nec_network.model.personal.without_personal_data`): what analyses and pages read.
    """
    path = Path(path)
    if format != "auto":
        get_format(format)
    if mapping is not None:
        mapped = next(fmt.name for fmt in FORMATS if fmt.needs_mapping)
        if format not in ("auto", mapped):
            raise MappingError(f"Une correspondance de colonnes ne s'applique qu'au format {mapped} "
                               f"(pas à « {format} »).")
        format = mapped
    fmt = get_format(detect_format(path) if format == "auto" else format)
    if fmt.needs_mapping and mapping is None:
        raise MappingError(f"Le format {fmt.name} demande une correspondance de colonnes.", missing=True)
    ecosystem, report = fmt.read_path(path, mapping)
    from nec_network.io.trust import assess

    assess(ecosystem, report, today)
    if strict:
        report.raise_if_errors()
    if not personal_data:
        from nec_network.model.personal import without_personal_data

        ecosystem, _ = without_personal_data(ecosystem)
    return ecosystem, report


def write_ecosystem(
    ecosystem: Ecosystem, path: str | Path, *, to: str, resources: Sequence[Resource] | None = None,
    keep_personal: bool = False,
) -> list[Problem]:
    """Write ``ecosystem`` to ``path`` in format ``to`` (a format of :data:`FORMATS` that can be written).

    ``modele`` writes a folder, or a workbook when ``path`` ends in ``.xlsx``.
    Returns what could not be written (e.g. actors without coordinates in GeoJSON).
    Personal data (advisers' names, e-mails, phones, in any spelling) is left out
    (:func:`~nec_network.model.personal.without_personal_data`); ``keep_personal=True`` keeps it
    in a format that may carry it (the folder model, ``modele``), never in a format meant to be
    published or shared. ``resources`` go to the writers of the formats that carry them (given
    to the others: an error).
    """
    fmt = get_format(to, to_write=True)
    if not (keep_personal and fmt.personal_data):
        from nec_network.model.personal import without_personal_data

        ecosystem, _ = without_personal_data(ecosystem)
    if resources is not None and not fmt.carries_content("resources"):
        raise NecNetworkError(f"Le format « {to} » ne porte pas les ressources sans lieu.")
    write = fmt.write_function()
    written = write(ecosystem, Path(path)) if resources is None else write(ecosystem, Path(path), resources=resources)
    # The template and graph writers return the path written; the others what they left out.
    return written if isinstance(written, list) else []
