"""Sub-command ``orientation``: the « Où orienter ? » page for helpers."""

from __future__ import annotations

import argparse
import re

from nec_network.cli._common import (
    actor_criteria,
    add_page_output,
    add_personae_option,
    add_source_options,
    add_threshold_options,
    claim_output_files,
    date_arg,
    personae_inputs,
    resources_inputs,
    threshold_input,
)
from nec_network.cli._progress import say


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``orientation`` to the ``nec-network`` parser."""
    command = subparsers.add_parser(
        "orientation",
        help="écrire la page « Où orienter ? » : les lieux où envoyer une personne, depuis sa commune (HTML)",
        description="Écrit une page HTML autonome pour les aidants : la commune de la personne, sa "
        "difficulté, son public et sa mobilité donnent les lieux qui peuvent l'aider, du plus "
        "proche au plus loin, avec horaires, accès, frais et contacts, le chemin d'orientation "
        "depuis la structure de l'aidant et une fiche à imprimer. Les ressources sans lieu viennent "
        "de DOSSIER/ressources.csv, les exemples des personae.",
    )
    add_source_options(command, departements_help="communes proposées (défaut : 02,60,80)")
    what = command.add_mutually_exclusive_group()
    what.add_argument("--service", help="ne garder que les acteurs proposant ce service")
    what.add_argument("--dispositif", help="ne garder que les acteurs de ce dispositif")
    what.add_argument("--typologie", help="ne garder que les acteurs de cette typologie")
    command.add_argument("--public", help="ne garder que les acteurs accueillant ce public")
    command.add_argument("--le", "--at", metavar="DATE", type=date_arg,
                         help="date de construction de la page (AAAA-MM-JJ, défaut : aujourd'hui) : une fiche "
                         "mise à jour plus d'un an avant est dite « à vérifier »")
    add_threshold_options(command, mode=False,
                          km_help="sans maximum choisi, la page dit proche ce qui est à moins de K km à vol d'oiseau",
                          minutes_help="sans maximum choisi, la page dit proche ce qui est à moins de M minutes, "
                          "dans le mode de la personne")
    add_personae_option(command)
    add_contact_option(command)
    add_address_option(command)
    add_page_output(command)
    command.set_defaults(func=orientation_command)


def contact_arg(value: str) -> str:
    """``--contact``: one e-mail address (the page's « signaler une erreur » links write to it)."""
    address = value.strip()
    if not re.fullmatch(r"[^@\s<>\"?&]+@[^@\s<>\"?&]+\.[^@\s<>\"?&]+", address):
        raise argparse.ArgumentTypeError(f"« {value} » n'est pas une adresse électronique (exemple : contact@exemple.fr)")
    return address


def add_contact_option(command: argparse.ArgumentParser) -> None:
    """``--contact``: where « Où orienter ? » sends the reports of an error on a place (optional)."""
    command.add_argument("--contact", type=contact_arg, metavar="COURRIEL",
                         help="adresse à qui signaler une erreur sur un lieu : chaque fiche de « Où orienter ? » "
                         "a alors un lien « signaler une erreur » qui ouvre un courriel prérempli (rien n'est "
                         "envoyé par la page) ; sans elle, pas de lien")


def add_address_option(command: argparse.ArgumentParser) -> None:
    """``--adresse-en-ligne``: « Où orienter ? » may ask the Base Adresse Nationale (optional)."""
    from nec_network.settings import BAN_SEARCH_URL

    command.add_argument(
        "--adresse-en-ligne", "--online-address", dest="adresse_en_ligne", action="store_const",
        const=BAN_SEARCH_URL, default=None,
        help="ajouter à « Où orienter ? » un bouton qui cherche l'adresse tapée dans la Base Adresse "
        "Nationale (api-adresse.data.gouv.fr) : seule l'adresse tapée est envoyée, et seulement au clic ; "
        "sans cette option, la page n'envoie jamais rien et lit l'adresse hors ligne (code postal et nom "
        "de la commune)")


def orientation_command(args: argparse.Namespace) -> int:
    """``nec-network orientation``: read the ecosystem, its resources and personae, write the page."""
    from nec_network.io import read_ecosystem
    from nec_network.territory import load_communes
    from nec_network.views.orientation import OrientationOptions, write_orientation
    from nec_network.wording import plural

    claim_output_files(args, args.output)
    criteria = actor_criteria(args)
    say("Lecture de l'écosystème")
    ecosystem, _ = read_ecosystem(args.source, personal_data=False)
    communes = (
        load_communes(departements=args.departements) if args.departements else load_communes()
    )
    resources = resources_inputs(args)
    personae = personae_inputs(args, communes)
    import datetime as dt

    built = args.le or dt.date.today()  # the build date, said once here and passed to the page
    options = OrientationOptions(resources=resources, personae=personae, places=criteria.offers, cdn=args.cdn,
                                 at=built, contact=args.contact, address_service=args.adresse_en_ligne,
                                 threshold=threshold_input(args))
    say("Lieux, communes et écriture de la page")
    path = write_orientation(args.output, ecosystem, communes, options)
    places = sum(criteria.offers(actor) for actor in ecosystem)
    print(
        f"Page « Où orienter ? » écrite : {path} ({plural(places, 'lieu', 'lieux')} possibles parmi {plural(len(ecosystem), 'acteur')}, "
        f"{plural(len(communes), 'commune')}, {plural(len(resources), 'ressource')} sans lieu, "
        f"{plural(len(personae), 'exemple')})."
    )
    return 0
