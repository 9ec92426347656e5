"""The network page in time: its JSON entry (nec_network.views._network_time), and the browser's
date rule (static/reseau-temps.js) replayed in Node against Python's network_at."""

from __future__ import annotations

import datetime as dt
import json
import random
import shutil
import subprocess
from pathlib import Path

import pytest

from nec_network.analysis.evolution import network_at
from nec_network.model import Actor, Ecosystem, Event, Partnership
from nec_network.model.dates import PartialDate
from nec_network.views import _network_time
from nec_network.views.rendering import static_text

REPLAY = """
const rule = require(process.argv[1]);
const cases = JSON.parse(require("fs").readFileSync(0, "utf8"));
const days = new Map(cases.jours);
const answers = cases.jours_demandes.map(day => cases.liens.map(link => rule.present(link, days, day, cases.sans_date)));
process.stdout.write(JSON.stringify({answers, first: cases.dates.map(rule.firstDay), last: cases.dates.map(rule.lastDay),
  before: cases.jours_demandes.map(rule.dayBefore)}));
"""


def _random_date(rng: random.Random, low: int = 2019, high: int = 2026) -> PartialDate:
    year = rng.randint(low, high)
    precision = rng.choice(("annee", "mois", "jour"))
    if precision == "annee":
        return PartialDate(year)
    month = rng.randint(1, 12)
    if precision == "mois":
        return PartialDate(year, month)
    return PartialDate.from_date(dt.date(year, month, 1) + dt.timedelta(days=rng.randrange(28)))


def _random_ecosystem(seed: int) -> Ecosystem:
    """Partnerships with every precision, leap years, ends, undated ones and events (one undated)."""
    rng = random.Random(seed)
    actors = [Actor(f"a{i}", f"A{i}") for i in range(12)]
    events = [
        Event("rencontre", "Rencontre", PartialDate(2024, 2, 29)),
        Event("mois", "Journée", PartialDate(2023, 6)),
        Event("sans-date", "Projet"),
    ]
    links = []
    for _ in range(160):
        source, cible = rng.sample(actors, 2)
        debut = _random_date(rng) if rng.random() < 0.8 else None
        fin = None
        if rng.random() < 0.35:
            fin = _random_date(rng, (debut.year if debut else 2019), 2027)
            if debut is not None and fin.last_day < debut.first_day:
                fin = None
        evenement = rng.choice(("", "", "rencontre", "mois", "sans-date"))
        links.append(
            Partnership(source.id, cible.id, "partenariat", debut=debut, fin=fin, evenement=evenement)
        )
    return Ecosystem(actors, links, events=events)


def _node_answers(ecosystem: Ecosystem, days: list[dt.date], *, undated: bool, folder: Path) -> dict:
    cases = {
        "jours": [[e.id, e.date.first_day.isoformat()] for e in ecosystem.events if e.date is not None],
        "jours_demandes": [day.isoformat() for day in days],
        "liens": [
            {"debut": str(link.debut) if link.debut else None, "fin": str(link.fin) if link.fin else None,
             "evenement": link.evenement}
            for link in ecosystem.partnerships
        ],
        "sans_date": undated,
        "dates": [str(link.debut) for link in ecosystem.partnerships if link.debut],
    }
    module = folder / "reseau-temps.js"
    module.write_text(static_text("reseau-temps.js"), encoding="utf-8")
    done = subprocess.run(
        ["node", "-e", REPLAY, str(module)], input=json.dumps(cases), capture_output=True,
        text=True, check=True, timeout=60,
    )
    return json.loads(done.stdout)


@pytest.mark.skipif(shutil.which("node") is None, reason="node absent : apt-get install nodejs")
@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("undated", [True, False])
def test_the_browser_date_rule_gives_network_at_answers(seed, undated, tmp_path):
    ecosystem = _random_ecosystem(seed)
    rng = random.Random(seed)
    # Edges of every tricky kind: first and last days of months and years, leap days, event days.
    days = [dt.date(2024, 2, 28), dt.date(2024, 2, 29), dt.date(2024, 3, 1), dt.date(2023, 5, 31),
            dt.date(2023, 6, 1), dt.date(2022, 12, 31), dt.date(2023, 1, 1), dt.date(2026, 12, 31)]
    days += [dt.date(2018, 6, 1) + dt.timedelta(days=rng.randrange(3300)) for _ in range(30)]
    replay = _node_answers(ecosystem, days, undated=undated, folder=tmp_path)
    links = ecosystem.partnerships
    for day, answers in zip(days, replay["answers"], strict=True):
        expected = set(network_at(ecosystem, day, include_undated=undated).partnerships)
        got = {link for link, there in zip(links, answers, strict=True) if there}
        assert got == expected, day
    dated = [link.debut for link in links if link.debut]
    assert replay["first"] == [d.first_day.isoformat() for d in dated]
    assert replay["last"] == [d.last_day.isoformat() for d in dated]
    assert replay["before"] == [(day - dt.timedelta(days=1)).isoformat() for day in days]


def test_the_time_entry_of_the_demo_like_history():
    ecosystem = Ecosystem(
        [Actor("a", "A"), Actor("b", "B"), Actor("c", "C")],
        [
            Partnership("a", "b", "partenariat", debut=PartialDate(2021), fin=PartialDate(2024, 3)),
            Partnership("b", "c", "orientation", evenement="nec"),
            Partnership("a", "c", "membre_de"),
        ],
        events=[
            Event("nec", "NEC local", PartialDate(2025, 10, 16), participants=("a", "c"), organisateurs=("b",)),
            Event("vague", "Enquête", PartialDate(2026, 3, 31), nature="enquete", participants=("a",)),
        ],
    )
    document = _network_time.time_document(ecosystem)
    assert document["etat"] == "date"
    # Bounds: the earliest and latest first day named (the end's first day, the survey's day).
    assert (document["debut"], document["fin"]) == ("2021-01-01", "2026-03-31")
    # The partnership born at the dated event is dated by it; only « membre_de » is undated.
    assert (document["liens_dates"], document["liens_sans_date"]) == (2, 1)
    assert [e["id"] for e in document["evenements"]] == ["nec"]  # the survey wave is no meeting
    assert document["evenements"][0]["participants"] == ["a", "b", "c"]
    assert document["jours"] == [["nec", "2025-10-16"], ["vague", "2026-03-31"]]
    values = _network_time.template_values(document)
    assert values["debut_texte"] == "1er janvier 2021" and "1 partenariat sans date est montré à toutes les dates" in values["note"]


def test_without_working_ties_or_dates_the_entry_says_why():
    places = Ecosystem([Actor("a", "A"), Actor("b", "B")], [Partnership("b", "a", "membre_de")])
    document = _network_time.time_document(places)
    assert document["etat"] == "absent" and document["sans_partenariats"] is True
    assert "rattachement" in document["raison"] and "nec-network enquete" in document["raison"]
    nothing = _network_time.time_document(Ecosystem([Actor("a", "A")]))
    assert nothing["sans_partenariats"] is True and "rattachement" not in nothing["raison"]
    undated = Ecosystem([Actor("a", "A"), Actor("b", "B")], [Partnership("a", "b", "partenariat")])
    document = _network_time.time_document(undated)
    assert document["sans_partenariats"] is False and "Aucun partenariat n’est daté" in document["raison"]


def _python_french_day(text: str) -> str | None:
    """Independent oracle of necTemps.fromFrench: jj/mm/aaaa (/, . or -) or ISO, real days only."""
    import re

    for pattern, order in ((r"\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})\s*", (2, 1, 0)),
                           (r"\s*(\d{4})-(\d{2})-(\d{2})\s*", (0, 1, 2))):
        match = re.fullmatch(pattern, text)
        if match:
            parts = [int(value) for value in match.groups()]
            try:
                return dt.date(parts[order[0]], parts[order[1]], parts[order[2]]).isoformat()
            except ValueError:
                return None
    return None


@pytest.mark.skipif(shutil.which("node") is None, reason="node absent : apt-get install nodejs")
def test_the_french_date_entry_reads_days_as_python_does(tmp_path):
    rng = random.Random(5)
    typed = ["30/06/2021", "1/7/2021", "31/02/2024", "29/02/2024", "29/02/2023", "2021-06-30",
             " 3.4.2020 ", "15-10-2025", "00/01/2020", "12/13/2020", "06/30/2021", "2021-6-30",
             "", "aujourd'hui", "30/06/21", "31/04/2025", "31/12/2026"]
    typed += [f"{rng.randint(0, 32)}/{rng.randint(0, 13):02d}/{rng.randint(1999, 2030)}" for _ in range(300)]
    module = tmp_path / "reseau-temps.js"
    module.write_text(static_text("reseau-temps.js"), encoding="utf-8")
    script = """const rule = require(process.argv[1]); const typed = JSON.parse(require("fs").readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify(typed.map(t => [rule.fromFrench(t), rule.fromFrench(t) && rule.toFrench(rule.fromFrench(t))])));"""
    done = subprocess.run(["node", "-e", script, str(module)], input=json.dumps(typed), capture_output=True,
                          text=True, check=True, timeout=60)
    answers = json.loads(done.stdout)
    for text, (day, written) in zip(typed, answers, strict=True):
        assert day == _python_french_day(text), text
        if day:
            assert written == dt.date.fromisoformat(day).strftime("%d/%m/%Y")
    assert sum(day is not None for day, _ in answers) > 100  # the random cases hold real days
