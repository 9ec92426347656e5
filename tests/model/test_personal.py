"""The personal-data rule: an adviser's phone, e-mail, name or id recognised in any spelling, anywhere."""

from __future__ import annotations

import json

import pytest

from nec_network.model import Actor, Ecosystem, Partnership
from nec_network.model.personal import PersonalData, PersonalRemoval, without_personal_data
from nec_network.model.resource import Resource

ADVISER = {"aidantId": "aidant-fictif-91", "nom": "Camille Fictive",
           "courriel": "Camille.Fictive@Example.org", "telephone": "+33323990011"}  # fmt: skip


def _with_adviser(**fields) -> Actor:
    return Actor("a", "Médiathèque", extra={"aidants": json.dumps([ADVISER]), "conseillers": "1"}, **fields)


@pytest.mark.parametrize("spelling", ["+33323990011", "03 23 99 00 11", "03.23.99.00.11", "0033 3 23 99 00 11",
                                      "+33 (0)3 23 99 00 11", "03-23-99-00-11", "0323990011", "tél : 03 23 99 00 11."])
def test_every_spelling_of_an_advisers_phone_is_hers(spelling):
    assert PersonalData.of_values([ADVISER["telephone"]]).holds(spelling)


@pytest.mark.parametrize("other", ["03 23 99 00 12", "02 23 99 00 11", "3949", "80000", "49.5641"])
def test_another_number_is_not(other):
    assert not PersonalData.of_values([ADVISER["telephone"]]).holds(other)


def test_e_mails_names_and_ids_compare_case_and_accent_folded_word_for_word():
    data = PersonalData.of_values(ADVISER.values())
    assert data.holds("CAMILLE.FICTIVE@EXAMPLE.ORG") and data.holds("écrire à camille.fictive@example.org")
    assert data.holds("avec CAMILLE FICTIVE") and data.holds("Camille Fictivé") and data.holds("aidant-fictif-91")
    # Not a word for word match: another person, another id, a single first name.
    assert not data.holds("Camille Fictiveau") and not data.holds("aidant-fictif-910") and not data.holds("Camille")
    assert not data.holds("camille.fictive2@example.org")


def test_every_field_of_every_actor_is_compared_with_every_advisers_data():
    place = _with_adviser(telephone="03 23 99 00 11", courriels=("camille.fictive@example.org", "accueil@example.org"))
    other = Actor("b", "Mairie", telephone="0033 3 23 99 00 11", presentation="Contact : Camille Fictive, le lundi.",
                  extra={"provenance": "s:b|s:aidant-fictif-91", "tel2": 323990011,
                         "valeurs_ecartees": "telephone : 03.23.99.00.11 (c)|nom : Mairie (c)"})
    link = Partnership("a", "b", "partenariat", note="Appeler le 03 23 99 00 11 ou accueil", origine="Camille Fictive")
    clean, removed = without_personal_data(Ecosystem([place, other], [link]))
    assert clean["a"].telephone == "" and clean["a"].courriels == ("accueil@example.org",)
    assert clean["a"].extra == {"conseillers": "1"}
    assert clean["b"].telephone == "" and clean["b"].presentation == "Contact : , le lundi."
    assert clean["b"].extra == {"provenance": "s:b", "valeurs_ecartees": "nom : Mairie (c)"}
    assert clean.partnerships[0].note == "Appeler le ou accueil" and clean.partnerships[0].origine == ""
    # a: aidants removed + phone + one e-mail; b: phone, presentation, provenance, tel2, valeurs_ecartees.
    assert removed == PersonalRemoval(actors=2, values=9)


def test_only_the_personal_part_of_a_phone_field_goes():
    clean, _ = without_personal_data(Ecosystem([_with_adviser(telephone="03 22 00 00 00 / 03 23 99 00 11")]))
    assert clean["a"].telephone == "03 22 00 00 00"


def test_an_ecosystem_without_personal_data_is_returned_as_it_is():
    ecosystem = Ecosystem([Actor("a", "A", telephone="03 23 99 00 11")])
    assert without_personal_data(ecosystem) == (ecosystem, PersonalRemoval())


def test_columns_a_mapping_marks_personal_are_searched_for_too():
    marked = Actor("a", "A", extra={"referente": "Marie Fictive 06 11 22 33 44", "champs_personnels": "referente"})
    other = Actor("b", "B", telephone="06.11.22.33.44", presentation="Voir Marie Fictive")
    clean, _ = without_personal_data(Ecosystem([marked, other]))
    assert clean["a"].extra == {} and clean["b"].telephone == "" and clean["b"].presentation == "Voir"


def test_the_input_is_not_modified():
    ecosystem = Ecosystem([_with_adviser(telephone="03 23 99 00 11")])
    without_personal_data(ecosystem)
    assert ecosystem["a"].telephone == "03 23 99 00 11" and "aidants" in ecosystem["a"].extra


def test_resources_are_cleaned_by_the_same_rule():
    from nec_network.model.personal import resources_without_personal_data

    resources = [Resource("Aide de Camille Fictive", ("demarches",), "03.23.99.00.11", "Écrire à camille.fictive@example.org")]
    (clean,) = resources_without_personal_data(resources, Ecosystem([_with_adviser()]))
    assert (clean.nom, clean.lien, clean.description) == ("Aide de", "", "Écrire à")


def test_events_keep_their_actors_and_lose_the_personal_part_of_their_texts():
    from nec_network.model.event import Event

    place = _with_adviser()
    event = Event(id="e1", nom="Atelier avec Camille Fictive", note="Inscriptions au 03.23.99.00.11",
                  organisateurs=("a",))
    clean, removed = without_personal_data(Ecosystem([place], events=[event]))
    (kept,) = clean.events
    assert (kept.nom, kept.note, kept.organisateurs) == ("Atelier avec", "Inscriptions au", ("a",))
    assert removed.values == 2
