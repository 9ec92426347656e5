"""The report's key figures: headline numbers, the coverage rule and what to remember, in French."""

from __future__ import annotations

from nec_network.analysis.structures import is_derived_link
from nec_network.analysis.synthesis import Synthesis
from nec_network.views._report_sections import (
    Block,
    Figures,
    Heading,
    Items,
    Paragraph,
    _departement,
    fragility_sentences,
    is_rurality_approximate,
    number,
    percent,
    plural,
    positions_to_check_blocks,
)
from nec_network.wording import french_of


def key_figures_section(synthesis: Synthesis) -> list[Block]:
    """Headline numbers, the coverage rule, and the main findings in a few sentences."""
    total = synthesis.coverage_total.iloc[0]
    uncovered = int(total["population"]) - int(total["covered_population"])
    recommendations = synthesis.recommendations
    actors, partnerships = len(synthesis.ecosystem), len(synthesis.ecosystem.partnerships)
    derived = sum(is_derived_link(link) for link in synthesis.ecosystem.partnerships)
    covered, communes = int(total["covered_communes"]), int(total["communes"])
    people, zones = int(total["covered_population"]), len(synthesis.white_zones)
    share = percent(total["covered_communes_share"]), percent(total["covered_population_share"])
    figures = [  # (key, value as shown, label, bare number)
        ("acteurs", number(actors), "acteurs recensés", str(actors)),
        ("partenariats", number(partnerships), "partenariats" + (f", dont {number(derived)} déduit"
                                                                  f"{'' if derived == 1 else 's'} à l’import"
                                                                  if derived else ""), str(partnerships)),
        ("communes_couvertes", f"{number(covered)} / {number(communes)}",
         f"communes couvertes ({share[0]})", str(covered)),
        ("population_couverte", number(people), f"habitants couverts ({share[1]})", str(people)),
        ("population_non_couverte", number(uncovered), "habitants non couverts", str(uncovered)),
        ("zones_blanches", number(zones), "zones blanches", str(zones)),
    ]
    blocks: list[Block] = [
        Heading(2, "Chiffres clés", "chiffres-cles"),
        Figures(tuple(figures)),
        Paragraph(
            f"Une commune est dite couverte lorsqu’un acteur ({synthesis.criteria}) se trouve "
            f"{synthesis.threshold} de son point de référence, ou qu’un acteur itinérant y "
            "intervient. Les temps de trajet sont estimés à partir des distances à vol d’oiseau."
        ),
    ]
    if is_rurality_approximate(synthesis):
        blocks.append(
            Paragraph(
                "Le caractère rural ou urbain des communes est une approximation (commune rurale : "
                "moins de 2 000 habitants), faute de la grille communale de densité de l’Insee."
            )
        )
    blocks += positions_to_check_blocks(synthesis)
    findings = []
    by_dep = synthesis.coverage_by_departement.sort_values(
        ["covered_population_share", "departement"], kind="stable"
    )
    if len(by_dep) > 1:
        low, high = by_dep.iloc[0], by_dep.iloc[-1]
        findings.append(
            f"Département le moins couvert : {_departement(low['departement'])}, "
            f"{percent(low['covered_population_share'])} de la population ; le mieux couvert : "
            f"{_departement(high['departement'])}, {percent(high['covered_population_share'])}."
        )
    if len(synthesis.white_zones):
        zone = synthesis.white_zones.iloc[0]
        findings.append(
            f"La plus grande zone blanche, autour {french_of(zone['nom'])}, réunit "
            f"{plural(int(zone['commune_count']), 'commune')} et "
            f"{plural(int(zone['population']), 'habitant')} sans acteur {synthesis.threshold}."
        )
    if len(recommendations):
        last = recommendations.iloc[-1]
        findings.append(
            f"{plural(len(recommendations), 'nouveau lieu bien placé', 'nouveaux lieux bien placés')} "
            f"{'couvrirait' if len(recommendations) == 1 else 'couvriraient'} {plural(int(last['cumulative_covered_population']), 'habitant')} de plus, "
            f"soit {percent(last['cumulative_uncovered_share'])} de la population "
            "aujourd’hui non couverte."
        )
    findings.append(network_finding(synthesis))
    blocks += [Heading(3, "À retenir"), Items(tuple(findings))]
    return blocks


def network_finding(synthesis: Synthesis) -> str:
    """The network in one sentence; when every link was derived on import (antenna → main site,
    place → carrying structure), it says that no partnership was declared, and how to collect them."""
    summary = synthesis.network_summary
    links = synthesis.ecosystem.partnerships
    derived = sum(is_derived_link(link) for link in links)
    if links and derived == len(links):
        return (
            f"Aucun partenariat déclaré : les {plural(len(links), 'lien')} du réseau sont des rattachements "
            "(antenne et site principal, lieu et structure porteuse) lus dans les fichiers. Pour savoir qui "
            "travaille avec qui, faites remplir la page d’enquête (nec-network enquete)."
        )
    return (
        f"Le réseau relie {plural(summary['actors'], 'acteur')} par "
        f"{plural(summary['partnerships'], 'partenariat')}"
        + (f" (dont {number(derived)} déduit{'' if derived == 1 else 's'} à l’import)" if derived else "")
        + f" ; {plural(len(synthesis.isolated), 'acteur isolé', 'acteurs isolés')}, "
        f"{plural(len(fragility_sentences(synthesis)), 'point de fragilité', 'points de fragilité')}."
    )
