"""Sub-commands of the ecosystem topic: ``import``, ``export``, ``validate``, ``template`` (and ``geocode``)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from nec_network.cli._common import claim_output_files, claim_output_folder, departements_arg
from nec_network.cli.geocoding import register_geocode
from nec_network.errors import NecNetworkError, OutputError
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


#: Files of a template folder written by ``import``, ``export --to modele`` and ``geocode``.
TEMPLATE_FILES = ("acteurs.csv", "partenariats.csv")
REJECTIONS_FILE = "rejets.csv"
REVIEW_FILE = "avertissements.csv"


def claim_template_output(args: argparse.Namespace, path: str | Path, names: Sequence[str]) -> None:
    """A template goes to a folder (the files ``names``) or a ``.xlsx`` workbook; claim it before any work.

    Any other extension is refused, so ``-o x.csv`` never becomes a folder named ``x.csv``.
    """
    path = Path(path)
    if path.suffix.lower() == ".xlsx":
        claim_output_files(args, str(path))
    elif path.suffix and not path.is_dir():
        raise OutputError(
            f"« {path} » : un modèle s'écrit dans un dossier (nom sans extension) ou un classeur .xlsx."
        )
    else:
        claim_output_folder(args, path, names)


def _rejections_path(output: Path) -> Path:
    """``DOSSIER/rejets.csv``, or ``classeur-rejets.csv`` beside a workbook."""
    if output.suffix.lower() == ".xlsx":
        return output.with_name(f"{output.stem}-{REJECTIONS_FILE}")
    return output / REJECTIONS_FILE


def _review_path(output: Path) -> Path:
    """``DOSSIER/avertissements.csv``, or ``classeur-avertissements.csv`` beside a workbook."""
    if output.suffix.lower() == ".xlsx":
        return output.with_name(f"{output.stem}-{REVIEW_FILE}")
    return output / REVIEW_FILE


def import_command(args: argparse.Namespace) -> int:
    """Read FICHIER and write the template, the rejections and one summary line."""
    output = Path(args.output)
    claim_template_output(args, output, (*TEMPLATE_FILES, REJECTIONS_FILE, REVIEW_FILE))
    if output.suffix.lower() == ".xlsx":
        claim_output_files(args, str(_rejections_path(output)), str(_review_path(output)))
    ecosystem, report = read_ecosystem(args.file, format=args.format, mapping=args.mapping, strict=args.strict)
    territory = ""
    if args.departements:
        from nec_network.analysis.criteria import ActorCriteria

        kept = ActorCriteria(departements=args.departements).territory(ecosystem)
        territory = territory_summary(ecosystem, kept, args.departements)
        ecosystem = kept
    write_ecosystem(ecosystem, output, to="modele")
    report.write_rejections(_rejections_path(output))
    report.write_review(_review_path(output))
    hint = f" Détail : nec-network validate {output}" if report.errors or report.warnings else ""
    print(import_summary(args.file, report) + hint)
    if territory:
        print(territory)
    review = report.review_summary()
    if review:
        print(f"{review} Liste : {_review_path(output)}")
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
    from nec_network.io.export import LEFT_OUT_FILE, export_summary, export_ecosystem, write_left_out

    if args.to == "modele":
        claim_template_output(args, args.output, (*TEMPLATE_FILES, LEFT_OUT_FILE))
    elif args.to == "inclusion":
        if Path(args.output).suffix and not Path(args.output).is_dir():
            raise OutputError(
                f"« {args.output} » : l'export data·inclusion s'écrit dans un dossier (nom sans extension), "
                "qui reçoit structures.json et services.json."
            )
        claim_output_folder(args, args.output, ("structures.json", "services.json", LEFT_OUT_FILE))
    else:
        output = Path(args.output)
        claim_output_files(args, args.output, str(output.with_name(output.stem + ".non-exportes.csv")))
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
    from nec_network.io.resources import RESOURCES_FILE
    from nec_network.io.template import README_FILE, write_empty_template

    claim_template_output(args, args.output, (*TEMPLATE_FILES, RESOURCES_FILE, README_FILE))
    path = write_empty_template(args.output)
    print(f"Modèle vide écrit : {path} (les lignes « exemple » sont fictives, à remplacer).")
    return 0
