"""Survey answers added to a model: kept, merged, confirmed, to check, rejected (nec_network.io.survey_import)."""

from __future__ import annotations

from pathlib import Path

from nec_network.io.survey import read_responses
from nec_network.io.survey_import import import_survey, merge_declaration
from nec_network.model import Actor, Ecosystem, Partnership
from nec_network.model.dates import PartialDate
from nec_network.model.event import Event

HEADER = "repondant,partenaire,type,debut,frequence,partenaire_id,repondant_id\n"


def _model() -> Ecosystem:
    actors = [
        Actor("ccas-laon", "CCAS de Laon", typologies=("CCAS",)),
        Actor("ml-laon", "Mission locale de Laon", typologies=("ML",)),
        Actor("cs-laon", "Centre social de Laon", typologies=("CS",)),
        Actor("mediatheque-laon", "Médiathèque de Laon", typologies=("BIB",)),
    ]
    links = [Partnership("cs-laon", "mediatheque-laon", "partenariat", origine="saisie")]
    event = Event("nec-2025", "NEC local (fictif)", PartialDate(2025, 6), participants=("ccas-laon", "ml-laon"))
    return Ecosystem(actors, links, events=[event])


def _survey(tmp_path: Path, rows: str, name: str = "vague1.csv"):
    path = tmp_path / name
    path.write_text(HEADER + rows, encoding="utf-8")
    return read_responses(path)


def test_both_sides_declaring_a_tie_confirm_it_and_one_side_says_who(tmp_path):
    survey = _survey(tmp_path, (
        "CCAS de Laon,Mission locale Laon,partenariat,2024,Chaque mois,,\n"
        "Mission locale de Laon,CCAS Laon,partenariat,,Chaque semaine,,\n"
        "CCAS de Laon,Centre social de Laon,orientation,2023,,,\n"
    ))
    result = import_survey(_model(), [survey])
    links = {link.key: link for link in result.ecosystem.partnerships}
    confirmed = links[("ccas-laon", "ml-laon", "partenariat")]
    assert confirmed.declare_par == ("ccas-laon", "ml-laon")
    assert confirmed.debut == PartialDate(2024) and confirmed.poids == 4.0 and confirmed.origine == "enquête vague1.csv"
    assert links[("ccas-laon", "cs-laon", "orientation")].declare_par == ("ccas-laon",)
    assert (result.kept, result.merged, len(result.to_check), result.rejected) == (2, 1, 0, 0)
    assert (result.confirmed, result.one_sided) == (1, 1)
    assert result.is_balanced() and result.relations_read == 3


def test_a_tie_already_in_the_model_is_merged_not_duplicated(tmp_path):
    survey = _survey(tmp_path, "Médiathèque de Laon,Centre social Laon,partenariat,2019,,,\n")
    result = import_survey(_model(), [survey])
    assert len(result.ecosystem.partnerships) == 1
    link = result.ecosystem.partnerships[0]
    assert (link.declare_par, link.debut, link.origine) == (("mediatheque-laon",), PartialDate(2019), "saisie")
    assert (result.kept, result.merged) == (0, 1)


def test_uncertain_and_unknown_names_are_set_aside_never_created(tmp_path):
    survey = _survey(tmp_path, (
        "CCAS de Laon,Secours populaire de Laon,partenariat,,,,\n"
        "Inconnue association,Mission locale de Laon,partenariat,,,,\n"
    ))
    model = _model()
    result = import_survey(model, [survey])
    assert result.ecosystem.partnerships == model.partnerships
    assert len(result.to_check) == 2 and result.kept == 0
    assert sorted(actor.name for actor in result.unknown) == ["Inconnue association", "Secours populaire de Laon"]
    assert result.unknown[1].cited_by == ("ccas-laon",)
    assert len(model) == len(result.ecosystem)


def test_rejections_balance_and_the_actor_named_as_its_own_partner(tmp_path):
    survey = _survey(tmp_path, (
        "CCAS de Laon,CCAS Laon,partenariat,,,,\n"
        "CCAS de Laon,Mission locale de Laon,partenariat,2024-13,,,\n"
        "CCAS de Laon,,,,,,\n"
    ))
    result = import_survey(_model(), [survey])
    assert result.relations_read == 2 and result.rejected == 2 and result.responses == 1
    assert result.is_balanced()
    reasons = sorted(problem.column for problem in result.report.rejections)
    assert reasons == ["debut", "partenaire"]


def test_ids_chosen_in_the_page_win_and_follow_merged_duplicates(tmp_path):
    survey = _survey(tmp_path, "Nom mal écrit,Autre nom,partenariat,,,ancien-id,ccas-laon\n")
    result = import_survey(_model(), [survey], renamed={"ancien-id": "ml-laon"})
    assert [link.key for link in result.ecosystem.partnerships][-1] == ("ccas-laon", "ml-laon", "partenariat")


def test_the_partner_as_source_for_the_directions_people_tell_apart(tmp_path):
    path = tmp_path / "r.csv"
    path.write_text("repondant,partenaire,type\nCCAS de Laon,Mission locale de Laon,Ils nous orientent des personnes\n",
                    encoding="utf-8")
    result = import_survey(_model(), [read_responses(path)])
    assert result.ecosystem.partnerships[-1].key == ("ml-laon", "ccas-laon", "orientation")


def test_response_rates_per_event_and_per_typology(tmp_path):
    survey = _survey(tmp_path, "CCAS de Laon,,,,,,\nCentre social de Laon,,,,,,\n")
    result = import_survey(_model(), [survey])
    (event,) = result.rates_by_event
    assert (event.group, event.actors, event.answered, event.rate) == ("nec-2025", 2, 1, 0.5)
    by_code = {rate.group: (rate.actors, rate.answered) for rate in result.rates_by_typology}
    assert by_code == {"CCAS": (1, 1), "ML": (1, 0), "CS": (1, 1), "BIB": (1, 0)}


def test_merging_keeps_known_dates_and_fills_missing_ones():
    known = Partnership("a", "b", "partenariat", debut=PartialDate(2020), declare_par=("a",))
    merged = merge_declaration(known, Partnership("b", "a", "partenariat", debut=PartialDate(2022),
                                                  fin=PartialDate(2024), declare_par=("b",), evenement="e"))
    assert (merged.debut, merged.fin, merged.evenement, merged.declare_par) == (
        PartialDate(2020), PartialDate(2024), "e", ("a", "b"))


def _model_with_wave() -> Ecosystem:
    model = _model()
    wave = Event("vague-2026", "Enquête d'octobre 2026 (fictive)", PartialDate(2026, 10, 15), nature="enquete")
    return Ecosystem(model.actors, model.partnerships, events=[*model.events, wave])


def test_a_wave_dates_its_answers_and_refuses_ties_starting_after_it(tmp_path):
    path = tmp_path / "apres.csv"
    path.write_text("repondant,partenaire,type,debut,vague\n"
                    "CCAS de Laon,Mission locale de Laon,partenariat,2026-09,vague-2026\n"
                    "CCAS de Laon,Centre social de Laon,partenariat,2026-11,vague-2026\n", encoding="utf-8")
    result = import_survey(_model_with_wave(), [read_responses(path)])
    added = result.ecosystem.partnerships[-1]
    assert (added.key, added.origine) == (("ccas-laon", "ml-laon", "partenariat"), "vague-2026")
    (refused,) = result.report.rejections
    assert (refused.file, refused.row, refused.column, refused.value) == (str(path), 3, "debut", "2026-11")
    assert "après la vague d'enquête" in refused.message and "vague-2026" in refused.message
    assert (result.kept, result.rejected) == (1, 1) and result.is_balanced()


def test_an_unknown_wave_or_event_is_a_warning_and_the_model_still_reads_back(tmp_path):
    from nec_network.io import read_ecosystem, write_ecosystem

    path = tmp_path / "r.csv"
    path.write_text("repondant,partenaire,type,evenement,vague\n"
                    "CCAS de Laon,Mission locale de Laon,partenariat,nec-2099,nec-2025\n", encoding="utf-8")
    result = import_survey(_model_with_wave(), [read_responses(path)])
    warnings = {problem.column: problem for problem in result.report.warnings}
    assert set(warnings) == {"vague", "evenement"}
    assert warnings["vague"].row == 2 and "rencontre, pas une vague" in warnings["vague"].message
    assert warnings["evenement"].value == "nec-2099"
    added = result.ecosystem.partnerships[-1]
    assert (added.evenement, added.origine) == ("", "enquête r.csv")
    assert "événement déclaré : nec-2099" in added.note
    write_ecosystem(result.ecosystem, tmp_path / "modele", to="modele")
    again, report = read_ecosystem(tmp_path / "modele")
    assert report.rejected == 0 and len(again.partnerships) == len(result.ecosystem.partnerships)
