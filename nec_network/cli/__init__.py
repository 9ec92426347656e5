"""The ``nec-network`` command line: thin, it only parses arguments and calls the library.

Each topic module (``territory``, ``ecosystem``, ``analysis``, ``views``) exposes
``register(subparsers)`` which adds its sub-commands; a sub-command stores its
handler in ``func``. User errors (:class:`~nec_network.errors.NecNetworkError`)
are printed in French without a traceback and give exit code 2.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from nec_network import __version__
from nec_network.errors import NecNetworkError

_TOPICS = ("territory", "ecosystem", "analysis", "views")

#: argparse's own messages, in French (argparse looks its texts up through ``argparse._``).
_ARGPARSE_FRENCH = {
    "usage: ": "utilisation : ",
    "options": "options",
    "positional arguments": "arguments",
    "show this help message and exit": "afficher cette aide et quitter",
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


def _french(message: str) -> str:
    return _ARGPARSE_FRENCH.get(message, message)


argparse._ = _french  # type: ignore[attr-defined]


class _FrenchParser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # noqa: D102 - argparse hook
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog} : erreur : {message}\n")


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
    for topic in _TOPICS:
        module = importlib.import_module(f"nec_network.cli.{topic}")
        module.register(subparsers)
    for command in subparsers.choices.values():
        if any(action.dest in _OUTPUT_DESTINATIONS for action in command._actions):
            command.add_argument(
                "--force",
                action="store_true",
                help="remplacer une sortie existante que nec-network n'a pas écrite (ou qui a été modifiée)",
            )
    return parser


#: Argument names of the outputs: a command that has one also gets ``--force``.
_OUTPUT_DESTINATIONS = {"output", "sortie"}


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``nec-network`` console script."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    from nec_network.io.output import protect_outputs

    try:
        with protect_outputs(force=getattr(args, "force", False)):
            return int(args.func(args) or 0)
    except NecNetworkError as error:
        print(f"Erreur : {error}", file=sys.stderr)
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
