"""Coverage by commune: hand-computable cases, itinerant zones, invariants and the France Services case."""

from __future__ import annotations

import csv
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nec_network.analysis._actor_columns import ActorColumns, actor_columns
from nec_network.analysis.criteria import ActorCriteria, Threshold
from nec_network.analysis.coverage import (
    ActorPoints,
    coverage_all_services,
    coverage_by_commune,
    coverage_summary,
)
from nec_network.errors import NecNetworkError
from nec_network.model import Actor, Ecosystem
from nec_network.model.vocabularies import SERVICES

# Excerpt of the national list (README beside it): every site of Picardie and of its neighbouring
# départements is in it, so coverage of Picardie computed from it equals the national figure.
FRANCE_SERVICES = (
    Path(__file__).resolve().parents[1] / "fixtures" / "real" / "france-services-2022-12-extrait.csv"
)
EARTH_RADIUS_KM = 6371.0088
DEGREE_KM = math.pi / 180 * EARTH_RADIUS_KM
ADMIN = "Aide aux démarches administratives"
OUTILS = "Maîtrise des outils numériques du quotidien"


def communes_table(rows: list[tuple]) -> pd.DataFrame:
    """A communes table with the columns of ``load_communes()``; rows: (code, nom, lat, lon, population)."""
    return pd.DataFrame(
        [
            {
                "code_insee": code,
                "nom": nom,
                "departement": code[:2],
                "departement_nom": "Somme",
                "region": "32",
                "epci_code": "200070993" if code != "80003" else "248000747",
                "epci_nom": "CC Test" if code != "80003" else "CC Autre",
                "population": population,
                "codes_postaux": "80000",
                "latitude": lat,
                "longitude": lon,
                "geo_source": "test",
                "rural": population < 2000,
                "densite": "Rural à habitat dispersé"
                if population < 2000
                else "Centres urbains intermédiaires",
                "densite_source": "test",
            }
            for code, nom, lat, lon, population in rows
        ]
    )


# Three communes on the meridian 2° E, so every distance is a multiple of one degree of arc.
THREE = communes_table(
    [
        ("80001", "Aval", 50.0, 2.0, 1000),
        ("80002", "Milieu", 50.1, 2.0, 3000),
        ("80003", "Amont", 50.3, 2.0, 500),
    ]
)
TWO_ACTORS = Ecosystem(
    [
        Actor("x", "Maison X", latitude=50.0, longitude=2.0, services=(ADMIN,)),
        Actor("y", "Médiathèque Y", latitude=50.25, longitude=2.0, services=(OUTILS,)),
    ]
)


def test_hand_computed_distances_coverage_and_population():
    table = coverage_by_commune(TWO_ACTORS, THREE, threshold=Threshold(max_km=10))
    assert table["distance_km"].tolist() == pytest.approx(
        [0.0, 0.1 * DEGREE_KM, 0.05 * DEGREE_KM], abs=1e-9
    )
    assert table["nearest_actor"].tolist() == ["x", "x", "y"]
    assert table["nearest_actor_name"].tolist() == ["Maison X", "Médiathèque Y"][:1] * 2 + [
        "Médiathèque Y"
    ]
    # Milieu is 11.12 km away: not covered within 10 km.
    assert table["covered"].tolist() == [True, False, True]
    summary = coverage_summary(table, by=None).iloc[0]
    assert (summary["covered_communes"], summary["covered_population"]) == (2, 1500)
    assert summary["covered_population_share"] == pytest.approx(1500 / 4500)


def test_filter_by_service_and_minutes_threshold():
    admin = coverage_by_commune(
        TWO_ACTORS, THREE, criteria=ActorCriteria(service="aide aux démarches administratives"), threshold=Threshold(max_km=20))
    assert admin["distance_km"].tolist() == pytest.approx(
        [0.0, 0.1 * DEGREE_KM, 0.3 * DEGREE_KM], abs=1e-9
    )
    assert admin["covered"].tolist() == [True, True, False]
    # 20 minutes by car (default) = 12.82 km: Milieu (11.12 km) is covered, its time is 17.3 min.
    default = coverage_by_commune(TWO_ACTORS, THREE)
    assert default["covered"].tolist() == [True, True, True]
    assert default.loc[1, "travel_minutes"] == pytest.approx(0.1 * DEGREE_KM * 1.3 / 50 * 60)
    on_foot = coverage_by_commune(TWO_ACTORS, THREE, threshold=Threshold(max_minutes=120, mode="pied"))  # 6.9 km
    assert on_foot["covered"].tolist() == [True, False, True]


def test_no_matching_actor_leaves_every_commune_uncovered():
    table = coverage_by_commune(TWO_ACTORS, THREE, criteria=ActorCriteria(dispositif="France Services"))
    assert table["distance_km"].isna().all()
    assert not table["covered"].any()
    assert set(table["nearest_actor"]) == {""}


def test_itinerant_actor_covers_its_zone_at_distance_zero():
    bus = Actor(
        "bus", "Bus numérique", latitude=49.0, longitude=2.0, itinerant=True,
        services=(ADMIN,), zone_intervention=("80003",),
    )  # fmt: skip
    table = coverage_by_commune(TWO_ACTORS.with_actors([bus]), THREE, criteria=ActorCriteria(service=ADMIN), threshold=Threshold(max_km=5))
    assert table.loc[2, ["distance_km", "nearest_actor", "covered"]].tolist() == [0.0, "bus", True]
    # Milieu is neither in the zone nor near the bus: still 11.12 km from X.
    assert table.loc[1, "nearest_actor"] == "x" and not table.loc[1, "covered"]
    # A zone given as an EPCI SIREN code covers all its member communes.
    by_epci = Actor(
        "bus2", "Bus EPCI", itinerant=True, services=(ADMIN,), zone_intervention=("200070993",)
    )
    table = coverage_by_commune(Ecosystem([by_epci]), THREE, criteria=ActorCriteria(service=ADMIN), threshold=Threshold(max_km=1))
    assert table["covered"].tolist() == [True, True, False]
    assert table["nearest_actor"].tolist() == ["bus2", "bus2", ""]
    # A fixed actor's zone says where it works, not where people can go: not counted.
    fixed = Actor(
        "f", "Fixe", latitude=50.0, longitude=2.0, services=(ADMIN,), zone_intervention=("80003",)
    )
    assert coverage_by_commune(Ecosystem([fixed]), THREE, threshold=Threshold(max_km=5))["covered"].tolist() == [
        True,
        False,
        False,
    ]


def test_actor_without_coordinates_sits_at_its_commune():
    eco = Ecosystem([Actor("m", "Mairie", code_insee="80003")])
    table = coverage_by_commune(eco, THREE, threshold=Threshold(max_km=1))
    assert table["covered"].tolist() == [False, False, True]
    assert (
        coverage_by_commune(Ecosystem([Actor("n", "Nulle part")]), THREE, threshold=Threshold(max_km=1))["distance_km"]
        .isna()
        .all()
    )


def test_public_filter_welcomes_actors_open_to_everyone():
    eco = Ecosystem(
        [
            Actor("jeunes", "Mission locale", latitude=50.0, longitude=2.0, publics=("Jeunes",)),
            Actor("tous", "Tout public", latitude=50.3, longitude=2.0),
            Actor(
                "lsf", "Accueil sourds", latitude=50.1, longitude=2.0, prise_en_charge=("Surdité",)
            ),
        ]
    )
    seniors = coverage_by_commune(eco, THREE, criteria=ActorCriteria(public="seniors"), threshold=Threshold(max_km=1))
    assert seniors["nearest_actor"].tolist() == ["lsf", "lsf", "tous"]
    deaf = coverage_by_commune(eco, THREE, criteria=ActorCriteria(public="Surdité"), threshold=Threshold(max_km=1))
    assert deaf["covered"].tolist() == [False, True, False]


def test_user_errors_are_french_with_a_suggestion():
    with pytest.raises(
        NecNetworkError,
        match="Service inconnu : « Aide aux démarche ». Vouliez-vous dire « Aide aux démarches administratives »",
    ):
        coverage_by_commune(TWO_ACTORS, THREE, criteria=ActorCriteria(service="Aide aux démarche"))
    with pytest.raises(NecNetworkError, match="pas les deux"):
        coverage_by_commune(TWO_ACTORS, THREE, threshold=Threshold(max_km=5, max_minutes=10))
    with pytest.raises(NecNetworkError, match="colonnes manquantes : population"):
        coverage_by_commune(TWO_ACTORS, THREE.drop(columns=["population"]))
    with pytest.raises(NecNetworkError, match="Regroupement inconnu"):
        coverage_summary(coverage_by_commune(TWO_ACTORS, THREE), by="canton")


def test_inputs_are_not_modified():
    communes = THREE.copy()
    coverage_by_commune(TWO_ACTORS, communes, threshold=Threshold(max_km=10))
    pd.testing.assert_frame_equal(communes, THREE)


def test_summary_by_group():
    table = coverage_by_commune(TWO_ACTORS, THREE, threshold=Threshold(max_km=10))
    by_epci = coverage_summary(table, by="epci")
    assert by_epci[
        ["epci_code", "communes", "covered_communes", "covered_population"]
    ].values.tolist() == [
        ["200070993", 2, 1, 1000],
        ["248000747", 1, 1, 500],
    ]
    by_rural = coverage_summary(table, by="rural").set_index("rural")
    assert by_rural.loc[True, "covered_communes_share"] == 1.0
    assert by_rural.loc[False, "covered_population_share"] == 0.0


def test_all_services_one_column_per_service():
    table = coverage_all_services(TWO_ACTORS, THREE, threshold=Threshold(max_km=10))
    assert list(table.columns[-len(SERVICES) - 1 : -1]) == list(SERVICES)
    assert table[ADMIN].tolist() == [True, False, False]
    assert table[OUTILS].tolist() == [False, False, True]
    assert table["services_covered"].tolist() == [1, 0, 1]
    # Each column is exactly the single-service coverage.
    for service in SERVICES:
        single = coverage_by_commune(TWO_ACTORS, THREE, criteria=ActorCriteria(service=service), threshold=Threshold(max_km=10))["covered"]
        assert table[service].tolist() == single.tolist()


GRID = communes_table(
    [
        (f"80{i:03d}", f"C{i}", 49.6 + 0.05 * (i // 6), 1.9 + 0.07 * (i % 6), 100 * (i + 1))
        for i in range(36)
    ]
)
points = st.tuples(st.floats(49.4, 50.1), st.floats(1.7, 2.5))


@settings(max_examples=40, deadline=None)
@given(existing=st.lists(points, max_size=6), added=points, radius=st.floats(0.5, 15))
def test_adding_an_actor_never_lowers_coverage(existing, added, radius):
    actors = [
        Actor(f"a{i}", f"A{i}", latitude=lat, longitude=lon)
        for i, (lat, lon) in enumerate(existing)
    ]
    before = coverage_by_commune(Ecosystem(actors), GRID, threshold=Threshold(max_km=radius))
    after = coverage_by_commune(
        Ecosystem([*actors, Actor("new", "N", latitude=added[0], longitude=added[1])]),
        GRID, threshold=Threshold(max_km=radius))
    assert (after["covered"] | ~before["covered"]).all()
    assert (after["distance_km"].fillna(np.inf) <= before["distance_km"].fillna(np.inf)).all()
    assert (
        coverage_summary(after, by=None).iloc[0]["covered_population"]
        >= coverage_summary(before, by=None).iloc[0]["covered_population"]
    )


# -- the real case: France Services sites, 10 km as the crow flies -----------------------------

PICARDIE = ("02", "60", "80")
NEIGHBOURS = ("08", "51", "77", "95", "27", "76", "59", "62")


def france_services_sites() -> tuple[list[dict[str, str]], int]:
    """Rows of the national list with coordinates, and how many rows have none."""
    with FRANCE_SERVICES.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    located = [row for row in rows if row["latitude"] and row["longitude"]]
    return located, len(rows) - len(located)


def haversine_matrix(lat1, lon1, lat2, lon2):
    p1, l1, p2, l2 = (np.radians(np.asarray(v, dtype=float)) for v in (lat1, lon1, lat2, lon2))
    p1, l1 = p1[:, None], l1[:, None]
    a = np.sin((p2 - p1) / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin((l2 - l1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(a))


@pytest.mark.parametrize(
    ("departements", "communes_share", "population_share"),
    [(PICARDIE, 0.84, 0.89), (PICARDIE + NEIGHBOURS, 0.86, 0.90)],
)
def test_france_services_within_10_km(departements, communes_share, population_share):
    from nec_network.territory import load_communes

    communes = load_communes()
    assert len(communes) == 2248
    sites, without_coordinates = france_services_sites()
    # 30 rows of the national list have no coordinates (12 Oise antennas among them), all in
    # the excerpt: left out.
    assert without_coordinates == 30
    sites = [row for row in sites if row["insee_dep"] in departements]
    actors = [
        Actor(f"fs{row['id_fs']}", row["lib_fs"], latitude=float(row["latitude"]), longitude=float(row["longitude"]),
              itinerant=row["itinerance"] == "Oui", dispositifs=("France Services",))
        for row in sites
    ]  # fmt: skip
    table = coverage_by_commune(
        Ecosystem(actors), communes, criteria=ActorCriteria(dispositif="France Services"), threshold=Threshold(max_km=10))

    distances = haversine_matrix(
        communes["latitude"], communes["longitude"],
        [float(row["latitude"]) for row in sites], [float(row["longitude"]) for row in sites],
    )  # fmt: skip
    nearest = distances.min(axis=1)
    covered = nearest <= 10
    assert np.allclose(table["distance_km"], nearest, rtol=0, atol=1e-9)
    assert table["covered"].tolist() == covered.tolist()
    population = communes["population"].to_numpy()
    summary = coverage_summary(table, by=None).iloc[0]
    assert summary["covered_communes"] == covered.sum()
    assert summary["covered_population"] == population[covered].sum()
    assert abs(summary["covered_communes_share"] - communes_share) <= 0.015
    assert abs(summary["covered_population_share"] - population_share) <= 0.015


def run_cli(argv: list[str]) -> int:
    """Run one of this module's sub-commands as ``nec-network`` would (wired by cli/__init__.py)."""
    import argparse

    from nec_network.cli import analysis_coverage

    from nec_network.io.output import protect_outputs

    parser = argparse.ArgumentParser(prog="nec-network")
    analysis_coverage.register(parser.add_subparsers())
    args = parser.parse_args(argv)
    # As cli.main does: the files written are recorded, so a rerun recognises its own output.
    with protect_outputs(force=getattr(args, "force", False)):
        return args.func(args)


def test_cli_coverage_gaps_and_recommend(tmp_path, capsys):
    from nec_network.io.template import write_template

    folder = tmp_path / "eco"
    eco = Ecosystem(
        [
            Actor("amiens", "France services Amiens", code_insee="80021", latitude=49.8942, longitude=2.2957,
                  services=(ADMIN,), dispositifs=("France Services",)),
            Actor("bib", "Médiathèque d'Abbeville", code_insee="80001", latitude=50.1054, longitude=1.8332,
                  services=(OUTILS,), typologies=("BIB",)),
        ]
    )  # fmt: skip
    write_template(eco, folder)
    out = tmp_path / "couverture.csv"
    assert (
        run_cli(
            [
                "coverage",
                str(folder),
                "--departements",
                "80",
                "--service",
                "aide aux démarches administratives",
                "--max-km",
                "10",
                "-o",
                str(out),
            ]
        )
        == 0
    )
    printed = capsys.readouterr().out
    table = pd.read_csv(out, dtype=str)
    assert list(table.columns[:4]) == ["code_insee", "nom", "departement", "epci_code"]
    assert set(table["couvert"]) == {"oui", "non"} and set(table["rural"]) <= {"oui", "non"}
    covered = (table["couvert"] == "oui").sum()
    assert (
        f"{covered} communes sur {len(table)}" in printed
        and "Aide aux démarches administratives" in printed
    )
    assert table.loc[table["code_insee"] == "80021", "acteur_proche"].item() == "amiens"
    assert "  Somme (80) : " in printed and "Aisne" not in printed

    zones = tmp_path / "zones.csv"
    assert run_cli(["gaps", str(folder), "--departements", "80", "--service", ADMIN, "--max-km", "10",
                    "-o", str(tmp_path / "trous.csv"), "--zones-blanches", str(zones)]) == 0  # fmt: skip
    assert "; 1 zone blanche, la plus peuplée autour d'Abbeville (" in capsys.readouterr().out
    assert pd.read_csv(zones)["nombre_communes"].sum() == len(table) - covered

    sites = tmp_path / "sites.csv"
    assert run_cli(["recommend", str(folder), "--departements", "80", "--service", ADMIN, "--max-km", "10",
                    "--k", "3", "--candidats", "acteurs", "-o", str(sites)]) == 0  # fmt: skip
    assert "1 site proposé" in capsys.readouterr().out
    assert pd.read_csv(sites, dtype=str)["acteur"].tolist() == ["bib"]

    with pytest.raises(
        NecNetworkError, match="Vouliez-vous dire « Aide aux démarches administratives »"
    ):
        run_cli(["coverage", str(folder), "--service", "aide aux demarche", "-o", str(out)])


# -- actors read as columns: the masks equal the per-actor tests -------------------------------

PUBLIC_CHOICES = [None, "Seniors", "Jeunes", "Surdité"]


@settings(max_examples=60, deadline=None)
@given(
    offers=st.lists(
        st.tuples(
            st.lists(st.sampled_from(list(SERVICES)[:3]), max_size=2, unique=True),
            st.lists(st.sampled_from(["Seniors", "Jeunes"]), max_size=2, unique=True),
            st.lists(st.sampled_from(["Surdité"]), max_size=1),
        ),
        max_size=12,
    ),
    service=st.sampled_from([None, *list(SERVICES)[:3]]),
    public=st.sampled_from(PUBLIC_CHOICES),
)
def test_offer_mask_is_offers_for_every_actor(offers, service, public):
    actors = [
        Actor(f"a{n}", f"A{n}", services=tuple(s), publics=tuple(p), prise_en_charge=tuple(c))
        for n, (s, p, c) in enumerate(offers)
    ]
    criteria = ActorCriteria(service=service, public=public)
    mask = criteria.offer_mask(ActorColumns.of(actors))
    assert mask.tolist() == [criteria.offers(actor) for actor in actors]


def test_actor_points_from_columns_equal_those_from_actors():
    actors = [
        Actor("a", "A", latitude=50.2, longitude=2.1, itinerant=True, zone_intervention=("80001",)),
        Actor("b", "B", code_insee="80002"),
        Actor("c", "C", latitude=50.0, code_insee="80003"),  # half a point: its commune's
        Actor("d", "D", code_insee="99999"),  # unknown commune, no coordinates: left out
    ]
    eco = Ecosystem(actors)
    columns = actor_columns(eco)
    assert actor_columns(eco) is columns  # read once per ecosystem
    for points in (ActorPoints.locate(actors, THREE), ActorPoints.locate(columns, THREE)):
        assert points.positions.tolist() == [0, 1, 2]
        assert points.latitude.tolist() == [50.2, 50.1, 50.3]
        assert points.longitude.tolist() == [2.1, 2.0, 2.0]
        assert points.roaming.tolist() == [0]
    assert not columns.latitude.flags.writeable  # shared: nobody may change it


def test_coverage_per_service_equals_coverage_of_all_services_on_the_same_ecosystem():
    # The same ecosystem asked service by service (its columns kept between the calls) gives
    # each column of coverage_all_services, and the names of the nearest actors of each service.
    eco = Ecosystem(
        [
            *TWO_ACTORS,
            Actor("z", "Z", latitude=50.1, longitude=2.0, services=(ADMIN, OUTILS), publics=("Jeunes",)),
        ]
    )
    both = coverage_all_services(eco, THREE, threshold=Threshold(max_km=6))
    for service in (ADMIN, OUTILS):
        alone = coverage_by_commune(eco, THREE, criteria=ActorCriteria(service=service), threshold=Threshold(max_km=6))
        assert alone["covered"].tolist() == both[service].tolist()
    admin = coverage_by_commune(eco, THREE, criteria=ActorCriteria(service=ADMIN), threshold=Threshold(max_km=60))
    assert admin["nearest_actor"].tolist() == ["x", "z", "z"]
    assert admin["nearest_actor_name"].tolist() == ["Maison X", "Z", "Z"]
