"""The survey about partnerships: the page ``enquete``, and the answers given to ``import`` (``REPONSES:enquete``)
and ``validate``."""

from __future__ import annotations

import argparse
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from nec_network.cli._common import claim_output_files
from nec_network.errors import NecNetworkError

if TYPE_CHECKING:
    from nec_network.io.sources import SourceFile
    from nec_network.io.survey_import import SurveyImport
    from nec_network.model import Ecosystem

#: The word after ``:`` naming a survey's answers (``reponses.csv:enquete``).
SURVEY = "enquete"
#: What ``import`` writes beside the model when it reads a survey.
SURVEY_FILES = ("relations-a-verifier.csv", "acteurs-a-ajouter.csv")


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``enquete`` to the ``nec-network`` parser."""
    command = subparsers.add_parser(
        "enquete",
        help="écrire la page d'enquête sur les partenariats, à remplir par chaque structure (HTML hors ligne)",
        description="Écrit une page HTML autonome qu'une structure remplit : elle se choisit parmi les "
        "acteurs connus (ou se décrit), puis déclare ses partenaires, le type de relation, depuis quand, "
        "s'ils se sont rencontrés à l'événement, à quelle fréquence ils travaillent ensemble et, si elle "
        "le souhaite, la confiance et ce que le partenaire apporte. La page n'envoie rien : elle produit "
        "un fichier CSV à télécharger et un lien de courriel vers --contact ; elle s'imprime pour "
        "l'événement. Les réponses s'importent avec : nec-network import MODELE REPONSES.csv:enquete -o DOSSIER.",
    )
    command.add_argument("source", metavar="DOSSIER", help="modèle nec-network (dossier ou .xlsx)")
    command.add_argument("--contact", metavar="COURRIEL",
                         help="adresse de la personne qui recueille les réponses (lien de courriel prérempli)")
    command.add_argument("--evenement", metavar="ID",
                         help="identifiant de l'événement : la page demande si chaque partenaire y a été rencontré")
    command.add_argument("--vague", "--wave", metavar="ID",
                         help="vague d'enquête du modèle (événement de nature « enquete ») : chaque réponse la porte, "
                         "et une relation qui commencerait après elle sera refusée à l'import")
    command.add_argument("--titre", help="titre de la page (défaut : « Avec qui travaillez-vous ? »)")
    command.add_argument("-o", "--sortie", "--output", dest="output", required=True, metavar="FICHIER.html", help="page écrite")
    command.set_defaults(func=survey_page_command)


def survey_page_command(args: argparse.Namespace) -> int:
    """``nec-network enquete``: read the model, write the survey page."""
    from nec_network.io import read_ecosystem
    from nec_network.views.survey import DEFAULT_TITLE, survey_event, survey_wave, write_survey_page
    from nec_network.wording import plural

    claim_output_files(args, args.output)
    ecosystem, _ = read_ecosystem(args.source, personal_data=False)
    event, note = survey_event(ecosystem, args.evenement)
    wave = survey_wave(ecosystem, args.vague)
    path = write_survey_page(args.output, ecosystem, contact=args.contact, event=event, wave=wave,
                             title=args.titre or DEFAULT_TITLE)
    print(f"Page d'enquête écrite : {path} ({plural(len(ecosystem), 'acteur connu', 'acteurs connus')} proposés"
          f"{', événement « ' + event.nom + ' »' if event else ''}"
          f"{', vague « ' + wave.nom + ' »' if wave else ''}"
          f"{', réponses à ' + args.contact if args.contact else ', sans adresse de contact (fichier CSV seulement)'}).")
    if note:
        print(note)
    return 0


def is_survey(source: SourceFile) -> bool:
    """Whether an input of ``import`` is a survey's answers (``:enquete`` or a survey mapping)."""
    from nec_network.io.survey_wide import is_survey_mapping

    return source.mapping == SURVEY or (source.mapping is not None and is_survey_mapping(source.mapping))


def split_surveys(sources: Sequence[SourceFile]) -> tuple[list[SourceFile], list[SourceFile]]:
    """The inputs of ``import``: the model's files, then the surveys' answers read against them."""
    surveys = [source for source in sources if is_survey(source)]
    models = [source for source in sources if not is_survey(source)]
    if surveys and not models:
        raise NecNetworkError("des réponses d'enquête s'importent avec le modèle qu'elles complètent : "
                              "nec-network import MODELE REPONSES.csv:enquete -o DOSSIER")
    return models, surveys


def read_surveys(surveys: Sequence[SourceFile]) -> list[tuple]:
    """Read each survey's answers (bad rows rejected, located)."""
    from nec_network.errors import DataError
    from nec_network.io.formats import FORMATS

    survey_format = FORMATS.get(SURVEY)
    read = []
    for source in surveys:
        if not source.path.is_file():
            raise DataError("fichier de réponses introuvable", file=str(source.path))
        read.append(survey_format.read_path(source.path, source.mapping))
    return read


def validate_survey(source: SourceFile, argument: str) -> bool:
    """``validate REPONSES:enquete``: print each rejected row and the summary; True when some were rejected."""
    (responses, report), = read_surveys([source])
    for problem in report.problems:
        print(problem)
    relations = len(responses.declarations)
    print(f"{argument} : {report.summary()} ({len(responses.respondents)} réponses, {relations} relations "
          "lisibles ; les noms sont rapprochés des acteurs à l'import, avec le modèle).")
    return bool(report.errors)


def apply_surveys(ecosystem: Ecosystem, surveys: Sequence[SourceFile], merged_into: Mapping[str, str]) -> SurveyImport:
    """Add the surveys' relations to the consolidated ``ecosystem`` (``merged_into``: the duplicates merged)."""
    from nec_network.io.survey_import import import_survey

    return import_survey(ecosystem, read_surveys(surveys), renamed=merged_into)


def write_survey_companions(result: SurveyImport, output: Path) -> list[str]:
    """Write ``relations-a-verifier.csv`` and ``acteurs-a-ajouter.csv`` beside the model; the French lines."""
    from nec_network.io.output import companion_path
    from nec_network.io.survey_output import survey_summary, write_actors_to_add, write_relations_to_check

    review, new_actors = (companion_path(output, name) for name in SURVEY_FILES)
    write_relations_to_check(result, review)
    write_actors_to_add(result, new_actors)
    return survey_summary(result, review, new_actors)
