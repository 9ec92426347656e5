"""Sub-command ``evolution``: the network over time and what an event created."""

from __future__ import annotations

import argparse

from nec_network.cli._common import add_output_option, claim_output_folder, date_arg
from nec_network.errors import NecNetworkError

#: ``--periode`` values (French, with the English words) → the period of the analysis.
PERIODS = {"mois": "month", "trimestre": "quarter", "annee": "year", "année": "year",
           "month": "month", "quarter": "quarter", "year": "year"}


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``evolution`` to the ``nec-network`` parser."""
    command = subparsers.add_parser(
        "evolution",
        help="suivre le réseau dans le temps et ce qu'un événement a créé (evolution.json et tables CSV)",
        description="Compte les liens (paires d'acteurs distinctes, un lien déclaré deux fois compte une fois) "
        "formés et terminés par période, et pour un événement : les liens avant et après, créés entre "
        "participants ou non, les ponts, la plus grande composante, la contrainte de Burt des participants "
        "et la survie des liens créés à 6 et 12 mois. Écrit evolution.json et des tables CSV dans DOSSIER_SORTIE.",
    )
    command.add_argument("source", metavar="DOSSIER", help="écosystème (modèle nec-network avec evenements.csv)")
    command.add_argument("--evenement", "--event", metavar="ID",
                         help="identifiant de l'événement (défaut : la dernière rencontre datée avant la date "
                         "de référence)")
    command.add_argument("--le", "--at", metavar="DATE", type=date_arg,
                         help="date de référence, AAAA-MM-JJ (un mois ou une année : son dernier jour ; défaut : "
                         "la dernière vague d'enquête, sinon la date la plus récente des données)")
    command.add_argument("--periode", "--period", default="mois", choices=sorted(PERIODS), metavar="PERIODE",
                         help="mois, trimestre ou annee (défaut : mois)")
    add_output_option(command, required=True, metavar="DOSSIER_SORTIE",
                      help="dossier où écrire evolution.json et les tables CSV")
    command.set_defaults(func=evolution_command)


def evolution_command(args: argparse.Namespace) -> int:
    """``nec-network evolution``: evolution.json and the tables into the output folder."""
    from nec_network.analysis.evolution import evolution_summary, latest_meeting, reference_date
    from nec_network.io import read_ecosystem
    from nec_network.views.evolution_files import EVOLUTION_FILES, write_evolution
    from nec_network.wording import plural

    claim_output_folder(args, args.output, EVOLUTION_FILES)
    ecosystem, _ = read_ecosystem(args.source, personal_data=False)
    at = args.le or reference_date(ecosystem)
    if at is None:
        raise NecNetworkError("Aucune date dans les données : indiquez la date de référence avec --le AAAA-MM-JJ.")
    event_id = args.evenement or latest_meeting(ecosystem, at)
    summary = evolution_summary(ecosystem, at=at, event_id=event_id, period=PERIODS[args.periode])
    written = write_evolution(summary, ecosystem, args.output)
    lines = [f"Date de référence : {at.isoformat()}{'' if args.le else reference_origin(ecosystem)} ; "
             f"{plural(summary.ties_at, 'lien')} ce jour-là, dont {plural(summary.ties_undated, 'lien')} sans date."]
    effect = summary.effect
    if effect is None:
        lines.append("Aucun événement daté avant cette date : pas de mesure d'effet (evenements.csv, --evenement).")
    else:
        lines.append(f"Événement « {effect.event.nom} » ({effect.event.date}) : {plural(effect.ties_created, 'lien créé', 'liens créés')} "
                     f"dont {effect.created_among_participants} entre participants et "
                     f"{plural(len(effect.bridges), 'pont')}, {plural(effect.ties_ended, 'lien terminé', 'liens terminés')}.")
    lines.append(f"{plural(len(written), 'fichier écrit', 'fichiers écrits')} dans {args.output}.")
    print("\n".join(lines))
    return 0


def reference_origin(ecosystem) -> str:  # noqa: ANN001
    """The French words saying where the reference date comes from when ``--le`` is not given."""
    from nec_network.analysis.evolution import latest_survey_wave

    wave = latest_survey_wave(ecosystem)
    if wave is not None:
        return f" (fin de la vague d'enquête « {wave.id} »)"
    return " (la date la plus récente des données)"
