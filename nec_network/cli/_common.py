"""Argument helpers shared by the sub-command modules, and the one place where text reaches the terminal."""

from __future__ import annotations

import argparse
import datetime as dt
import contextlib
import functools
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    import pandas as pd

    from nec_network.model import Ecosystem
    from nec_network.analysis.criteria import ActorCriteria, Threshold
    from nec_network.model.persona import Persona
    from nec_network.model.resource import Resource
    from nec_network.territory.fragility import Fragility


#: Characters a terminal would obey rather than show: C0 controls but tab and line feed, DEL,
#: C1 controls, a carriage return not ending a line, and the bidirectional overrides that
#: reorder what is shown ("Trojan source").
_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]"
                          "|\r(?!\n)")


def printable(text: str) -> str:
    r"""``text`` as a terminal may show it: every control character from data written as an
    escape (``\x1b``, ``\u202e``) instead of being obeyed (a title change ``ESC]0;…``, a
    screen clear ``ESC[2J``, a line rewritten by ``\r``).

    >>> printable("Mairie\x1b]0;pris\x07 de Laon\x1b[2J\r\n\tfin\u202e\x9b")
    'Mairie\\x1b]0;pris\\x07 de Laon\\x1b[2J\r\n\tfin\\u202e\\x9b'
    """
    return _UNPRINTABLE.sub(lambda match: match.group().encode("unicode_escape").decode("ascii"), text)


class TerminalStream:
    """A text stream that writes through :func:`printable`: every message of the command line
    (results, reports, warnings, errors) goes through it, whichever code printed it. A write
    that starts with ``\r`` keeps it (a progress bar redrawing its line); any other first erases
    the progress line of :mod:`~nec_network.cli._progress`."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:  # noqa: D102 - io's
        redraw = text.startswith("\r")
        if not redraw and text:
            from nec_network.cli._progress import erase_line

            erase_line()  # the command's own text never lands after « Calcul… 3 s »
        self.stream.write(("\r" if redraw else "") + printable(text[1:] if redraw else text))
        return len(text)

    def flush(self) -> None:  # noqa: D102 - io's
        self.stream.flush()

    def isatty(self) -> bool:  # noqa: D102 - io's
        return bool(getattr(self.stream, "isatty", lambda: False)())

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


@contextlib.contextmanager
def terminal_streams() -> Iterator[None]:
    """Within the block, standard output and error go through :class:`TerminalStream`."""
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = TerminalStream(sys.stdout), TerminalStream(sys.stderr)  # type: ignore[assignment]
    try:
        yield
    finally:
        with contextlib.suppress(Exception):
            sys.stdout.flush()
        sys.stdout, sys.stderr = saved


def date_arg(text: str) -> dt.date:
    """Parse ``AAAA-MM-JJ`` (a month or a year: its last day) for ``--le``/``--at``.

    >>> date_arg("2026-12")
    datetime.date(2026, 12, 31)
    """
    from nec_network.model.dates import DateError, PartialDate

    try:
        return PartialDate.parse(text).last_day
    except DateError as error:
        raise argparse.ArgumentTypeError(str(error)) from error


def departements_arg(value: str) -> tuple[str, ...]:
    """Parse ``02,60,80``, ``Aisne,Oise,Somme`` or ``all`` into département codes (``2`` becomes
    ``02``). An unknown one raises :class:`~nec_network.errors.UnknownTerritoryError`, which the
    command line says in French before any work.

    >>> departements_arg("Somme,2")
    ('02', '80')
    """
    from nec_network.territory.divisions import ALL_FRANCE, resolve_departements

    names = [code.strip() for code in value.split(",") if code.strip()]
    if not names:
        raise argparse.ArgumentTypeError("liste de départements vide")
    return resolve_departements(ALL_FRANCE if [name.lower() for name in names] == [ALL_FRANCE] else names)


@contextlib.contextmanager
def output_stream(path: str | None) -> Iterator[TextIO]:
    """Yield a text stream to ``path`` (UTF-8, written atomically) or to standard output when ``path`` is None or '-'."""
    if path in (None, "-"):
        yield sys.stdout
        return
    from nec_network.io.output import open_output

    with open_output(path) as stream:
        yield stream


def add_output_option(command: argparse.ArgumentParser, *, metavar: str, help: str | None = None,  # noqa: A002
                      required: bool = False, default: str | None = None) -> None:
    """``-o/--sortie`` (``--output`` kept as an alias), stored in ``args.output``."""
    command.add_argument("-o", "--sortie", "--output", dest="output", metavar=metavar, help=help,
                         required=required, default=default)


def add_capacity_option(command: argparse.ArgumentParser) -> None:
    """``--capacite``: what measures an actor's capacity in the 2SFCA accessibility."""
    command.add_argument(
        "--capacite",
        default="horaires",
        metavar="horaires|conseillers|COLONNE",
        help="capacité d'un lieu pour l'accessibilité (2SFCA) : heures d'ouverture par semaine "
        "(défaut), nombre de conseillers (colonne conseillers des fichiers nationaux) ou toute "
        "colonne numérique du modèle",
    )


def add_sites_option(command: argparse.ArgumentParser) -> None:
    """``--sites K``: how many sites the synthesis recommends (each weighting)."""
    from nec_network.settings import DEFAULT_SITES

    command.add_argument(
        "--sites", type=int, default=DEFAULT_SITES, metavar="K",
        help=f"sites recommandés (défaut : {DEFAULT_SITES})",
    )


def claim_output_files(args: argparse.Namespace, *paths: str | None) -> None:
    """Before any work: refuse outputs that exist and are not nec-network's (unless ``--force``).

    None and ``-`` (standard output) are skipped. See :mod:`nec_network.io.output`.
    """
    from nec_network.io.output import claim_file

    for path in paths:
        if path not in (None, "-"):
            claim_file(path, force=getattr(args, "force", False))


def claim_output_folder(
    args: argparse.Namespace, path: str | Path, names: Iterable[str], *, shared: bool = False
) -> None:
    """Before any work: the output folder must be new, empty or nec-network's own (unless ``--force``)."""
    from nec_network.io.output import claim_folder

    claim_folder(path, names=names, force=getattr(args, "force", False), shared=shared)


def add_source_options(command: argparse.ArgumentParser, *, departements_help: str) -> None:
    """DOSSIER (any readable format) and ``--departements``, whose meaning each command says."""
    command.add_argument(
        "source", metavar="DOSSIER", help="écosystème (modèle nec-network ou autre format lisible)"
    )
    command.add_argument(
        "--departements", type=departements_arg, metavar="02,60,80", help=departements_help
    )


def add_analysis_options(command: argparse.ArgumentParser) -> None:
    """DOSSIER, territory, what actors must offer and the threshold: shared by every analysis."""
    add_source_options(
        command,
        departements_help="territoire analysé : ses communes et ses acteurs (défaut : communes de "
        "02,60,80, tous les acteurs)",
    )
    what = command.add_mutually_exclusive_group()
    what.add_argument("--service", help="service (libellé du standard national)")
    what.add_argument("--dispositif", help="dispositif ou programme national")
    what.add_argument("--typologie", help="typologie de structure (code ou libellé)")
    command.add_argument("--public", help="public ou prise en charge spécifique")
    add_threshold_options(command)


def add_threshold_options(
    command: argparse.ArgumentParser,
    *,
    mode: bool = True,
    km_help: str = "seuil en km à vol d'oiseau",
    minutes_help: str = "seuil en minutes",
) -> None:
    """``--max-km`` or ``--max-minutes``, ``--mode`` (unless the mode is someone's own: a
    persona's, the page reader's) and ``--detour``: what :func:`threshold_input` makes one
    :class:`~nec_network.analysis.criteria.Threshold` of."""
    from nec_network.settings import DEFAULT_MAX_MINUTES, DETOUR_FACTOR, SPEEDS_KMH

    threshold = command.add_mutually_exclusive_group()
    threshold.add_argument("--max-km", type=float, metavar="K", help=km_help)
    threshold.add_argument(
        "--max-minutes", type=float, metavar="M", help=f"{minutes_help} (défaut : {DEFAULT_MAX_MINUTES:g})"
    )
    if mode:
        command.add_argument(
            "--mode", choices=tuple(SPEEDS_KMH), default="voiture", help="mode de déplacement pour --max-minutes"
        )
    command.add_argument(
        "--detour",
        type=float,
        default=DETOUR_FACTOR,
        metavar="F",
        help="distance par la route / distance à vol d'oiseau, pour passer des km aux minutes "
        f"(défaut : {DETOUR_FACTOR:g}, au moins 1)",
    )


@dataclass(frozen=True)
class AnalysisInputs:
    """What every analysis command reads: the ecosystem, the territory's communes and the two options."""

    ecosystem: Ecosystem
    communes: pd.DataFrame
    criteria: ActorCriteria
    threshold: Threshold

    @property
    def local(self) -> Ecosystem:
        """The territory's actors only: what views and network analyses show."""
        return self.criteria.territory(self.ecosystem)

    @functools.cached_property
    def surroundings(self) -> Ecosystem:
        """The territory's actors and, marked « hors territoire », the places around it that its
        communes reach (within the context margin, or the threshold when larger): what maps show."""
        from nec_network.analysis.surroundings import territory_with_surroundings
        from nec_network.settings import CONTEXT_MARGIN_KM

        if self.criteria.departements is None:
            return self.ecosystem
        margin = max(CONTEXT_MARGIN_KM, self.threshold.km)
        return territory_with_surroundings(self.ecosystem, self.criteria.departements, margin_km=margin).ecosystem

    def describe(self) -> str:
        """French phrase of what was asked, e.g. ``tout acteur, à 20 minutes ou moins en voiture``."""
        return f"{self.criteria}, {self.threshold}"


def analysis_inputs(args: argparse.Namespace) -> AnalysisInputs:
    """Read DOSSIER and build the options of :func:`add_analysis_options`.

    The communes are those of ``--departements`` (default: Picardie). Given
    explicitly, ``--departements`` also restricts the actors that views and
    network analyses show (actors outside still cover the border communes), and
    a French line on stderr says how many it left out; without it every actor
    of DOSSIER is shown, as read.
    """
    from nec_network.io import read_ecosystem
    from nec_network.territory import PICARDIE, load_communes

    from nec_network.cli._progress import say

    criteria = actor_criteria(args, departements=args.departements)
    threshold = threshold_input(args)
    say("Lecture de l'écosystème")
    ecosystem, _ = read_ecosystem(args.source, personal_data=False)
    say("Lecture des communes")
    communes = load_communes(departements=args.departements or PICARDIE)
    inputs = AnalysisInputs(ecosystem, communes, criteria, threshold)
    report_outside(ecosystem, inputs.local)
    return inputs


def threshold_input(args: argparse.Namespace) -> Threshold:
    """The one threshold of :func:`add_threshold_options` (by car when the command has no ``--mode``)."""
    from nec_network.analysis.criteria import Threshold

    mode = getattr(args, "mode", "voiture")
    return Threshold(max_km=args.max_km, max_minutes=args.max_minutes, mode=mode, detour=args.detour)


def actor_criteria(args: argparse.Namespace, *, departements: tuple[str, ...] | None = None) -> ActorCriteria:
    """What actors must offer: ``--service``, ``--dispositif``, ``--typologie``, ``--public``
    (and the ``departements`` of the actors kept, when the command restricts them)."""
    from nec_network.analysis.criteria import ActorCriteria

    return ActorCriteria(
        service=args.service,
        dispositif=args.dispositif,
        typologie=args.typologie,
        public=args.public,
        departements=departements,
    )


def resources_inputs(args: argparse.Namespace) -> tuple[Resource, ...]:
    """The resources of DOSSIER (its ressources.csv, or the sheet « ressources » of a template
    workbook); each problem read is printed on stderr."""
    from nec_network.io.resources import read_resources

    resources, report = read_resources(args.source)
    for problem in report.problems:
        print(problem, file=sys.stderr)
    return resources


def territory_ecosystem(args: argparse.Namespace) -> Ecosystem:
    """The ecosystem of ``args.source`` without personal data, restricted to
    ``args.departements`` when given (saying on stderr what the territory leaves out)."""
    from nec_network.analysis.criteria import ActorCriteria
    from nec_network.cli._progress import say
    from nec_network.io import read_ecosystem

    say("Lecture de l'écosystème")
    ecosystem, _ = read_ecosystem(args.source, personal_data=False)
    if not args.departements:
        return ecosystem
    local = ActorCriteria(departements=args.departements).territory(ecosystem)
    report_outside(ecosystem, local)
    return local


def report_outside(ecosystem: Ecosystem, local: Ecosystem) -> None:
    """Say on stderr how many actors the territory leaves out of the views and network analyses
    (context places kept around it among them), and how many it kept without knowing their commune."""
    from nec_network.wording import plural

    outside = len(ecosystem) - len(local)
    context = sum(actor.outside_territory for actor in ecosystem)
    unplaced = sum(1 for actor in local if not actor.departement)
    if outside:
        among = (
            f", dont {plural(context, 'lieu voisin gardé', 'lieux voisins gardés')} comme contexte « hors territoire »"
            if context else ""
        )
        print(
            f"Territoire : {plural(len(local), 'acteur retenu', 'acteurs retenus')} ; "
            f"{plural(outside, 'acteur')} hors des départements analysés{among}, laissés hors des acteurs "
            "du territoire, du réseau et des suggestions (ils comptent pour la couverture et les lieux "
            "proches des communes voisines).",
            file=sys.stderr,
        )
    if outside and unplaced:
        print(
            f"Territoire : {plural(unplaced, 'acteur')} sans commune connue "
            f"{'gardé' if unplaced == 1 else 'gardés'} (département inconnu).",
            file=sys.stderr,
        )


def add_page_options(command: argparse.ArgumentParser, *, tiles: bool = False) -> None:
    """``--cdn`` (and ``--sans-fond`` for pages with a map)."""
    command.add_argument(
        "--cdn",
        action="store_true",
        help="charger les bibliothèques depuis des CDN publics (pages plus légères, réseau requis)",
    )
    if tiles:
        command.add_argument(
            "--sans-fond",
            action="store_true",
            help="carte sans fond OpenStreetMap : fond blanc, aucune requête réseau",
        )


def add_page_output(command: argparse.ArgumentParser, *, tiles: bool = False) -> None:
    """``-o FICHIER.html`` (required), then :func:`add_page_options`: every one-page command."""
    add_output_option(command, required=True, metavar="FICHIER.html", help="page écrite")
    add_page_options(command, tiles=tiles)


def add_personae_option(command: argparse.ArgumentParser) -> None:
    """``--personae FICHIER`` (default: ``DOSSIER/personae.json`` when it exists)."""
    command.add_argument(
        "--personae",
        metavar="FICHIER.json",
        help="personae dont on décrit le parcours (défaut : DOSSIER/personae.json s'il existe)",
    )


def personae_inputs(args: argparse.Namespace, communes: pd.DataFrame) -> tuple[Persona, ...]:
    """The personae of ``--personae`` (or DOSSIER/personae.json) living in the analysed communes.

    Personae whose home is outside the territory are left out with a French line on stderr.
    """
    from nec_network.io.personae import PERSONAE_FILE, read_personae

    path = Path(args.personae) if args.personae else Path(args.source) / PERSONAE_FILE
    if not args.personae and not path.is_file():
        return ()
    inside = set(communes["code_insee"])
    kept = []
    for persona in read_personae(path):
        if persona.code_insee in inside:
            kept.append(persona)
        else:
            print(
                f"Persona « {persona.nom} » laissé de côté : sa commune ({persona.code_insee}) "
                "est hors des départements analysés.",
                file=sys.stderr,
            )
    return tuple(kept)


def add_fragility_option(command: argparse.ArgumentParser) -> None:
    """``--fragilite FICHIER[:CORRESPONDANCE]``: a user's indicator file per commune (the
    official IFN or any other) replacing or adding indicators of digital fragility."""
    command.add_argument(
        "--fragilite",
        metavar="FICHIER[:CORRESPONDANCE.json]",
        help="indicateurs de fragilité numérique par commune (IFN officiel ou autre, CSV ou XLSX : code "
        "INSEE et colonnes) qui remplacent ou complètent l'approximation embarquée (chiffres 2016–2019, "
        "Aisne, Oise et Somme) ; la correspondance dit quelle colonne est le code, l'indice et chaque "
        "indicateur (voir nec_network/io/fragility.py)",
    )


def fragility_input(args: argparse.Namespace) -> Fragility | None:
    """The fragility of ``--fragilite`` (None without it), read and checked before any analysis:
    a summary line and every rejected row or unreadable value (file, row, column) on stderr."""
    if not getattr(args, "fragilite", None):
        return None
    from nec_network.io.fragility import read_fragility
    from nec_network.io.sources import parse_source

    source = parse_source(args.fragilite)
    read = read_fragility(source.path, source.mapping)
    print(read.summary(), file=sys.stderr)
    for problem in read.problems:
        print(problem, file=sys.stderr)
    return read.fragility
