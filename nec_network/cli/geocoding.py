"""The ``geocode`` sub-command: place the actors of a template at their address."""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

from nec_network.errors import GeocodingError
from nec_network.io import read_ecosystem, write_ecosystem
from nec_network.settings import GEOCODING_PROVIDERS

#: Actors listed by name in the summary; the others are counted.
_LISTED_FAILURES = 30


def register_geocode(subparsers: argparse._SubParsersAction) -> None:
    """Add ``nec-network geocode DIR [--offline] [--fournisseur ban|nominatim] [--cache FILE] [-o DIR]``."""
    parser = subparsers.add_parser(
        "geocode",
        help="géocoder les adresses des acteurs d'un modèle",
        description=(
            "Place chaque acteur à son adresse (Base Adresse Nationale par défaut), ou à défaut au "
            "point de référence de sa commune. Les coordonnées déjà saisies ne sont jamais modifiées. "
            "Les réponses sont gardées dans un cache local."
        ),
    )
    parser.add_argument(
        "dossier", metavar="DIR", help="modèle nec-network (dossier ou classeur .xlsx)"
    )
    parser.add_argument(
        "--offline",
        action="store_true",
        help="sans connexion : cache seulement, sinon point de référence de la commune",
    )
    parser.add_argument(
        "--fournisseur",
        choices=tuple(GEOCODING_PROVIDERS),
        default="ban",
        help="service de géocodage (défaut : ban, la Base Adresse Nationale)",
    )
    parser.add_argument(
        "--cache",
        metavar="FICHIER",
        help="fichier SQLite du cache (défaut : ~/.cache/nec-network/geocodage.sqlite "
        "ou $NEC_NETWORK_CACHE_DIR)",
    )
    parser.add_argument(
        "-o", "--sortie", metavar="DIR", help="où écrire le modèle géocodé (défaut : sur place)"
    )
    parser.add_argument(
        "--progression", action="store_true", help="afficher la progression même hors terminal"
    )
    parser.set_defaults(func=geocode_command)


def geocode_command(args: argparse.Namespace) -> int:
    """Read the template, geocode it, write it back and print a French summary."""
    from nec_network.geocoding import geocode_ecosystem

    source = Path(args.dossier)
    target = Path(args.sortie) if args.sortie else source
    ecosystem, report = read_ecosystem(source, format="modele")
    if report.rejected and target.resolve() == source.resolve():
        raise GeocodingError(
            f"{report.rejected} ligne(s) rejetée(s) à la lecture de « {source} » disparaîtraient "
            "en réécrivant le modèle sur place : corrigez-les ou écrivez ailleurs avec -o."
        )
    # geopy logs each retry as an English warning with a traceback; our summary says it in French.
    logging.getLogger("geopy").addHandler(logging.NullHandler())
    logging.getLogger("geopy").propagate = False
    result = geocode_ecosystem(
        ecosystem,
        provider=args.fournisseur,
        offline=args.offline,
        cache_path=args.cache,
        progress=True if args.progression else None,
    )
    write_ecosystem(result.ecosystem, target, to="modele")
    print(result.summary())
    failures = result.failure_lines(limit=_LISTED_FAILURES)
    if failures:
        print("Adresses non géocodées :")
        for line in failures:
            print(f"  - {line}")
    print(f"Modèle écrit : {target}")
    return 0
