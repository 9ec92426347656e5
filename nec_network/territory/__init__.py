"""The embedded territory: communes, départements, EPCI, boundaries and rurality.

Everything here works offline from data shipped in the package (COG 2026, GeoNames,
Natural Earth, IGN ADMIN EXPRESS shapes of the communes of 02, 60 and 80; see
``data/SOURCES.md``). The default territory is Picardie, the three
départements of the Pays picards.

>>> from nec_network.territory import load_communes, get_commune
>>> len(load_communes(departements="80"))
771
>>> get_commune("80021").nom
'Amiens'
"""

from nec_network.territory.boundaries import BOUNDARY_EXCEPTIONS, departement_polygons, km_outside_departement
from nec_network.territory.communes import (
    COLUMNS,
    Commune,
    communes_by_postal_code,
    find_communes,
    get_commune,
    load_communes,
    locate_commune,
)
from nec_network.territory.divisions import (
    ALL_FRANCE,
    PICARDIE,
    departement_names,
    load_epci,
    region_names,
)
from nec_network.territory.rurality import load_density_grid, with_density_grid
from nec_network.territory.shapes import commune_at, commune_shape, commune_shapes, union_shape

#: Credit line for every map or export built on the embedded territory.
ATTRIBUTION = (
    "Communes : COG 2026 (Insee, Licence Ouverte 2.0) · "
    "Coordonnées : GeoNames (CC BY 4.0), Annuaire de l'administration et "
    "IGN ADMIN EXPRESS (Licence Ouverte 2.0) · "
    "Limites : Natural Earth (domaine public)"
)

__all__ = [
    "ALL_FRANCE",
    "ATTRIBUTION",
    "BOUNDARY_EXCEPTIONS",
    "COLUMNS",
    "PICARDIE",
    "Commune",
    "commune_at",
    "commune_shape",
    "commune_shapes",
    "communes_by_postal_code",
    "departement_names",
    "departement_polygons",
    "find_communes",
    "km_outside_departement",
    "get_commune",
    "load_communes",
    "load_density_grid",
    "load_epci",
    "locate_commune",
    "region_names",
    "union_shape",
    "with_density_grid",
]
