"""Actors, partnerships, the ecosystem graph, personae, the shared vocabularies and the model's rules
(what is personal data, what a phone number is)."""

from nec_network.model.actor import LIST_FIELDS, Actor
from nec_network.model.dates import DateError, PartialDate
from nec_network.model.ecosystem import Ecosystem, node_attributes
from nec_network.model.event import Event
from nec_network.model.partnership import Partnership
from nec_network.model.persona import Persona
from nec_network.model.personal import PersonalData, without_personal_data
from nec_network.model.vocabularies import PARTNERSHIP_TYPES, TYPOLOGY_LABELS

__all__ = [
    "LIST_FIELDS",
    "PARTNERSHIP_TYPES",
    "TYPOLOGY_LABELS",
    "Actor",
    "DateError",
    "Ecosystem",
    "Event",
    "PartialDate",
    "Partnership",
    "PersonalData",
    "Persona",
    "node_attributes",
    "without_personal_data",
]
