"""The French lines ``nec-network import`` prints: per file, after consolidation, about the territory."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from nec_network.io.report import Report
from nec_network.wording import number, plural

if TYPE_CHECKING:
    from nec_network.analysis.surroundings import TerritoryActors
    from nec_network.model import Ecosystem


def import_summary(source: str, report: Report) -> str:
    """The one French line printed by ``nec-network import``."""
    return (
        f"{source} : {plural(report.rows_read, 'ligne lue', 'lignes lues')} (acteurs et partenariats), "
        f"{plural(report.imported, 'importée', 'importées')} "
        f"dont {plural(report.corrected, 'corrigée', 'corrigées')}, "
        f"{plural(report.rejected, 'rejetée', 'rejetées')} ; "
        f"{plural(len(report.errors), 'erreur')}, {plural(len(report.warnings), 'avertissement')}."
    )




def consolidation_summary(result, combined, total: Report, output: Path,  # noqa: ANN001
                          final: Ecosystem | None = None, *, surveyed: int = 0,
                          merged_rows: int | None = None) -> list[str]:
    """French lines saying what the import did after reading: duplicates, structure, personal data, totals.

    ``final`` is what was written when ``--departements`` left actors out (default: all of them);
    ``surveyed`` the new links a survey's answers declared; ``merged_rows`` the rows merged into
    another before ``--departements`` narrowed ``result`` to the actors kept (default: ``result``'s).
    """
    final = result.ecosystem if final is None else final
    groups = len(result.duplicates.groups)
    merged = len(result.merges)
    merged_rows = merged if merged_rows is None else merged_rows
    uncertain = len(result.duplicates.uncertain)
    lines = []
    if result.merges:
        lines.append(
            f"Doublons : {plural(groups, 'groupe fusionné', 'groupes fusionnés')} "
            f"({plural(merged, 'ligne réunie', 'lignes réunies')} à une autre, détail dans doublons.csv) ; "
            f"{plural(uncertain, 'paire incertaine', 'paires incertaines')} à vérifier "
            "(doublons-a-verifier.csv, non fusionnées)."
        )
    else:
        found = f"{plural(groups, 'groupe de doublons trouvé', 'groupes de doublons trouvés')}, non fusionnés ; " \
            if groups else "aucun doublon ; "
        lines.append(f"Doublons : {found}{plural(uncertain, 'paire incertaine', 'paires incertaines')} "
                     "à vérifier (doublons-a-verifier.csv).")
    structures, antennas = result.structures, result.antennas
    if structures.actors or structures.partnerships or structures.places_as_structure or antennas.partnerships \
            or antennas.unlinked:
        lines.append(
            f"Structure : {plural(structures.actors, 'structure porteuse ajoutée', 'structures porteuses ajoutées')}"
            + (f" ({plural(structures.places_as_structure, 'lieu reconnu comme sa propre structure', 'lieux reconnus comme leur propre structure')}, d'après SIRET et nom)"
               if structures.places_as_structure else "")
            + f" et {plural(structures.partnerships, 'lien « membre de » lieu → structure', 'liens « membre de » lieu → structure')} ; "
            f"{plural(antennas.partnerships, 'antenne France Services reliée à son', 'antennes France Services reliées à leur')}"
            f" site principal"
            + (f", {plural(len(antennas.unlinked), 'antenne sans site principal trouvé', 'antennes sans site principal trouvé')}"
               if antennas.unlinked else "") + "."
        )
    if result.services_deduced:
        one = result.services_deduced == 1
        lines.append(
            f"Services déduits du label : {plural(result.services_deduced, 'lieu', 'lieux')} sans service "
            f"{'reçoit ceux que son' if one else 'reçoivent ceux que leur'} label national garantit (France "
            "Services : démarches administratives et accès libre à un ordinateur, d'après la charte nationale), "
            "marqués dans la colonne services_deduits."
        )
    if result.personal_removed:
        lines.append(
            f"Données personnelles : noms, courriels et téléphones des conseillers de "
            f"{plural(result.personal_removed, 'lieu', 'lieux')} non écrits (leur nombre reste dans la colonne "
            "conseillers) ; --garder-donnees-personnelles pour les garder dans le modèle."
        )
        if result.personal_values_removed:
            lines.append(
                f"  Retirées aussi : {plural(result.personal_values_removed, 'valeur', 'valeurs')} d'un conseiller "
                "retrouvées ailleurs (autre champ, autre écriture, doublon fusionné)."
            )
    elif result.personal_kept:
        lines.append(
            f"Données personnelles gardées dans le modèle pour {plural(result.personal_kept, 'lieu', 'lieux')} "
            "(--garder-donnees-personnelles) : elles ne vont jamais dans les pages ni les exports publiés."
        )
    lines.append(balance_line(result, combined, total, output, final, surveyed=surveyed,
                              merged_rows=merged_rows))
    return lines


def balance_line(result, combined, total: Report, output: Path, final: Ecosystem,  # noqa: ANN001
                 *, surveyed: int, merged_rows: int) -> str:
    """The French « Bilan » line: rows read = imported + rejected, actors and partnerships in = written."""
    merged = len(result.merges)
    actors_in, links_in = len(combined), len(combined.partnerships)
    added = result.structures.partnerships + result.antennas.partnerships
    links_out = len(result.ecosystem.partnerships)
    outside = actors_in - merged_rows + result.structures.actors - len(final)
    merged_text = number(merged_rows) + (f" (dont {number(merged)} parmi les acteurs gardés)"
                                         if merged_rows != merged else "")
    links_outside = links_out - len(final.partnerships)
    return (
        f"Bilan : {plural(total.rows_read, 'ligne lue', 'lignes lues')} (acteurs et partenariats) = "
        f"{number(total.imported)} importées + {number(total.rejected)} rejetées ; "
        f"{plural(actors_in, 'acteur importé', 'acteurs importés')} − {merged_text} réunis à un doublon + "
        f"{plural(result.structures.actors, 'structure porteuse', 'structures porteuses')}"
        + (f" − {number(outside)} hors territoire mis de côté" if outside else "")
        + f" = {plural(len(final), 'acteur écrit', 'acteurs écrits')} ; "
        f"{plural(links_in, 'partenariat importé', 'partenariats importés')} + {number(added)} ajoutés (structures, "
        f"antennes) − {number(links_in + added + surveyed - links_out)} sans objet après fusion"
        + (f" + {number(surveyed)} déclarés par l'enquête" if surveyed else "")
        + (f" − {number(links_outside)} hors territoire" if links_outside else "")
        + f" = {plural(len(final.partnerships), 'partenariat écrit', 'partenariats écrits')} dans {output}."
    )


def swapped_positions(report: Report) -> str:
    """The French line proposing to swap latitude and longitude, when some positions look swapped."""
    swaps = [problem for problem in report.errors if problem.column == "latitude" and problem.suggestion]
    if not swaps:
        return ""
    first = swaps[0]
    return (
        f"{plural(len(swaps), 'position semble avoir', 'positions semblent avoir')} latitude et longitude "
        f"inversées (à vérifier, absentes de la carte) ; correction proposée, par exemple "
        f"{first.message.split(' : ')[0]} : {first.suggestion} au lieu de {first.value}."
    )


def territory_summary(split: TerritoryActors, departements: Sequence[str], *, links_before: int) -> str:
    """The French line saying what ``import --departements`` kept, kept around and left out.

    >>> from nec_network.analysis.surroundings import territory_with_surroundings
    >>> from nec_network.model import Actor, Ecosystem
    >>> every = Ecosystem([Actor("a", "A", code_insee="80021"), Actor("b", "B", code_insee="75056"),
    ...                    Actor("c", "C"), Actor("d", "D", code_insee="76312")])
    >>> territory_summary(territory_with_surroundings(every, ["60", "80"]), ["60", "80"], links_before=0)
    'Territoire (60, 80) : 2 acteurs gardés, dont 1 sans commune connue ; 1 lieu à moins de 30 km gardé comme contexte « hors territoire » (couverture et lieux proches des communes frontalières, jamais compté comme acteur du territoire) ; 1 acteur plus loin laissé de côté.'
    """
    own, context = split.own, split.context
    line = f"Territoire ({', '.join(departements)}) : {plural(len(own), 'acteur gardé', 'acteurs gardés')}"
    unplaced = sum(1 for actor in own if not actor.departement)
    if unplaced:
        line += f", dont {number(unplaced)} sans commune connue"
    if len(context):
        line += (
            f" ; {plural(len(context), 'lieu', 'lieux')} à moins de {number(split.margin_km)} km "
            f"{'gardé' if len(context) == 1 else 'gardés'} comme contexte « hors territoire » (couverture et "
            f"lieux proches des communes frontalières, jamais compté{'' if len(context) == 1 else 's'} comme "
            f"acteur{'' if len(context) == 1 else 's'} du territoire)"
        )
    if split.left_out:
        line += f" ; {plural(split.left_out, 'acteur plus loin laissé', 'acteurs plus loin laissés')} de côté"
    links = links_before - len(split.ecosystem.partnerships)
    if links:
        line += f" ; {plural(links, 'partenariat')} avec eux laissés de côté"
    return line + "."
