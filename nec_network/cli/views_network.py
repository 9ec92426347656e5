"""Sub-command ``network``: the interactive network page of an ecosystem."""

from __future__ import annotations

import argparse

from nec_network.wording import plural
from nec_network.cli._common import add_page_output, add_source_options, claim_output_files, territory_ecosystem
from nec_network.cli._progress import say


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``network`` sub-command to the ``nec-network`` parser."""
    from nec_network.settings import (
        NETWORK_COLOR_CHOICES as COLOR_CHOICES,
        NETWORK_LAYOUT_CHOICES as LAYOUT_CHOICES,
        NETWORK_SIZE_CHOICES as SIZE_CHOICES,
    )

    command = subparsers.add_parser(
        "network",
        help="écrire la page HTML interactive du réseau des acteurs",
        description="Écrit le réseau des acteurs et de leurs partenariats en une page HTML "
        "autonome (légende, recherche par nom, filtres), lisible sans connexion.",
    )
    add_source_options(command, departements_help="ne garder que les acteurs de ces départements")
    add_page_output(command)
    command.add_argument(
        "--couleur",
        choices=COLOR_CHOICES,
        default="typologie",
        help="couleur des acteurs (défaut : typologie)",
    )
    command.add_argument(
        "--taille",
        choices=SIZE_CHOICES,
        default="degre",
        help="taille des acteurs : degré, intermédiarité ou PageRank (défaut : degre)",
    )
    command.add_argument(
        "--disposition",
        choices=LAYOUT_CHOICES,
        default="auto",
        help="physique (forces), géographique (coordonnées) ou auto : géographique "
        "au-delà de 500 acteurs (défaut : auto)",
    )
    command.set_defaults(func=network_command)


def network_command(args: argparse.Namespace) -> int:
    """``nec-network network``: read the ecosystem, write the page, say what was drawn."""
    from nec_network.views.network import NetworkOptions, network_layout, write_network

    claim_output_files(args, args.output)
    ecosystem = territory_ecosystem(args)
    options = NetworkOptions(color_by=args.couleur, size_by=args.taille, layout=args.disposition, cdn=args.cdn)
    say("Disposition du réseau et écriture de la page")
    path = write_network(ecosystem, args.output, options)
    layout = {"physique": "physique", "geographique": "géographique"}[
        network_layout(ecosystem, args.disposition)
    ]
    print(
        f"{path} : {plural(len(ecosystem), 'acteur')}, "
        f"{plural(len(ecosystem.partnerships), 'partenariat')} "
        f"(disposition {layout})."
    )
    return 0
