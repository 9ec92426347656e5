"""Where partnerships go: actors without any, actors without a local one, links across borders.

Every function takes the ecosystem first, never changes it and returns a
:class:`pandas.DataFrame` whose rows follow a documented, deterministic order.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import pandas as pd

from nec_network.model import Ecosystem
from nec_network.wording import UNKNOWN_GROUP


def isolated_actors(ecosystem: Ecosystem) -> pd.DataFrame:
    """Actors without any partnership: ``id, nom, typologie, departement, commune``, ecosystem order.

    >>> from nec_network.model import Actor, Partnership
    >>> eco = Ecosystem([Actor(x, x.upper()) for x in "abc"], [Partnership("a", "b", "partenariat")])
    >>> isolated_actors(eco)["id"].tolist()
    ['c']
    """
    graph = ecosystem.undirected_graph()
    rows = [
        {
            "id": actor.id,
            "nom": actor.nom,
            "typologie": "|".join(actor.typologies),
            "departement": actor.departement,
            "commune": actor.commune,
        }
        for actor in ecosystem
        if graph.degree(actor.id) == 0
    ]
    return pd.DataFrame(rows, columns=["id", "nom", "typologie", "departement", "commune"])


def actors_without_local_partner(ecosystem: Ecosystem) -> pd.DataFrame:
    """Actors with partners, none of them in their own département.

    Actors without any partner are left to :func:`isolated_actors`; actors whose
    département is unknown are left out. Columns: ``id, nom, departement,
    partners, partner_departements`` (``|``-joined codes), ecosystem order.

    >>> from nec_network.model import Actor, Partnership
    >>> eco = Ecosystem([Actor("a", "A", code_insee="02691"), Actor("b", "B", code_insee="80021"),
    ...                  Actor("c", "C", code_insee="80001")],
    ...                 [Partnership("a", "b", "partenariat"), Partnership("b", "c", "partenariat")])
    >>> actors_without_local_partner(eco)[["id", "partner_departements"]].to_dict("records")
    [{'id': 'a', 'partner_departements': '80'}]
    """
    graph = ecosystem.undirected_graph()
    rows = []
    for actor in ecosystem:
        partners = list(graph.neighbors(actor.id))
        if not actor.departement or not partners:
            continue
        elsewhere = {ecosystem[p].departement for p in partners}
        if actor.departement in elsewhere:
            continue
        rows.append(
            {
                "id": actor.id,
                "nom": actor.nom,
                "departement": actor.departement,
                "partners": len(partners),
                "partner_departements": "|".join(
                    sorted((code or UNKNOWN_GROUP for code in elsewhere), key=_unknown_last)
                ),
            }
        )
    return pd.DataFrame(
        rows, columns=["id", "nom", "departement", "partners", "partner_departements"]
    )


def links_across_departements(ecosystem: Ecosystem) -> pd.DataFrame:
    """Partnerships counted by the départements of their two ends: a symmetric matrix.

    Cell (A, B) is the number of partnerships between an actor of A and an actor
    of B, in either direction; the diagonal counts those inside a département.
    Codes sorted, unknown ones last as ``(inconnu)``.

    >>> from nec_network.model import Actor, Partnership
    >>> eco = Ecosystem([Actor("a", "A", code_insee="02691"), Actor("b", "B", code_insee="80021"),
    ...                  Actor("c", "C", code_insee="80001")],
    ...                 [Partnership("a", "b", "partenariat"), Partnership("b", "c", "orientation")])
    >>> links_across_departements(eco)
        02  80
    02   0   1
    80   1   1
    """
    return _link_matrix(ecosystem, lambda actor: actor.departement)


def links_across_typologies(ecosystem: Ecosystem) -> pd.DataFrame:
    """Partnerships counted by the main typology (the first listed) of their two ends.

    Same layout as :func:`links_across_departements`; actors without typology
    count as ``(inconnu)``.

    >>> from nec_network.model import Actor, Partnership
    >>> eco = Ecosystem([Actor("a", "A", typologies=("CCAS",)), Actor("b", "B", typologies=("BIB", "MUNI"))],
    ...                 [Partnership("a", "b", "partenariat")])
    >>> links_across_typologies(eco).loc["BIB", "CCAS"]
    np.int64(1)
    """
    return _link_matrix(ecosystem, lambda actor: actor.primary_typology)


def _link_matrix(ecosystem: Ecosystem, group: Callable) -> pd.DataFrame:
    labels = {actor.id: group(actor) or UNKNOWN_GROUP for actor in ecosystem}
    counts: Counter[tuple[str, str]] = Counter()
    for link in ecosystem.partnerships:
        if link.source == link.cible:
            continue
        first, second = labels[link.source], labels[link.cible]
        counts[first, second] += 1
        if first != second:
            counts[second, first] += 1
    order = sorted(set(labels.values()), key=_unknown_last)
    matrix = pd.DataFrame(0, index=order, columns=order, dtype="int64")
    for (first, second), count in counts.items():
        matrix.loc[first, second] = count
    return matrix


def _unknown_last(label: str) -> tuple[bool, str]:
    return (label == UNKNOWN_GROUP, label)
