"""The map's event layers (nec_network.views._map_events): participants and created ties."""

from __future__ import annotations

from nec_network.model import Actor, Ecosystem, Event, Partnership
from nec_network.model.dates import PartialDate
from nec_network.views._map_data import MapPositions
from nec_network.views._map_events import events_data
from nec_network.views.map import MapOptions, map_document


def _ecosystem() -> Ecosystem:
    actors = [
        Actor("a", "Médiathèque A", code_insee="80021", latitude=49.89, longitude=2.30),
        Actor("b", "CCAS B", code_insee="80001", latitude=50.10, longitude=1.83),
        Actor("c", "France Services C", code_insee="02691", latitude=49.85, longitude=3.29),
        Actor("d", "EPN D sans position"),
    ]
    links = [
        Partnership("a", "b", "partenariat", debut=PartialDate(2023)),
        Partnership("a", "c", "orientation", debut=PartialDate(2025, 11), evenement="nec"),
        Partnership("c", "a", "partenariat", debut=PartialDate(2026, 1)),
        Partnership("b", "c", "mutualisation", debut=PartialDate(2025, 12), fin=PartialDate(2026, 2)),
        Partnership("c", "d", "partenariat", debut=PartialDate(2026, 3)),
    ]
    events = [
        Event("nec", "NEC local", PartialDate(2025, 10, 16), participants=("a", "c", "d")),
        Event("futur", "NEC 2030", PartialDate(2030, 1)),
        Event("vague", "Enquête", PartialDate(2026, 6, 30), nature="enquete"),
    ]
    return Ecosystem(actors, links, events=events)


def test_participants_and_created_ties_of_each_past_meeting():
    ecosystem = _ecosystem()
    positions = MapPositions.of(ecosystem)
    located, index = positions.located, positions.index
    (record,) = events_data(ecosystem, positions)  # the survey wave and a future event are left out
    assert record["nom"] == "NEC local" and record["date"] == "16 octobre 2025"
    assert record["reference"] == "30 juin 2026"
    assert record["participants"] == sorted([index["a"], index["c"]]) and record["sans_position"] == 1
    lines = {(located[line["de"]].id, located[line["vers"]].id): line for line in record["liens"]}
    # a-c (two partnerships, one tie) and b-c (ended since); c-d has an actor off the map.
    assert set(lines) == {("a", "c"), ("b", "c")}
    assert lines[("a", "c")]["types"] == ["Orientation", "Partenariat"] and "termine" not in lines[("a", "c")]
    assert lines[("b", "c")]["termine"] is True
    assert record["liens_hors_carte"] == 1


def test_the_map_document_carries_them_and_none_without_dates():
    assert len(map_document(_ecosystem(), options=MapOptions(departements=None))["evenements"]) == 1
    plain = Ecosystem([Actor("a", "A", latitude=49.9, longitude=2.3)], [])
    assert map_document(plain, options=MapOptions(departements=None))["evenements"] == []
