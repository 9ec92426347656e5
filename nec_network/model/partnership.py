"""Partnerships between actors: who works with, orients to, funds or belongs to whom."""

from __future__ import annotations

from dataclasses import dataclass

from nec_network.model.vocabularies import PARTNERSHIP_TYPES


@dataclass(frozen=True)
class Partnership:
    """A link between two actors.

    ``type`` is a code of :data:`~nec_network.model.vocabularies.PARTNERSHIP_TYPES`;
    whether the link has a direction follows from its type (an *orientation* goes
    from the source to the cible, a *partenariat* goes both ways).

    >>> Partnership("a", "b", "orientation").directed
    True
    >>> Partnership("a", "b", "partenariat").key == Partnership("b", "a", "partenariat").key
    True
    """

    source: str
    cible: str
    type: str
    poids: float = 1.0
    #: Year or date the partnership started, as given (e.g. ``"2021"``).
    depuis: str = ""
    note: str = ""
    #: Where the information comes from.
    origine: str = ""

    @property
    def directed(self) -> bool:
        """Whether the link has a direction (from its type; unknown types are undirected)."""
        kind = PARTNERSHIP_TYPES.get(self.type)
        return bool(kind and kind.directed)

    @property
    def key(self) -> tuple[str, str, str]:
        """Identity of the link: (source, cible, type), with ends sorted when undirected."""
        if self.directed:
            return (self.source, self.cible, self.type)
        first, second = sorted((self.source, self.cible))
        return (first, second, self.type)
