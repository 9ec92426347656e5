"""Sub-commands of the territory topic: ``nec-network communes``."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from nec_network.wording import oui_non, plural
from nec_network.cli._common import (
    add_fragility_option,
    add_output_option,
    claim_output_files,
    departements_arg,
    fragility_input,
    output_stream,
)
from nec_network.io.csv_output import write_csv

if TYPE_CHECKING:
    import pandas as pd

    from nec_network.territory.fragility import Fragility

FORMATS = ("csv", "json", "geojson")


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add this topic's sub-commands to the ``nec-network`` parser."""
    parser = subparsers.add_parser(
        "communes",
        help="lister les communes d'un territoire (Picardie par défaut)",
        description=(
            "Liste les communes du territoire choisi avec leur population, leur point de "
            "référence et leur ruralité ; en CSV, aussi leurs indicateurs de fragilité numérique "
            "(2016–2019, Aisne, Oise et Somme : une approximation, pas l'IFN officiel ; ou ceux de "
            "votre fichier, --fragilite) et leur indice. Sans option : les communes de Picardie (02, 60, 80)."
        ),
    )
    parser.add_argument(
        "--departements",
        type=departements_arg,
        metavar="CODES",
        help="codes des départements séparés par des virgules (ex. 02,60,80), ou « all » "
        "pour toute la France embarquée",
    )
    parser.add_argument(
        "--epci",
        metavar="SIREN",
        help="code SIREN d'un EPCI (ou plusieurs, séparés par des virgules)",
    )
    parser.add_argument(
        "--region", metavar="CODE", help="code de région (ex. 32 pour les Hauts-de-France)"
    )
    parser.add_argument(
        "--format", choices=FORMATS, default="csv", help="format de sortie (csv par défaut)"
    )
    add_output_option(parser, metavar="FICHIER", help="fichier de sortie (sortie standard par défaut)")
    add_fragility_option(parser)
    parser.set_defaults(func=run_communes)


def run_communes(args: argparse.Namespace) -> int:
    """Write the selected communes in the requested format."""
    from nec_network.territory import ALL_FRANCE, load_communes

    claim_output_files(args, args.output)
    fragility = fragility_input(args)
    if fragility is not None and args.format != "csv":
        print(f"--fragilite : le format {args.format} ne porte pas les indicateurs (seul le CSV les écrit).",
              file=sys.stderr)
    departements = args.departements
    if departements and any(code.lower() == ALL_FRANCE for code in departements):
        departements = ALL_FRANCE
    communes = load_communes(
        departements=departements,
        epci=_split(args.epci),
        region=_split(args.region),
    )
    with output_stream(args.output) as stream:
        if args.format == "csv":
            _write_csv(communes, stream, fragility)
        elif args.format == "json":
            _write_json(communes, stream)
        else:
            _write_geojson(communes, stream)
    if args.output not in (None, "-"):
        written = plural(len(communes), "commune écrite", "communes écrites")
        print(f"{written} dans {args.output}", file=sys.stderr)
    return 0


def _split(value: str | None) -> list[str] | None:
    if value is None:
        return None
    return [part.strip() for part in value.split(",") if part.strip()]


def _write_csv(communes: pd.DataFrame, stream, fragility: Fragility | None = None) -> None:
    """The communes, then their digital-fragility indicators and index (the embedded
    approximation of 2016–2019 for Aisne, Oise and Somme, or a user's file; empty elsewhere,
    ``indice_fragilite_raison`` saying why), with the years and the source of each row."""
    from nec_network.territory.fragility import embedded_fragility

    fragility = fragility or embedded_fragility()
    table = communes.copy()
    table["rural"] = oui_non(table["rural"])
    indicators = fragility.for_codes(table["code_insee"]).rename(
        columns={"raison": "indice_fragilite_raison", "annees": "fragilite_annees", "source": "fragilite_source"}
    )
    table = table.merge(indicators, on="code_insee", how="left")
    missing = table["fragilite_annees"].isna()
    table.loc[missing, "indice_fragilite_raison"] = fragility.outside_reason
    table["anciens_codes"] = table["anciens_codes"].fillna("")
    write_csv(stream, table, float_format="%.5f")


def _write_json(communes: pd.DataFrame, stream) -> None:
    json.dump(communes.to_dict("records"), stream, ensure_ascii=False, indent=1)
    stream.write("\n")


def _write_geojson(communes: pd.DataFrame, stream) -> None:
    features = [
        {
            "type": "Feature",
            "geometry": {
                "type": "Point",
                "coordinates": [record.pop("longitude"), record.pop("latitude")],
            },
            "properties": record,
        }
        for record in communes.to_dict("records")
    ]
    from nec_network.territory import ATTRIBUTION

    collection = {"type": "FeatureCollection", "attribution": ATTRIBUTION, "features": features}
    json.dump(collection, stream, ensure_ascii=False)
    stream.write("\n")
