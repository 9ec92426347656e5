"""Sub-commands ``journey`` and ``analyse``: one persona's journey, and every analysis into tables."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from nec_network.wording import number
from nec_network.wording import SYNTHESIS_STEPS, plural
from nec_network.cli._common import (
    add_output_option,
    claim_output_folder,
    add_analysis_options,
    add_capacity_option,
    add_fragility_option,
    add_personae_option,
    add_sites_option,
    analysis_inputs,
    fragility_input,
    personae_inputs,
    add_threshold_options,
    threshold_input,
)
from nec_network.cli._progress import say
from nec_network.errors import NecNetworkError

if TYPE_CHECKING:
    from nec_network.model.persona import Persona


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``journey`` and ``analyse`` to the ``nec-network`` parser."""
    command = subparsers.add_parser(
        "journey",
        help="décrire le parcours d'un persona : où l'orienter, et par qui",
        description="Pour un persona (commune, besoins, mobilité, premier contact), liste les lieux "
        "à portée qui répondent à ses besoins, les besoins non couverts et le chemin "
        "d'orientation depuis son premier contact.",
    )
    command.add_argument("source", metavar="DOSSIER", help="écosystème (modèle nec-network)")
    command.add_argument(
        "--persona",
        required=True,
        metavar="FICHIER|NOM",
        help="fichier JSON de personae, ou identifiant / nom d'un persona de DOSSIER/personae.json",
    )
    add_threshold_options(command, mode=False, km_help="distance acceptable, en km à vol d'oiseau",
                          minutes_help="temps de trajet acceptable avec la mobilité du persona")
    command.add_argument("--options", type=int, default=5, metavar="N", help="lieux affichés (défaut : 5)")
    command.set_defaults(func=journey_command)

    command = subparsers.add_parser(
        "analyse",
        help="faire toutes les analyses et les écrire en tables CSV",
        description="Calcule la couverture (tous services et service par service), les lacunes, les "
        "zones blanches, les sites recommandés, l'accessibilité (2SFCA), la structure du réseau, "
        "les suggestions de partenariats et les parcours des personae, et écrit une table CSV par résultat.",
    )
    add_analysis_options(command)
    add_output_option(command, required=True, metavar="DOSSIER_SORTIE", help="dossier où écrire les tables CSV")
    add_sites_option(command)
    add_capacity_option(command)
    add_personae_option(command)
    add_fragility_option(command)
    command.set_defaults(func=analyse_command)


def _personae_file(source: str, persona: str | None) -> Path | None:
    from nec_network.io.personae import PERSONAE_FILE

    if persona and Path(persona).is_file():
        return Path(persona)
    candidate = Path(source) / PERSONAE_FILE
    return candidate if candidate.is_file() else None


def select_persona(source: str, wanted: str) -> Persona:
    """The persona ``wanted``: a personae file of one, or an id or name of DOSSIER/personae.json
    (:func:`~nec_network.io.personae.find_persona`); French errors otherwise."""
    from nec_network.io.personae import find_persona, read_personae

    if wanted.lower().endswith(".json") and not Path(wanted).is_file():
        raise NecNetworkError(f"Fichier de personae introuvable : {wanted}.")
    path = _personae_file(source, wanted)
    if path is None:
        raise NecNetworkError(
            f"Persona introuvable : « {wanted} » n'est pas un fichier et {source}/personae.json n'existe pas."
        )
    personae = read_personae(path)
    if Path(wanted).is_file():
        if len(personae) != 1:
            raise NecNetworkError(f"{wanted} contient {len(personae)} personae : indiquez-en un seul.")
        return personae[0]
    persona = find_persona(personae, wanted)
    if persona is not None:
        return persona
    known = ", ".join(p.id for p in personae)
    raise NecNetworkError(f"Persona inconnu : « {wanted} ». Personae disponibles : {known}.")


def journey_command(args: argparse.Namespace) -> int:
    """``nec-network journey``: print the journey of one persona in French."""
    from nec_network.analysis.journeys import journey
    from nec_network.io import read_ecosystem
    from nec_network.model.opening_hours import describe_opening_hours
    from nec_network.model.vocabularies import PARTNERSHIP_LABELS
    from nec_network.wording import journey_answer

    persona = select_persona(args.source, args.persona)
    ecosystem, _ = read_ecosystem(args.source, personal_data=False)
    # The persona's own mobility is the mode (journey replaces it).
    result = journey(ecosystem, persona, threshold=threshold_input(args))
    lines = [f"Persona : {persona.nom}"]
    if persona.description:
        lines.append(persona.description)
    lines.append(f"Besoins : {', '.join(persona.besoins)}")
    lines.append("")
    lines.append(journey_answer(result, type_labels=PARTNERSHIP_LABELS))
    if not result.options.empty:
        lines.append("")
        lines.append("Lieux à portée :")
        for rank, row in enumerate(result.options.head(args.options).itertuples(), start=1):
            where = "passe dans la commune" if row.serves_commune else f"{number(row.distance_km, 1)} km"
            lines.append(f"  {rank}. {row.nom} ({row.commune}) — {where} — {row.needs_met.replace('|', ', ')}")
            hours = describe_opening_hours(row.horaires)
            contacts = " · ".join(part for part in (row.telephone, row.courriel.replace("|", ", "), hours) if part)
            if contacts:
                lines.append(f"     {contacts}")
    print("\n".join(lines))
    return 0


def analyse_command(args: argparse.Namespace) -> int:
    """``nec-network analyse``: every table into OUTDIR."""
    from nec_network.analysis.synthesis import synthesize
    from nec_network.views.tables import TABLE_NAMES, write_synthesis_tables

    claim_output_folder(args, args.output, TABLE_NAMES)
    fragility = fragility_input(args)
    inputs = analysis_inputs(args)
    ecosystem, communes = inputs.ecosystem, inputs.communes
    personae = personae_inputs(args, communes)
    synthesis = synthesize(
        ecosystem,
        communes,
        criteria=inputs.criteria,
        threshold=inputs.threshold,
        sites=args.sites,
        capacity=args.capacite,
        personae=personae,
        progress=lambda step: say(SYNTHESIS_STEPS[step].capitalize()),
        fragility=fragility,
    )
    say("Écriture des tables")
    written = write_synthesis_tables(synthesis, args.output)
    print(
        f"{plural(len(written), 'table écrite', 'tables écrites')} dans {args.output} "
        f"({plural(len(synthesis.ecosystem), 'acteur')}, {plural(len(communes), 'commune')}, "
        f"{plural(len(personae), 'persona', 'personae')})."
    )
    return 0
