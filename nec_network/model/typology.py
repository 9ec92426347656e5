"""The typology of a place deduced from its name, when the source gives none.

National files (the v0 export of the *Conseillers numériques* places) carry no
``typologie``: a map of them shows only grey markers. The name usually says what the
place is (« Médiathèque de Laon », « CCAS d'Abbeville », « Mairie de Ham »). The rules
below map words of the name to the data·inclusion typology codes of
:data:`~nec_network.model.vocabularies.TYPOLOGY_LABELS`; the first rule that matches
wins, so specific kinds come before generic ones (« CCAS de la mairie » is a CCAS,
« France services - Mairie de X » a France Services). A deduced typology is a guess:
the readers flag it and list it for review, and never replace a given value. Every code
is a key of ``TYPOLOGY_LABELS`` (checked by the tests).
"""

from __future__ import annotations

import re

from nec_network.text import normalize_name

#: (typology code, pattern over the normalised name), in priority order.
NAME_RULES: tuple[tuple[str, str], ...] = (
    ("RFS", r"france services?|maison france services?"),
    ("MSAP", r"msap|maisons? de services? au public"),
    ("CCAS", r"ccas|centre communal d action sociale"),
    ("CIAS", r"cias|centre intercommunal d action sociale"),
    ("BIB", r"mediatheques?|bibliotheques?|bibliotheque municipale|ludomediatheque"),
    ("CSC", r"centre socio culturel|centre socioculturel"),
    ("CS", r"centres? sociaux|centre social|espace social"),
    ("EVS", r"espace de vie sociale|evs"),
    ("ML", r"missions? locales?"),
    ("PIMMS", r"pimms|point information mediation multi services"),
    ("EPN", r"epn|espaces? publics? numeriques?|cyber ?base|cyber espace|cyberespace"),
    ("FABLAB", r"fab ?lab|atelier partage"),
    ("TIERS_LIEUX", r"tiers lieux?|coworking"),
    ("MJC", r"mjc|maison des jeunes et de la culture"),
    ("MQ", r"maison de quartier|maison des quartiers"),
    ("PIJ_BIJ", r"point information jeunesse|bureau information jeunesse|pij|bij"),
    ("MDS", r"maison departementale des solidarites|maison des solidarites"),
    ("CAF", r"caf|caisse d allocations familiales"),
    ("CPAM", r"cpam|caisse primaire d assurance maladie"),
    ("MSA", r"msa|mutualite sociale agricole"),
    ("FT", r"france travail|pole emploi"),
    ("MDE", r"maison de l emploi"),
    ("LA_POSTE", r"bureau de poste|agence postale|la poste"),
    ("PREF", r"prefecture|sous prefecture"),
    ("CFP", r"centre des finances publiques"),
    ("ES", r"epicerie solidaire"),
    ("RESSOURCERIE", r"ressourcerie|recyclerie"),
    ("E2C", r"ecole de la 2e chance|ecole de la deuxieme chance|e2c"),
    ("MUNI", r"mairie|hotel de ville|ville de|commune de"),
    ("CC", r"communaute de communes|cdc"),
    ("EPCI", r"communaute d agglomeration|agglomeration|communaute urbaine|metropole"),
    ("CD", r"conseil departemental|departement de"),
    ("ASSO", r"association|asso"),
)

_COMPILED = tuple((code, re.compile(rf"\b(?:{pattern})\b")) for code, pattern in NAME_RULES)


def typology_from_name(name: str) -> tuple[str, str] | None:
    """The typology code a place's name points to, and the words that said it; None if none.

    >>> typology_from_name("Médiathèque Jean Macé")
    ('BIB', 'mediatheque')
    >>> typology_from_name("CCAS de la Mairie de Ham")
    ('CCAS', 'ccas')
    >>> typology_from_name("France services - Mairie de Rue")[0], typology_from_name("Le Bistrot") is None
    ('RFS', True)
    """
    text = normalize_name(name)
    for code, pattern in _COMPILED:
        found = pattern.search(text)
        if found:
            return code, found.group(0)
    return None

