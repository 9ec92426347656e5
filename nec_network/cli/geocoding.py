"""The ``geocode`` sub-command: place the actors of a template at their address."""

from __future__ import annotations

import argparse
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from nec_network.cli._common import claim_output_files, claim_output_folder
from nec_network.errors import DataError, GeocodingError
from nec_network.io import read_ecosystem
from nec_network.settings import GEOCODING_PROVIDERS

if TYPE_CHECKING:
    from nec_network.model import Ecosystem

#: Actors listed by name in the summary; the others are counted.
_LISTED_FAILURES = 30


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``nec-network geocode DIR [--hors-ligne] [--fournisseur ban|nominatim] [--cache FILE] [-o DIR]``."""
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
        "dossier", metavar="DOSSIER", help="modèle nec-network (dossier ou classeur .xlsx)"
    )
    parser.add_argument(
        "--hors-ligne",
        "--offline",
        dest="offline",
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
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument(
        "-o", "--sortie", "--output", dest="sortie", metavar="DOSSIER", help="nouveau dossier (ou classeur .xlsx) où écrire le modèle géocodé"
    )
    where.add_argument(
        "--sur-place",
        action="store_true",
        help="réécrire le modèle lu lui-même (seules les cellules de position des acteurs placés changent)",
    )
    parser.add_argument(
        "--progression", action="store_true", help="afficher la progression même hors terminal"
    )
    parser.set_defaults(func=geocode_command, progress_line=False)  # the geocoder draws its own bar


def geocode_command(args: argparse.Namespace) -> int:
    """Read the template, geocode it, write it back and print a French summary."""
    from nec_network.geocoding import LookupOptions, geocode_ecosystem
    from nec_network.io.output import protect_outputs
    from nec_network.io.template_cells import template_files, update_actor_cells
    from nec_network.tables import WORKBOOK_SUFFIXES, check_input

    source = Path(args.dossier)
    target = source if args.sur_place else Path(args.sortie)
    if not source.is_dir():
        check_input(source)  # absent, special or too large: said about the input, not the output
        if source.suffix.lower() not in WORKBOOK_SUFFIXES:
            raise DataError("un modèle nec-network à géocoder est un dossier ou un classeur .xlsx", file=str(source))
    if not args.sur_place:
        if source.is_dir():
            claim_output_folder(args, target, template_files(source))
        elif target.suffix.lower() != ".xlsx":
            raise GeocodingError(f"« {target} » : le modèle géocodé d'un classeur s'écrit dans un classeur .xlsx.")
        else:
            claim_output_files(args, str(target))
    ecosystem, _ = read_ecosystem(source, format="modele")
    # geopy logs each retry as an English warning with a traceback; our summary says it in French.
    logging.getLogger("geopy").addHandler(logging.NullHandler())
    logging.getLogger("geopy").propagate = False
    result = geocode_ecosystem(
        ecosystem,
        LookupOptions(provider=args.fournisseur, offline=args.offline, cache_path=args.cache),
        progress=True if args.progression else None,
    )
    changes = placement_cells(ecosystem, result.ecosystem)
    # In place, the person asked for their own file to be rewritten.
    with protect_outputs(force=args.sur_place or getattr(args, "force", False)):
        update_actor_cells(source, target, changes)
    print(result.summary())
    failures = result.failure_lines(limit=_LISTED_FAILURES)
    if failures:
        print("Adresses non géocodées :")
        for line in failures:
            print(f"  - {line}")
    print(f"Modèle écrit : {target}")
    return 0


def placement_cells(before: Ecosystem, after: Ecosystem) -> dict[str, dict[str, str]]:
    """The template cells to change: position and precision of the actors the run moved.

    Actors whose coordinates did not change (given ones included) keep every
    cell as it was; a completed INSEE code is written too.
    """
    changes: dict[str, dict[str, str]] = {}
    for old in before:
        new = after[old.id]
        if (new.latitude, new.longitude) == (old.latitude, old.longitude) or new.latitude is None:
            continue
        assert new.longitude is not None
        cells = {
            "latitude": _coordinate(new.latitude),
            "longitude": _coordinate(new.longitude),
            "precision": new.precision,
        }
        if new.code_insee and not old.code_insee:
            cells["code_insee"] = new.code_insee
        changes[old.id] = cells
    return changes


def _coordinate(value: float) -> str:
    """Decimal degrees with at most 6 decimals (about 10 cm), no trailing zeros: ``49.894067``."""
    return f"{value:.6f}".rstrip("0").rstrip(".")
