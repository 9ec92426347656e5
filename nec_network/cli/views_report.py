"""Sub-commands ``report`` and ``site``: the synthesis report, and every page for a website."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from nec_network.analysis.coverage import DEFAULT_MAX_MINUTES
from nec_network.cli._common import departements_arg
from nec_network.territory import PICARDIE

PERSONAE_FILE = "personae.json"


def _common_options(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "source", metavar="DOSSIER", help="écosystème (modèle nec-network ou autre format lisible)"
    )
    command.add_argument(
        "--departements",
        type=departements_arg,
        default=PICARDIE,
        metavar="02,60,80",
        help="départements analysés (défaut : 02,60,80)",
    )
    command.add_argument(
        "--service", help="service dont on mesure la couverture (défaut : tout acteur)"
    )
    threshold = command.add_mutually_exclusive_group()
    threshold.add_argument("--max-km", type=float, metavar="K", help="seuil en km à vol d'oiseau")
    threshold.add_argument(
        "--max-minutes",
        type=float,
        metavar="M",
        help=f"seuil en minutes en voiture (défaut : {DEFAULT_MAX_MINUTES:g})",
    )
    command.add_argument(
        "--personae",
        metavar="FICHIER.json",
        help=f"personae dont on décrit le parcours (défaut : DOSSIER/{PERSONAE_FILE} s'il existe)",
    )
    command.add_argument(
        "--cdn",
        action="store_true",
        help="charger les bibliothèques depuis des CDN publics (pages plus légères, réseau requis)",
    )


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``report`` and ``site`` to the ``nec-network`` parser."""
    report = subparsers.add_parser(
        "report",
        help="rapport de synthèse (HTML avec graphiques, et Markdown)",
        description="Écrit le rapport de synthèse : chiffres clés, couverture par département, "
        "EPCI, ruralité et service, zones blanches, sites recommandés, réseau, parcours des "
        "personae et ressources par type de difficulté ; le fichier .md est écrit à côté.",
    )
    _common_options(report)
    report.add_argument("-o", "--output", required=True, metavar="FICHIER.html", help="page écrite")
    report.set_defaults(func=report_command)

    site = subparsers.add_parser(
        "site",
        help="site intégrable : carte, réseau, rapport et page d'accueil avec les codes <iframe>",
        description="Écrit dans un dossier carte.html, reseau.html, rapport.html (et .md) et "
        "index.html, qui les relie et donne le code à coller pour les intégrer à un autre site.",
    )
    _common_options(site)
    site.add_argument("-o", "--output", required=True, metavar="DOSSIER", help="dossier écrit")
    site.add_argument(
        "--sans-fond",
        action="store_true",
        help="carte sans fond OpenStreetMap : fond blanc, aucune requête réseau",
    )
    site.set_defaults(func=site_command)


def _synthesis(args: argparse.Namespace):
    """Read the ecosystem and the personae, run every analysis on the chosen communes."""
    from nec_network.analysis.journeys import read_personae
    from nec_network.analysis.synthesis import synthesize
    from nec_network.io import read_ecosystem
    from nec_network.territory import load_communes

    ecosystem, _ = read_ecosystem(args.source)
    communes = load_communes(departements=args.departements)
    personae_path = Path(args.personae) if args.personae else Path(args.source) / PERSONAE_FILE
    personae = read_personae(personae_path) if args.personae or personae_path.is_file() else ()
    inside = set(communes["code_insee"])
    for persona in personae:
        if persona.code_insee not in inside:
            print(
                f"Persona « {persona.nom} » laissé de côté : sa commune ({persona.code_insee}) "
                "est hors des départements analysés.",
                file=sys.stderr,
            )
    return synthesize(
        ecosystem,
        communes,
        service=args.service,
        max_km=args.max_km,
        max_minutes=args.max_minutes,
        personae=[persona for persona in personae if persona.code_insee in inside],
    )


def report_command(args: argparse.Namespace) -> int:
    """``nec-network report``: the report as HTML and Markdown."""
    from nec_network.views.report import write_report

    for path in write_report(_synthesis(args), args.output, cdn=args.cdn):
        print(f"Écrit : {path}")
    return 0


def site_command(args: argparse.Namespace) -> int:
    """``nec-network site``: map, network, report and index in one folder."""
    from nec_network.views.site import build_site

    for path in build_site(_synthesis(args), args.output, cdn=args.cdn, tiles=not args.sans_fond):
        print(f"Écrit : {path}")
    return 0
