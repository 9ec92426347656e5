"""How our vocabularies and data·inclusion's correspond (both directions), and the schema's field
rules we rely on: the tables the writer and the reader share."""

from __future__ import annotations

import enum
import re

import pydantic
from data_inclusion.schema import v1 as di



STRUCTURES_FILE = "structures.json"
SERVICES_FILE = "services.json"
#: Prefix of the ids we write, removed on reading.
ID_PREFIX = "nec-network--"
#: ``source`` of actors without one.
DEFAULT_SOURCE = "nec-network"
#: Prefix of the extra keys holding our template cells.
EXTRA_PREFIX = "nec_"
SERVICE_NAME = "Médiation numérique"

_T = di.Thematique
#: Our v1 service → data·inclusion thématiques.
SERVICE_TO_THEMATIQUES: dict[str, tuple[str, ...]] = {
    "Aide aux démarches administratives": (_T.NUMERIQUE__ACCEDER_A_DES_SERVICES_EN_LIGNE.value,),
    "Maîtrise des outils numériques du quotidien": (_T.NUMERIQUE__MAITRISER_LES_FONDAMENTAUX_DU_NUMERIQUE.value,),
    "Compréhension du monde numérique": (_T.NUMERIQUE__MAITRISER_LES_FONDAMENTAUX_DU_NUMERIQUE.value,),
    "Utilisation sécurisée du numérique": (_T.NUMERIQUE__MAITRISER_LES_FONDAMENTAUX_DU_NUMERIQUE.value,),
    "Parentalité et éducation avec le numérique": (_T.NUMERIQUE__MAITRISER_LES_FONDAMENTAUX_DU_NUMERIQUE.value,),
    "Loisirs et créations numériques": (_T.NUMERIQUE__MAITRISER_LES_FONDAMENTAUX_DU_NUMERIQUE.value,),
    "Accès internet et matériel informatique": (_T.NUMERIQUE__ACCEDER_A_UNE_CONNEXION_INTERNET.value,),
    "Acquisition de matériel informatique à prix solidaire": (
        _T.NUMERIQUE__ACCEDER_A_UNE_CONNEXION_INTERNET.value, _T.NUMERIQUE__ACQUERIR_UN_EQUIPEMENT.value),
    "Insertion professionnelle via le numérique": (
        _T.PREPARER_SA_CANDIDATURE__ORGANISER_SES_DEMARCHES_DE_RECHERCHE_DEMPLOI.value,),
}  # fmt: skip
#: data·inclusion thématique → our v1 service, on reading (the broadest of the services written to it).
THEMATIQUE_TO_SERVICE: dict[str, str] = {
    _T.NUMERIQUE__ACCEDER_A_DES_SERVICES_EN_LIGNE.value: "Aide aux démarches administratives",
    _T.NUMERIQUE__MAITRISER_LES_FONDAMENTAUX_DU_NUMERIQUE.value: "Maîtrise des outils numériques du quotidien",
    _T.NUMERIQUE__ACCEDER_A_UNE_CONNEXION_INTERNET.value: "Accès internet et matériel informatique",
    _T.NUMERIQUE__ACQUERIR_UN_EQUIPEMENT.value: "Acquisition de matériel informatique à prix solidaire",
}
#: Read back as « Insertion professionnelle via le numérique » only next to a ``numerique--`` thématique.
JOB_THEMATIQUE = _T.PREPARER_SA_CANDIDATURE__ORGANISER_SES_DEMARCHES_DE_RECHERCHE_DEMPLOI.value

PUBLIC_TO_INCLUSION: dict[str, str] = {
    "Jeunes": di.Public.JEUNES.value,
    "Étudiants": di.Public.ETUDIANTS.value,
    "Familles et/ou enfants": di.Public.FAMILLES.value,
    "Seniors": di.Public.SENIORS.value,
    "Femmes": di.Public.FEMMES.value,
}
INCLUSION_TO_PUBLIC = {value: key for key, value in PUBLIC_TO_INCLUSION.items()}
#: Prises en charge written as the public « personnes en situation de handicap ».
HANDICAPS = ("Surdité", "Handicaps moteurs", "Handicaps mentaux", "Déficience visuelle")
CONDITIONAL_FREE = "Gratuit sous condition"

MODALITE_ACCES_TO_MOBILISATION: dict[str, str] = {
    "Se présenter": di.ModeMobilisation.SE_PRESENTER.value,
    "Téléphoner": di.ModeMobilisation.TELEPHONER.value,
    "Contacter par mail": di.ModeMobilisation.ENVOYER_UN_COURRIEL.value,
    "Envoyer un mail avec une fiche de prescription": di.ModeMobilisation.ENVOYER_UN_COURRIEL.value,
    "Prendre un RDV en ligne": di.ModeMobilisation.UTILISER_LIEN_MOBILISATION.value,
}
MOBILISATION_TO_MODALITE_ACCES: dict[str, str] = {
    di.ModeMobilisation.SE_PRESENTER.value: "Se présenter",
    di.ModeMobilisation.TELEPHONER.value: "Téléphoner",
    di.ModeMobilisation.ENVOYER_UN_COURRIEL.value: "Contacter par mail",
    di.ModeMobilisation.UTILISER_LIEN_MOBILISATION.value: "Prendre un RDV en ligne",
}
REMOTE = "À distance"

#: Typology → réseau porteur, where the network is clearly the typology's own.
TYPOLOGY_TO_RESEAU: dict[str, str] = {
    "RFS": "france-service", "MSAP": "msap", "CCAS": "ccas-cias", "CIAS": "ccas-cias", "ML": "mission-locale",
    "EPN": "espaces-publics-numeriques", "MUNI": "communes", "CC": "communes", "EPCI": "communes", "MJC": "mjc",
    "LA_POSTE": "la-poste", "CAF": "caf", "CPAM": "cpam", "MSA": "mutualite-sociale-agricole",
    "FT": "france-travail", "MDPH": "mdph", "MDS": "maisons-des-solidarites", "CD": "departements",
    "DEPT": "departements", "REG": "regions", "PREF": "regions", "PIMMS": "pimms-mediation",
    "PIJ_BIJ": "reseau-information-jeunesse", "E2C": "ecoles-de-la-deuxieme-chance",
    "CAP_EMPLOI": "cap-emploi-reseau-cheops", "FABRIQUE": "fabrique-de-territoire", "RESSOURCERIE": "ressourceries",
    "CIDFF": "cidff", "AFPA": "afpa", "ACI": "aci", "EI": "ei", "ETTI": "etti", "EITI": "eiti", "AI": "ai",
    "GEIQ": "geiq", "EA": "ea", "EATT": "eatt", "ESAT": "esat", "CADA": "cada", "HUDA": "huda", "CHRS": "chrs",
    "CHU": "chu", "CPH": "cph", "CAVA": "cava", "CAARUD": "caarud", "CSAPA": "csapa", "CMP": "cmp", "CMS": "cms",
    "PJJ": "pjj", "SPIP": "spip", "PLIE": "plie", "MDE": "maisons-de-l-emploi", "MDEF": "maisons-de-l-emploi",
    "EPIDE": "epide", "ASE": "ase", "AVIP": "creches-avip", "CCONS": "chambres-consulaires", "UDAF": "unaf",
    "RS_FJT": "residences-fjt", "ODC": "delegataire-conseil-departemental", "PAD": "points-justice",
}  # fmt: skip
#: Dispositif → réseau porteur.
DISPOSITIF_TO_RESEAU: dict[str, str] = {
    "France Services": "france-service",
    "Conseillers numériques": "conseillers-numeriques",
    "Aidants Connect": "aidants-connect",
    "La Croix Rouge": "croix-rouge",
    "Grande école du numérique": "grandes-ecoles-du-numerique",
    "Emmaüs Connect": "emmaus",
    "Relais numérique (Emmaüs Connect)": "emmaus",
}
#: Réseau porteur → (template column, value) on reading: dispositifs first, then the first typology
#: of :data:`TYPOLOGY_TO_RESEAU` (``ccas-cias`` → CCAS, ``communes`` → MUNI…). ``emmaus`` is not read back.
RESEAU_TO_VALUE: dict[str, tuple[str, str]] = {
    **{reseau: ("typologie", code) for code, reseau in reversed(TYPOLOGY_TO_RESEAU.items())},
    **{reseau: ("dispositifs", name) for name, reseau in reversed(DISPOSITIF_TO_RESEAU.items())
       if reseau != "emmaus"},
}  # fmt: skip

#: Template columns the schema cannot carry exactly: always written as ``nec_<column>``.
EXTRA_COLUMNS: tuple[str, ...] = (
    "typologie", "services", "publics", "prise_en_charge", "dispositifs", "formations_labels",
    "modalites_acces", "modalites_accompagnement", "frais", "itinerance", "zone_intervention", "telephone",
    "courriel", "site_web", "prise_rdv", "precision", "pivot", "structure_parente", "source",
)  # fmt: skip
_REQUIRED = ("source", "id", "nom", "date_maj")
_ENUM_FIELDS: dict[str, type[enum.Enum]] = {
    "thematiques": di.Thematique,
    "publics": di.Public,
    "modes_accueil": di.ModeAccueil,
    "modes_mobilisation": di.ModeMobilisation,
    "mobilisable_par": di.PersonneMobilisatrice,
    "reseaux_porteurs": di.ReseauPorteur,
    "frais": di.Frais,
    "type": di.TypeService,
}
_LIST_FIELDS = ("thematiques", "publics", "modes_accueil", "modes_mobilisation", "mobilisable_par",
                "reseaux_porteurs", "zone_eligibilite")
_FIELD_MESSAGES = {
    "courriel": "adresse de courriel invalide",
    "site_web": "adresse web invalide (http:// ou https:// attendu)",
    "lien_source": "adresse web invalide (http:// ou https:// attendu)",
    "lien_mobilisation": "adresse web invalide (http:// ou https:// attendu)",
    "accessibilite_lieu": "adresse web invalide (http:// ou https:// attendu)",
    "code_postal": "code postal mal formé (5 chiffres attendus)",
    "code_insee": "code INSEE mal formé (5 caractères attendus)",
    "siret": "SIRET mal formé (14 chiffres attendus)",
    "date_maj": "date de mise à jour illisible ou hors limites (AAAA-MM-JJ, pas dans le futur)",
    "latitude": "nombre illisible",
    "longitude": "nombre illisible",
    "nom": "nom de 3 à 150 caractères attendu",
    "description": "description de 5 à 10 000 caractères attendue",
    "zone_eligibilite": "zone d'éligibilité : codes commune, département, EPCI ou pays attendus",
}
_URL = re.compile(r"^https?://\S+$", re.IGNORECASE)
_EMAIL = pydantic.TypeAdapter(pydantic.EmailStr)
_HTTP_URL = pydantic.TypeAdapter(pydantic.HttpUrl)


#: Where a value of a data·inclusion field goes in ``Actor.extra`` when it is kept aside.
ASIDE_COLUMNS: dict[str, str] = {
    "siret": "pivot",
    "horaires_accueil": "horaires",
    "description": "presentation",
    "lien_mobilisation": "prise_rdv",
}
#: Valid data·inclusion publics without equivalent among ours are kept under this key.
PUBLICS_ASIDE = "publics_inclusion"
_NUMERIC_FIELDS = {"latitude", "longitude", "volume_horaire_hebdomadaire", "nombre_semaines"}
_ZONE_CODE = re.compile(r"^(\w{5}|\d{9})$")
