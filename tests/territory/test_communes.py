"""The commune table and its lookups: the ground truth every figure is computed on."""

from __future__ import annotations

import pandas as pd
import pytest

from nec_network.errors import UnknownCommuneError, UnknownTerritoryError
from nec_network.territory import (
    ALL_FRANCE,
    COLUMNS,
    PICARDIE,
    Commune,
    communes_by_postal_code,
    find_communes,
    get_commune,
    load_communes,
    load_epci,
)

ISLANDS_WITHOUT_EPCI = {"22016", "29083", "29155", "85113"}  # Bréhat, Sein, Ouessant, Yeu


@pytest.fixture(scope="module")
def france() -> pd.DataFrame:
    return load_communes(departements=ALL_FRANCE)


def test_picardie_is_the_2248_current_communes_of_cog_2026() -> None:
    picardie = load_communes()
    assert len(picardie) == 2248
    assert int(picardie["population"].sum()) == 1_918_654
    assert picardie.groupby("departement").size().to_dict() == {"02": 797, "60": 680, "80": 771}
    assert PICARDIE == ("02", "60", "80")
    assert load_communes(departements=["80", "60", "02"]).equals(picardie)


def test_columns_come_in_the_documented_order_with_their_types() -> None:
    picardie = load_communes()
    assert tuple(picardie.columns) == COLUMNS
    assert list(picardie.columns[:15]) == [
        "code_insee",
        "nom",
        "departement",
        "departement_nom",
        "region",
        "epci_code",
        "epci_nom",
        "population",
        "codes_postaux",
        "latitude",
        "longitude",
        "geo_source",
        "rural",
        "densite",
        "densite_source",
    ]
    assert picardie["population"].dtype == "int64"
    assert picardie["latitude"].dtype == "float64"
    assert picardie["rural"].dtype == bool
    assert picardie["code_insee"].map(type).eq(str).all()
    assert set(picardie["departement_nom"]) == {"Aisne", "Oise", "Somme"}
    assert set(picardie["region_nom"]) == {"Hauts-de-France"}


def test_france_covers_metropolitan_france_and_the_overseas_departements(france: pd.DataFrame) -> None:
    departements = set(france["departement"])
    assert len(departements) == 101
    assert {"2A", "2B", "971", "972", "973", "974", "976"} <= departements
    assert not departements & {"975", "977", "978", "987"}
    assert len(france) == 34_875


def test_overseas_communes_missing_from_geonames_are_placed_in_their_commune(france: pd.DataFrame) -> None:
    from_annuaire = france[france["geo_source"].isin(["mairie_annuaire", "admin_express_centroide"])]
    assert len(from_annuaire) == 27
    assert set(from_annuaire["departement"]) == {"971", "972", "973", "974"}
    saul = france.set_index("code_insee").loc["97352"]
    # Saül, Guyane: the town hall in the village, not the middle of 4,475 km² of forest.
    assert (round(saul["latitude"], 2), round(saul["longitude"], 2)) == (3.62, -53.2)


def test_insee_codes_are_unique_and_well_formed(france: pd.DataFrame) -> None:
    assert france["code_insee"].is_unique
    assert france["code_insee"].str.fullmatch(r"\d[\dAB]\d{3}").all()
    assert (france["code_insee"].str[:2] == france["departement"].str[:2]).all()


def test_every_commune_has_a_point_a_population_and_a_postal_code(france: pd.DataFrame) -> None:
    assert france[["latitude", "longitude"]].notna().all().all()
    metropolitan = france[~france["departement"].str.startswith("97")]
    assert metropolitan["latitude"].between(41.3, 51.1).all()
    assert metropolitan["longitude"].between(-5.2, 9.6).all()
    assert (france["population"] >= 0).all()
    assert france["codes_postaux"].str.fullmatch(r"\d{5}(\|\d{5})*").all()
    assert metropolitan["geo_source"].str.startswith("geonames_").all()
    from nec_network.distance import in_france

    assert all(in_france(lat, lon) for lat, lon in zip(france["latitude"], france["longitude"]))


def test_every_commune_epci_exists_and_lists_it(france: pd.DataFrame) -> None:
    epci = load_epci().set_index("epci_code")
    assert epci.index.is_unique
    without = set(france.loc[france["epci_code"] == "", "code_insee"])
    assert without == ISLANDS_WITHOUT_EPCI
    with_epci = france[france["epci_code"] != ""]
    assert with_epci["epci_code"].isin(epci.index).all()
    listed = {
        (epci_code, code) for epci_code, members in epci["membres"].items() for code in members
    }
    assert set(zip(with_epci["epci_code"], with_epci["code_insee"])) == listed
    assert (with_epci["epci_nom"] == with_epci["epci_code"].map(epci["epci_nom"])).all()


def test_selection_by_epci_region_and_codes() -> None:
    saint_quentinois = load_communes(epci="200071892")
    assert "02691" in set(saint_quentinois["code_insee"])
    assert set(saint_quentinois["epci_code"]) == {"200071892"}
    hauts_de_france = load_communes(region="32")
    assert set(hauts_de_france["departement"]) == {"02", "59", "60", "62", "80"}
    two = load_communes(codes_insee=["80021", "02691"])
    assert list(two["nom"]) == ["Saint-Quentin", "Amiens"]
    assert load_communes(departements="80", codes_insee=["02691"]).empty


@pytest.mark.parametrize(
    ("selection", "message"),
    [
        ({"departements": "99"}, "Département inconnu : « 99 »."),
        ({"departements": ["02", "98", "99"]}, "Départements inconnus : « 98 », « 99 »."),
        ({"epci": "123456789"}, "EPCI inconnu : « 123456789 »."),
        ({"region": "99"}, "Région inconnue : « 99 »."),
    ],
)
def test_unknown_territory_codes_raise_a_french_error(selection: dict, message: str) -> None:
    with pytest.raises(UnknownTerritoryError) as caught:
        load_communes(**selection)
    assert str(caught.value) == message


def test_unknown_insee_code_in_a_selection_is_refused() -> None:
    with pytest.raises(UnknownCommuneError, match="Commune inconnue : « 99999 »"):
        load_communes(codes_insee=["80021", "99999"])


def test_results_are_copies_that_callers_may_modify() -> None:
    first = load_communes()
    first.loc[0, "nom"] = "modifié"
    del first["population"]
    again = load_communes()
    assert again.loc[0, "nom"] == "Abbécourt"
    assert "population" in again.columns
    epci = load_epci()
    epci.loc[0, "epci_nom"] = "modifié"
    assert load_epci().loc[0, "epci_nom"] != "modifié"


def test_get_commune_returns_a_frozen_record() -> None:
    commune = get_commune("02691")
    assert isinstance(commune, Commune)
    assert (commune.nom, commune.departement, commune.departement_nom) == (
        "Saint-Quentin",
        "02",
        "Aisne",
    )
    assert commune.epci_nom == "CA du Saint-Quentinois"
    assert commune.population == 52_813
    assert commune.codes_postaux == "02100" and commune.postal_codes == ("02100",)
    assert commune.rural is False and commune.densite == "Urbain (approximation)"
    assert 49.8 < commune.latitude < 49.9 and 3.2 < commune.longitude < 3.35
    with pytest.raises(AttributeError):
        commune.nom = "autre"  # type: ignore[misc]
    assert get_commune("2691") == commune  # a code that lost its leading zero in a spreadsheet
    assert get_commune("2A004").nom == "Ajaccio"


def test_get_commune_with_an_unknown_code_raises() -> None:
    with pytest.raises(UnknownCommuneError, match="« 99999 »"):
        get_commune("99999")


@pytest.mark.parametrize(
    "query", ["saint quentin", "Saint-Quentin", "ST QUENTIN", "St-Quentin", "saint-quentin "]
)
def test_find_communes_ignores_case_accents_and_hyphens(query: str) -> None:
    assert [c.code_insee for c in find_communes(query)] == ["02691"]


def test_find_communes_handles_accents_and_apostrophes() -> None:
    assert [c.code_insee for c in find_communes("chateau thierry")] == ["02168"]
    assert [c.nom for c in find_communes("VILLERS COTTERETS")] == ["Villers-Cotterêts"]


def test_homonyms_return_every_candidate() -> None:
    picardie = [(c.code_insee, c.nom) for c in find_communes("fleury", departements=PICARDIE)]
    assert picardie == [("02316", "Fleury"), ("60239", "Fleury"), ("80317", "Fleury")]
    assert len(find_communes("Fleury")) > 3  # elsewhere in France too
    assert [(c.code_insee, c.nom) for c in find_communes("abbecourt")] == [
        ("02001", "Abbécourt"),
        ("60002", "Abbecourt"),
    ]
    assert [c.departement for c in find_communes("FLEURY", departements="80")] == ["80"]


def test_unknown_name_suggests_the_closest_names() -> None:
    with pytest.raises(UnknownCommuneError) as caught:
        find_communes("Saint-Quentim")
    assert "Saint-Quentin (02)" in caught.value.suggestions
    assert str(caught.value).startswith(
        "Commune inconnue : « Saint-Quentim ». Vouliez-vous dire : "
    )
    with pytest.raises(UnknownCommuneError) as caught:
        find_communes("Amiens Cedex 1")
    assert caught.value.suggestions[0] == "Amiens (80)"


def test_a_name_outside_the_requested_departements_is_unknown() -> None:
    with pytest.raises(UnknownCommuneError):
        find_communes("Amiens", departements=["02", "60"])


def test_communes_by_postal_code() -> None:
    assert [c.nom for c in communes_by_postal_code("80000")] == ["Amiens"]
    saint_quentin_area = communes_by_postal_code("02100")
    assert "02691" in [c.code_insee for c in saint_quentin_area]
    assert all("02100" in c.postal_codes for c in saint_quentin_area)
    assert communes_by_postal_code("2100") == saint_quentin_area
    assert communes_by_postal_code("99999") == []
