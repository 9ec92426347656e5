"""Sub-commands ``report`` and ``site``: the synthesis report, and every page for a website."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from nec_network.cli._common import (
    add_output_option,
    add_analysis_options,
    add_capacity_option,
    add_fragility_option,
    add_page_options,
    add_page_output,
    add_personae_option,
    add_sites_option,
    analysis_inputs,
    claim_output_files,
    claim_output_folder,
    fragility_input,
    personae_inputs,
    resources_inputs,
)
from nec_network.cli._progress import step
from nec_network.cli.views_orientation import add_address_option, add_contact_option


def _common_options(command: argparse.ArgumentParser) -> None:
    add_analysis_options(command)
    add_sites_option(command)
    add_capacity_option(command)
    add_personae_option(command)
    add_fragility_option(command)


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``report`` and ``site`` to the ``nec-network`` parser."""
    report = subparsers.add_parser(
        "report",
        help="écrire le rapport de synthèse (HTML avec graphiques, et Markdown)",
        description="Écrit le rapport de synthèse : chiffres clés, couverture par département, "
        "EPCI, ruralité et service, zones blanches, sites recommandés, réseau, parcours des "
        "personae et ressources par type de difficulté ; le fichier .md est écrit à côté.",
    )
    _common_options(report)
    add_page_output(report)
    report.set_defaults(func=report_command)

    site = subparsers.add_parser(
        "site",
        help="écrire le site intégrable : carte, réseau, rapport, « Où orienter ? », guide, prochaine rencontre, "
        "page d'accueil avec les codes <iframe> et éléments <nec-orienter> et <nec-carte>",
        description="Écrit dans un dossier carte.html, reseau.html, rapport.html (et rapport.md), orienter.html, "
        "guide.html, preparer.html (avec lieux_proposes.csv, invitations.csv et mises_en_relation.csv) et "
        "index.html, qui relie les pages et donne le code à coller pour les intégrer à un autre site ; et, pour "
        "intégrer « Où orienter ? » et la carte sans <iframe>, nec-orienter.js (l'élément <nec-orienter>), "
        "nec-donnees.json (ses données) et nec-carte.js (l'élément <nec-carte>, qui affiche carte.html) : un seul "
        "<script> dans la page du site partenaire (voir le README).",
    )
    _common_options(site)
    add_output_option(site, required=True, metavar="DOSSIER", help="dossier écrit")
    add_page_options(site, tiles=True)
    add_contact_option(site)
    add_address_option(site)
    site.set_defaults(func=site_command)


def _synthesis(args: argparse.Namespace, say: Callable[[str], None] = lambda _label: None):
    """Read the ecosystem and the personae, run every analysis on the chosen communes;
    ``say`` receives the French name of each step (a progress line on a terminal)."""
    from nec_network.analysis.synthesis import synthesize
    from nec_network.wording import SYNTHESIS_STEPS

    fragility = fragility_input(args)
    say("Lecture de l'écosystème")
    inputs = analysis_inputs(args)
    resources = resources_inputs(args)
    return synthesize(
        inputs.ecosystem,
        inputs.communes,
        criteria=inputs.criteria,
        threshold=inputs.threshold,
        sites=args.sites,
        capacity=args.capacite,
        personae=personae_inputs(args, inputs.communes),
        resources=resources,
        progress=lambda code: say(SYNTHESIS_STEPS[code].capitalize()),
        fragility=fragility,
    )


def report_command(args: argparse.Namespace) -> int:
    """``nec-network report``: the report as HTML and Markdown."""
    from nec_network.views.report import write_report

    claim_output_files(args, args.output, str(Path(args.output).with_suffix(".md")))
    with step("Lecture") as say:
        synthesis = _synthesis(args, say)
        say("Écriture du rapport")
        written = write_report(synthesis, args.output, cdn=args.cdn)
    for path in written:
        print(f"Écrit : {path}")
    return 0


def site_command(args: argparse.Namespace) -> int:
    """``nec-network site``: map, network, report and index in one folder."""
    import datetime as dt

    from nec_network.views.site import SITE_FILES, build_site

    claim_output_folder(args, args.output, SITE_FILES)
    with step("Lecture") as say:
        synthesis = _synthesis(args, say)
        say("Écriture des pages")
        written = build_site(synthesis, args.output, cdn=args.cdn, tiles=not args.sans_fond, at=dt.date.today(),
                             contact=args.contact, address_service=args.adresse_en_ligne)
    for path in written:
        print(f"Écrit : {path}")
    return 0
