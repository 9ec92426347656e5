"""The map page's HTML: deterministic, escaped, self-contained, inputs untouched; the CLI."""

from __future__ import annotations

import argparse
import copy
import json
import re
from html import unescape

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nec_network.analysis.criteria import Threshold
from nec_network.analysis.coverage import coverage_by_commune
from nec_network.analysis.gaps import white_zones
from nec_network.analysis.location import recommend_sites
from nec_network.cli import views_map
from nec_network.io import write_ecosystem
from nec_network.model import Actor, Ecosystem, Partnership
from nec_network.territory import load_communes
from nec_network.views._page_inlining import external_requests
from nec_network.analysis.journeys import Journey
from nec_network.model.persona import Persona
from nec_network.views.map import OSM_TILES, MapLayers, MapOptions, build_map, write_map

XSS_NAMES = ("<img src=x onerror=alert(1)>", '"><script>alert(1)</script>')


def _at(code: str) -> dict:
    commune = load_communes(codes_insee=[code]).iloc[0]
    return {
        "code_insee": code,
        "commune": commune["nom"],
        "code_postal": commune["codes_postaux"].split("|")[0],
        "latitude": float(commune["latitude"]),
        "longitude": float(commune["longitude"]),
    }


def ecosystem() -> Ecosystem:
    """Five actors at real commune reference points (two with hostile names), one unplaced."""
    return Ecosystem(
        [
            Actor(
                "amiens",
                "Médiathèque Louis-Aragon",
                typologies=("BIB",),
                adresse="50 rue de la République",
                services=("Maîtrise des outils numériques du quotidien",),
                horaires="Mo-Sa 10:00-18:00",
                telephone="03 22 97 10 10",
                courriels=("mediatheque@amiens.fr", "pas une adresse"),
                sites_web=("https://bibliotheques.amiens.fr", "javascript:alert(2)"),
                prise_rdv="https://rdv.amiens.fr",
                source="Démonstration fictive",
                **_at("80021"),
            ),
            Actor("laon", XSS_NAMES[0], typologies=("ASSO",), **_at("02408")),
            Actor("beauvais", XSS_NAMES[1], typologies=("RFS",), **_at("60057")),
            Actor("abbeville", "France services d'Abbeville", typologies=("RFS",), **_at("80001")),
            Actor("sans-lieu", "Permanence sans adresse", typologies=("CCAS",)),
        ],
        [
            Partnership("amiens", "laon", "orientation"),
            Partnership("laon", "beauvais", "partenariat"),
            Partnership("amiens", "sans-lieu", "partenariat"),
        ],
    )


def map_data(html: str) -> dict:
    found = re.search(
        r'<script type="application/json" id="nec-donnees">(.*?)</script>', html, re.DOTALL
    )
    assert found, "le document JSON de la carte est absent"
    return json.loads(found.group(1))


def _empty(value) -> bool:
    return value is None or value is False or value == "" or value == []


def actor_records(data: dict) -> list[dict]:
    """The actors of a map document as the page's script rebuilds them (``carte-colonnes.js``):
    one record per actor from the named columns, without its empty values."""
    table = data["acteurs"]
    columns = table["colonnes"]
    assert {len(column) for column in columns.values()} == {table["nombre"]}
    return [{name: column[k] for name, column in columns.items() if not _empty(column[k])}
            for k in range(table["nombre"])]


@pytest.fixture(scope="module")
def analyses():
    eco = ecosystem()
    coverage = coverage_by_commune(eco, threshold=Threshold(max_km=15))
    return MapLayers(
        coverage=coverage,
        white_zones=white_zones(coverage),
        # The map draws the table it is given: greedy + interchange gives the same 3 sites here
        # in 0.06 s of CPU, where the exact solve over a Picardie these few actors leave mostly
        # uncovered takes 2.7 s (exactness is tested in tests/analysis/test_covering.py).
        recommendations=recommend_sites(eco, k=3, threshold=Threshold(max_km=15), method="heuristic"),
    )


def test_same_inputs_give_the_same_bytes(analyses):
    first = build_map(ecosystem(), analyses, MapOptions(tiles=False))
    second = build_map(ecosystem(), analyses, MapOptions(tiles=False))
    assert first == second
    assert not re.search(r"[0-9a-f]{32}", first.split("<style>", 1)[0])


def test_hostile_names_appear_only_escaped(analyses):
    html = build_map(ecosystem(), analyses, MapOptions(tiles=False))
    for name in XSS_NAMES:
        assert name not in html
    assert "<img src=x" not in html
    assert "<script>alert(1)" not in html
    assert "javascript:alert(2)" not in html
    names = map_data(html)["acteurs"]["colonnes"]["nom"]
    assert set(XSS_NAMES) <= set(names)


def test_the_inputs_are_not_modified(analyses):
    eco = ecosystem()
    before_actors, before_links = copy.deepcopy(eco.actors), copy.deepcopy(eco.partnerships)
    frames = {key: frame.copy(deep=True) for key, frame in vars(analyses).items() if isinstance(frame, pd.DataFrame)}
    build_map(eco, analyses, MapOptions(tiles=False))
    assert eco.actors == before_actors and eco.partnerships == before_links
    for key, frame in frames.items():
        pd.testing.assert_frame_equal(getattr(analyses, key), frame)


def test_self_contained_pages_request_nothing_and_cdn_pages_load_libraries(analyses):
    html = build_map(ecosystem(), analyses, MapOptions(tiles=False))
    assert external_requests(html) == []
    assert OSM_TILES not in html
    with_tiles = build_map(ecosystem(), None, MapOptions(tiles=True))
    assert external_requests(with_tiles) == []
    assert OSM_TILES in with_tiles
    assert "les contributeurs d'OpenStreetMap" in unescape(with_tiles)
    cdn = build_map(ecosystem(), None, MapOptions(tiles=False, cdn=True))
    remote = external_requests(cdn)
    assert any("leaflet" in url for url in remote)
    assert all(re.search(rf'"{re.escape(url)}" integrity="sha', cdn) for url in remote)
    assert len(cdn) < len(html) - 140_000  # Leaflet's script and style are no longer inline


def test_the_actors_travel_as_named_columns_each_key_written_once():
    html = build_map(ecosystem(), None, MapOptions(tiles=False, departements=None))
    table = map_data(html)["acteurs"]
    columns = table["colonnes"]
    assert table["nombre"] == 4 and all(len(column) == 4 for column in columns.values())
    assert columns["id"] == ["amiens", "laon", "beauvais", "abbeville"]
    assert columns["lat"][0] == pytest.approx(_at("80021")["latitude"], abs=1e-5)
    # Empty values are empty in their column; a column no actor fills is left out.
    assert columns["courriels"] == [["mediatheque@amiens.fr"], [], [], []]
    assert columns["rdv"] == ["https://rdv.amiens.fr", "", "", ""]
    assert not {"itinerant", "publics", "maj_ancienne", "hors_territoire"} & set(columns)
    for name in ("nom", "completude", "courriels", "typo"):
        assert html.count(f'"{name}":') == 1, name


def test_actor_records_carry_what_the_popup_shows():
    data = map_data(build_map(ecosystem(), None, MapOptions(tiles=False, departements=None)))
    records = actor_records(data)
    record = records[0]
    assert record["nom"] == "Médiathèque Louis-Aragon"
    assert record["adresse"] == "50 rue de la République"
    amiens = _at("80021")
    assert record["commune"] == f"{amiens['code_postal']} Amiens"
    assert [data["valeurs"][i] for i in record["services"]] == [
        "Maîtrise des outils numériques du quotidien"
    ]
    # Only an e-mail address becomes a mailto: link, only http(s) URLs become links.
    assert record["courriels"] == ["mediatheque@amiens.fr"]
    assert record["sites"] == ["https://bibliotheques.amiens.fr"]
    assert record["rdv"] == "https://rdv.amiens.fr"
    # The number a tel: link dials, decided in Python (model.phone.phone_link) for the page.
    assert (record["telephone"], record["tel"]) == ("03 22 97 10 10", "+33322971010")
    assert record["typo"] == [t["code"] for t in data["typologies"]].index("BIB")
    # Keys with nothing to say are left out.
    assert "itinerant" not in record and "publics" not in record
    assert data["sans_coordonnees"] == 1
    assert len(records) == data["acteurs"]["nombre"] == 4
    labels = {t["code"]: (t["libelle"], t["nombre"]) for t in data["typologies"]}
    assert labels["RFS"][1] == 2 and labels["BIB"] == ("Bibliothèque / Médiathèque", 1)
    # The partnership with the unplaced actor cannot be drawn.
    assert len(data["liens"]["liens"]) == 2
    first = data["liens"]["liens"][0]
    assert records[first["de"]]["id"] == "amiens"
    assert records[first["vers"]]["id"] == "laon"
    assert {t["code"]: t["oriente"] for t in data["liens"]["types"]} == {
        "orientation": True,
        "partenariat": False,
    }
    assert data["departements"] is None and data["communes"] == []


def test_analysis_layers_are_in_the_document(analyses):
    data = map_data(build_map(ecosystem(), analyses, MapOptions(tiles=False, threshold=Threshold(max_km=15))))
    coverage = analyses.coverage
    located = coverage["latitude"].notna().sum()
    assert len(data["communes"]) == located > 2200
    assert all("classe" in commune for commune in data["communes"])
    counts = {c["code"]: c["nombre"] for c in data["couverture"]["classes"]}
    assert counts["couvert"] == int(coverage["covered"].sum())
    assert sum(counts.values()) == located
    # "proche": uncovered but within twice the threshold.
    near = (~coverage["covered"] & (coverage["distance_km"] <= 30)).sum()
    assert counts["proche"] == near
    assert len(data["zones_blanches"]) == len(analyses.white_zones)
    assert [site["rang"] for site in data["sites"]] == list(analyses.recommendations["rank"])
    assert [f["properties"]["nom"] for f in data["departements"]["features"]] == [
        "Aisne",
        "Oise",
        "Somme",
    ]
    assert len(data["communes"]) == located


def test_journeys_draw_home_options_and_referral_path():
    eco = ecosystem()
    options = pd.DataFrame(
        {
            "actor": ["amiens"],
            "nom": ["Médiathèque Louis-Aragon"],
            "distance_km": [3.21],
            "travel_minutes": [7.4],
            "services": [""],
            "telephone": ["03 22 97 10 10"],
            "courriels": [""],
            "horaires": [""],
            "frais": [""],
            "latitude": [49.894],
            "longitude": [2.295],
            "serves_commune": [False],
            "needs_met_count": [0],
        }
    )
    persona = Persona(id="jeanne", nom="Jeanne, 78 ans", code_insee="80021", besoins=())
    journey = Journey(
        persona=persona, commune="Amiens", latitude=49.9, longitude=2.3, max_minutes=20,
        radius_km=12.8, options=options, unmet_needs=(), beyond_reach=pd.DataFrame(),
        referral_path=("laon", "amiens"), referral_names=("Laon", "Amiens"),
    )
    data = map_data(build_map(eco, MapLayers(journeys=[journey]), MapOptions(tiles=False, departements=None)))
    (drawn,) = data["parcours"]
    assert drawn["nom"] == "Jeanne, 78 ans" and drawn["domicile"] == {"lat": 49.9, "lon": 2.3}
    assert drawn["phrase"].startswith("Depuis Amiens, 1 lieu à moins de 20 minutes en voiture ;")
    option = drawn["options"][0]
    assert (option["nom"], option["km"], option["min"]) == ("Médiathèque Louis-Aragon", 3.2, 7)
    assert [step["nom"] for step in drawn["orientation"]] == [XSS_NAMES[0], "Médiathèque Louis-Aragon"]


def test_title_and_footer(tmp_path):
    path = write_map(ecosystem(), tmp_path / "sous" / "carte.html", None, MapOptions(title="Carte <test>"))
    html = path.read_text(encoding="utf-8")
    assert '<html lang="fr">' in html
    assert "<title>Carte &lt;test&gt;</title>" in html
    assert "Acteurs : Démonstration fictive." in html
    assert "Leaflet (BSD-2-Clause)" in html


def _run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    views_map.register(parser.add_subparsers())
    args = parser.parse_args(argv)
    return args.func(args)


def test_cli_writes_the_map_with_coverage_for_a_service(tmp_path, capsys):
    folder = tmp_path / "eco"
    write_ecosystem(ecosystem(), folder, to="modele")
    output = tmp_path / "carte.html"
    service = "Maîtrise des outils numériques du quotidien"
    code = _run(
        [
            "map", str(folder), "-o", str(output), "--sans-fond", "--departements", "80",
            "--service", service, "--max-km", "10",
        ]
    )  # fmt: skip
    assert code == 0
    html = output.read_text(encoding="utf-8")
    assert external_requests(html) == [] and OSM_TILES not in html
    data = map_data(html)
    somme = load_communes(departements="80")
    assert len(data["communes"]) == somme["latitude"].notna().sum() > 700
    assert all("classe" in commune for commune in data["communes"])
    assert service in data["couverture"]["libelle"] and "10 km" in data["couverture"]["libelle"]
    assert [f["properties"]["code"] for f in data["departements"]["features"]] == ["80"]
    assert "Carte écrite" in capsys.readouterr().out


def test_cli_rejects_an_unknown_service_in_french(tmp_path):
    folder = tmp_path / "eco"
    write_ecosystem(ecosystem(), folder, to="modele")
    from nec_network.errors import NecNetworkError

    with pytest.raises(NecNetworkError, match="Service"):
        _run(["map", str(folder), "-o", str(tmp_path / "c.html"), "--service", "Jardinage"])


def test_clearly_wrong_positions_are_not_drawn_but_listed_to_check():
    from nec_network.model import Actor, Ecosystem, Partnership
    from nec_network.views._map_actors import actors_data
    from nec_network.views._map_data import links_data

    ecosystem = Ecosystem(
        [
            Actor("bon", "Bon", latitude=49.8942, longitude=2.2957),
            Actor("inverse", "Inversé", latitude=2.2957, longitude=49.8942),
            Actor("nul", "Nul", latitude=0.0, longitude=0.0),
            Actor("sans", "Sans position"),
        ],
        [Partnership("bon", "inverse", "partenariat"), Partnership("bon", "nul", "partenariat")],
    )
    data = actors_data(ecosystem)
    assert data["acteurs"]["colonnes"]["id"] == ["bon"] and data["sans_coordonnees"] == 1
    assert [(r["id"], r["motif"], r["proposition"]) for r in data["a_verifier"]] == [
        ("inverse", "latitude et longitude inversées", [49.8942, 2.2957]),
        ("nul", "coordonnées nulles (0, 0)", None),
    ]
    assert links_data(ecosystem)["liens"] == []


def test_white_zones_are_drawn_as_the_land_of_their_own_communes(analyses):
    import numpy as np

    from nec_network.territory._geometry import contains
    from nec_network.territory.shapes import commune_shapes

    data = map_data(build_map(ecosystem(), analyses, MapOptions(tiles=False)))
    coverage = analyses.coverage
    shapes = commune_shapes()
    x, y = np.meshgrid(np.arange(1.37, 4.26, 0.03), np.arange(48.83, 50.38, 0.03))
    x, y = x.ravel(), y.ravel()
    holder = np.full(x.size, "", dtype=object)
    for code, shape in shapes.items():
        holder[contains(shape, x, y)] = code
    covered = set(coverage.loc[coverage["covered"], "code_insee"])
    zones = {int(z.zone): set(z.commune_codes.split("|")) for z in analyses.white_zones.itertuples()}
    drawn = 0
    for zone in data["zones_blanches"]:
        inside = contains(zone["forme"], x, y)
        drawn += inside.sum()
        # Every sampled point of the drawing lies in one of the zone's own communes: none outside
        # the territory, none in a covered commune (4-decimal rounding aside: at most one point).
        assert sum(code not in zones[zone["numero"]] for code in holder[inside]) <= 1
        assert sum(code in covered for code in holder[inside]) <= 1
        # and every point of those communes is drawn.
        members = np.isin(holder, list(zones[zone["numero"]]))
        assert (inside | ~members).sum() >= x.size - 1
    assert drawn > 200


def test_services_deduced_from_a_label_are_flagged_in_the_map_data():
    from nec_network.model.label_services import with_label_services
    from nec_network.views._map_actors import actors_data

    deduced = with_label_services(Actor("fs", "France services Amiens", dispositifs=("France Services",),
                                        code_insee="80021", latitude=49.894, longitude=2.296))
    given = Actor("c", "Cyber-base", services=("Accès internet et matériel informatique",),
                  code_insee="80021", latitude=49.895, longitude=2.297)
    records = {record["id"]: record for record in actor_records(actors_data(Ecosystem([deduced, given])))}
    assert records["fs"]["services_deduits"] == "France Services" and "services_deduits" not in records["c"]


def test_a_record_is_said_a_verifier_relative_to_the_build_date_only():
    import datetime as dt

    from nec_network.views._map_actors import actors_data

    old = Actor("old", "France services Amiens", code_insee="80021", latitude=49.894, longitude=2.296,
                date_maj=dt.date(2022, 12, 1))
    built = actor_records(actors_data(Ecosystem([old]), at=dt.date(2024, 1, 15)))[0]
    assert built["date_maj"] == "01/12/2022" and built["maj_ancienne"] is True
    assert actor_records(actors_data(Ecosystem([old]), at=dt.date(2023, 6, 1)))[0].get("maj_ancienne") is None
    # No build date: not judged, and no actor has the column.
    assert "maj_ancienne" not in actors_data(Ecosystem([old]))["acteurs"]["colonnes"]


def _split_web_url(value: str) -> str:
    """The rule of :func:`web_url` written with urlsplit alone (its former body): the oracle."""
    from urllib.parse import urlsplit

    value = value.strip()
    if not value[:8].lower().startswith(("http://", "https://")):
        return ""
    try:
        parts = urlsplit(value)
    except ValueError:
        return ""
    return value if parts.scheme.lower() in ("http", "https") and parts.netloc else ""


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(["http://", "https://", "HTTPS://", "http:/", "ftp://", " https://"]),
    st.text(alphabet=list("ab.é:@/?#[]%-_ \t\n\x01~'"), max_size=14),
)
def test_web_url_accepts_what_urlsplit_accepts(prefix, rest):
    from nec_network.views._web_links import web_url

    assert web_url(prefix + rest) == _split_web_url(prefix + rest)


def test_located_actors_are_computed_once_and_each_page_part_agrees():
    from nec_network.views._map_actors import actors_data
    from nec_network.views._map_data import MapPositions, communes_data, links_data, located_actors

    eco = Ecosystem(
        [
            Actor("a", "A", latitude=49.9, longitude=2.3),
            Actor("swapped", "S", latitude=2.3, longitude=49.9),
            Actor("zero", "Z", latitude=0.0, longitude=0.0),
            Actor("none", "N"),
            Actor("b", "B", latitude=49.95, longitude=2.35),
        ],
        [Partnership("a", "b", "partenariat"), Partnership("a", "swapped", "partenariat")],
    )
    positions = MapPositions.of(eco)
    located = positions.located
    assert [actor.id for actor in located] == ["a", "b"] and located == located_actors(eco)
    assert positions.latitude.tolist() == [49.9, 49.95] and positions.longitude.tolist() == [2.3, 2.35]
    assert actors_data(eco, positions=positions) == actors_data(eco)
    assert links_data(eco, positions=positions) == links_data(eco) and len(links_data(eco)["liens"]) == 1
    assert positions.index == {"a": 0, "b": 1}
    communes = load_communes(departements="80").head(5)
    assert communes_data(communes, eco, positions=positions) == communes_data(communes, eco)
    data = actors_data(eco)
    assert (data["sans_coordonnees"], [r["id"] for r in data["a_verifier"]]) == (1, ["swapped", "zero"])
