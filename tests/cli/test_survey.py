"""``nec-network import MODELE REPONSES:enquete`` and ``validate REPONSES:enquete`` (nec_network.cli.survey)."""

from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path

from nec_network.cli import main
from nec_network.demo import demo_path

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "enquete"


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def test_import_adds_the_declared_relations_and_writes_what_to_check_and_add(tmp_path, capsys):
    out = tmp_path / "modele"
    assert main(["import", str(demo_path()), f"{FIXTURES / 'reponses-fautes.csv'}:enquete", "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    # How many declared ties the demo already holds may change with the demo: the balance may not.
    balance = re.search(r"(\d+) relations déclarées = (\d+) nouvelles \+ (\d+) fusionnées .* \+ (\d+) à vérifier "
                        r"\+ (\d+) rejetée", printed)
    read, kept, merged, to_check, rejected = map(int, balance.groups())
    assert (read, kept + merged, to_check, rejected) == (88, 81, 7, 0)
    links = _rows(out / "partenariats.csv")
    surveyed = [link for link in links if link["origine"] == "enquête reponses-fautes.csv"]
    assert len(surveyed) == kept and all(link["declare_par"] for link in surveyed)
    review = _rows(out / "relations-a-verifier.csv")
    assert len(review) == 7 and all(row["partenaire_motif"] for row in review)
    to_add = _rows(out / "acteurs-a-ajouter.csv")
    assert "Secours populaire de Beauvais" in {row["nom"] for row in to_add}
    assert "Taux de réponse par typologie" in printed


def test_actors_to_add_once_completed_are_imported_and_their_relations_kept(tmp_path, capsys):
    first = tmp_path / "premier"
    survey = f"{FIXTURES / 'reponses-fautes.csv'}:enquete"
    main(["import", str(demo_path()), survey, "-o", str(first)])
    rows = _rows(first / "acteurs-a-ajouter.csv")
    for row in rows:  # what a coordinator fills in
        row.update(typologie="ASSO", commune="Beauvais", code_postal="60000", zone_intervention="60")
    completed = tmp_path / "acteurs-a-ajouter.csv"
    with completed.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    capsys.readouterr()
    second = tmp_path / "second"
    assert main(["import", str(demo_path()), str(completed), survey, "-o", str(second)]) == 0
    printed = capsys.readouterr().out
    assert "+ 1 à vérifier" in printed  # only « Médiathèque de Creil quartier 3 », close to quartier 2
    assert _rows(second / "acteurs-a-ajouter.csv") == []


def test_survey_rejections_go_to_rejets_with_file_row_and_column(tmp_path, capsys):
    answers = tmp_path / "reponses.csv"
    answers.write_text("repondant,partenaire,debut\nCCAS de Laon,Mission locale de Laon,2025-13-01\n", encoding="utf-8")
    out = tmp_path / "modele"
    assert main(["import", str(demo_path()), f"{answers}:enquete", "-o", str(out)]) == 0
    (rejection,) = [row for row in _rows(out / "rejets.csv") if row["fichier"] == str(answers)]
    assert (rejection["ligne"], rejection["colonne"], rejection["valeur"]) == ("2", "debut", "2025-13-01")


def test_a_survey_alone_is_refused_in_french(tmp_path, capsys):
    assert main(["import", f"{FIXTURES / 'reponses-fautes.csv'}:enquete", "-o", str(tmp_path / "m")]) == 2
    assert "s'importent avec le modèle" in capsys.readouterr().err


def test_a_wide_export_is_imported_through_its_mapping_and_validated(tmp_path, capsys):
    mapping = shutil.copy(FIXTURES / "formulaire-large.json", tmp_path / "formulaire.json")
    source = f"{FIXTURES / 'formulaire-large.csv'}:{mapping}"
    assert main(["import", str(demo_path()), source, "-o", str(tmp_path / "m")]) == 0
    assert re.search(r"4 réponses lues, 5 relations déclarées = \d+ nouvelles? \+ \d+ fusionnées? .* \+ 0 à vérifier "
                     r"\+ 2 rejetées", capsys.readouterr().out)
    assert main(["validate", source]) == 1
    assert "colonne « Relation avec le partenaire 2 »" in capsys.readouterr().out


def _model_with_event(tmp_path: Path) -> Path:
    model = tmp_path / "modele-evenement"
    shutil.copytree(demo_path(), model, ignore=shutil.ignore_patterns("__init__.py", "__pycache__"))
    (model / "evenements.csv").write_text(
        "id,nom,date,commune,organisateurs,participants,note,nature\n"
        "nec-laon,NEC local de Laon (fictif),2025-06-12,02408,ccas-laon,"
        "mission-locale-laon|centre-social-laon|mediatheque-soissons,,rencontre\n", encoding="utf-8")
    return model


def test_the_response_rate_per_event_counts_its_participants_who_answered(tmp_path, capsys):
    answers = tmp_path / "reponses.csv"
    answers.write_text("repondant,partenaire,evenement\nCCAS de Laon,Mission locale de Laon,nec-laon\n"
                       "Centre social de Laon,,\n", encoding="utf-8")
    out = tmp_path / "sortie"
    assert main(["import", str(_model_with_event(tmp_path)), f"{answers}:enquete", "-o", str(out)]) == 0
    assert "Taux de réponse par événement : NEC local de Laon (fictif) 2/4 (50" in capsys.readouterr().out
    (link,) = [row for row in _rows(out / "partenariats.csv") if row["origine"] == "enquête reponses.csv"]
    assert (link["source"], link["cible"], link["evenement"]) == ("ccas-laon", "mission-locale-laon", "nec-laon")


def test_the_page_names_the_event_of_the_model_and_refuses_an_unknown_one(tmp_path, capsys):
    model = _model_with_event(tmp_path)
    assert main(["enquete", str(model), "--evenement", "nec-laon", "-o", str(tmp_path / "e.html")]) == 0
    assert "événement « NEC local de Laon (fictif) »" in capsys.readouterr().out
    assert "NEC local de Laon (fictif)" in (tmp_path / "e.html").read_text(encoding="utf-8")
    assert main(["enquete", str(model), "--evenement", "autre", "-o", str(tmp_path / "f.html")]) == 2
    assert "Événement inconnu : « autre » (événements du modèle : nec-laon)" in capsys.readouterr().err


def test_the_page_carries_the_survey_wave_and_refuses_a_meeting_as_one(tmp_path, capsys):
    page = tmp_path / "e.html"
    assert main(["enquete", str(demo_path()), "--vague", "enquete-2026-10", "-o", str(page)]) == 0
    assert "vague « Enquête sur les partenariats d'octobre 2026 (fictive) »" in capsys.readouterr().out
    document = page.read_text(encoding="utf-8")
    assert '"vague": {"id": "enquete-2026-10"' in document or '"vague":{"id":"enquete-2026-10"' in document
    assert main(["enquete", str(demo_path()), "--vague", "nec-pays-picards-2025", "-o", str(tmp_path / "f.html")]) == 2
    assert "Vague d'enquête inconnue : « nec-pays-picards-2025 » (vagues du modèle : enquete-2026-10)" in capsys.readouterr().err
