"""Property tests: what we write, we read back unchanged."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nec_network import territory
from nec_network.io.graph_formats import read_gexf, read_graphml, write_gexf, write_graphml
from nec_network.io.template import read_template, write_template
from nec_network.model import Actor, Ecosystem, PartialDate, Partnership
from nec_network.model import vocabularies as voc
from nec_network.tables import repair_mojibake

# Free text as people type it: any letters, quotes, commas, semicolons, newlines — but no "|"
# (our list separator), no surrounding blanks (cells are stripped) and no text that ftfy takes
# for double-encoded UTF-8 (it is repaired on reading, by design).
_LETTERS = st.characters(
    blacklist_categories=("Cs", "Cc", "Zl", "Zp"),
    blacklist_characters="|ÃÂÅÆ\ufeff",
)
_SEPARATORS = st.sampled_from(['"', ",", ";", "\n", "'", "’", "«", "»"])
# Runs of letters and separators, about as many of each: a text drawn from one alphabet mixing
# the two strategies costs hypothesis two draws per character, and was most of these tests' time.
text = (
    st.lists(st.text(_LETTERS, min_size=1, max_size=5) | _SEPARATORS, max_size=8)
    .map(lambda parts: "".join(parts)[:25].strip())
    .filter(lambda t: "\r" not in t and repair_mojibake(t) == t)
)
word = text.filter(bool)
COMMUNES = territory.load_communes()
insee = st.sampled_from(sorted(COMMUNES["code_insee"]))
siren = st.sampled_from(sorted(set(COMMUNES["epci_code"])))


def subset(vocabulary) -> st.SearchStrategy[tuple[str, ...]]:
    return st.lists(st.sampled_from(list(vocabulary)), unique=True, max_size=3).map(tuple)


# Each strategy is built once: hypothesis validates a strategy the first time it draws from it,
# and building them inside ``actors`` validated some twenty per actor drawn (half of the CPU
# of these tests went into making examples rather than into round trips).
_VOCABULARIES = {
    field: subset(vocabulary)
    for field, vocabulary in [
        ("typologies", voc.TYPOLOGIES), ("services", voc.SERVICES), ("publics", voc.PUBLICS),
        ("prise_en_charge", voc.PRISE_EN_CHARGE), ("dispositifs", voc.DISPOSITIFS),
        ("formations_labels", voc.FORMATIONS_LABELS), ("modalites_acces", voc.MODALITES_ACCES),
        ("modalites_accompagnement", voc.MODALITES_ACCOMPAGNEMENT), ("frais", voc.FRAIS),
    ]
}  # fmt: skip
_TEXTS = ("adresse", "complement_adresse", "commune", "horaires", "telephone", "prise_rdv", "presentation",
          "pivot", "structure_parente", "source")  # fmt: skip
_postal_code = st.just("") | st.text("0123456789", min_size=5, max_size=5)
_insee_or_none = st.just("") | insee
_latitude, _longitude = st.floats(41.5, 51.0), st.floats(-5.0, 9.5)
_precision = st.sampled_from(["", *voc.PRECISIONS])
_zone = st.lists(insee | siren, unique=True, max_size=3).map(tuple)
_words = st.lists(word, unique=True, max_size=2).map(tuple)
_date_maj = st.none() | st.dates(dt.date(1990, 1, 1), dt.date(2100, 1, 1))
_extra = st.dictionaries(st.sampled_from(["remarque", "référent", "Horaires été"]), word, max_size=2)


@st.composite
def actors(draw, actor_id: str) -> Actor:
    located = draw(st.booleans())
    return Actor(
        id=actor_id,
        nom=draw(word),
        code_postal=draw(_postal_code),
        code_insee=draw(_insee_or_none),
        latitude=draw(_latitude) if located else None,
        longitude=draw(_longitude) if located else None,
        precision=draw(_precision),
        itinerant=draw(st.booleans()),
        zone_intervention=draw(_zone),
        courriels=draw(_words),
        sites_web=draw(_words),
        date_maj=draw(_date_maj),
        extra=draw(_extra),
        **{field: draw(strategy) for field, strategy in _VOCABULARIES.items()},
        **{field: draw(text) for field in _TEXTS},
    )


dated = st.one_of(
    st.integers(1990, 2100).map(PartialDate),
    st.builds(PartialDate, st.integers(1990, 2100), st.integers(1, 12)),
    st.dates(dt.date(1990, 1, 1), dt.date(2100, 1, 1)).map(PartialDate.from_date),
)
partial_dates = st.one_of(st.none(), dated)


@st.composite
def ecosystems(draw) -> Ecosystem:
    ids = draw(st.lists(word, min_size=1, max_size=5, unique=True))
    members = [draw(actors(actor_id)) for actor_id in ids]
    links: dict[tuple[str, str, str], Partnership] = {}
    if len(ids) > 1:
        for _ in range(draw(st.integers(0, 6))):
            source, cible = draw(st.lists(st.sampled_from(ids), min_size=2, max_size=2, unique=True))
            start = draw(partial_dates)
            end = draw(st.one_of(st.none(), dated.filter(lambda day: start is None or day.first_day >= start.last_day)))
            link = Partnership(
                source, cible, draw(st.sampled_from(list(voc.PARTNERSHIP_TYPES))), poids=draw(st.floats(0, 100)),
                debut=start, fin=end, evenement=draw(text), declare_par=tuple(draw(st.lists(word, unique=True, max_size=2))),
                note=draw(text), origine=draw(text),
            )
            links.setdefault(link.key, link)
    return Ecosystem(members, links.values())


def _same_places(first: Ecosystem, second: Ecosystem) -> bool:
    return [(a.id, a.latitude, a.longitude) for a in first] == [(a.id, a.latitude, a.longitude) for a in second]


SETTINGS = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _as_imported(ecosystem: Ecosystem, folder: str) -> Ecosystem:
    """What the reader makes of an ecosystem once: communes found, typologies deduced (flagged)."""
    imported, _ = read_template(write_template(ecosystem, Path(folder) / "premier"))
    assert [(a.id, a.nom) for a in imported] == [(a.id, a.nom) for a in ecosystem]
    for before, after in zip(ecosystem, imported):
        assert after.typologies == before.typologies or not before.typologies  # never overridden
        assert after.code_insee == before.code_insee or not before.code_insee
    return imported


@SETTINGS
@given(ecosystems(), st.sampled_from(["modele", "modele.xlsx"]))
def test_template_round_trip_is_the_identity(ecosystem, name):
    with tempfile.TemporaryDirectory() as folder:
        ecosystem = _as_imported(ecosystem, folder)
        path = write_template(ecosystem, Path(folder) / name)
        again, report = read_template(path)
    assert again == ecosystem
    assert [a.extra for a in again] == [a.extra for a in ecosystem]
    assert report.is_complete() and report.rejected == 0 and report.corrected == 0
    assert not report.errors


@SETTINGS
@given(ecosystems())
def test_graph_formats_keep_ids_types_and_coordinates(ecosystem):
    with tempfile.TemporaryDirectory() as folder:
        ecosystem = _as_imported(ecosystem, folder)
        graphml, _ = read_graphml(write_graphml(ecosystem, Path(folder) / "g.graphml"))
        gexf, _ = read_gexf(write_gexf(ecosystem, Path(folder) / "g.gexf"))
    for again in (graphml, gexf):
        assert again == ecosystem
        assert _same_places(again, ecosystem)
        assert [link.key for link in again.partnerships] == [link.key for link in ecosystem.partnerships]
