"""The fictional demo ecosystem: deterministic, fictional, valid, and shaped like the Pays picards."""

from __future__ import annotations

import csv
import importlib.util
import json
import re
import sys
from pathlib import Path

import networkx as nx
import pytest

from nec_network.demo import demo_path, load_demo, load_demo_personae
from nec_network.io import read_ecosystem
from nec_network.io.template import ACTOR_COLUMNS
from nec_network.model import vocabularies as voc
from nec_network.model.dates import PartialDate
from nec_network.territory import load_communes

REPO = Path(__file__).resolve().parents[1]
FICTION = "Démonstration fictive nec-network"
VOCABULARY_COLUMNS = {
    "services": voc.SERVICES,
    "publics": voc.PUBLICS,
    "prise_en_charge": voc.PRISE_EN_CHARGE,
    "dispositifs": voc.DISPOSITIFS,
    "formations_labels": voc.FORMATIONS_LABELS,
    "modalites_acces": voc.MODALITES_ACCES,
    "modalites_accompagnement": voc.MODALITES_ACCOMPAGNEMENT,
    "frais": voc.FRAIS,
    "typologie": voc.TYPOLOGIES,
    "itinerance": voc.ITINERANCE,
}
# The subset of OpenStreetMap opening_hours the demo uses: "Mo-Fr 09:00-12:00,14:00-17:00; Sa 10:00-12:00".
_DAYS = r"(Mo|Tu|We|Th|Fr|Sa|Su)(-(Mo|Tu|We|Th|Fr|Sa|Su))?"
_SPAN = r"([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d"
_RULE = rf"{_DAYS}(,{_DAYS})* {_SPAN}(,{_SPAN})*"
OPENING_HOURS = re.compile(rf"^{_RULE}(; {_RULE})*$")


def _script():
    spec = importlib.util.spec_from_file_location("build_demo", REPO / "scripts" / "build_demo.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_demo"] = module
    spec.loader.exec_module(module)
    return module


def _rows(name: str) -> list[dict[str, str]]:
    with (demo_path() / name).open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def _split(cell: str) -> list[str]:
    return [item for item in cell.split("|") if item]


@pytest.fixture(scope="module")
def actors() -> list[dict[str, str]]:
    return _rows("acteurs.csv")


@pytest.fixture(scope="module")
def links() -> list[dict[str, str]]:
    return _rows("partenariats.csv")


@pytest.fixture(scope="module")
def communes():
    return load_communes(departements=["02", "60", "80"]).set_index("code_insee")


@pytest.fixture(scope="module")
def built() -> dict[str, bytes]:
    return _script().build()


def test_build_is_deterministic_and_committed_files_are_up_to_date(built):
    assert _script().build() == built
    for name, content in built.items():
        assert (demo_path() / name).read_bytes() == content, (
            f"{name} : relancer scripts/build_demo.py"
        )


def test_sizes_and_every_partnership_type(actors, links):
    assert 150 <= len(actors) <= 300
    assert len(links) >= 300
    assert {link["type"] for link in links} == set(voc.PARTNERSHIP_TYPES)
    assert tuple(actors[0]) == ACTOR_COLUMNS
    assert list(links[0]) == ["source", "cible", "type", "poids", "debut", "fin", "evenement", "declare_par", "note", "origine"]


def test_everything_is_labelled_fictional(actors, links, built):
    assert all(actor["source"] == FICTION for actor in actors)
    fictional_events = {row["id"] for row in _rows("evenements.csv") if re.search(r"\(fictif|\(fictive", row["nom"])}
    assert all(link["origine"].startswith(FICTION) or link["origine"] in fictional_events for link in links)
    readme = built["README.md"].decode("utf-8")
    assert "FICTIF" in readme and "fictives" in readme
    for actor in actors:
        assert actor["telephone"] == ""
        assert actor["adresse"] == "Adresse fictive"
        assert all(mail.endswith("@exemple.invalid") for mail in _split(actor["courriel"]))
        sites = _split(actor["site_web"]) + _split(actor["prise_rdv"])
        assert all(site.startswith("https://exemple.invalid/") for site in sites)
        assert "fictif" in actor["presentation"] or "fictive" in actor["presentation"]


def test_actors_sit_at_real_picard_communes_reference_points(actors, communes):
    for actor in actors:
        commune = communes.loc[actor["code_insee"]]
        assert actor["commune"] == commune["nom"]
        assert actor["code_postal"] in commune["codes_postaux"].split("|")
        assert actor["precision"] == "commune"
        assert float(actor["latitude"]) == pytest.approx(commune["latitude"], abs=1e-9)
        assert float(actor["longitude"]) == pytest.approx(commune["longitude"], abs=1e-9)


def test_vocabulary_values_and_formats_are_valid(actors, links):
    for actor in actors:
        for column, vocabulary in VOCABULARY_COLUMNS.items():
            for value in _split(actor[column]):
                assert value in vocabulary, (actor["id"], column, value)
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", actor["date_maj"])
        if actor["horaires"]:
            assert OPENING_HOURS.match(actor["horaires"]), actor["horaires"]
        receives_public = "Ce lieu n'accueille pas de public" not in actor["modalites_acces"]
        assert bool(actor["horaires"]) == receives_public == bool(actor["services"]), actor["id"]
    for link in links:
        assert float(link["poids"]) > 0
        if link["debut"]:
            start = PartialDate.parse(link["debut"])
            assert 2015 <= start.year <= 2026
            assert not link["fin"] or PartialDate.parse(link["fin"]).first_day > start.last_day


def test_places_are_consistent_with_their_typology(actors, communes):
    for actor in actors:
        kinds = _split(actor["typologie"])
        dispositifs = _split(actor["dispositifs"])
        if "RFS" in kinds:
            assert "France Services" in dispositifs
            assert "Aide aux démarches administratives" in actor["services"]
        if "MUNI" in kinds:
            assert "Conseillers numériques" in dispositifs
        if "ML" in kinds:
            assert _split(actor["publics"]) == ["Jeunes"]
        if actor["itinerance"] == "Itinérant":
            stops = _split(actor["zone_intervention"])
            assert len(stops) >= 5
            assert all(code in communes.index for code in stops)
            assert {communes.loc[code, "departement"] for code in stops} == {
                actor["code_insee"][:2]
            }
        else:
            assert actor["zone_intervention"] == ""


def test_spread_like_the_territory(actors, communes):
    per_departement = {code: 0 for code in ("02", "60", "80")}
    for actor in actors:
        per_departement[actor["code_insee"][:2]] += 1
    for code, count in per_departement.items():
        population_share = (
            communes.loc[communes["departement"] == code, "population"].sum()
            / communes["population"].sum()
        )
        assert abs(count / len(actors) - population_share) < 0.08, code
    hosts = {actor["code_insee"] for actor in actors}
    served = {code for actor in actors for code in _split(actor["zone_intervention"])}
    # Towns host several actors; most villages have nothing.
    assert sum(actor["code_insee"] == "80021" for actor in actors) >= 10
    assert len(hosts | served) < 0.15 * len(communes)
    big_towns = communes[communes["population"] >= 25000].index
    assert set(big_towns) <= hosts
    # Whole rural EPCIs are left empty (white zones), one per département.
    empty = [
        epci
        for epci, group in communes.groupby("epci_code")
        if len(group) >= 8 and not (set(group.index) & (hosts | served))
    ]
    assert {communes[communes["epci_code"] == epci]["departement"].iloc[0] for epci in empty} == {
        "02",
        "60",
        "80",
    }


def test_roles_of_the_event_are_present(actors, links):
    by_id = {actor["id"]: actor for actor in actors}
    hub = by_id["hub"]
    assert "(fictif)" in hub["nom"]
    resources = by_id["centre-ressources-illettrisme"]
    assert resources["code_insee"][:2] == "02" and "Illettrisme" in resources["prise_en_charge"]
    kinds = {kind for actor in actors for kind in _split(actor["typologie"])}
    assert {"RFS", "ENM", "BIB", "CCAS", "CS", "MUNI", "ML", "EPN", "FAIS", "CD"} <= kinds
    organisers = {
        link["cible"]
        for link in links
        if link["source"] == "hub" and link["type"] == "co_organisation"
    }
    assert {"asso-cles-numeriques", "union-solidarites", "federation-centres-sociaux"} <= organisers
    assert "centre-ressources-illettrisme" in organisers
    # CCAS and centres sociaux orient people to France Services.
    oriented = {
        (by_id[link["source"]]["typologie"], by_id[link["cible"]]["typologie"])
        for link in links
        if link["type"] == "orientation"
    }
    assert ("CCAS", "RFS") in oriented and ("CS", "RFS") in oriented
    funders = {
        by_id[link["source"]]["typologie"] for link in links if link["type"] == "financement"
    }
    assert funders == {"ASSO", "CD"}


def test_demo_reads_without_error_and_has_structure_to_find():
    ecosystem, report = read_ecosystem(demo_path())
    assert report.errors == [] and report.warnings == [] and report.rejected == 0
    assert report.is_complete()
    assert load_demo() == ecosystem
    graph = ecosystem.undirected_graph()
    isolated = list(nx.isolates(graph))
    assert len(isolated) == 1
    main = graph.subgraph(max(nx.connected_components(graph), key=len)).copy()
    assert len(main) == len(ecosystem) - 1
    # Some mairie holds a small group: without it, two actors lose their only link to the network.
    pendant = []
    for cut in sorted(nx.articulation_points(main)):
        rest = main.copy()
        rest.remove_node(cut)
        pendant += [(cut, part) for part in nx.connected_components(rest) if len(part) == 2]
    assert any(ecosystem[cut].typologies == ("MUNI",) for cut, _ in pendant)


def test_personae_reference_real_communes_and_actors(actors, communes):
    loaded = load_demo_personae()
    personae = json.loads((demo_path() / "personae.json").read_text(encoding="utf-8"))
    assert [p.id for p in loaded] == [p["id"] for p in personae]
    assert 4 <= len(personae) <= 6
    ids = {actor["id"] for actor in actors}
    by_id = {actor["id"]: actor for actor in actors}
    for persona in personae:
        assert set(persona) == {
            "id", "nom", "description", "code_insee", "besoins", "publics", "prise_en_charge",
            "mobilite", "premier_contact",
        }  # fmt: skip
        assert persona["code_insee"] in communes.index
        assert persona["premier_contact"] is None or persona["premier_contact"] in ids
        assert set(persona["besoins"]) <= set(voc.SERVICES) and persona["besoins"]
        assert set(persona["publics"]) <= set(voc.PUBLICS)
        assert set(persona["prise_en_charge"]) <= set(voc.PRISE_EN_CHARGE)
        assert persona["mobilite"] in ("voiture", "transport", "velo", "pied")
    personae_by_id = {persona["id"]: persona for persona in personae}
    retiree = personae_by_id["retraitee-thierache"]
    village = communes.loc[retiree["code_insee"]]
    assert village["departement"] == "02" and village["population"] < 500
    assert retiree["mobilite"] != "voiture"
    bus_stops = {
        code
        for actor in actors
        if actor["itinerance"] == "Itinérant"
        for code in _split(actor["zone_intervention"])
    }
    assert retiree["code_insee"] in bus_stops
    reader = personae_by_id["adulte-illettrisme-aisne"]
    assert "Illettrisme" in reader["prise_en_charge"]
    assert "Illettrisme" in by_id[reader["premier_contact"]]["prise_en_charge"]
    assert communes.loc[reader["code_insee"], "departement"] == "02"


@pytest.fixture(scope="module")
def event() -> dict[str, str]:
    (row,) = [row for row in _rows("evenements.csv") if row["nature"] == "rencontre"]
    return row


@pytest.fixture(scope="module")
def survey() -> dict[str, str]:
    (row,) = [row for row in _rows("evenements.csv") if row["nature"] == "enquete"]
    return row


def test_the_event_is_fictional_and_names_known_actors(actors, event):
    assert list(event) == ["id", "nom", "date", "commune", "organisateurs", "participants", "note", "nature"]
    assert "fictif" in event["nom"] and "fictif" in event["note"]
    ids = {actor["id"] for actor in actors}
    organisers, participants = _split(event["organisateurs"]), _split(event["participants"])
    assert "hub" in organisers and set(organisers) | set(participants) <= ids
    assert len(participants) >= 30
    assert {actor_id.split("-")[0] for actor_id in participants} >= {"ccas", "mediatheque", "epn"}
    by_id = {actor["id"]: actor for actor in actors}
    assert {by_id[a]["code_insee"][:2] for a in participants} == {"02", "60", "80"}
    assert PartialDate.parse(event["date"]).precision == "jour"


def test_a_believable_history_around_the_event(links, event):
    day = PartialDate.parse(event["date"]).first_day
    met = set(_split(event["organisateurs"])) | set(_split(event["participants"]))
    after = [link for link in links if link["debut"] and PartialDate.parse(link["debut"]).first_day > day]
    among = [link for link in after if {link["source"], link["cible"]} <= met]
    others = [link for link in after if not {link["source"], link["cible"]} & met]
    # More new ties among those who met than among those who did not, some born at the event,
    # some across départements, some already ended.
    assert len(among) >= 20 and len(others) >= 3 and len(among) > 3 * len(others)
    assert sum(link["evenement"] == event["id"] for link in among) >= 15
    assert all(link["evenement"] in ("", event["id"]) for link in links)
    assert sum(link["fin"] != "" for link in after) >= 3
    # Undated legacy ties are kept, and a few older ties ended before the event.
    undated = [link for link in links if not link["debut"]]
    assert len(undated) >= 20 and all("sans dates" in link["origine"] for link in undated)
    assert any(link["fin"] and PartialDate.parse(link["fin"]).last_day < day for link in links)


def test_the_survey_wave_declares_ties_started_before_it(links, survey):
    assert "fictive" in survey["nom"] and survey["commune"] == ""
    wave = [link for link in links if link["origine"] == survey["id"]]
    assert len(wave) >= 10
    respondents = set(_split(survey["participants"]))
    for link in wave:
        assert PartialDate.parse(link["debut"]).last_day <= PartialDate.parse(survey["date"]).first_day
        declared = _split(link["declare_par"])
        assert declared and set(declared) <= {link["source"], link["cible"]} & respondents
    assert any(len(_split(link["declare_par"])) == 2 for link in wave)
    assert all(not link["declare_par"] for link in links if link not in wave)
