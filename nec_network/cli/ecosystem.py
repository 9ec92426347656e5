"""Sub-commands of the ecosystem topic: ``import``, ``export``, ``validate``, ``template`` (and ``geocode``)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from nec_network.cli._common import departements_arg
from nec_network.cli.geocoding import register_geocode
from nec_network.errors import NecNetworkError
from nec_network.io import READ_FORMATS, WRITE_FORMATS, read_ecosystem, write_ecosystem
from nec_network.io.report import Report
from nec_network.wording import number, plural

if TYPE_CHECKING:
    from nec_network.model import Ecosystem

#: Formats that carry partnerships (the others describe places only).
_FORMATS_WITH_PARTNERSHIPS = {"modele", "graphml", "gexf"}

_FORMAT_NAMES = {
    "modele": "modèle nec-network",
    "mednum": "lieux de médiation numérique",
    "inclusion": "data·inclusion",
    "geojson": "GeoJSON",
    "graphml": "GraphML",
    "gexf": "GEXF",
}


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add this topic's sub-commands to the ``nec-network`` parser."""
    command = subparsers.add_parser(
        "import",
        help="importer un fichier d'acteurs vers un modèle nec-network",
        description="Lit un fichier (modèle, schéma national, data·inclusion, CSV avec correspondance) "
        "et écrit DOSSIER/acteurs.csv, DOSSIER/partenariats.csv, DOSSIER/rejets.csv (lignes écartées) "
        "et DOSSIER/avertissements.csv (une ligne par acteur et problème à vérifier : commune corrigée "
        "ou déduite, incohérence de lieu, code mal formé, typologie déduite du nom…).",
    )
    command.add_argument("file", metavar="FICHIER", help="fichier ou dossier à importer")
    command.add_argument("--format", choices=READ_FORMATS, default="auto", help="format d'entrée (défaut : auto)")
    command.add_argument("--mapping", metavar="CORRESPONDANCE", help="fichier JSON de correspondance des colonnes, ou nom d'une correspondance fournie (france-services)")
    command.add_argument("--strict", action="store_true", help="toute erreur arrête l'import")
    command.add_argument(
        "--departements",
        type=departements_arg,
        metavar="02,60,80",
        help="ne garder que les lieux dont la commune est dans ces départements "
        "(et les itinérants qui y passent)",
    )
    command.add_argument("-o", "--output", required=True, metavar="DOSSIER", help="dossier du modèle écrit")
    command.set_defaults(func=import_command)

    command = subparsers.add_parser(
        "export",
        help="exporter un modèle vers un autre format",
        description="Lit un modèle nec-network (dossier ou .xlsx) et l'écrit dans le format demandé ; "
        "affiche le nombre d'acteurs réellement écrits, les colonnes que le format ne porte pas, et "
        "liste chaque acteur non exporté avec le motif dans un fichier à côté (….non-exportes.csv).",
    )
    command.add_argument("source", metavar="DOSSIER", help="modèle nec-network (dossier ou .xlsx)")
    command.add_argument("--to", required=True, choices=WRITE_FORMATS, help="format de sortie")
    command.add_argument("-o", "--output", required=True, metavar="FICHIER", help="fichier écrit")
    command.add_argument("--strict", action="store_true",
                         help="un acteur que le format ne peut pas porter est une erreur (code de sortie 1)")
    command.set_defaults(func=export_command)

    command = subparsers.add_parser(
        "validate",
        help="vérifier des fichiers d'acteurs et afficher les problèmes",
        description="Affiche chaque problème (fichier, ligne, colonne, valeur proposée). "
        "Code de sortie 1 en cas d'erreur (ou d'avertissement avec --strict).",
    )
    command.add_argument("files", nargs="+", metavar="FICHIER", help="fichiers ou dossiers à vérifier")
    command.add_argument("--format", choices=READ_FORMATS, default="auto", help="format d'entrée (défaut : auto)")
    command.add_argument("--mapping", metavar="CORRESPONDANCE", help="fichier JSON de correspondance des colonnes, ou nom d'une correspondance fournie (france-services)")
    command.add_argument("--strict", action="store_true", help="les avertissements comptent comme des erreurs")
    command.set_defaults(func=validate_command)

    command = subparsers.add_parser(
        "template",
        help="écrire un modèle vide avec une ligne d'exemple et un mode d'emploi",
        description="Écrit un dossier (acteurs.csv, partenariats.csv, LISEZ-MOI.md) ou un classeur .xlsx.",
    )
    command.add_argument("-o", "--output", required=True, metavar="DOSSIER|FICHIER.xlsx")
    command.set_defaults(func=template_command)

    register_geocode(subparsers)


def import_summary(source: str, report: Report) -> str:
    """The one French line printed by ``nec-network import``."""
    return (
        f"{source} : {plural(report.rows_read, 'ligne lue', 'lignes lues')} (acteurs et partenariats), "
        f"{plural(report.imported, 'importée', 'importées')} "
        f"dont {plural(report.corrected, 'corrigée', 'corrigées')}, "
        f"{plural(report.rejected, 'rejetée', 'rejetées')} ; "
        f"{plural(len(report.errors), 'erreur')}, {plural(len(report.warnings), 'avertissement')}."
    )


def import_command(args: argparse.Namespace) -> int:
    """Read FICHIER and write the template, the rejections and one summary line."""
    ecosystem, report = read_ecosystem(args.file, format=args.format, mapping=args.mapping, strict=args.strict)
    output = Path(args.output)
    territory = ""
    if args.departements:
        from nec_network.analysis.criteria import ActorCriteria

        kept = ActorCriteria(departements=args.departements).territory(ecosystem)
        territory = territory_summary(ecosystem, kept, args.departements)
        ecosystem = kept
    write_ecosystem(ecosystem, output, to="modele")
    report.write_rejections(output / "rejets.csv")
    report.write_review(output / "avertissements.csv")
    hint = f" Détail : nec-network validate {output}" if report.errors or report.warnings else ""
    print(import_summary(args.file, report) + hint)
    if territory:
        print(territory)
    review = report.review_summary()
    if review:
        print(f"{review} Liste : {output / 'avertissements.csv'}")
    from nec_network.io.trust import completeness_summary

    print(completeness_summary(ecosystem, report.completeness))
    return 0


def territory_summary(ecosystem: Ecosystem, kept: Ecosystem, departements: Sequence[str]) -> str:
    """The French line saying what ``import --departements`` kept and left out.

    >>> from nec_network.model import Actor, Ecosystem
    >>> every = Ecosystem([Actor("a", "A", code_insee="80021"), Actor("b", "B", code_insee="75056"), Actor("c", "C")])
    >>> territory_summary(every, every.filter(departements=["80"]), ["80"])
    'Territoire (80) : 1 acteur gardé ; 2 acteurs hors territoire laissés de côté.'
    >>> territory_summary(every, every.subset(lambda actor: actor.id != "b"), ["80"])
    'Territoire (80) : 2 acteurs gardés, dont 1 sans commune connue ; 1 acteur hors territoire laissé de côté.'
    """
    line = f"Territoire ({', '.join(departements)}) : {plural(len(kept), 'acteur gardé', 'acteurs gardés')}"
    unplaced = sum(1 for actor in kept if not actor.departement)
    if unplaced:
        line += f", dont {number(unplaced)} sans commune connue"
    left = len(ecosystem) - len(kept)
    if left:
        line += f" ; {plural(left, 'acteur hors territoire laissé', 'acteurs hors territoire laissés')} de côté"
    links = len(ecosystem.partnerships) - len(kept.partnerships)
    if links:
        line += f" ; {plural(links, 'partenariat')} avec eux laissés de côté"
    return line + "."


def export_command(args: argparse.Namespace) -> int:
    """Read a template, write it in another format and say exactly what was written."""
    from nec_network.io.export import export_summary, export_ecosystem, write_left_out

    ecosystem, report = read_ecosystem(args.source, format="modele")
    if report.errors or report.rejected:
        print(f"Attention : {report.summary()}", file=sys.stderr)
    result = export_ecosystem(ecosystem, args.output, to=args.to)
    for problem in result.problems:
        print(problem, file=sys.stderr)
    left_out_file = write_left_out(result, ecosystem) if result.left_out else None
    print(export_summary(result, _FORMAT_NAMES[args.to], partnerships=len(ecosystem.partnerships),
                         carries_partnerships=args.to in _FORMATS_WITH_PARTNERSHIPS, left_out_file=left_out_file))
    if args.strict and result.left_out:
        print(f"Erreur : {plural(len(result.left_out), 'acteur non exporté', 'acteurs non exportés')} "
              f"(--strict) ; voir {left_out_file}", file=sys.stderr)
        return 1
    return 0


def validate_command(args: argparse.Namespace) -> int:
    """Print every problem of each file and its summary; 1 when there are errors (or unreadable files)."""
    failed = False
    for file in args.files:
        try:
            ecosystem, report = read_ecosystem(file, format=args.format, mapping=args.mapping)
        except NecNetworkError as error:
            print(f"Erreur : {error}")
            failed = True
            continue
        for problem in report.problems:
            print(problem)
        print(f"{file} : {report.summary()}")
        if report.review_summary():
            print(f"{file} : {report.review_summary()}")
        if report.completeness:
            from nec_network.io.trust import completeness_summary

            print(f"{file} : {completeness_summary(ecosystem, report.completeness)}")
        failed = failed or bool(report.errors) or (args.strict and bool(report.warnings))
    return 1 if failed else 0


def template_command(args: argparse.Namespace) -> int:
    """Write an empty template with the fictional example rows and the French guide."""
    from nec_network.io.template import write_empty_template

    path = write_empty_template(args.output)
    print(f"Modèle vide écrit : {path} (les lignes « exemple » sont fictives, à remplacer).")
    return 0
