"""Sub-command ``map``: the interactive map of the actors, their coverage and the white zones."""

from __future__ import annotations

import argparse

from nec_network.analysis.coverage import (
    DEFAULT_MAX_MINUTES,
    ActorCriteria,
    coverage_by_commune,
    describe_threshold,
    resolve_threshold_km,
)
from nec_network.analysis.gaps import white_zones
from nec_network.cli._common import departements_arg
from nec_network.territory import PICARDIE


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``map`` to the ``nec-network`` parser."""
    command = subparsers.add_parser(
        "map",
        help="carte interactive des acteurs, de la couverture et des zones blanches (HTML)",
        description="Écrit une page HTML autonome : acteurs par typologie (regroupés quand ils "
        "sont nombreux), partenariats, couverture des communes pour le service demandé, zones "
        "blanches, limites des départements, légende et recherche par acteur ou commune.",
    )
    command.add_argument(
        "source", metavar="DOSSIER", help="écosystème (modèle nec-network ou autre format lisible)"
    )
    command.add_argument(
        "-o", "--output", required=True, metavar="FICHIER.html", help="page écrite"
    )
    command.add_argument(
        "--departements",
        type=departements_arg,
        default=PICARDIE,
        metavar="02,60,80",
        help="départements dessinés et analysés (défaut : 02,60,80)",
    )
    command.add_argument(
        "--cdn",
        action="store_true",
        help="charger les bibliothèques depuis des CDN publics (page plus légère, réseau requis)",
    )
    command.add_argument(
        "--sans-fond",
        action="store_true",
        help="sans fond de carte OpenStreetMap : fond blanc, aucune requête réseau",
    )
    command.add_argument("--service", help="service dont on cartographie la couverture")
    threshold = command.add_mutually_exclusive_group()
    threshold.add_argument("--max-km", type=float, metavar="K", help="seuil en km à vol d'oiseau")
    threshold.add_argument(
        "--max-minutes",
        type=float,
        metavar="M",
        help=f"seuil en minutes en voiture (défaut : {DEFAULT_MAX_MINUTES:g})",
    )
    command.set_defaults(func=map_command)


def map_command(args: argparse.Namespace) -> int:
    """``nec-network map``: coverage and white zones for the service, then the map page."""
    from nec_network.io import read_ecosystem
    from nec_network.territory import load_communes
    from nec_network.views.map import write_map

    criteria = ActorCriteria.resolve(service=args.service)
    ecosystem, _ = read_ecosystem(args.source)
    communes = load_communes(departements=args.departements)
    coverage = coverage_by_commune(
        ecosystem,
        communes,
        service=criteria.service,
        max_km=args.max_km,
        max_minutes=args.max_minutes,
    )
    zones = white_zones(coverage)
    threshold = describe_threshold(max_km=args.max_km, max_minutes=args.max_minutes)
    path = write_map(
        ecosystem,
        args.output,
        coverage=coverage,
        white_zones=zones,
        departements=args.departements,
        tiles=not args.sans_fond,
        cdn=args.cdn,
        coverage_label=f"{criteria.describe()}, {threshold}",
        coverage_threshold_km=resolve_threshold_km(
            max_km=args.max_km, max_minutes=args.max_minutes
        ),
    )
    located = sum(actor.has_coordinates for actor in ecosystem)
    print(
        f"Carte écrite : {path} ({located} acteurs placés sur {len(ecosystem)}, "
        f"{int((~coverage['couvert']).sum())} communes non couvertes, {len(zones)} zones blanches)."
    )
    return 0
