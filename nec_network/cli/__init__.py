"""The ``nec-network`` command line: thin, it only parses arguments and calls the library.

Each command module (:data:`_COMMAND_MODULES`, in the order of the help: ``territory``,
``ecosystem``, ``geocoding``, ``survey``, ``analysis_coverage``… ``views``) exposes
``register(subparsers)`` which adds its sub-commands; a sub-command stores its handler in
``func``. Options become :class:`~nec_network.analysis.ActorCriteria`
and :class:`~nec_network.analysis.Threshold` objects in ``_common``. User errors
(:class:`~nec_network.errors.NecNetworkError`) are printed in French without a traceback,
with the option that solves them added by :func:`error_message`, and give exit code 2.
"""

from __future__ import annotations

import argparse
import functools
import importlib
import re
import sys
from collections.abc import Sequence

from nec_network import __version__
from nec_network.errors import NecNetworkError

#: The modules that add sub-commands, in the order ``nec-network -h`` lists them: the territory,
#: the ecosystem (import, export, validate, template, geocode, survey), the analyses, the views.
_COMMAND_MODULES = (
    "territory", "ecosystem", "geocoding", "survey",
    "analysis_coverage", "analysis_suggestions", "analysis_evolution", "analysis_event_planning", "analysis",
    "views_network", "views_map", "views_report", "views_orientation", "views",
)  # fmt: skip

#: argparse's own error messages, in French. argparse raises them in English; the parser
#: translates them in :meth:`_FrenchParser.error` instead of replacing ``argparse._`` for the
#: whole process.
_ARGPARSE_FRENCH = {
    "the following arguments are required: %s": "arguments obligatoires manquants : %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "choix invalide : %(value)r (possibles : %(choices)s)",
    "unrecognized arguments: %s": "arguments non reconnus : %s",
    "expected one argument": "une valeur est attendue",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s : %(message)s",
    "invalid %(type)s value: %(value)r": "valeur invalide (%(type)s) : %(value)r",
    "not allowed with argument %s": "incompatible avec l'argument %s",
    "ambiguous option: %(option)s could match %(matches)s": "option ambiguë : %(option)s peut désigner %(matches)s",
    "one of the arguments %s is required": "l'un de ces arguments est obligatoire : %s",
}
_PLACEHOLDER = re.compile(r"%\((\w+)\)[sr]|%s")


def _pattern(english: str) -> re.Pattern[str]:
    parts, position, count = [], 0, 0
    for match in _PLACEHOLDER.finditer(english):
        name = match.group(1) or f"p{count}"
        count += 1
        parts += [re.escape(english[position:match.start()]), f"(?P<{name}>.+?)"]
        position = match.end()
    return re.compile("".join([*parts, re.escape(english[position:])]), re.S)


_TRANSLATIONS = [(_pattern(english), french) for english, french in _ARGPARSE_FRENCH.items()]


def translate_argparse(message: str) -> str:
    """argparse's English error ``message`` in French (unchanged when unknown).

    >>> translate_argparse("argument --k: invalid int value: 'x'")
    "argument --k : valeur invalide (int) : 'x'"
    >>> translate_argparse("the following arguments are required: -o/--output")
    'arguments obligatoires manquants : -o/--output'
    """
    for pattern, french in _TRANSLATIONS:
        match = pattern.fullmatch(message)
        if match:
            values = {name: translate_argparse(text) for name, text in match.groupdict().items()}
            count = iter(range(len(values)))
            return _PLACEHOLDER.sub(
                lambda placeholder: values[placeholder.group(1) or f"p{next(count)}"], french
            )
    return message


class _FrenchFormatter(argparse.HelpFormatter):
    """French usage prefix; lines never broken at a hyphen (``nec-donnees.json``, ``--sans-fond``
    stay whole, as a person copies them)."""

    def add_usage(self, usage, actions, groups, prefix=None):  # noqa: ANN001, D102 - argparse hook
        super().add_usage(usage, actions, groups, "utilisation : " if prefix is None else prefix)

    def _split_lines(self, text: str, width: int) -> list[str]:
        import textwrap

        return textwrap.wrap(" ".join(text.split()), width, break_on_hyphens=False)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        import textwrap

        return textwrap.fill(" ".join(text.split()), width, initial_indent=indent, subsequent_indent=indent,
                             break_on_hyphens=False)


class _FrenchParser(argparse.ArgumentParser):
    """An argument parser whose usage, section titles, help option and errors are French."""

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003 - argparse's signature
        kwargs.setdefault("formatter_class", _FrenchFormatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "arguments"
        self._optionals.title = "options"
        self.add_argument(
            "-h", "--help", action="help", default=argparse.SUPPRESS,
            help="afficher cette aide et quitter",
        )  # fmt: skip

    def format_help(self) -> str:
        """The help with the epilog (the « Exemples » lines) kept as written, not re-wrapped."""
        epilog, self.epilog = self.epilog, None
        try:
            text = super().format_help()
        finally:
            self.epilog = epilog
        return f"{text}\n{epilog}\n" if epilog else text

    def error(self, message: str) -> None:  # noqa: D102 - argparse hook
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog} : erreur : {translate_argparse(message)}\n")


def build_parser() -> argparse.ArgumentParser:
    """Build the full argument parser with every topic's sub-commands."""
    parser = _FrenchParser(
        prog="nec-network",
        description="Cartographie de l'écosystème de l'inclusion numérique des Pays picards.",
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"nec-network {__version__}",
        help="afficher la version et quitter",
    )
    subparsers = parser.add_subparsers(
        title="commandes", dest="command", metavar="COMMANDE", parser_class=_FrenchParser
    )
    for name in _COMMAND_MODULES:
        importlib.import_module(f"nec_network.cli.{name}").register(subparsers)
    from nec_network.cli.examples import examples_text

    for name, command in subparsers.choices.items():
        command.epilog = examples_text(name)
        if any(action.dest in _OUTPUT_DESTINATIONS for action in command._actions):
            command.add_argument(
                "--force",
                action="store_true",
                help="remplacer une sortie existante que nec-network n'a pas écrite (ou qui a été modifiée)",
            )
        if any(not action.option_strings for action in command._actions):
            _add_limit_options(command)
    return parser


@functools.lru_cache(maxsize=1)
def _parser(readable: tuple[str, ...], writable: tuple[str, ...]) -> argparse.ArgumentParser:
    """:func:`build_parser`, built once per process for the formats of the registry (their names
    are the only state it reads: the choices of ``--format`` and ``--vers``); parsing leaves a
    parser unchanged. A program running many commands, like the test suite, saves 6 ms each."""
    return build_parser()


def _positive(kind: type[float] | type[int]):  # noqa: ANN202 - an argparse type
    def parse(text: str) -> float | int:
        value = kind(text)
        if not value > 0:
            raise ValueError(text)
        return value

    parse.__name__ = "nombre positif"
    return parse


def _add_limit_options(command: argparse.ArgumentParser) -> None:
    """``--limite-taille`` and ``--limite-lignes``: raise the caps on what an input makes us read."""
    from nec_network.tables.limits import CELLS_PER_ROW, InputLimits

    default = InputLimits()
    command.add_argument(
        "--limite-taille", "--size-limit", type=_positive(float), metavar="MO",
        help=f"taille maximale d'un fichier lu, en Mo (défaut : {default.max_bytes // 1_000_000} ; le contenu "
        "décompressé d'un classeur jusqu'au double)",
    )  # fmt: skip
    command.add_argument(
        "--limite-lignes", "--row-limit", type=_positive(int), metavar="N",
        help=f"nombre maximal de lignes d'un tableau lu (défaut : {default.max_rows:_} ; "
        f"{CELLS_PER_ROW} cellules remplies par ligne en moyenne)".replace("_", "\u202f"),
    )  # fmt: skip


#: Argument names of the outputs: a command that has one also gets ``--force``.
_OUTPUT_DESTINATIONS = {"output", "sortie"}


def error_message(error: NecNetworkError) -> str:
    """The French message the command line prints for a library error: the library's own
    words with the option that helps (``--force``, ``--cache``, ``--format``, ``--correspondance``).

    >>> from nec_network.errors import OverwriteRefusedError
    >>> error_message(OverwriteRefusedError("« a.csv » existe déjà"))
    '« a.csv » existe déjà : ajoutez --force pour le remplacer.'
    >>> error_message(OverwriteRefusedError("« s » est un lien symbolique", after="donnez un vrai dossier"))
    '« s » est un lien symbolique : ajoutez --force pour le remplacer ou donnez un vrai dossier.'
    >>> from nec_network.errors import MappingError
    >>> error_message(MappingError("Le format csv demande une correspondance de colonnes.", missing=True))
    'Le format csv demande une correspondance de colonnes. Donnez-la avec --correspondance (fichier JSON ou nom d’une correspondance fournie) ou après le fichier (FICHIER:CORRESPONDANCE).'
    """
    from nec_network.errors import (
        InputTooLargeError, MappingError, OverwriteRefusedError, UnknownFormatError, UnusableCacheError,
    )  # fmt: skip

    if isinstance(error, InputTooLargeError):
        option = "--limite-taille MO" if error.kind == "taille" else "--limite-lignes N"
        return f"{error} ; si ce fichier est bien celui attendu, relevez la limite avec {option}."
    if isinstance(error, OverwriteRefusedError):
        ways = (error.before, f"ajoutez --force pour {error.replacing}", error.after)
        return f"{error.problem} : {' ou '.join(way for way in ways if way)}."
    if isinstance(error, UnusableCacheError):
        return f"{error.problem} ; donnez un autre fichier avec --cache."
    if isinstance(error, UnknownFormatError):
        return f"{error} ; précisez --format (modele, mednum, inclusion) ou donnez --correspondance."
    if isinstance(error, MappingError):
        if error.missing:
            return (f"{error} Donnez-la avec --correspondance (fichier JSON ou nom d’une correspondance fournie) "
                    "ou après le fichier (FICHIER:CORRESPONDANCE).")
        return f"{error} Retirez --format ou écrivez --format csv avec --correspondance."
    return str(error)


def _check_source(args: argparse.Namespace) -> None:
    """Report a missing input DOSSIER at once, before the command loads its libraries and data."""
    import os

    for name in ("source", "dossier"):
        value = getattr(args, name, None)
        if isinstance(value, str) and not os.path.exists(value):
            from nec_network.errors import DataError

            raise DataError("fichier introuvable", file=value)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``nec-network`` console script: every message it prints goes through
    :func:`~nec_network.cli._common.printable` (control characters from data shown escaped)."""
    from nec_network.cli._common import terminal_streams

    with terminal_streams():
        return _run(argv)


def _run(argv: Sequence[str] | None) -> int:
    """Parse, run the command within the output and input rules, and turn errors into French lines."""
    from nec_network.io.formats import FORMATS

    parser = _parser(FORMATS.readable(), FORMATS.writable())
    try:
        args = parser.parse_args(argv)
    except NecNetworkError as error:  # an option checked against the territory (« --departements 99 »)
        print(f"Erreur : {error_message(error)}", file=sys.stderr)
        return 2
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        _check_source(args)
    except NecNetworkError as error:
        print(f"Erreur : {error_message(error)}", file=sys.stderr)
        return 2
    from nec_network.io.output import protect_outputs
    from nec_network.tables.limits import InputLimits, input_limits

    limits = InputLimits.scaled(size_mb=getattr(args, "limite_taille", None),
                                rows=getattr(args, "limite_lignes", None))
    from nec_network.cli._progress import step

    # « Travail en cours… 3 s » on a terminal until the command names its steps; the geocoder
    # draws its own bar.
    progress = step("Travail en cours", enabled=None if getattr(args, "progress_line", True) else False)
    try:
        with protect_outputs(force=getattr(args, "force", False)), input_limits(limits), progress:
            return int(args.func(args) or 0)
    except NecNetworkError as error:
        print(f"Erreur : {error_message(error)}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        print("Interrompu.", file=sys.stderr)
        return 130
    except MemoryError:
        print("Erreur : mémoire insuffisante pour traiter ces données.", file=sys.stderr)
        return 3
    except Exception as error:  # noqa: BLE001 - last resort: a person never sees a traceback
        print(
            f"Erreur inattendue ({type(error).__name__} : {' '.join(str(error).split())}) ; "
            "c'est un défaut de nec-network : merci de le signaler à ses mainteneurs (suivi des "
            "tickets du projet) avec la commande lancée et ce message.",
            file=sys.stderr,
        )
        return 3


if __name__ == "__main__":
    sys.exit(main())
