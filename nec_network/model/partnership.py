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

    Identity over time: two partnerships with the same :attr:`key` are the same one unless their
    periods are distinct (:func:`periods_overlap`): a partnership that ended and started
    again is two rows, one per period.
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


def periods_overlap(first: Partnership, second: Partnership) -> bool:
    """Whether two partnerships' periods may overlap: False only when one has a ``fin`` no later
    than the other's ``debut``, both read from their first day (ended « 2023-03 », started
    again « 2023-09 »; ended « 2023 », started again « 2023 »). An undated start is from always.

    >>> ended = Partnership("a", "b", "partenariat", debut=PartialDate(2020), fin=PartialDate(2023, 3))
    >>> periods_overlap(ended, Partnership("a", "b", "partenariat", debut=PartialDate(2023, 9)))
    False
    >>> periods_overlap(ended, Partnership("a", "b", "partenariat", debut=PartialDate(2022)))
    True
    """
    def ends_before(earlier: Partnership, later: Partnership) -> bool:
        return earlier.fin is not None and later.debut is not None and (
            earlier.fin.first_day <= later.debut.first_day)

    return not (ends_before(first, second) or ends_before(second, first))
