"""Several sources into one ecosystem: each file read with its own format or mapping.

``nec-network import a.csv:france-services b.json c.xlsx -o DOSSIER`` reads
each file with :func:`nec_network.io.read_ecosystem` (a mapping is attached
to a file with ``FICHIER:CORRESPONDANCE``, the correspondence being a shipped
mapping name or a JSON file), then :func:`combine` puts the ecosystems
together: every actor keeps its ``source`` (the file's name when the file
gives none), and an id already taken by an earlier file is prefixed with the
file's name (``b:42``), in its partnerships too, and reported. Duplicates
across files are then found and merged by the caller
(:mod:`nec_network.analysis.duplicates`).

Each input's resources (``ressources.csv`` of a folder, sheet « ressources » of a
template workbook) are read with it (:func:`read_source`), checked like its other
files, and put together by :func:`nec_network.io.resources.gather_resources`.
``nec-network validate`` reads its inputs through the same two functions, so both
commands accept the same ``FICHIER:CORRESPONDANCE``. The personae of a folder
(``personae.json``) are read the same way (:func:`nec_network.io.personae.read_personae_report`):
a bad record is rejected and reported with file, record and field; :func:`carry_personae`
writes them beside the consolidated model.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from nec_network.errors import DataError
from nec_network.io.report import Problem, Report
from nec_network.model import Ecosystem, Event, Partnership
from nec_network.model.persona import Persona
from nec_network.model.resource import Resource


@dataclass(frozen=True)
class SourceFile:
    """One input: a path and, when given, the mapping to read it through."""

    path: Path
    mapping: str | None = None

    @property
    def label(self) -> str:
        """How the file is named in messages and in actors' ``source``."""
        return self.path.name

    @property
    def argument(self) -> str:
        """The input as written on the command line: ``liste.csv:france-services``.

        >>> SourceFile(Path("liste.csv"), "france-services").argument
        'liste.csv:france-services'
        """
        return f"{self.path}:{self.mapping}" if self.mapping else str(self.path)


def parse_source(text: str, *, known_mappings: tuple[str, ...] = ()) -> SourceFile:
    """``fichier.csv`` or ``fichier.csv:correspondance`` → :class:`SourceFile`.

    The part after the last ``:`` is a mapping when the whole text is not an
    existing path and that part is a shipped mapping name or a ``.json`` file.

    >>> parse_source("liste.csv:france-services", known_mappings=("france-services",))
    SourceFile(path=PosixPath('liste.csv'), mapping='france-services')
    >>> parse_source("acteurs.csv").mapping is None
    True
    """
    if Path(text).exists() or ":" not in text:
        return SourceFile(Path(text))
    path, _, mapping = text.rpartition(":")
    if mapping in known_mappings or mapping.lower().endswith(".json"):
        return SourceFile(Path(path), mapping)
    return SourceFile(Path(text))


def _missing_reason(path: Path) -> str:
    """Why ``path`` cannot be read: missing, or an existing file followed by an unknown mapping name.

    >>> _missing_reason(Path("nulle-part.csv"))
    'fichier introuvable'
    """
    import difflib

    from nec_network.io.mapping import builtin_mappings

    head, _, name = str(path).rpartition(":")
    if not head or not Path(head).exists():
        return "fichier introuvable"
    known = tuple(builtin_mappings())
    close = difflib.get_close_matches(name, known, n=1)
    hint = f" (vouliez-vous dire « {close[0]} » ?)" if close else ""
    return (f"correspondance « {name} » inconnue{hint} ; correspondances fournies : {', '.join(known)}, "
            "ou un fichier .json")


@dataclass(frozen=True)
class SourceRead:
    """What one input gave: its ecosystem and report, its resources and their own report.

    ``report`` holds the problems of the resources too (file, row, column), as
    ``validate`` shows them; ``resources_report`` counts the resource rows.
    """

    source: SourceFile
    ecosystem: Ecosystem
    report: Report
    resources: tuple[Resource, ...] = ()
    resources_report: Report = field(default_factory=Report)
    #: The personae of a folder (``personae.json``) and the report counting their records.
    personae: tuple[Persona, ...] = ()
    personae_report: Report = field(default_factory=Report)


def read_source(source: SourceFile, *, format: str = "auto", strict: bool = False) -> SourceRead:  # noqa: A002
    """Read one input with its format or mapping, and the resources of a folder or template workbook.

    A folder's ``ressources.csv`` is read whatever the folder's format; a workbook's sheet
    « ressources » only when the workbook is our template (another workbook is a table
    read through a mapping). Raises :class:`~nec_network.errors.DataError` for a missing
    input; with ``strict``, any error (resources included) raises.
    """
    from nec_network.io import read_ecosystem
    from nec_network.io.formats import FORMATS, detect_format
    from nec_network.io.personae import personae_path, read_personae_report
    from nec_network.io.resources import add_findings, read_resources

    if not source.path.exists():
        raise DataError(_missing_reason(source.path), file=str(source.path))
    if source.mapping is None and format == "auto":
        format = detect_format(source.path)
    ecosystem, report = read_ecosystem(source.path, format=format, mapping=source.mapping)
    resources: tuple[Resource, ...] = ()
    resources_report, personae_report = Report(), Report()
    personae: tuple[Persona, ...] = ()
    # A format that carries resources reads them itself (the template: ressources.csv or its sheet).
    fmt = FORMATS.get(format) if source.mapping is None else None
    own_resources = fmt is not None and fmt.carries_content("resources")
    if source.path.is_dir() or own_resources:
        resources, resources_report = read_resources(source.path)
        if not own_resources:  # the format's reader already checked them
            add_findings(report, resources_report)
        if personae_path(source.path).is_file():
            personae, personae_report = read_personae_report(personae_path(source.path))
            add_findings(report, personae_report)
    if strict:
        report.raise_if_errors()
    return SourceRead(source, ecosystem, report, resources, resources_report, personae, personae_report)


def read_sources(
    sources: list[SourceFile], *, format: str = "auto", strict: bool = False  # noqa: A002
) -> tuple[Ecosystem, list[SourceRead]]:
    """Read every source (:func:`read_source`) and combine their ecosystems (:func:`combine`).

    Returns the combined ecosystem and what each source gave (its report, resources and
    personae), in the order of ``sources``: what ``nec-network import`` consolidates.
    """
    reads = [read_source(source, format=format, strict=strict) for source in sources]
    return combine([(r.source, r.ecosystem, r.report) for r in reads]), reads


def combine(read: list[tuple[SourceFile, Ecosystem, Report]]) -> Ecosystem:
    """One ecosystem from several, ids kept unique and every actor's source filled.

    Renamed ids are reported in the report of their file (``correction``) and followed
    everywhere the file names them: partnerships' ends and ``declare_par``, events'
    organisers and participants. Events come along: an event id already taken by an earlier
    file keeps it when both files describe the same event (after the actors' renames), and is
    otherwise prefixed with the file's name like an actor (reported), in the file's
    partnerships' ``evenement`` and ``origine`` too.
    """
    if len(read) == 1:
        source, ecosystem, _ = read[0]
        return _with_source(ecosystem, source.label)
    actors, links, taken = [], [], set()
    events: dict[str, Event] = {}
    for source, ecosystem, report in read:
        renamed: dict[str, str] = {}
        prefix = source.path.stem
        for actor in ecosystem:
            new_id = actor.id
            while new_id in taken:
                new_id = f"{prefix}:{new_id}"
            if new_id != actor.id:
                renamed[actor.id] = new_id
                report.add(Problem("correction", "identifiant déjà pris par un fichier précédent : renommé",
                                   str(source.path), None, "id", actor.id, new_id))
            taken.add(new_id)
            changes = {"id": new_id} if new_id != actor.id else {}
            if not actor.source:
                changes["source"] = source.label
            actors.append(dataclasses.replace(actor, **changes) if changes else actor)
        renamed_events = _add_events(events, ecosystem.events, renamed, source, report)
        for link in ecosystem.partnerships:
            links.append(rename_in_partnership(link, renamed, renamed_events))
    return Ecosystem(actors, links, events=events.values(), name=read[0][1].name)


def _add_events(events: dict[str, Event], found: Iterable[Event], renamed: Mapping[str, str], source: SourceFile,
                report: Report) -> dict[str, str]:
    """Add a file's events to ``events`` (see :func:`combine`); returns the event ids renamed."""
    renamed_events: dict[str, str] = {}
    for event in found:
        event = rename_in_event(event, renamed)
        new_id = event.id
        while new_id in events and events[new_id] != dataclasses.replace(event, id=new_id):
            new_id = f"{source.path.stem}:{new_id}"
        if new_id != event.id:
            renamed_events[event.id] = new_id
            report.add(Problem("correction", "identifiant d'événement déjà pris par un autre événement d'un fichier "
                               "précédent : renommé", str(source.path), None, "id", event.id, new_id))
        events.setdefault(new_id, dataclasses.replace(event, id=new_id))
    return renamed_events


def rename_in_event(event: Event, renamed: Mapping[str, str]) -> Event:
    """The event with its organisers and participants renamed (``renamed``: old id → new id), each once."""
    def members(ids: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(renamed.get(actor, actor) for actor in ids))

    return dataclasses.replace(event, organisateurs=members(event.organisateurs),
                               participants=members(event.participants))


def rename_in_partnership(link: Partnership, renamed: Mapping[str, str],
                          renamed_events: Mapping[str, str] | None = None) -> Partnership:
    """The partnership with its ends and ``declare_par`` renamed, and its ``evenement`` and
    ``origine`` when they name a renamed event."""
    events = renamed_events or {}
    return dataclasses.replace(
        link, source=renamed.get(link.source, link.source), cible=renamed.get(link.cible, link.cible),
        declare_par=tuple(dict.fromkeys(renamed.get(actor, actor) for actor in link.declare_par)),
        evenement=events.get(link.evenement, link.evenement), origine=events.get(link.origine, link.origine),
    )


def _with_source(ecosystem: Ecosystem, label: str) -> Ecosystem:
    missing = {actor.id: dataclasses.replace(actor, source=label) for actor in ecosystem if not actor.source}
    return ecosystem.replace_actors(missing) if missing else ecosystem


def carry_personae(reads: Iterable[SourceRead], combined: Ecosystem, merged_into: Mapping[str, str], final: Ecosystem,
                   output: str | Path) -> list[str]:
    """Write the personae of the inputs beside the model, ``premier_contact`` following the merges; French lines.

    ``merged_into`` maps each merged duplicate to the actor kept. A contact whose actor was not
    written (``--departements``) is cleared and said. Without any persona, a ``personae.json``
    left by a former import is replaced by an empty list (never kept stale).
    """
    from nec_network.io.personae import (
        actor_renames,
        empty_personae,
        gather_personae,
        personae_path,
        personae_summary,
        remap_contacts,
        write_personae,
    )

    reads = list(reads)
    gathered = gather_personae((str(personae_path(r.source.path)), r.personae, r.personae_report) for r in reads)
    path = personae_path(output)
    if not gathered.files:
        return [empty_personae(path)] if path.is_file() else []
    renames = actor_renames(([actor.id for actor in r.ecosystem] for r in reads), (actor.id for actor in combined),
                            merged_into)
    personae, cleared = remap_contacts(gathered.personae, [renames[index] for index in gathered.origins],
                                       {actor.id for actor in final})
    write_personae(personae, path)
    return personae_summary(gathered, len(personae), str(path), cleared)
