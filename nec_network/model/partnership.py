"""Partnerships between actors: who works with, orients to, funds or belongs to whom."""

from __future__ import annotations

from dataclasses import KW_ONLY, dataclass

from nec_network.model.dates import PartialDate
from nec_network.model.vocabularies import PARTNERSHIP_TYPES


@dataclass(frozen=True)
class Partnership:
    """A link between two actors.

    ``type`` is a code of :data:`~nec_network.model.vocabularies.PARTNERSHIP_TYPES`;
    whether the link has a direction follows from its type (an *orientation* goes
    from the source to the cible, a *partenariat* goes both ways). Every field after
    ``type`` is keyword-only.

    Time: ``debut`` and ``fin`` are :class:`~nec_network.model.dates.PartialDate` (None: not
    known; no ``fin``: still going on); ``evenement`` is the id of the event where the link
    was born; ``origine`` says where the information comes from (a survey wave, a file,
    « saisie »; the data's column ``origine``, since ``source`` names the first actor);
    ``declare_par`` the actors who declared it in a survey.

    >>> Partnership("a", "b", "orientation").directed
    True
    >>> Partnership("a", "b", "partenariat").key == Partnership("b", "a", "partenariat").key
    True
    """

    source: str
    cible: str
    type: str
    _: KW_ONLY
    poids: float = 1.0
    #: When the partnership started (older files call it ``depuis``).
    debut: PartialDate | None = None
    #: When it ended; None while it goes on.
    fin: PartialDate | None = None
    #: Id of the event where it was born.
    evenement: str = ""
    #: Actors who declared it (survey answers).
    declare_par: tuple[str, ...] = ()
    note: str = ""
    #: Where the information comes from (survey wave, file, « saisie »).
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
