"""Sub-commands ``coverage``, ``gaps`` and ``recommend``: the planner's questions."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from nec_network.wording import french_of, number, plural
from nec_network.cli._common import (
    add_fragility_option,
    add_output_option,
    add_analysis_options,
    claim_output_files,
    analysis_inputs,
    fragility_input,
)
from nec_network.cli._progress import say
from nec_network.errors import DataError
from nec_network.io.csv_output import write_csv
from nec_network.settings import DEFAULT_MAX_MINUTES

if TYPE_CHECKING:
    import pandas as pd


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``coverage``, ``gaps`` and ``recommend`` to the ``nec-network`` parser."""
    command = subparsers.add_parser(
        "coverage",
        help="calculer la couverture des communes : distance à l'acteur le plus proche",
        description="Pour chaque commune, distance à vol d'oiseau jusqu'à l'acteur le plus proche qui "
        "offre le service demandé, et commune couverte ou non. Seuil par défaut : "
        f"{DEFAULT_MAX_MINUTES:g} minutes en voiture (détour 1,3).",
    )
    add_analysis_options(command)
    add_output_option(command, required=True, metavar="FICHIER.csv", help="table écrite (une ligne par commune)")
    command.set_defaults(func=coverage_command)

    command = subparsers.add_parser(
        "gaps",
        help="lister les communes non couvertes et les zones blanches",
        description="Liste les communes non couvertes, des plus peuplées aux moins peuplées, et les "
        "zones blanches (groupes de communes voisines non couvertes).",
    )
    add_analysis_options(command)
    add_output_option(command, metavar="FICHIER.csv", help="communes non couvertes (défaut : sortie standard)")
    command.add_argument(
        "--prioritaires",
        metavar="FICHIER.csv",
        help="communes prioritaires : les communes non couvertes classées par population fragile "
        "(population × indice de fragilité numérique / 100 : par défaut l'approximation 2016–2019 "
        "d'Aisne, Oise et Somme, pas l'IFN officiel ; voir --fragilite), avec la raison en mots",
    )
    add_fragility_option(command)
    command.add_argument(
        "--zones-blanches",
        metavar="FICHIER",
        help="zones blanches : leurs formes en GeoJSON (une entité par zone, avec ses communes et sa "
        "population) quand le nom finit par .geojson, sinon leur table CSV",
    )
    command.set_defaults(func=gaps_command)

    command = subparsers.add_parser(
        "recommend",
        help="proposer où ajouter k sites pour couvrir le plus d'habitants non couverts",
        description="Choisit k sites qui couvrent le plus d'habitants aujourd'hui non couverts : "
        "résolution exacte (HiGHS) quand le problème est de la taille d'une région, sinon glouton "
        "puis échanges de sommets ; à gain égal, la commune la plus peuplée est préférée.",
    )
    add_analysis_options(command)
    command.add_argument(
        "--sites", "--k", dest="k", type=int, required=True, metavar="N", help="nombre de sites à proposer"
    )
    command.add_argument(
        "--candidats",
        default="communes",
        metavar="communes|acteurs|FICHIER",
        help="communes du territoire (défaut), acteurs qui pourraient accueillir le service, "
        "ou fichier de codes INSEE / identifiants d'acteurs (une valeur par ligne, ou colonne code_insee ou id)",
    )
    command.add_argument(
        "--ponderation",
        choices=("population", "fragilite"),
        default="population",
        help="ce que les sites couvrent : les habitants (défaut), ou les habitants fragiles "
        "(population × indice de fragilité numérique / 100 : par défaut l'approximation 2016–2019 "
        "d'Aisne, Oise et Somme, pas l'IFN officiel ; voir --fragilite), avec la différence avec la "
        "réponse non pondérée",
    )
    add_fragility_option(command)
    method = command.add_mutually_exclusive_group()
    method.add_argument(
        "--exact",
        action="store_true",
        help="résolution exacte (HiGHS) quelle que soit la taille, et écart de l'heuristique",
    )
    method.add_argument(
        "--heuristique",
        action="store_true",
        help="glouton + échanges seulement (par défaut : résolution exacte quand le problème "
        "est de la taille d'une région, sinon l'heuristique)",
    )
    add_output_option(command, required=True, metavar="FICHIER.csv", help="sites proposés")
    command.set_defaults(func=recommend_command)


def coverage_sentence(summary: pd.DataFrame, what: str) -> str:
    """The French line printed by ``coverage`` from a one-row :func:`coverage_summary`."""
    row = summary.iloc[0]
    return (
        f"Couverture ({what}) : {plural(row['covered_communes'], 'commune')} sur "
        f"{number(row['communes'])} ({number(100 * row['covered_communes_share'], 1)} %), "
        f"{plural(row['covered_population'], 'habitant')} sur {number(row['population'])} "
        f"({number(100 * row['covered_population_share'], 1)} %)."
    )


def coverage_table(coverage: pd.DataFrame) -> pd.DataFrame:
    """The CSV written by ``coverage``: French headers, ``oui``/``non`` flags, rounded figures, no coordinates."""
    from nec_network.views.tables import printable_table

    table = coverage.drop(columns=["latitude", "longitude"]).astype({"rural": "boolean"})
    return printable_table(table.round({"distance_km": 3, "travel_minutes": 1}))


def coverage_command(args: argparse.Namespace) -> int:
    """``nec-network coverage``: write the table per commune and print the shares covered."""
    from nec_network.analysis.coverage import coverage_by_commune, coverage_summary
    from nec_network.territory import departement_names

    claim_output_files(args, args.output)
    inputs = analysis_inputs(args)
    say("Calcul de la couverture des communes")
    coverage = coverage_by_commune(
        inputs.ecosystem, inputs.communes, criteria=inputs.criteria, threshold=inputs.threshold
    )
    write_csv(args.output, coverage_table(coverage))
    print(coverage_sentence(coverage_summary(coverage, by=None), inputs.describe()))
    names = departement_names()
    for row in coverage_summary(coverage, by="departement").itertuples():
        print(
            f"  {names.get(row.departement, row.departement)} ({row.departement}) : "
            f"{number(100 * row.covered_communes_share, 1)} % des communes, "
            f"{number(100 * row.covered_population_share, 1)} % de la population"
        )
    return 0


def gaps_command(args: argparse.Namespace) -> int:
    """``nec-network gaps``: uncovered communes (and white zones) with a French summary."""
    from nec_network.analysis.coverage import coverage_by_commune
    from nec_network.analysis.gaps import uncovered_communes, white_zones
    from nec_network.views.tables import printable_table

    claim_output_files(args, args.output, args.zones_blanches, args.prioritaires)
    fragility = fragility_input(args)
    if fragility is not None and not args.prioritaires:
        print("--fragilite sans --prioritaires : le fichier est lu et vérifié, mais rien ne s'en sert.",
              file=sys.stderr)
    inputs = analysis_inputs(args)
    say("Calcul de la couverture des communes")
    coverage = coverage_by_commune(
        inputs.ecosystem, inputs.communes, criteria=inputs.criteria, threshold=inputs.threshold
    )
    say("Zones blanches")
    gaps = uncovered_communes(coverage)
    zones = white_zones(coverage)
    write_csv(args.output, coverage_table(gaps))
    if args.prioritaires:
        from nec_network.analysis.gaps import priority_communes

        priorities = priority_communes(coverage, fragility)
        write_csv(args.prioritaires, printable_table(priorities))
    if args.zones_blanches and str(args.zones_blanches).lower().endswith(".geojson"):
        from nec_network.views.zones import write_white_zones_geojson

        write_white_zones_geojson(args.zones_blanches, zones, coverage)
    elif args.zones_blanches:
        write_csv(
            args.zones_blanches,
            printable_table(zones.round({"latitude": 5, "longitude": 5})),
        )
    message = (
        f"{plural(len(gaps), 'commune non couverte', 'communes non couvertes')} ({inputs.describe()}), "
        f"{plural(gaps['population'].sum(), 'habitant')} ; "
        f"{plural(len(zones), 'zone blanche', 'zones blanches')}"
    )
    if len(zones):
        first = zones.iloc[0]
        message += (
            f", la plus peuplée autour {french_of(first['nom'])} ({plural(first['commune_count'], 'commune')}, "
            f"{plural(first['population'], 'habitant')})"
        )
    stream = sys.stderr if args.output in (None, "-") else sys.stdout
    print(message + ".", file=stream)
    if args.prioritaires:
        print(_priorities_sentence(priorities, fragility), file=stream)
    return 0


def _priorities_sentence(priorities: pd.DataFrame, fragility) -> str:
    """The line saying which commune comes first among the priorities, and where the index comes from."""
    from nec_network.territory.fragility import embedded_fragility

    note = (fragility or embedded_fragility()).index_note
    ranked = priorities[priorities["fragile_population"].notna()]
    if not len(ranked):
        return f"Communes prioritaires ({note}) : aucune commune non couverte n'a d'indice."
    first = ranked.iloc[0]
    return (
        f"Communes prioritaires ({note}) : {plural(len(ranked), 'commune classée', 'communes classées')} "
        f"par population fragile, en tête {first['nom']} ({plural(int(first['fragile_population']), 'habitant fragile', 'habitants fragiles')} "
        f"sur {number(int(first['population']))})."
    )


def read_candidates(value: str) -> str | list[str]:
    """``communes``/``acteurs`` as is; otherwise a file of INSEE codes or actor ids."""
    if value in ("communes", "acteurs"):
        return value
    from nec_network.tables import read_table

    path = Path(value)
    if not path.is_file():
        raise DataError(
            "fichier de candidats introuvable (ou écrivez communes ou acteurs)", file=value
        )
    table = read_table(path)
    for column in ("code_insee", "id"):
        if column in table.columns:
            values = [row[column] for row in table.rows if row.get(column)]
            break
    else:
        values = [*table.columns[:1], *(next(iter(row.values()), "") for row in table.rows)]
    values = [item.strip() for item in values if item and item.strip()]
    if not values:
        raise DataError("aucun candidat dans le fichier", file=value)
    return values


def recommend_command(args: argparse.Namespace) -> int:
    """``nec-network recommend``: write the proposed sites and print the population they reach."""
    from nec_network.analysis.covering import Choice, best_sites, sites_table, solve_exactly
    from nec_network.analysis.location import covering_problem
    from nec_network.territory.fragility import embedded_fragility
    from nec_network.views.tables import printable_table

    claim_output_files(args, args.output)
    fragility = fragility_input(args)
    if fragility is not None and args.ponderation != "fragilite":
        print("--fragilite sans --ponderation fragilite : le fichier est lu et vérifié, mais les sites "
              "sont choisis pour les habitants, sans pondération.", file=sys.stderr)
    candidates = read_candidates(args.candidats)
    inputs = analysis_inputs(args)
    say("Couverture possible de chaque site candidat")
    problem = covering_problem(
        inputs.ecosystem,
        inputs.communes,
        candidates=candidates,
        criteria=inputs.criteria,
        threshold=inputs.threshold,
        weighting=args.ponderation,
        fragility=fragility,
    )
    say(f"Choix de {args.k} site{'s' if args.k > 1 else ''}")
    if args.exact:
        solution = solve_exactly(problem, args.k)
        choice = Choice(solution.chosen, solution.optimum, "exact", solution.status == "optimal")
    else:
        choice = best_sites(problem, args.k, method="heuristic" if args.heuristique else "auto")
    chosen, method, optimal = choice.chosen, choice.method, choice.optimal
    sites = sites_table(problem, chosen)
    write_csv(
        args.output,
        printable_table(sites.round({"latitude": 5, "longitude": 5, "cumulative_uncovered_share": 4})),
    )
    total = int(sites["population_gain"].sum())
    share = float(sites["cumulative_uncovered_share"].iloc[-1]) if len(sites) else 0.0
    print(
        f"{len(sites)} {'site proposé' if len(sites) == 1 else 'sites proposés'} "
        f"({inputs.describe()}) {'couvre' if len(sites) == 1 else 'couvrent'} {plural(total, 'habitant')} "
        f"aujourd'hui non couverts ({number(100 * share, 1)} % de la population non couverte)."
    )
    if method == "heuristic":
        print("Méthode : glouton puis échanges de sommets (heuristique, optimum non prouvé).")
    else:
        print(f"Méthode : résolution exacte (HiGHS){', optimum prouvé' if optimal else ', arrêtée par la limite de temps'}.")
    if args.exact:
        print(
            f"Heuristique seule : {number(solution.heuristic)} "
            f"{'habitants fragiles' if args.ponderation == 'fragilite' else 'habitants'} ; "
            f"écart à l'optimum : {number(100 * solution.gap, 2)} %."
        )
    if args.ponderation == "fragilite":
        print(_weighting_difference(problem, choice, args.k, (fragility or embedded_fragility()).index_note))
    return 0


def _weighting_difference(problem, chosen, k: int, note: str) -> str:
    """How the sites ``chosen`` for fragile inhabitants differ from those chosen for inhabitants."""
    from nec_network.analysis.location import compare_weightings

    comparison = compare_weightings(problem, k, chosen=chosen)
    added, dropped = comparison.added, comparison.dropped
    change = (
        f"{', '.join(added)} au lieu de {', '.join(dropped)}" if added or dropped
        else "les mêmes sites que sans pondération"
    )  # fmt: skip
    return (
        f"Pondération par la fragilité numérique ({note}) : {change} ; "
        f"{plural(comparison.fragile[1], 'habitant fragile couvert', 'habitants fragiles couverts')} "
        f"(sans pondération : {number(comparison.fragile[0])}), "
        f"{plural(comparison.people[1], 'habitant')} (sans pondération : {number(comparison.people[0])})."
    )
