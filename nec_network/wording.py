"""French wording: numbers, shares, counts and lists as a French reader writes them.

The one public place for French formatting and sentences, used by the CLI and the
views: the analyses return data (English column names, codes and values), and the
sentences about their results (what is lost when an actor disappears, why two actors
should meet) are written here, as are the French headers of their tables
(:data:`FRENCH_HEADERS`).

Text for the terminal uses plain spaces between thousands; HTML uses no-break
spaces (:data:`NBSP`) so that ``1 918 654`` never breaks across lines.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence

from nec_network.text import normalize_name, strip_accents

NBSP = "\u00a0"


def number(value: float, decimals: int = 0, *, separator: str = " ") -> str:
    """``1918654`` → ``1 918 654``; ``83.54, 1`` → ``83,5``.

    >>> number(1918654), number(83.54, 1), number(2300, separator=NBSP)
    ('1 918 654', '83,5', '2\\xa0300')
    """
    text = f"{float(value):,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", separator)


def percent(share: float, decimals: int = 1, *, separator: str = " ") -> str:
    """A share (0–1) as a French percentage: ``0.96428`` → ``96,4 %``.

    >>> percent(0.96428), percent(0.5, 0, separator=NBSP)
    ('96,4 %', '50\\xa0%')
    """
    return f"{number(100 * float(share), decimals, separator=separator)}{separator}%"


def plural(count: int, singular: str, plural_form: str | None = None, *, separator: str = " ") -> str:
    """``1 commune``, ``2 300 acteurs``, ``3 zones blanches``.

    >>> plural(1, "commune"), plural(2300, "acteur"), plural(3, "lieu", "lieux")
    ('1 commune', '2 300 acteurs', '3 lieux')
    """
    # French: 0 and 1 take the singular.
    word = singular if abs(count) < 2 else (plural_form or singular + "s")
    return f"{number(count, separator=separator)} {word}"


def context_places_sentence(count: int) -> str:
    """The sentence saying how many places outside the territory its coverage counts (``""``: none).

    >>> context_places_sentence(1)
    ' La couverture, les lieux les plus proches et les sites recommandés comptent aussi 1 lieu voisin « hors territoire », à portée des communes frontalières ; il n’est pas compté parmi les acteurs du territoire.'
    """
    if not count:
        return ""
    return (
        f" La couverture, les lieux les plus proches et les sites recommandés comptent aussi "
        f"{plural(count, 'lieu voisin', 'lieux voisins')} « hors territoire », à portée des communes "
        f"frontalières ; {'il n’est pas compté' if count == 1 else 'ils ne sont pas comptés'} parmi les "
        "acteurs du territoire."
    )


def oui_non(values):
    """Booleans as ``oui``/``non`` and missing values as empty text, for a pandas Series.

    >>> import pandas as pd
    >>> oui_non(pd.Series([True, False, None])).tolist()
    ['oui', 'non', '']
    """
    return values.map({True: "oui", False: "non"}).fillna("")


def listed(names: Iterable[str], *, limit: int, sort: bool = False) -> str:
    """Names joined the French way, the tail counted beyond ``limit``.

    ``sort`` orders them alphabetically (accents and case ignored) first.

    >>> listed(["Mairie", "CCAS", "École"], limit=5, sort=True)
    'CCAS, École et Mairie'
    >>> listed(["A", "B", "C"], limit=2)
    'A, B et 1 autre'
    """
    ordered = list(names)
    if sort:
        ordered.sort(key=lambda name: (normalize_name(name), name))
    if len(ordered) <= 1:
        return "".join(ordered)
    if len(ordered) > limit:
        rest = len(ordered) - limit
        return f"{', '.join(ordered[:limit])} et {plural(rest, 'autre')}"
    return f"{', '.join(ordered[:-1])} et {ordered[-1]}"


def french_of(name: str) -> str:
    """``de`` + ``name`` with French contraction and elision (``du``, ``des``, ``d'``).

    >>> french_of("La Poste"), french_of("Écrivain public")
    ('de La Poste', "d'Écrivain public")
    """
    if name.startswith("Le "):
        return "du " + name[3:]
    if name.startswith("Les "):
        return "des " + name[4:]
    if _starts_with_vowel(name):
        return "d'" + name
    return "de " + name


def community_name(central_name: str) -> str:
    """French name of a community of partners after its central member, article contracted.

    >>> community_name("Le Tiers-Lieu de Chauny"), community_name("Espace numérique")
    ('Communauté du Tiers-Lieu de Chauny', "Communauté d'Espace numérique")
    >>> community_name("Les Ateliers"), community_name("CCAS de Guise")
    ('Communauté des Ateliers', 'Communauté de CCAS de Guise')
    """
    return f"Communauté {french_of(central_name)}"


#: Label of the group of actors whose département or typology is unknown, in the link matrices.
UNKNOWN_GROUP = "(inconnu)"


def _starts_with_vowel(text: str) -> bool:
    # "h" is left out: French cannot tell a mute h from an aspirated one by spelling.
    return strip_accents(text[:1]).lower() in tuple("aeiouy")


#: How a mobility mode is said after a duration (``20 minutes en voiture``).
MODE_PHRASES: dict[str, str] = {
    "voiture": "en voiture",
    "transport": "en transports",
    "velo": "à vélo",
    "pied": "à pied",
}


def threshold_phrase(*, max_km: float | None, max_minutes: float | None, mode: str) -> str:
    """A coverage threshold in French.

    >>> threshold_phrase(max_km=10, max_minutes=None, mode="voiture")
    'à 10 km ou moins à vol d’oiseau'
    >>> threshold_phrase(max_km=None, max_minutes=20, mode="pied")
    'à 20 minutes ou moins à pied'
    """
    if max_km is not None:
        return f"à {max_km:g} km ou moins à vol d’oiseau"
    return f"à {max_minutes:g} minutes ou moins {MODE_PHRASES.get(mode, mode)}"


def criteria_phrase(
    *, service: str | None, dispositif: str | None, typologie: str | None, public: str | None
) -> str:
    """What an actor must offer to count, in French (``tout acteur`` when nothing is asked).

    >>> criteria_phrase(service=None, dispositif="France Services", typologie=None, public=None)
    'dispositif « France Services »'
    """
    parts = [
        f"{label} « {value} »"
        for label, value in (
            ("service", service),
            ("dispositif", dispositif),
            ("typologie", typologie),
            ("public", public),
        )
        if value
    ]
    return ", ".join(parts) if parts else "tout acteur"


#: Names listed in a sentence before "et N autres".
LISTED_NAMES = 10


def loss_sentence(subject: str, names: Iterable[str]) -> str:
    """What is lost when ``subject`` disappears: the actors left without any link to the rest.

    >>> loss_sentence("CCAS", ["Mairie", "Médiathèque"])
    'Si CCAS disparaît, 2 acteurs perdent leur seul lien avec le reste du réseau : Mairie et Médiathèque.'
    """
    names = list(names)
    verb = "acteur perd son seul lien" if len(names) == 1 else "acteurs perdent leur seul lien"
    return (
        f"Si {subject} disparaît, {len(names)} {verb} avec le reste du réseau : "
        f"{listed(names, limit=LISTED_NAMES, sort=True)}."
    )


def cut_off_sentences(table, names: Mapping[str, str]) -> list[str]:
    """One sentence per row of :func:`~nec_network.analysis.fragility.articulation_points`
    (``nom``) or :func:`~nec_network.analysis.fragility.bridges` (``source_name``,
    ``target_name``); ``names`` gives each actor id its name.

    >>> import pandas as pd
    >>> rows = pd.DataFrame({"source_name": ["A"], "target_name": ["B"], "cut_off_ids": ["b"]})
    >>> cut_off_sentences(rows, {"b": "B"})
    ['Si le lien entre A et B disparaît, 1 acteur perd son seul lien avec le reste du réseau : B.']
    """
    sentences = []
    for row in table.to_dict("records"):
        subject = row["nom"] if "nom" in row else f"le lien entre {row['source_name']} et {row['target_name']}"
        lost = [names.get(key, key) for key in str(row["cut_off_ids"]).split("|") if key]
        sentences.append(loss_sentence(subject, lost))
    return sentences


#: Common partners named in a suggestion's sentence before "et N autres".
NAMED_PARTNERS = 3


def suggestion_sentence(
    source: str,
    target: str,
    km: float,
    offered: Sequence[str],
    offered_back: Sequence[str],
    publics: Sequence[str],
    partners: Sequence[str],
) -> str:
    """Why ``source`` and ``target`` should meet: what each offers that the other lacks, the
    publics they share and their partners in common (``km`` apart as the crow flies).

    >>> suggestion_sentence("Atelier", "CCAS", 2.4, ["Accès internet"], [], ["Seniors"], [])
    "Atelier (à 2 km) propose « Accès internet » que CCAS n'offre pas ; tous deux s'adressent au public « Seniors »."
    """
    where = "à moins d'1 km" if km < 1 else f"à {math.floor(km + 0.5)} km"
    if offered:
        clause = f"{source} ({where}) propose {_quoted(offered)} {_que(target)} n'offre pas"
        if offered_back:
            clause += f", et {target} propose {_quoted(offered_back)} en retour"
    else:
        clause = f"{source} et {target} sont {where} l'un de l'autre"
    clauses = [clause]
    if publics:
        kind = "au public" if len(publics) == 1 else "aux publics"
        clauses.append(f"tous deux s'adressent {kind} {_quoted(publics)}")
    if partners:
        count = len(partners)
        noun = "partenaire" if count == 1 else "partenaires"
        clauses.append(
            f"ils ont {count} {noun} en commun ({listed(partners, limit=NAMED_PARTNERS, sort=True)})"
        )
    return " ; ".join(clauses) + "."


def suggestion_sentences(table) -> list[str]:
    """One sentence per row of :func:`~nec_network.analysis.suggestions.suggest_partnerships`
    (:func:`suggestion_sentence` over its ``source_name``, ``target_name``, ``distance_km``,
    ``source_services``, ``target_services``, ``common_publics`` and ``common_partner_names``)."""

    def values(text: str) -> list[str]:
        return [value for value in str(text).split("|") if value]

    return [
        suggestion_sentence(
            row["source_name"],
            row["target_name"],
            float(row["distance_km"]),
            values(row["source_services"]),
            values(row["target_services"]),
            values(row["common_publics"]),
            list(row["common_partner_names"]),
        )
        for row in table.to_dict("records")
    ]


def _quoted(values: Sequence[str]) -> str:
    quoted = [f"« {value} »" for value in values]
    return quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} et {quoted[-1]}"


def _que(name: str) -> str:
    """``que`` elided before a vowel: ``qu'Espace numérique``, ``que CCAS``."""
    return f"qu'{name}" if _starts_with_vowel(name) else f"que {name}"


def journey_sentences(journey, *, type_labels: Mapping[str, str]) -> tuple[str, ...]:
    """The answer to a helper for one :class:`~nec_network.analysis.journeys.Journey`, one French
    sentence per finding: the best place within reach (or none), each need met by nobody within
    reach, and the referral path from the first contact (or whom to contact directly).
    ``type_labels`` names each partnership type (``PARTNERSHIP_LABELS`` of the vocabularies).
    """
    persona, options = journey.persona, journey.options
    reach = f"{journey.max_minutes:g} minutes {MODE_PHRASES.get(persona.mobilite, persona.mobilite)}"
    sentences = []
    if options.empty:
        sentences.append(
            f"Depuis {journey.commune}, aucun lieu à moins de {reach} ne répond aux besoins de {persona.nom}."
        )
    else:
        best = options.iloc[0]
        where = "passe dans la commune" if best["serves_commune"] else f"est à {number(best['distance_km'], 1)} km"
        answers = (
            "répond à tous ses besoins"
            if best["needs_met_count"] == len(persona.besoins)
            else f"répond à {plural(int(best['needs_met_count']), 'besoin', 'besoins')} sur {len(persona.besoins)}"
        )
        sentences.append(
            f"Depuis {journey.commune}, {plural(len(options), 'lieu', 'lieux')} à moins de {reach} ; "
            f"le plus adapté, {best['nom']}, {where} et {answers}."
        )
    for row in journey.beyond_reach.itertuples():
        if row.actor:
            sentences.append(
                f"Besoin non couvert à moins de {reach} : « {row.need} » ; le lieu le plus proche, "
                f"{row.nom}, est à {number(row.distance_km, 1)} km."
            )
        else:
            sentences.append(f"Besoin non couvert : aucun acteur ne propose « {row.need} ».")
    contact, path = journey.first_contact_name, journey.referral_path
    if contact and path:
        caveat = ""
        if path[-1] not in set(options["actor"]):
            caveat = (
                f", mais ce lieu est hors de portée {MODE_PHRASES.get(persona.mobilite, '')} : "
                "un accompagnement à distance ou une permanence plus proche est à organiser"
            )
        if len(path) == 1:
            sentences.append(f"{contact}, premier contact, peut l'accompagner directement{caveat}.")
        else:
            steps = " → ".join(
                f"{name} ({type_labels[kind].lower() if kind in type_labels else kind})"
                for name, kind in zip(journey.referral_names[1:], journey.referral_types, strict=True)
            )
            sentences.append(f"Chemin d'orientation depuis {contact} : {steps}{caveat}.")
    elif contact and not options.empty:  # no chain of partnerships reaches an option
        best = options.iloc[0]
        phone = f" ({best['telephone']})" if best["telephone"] else ""
        sentences.append(
            f"{contact} n'a aucun lien de partenariat connu avec les lieux proches : "
            f"contactez directement {best['nom']}{phone}."
        )
    return tuple(sentences)


def journey_answer(journey, *, type_labels: Mapping[str, str]) -> str:
    """:func:`journey_sentences` as one paragraph."""
    return " ".join(journey_sentences(journey, type_labels=type_labels))


#: The steps of :func:`~nec_network.analysis.synthesis.synthesize`, as progress shows them.
SYNTHESIS_STEPS: dict[str, str] = {
    "coverage": "couverture des communes",
    "gaps_and_sites": "zones blanches et sites recommandés",
    "network": "structure du réseau",
    "journeys": "parcours des personae",
}


#: The French reason of each rule that decides a pair of records (``{0}``, ``{1}``: its details).
DUPLICATE_REASONS: dict[str, str] = {
    "distinct_kinds_same_place": "deux structures distinctes au même endroit ({0}, {1})",
    "fixed_and_itinerant": "un lieu fixe et un service itinérant au même endroit",
    "same_name_same_address": "même nom et même adresse",
    "same_name_same_place": "même nom au même endroit",
    "same_point_similar_name": "à moins de {0} m avec un nom semblable",
    "same_address_similar_name": "même adresse avec un nom semblable",
    "same_address_same_kind": "même adresse, même genre de structure ({0}) et noms proches",
    "same_address_same_email": "même adresse et même courriel",
    "same_address_same_website": "même adresse et même site web",
    "same_siret_same_address": "même SIRET et même adresse",
    "mean_score": "score moyen {0} ≥ {1}",
    "same_address_different_names": "même adresse, noms différents",
    "same_point_different_names": "même point, noms différents",
    "same_name_other_address": "même nom à une autre adresse de la commune",
    "other_commune_same_identifier": "communes différentes, mais même adresse et même SIRET, courriel ou téléphone",
    "other_commune_same_place": "communes différentes au même endroit (coordonnées copiées ?)",
    "same_listing_twice": "même nom, même adresse et même contact (lieu fixe et itinérant)",
}


def duplicate_reason(rule: str, details: Sequence[object] = ()) -> str:
    """Why two records were merged or listed for review, from the rule that decided
    (:class:`~nec_network.analysis.duplicates.DuplicatePair`'s ``rule`` and ``details``).

    >>> duplicate_reason("distinct_kinds_same_place", ("mairie", "CCAS"))
    'deux structures distinctes au même endroit (mairie, CCAS)'
    >>> duplicate_reason("mean_score", (91.5, 90.0))
    'score moyen 91.5 ≥ 90'
    """
    return DUPLICATE_REASONS[rule].format(
        *(f"{value:g}" if isinstance(value, float) else value for value in details)
    )


#: The French header of each English column name of the analyses' tables: the one mapping
#: that files and pages use (``DataFrame.rename(columns=FRENCH_HEADERS)``). Columns named
#: after the data model (``code_insee``, ``nom``, ``departement``…) are French already.
FRENCH_HEADERS: dict[str, str] = {
    # coverage
    "travel_minutes": "temps_minutes",
    "nearest_actor": "acteur_proche",
    "nearest_actor_name": "acteur_proche_nom",
    "covered": "couvert",
    "covered_communes": "communes_couvertes",
    "covered_communes_share": "part_communes_couvertes",
    "covered_population": "population_couverte",
    "covered_population_share": "part_population_couverte",
    "services_covered": "services_couverts",
    # network
    "degree": "degre",
    "degree_in": "degre_entrant",
    "degree_out": "degre_sortant",
    "degree_weighted": "degre_pondere",
    "partners": "partenaires",
    "partner_departements": "departements_partenaires",
    "betweenness": "intermediarite",
    "closeness": "proximite",
    "community": "communaute",
    "community_name": "nom_communaute",
    "communities_linked": "communautes_reliees",
    "departements_linked": "departements_relies",
    "communities": "communautes",
    "actors_cut_off": "acteurs_coupes",
    "cut_off_ids": "acteurs_coupes_ids",
    "sentence": "phrase",
    "central_actor": "acteur_central",
    "central_actor_name": "acteur_central_nom",
    "size": "taille",
    "internal_links": "liens_internes",
    "external_links": "liens_externes",
    "members": "membres",
    "actors": "acteurs",
    "partnerships": "partenariats",
    "links": "liens",
    "density": "densite",
    "components": "composantes",
    "largest_component": "plus_grande_composante",
    "isolated_actors": "acteurs_isoles",
    "links_across_departements": "liens_entre_departements",
    "links_across_typologies": "liens_entre_typologies",
    "articulation_points": "points_articulation",
    "bridges": "ponts",
    # recommended sites (and every ranked table)
    "rank": "rang",
    "actor": "acteur",
    "actor_name": "acteur_nom",
    "population_gain": "gain_population",
    "weighted_gain": "gain_population_fragile",
    "communes_gained": "communes_gagnees",
    "cumulative_covered_population": "population_couverte_cumulee",
    "cumulative_uncovered_share": "part_population_non_couverte_cumulee",
    # 2SFCA accessibility
    "raw_capacity": "capacite_brute",
    "capacity": "capacite",
    "estimated": "capacite_estimee",
    "actors_within_reach": "acteurs_accessibles",
    "capacity_per_10000": "capacite_pour_10000_habitants",
    "accessibility_index": "indice_accessibilite",
    # white zones
    "main_code_insee": "code_insee_principal",
    "commune_count": "nombre_communes",
    "commune_codes": "communes",
    "priority": "priorite",
    "fragility_index": "indice_fragilite",
    "fragile_population": "population_fragile",
    # journeys (options within reach, needs beyond reach, one answer per persona)
    "needs_met": "besoins_couverts",
    "needs_met_count": "nombre_besoins",
    "prise_en_charge_matched": "prise_en_charge_adaptee",
    "serves_commune": "via_itinerance",
    "need": "besoin",
    "persona_name": "persona_nom",
    "answer": "reponse",
    "referral_path": "chemin_orientation",
    "unmet_needs": "besoins_non_couverts",
    # resources by need and the guide per difficulty
    "actor_count": "nombre_acteurs",
    "itinerant_count": "itinerants",
    "places": "lieux",
    "population_within_reach": "population_a_portee",
    "population_within_reach_share": "part_population_a_portee",
    # partnership suggestions
    "source_name": "source_nom",
    "target": "cible",
    "target_name": "cible_nom",
    "complementarity": "complementarite",
    "publics_overlap": "publics_partages",
    "common_partners": "partenaires_communs",
    "source_services": "services_source",
    "target_services": "services_cible",
    "common_publics": "publics_communs",
    "reason": "raison",
    # evolution over time (analysis.evolution): ties per period, per actor, created, survival
    "period": "periode", "start": "debut", "end": "fin", "formed": "liens_formes", "ended": "liens_termines",
    "net": "solde", "cumulative": "liens_ouverts", "undated": "liens_sans_date", "participant": "participant",
    "partners_before": "partenaires_avant", "partners_after": "partenaires_apres", "new_partners": "nouveaux_partenaires",
    "lost_partners": "partenaires_perdus", "met_at_event": "rencontres_a_l_evenement",
    "new_partner_ids": "nouveaux_partenaires_ids", "lost_partner_ids": "partenaires_perdus_ids",
    "met_at_event_ids": "rencontres_a_l_evenement_ids", "kind": "entre", "bridge_reasons": "raisons_pont",
    "still_going": "en_cours", "days": "jours", "survival": "survie", "at_risk": "liens_observes",
}
