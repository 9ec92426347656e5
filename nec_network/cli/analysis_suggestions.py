"""Sub-command ``suggest``: the coordinator's question "whom should we introduce to whom?"."""

from __future__ import annotations

import argparse

from nec_network.wording import number, plural, suggestion_sentences
from nec_network.cli._common import add_output_option, add_source_options, claim_output_files, territory_ecosystem
from nec_network.errors import NecNetworkError
from nec_network.io.csv_output import write_csv
from nec_network.settings import SUGGESTION_MAX_KM

#: Suggestions shown by default.
DEFAULT_LIMIT = 20


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``suggest`` to the ``nec-network`` parser."""
    command = subparsers.add_parser(
        "suggest",
        help="proposer des partenariats entre acteurs proches et complémentaires",
        description="Propose des partenariats entre acteurs proches (à vol d'oiseau) qui ne "
        "travaillent pas encore ensemble, classés par complémentarité des services, publics "
        "partagés et partenaires communs, chacun avec une phrase qui dit pourquoi.",
    )
    add_source_options(
        command, departements_help="ne proposer que des partenariats entre acteurs de ces départements"
    )
    command.add_argument(
        "--max-km",
        type=float,
        default=SUGGESTION_MAX_KM,
        metavar="K",
        help=f"distance maximale entre deux acteurs, à vol d'oiseau (défaut : {SUGGESTION_MAX_KM:g} km)",
    )
    command.add_argument(
        "--limite",
        "--limit",
        dest="limit",
        type=int,
        default=DEFAULT_LIMIT,
        metavar="N",
        help=f"nombre de suggestions, les meilleures d'abord (0 : toutes ; défaut : {DEFAULT_LIMIT})",
    )
    add_output_option(command, metavar="FICHIER.csv", help="écrit aussi ces suggestions dans un CSV")
    command.set_defaults(func=suggest_command)


def suggest_command(args: argparse.Namespace) -> int:
    """``nec-network suggest``: print the best suggestions, one French sentence each."""
    from nec_network.analysis.suggestions import suggest_partnerships
    from nec_network.views.tables import printable_table, suggestions_table

    if args.limit < 0:
        raise NecNetworkError(f"--limite doit être positif ou nul (reçu : {args.limit}).")
    claim_output_files(args, args.output)
    ecosystem = territory_ecosystem(args)
    table = suggest_partnerships(ecosystem, max_km=args.max_km, limit=args.limit or None)
    if args.output:
        write_csv(args.output, printable_table(suggestions_table(table)))
    distance = f"{args.max_km:g}".replace(".", ",")  # as typed: 15, 7,5
    if table.empty:
        print(
            f"Aucune suggestion : pas de paire d'acteurs à moins de {distance} km, non liés, "
            "qui aient un service à échanger, un public ou un partenaire en commun."
        )
        return 0
    print(
        f"{plural(len(table), 'suggestion')} de partenariat entre acteurs à moins de {distance} km "
        "qui ne travaillent pas encore ensemble, les plus pertinentes d'abord :"
    )
    for rank, (reason, score) in enumerate(
        zip(suggestion_sentences(table), table["score"], strict=True), start=1
    ):
        print(f"{rank}. {reason} (score {number(score, 2)})")
    return 0
