"""Resources without a place: schemes, help lines and online services a helper can point to."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Resource:
    """One entry of ``ressources.csv``.

    ``difficultes`` are codes of :data:`~nec_network.model.vocabularies.DIFFICULTIES`;
    ``lien`` is an http(s) address or a phone number (``""`` when none);
    ``publics`` are values of the publics or *prise en charge* vocabularies
    (empty: everyone).

    >>> Resource("Ligne d'aide fictive", ("demarches",), "01 00 00 00 00").is_phone
    True
    """

    nom: str
    difficultes: tuple[str, ...]
    lien: str = ""
    description: str = ""
    publics: tuple[str, ...] = ()

    @property
    def is_phone(self) -> bool:
        """The link is one valid phone number (:func:`~nec_network.model.phone.phone_link`: a
        ``tel:`` link on pages); other text that is not a web address is shown as text."""
        from nec_network.model.phone import phone_link

        return bool(phone_link(self.lien))
