"""data·inclusion: structures + services written valid for the package's models, read back, reported."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from data_inclusion.schema.v1 import Service, Structure

from nec_network.errors import DataError
from nec_network.io import read_ecosystem, write_ecosystem
from nec_network.io.inclusion import (
    SERVICE_TO_THEMATIQUES,
    THEMATIQUE_TO_SERVICE,
    inclusion_records,
    read_inclusion,
    write_inclusion,
)
from nec_network.io.template import actor_row
from nec_network.model import Actor, Ecosystem, Partnership
from nec_network.model import vocabularies as voc

FIXTURE = Path(__file__).parent / "fixtures" / "inclusion"
EXPORT_DATE = dt.date(2025, 1, 15)

MEDIATHEQUE = Actor(
    id="mediatheque-st-quentin",
    nom="Médiathèque fictive de Saint-Quentin",
    typologies=("BIB", "MUNI"),
    adresse="3 rue fictive",
    complement_adresse="1er étage",
    code_postal="02100",
    commune="Saint-Quentin",
    code_insee="02691",
    latitude=49.8475,
    longitude=3.2869,
    precision="adresse",
    services=("Aide aux démarches administratives", "Loisirs et créations numériques",
              "Insertion professionnelle via le numérique"),
    publics=("Jeunes", "Seniors"),
    prise_en_charge=("Surdité", "Illettrisme"),
    dispositifs=("Conseillers numériques", "Aidants Connect"),
    modalites_acces=("Se présenter", "Prendre un RDV en ligne"),
    modalites_accompagnement=("Accompagnement individuel", "À distance"),
    frais=("Gratuit sous condition",),
    horaires="Tu-Sa 10:00-12:00,14:00-18:00; PH off",
    telephone="03 23 00 00 00",
    courriels=("pas-un-courriel", "mediatheque@ville-fictive.fr", "second@ville-fictive.fr"),
    sites_web=("www.sans-protocole.fr", "https://ville-fictive.fr/mediatheque"),
    prise_rdv="https://rdv.ville-fictive.fr/numerique",
    presentation="Médiathèque fictive : ateliers numériques et aide aux démarches.",
    pivot="00000000000456",
    structure_parente="ville-st-quentin",
    source="Exemple fictif (tests)",
    date_maj=dt.date(2024, 6, 1),
    extra={"referent": "Équipe fictive", "services": "Cuisine"},
)
BUS = Actor(
    id="bus-numerique",
    nom="Bus numérique fictif",
    typologies=("ENM",),
    itinerant=True,
    zone_intervention=("80021", "200070993"),
    services=("Accès internet et matériel informatique", "Acquisition de matériel informatique à prix solidaire"),
    frais=("Payant",),
    date_maj=dt.date(2024, 9, 30),
)
HUB = Actor(id="hub", nom="Hub fictif", typologies=("ASSO",), presentation="Coordination.", pivot="W802000000")


def _round_trip(tmp_path: Path, ecosystem: Ecosystem) -> tuple[Ecosystem, list]:
    problems = write_inclusion(ecosystem, tmp_path, default_date=EXPORT_DATE)
    read, report = read_inclusion(tmp_path)
    assert report.is_complete() and report.rejected == 0
    return read, problems


def test_round_trip_is_lossless_through_the_extra_keys(tmp_path: Path) -> None:
    ecosystem = Ecosystem([MEDIATHEQUE, BUS, HUB], [Partnership("hub", "bus-numerique", "financement")])
    read, _ = _round_trip(tmp_path, ecosystem)
    assert [actor.id for actor in read] == ["mediatheque-st-quentin", "bus-numerique", "hub"]
    for actor in (MEDIATHEQUE, BUS):
        assert actor_row(read[actor.id]) == actor_row(actor)
    # The only difference for the hub: the export date stands for its missing date_maj.
    assert read["hub"].date_maj == EXPORT_DATE
    assert actor_row(read["hub"]) == {**actor_row(HUB), "date_maj": "2025-01-15"}
    assert read["mediatheque-st-quentin"].extra == {"referent": "Équipe fictive", "services": "Cuisine"}


def test_standard_fields_alone_keep_place_contacts_hours_and_services(tmp_path: Path) -> None:
    """What a data·inclusion consumer that ignores our nec_ keys gets back."""
    write_inclusion(Ecosystem([MEDIATHEQUE, BUS]), tmp_path, default_date=EXPORT_DATE)
    for name in ("structures.json", "services.json"):
        records = json.loads((tmp_path / name).read_text(encoding="utf-8"))
        stripped = [{key: value for key, value in record.items() if not key.startswith("nec_")} for record in records]
        (tmp_path / name).write_text(json.dumps(stripped), encoding="utf-8")
    read, report = read_inclusion(tmp_path)
    assert (report.rows_read, report.imported, report.rejected) == (4, 4, 0)
    media = read["mediatheque-st-quentin"]
    assert (media.nom, media.adresse, media.complement_adresse, media.code_postal, media.commune, media.code_insee) == (
        MEDIATHEQUE.nom, "3 rue fictive", "1er étage", "02100", "Saint-Quentin", "02691")
    assert (media.latitude, media.longitude) == (49.8475, 3.2869)
    assert media.telephone == "+33323000000"
    assert media.courriels == ("mediatheque@ville-fictive.fr",)
    assert media.sites_web == ("https://ville-fictive.fr/mediatheque",)
    assert media.horaires == MEDIATHEQUE.horaires
    assert media.presentation == MEDIATHEQUE.presentation
    assert media.pivot == "00000000000456"
    assert media.date_maj == dt.date(2024, 6, 1)
    # « Loisirs… » is written as maitriser-les-fondamentaux, read back as its broadest service.
    assert set(media.services) == {"Aide aux démarches administratives", "Maîtrise des outils numériques du quotidien",
                                   "Insertion professionnelle via le numérique"}
    assert media.publics == ("Jeunes", "Seniors")
    assert media.extra["publics_inclusion"] == "personnes-en-situation-de-handicap"
    assert media.frais == ("Gratuit sous condition",)
    assert media.modalites_acces == ("Se présenter", "Prendre un RDV en ligne")
    assert media.modalites_accompagnement == ("À distance",)
    assert media.prise_rdv == MEDIATHEQUE.prise_rdv
    assert set(media.typologies) == {"MUNI"} and set(media.dispositifs) == set(MEDIATHEQUE.dispositifs)
    bus = read["bus-numerique"]
    assert bus.zone_intervention == ("80021", "200070993")
    assert set(bus.services) == set(BUS.services) and bus.frais == ("Payant",)


def test_written_records_validate_against_the_package_models(tmp_path: Path) -> None:
    problems = write_inclusion(Ecosystem([MEDIATHEQUE, BUS, HUB]), tmp_path, default_date=EXPORT_DATE)
    structures = json.loads((tmp_path / "structures.json").read_text(encoding="utf-8"))
    services = json.loads((tmp_path / "services.json").read_text(encoding="utf-8"))
    assert [record["id"] for record in structures] == [
        "nec-network--mediatheque-st-quentin", "nec-network--bus-numerique", "nec-network--hub"]
    assert [record["structure_id"] for record in services] == [
        "nec-network--mediatheque-st-quentin", "nec-network--bus-numerique"]  # the hub has no service
    strict = {"ignore_warnings": False}
    for record in structures:
        Structure.model_validate(record, context=strict)
    for record in services:
        Service.model_validate(record, context=strict)
    media, bus = services
    assert structures[0]["source"] == "exemple-fictif-tests" and structures[2]["source"] == "nec-network"
    assert structures[0]["courriel"] == "mediatheque@ville-fictive.fr"
    assert structures[0]["site_web"] == "https://ville-fictive.fr/mediatheque"
    assert structures[0]["reseaux_porteurs"] == ["aidants-connect", "communes", "conseillers-numeriques"]
    assert media["thematiques"] == [
        "numerique--acceder-a-des-services-en-ligne", "numerique--maitriser-les-fondamentaux-du-numerique",
        "preparer-sa-candidature--organiser-ses-demarches-de-recherche-demploi"]
    assert media["publics"] == ["jeunes", "personnes-en-situation-de-handicap", "seniors"]
    assert (media["frais"], media["frais_precisions"]) == ("gratuit", "Gratuit sous condition")
    assert media["modes_accueil"] == ["a-distance", "en-presentiel"]
    assert media["modes_mobilisation"] == ["se-presenter", "utiliser-lien-mobilisation"]
    assert bus["publics"] == ["tous-publics"] and bus["frais"] == "payant"
    assert bus["zone_eligibilite"] == ["80021", "200070993"]
    assert bus["thematiques"] == ["numerique--acceder-a-une-connexion-internet", "numerique--acquerir-un-equipement"]
    # The hub has no date (the export's is used) and an RNA number, not a SIRET.
    assert {(p.level, p.file, p.column) for p in problems} == {
        ("avertissement", "hub", "date_maj"), ("avertissement", "hub", "siret")}


def test_actor_the_schema_refuses_is_reported_not_dropped_silently(tmp_path: Path) -> None:
    short = Actor(id="court", nom="AB", date_maj=dt.date(2024, 1, 1))
    future = Actor(id="futur", nom="Lieu daté de demain", date_maj=dt.date.today() + dt.timedelta(days=1),
                   services=("Aide aux démarches administratives",))
    problems = write_inclusion(Ecosystem([short, future, BUS]), tmp_path, default_date=EXPORT_DATE)
    structures = json.loads((tmp_path / "structures.json").read_text(encoding="utf-8"))
    assert [record["id"] for record in structures] == ["nec-network--bus-numerique"]
    errors = {(p.file, p.column): p.message for p in problems if p.level == "erreur"}
    assert errors == {
        ("court", "nom"): "structure non écrite : nom de 3 à 150 caractères attendu",
        ("futur", "date_maj"): "structure non écrite : date de mise à jour illisible ou hors limites "
                               "(AAAA-MM-JJ, pas dans le futur)",
    }


def test_mapping_tables_use_only_values_of_the_schema() -> None:
    from data_inclusion.schema.v1 import Thematique

    assert set(SERVICE_TO_THEMATIQUES) == set(voc.SERVICES.values)
    for thematiques in SERVICE_TO_THEMATIQUES.values():
        for value in thematiques:
            Thematique(value)
    assert set(THEMATIQUE_TO_SERVICE.values()) <= set(voc.SERVICES.values)


def test_hand_made_file_every_record_accounted_for_with_french_problems() -> None:
    ecosystem, report = read_inclusion(FIXTURE)
    # 4 structures (1 without nom, 1 not an object) + 4 services (2 naming no admitted structure).
    assert (report.rows_read, report.imported, report.rejected) == (8, 4, 4)
    assert report.is_complete()
    structures, services = str(FIXTURE / "structures.json"), str(FIXTURE / "services.json")
    rejected = {(p.file, p.row, p.column): p.message for p in report.rejections}
    assert rejected == {
        (structures, 2, "nom"): "champ obligatoire vide : nom",
        (structures, 4, ""): "enregistrement illisible : un objet JSON est attendu",
        (services, 3, "structure_id"): "structure inconnue : « exemple-fictif--inconnue » (absente ou rejetée)",
        (services, 4, "structure_id"): "structure inconnue : « exemple-fictif--sans-nom » (absente ou rejetée)",
    }
    email = next(p for p in report.errors if p.column == "courriel")
    assert (email.file, email.row, email.value) == (structures, 3, "contact(at)ccas-fictif.fr")
    assert email.message == "adresse de courriel invalide : « contact(at)ccas-fictif.fr »"
    theme = next(p for p in report.errors if p.column == "thematiques")
    assert (theme.file, theme.row, theme.value) == (services, 1, "numerique--acceder-a-une-connexion")
    assert theme.suggestion == "numerique--acceder-a-une-connexion-internet"
    assert "valeur inconnue du schéma data·inclusion" in theme.message
    # Place checks run as for the other readers: 80000 is not Abbeville's postal code.
    postal = next(p for p in report.warnings if p.column == "code_postal")
    assert (postal.row, postal.suggestion) == (3, "80100")

    assert [actor.id for actor in ecosystem] == ["exemple-fictif--mairie-amiens", "exemple-fictif--ccas-abbeville"]
    mairie = ecosystem["exemple-fictif--mairie-amiens"]
    assert mairie.typologies == ("MUNI",)
    assert mairie.dispositifs == ("France Services", "Conseillers numériques")
    assert mairie.services == ("Aide aux démarches administratives", "Maîtrise des outils numériques du quotidien")
    assert mairie.publics == ("Seniors",) and mairie.frais == ("Gratuit",)
    assert mairie.modalites_acces == ("Se présenter", "Téléphoner")
    assert mairie.modalites_accompagnement == ("À distance",)
    assert mairie.zone_intervention == ("80021",)
    assert mairie.precision == "saisie" and mairie.pivot == "00000000000123"
    # Nothing dropped: unknown and unmapped values wait in extra.
    assert set(mairie.extra["thematiques"].split("|")) == {"numerique--acceder-a-une-connexion",
                                                           "famille--garde-denfants"}
    assert mairie.extra["reseaux_porteurs"] == "emmaus"
    assert mairie.extra["publics_inclusion"] == "personnes-en-situation-de-handicap"
    assert mairie.extra["zone_eligibilite"] == "80"
    ccas = ecosystem["exemple-fictif--ccas-abbeville"]
    assert ccas.courriels == () and ccas.extra == {"courriel": "contact(at)ccas-fictif.fr"}
    assert ccas.typologies == ("CCAS",) and ccas.frais == ("Payant",)
    assert ccas.services == ("Accès internet et matériel informatique", "Insertion professionnelle via le numérique")


def test_single_csv_file_with_braced_lists(tmp_path: Path) -> None:
    path = tmp_path / "structures.csv"
    path.write_text(
        "id,nom,source,date_maj,code_insee,code_postal,commune,reseaux_porteurs,typologie,siret\n"
        'dora--1,Mission locale fictive,dora,2024-05-02,80021,80000,Amiens,"{mission-locale,france-servic}",ML,123\n',
        encoding="utf-8",
    )
    ecosystem, report = read_inclusion(path)
    assert (report.rows_read, report.imported) == (1, 1)
    actor = ecosystem["dora--1"]
    assert actor.typologies == ("ML",) and actor.pivot == "" and actor.extra["pivot"] == "123"
    levels = {(p.column, p.level) for p in report.problems}
    assert ("reseaux_porteurs", "erreur") in levels and ("siret", "erreur") in levels
    assert actor.extra["reseaux_porteurs"] == "france-servic"


def test_api_page_and_unreadable_inputs(tmp_path: Path) -> None:
    page = tmp_path / "page.json"
    page.write_text(json.dumps({"items": [{"id": "a--1", "nom": "Lieu fictif"}], "total": 1}), encoding="utf-8")
    ecosystem, report = read_inclusion(page)
    assert [actor.id for actor in ecosystem] == ["a--1"] and report.is_complete()
    assert {p.column for p in report.warnings} == {"source", "date_maj"}  # required by data·inclusion
    (tmp_path / "vide").mkdir()
    with pytest.raises(DataError, match="structures.json"):
        read_inclusion(tmp_path / "vide")
    broken = tmp_path / "casse.json"
    broken.write_text("[{", encoding="utf-8")
    with pytest.raises(DataError, match="JSON invalide"):
        read_inclusion(broken)


def test_dispatcher_writes_and_reads_the_demo(tmp_path: Path) -> None:
    from nec_network.demo import load_demo

    demo = load_demo()
    write_ecosystem(demo, tmp_path / "di", to="inclusion")
    assert {path.name for path in (tmp_path / "di").iterdir()} == {"structures.json", "services.json"}
    read, report = read_ecosystem(tmp_path / "di", format="inclusion")
    services = len(json.loads((tmp_path / "di" / "services.json").read_text(encoding="utf-8")))
    assert report.rows_read == len(demo) + services and report.is_complete() and not report.errors
    assert [actor_row(actor) for actor in read] == [actor_row(actor) for actor in demo]
    structures, written, problems = inclusion_records(demo)
    assert len(structures) == len(demo) and len(written) == services
    assert not [p for p in problems if p.level == "erreur"]
