"""The opening-hours parser of the national schema's subset and its French wording."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from nec_network.io.mapping import opening_hours as fold_day_columns
from nec_network.model.opening_hours import (
    describe_opening_hours,
    is_public_holiday,
    opening_status,
    parse_opening_hours,
)

REAL = Path(__file__).parents[1] / "fixtures" / "real"
FS_DAYS = {
    "Mo": "h_lundi",
    "Tu": "h_mardi",
    "We": "h_mercredi",
    "Th": "h_jeudi",
    "Fr": "h_vendredi",
    "Sa": "h_samedi",
}


@pytest.mark.parametrize(
    ("text", "french"),
    [
        ("Mo-Fr 09:00-12:00,14:00-17:00", "du lundi au vendredi, 9 h – 12 h et 14 h – 17 h"),
        ("Mo-Fr 09:00-12:00, 14:00-17:00", "du lundi au vendredi, 9 h – 12 h et 14 h – 17 h"),
        ("Mo-Su 10:00-18:00", "tous les jours, 10 h – 18 h"),
        ("10:00-18:00", "tous les jours, 10 h – 18 h"),
        ("Tu,Th 13:30-17:00", "le mardi et le jeudi, 13 h 30 – 17 h"),
        ("Mo-We,Fr 09:00-12:00", "du lundi au mercredi et le vendredi, 9 h – 12 h"),
        ("Mo-Sa 09:00-18:00; We off", "le lundi, le mardi et du jeudi au samedi, 9 h – 18 h"),
        ("Mo-Fr 09:00-12:00; Sa 09:00-12:00", "du lundi au samedi, 9 h – 12 h"),
        (
            "Mo-Fr 09:00-12:00,14:00-18:30; Sa 08:30-12:00",
            "du lundi au vendredi, 9 h – 12 h et 14 h – 18 h 30 ; le samedi, 8 h 30 – 12 h",
        ),
        ("Mo-Fr 09:00-12:00; PH off", "du lundi au vendredi, 9 h – 12 h ; fermé les jours fériés"),
        ('Mo 14:00-17:00 "sur rendez-vous"', "le lundi, 14 h – 17 h (sur rendez-vous)"),
        (
            'Mo-Fr 09:00-12:00; Sa "sur rendez-vous"',
            "du lundi au vendredi, 9 h – 12 h ; le samedi, sur rendez-vous",
        ),
        ('"sur rendez-vous"', "sur rendez-vous"),
        ("Mo 09:00-12:00, We 14:00-16:00", "le lundi, 9 h – 12 h ; le mercredi, 14 h – 16 h"),
        ("Fr 20:00-02:00", "le vendredi, 20 h – 2 h"),
        ("Mo 00:00-24:00", "le lundi, minuit – minuit"),
        ("24/7", "ouvert 24 h sur 24, 7 jours sur 7"),
        ("Mo-Fr off", "fermé"),
        # Not in the supported subset: the raw text, never an English rendering.
        ("Jan-Jun Mo 09:00-12:00", "Jan-Jun Mo 09:00-12:00"),
        ('Mo-Fr 09:00-12:00 || "sur rendez-vous"', 'Mo-Fr 09:00-12:00 || "sur rendez-vous"'),
        ("SH off", "SH off"),
        ("Mo[1] 09:00-12:00", "Mo[1] 09:00-12:00"),
        ("lundi 9h-12h", "lundi 9h-12h"),
        ("Mo-Fr", "Mo-Fr"),
        ("Mo-Fr 25:00-26:00", "Mo-Fr 25:00-26:00"),
        ("", ""),
    ],
)
def test_french_wording(text, french):
    assert describe_opening_hours(text) == french


def test_no_break_space_for_pages():
    assert (
        describe_opening_hours("Mo 09:30-12:00", separator="\u00a0")
        == "le lundi, 9\u00a0h\u00a030 – 12\u00a0h"
    )


def test_later_rule_replaces_earlier_days_and_additional_rule_adds():
    replaced = parse_opening_hours("Mo-Fr 09:00-17:00; Fr 09:00-12:00")
    assert replaced.days[4].spans == ((540, 720),)
    added = parse_opening_hours("Mo 09:00-12:00, Mo 14:00-16:00")
    assert added.days[0].spans == ((540, 720), (840, 960))


def test_repeated_and_overlapping_spans_are_folded():
    # A real France Services cell repeats its afternoon ("13:00 - 17:30 / 13:00 - 17:30").
    hours = parse_opening_hours("Mo 08:30-12:00,13:00-17:30,13:00-17:30")
    assert hours.days[0].spans == ((510, 720), (780, 1050))


def test_case_and_spacing_are_tolerated():
    assert describe_opening_hours("mo-fr  09:00 - 12:00") == "du lundi au vendredi, 9 h – 12 h"


@pytest.mark.parametrize(
    ("text", "when", "status"),
    [
        (
            "Mo-Fr 09:00-12:00,14:00-17:00",
            dt.datetime(2026, 12, 1, 9, 0),
            "ouvert maintenant, jusqu'à 12 h",
        ),
        (
            "Mo-Fr 09:00-12:00,14:00-17:00",
            dt.datetime(2026, 12, 1, 12, 0),
            "ouvert aujourd'hui, à partir de 14 h",
        ),
        (
            "Mo-Fr 09:00-12:00,14:00-17:00",
            dt.datetime(2026, 12, 1, 17, 0),
            "fermé pour aujourd'hui",
        ),
        ("Mo-Fr 09:00-12:00,14:00-17:00", dt.datetime(2026, 12, 5, 10, 0), "fermé aujourd'hui"),
        (
            "Mo-Fr 09:00-17:00; PH off",
            dt.datetime(2026, 12, 25, 10, 0),
            "fermé aujourd'hui (jour férié)",
        ),
        # Without a PH rule, a public holiday follows its weekday (OSM semantics).
        ("Mo-Fr 09:00-17:00", dt.datetime(2026, 12, 25, 10, 0), "ouvert maintenant, jusqu'à 17 h"),
        ("Fr 20:00-02:00", dt.datetime(2026, 12, 5, 1, 30), "ouvert maintenant"),
        ('Sa "sur rendez-vous"', dt.datetime(2026, 12, 5, 10, 0), None),
        ('"sur rendez-vous"', dt.datetime(2026, 12, 5, 10, 0), None),
        ("Jan-Jun Mo 09:00-12:00", dt.datetime(2026, 12, 7, 10, 0), None),
        ("24/7", dt.datetime(2026, 12, 7, 3, 0), "ouvert maintenant"),
    ],
)
def test_status_at_a_given_time(text, when, status):
    assert opening_status(text, when) == status


def test_public_holidays_of_2026():
    holidays = [
        day
        for day in (dt.date(2026, 1, 1) + dt.timedelta(days=n) for n in range(365))
        if is_public_holiday(day)
    ]
    assert [day.isoformat() for day in holidays] == [
        "2026-01-01",
        "2026-04-06",
        "2026-05-01",
        "2026-05-08",
        "2026-05-14",
        "2026-05-25",
        "2026-07-14",
        "2026-08-15",
        "2026-11-01",
        "2026-11-11",
        "2026-12-25",
    ]


def test_official_example_of_the_national_schema_is_read():
    with (REAL / "exemple-valide-lieux-mediation-numerique.csv").open(encoding="utf-8") as stream:
        row = next(csv.DictReader(stream))
    assert describe_opening_hours(row["horaires"]) == (
        "du lundi au vendredi, 9 h – 12 h et 14 h – 18 h 30 ; le samedi, 8 h 30 – 12 h"
    )


def test_every_real_france_services_site_with_readable_hours_gets_french_hours():
    """The national list's day columns, folded by the mapping, all parse: none falls back to raw."""
    with (REAL / "france-services-2022-12-extrait.csv").open(
        encoding="utf-8", errors="replace"
    ) as stream:
        rows = list(csv.DictReader(stream))
    folded = [
        fold_day_columns({day: row[column] for day, column in FS_DAYS.items()}) for row in rows
    ]
    readable = [value for value in folded if value]
    assert len(readable) >= 450
    for value in readable:
        assert parse_opening_hours(value) is not None, value
        text = describe_opening_hours(value)
        assert " h" in text and "Mo" not in text and "Fr " not in text, text
    # Only cells the mapping itself cannot read stay unreadable (kept raw by the importer, with a warning).
    assert sum(value is None for value in folded) <= 2
