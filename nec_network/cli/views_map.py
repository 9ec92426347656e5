"""Sub-command ``map``: the interactive map of the actors, their coverage and the white zones."""

from __future__ import annotations

import datetime as dt

import argparse

from nec_network.wording import number, plural
from nec_network.cli._common import (
    add_analysis_options,
    add_fragility_option,
    add_page_output,
    analysis_inputs,
    claim_output_files,
    fragility_input,
)
from nec_network.cli._progress import say


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``map`` to the ``nec-network`` parser."""
    command = subparsers.add_parser(
        "map",
        help="écrire la carte interactive des acteurs, de la couverture et des zones blanches (HTML)",
        description="Écrit une page HTML autonome : acteurs par typologie (regroupés quand ils "
        "sont nombreux), partenariats, couverture des communes pour le service demandé, zones "
        "blanches, limites des départements et des EPCI, communes colorées au choix selon la "
        "couverture, le temps jusqu'au lieu le plus proche, la fragilité numérique (approximation "
        "2016–2019 embarquée, pas l'IFN officiel, ou le fichier de --fragilite) ou l'accessibilité "
        "(2SFCA), légende et recherche par acteur ou commune.",
    )
    add_analysis_options(command)
    add_fragility_option(command)
    add_page_output(command, tiles=True)
    command.set_defaults(func=map_command)


def map_command(args: argparse.Namespace) -> int:
    """``nec-network map``: coverage and white zones for the service, then the map page."""
    from nec_network.analysis.accessibility import two_step_fca
    from nec_network.analysis.coverage import coverage_by_commune
    from nec_network.analysis.gaps import white_zones
    from nec_network.territory.fragility import embedded_fragility
    from nec_network.views.map import MapLayers, MapOptions, write_map

    claim_output_files(args, args.output)
    fragility = fragility_input(args)
    inputs = analysis_inputs(args)
    communes = inputs.communes
    say("Calcul de la couverture des communes")
    coverage = coverage_by_commune(
        inputs.ecosystem, communes, criteria=inputs.criteria, threshold=inputs.threshold
    )
    say("Zones blanches")
    zones = white_zones(coverage)
    accessibility = two_step_fca(
        inputs.ecosystem, communes, criteria=inputs.criteria, threshold=inputs.threshold
    )
    ecosystem = inputs.local
    say("Écriture de la carte")
    path = write_map(
        inputs.surroundings,
        args.output,
        MapLayers(
            coverage=coverage,
            white_zones=zones,
            fragility=fragility or embedded_fragility(),
            accessibility=accessibility,
        ),
        MapOptions(
            departements=tuple(sorted(set(communes["departement"]))),
            tiles=not args.sans_fond,
            cdn=args.cdn,
            coverage_label=inputs.describe(),
            threshold=inputs.threshold,
            at=dt.date.today(),  # the build date, said once here
        ),
    )
    located = sum(actor.has_coordinates for actor in ecosystem)
    context = sum(actor.outside_territory for actor in inputs.surroundings)
    around = f", {plural(context, 'lieu voisin', 'lieux voisins')} « hors territoire » estompés" if context else ""
    print(
        f"Carte écrite : {path} ({plural(located, 'acteur placé', 'acteurs placés')} sur "
        f"{number(len(ecosystem))}{around}, "
        f"{plural(int((~coverage['covered']).sum()), 'commune non couverte', 'communes non couvertes')}, "
        f"{plural(len(zones), 'zone blanche', 'zones blanches')})."
    )
    return 0
