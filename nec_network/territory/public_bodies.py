"""Public bodies named from their SIREN: communes, intercommunalities (EPCI) and départements.

A carrying structure of the national files is known by its SIRET (SIREN + establishment
number). When that SIREN is a public body of the embedded territory, its name is known:

- a commune: its SIREN is read from ``communes_siren.csv.gz`` (``siren`` of the COG in
  ``@etalab/decoupage-administratif``, written by ``scripts/build_territory.py``);
- an EPCI: its code *is* its SIREN (``epci.csv.gz``), its kind (CA, CC, CU, Métropole) is
  written out;
- a département: no registry package carries the départements' SIREN, so it is recognised
  from the numbering of the Sirene directory, which the embedded communes follow (21 + the
  département's two digits for communes, 22 + two digits for départements): a SIREN
  ``22DD…`` whose check digit is valid and whose ``DD`` is an embedded metropolitan
  département. The article comes from the COG (``liaison``).

Régions are not recognised (their SIRENs carry no code): their structures keep a neutral
name (see :mod:`nec_network.analysis.structures`).

>>> public_body("218000198").nom, public_body("228000014").nom
("Commune d'Amiens", 'Département de la Somme')
>>> public_body("200067965").nom
"Communauté d'agglomération de la Région de Compiègne et de la Basse Automne"
>>> public_body("538518473") is None
True
"""

from __future__ import annotations

import dataclasses
import functools

import pandas as pd

from nec_network.territory import _data
from nec_network.wording import french_of
from nec_network.territory.communes import get_commune

__all__ = ["PublicBody", "public_body"]

#: Words after « de » by the INSEE kind of article of a name (``liaison``, TNCC).
_OF = {0: "de ", 1: "d'", 2: "du ", 3: "de la ", 4: "des ", 5: "de l'", 6: "des ", 7: "de las ", 8: "de los "}
#: EPCI kinds of the COG, written out.
_EPCI_KINDS = {
    "CA": "Communauté d'agglomération",
    "CC": "Communauté de communes",
    "CU": "Communauté urbaine",
    "METRO": "Métropole",
    "MET69": "Métropole",
}


@dataclasses.dataclass(frozen=True)
class PublicBody:
    """A public body: ``kind`` is ``commune``, ``epci`` or ``departement``, ``code`` its
    INSEE or SIREN code, ``nom`` its name as people write it, ``typologie`` the typology code."""

    siren: str
    kind: str
    code: str
    nom: str
    typologie: str


def _luhn(digits: str) -> bool:
    total = 0
    for position, digit in enumerate(reversed(digits)):
        value = int(digit) * (2 if position % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


@functools.lru_cache(maxsize=1)
def _commune_sirens() -> dict[str, str]:
    with (_data._DATA / "communes_siren.csv.gz").open("rb") as stream:
        table = pd.read_csv(stream, compression="gzip", dtype=str, keep_default_na=False)
    return dict(zip(table["siren"], table["code_insee"], strict=True))


def _of(name: str, liaison: int) -> str:
    return _OF.get(int(liaison), "de ") + name


def public_body(siren: str) -> PublicBody | None:
    """The public body of a SIREN (or of a SIRET's first nine digits), or None."""
    siren = str(siren).strip()[:9]
    if len(siren) != 9 or not siren.isdigit():
        return None
    code = _commune_sirens().get(siren)
    if code:
        return PublicBody(siren, "commune", code, f"Commune {french_of(get_commune(code).nom)}", "MUNI")
    epci = _data.epci_file()
    found = epci[epci["epci_code"] == siren]
    if len(found):
        row = found.iloc[0]
        name = str(row["epci_nom"])
        kind = str(row["epci_type"])
        if name.split(" ", 1)[0] == kind and kind in _EPCI_KINDS:
            name = f"{_EPCI_KINDS[kind]} {name.split(' ', 1)[1]}"
        return PublicBody(siren, "epci", siren, name, "EPCI")
    departements = _data.names_file()["departements"]
    number = siren[2:4]
    if siren.startswith("22") and number in departements and _luhn(siren):
        entry = departements[number]
        return PublicBody(siren, "departement", number, f"Département {_of(entry['nom'], entry.get('liaison', 0))}", "DEPT")
    return None
