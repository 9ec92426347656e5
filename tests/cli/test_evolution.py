"""``nec-network evolution``: evolution.json and the tables, from a template folder."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from nec_network.cli import main
from nec_network.io.template import write_template
from nec_network.model import Actor, Ecosystem, Event, PartialDate, Partnership

KEYS = ("liens_avant", "liens_apres", "liens_crees", "liens_termines", "liens_sans_date",
        "liens_crees_entre_participants", "liens_ponts", "plus_grande_composante_avant",
        "plus_grande_composante_apres", "survie_6_mois", "survie_12_mois", "evenement", "date_reference")


@pytest.fixture
def model(tmp_path: Path) -> Path:
    """a-b before the NEC (2024-05); after it a-c (participants, still going) and b-d (ended after
    3 months); c-d undated; a survey wave on 2025-03-31."""
    actors = [Actor(x, f"Acteur fictif {x}", code_insee="80021") for x in "abcd"]
    links = [
        Partnership("a", "b", "partenariat", debut=PartialDate(2022)),
        Partnership("a", "c", "partenariat", debut=PartialDate(2024, 6), evenement="nec", origine="vague"),
        Partnership("b", "d", "orientation", debut=PartialDate(2024, 6, 1), fin=PartialDate(2024, 8, 31)),
        Partnership("c", "d", "partenariat"),
    ]
    events = [Event("nec", "NEC fictif", PartialDate(2024, 5, 16), participants=("a", "c")),
              Event("vague", "Enquête fictive", PartialDate(2025, 3, 31), nature="enquete")]
    return write_template(Ecosystem(actors, links, events=events), tmp_path / "modele")


def test_evolution_writes_the_figures_and_tables(model: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "evolution"
    assert main(["evolution", str(model), "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "Date de référence : 2025-03-31 (fin de la vague d'enquête « vague »)" in printed
    assert "2 liens créés" in printed
    document = json.loads((out / "evolution.json").read_text(encoding="utf-8"))
    assert set(KEYS) <= set(document)
    # Before: a-b and the undated c-d; created a-c and b-d, b-d ended; after: a-b, a-c, c-d.
    assert [document[key] for key in KEYS[:7]] == [2, 3, 2, 1, 1, 1, 2]  # both new ties join two components
    assert (document["plus_grande_composante_avant"], document["plus_grande_composante_apres"]) == (2, 4)
    # b-d lasted 91 days (ended), a-c is censored at 303 days: S(6 months) = 1/2, 12 months unknown.
    assert document["survie_6_mois"] == pytest.approx(0.5) and document["survie_12_mois"] is None
    assert document["evenement"]["id"] == "nec" and document["date_reference"] == "2025-03-31"
    with (out / "liens_crees.csv").open(encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    assert [(row["source"], row["cible"], row["en_cours"]) for row in rows] == [("a", "c", "oui"), ("b", "d", "non")]
    with (out / "liens_par_periode.csv").open(encoding="utf-8") as stream:
        periods = list(csv.DictReader(stream))
    assert periods[0]["periode"] == "2022-01" and periods[-1]["periode"] == "2025-03"


def test_options_in_french_and_english(model: Path, tmp_path: Path, capsys) -> None:
    assert main(["evolution", str(model), "--event", "nec", "--at", "2024-07", "--period", "year",
                 "-o", str(tmp_path / "en")]) == 0
    document = json.loads((tmp_path / "en" / "evolution.json").read_text(encoding="utf-8"))
    assert document["date_reference"] == "2024-07-31" and document["periode"] == "annee"
    assert document["liens_termines"] == 0
    assert main(["evolution", str(model), "--evenement", "autre", "-o", str(tmp_path / "x")]) == 2
    assert "Événement inconnu : « autre »" in capsys.readouterr().err


def test_nothing_is_overwritten_without_force(model: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "occupe"
    out.mkdir()
    (out / "evolution.json").write_text("{}", encoding="utf-8")
    assert main(["evolution", str(model), "-o", str(out)]) == 2
    assert "--force" in capsys.readouterr().err
    assert main(["evolution", str(model), "-o", str(out), "--force"]) == 0


def test_without_a_survey_wave_the_reference_is_the_latest_date_of_the_data(model: Path, tmp_path: Path,
                                                                             capsys) -> None:
    from nec_network.io import read_ecosystem

    ecosystem, _ = read_ecosystem(model)
    meetings = tuple(event for event in ecosystem.events if not event.is_survey)
    folder = write_template(Ecosystem(list(ecosystem), list(ecosystem.partnerships), events=meetings),
                            tmp_path / "sans-vague")
    assert main(["evolution", str(folder), "-o", str(tmp_path / "evolution")]) == 0
    # b-d ended on 2024-08-31: the latest day any date of the data names.
    assert "Date de référence : 2024-08-31 (la date la plus récente des données)" in capsys.readouterr().out
