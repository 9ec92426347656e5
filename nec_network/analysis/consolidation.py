"""From records read to the ecosystem written: duplicates merged, structure added, personal data left out.

:func:`consolidate` is what ``nec-network import`` does between reading the
files and writing the folder model, as one pure function (the ecosystem given
is not modified):

1. duplicates found (:func:`~nec_network.analysis.duplicates.find_duplicates`)
   and, unless ``merge=False``, merged
   (:func:`~nec_network.analysis.merging.merge_duplicates`);
2. carrying structures and France Services antennas linked
   (:mod:`nec_network.analysis.structures`);
3. a place that gives no service receives those its national label guarantees, flagged
   (:func:`nec_network.model.label_services.with_label_services`: a France Services offers
   help with online procedures and free access to a computer, by its national charter);
4. personal data removed unless ``keep_personal=True``
   (:func:`nec_network.model.personal.without_personal_data`).

The order matters: records are merged while their advisers are still known, so
that an adviser named by two records of one place is counted once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from nec_network.analysis.duplicates import DuplicateResult, find_duplicates
from nec_network.analysis.merging import Merge, merge_duplicates
from nec_network.analysis.structures import StructureLinks, link_antennas, link_structures
from nec_network.model import Ecosystem
from nec_network.model.label_services import with_label_services
from nec_network.model.personal import ADVISERS, PERSONAL_MARKER, without_personal_data


@dataclass(frozen=True)
class Consolidation:
    """The ecosystem to write and what was done to get it."""

    ecosystem: Ecosystem
    duplicates: DuplicateResult
    merges: tuple[Merge, ...]
    structures: StructureLinks
    antennas: StructureLinks
    #: Actors whose personal data was left out (0 when kept).
    personal_removed: int
    #: Actors that still carry personal data (when kept).
    personal_kept: int
    #: Advisers' values found elsewhere (another field, another spelling, a merged duplicate's
    #: ``valeurs_ecartees``) and left out with them (0 when kept).
    personal_values_removed: int = 0
    #: Places that gave no service and received their label's (:mod:`nec_network.model.label_services`).
    services_deduced: int = 0

    def about(self, keep: Callable[[str], bool]) -> Consolidation:
        """What was done to the actors ``keep`` accepts (by id, after merging): the merges into
        them, the groups they head and the uncertain pairs where one of them appears. The
        ecosystem and the structure counts are unchanged.

        >>> from nec_network.model import Actor
        >>> a = Actor("a", "Mairie", adresse="1 rue X", code_insee="02058")
        >>> b = Actor("b", "Mairie", adresse="1 rue X", code_insee="02058")
        >>> result = consolidate(Ecosystem([a, b]))
        >>> len(result.about(lambda actor: actor == "a").merges), len(result.about(lambda actor: False).merges)
        (1, 0)
        """
        pairs = tuple(
            pair for pair in self.duplicates.pairs
            if keep(pair.first) or (pair.decision == "review" and keep(pair.second))
        )
        groups = tuple(group for group in self.duplicates.groups if keep(group[0]))
        return replace(
            self,
            duplicates=replace(self.duplicates, pairs=pairs, groups=groups),
            merges=tuple(merge for merge in self.merges if keep(merge.kept)),
        )


def consolidate(ecosystem: Ecosystem, *, merge: bool = True, keep_personal: bool = False) -> Consolidation:
    """Merge duplicates, add the structure, leave personal data out (see the module docstring).

    >>> from nec_network.model import Actor
    >>> a = Actor("a", "Mairie", adresse="1 rue X", code_insee="02058", extra={"structureId": "s"})
    >>> b = Actor("b", "Mairie", adresse="1 rue X", code_insee="02058", extra={"structureId": "s"})
    >>> result = consolidate(Ecosystem([a, b]))
    >>> [actor.id for actor in result.ecosystem], len(result.merges), result.structures.partnerships
    (['a', 'structure-s'], 1, 1)
    """
    duplicates = find_duplicates(ecosystem)
    merges: tuple[Merge, ...] = ()
    if merge:
        ecosystem, merges = merge_duplicates(ecosystem, duplicates)
    ecosystem, structures = link_structures(ecosystem)
    ecosystem, antennas = link_antennas(ecosystem)
    deduced = {actor.id: with_label_services(actor) for actor in ecosystem}
    deduced = {key: actor for key, actor in deduced.items() if actor is not ecosystem[key]}
    ecosystem = ecosystem.replace_actors(deduced) if deduced else ecosystem
    if keep_personal:
        kept = sum(1 for actor in ecosystem if ADVISERS in actor.extra or PERSONAL_MARKER in actor.extra)
        return Consolidation(ecosystem=ecosystem, duplicates=duplicates, merges=merges, structures=structures,
                             antennas=antennas, personal_removed=0, personal_kept=kept,
                             services_deduced=len(deduced))
    ecosystem, removed = without_personal_data(ecosystem)
    return Consolidation(ecosystem=ecosystem, duplicates=duplicates, merges=merges, structures=structures,
                         antennas=antennas, personal_removed=removed.actors, personal_kept=0,
                         personal_values_removed=removed.values, services_deduced=len(deduced))
