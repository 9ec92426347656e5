"""Sub-commands of the ecosystem topic: ``import``, ``export``, ``validate``, ``template``."""

from __future__ import annotations

import argparse
import dataclasses
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from nec_network.cli._common import add_output_option, claim_output_files, claim_output_folder, departements_arg
from nec_network.cli._progress import say
from nec_network.cli.import_summaries import (
    consolidation_summary,
    import_summary,
    swapped_positions,
    territory_summary,
)
from nec_network.errors import NecNetworkError, OutputError
from nec_network.io import FORMATS, get_format, read_ecosystem
from nec_network.io.output import companion_path
from nec_network.io.personae import PERSONAE_FILE
from nec_network.io.report import Report
from nec_network.settings import CONTEXT_MARGIN_KM
from nec_network.wording import plural

if TYPE_CHECKING:
    from nec_network.io.formats import Format
    from nec_network.io.sources import SourceFile
    from nec_network.model import Ecosystem

def _register_import(subparsers: argparse._SubParsersAction) -> None:
    """Add ``import`` (several inputs into one model, with its companions)."""
    command = subparsers.add_parser(
        "import",
        help="importer un ou plusieurs fichiers d'acteurs vers un modèle nec-network",
        description="Lit un ou plusieurs fichiers (modèle, schéma national v0/v1, data·inclusion, CSV, XLSX ou "
        "JSON avec correspondance : FICHIER:CORRESPONDANCE), les réunit en un seul écosystème en fusionnant "
        "les doublons, ajoute les structures porteuses et relie les antennes France Services, puis écrit "
        "DOSSIER/acteurs.csv, partenariats.csv, ressources.csv (les ressources sans lieu des dossiers lus, "
        "doublons exacts réunis), personae.json (les personae des dossiers lus, premier contact suivant les "
        "fusions ; à côté d'un classeur : classeur-personae.json), rejets.csv, doublons.csv, doublons-a-verifier.csv et "
        "avertissements.csv (une ligne par acteur et problème à vérifier : commune corrigée ou déduite, "
        "incohérence de lieu, code mal formé, typologie déduite du nom, fiche ancienne…). Les réponses d'une "
        "enquête sur les partenariats s'ajoutent au modèle lu avec elles : MODELE REPONSES.csv:enquete (fichier "
        "de la page « enquete » ou tableau long), ou EXPORT.csv:CORRESPONDANCE.json pour un export de formulaire ; "
        "s'y ajoutent relations-a-verifier.csv (noms rapprochés sans certitude) et acteurs-a-ajouter.csv.",
    )
    _add_source_arguments(command, each_file=False)
    command.add_argument("--strict", action="store_true", help="toute erreur arrête l'import")
    command.add_argument("--garder-doublons", action="store_true",
                         help="ne pas fusionner les doublons (ils sont seulement listés dans doublons.csv)")
    command.add_argument("--garder-donnees-personnelles", action="store_true",
                         help="écrire aussi les noms, courriels et téléphones des conseillers dans le modèle "
                         "(jamais dans les pages ni les exports publiés)")
    command.add_argument(
        "--departements",
        type=departements_arg,
        metavar="02,60,80",
        help="ne garder que les lieux dont la commune est dans ces départements (et les itinérants "
        "qui y passent), plus, comme contexte « hors territoire », les lieux à moins de --marge km "
        "d'une de leurs communes",
    )
    command.add_argument(
        "--marge",
        type=float,
        default=CONTEXT_MARGIN_KM,
        metavar="KM",
        help=f"avec --departements : distance (km à vol d'oiseau) jusqu'à laquelle les lieux voisins sont "
        f"gardés comme contexte : ils comptent pour la couverture et les lieux les plus proches des "
        f"communes frontalières, jamais comme acteurs du territoire (défaut : {CONTEXT_MARGIN_KM:g})",
    )
    add_output_option(command, required=True, metavar="DOSSIER", help="dossier du modèle écrit")
    command.set_defaults(func=import_command)


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add this topic's sub-commands to the ``nec-network`` parser."""
    _register_import(subparsers)

    command = subparsers.add_parser(
        "export",
        help="exporter un modèle vers un autre format",
        description="Lit un modèle nec-network (dossier ou .xlsx) et l'écrit dans le format demandé ; "
        "affiche le nombre d'acteurs réellement écrits, les colonnes que le format ne porte pas (ressources "
        "et personae ne vont que dans le modèle), et "
        "liste chaque acteur non exporté avec le motif dans un fichier à côté (….non-exportes.csv).",
    )
    command.add_argument("source", metavar="DOSSIER", help="modèle nec-network (dossier ou .xlsx)")
    command.add_argument("--vers", "--to", dest="to", required=True, choices=FORMATS.writable(),
                         help="format de sortie")
    add_output_option(command, required=True, metavar="FICHIER", help="fichier écrit")
    command.add_argument("--strict", action="store_true",
                         help="un acteur que le format ne peut pas porter est une erreur (code de sortie 1)")
    command.add_argument("--garder-donnees-personnelles", action="store_true",
                         help="avec --to modele seulement : garder les noms, courriels et téléphones des "
                         "conseillers du modèle lu (jamais dans les formats publiés)")
    command.set_defaults(func=export_command)

    command = subparsers.add_parser(
        "validate",
        help="vérifier des fichiers d'acteurs et afficher les problèmes",
        description="Affiche chaque problème (fichier, ligne, colonne, valeur proposée). "
        "Vérifie aussi ressources.csv d'un dossier (ou la feuille « ressources » d'un classeur) et personae.json. "
        "Code de sortie 1 en cas d'erreur (ou d'avertissement avec --strict).",
    )
    _add_source_arguments(command, each_file=True)
    command.add_argument("--strict", action="store_true", help="les avertissements comptent comme des erreurs")
    command.set_defaults(func=validate_command)

    command = subparsers.add_parser(
        "template",
        help="écrire un modèle vide avec une ligne d'exemple et un mode d'emploi",
        description="Écrit un dossier (acteurs.csv, partenariats.csv, ressources.csv, LISEZ-MOI.md) ou un classeur .xlsx.",
    )
    add_output_option(command, required=True, metavar="DOSSIER|FICHIER.xlsx",
                      help="dossier (nouveau ou vide) ou classeur .xlsx écrit")
    command.set_defaults(func=template_command)


def _add_source_arguments(command: argparse.ArgumentParser, *, each_file: bool) -> None:
    """FICHIER[:CORRESPONDANCE]…, ``--format`` (the readable formats of the registry) and ``--correspondance``:
    the inputs of ``import`` (one ecosystem) and ``validate`` (``each_file``: checked one by one)."""
    what, known = ("à vérifier, écrits comme pour import :", "de chaque fichier ") if each_file else ("à importer ;", "")
    command.add_argument("files", nargs="+", metavar="FICHIER[:CORRESPONDANCE]",
                         help=f"fichiers ou dossiers {what} « liste.csv:france-services » lit liste.csv "
                         "avec la correspondance fournie france-services (ou un fichier .json)")
    command.add_argument("--format", choices=FORMATS.readable(), default="auto",
                         help=f"format d'entrée {known}(défaut : auto)")
    command.add_argument("--correspondance", "--mapping", dest="mapping", metavar="CORRESPONDANCE",
                         help="fichier JSON de correspondance des colonnes, ou nom d'une correspondance fournie "
                         "(france-services)" + (", pour chaque fichier qui n'a pas la sienne (FICHIER:CORRESPONDANCE)"
                                               if each_file else " ; avec plusieurs fichiers, écrire "
                                               "FICHIER:CORRESPONDANCE"))


#: Files of a template folder written by ``import`` and ``export --vers modele`` (the names of
#: ``io.template.ACTORS_FILE``, ``PARTNERSHIPS_FILE`` and ``io.resources.RESOURCES_FILE``,
#: spelt here so that ``nec-network -h`` loads no reader).
TEMPLATE_FILES = ("acteurs.csv", "partenariats.csv", "evenements.csv", "ressources.csv")
REJECTIONS_FILE = "rejets.csv"
REVIEW_FILE = "avertissements.csv"
#: What ``import`` writes about duplicates: the merges made, the pairs to review.
DUPLICATE_FILES = ("doublons.csv", "doublons-a-verifier.csv")


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


def source_files(args: argparse.Namespace, *, each_file: bool = False) -> list[SourceFile]:
    """The inputs of ``import`` and ``validate``: each FICHIER[:CORRESPONDANCE].

    For ``import``, which makes one ecosystem of them, ``--correspondance`` and ``--format`` are
    allowed for a single file only (with several, each names its own). With ``each_file``
    (``validate``, which checks them one by one), they apply to every file that does not
    name its own mapping.
    """
    from nec_network.io.mapping import builtin_mappings
    from nec_network.io.sources import SourceFile, parse_source

    from nec_network.cli.survey import SURVEY

    sources = [parse_source(text, known_mappings=(*builtin_mappings(), SURVEY)) for text in args.files]
    if each_file:
        return [SourceFile(source.path, source.mapping or args.mapping) for source in sources]
    if args.mapping:
        if len(sources) > 1:
            raise NecNetworkError("avec plusieurs fichiers, attachez la correspondance à son fichier : "
                                  "FICHIER:CORRESPONDANCE (par exemple liste.csv:france-services).")
        sources = [SourceFile(sources[0].path, sources[0].mapping or args.mapping)]
    if args.format != "auto" and len(sources) > 1:
        raise NecNetworkError("--format ne s'utilise qu'avec un seul fichier ; avec plusieurs, le format de "
                              "chacun est reconnu, ou donné par FICHIER:CORRESPONDANCE.")
    return sources


def import_command(args: argparse.Namespace) -> int:
    """Read every FICHIER, consolidate them into one ecosystem and write the template and its companions."""
    from nec_network.analysis.consolidation import consolidate
    from nec_network.io.duplicates import write_duplicates, write_review
    from nec_network.io.resources import count_written_resources, gather_resources, resources_place
    from nec_network.io.sources import carry_personae, read_sources
    from nec_network.io.template import write_template

    from nec_network.cli.survey import SURVEY_FILES, apply_surveys, split_surveys, write_survey_companions

    output = Path(args.output)
    sources, surveys = split_surveys(source_files(args))
    companions = (PERSONAE_FILE, REJECTIONS_FILE, REVIEW_FILE, *DUPLICATE_FILES, *(SURVEY_FILES if surveys else ()))
    claim_template_output(args, output, (*TEMPLATE_FILES, *companions))
    if output.suffix.lower() == ".xlsx":
        claim_output_files(args, *(str(companion_path(output, name)) for name in companions))
    say("Lecture des fichiers")
    combined, reads = read_sources(sources, format=args.format, strict=args.strict)
    gathered = gather_resources((r.resources, r.resources_report) for r in reads)
    say("Recherche des doublons")
    result = consolidate(combined, merge=not args.garder_doublons,
                         keep_personal=args.garder_donnees_personnelles)
    merged_into = {merge.merged: merge.kept for merge in result.merges}
    reports = [read.report for read in reads]
    survey = apply_surveys(result.ecosystem, surveys, merged_into) if surveys else None
    if survey:
        result = dataclasses.replace(result, ecosystem=survey.ecosystem)
    final, territory, merged_rows = result.ecosystem, "", len(result.merges)
    if args.departements:
        final, territory, result, reports = restrict_import(args, result, reports, merged_into)
    say("Écriture du modèle")
    write_template(final, output, resources=gathered.resources)
    personae = carry_personae(reads, combined, merged_into, final, output)
    survey_lines = write_survey_companions(survey, output) if survey else []
    total = Report()
    for report in [*reports, *([survey.report] if survey else [])]:
        total.extend(report)
    total.write_rejections(companion_path(output, REJECTIONS_FILE))
    total.write_review(companion_path(output, REVIEW_FILE))
    write_duplicates(companion_path(output, DUPLICATE_FILES[0]), result.merges, combined)
    write_review(companion_path(output, DUPLICATE_FILES[1]), result.duplicates.uncertain, combined)
    for read, report in zip(reads, reports, strict=True):
        source = read.source
        hint = f" Détail : nec-network validate {source.argument}" if report.errors or report.warnings else ""
        print(import_summary(str(source.path), report) + hint)
        swapped = swapped_positions(report)
        if swapped:
            print(swapped)
    *lines, balance = consolidation_summary(result, combined, total, output, final,
                                            surveyed=survey.kept if survey else 0, merged_rows=merged_rows)
    from nec_network.io.trust import completeness_summary
    from nec_network.model.trust import completeness

    review = total.review_summary()
    trust = [*([f"{review} Liste : {companion_path(output, REVIEW_FILE)}"] if review else []),
             completeness_summary(final, {actor.id: completeness(actor) for actor in final})]
    resources = [gathered.summary(count_written_resources(output), resources_place(output))] if gathered.rows else []
    print("\n".join([*lines, *survey_lines, *([territory] if territory else []), *trust, *resources, *personae,
                     balance]))
    return 0


def restrict_import(args: argparse.Namespace, result, reports: list[Report],  # noqa: ANN001
                    merged_into: dict[str, str]) -> tuple[Ecosystem, str, object, list[Report]]:
    """``import --departements``: the ecosystem kept (the territory and its surroundings), the
    French line saying so, and the consolidation and reading reports about the actors kept only
    (warnings, duplicates to check), so that nothing of the places set aside is listed."""
    from nec_network.analysis.surroundings import territory_with_surroundings

    split = territory_with_surroundings(result.ecosystem, args.departements, margin_km=args.marge)
    kept = {actor.id for actor in split.ecosystem}

    def keeps(actor_id: str) -> bool:
        return merged_into.get(actor_id, actor_id) in kept

    narrowed = [report.about(keeps) for report in reports]
    set_aside = sum(len(report.to_review) + len(report.stale) for report in reports) - sum(
        len(report.to_review) + len(report.stale) for report in narrowed
    )
    restricted = result.about(keeps)
    pairs = len(result.duplicates.uncertain) - len(restricted.duplicates.uncertain)
    line = territory_summary(split, args.departements, links_before=len(result.ecosystem.partnerships))
    if set_aside or pairs:
        line += (
            f" Leurs {plural(set_aside, 'point', 'points')} à vérifier et "
            f"{plural(pairs, 'paire incertaine', 'paires incertaines')} de doublons ne sont pas listés."
        )
    return split.ecosystem, line, restricted, narrowed


def claim_export_output(args: argparse.Namespace, fmt: Format) -> None:
    """Claim, before any work, what ``export --vers FORMAT`` writes, as the format lays out its output."""
    from nec_network.io.export import LEFT_OUT_FILE
    from nec_network.io.personae import personae_path

    output = Path(args.output)
    if fmt.output == "template":
        claim_template_output(args, output, (*TEMPLATE_FILES, PERSONAE_FILE, LEFT_OUT_FILE))
        if output.suffix.lower() == ".xlsx":
            claim_output_files(args, str(personae_path(output)))
    elif fmt.output == "folder":
        if output.suffix and not output.is_dir():
            raise OutputError(
                f"« {output} » : l'export {fmt.label} s'écrit dans un dossier (nom sans extension), "
                f"qui reçoit {' et '.join(fmt.folder_files)}."
            )
        claim_output_folder(args, output, (*fmt.folder_files, LEFT_OUT_FILE))
    else:
        claim_output_files(args, str(output), str(output.with_name(output.stem + ".non-exportes.csv")))


#: Reading errors listed by export, with file, row and column (validate lists them all).
_LISTED_ERRORS = 20


def print_located_errors(report: Report) -> None:
    """Print on stderr the first reading errors, each with file, row and column."""
    errors = [problem for problem in report.problems if problem.level == "erreur"]
    for problem in errors[:_LISTED_ERRORS]:
        print(f"  {problem}", file=sys.stderr)
    if len(errors) > _LISTED_ERRORS:
        print(f"  … et {len(errors) - _LISTED_ERRORS} autres erreurs (nec-network validate les liste toutes).",
              file=sys.stderr)


def export_command(args: argparse.Namespace) -> int:
    """Read a template, write it in another format and say exactly what was written."""
    from nec_network.io.export import export_summary, export_ecosystem, write_left_out
    from nec_network.io.personae import export_personae
    from nec_network.io.resources import read_resources

    if args.garder_donnees_personnelles and args.to != "modele":
        raise NecNetworkError("--garder-donnees-personnelles ne vaut qu'avec --to modele : les autres formats "
                              "sont faits pour être publiés et ne portent jamais de données personnelles.")
    fmt = get_format(args.to, to_write=True)
    claim_export_output(args, fmt)
    ecosystem, report = read_ecosystem(args.source, format="modele")
    if report.errors or report.rejected:
        print(f"Attention : {report.summary()}", file=sys.stderr)
        print_located_errors(report)
    resources, _ = read_resources(args.source)
    result = export_ecosystem(ecosystem, args.output, to=args.to, resources=resources,
                              keep_personal=args.garder_donnees_personnelles)
    personae_problems, personae_lines = export_personae(args.source, args.output,
                                                        carried=fmt.carries_content("personae"))
    for problem in [*result.problems, *personae_problems]:
        print(problem, file=sys.stderr)
    left_out_file = write_left_out(result, ecosystem) if result.left_out else None
    print(export_summary(result, partnerships=len(ecosystem.partnerships), left_out_file=left_out_file))
    for line in personae_lines:
        print(line)
    if args.strict and result.left_out:
        print(f"Erreur : {plural(len(result.left_out), 'acteur non exporté', 'acteurs non exportés')} "
              f"(--strict) ; voir {left_out_file}", file=sys.stderr)
        return 1
    return 0


def validate_command(args: argparse.Namespace) -> int:
    """Print every problem of each file and its summary; 1 when there are errors (or unreadable files).

    The inputs are written as for ``import`` (:func:`source_files`) and read the same way
    (:func:`nec_network.io.sources.read_source`), resources included.
    """
    from nec_network.cli.survey import is_survey, validate_survey
    from nec_network.io.sources import read_source

    failed = False
    for source, file in zip(source_files(args, each_file=True), args.files, strict=True):
        try:
            if is_survey(source):
                failed = validate_survey(source, file) or failed
                continue
            read = read_source(source, format=args.format)
        except NecNetworkError as error:
            from nec_network.cli import error_message

            print(f"Erreur : {error_message(error)}")
            failed = True
            continue
        ecosystem, report = read.ecosystem, read.report
        for problem in report.problems:
            print(problem)
        print(f"{file} : {report.summary()}")
        if read.resources_report.rows_read:
            print(f"{file} : ressources sans lieu, {read.resources_report.summary()}")
        if report.review_summary():
            print(f"{file} : {report.review_summary()}")
        if report.completeness:
            from nec_network.io.trust import completeness_summary

            print(f"{file} : {completeness_summary(ecosystem, report.completeness)}")
        failed = failed or bool(report.errors) or (args.strict and bool(report.warnings))
    return 1 if failed else 0


def template_command(args: argparse.Namespace) -> int:
    """Write an empty template with the fictional example rows and the French guide."""
    from nec_network.io.template import README_FILE, write_empty_template

    claim_template_output(args, args.output, (*TEMPLATE_FILES, README_FILE))
    path = write_empty_template(args.output)
    print(f"Modèle vide écrit : {path} (acteurs, partenariats, événements et ressources ; les lignes « exemple » "
          "sont fictives, à remplacer ; le mode d'emploi décrit chaque colonne).")
    return 0
