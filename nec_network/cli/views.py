"""Sub-command ``demo``: the whole pipeline on the embedded demo, every page."""

from __future__ import annotations

import argparse
from pathlib import Path

from nec_network.wording import SYNTHESIS_STEPS, percent
from nec_network.cli._common import add_output_option, add_page_options, claim_output_folder
from nec_network.cli._progress import say

#: Where ``nec-network demo`` writes by default.
DEFAULT_OUTPUT = "maps"


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``demo`` to the ``nec-network`` parser."""
    command = subparsers.add_parser(
        "demo",
        help="lancer toute la chaîne sur l'écosystème de démonstration (fictif) : carte, réseau, rapport, "
        "« Où orienter ? », guide, prochaine rencontre, index",
        description="Lit l'écosystème de démonstration embarqué (fictif) et ses personae, calcule "
        "toutes les analyses et écrit carte.html, reseau.html, rapport.html (et rapport.md), "
        "orienter.html, guide.html, preparer.html (avec lieux_proposes.csv, invitations.csv et "
        "mises_en_relation.csv), index.html et les éléments à intégrer sans <iframe> : nec-orienter.js, "
        "nec-donnees.json et nec-carte.js.",
    )
    add_output_option(command, default=DEFAULT_OUTPUT, metavar="DOSSIER", help="dossier écrit (défaut : maps/)")
    add_page_options(command, tiles=True)
    command.set_defaults(func=demo_command)


def demo_command(args: argparse.Namespace) -> int:
    """``nec-network demo``: the whole pipeline on the embedded demo (its steps on the progress line)."""
    from nec_network.analysis.synthesis import synthesize
    from nec_network.demo import load_demo, load_demo_personae, load_demo_resources
    from nec_network.views.site import SITE_FILES, build_site

    # The demo rewrites its own pages run after run. Its default folder, maps/, holds the
    # repository's maps/README.md: there it may add its pages next to files it did not write
    # (never replacing them); any other folder follows the common rule.
    claim_output_folder(args, args.output, SITE_FILES, shared=args.output == DEFAULT_OUTPUT)
    say("Lecture de l'écosystème de démonstration (fictif)")
    ecosystem = load_demo()
    personae = load_demo_personae()
    synthesis = synthesize(
        ecosystem,
        personae=personae,
        resources=load_demo_resources(),
        progress=lambda step: say(SYNTHESIS_STEPS[step].capitalize()),
    )
    say("Écriture des pages")
    import datetime as dt

    # The build date, said once here: pages judge a record's age against it, never an implicit today.
    written = build_site(synthesis, Path(args.output), cdn=args.cdn, tiles=not args.sans_fond, at=dt.date.today())
    total = synthesis.coverage_total.iloc[0]
    print(
        f"Démonstration (données fictives) : {len(ecosystem)} acteurs, "
        f"{len(ecosystem.partnerships)} partenariats ; {percent(total['covered_population_share'])} de la population "
        f"{synthesis.threshold} d'un lieu d'aide."
    )
    for path in written:
        print(f"  {path}")
    print(f"Ouvrez {Path(args.output) / 'index.html'} dans un navigateur.")
    return 0
