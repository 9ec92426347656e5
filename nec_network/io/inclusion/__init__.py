"""data·inclusion: structures and services of the ``data-inclusion-schema`` package (v1).

**Writing** (:func:`write_inclusion`): one :class:`~data_inclusion.schema.v1.Structure`
per actor in ``structures.json`` and one :class:`~data_inclusion.schema.v1.Service`
per actor that has services in ``services.json``, each validated by the
package's pydantic model before it is written. Ids are ``nec-network--<id>``
(service: ``nec-network--<id>--numerique``); ``source`` is the slug of the
actor's source (``nec-network`` when it has none).

Our vocabularies map onto the schema's as follows (writing; reading applies
the inverse where it is unambiguous):

===========================================================  ================================================
ours                                                         data·inclusion
===========================================================  ================================================
Aide aux démarches administratives                           numerique--acceder-a-des-services-en-ligne
Maîtrise des outils numériques du quotidien,                 numerique--maitriser-les-fondamentaux-du-numerique
Compréhension du monde numérique, Utilisation sécurisée du   (read back as « Maîtrise des outils numériques
numérique, Parentalité et éducation avec le numérique,       du quotidien »)
Loisirs et créations numériques
Accès internet et matériel informatique                      numerique--acceder-a-une-connexion-internet
Acquisition de matériel informatique à prix solidaire        numerique--acceder-a-une-connexion-internet +
                                                             numerique--acquerir-un-equipement (read back from
                                                             acquerir-un-equipement)
Insertion professionnelle via le numérique                   preparer-sa-candidature--organiser-ses-demarches-
                                                             de-recherche-demploi (read back only next to a
                                                             ``numerique--`` thématique of the same service)
publics Jeunes, Étudiants, Familles et/ou enfants, Seniors,  jeunes, etudiants, familles, seniors, femmes;
Femmes; prise en charge of a handicap (surdité, handicaps    personnes-en-situation-de-handicap (not read back:
moteurs/mentaux, déficience visuelle)                        which handicap is unknown); none → tous-publics
frais Payant / Gratuit / Gratuit sous condition              payant / gratuit / gratuit + ``frais_precisions``
                                                             « Gratuit sous condition »
modalité d'accompagnement « À distance »; any other or none  modes_accueil a-distance; en-presentiel
modalités d'accès Se présenter, Téléphoner, Contacter par    modes_mobilisation se-presenter, telephoner,
mail / Envoyer un mail avec une fiche de prescription,       envoyer-un-courriel, utiliser-lien-mobilisation
Prendre un RDV en ligne                                      (with ``lien_mobilisation`` = prise_rdv)
typologies and dispositifs                                   reseaux_porteurs (:data:`TYPOLOGY_TO_RESEAU`,
                                                             :data:`DISPOSITIF_TO_RESEAU`)
horaires, zone d'intervention, présentation, SIRET           horaires_accueil, zone_eligibilite, description,
                                                             siret
===========================================================  ================================================

The models ignore unknown keys, so every template column that the schema
cannot carry exactly is also written as an extra key ``nec_<column>`` (the
template cell: ``nec_typologie``, ``nec_services``, ``nec_publics``,
``nec_itinerance``… and ``nec_<key>`` for each of ``Actor.extra``). When a
structure has ``nec_`` keys, they are authoritative on reading and the round
trip is lossless; without them (data from elsewhere) the inverse tables apply.
Fields that survive without the extra keys: id, nom, adresse, complément, code
postal, commune, code INSEE, coordinates, téléphone, first valid courriel,
first http(s) site web, horaires, présentation, SIRET, date, zone, and the
services, publics, frais and modalités as far as the table above goes.

**Reading** (:func:`read_inclusion`): a folder with ``structures.json`` (or
``.csv``) and optional ``services.json`` (or ``.csv``), or a single structures
file. ``rows_read`` counts structures and services **together**; a service
merged into its structure counts as imported, one naming an unknown structure
is rejected.

The package is cut by concern: :mod:`~nec_network.io.inclusion.correspondences` (the tables
above and the schema's field rules), :mod:`~nec_network.io.inclusion.schema` (the pydantic
models used field by field), :mod:`~nec_network.io.inclusion.writing` and
:mod:`~nec_network.io.inclusion.reading`.
"""

from __future__ import annotations

from nec_network.io.inclusion.correspondences import (
    DEFAULT_SOURCE,
    DISPOSITIF_TO_RESEAU,
    EXTRA_PREFIX,
    ID_PREFIX,
    SERVICE_TO_THEMATIQUES,
    SERVICES_FILE,
    STRUCTURES_FILE,
    THEMATIQUE_TO_SERVICE,
    TYPOLOGY_TO_RESEAU,
)
from nec_network.io.inclusion.reading import read_inclusion
from nec_network.io.inclusion.writing import (
    carried_columns,
    count_structures,
    inclusion_records,
    service_record,
    source_slug,
    structure_record,
    write_inclusion,
)

__all__ = [
    "DEFAULT_SOURCE",
    "EXTRA_PREFIX",
    "ID_PREFIX",
    "SERVICES_FILE",
    "STRUCTURES_FILE",
    "DISPOSITIF_TO_RESEAU",
    "SERVICE_TO_THEMATIQUES",
    "THEMATIQUE_TO_SERVICE",
    "TYPOLOGY_TO_RESEAU",
    "carried_columns",
    "count_structures",
    "inclusion_records",
    "read_inclusion",
    "service_record",
    "source_slug",
    "structure_record",
    "write_inclusion",
]
