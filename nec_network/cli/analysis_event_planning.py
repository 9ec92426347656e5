"""Sub-command ``preparer-evenement``: where to hold the next local event, whom to invite, whom to introduce."""

from __future__ import annotations

import argparse
from pathlib import Path

from nec_network.cli._common import add_analysis_options, add_output_option, analysis_inputs, claim_output_folder
from nec_network.errors import DataError


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``preparer-evenement`` to the ``nec-network`` parser."""
    from nec_network.settings import DEFAULT_RURAL_WEIGHT

    command = subparsers.add_parser(
        "preparer-evenement",
        help="préparer la prochaine rencontre locale : où la tenir, qui inviter, qui présenter à qui",
        description="Propose les communes où tenir la rencontre (celles d'un acteur qui a des locaux, ou "
        "celles de --lieux), classées par temps de trajet total des acteurs du territoire, le temps d'un "
        "acteur rural pondéré ; les acteurs à inviter avec leurs raisons (aucun ou peu de partenaires, dans "
        "ou près d'une zone blanche, relierait une autre communauté proche) ; les paires à présenter l'une à "
        "l'autre (proches, dans deux communautés, aux services complémentaires). Écrit trois tables CSV et "
        "la page preparer.html dans DOSSIER_SORTIE.",
    )
    add_analysis_options(command)
    command.add_argument("--lieux", "--venues", metavar="FICHIER",
                         help="communes candidates : codes INSEE, une valeur par ligne ou colonne code_insee "
                         "(défaut : les communes des acteurs qui ont des locaux)")
    command.add_argument("--poids-rural", "--rural-weight", type=float, default=DEFAULT_RURAL_WEIGHT, metavar="P",
                         help=f"combien de fois compte le temps de trajet d'un acteur rural (défaut : {DEFAULT_RURAL_WEIGHT:g})")
    add_output_option(command, required=True, metavar="DOSSIER_SORTIE",
                      help="dossier où écrire les tables CSV et preparer.html")
    command.set_defaults(func=plan_event_command)


def read_venues(value: str) -> list[str]:
    """The INSEE codes of ``--lieux``: column ``code_insee``, else the first column (a header-less list)."""
    from nec_network.tables import read_table

    path = Path(value)
    if not path.is_file():
        raise DataError("fichier de lieux candidats introuvable", file=value)
    table = read_table(path)
    if "code_insee" in table.columns:
        values = [row.get("code_insee") or "" for row in table.rows]
    else:
        values = [*table.columns[:1], *(next(iter(row.values()), "") for row in table.rows)]
    codes = [item.strip() for item in values if item and item.strip()]
    if not codes:
        raise DataError("aucun code INSEE dans le fichier de lieux candidats", file=value)
    return codes


def plan_event_command(args: argparse.Namespace) -> int:
    """``nec-network preparer-evenement``: the three tables and preparer.html into the output folder."""
    from nec_network.analysis.coverage import coverage_by_commune
    from nec_network.analysis.event_planning import introductions, invitations, venue_ranking
    from nec_network.analysis.gaps import white_zones
    from nec_network.views.event_planning_files import PLANNING_FILES, write_planning
    from nec_network.wording import plural

    claim_output_folder(args, args.output, PLANNING_FILES)
    venues = read_venues(args.lieux) if args.lieux else None
    inputs = analysis_inputs(args)
    local = inputs.local
    coverage = coverage_by_commune(inputs.ecosystem, inputs.communes, criteria=inputs.criteria,
                                   threshold=inputs.threshold)
    ranking = venue_ranking(local, inputs.communes, venues=venues, rural_weight=args.poids_rural)
    invites = invitations(local, white_zones=white_zones(coverage))
    pairs = introductions(local)
    written = write_planning(ranking, invites, pairs, local, args.output, rural_weight=args.poids_rural)
    lines = []
    if len(ranking):
        best = ranking.iloc[0]
        lines.append(f"Lieu proposé : {best['nom']} ({best['code_insee']}), {round(best['mean_minutes'])} min de "
                     f"trajet en moyenne ; le plus loin : {best['farthest_actor_name']} "
                     f"({round(best['farthest_minutes'])} min).")
    else:
        lines.append("Aucune commune candidate : aucun acteur placé ou ayant des locaux (voir --lieux).")
    lines.append(f"{plural(len(invites), 'acteur à inviter', 'acteurs à inviter')}, "
                 f"{plural(len(pairs), 'mise en relation', 'mises en relation')} proposées.")
    lines.append(f"{plural(len(written), 'fichier écrit', 'fichiers écrits')} dans {args.output}.")
    print("\n".join(lines))
    return 0
