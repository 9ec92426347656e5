"""Geocoding against a real HTTP server on 127.0.0.1 replaying recorded BAN answers."""

from __future__ import annotations

import datetime as dt
import io
import json
import socket
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from nec_network.errors import GeocodingError
from nec_network.geocoding import (
    USER_AGENT,
    GeocodingCache,
    LookupOptions,
    default_cache_path,
    geocode_address,
    geocode_ecosystem,
)
from nec_network.geocoding._progress import ProgressBar
from nec_network.model import Actor, Ecosystem, Partnership
from nec_network.territory import get_commune

AMIENS_Q = "12 Rue des Trois Cailloux, 80000 Amiens"
SAINT_QUENTIN_Q = "5 Rue d'Isle, 02100 Saint-Quentin"
SOISSONS_Q = "3 Rue Saint-Martin, 02200 Soissons"
BEAUVAIS_Q = "99 Chemin des Écureuils Bleus, 60000 Beauvais"
ABBEVILLE_Q = "14 Rue Gambetta, 80100 Abbeville"
LAON_Q = "Place de l'Hôtel de Ville Basse, 02000 Laon"


def actor(
    id_: str, adresse: str, code_postal: str, commune: str, code_insee: str, **fields
) -> Actor:
    return Actor(
        id=id_,
        nom=f"Lieu {id_}",
        adresse=adresse,
        code_postal=code_postal,
        commune=commune,
        code_insee=code_insee,
        **fields,
    )


AMIENS = actor("amiens", "12 Rue des Trois Cailloux", "80000", "Amiens", "80021")
SAINT_QUENTIN = actor("sq", "5 Rue d'Isle", "02100", "Saint-Quentin", "02691")
SOISSONS = actor("soissons", "3 Rue Saint-Martin", "02200", "Soissons", "02722")
BEAUVAIS = actor("beauvais", "99 Chemin des Écureuils Bleus", "60000", "Beauvais", "60057")
ABBEVILLE = actor("abbeville", "14 Rue Gambetta", "80100", "Abbeville", "80001")
LAON = actor("laon", "Place de l'Hôtel de Ville Basse", "02000", "Laon", "02408")


FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ban"


def fixture_body(name: str) -> dict:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def point(code_insee: str) -> tuple[float, float]:
    commune = get_commune(code_insee)
    return commune.latitude, commune.longitude


def coordinates(fixture: str) -> tuple[float, float]:
    longitude, latitude = fixture_body(fixture)["features"][0]["geometry"]["coordinates"]
    return latitude, longitude


def position(a: Actor) -> tuple[float | None, float | None]:
    return a.latitude, a.longitude


def test_address_in_expected_commune_is_placed_at_the_address(ban_server, online):
    ban_server.route(AMIENS_Q, ban_server.recorded("amiens-trois-cailloux.json"))
    result = geocode_ecosystem(Ecosystem([AMIENS]), online)
    placed = result.ecosystem["amiens"]
    assert position(placed) == coordinates("amiens-trois-cailloux.json")
    assert placed.precision == "adresse"
    assert result.placements["amiens"].label == "12 Rue des Trois Cailloux 80000 Amiens"
    assert ban_server.queries == [AMIENS_Q]
    assert ban_server.paths == ["/search"]
    assert ban_server.user_agents == [USER_AGENT]
    assert result.requests == 1 and result.failures == ()
    assert result.counts == {"adresse": 1, "commune": 0, "saisie": 0, "aucune": 0}


def test_http_429_is_retried_then_succeeds(ban_server, online):
    ban_server.route(
        SAINT_QUENTIN_Q,
        ban_server.reply(
            status=429,
            body={"code": 429, "message": "Too many requests"},
            headers={"Retry-After": "0"},
        ),
        ban_server.recorded("saint-quentin-rue-d-isle.json"),
    )
    result = geocode_ecosystem(Ecosystem([SAINT_QUENTIN]), online)
    assert result.ecosystem["sq"].precision == "adresse"
    assert position(result.ecosystem["sq"]) == coordinates("saint-quentin-rue-d-isle.json")
    assert ban_server.queries == [SAINT_QUENTIN_Q, SAINT_QUENTIN_Q]
    assert result.requests == 2


def test_timeout_is_retried_then_falls_back_to_the_commune(ban_server, online):
    ban_server.route(
        SAINT_QUENTIN_Q,
        ban_server.reply(body=fixture_body("saint-quentin-rue-d-isle.json"), delay=0.6),
    )
    result = geocode_ecosystem(
        Ecosystem([SAINT_QUENTIN]), replace(online, timeout=0.2, max_retries=1)
    )
    placed = result.ecosystem["sq"]
    assert (placed.precision, position(placed)) == ("commune", point("02691"))
    assert result.failures == (("sq", "délai de réponse dépassé (2 essais)"),)
    assert ban_server.queries == [SAINT_QUENTIN_Q] * 2


@pytest.mark.parametrize(
    ("status", "reason"),
    [
        (500, "erreur du service (HTTP 500)"),
        (429, "trop de requêtes (HTTP 429)"),
        (503, "service indisponible (HTTP 503)"),
    ],
)
def test_http_errors_are_retried_then_fall_back_to_the_commune(ban_server, online, status, reason):
    ban_server.route(SAINT_QUENTIN_Q, ban_server.reply(status=status, body={"message": "erreur"}))
    result = geocode_ecosystem(Ecosystem([SAINT_QUENTIN]), online)
    assert result.ecosystem["sq"].precision == "commune"
    assert position(result.ecosystem["sq"]) == point("02691")
    assert result.failures == (("sq", f"{reason} (3 essais)"),)
    assert len(ban_server.queries) == 3


def test_empty_answer_falls_back_to_the_commune(ban_server, online):
    ban_server.route(BEAUVAIS_Q, ban_server.recorded("beauvais-introuvable.json"))
    result = geocode_ecosystem(Ecosystem([BEAUVAIS]), online)
    assert (result.ecosystem["beauvais"].precision, position(result.ecosystem["beauvais"])) == (
        "commune",
        point("60057"),
    )
    assert result.failures == (("beauvais", "adresse introuvable"),)


def test_homonymous_street_in_another_departement_is_rejected(ban_server, online):
    ban_server.route(ABBEVILLE_Q, ban_server.recorded("abbeville-homonyme-creil.json"))
    result = geocode_ecosystem(Ecosystem([ABBEVILLE]), online)
    placed = result.ecosystem["abbeville"]
    assert (placed.precision, position(placed), placed.code_insee) == (
        "commune",
        point("80001"),
        "80001",
    )
    [(_, reason)] = result.failures
    assert "autre commune" in reason and "Creil" in reason and "60175" in reason


def test_answer_locating_only_the_commune_is_not_an_address(ban_server, online):
    ban_server.route(LAON_Q, ban_server.recorded("laon-commune-seule.json"))
    result = geocode_ecosystem(Ecosystem([LAON]), online)
    assert result.ecosystem["laon"].precision == "commune"
    assert position(result.ecosystem["laon"]) == point("02408")
    assert "seule la commune" in result.failures[0][1]


def _mixed_run(ban_server, online):
    for query, fixture in (
        (AMIENS_Q, "amiens-trois-cailloux.json"),
        (SOISSONS_Q, "soissons-rue-saint-martin.json"),
        (BEAUVAIS_Q, "beauvais-introuvable.json"),
        (ABBEVILLE_Q, "abbeville-homonyme-creil.json"),
    ):
        ban_server.route(query, ban_server.recorded(fixture))
    return Ecosystem(
        [AMIENS, SOISSONS, BEAUVAIS, ABBEVILLE], [Partnership("amiens", "soissons", "partenariat")]
    )


def test_second_run_is_served_by_the_cache_without_any_request(ban_server, online):
    ecosystem = _mixed_run(ban_server, online)
    first = geocode_ecosystem(ecosystem, online)
    assert len(ban_server.queries) == 4 and first.cache_hits == 0
    second = geocode_ecosystem(ecosystem, online)
    assert len(ban_server.queries) == 4, "le second passage ne doit envoyer aucune requête"
    assert (second.requests, second.cache_hits) == (0, 4)
    assert second.ecosystem == first.ecosystem
    assert second.counts == first.counts == {"adresse": 2, "commune": 2, "saisie": 0, "aucune": 0}
    assert all(p.from_cache for p in second.placements.values() if p.precision == "adresse")


def test_cache_keys_ignore_case_accents_and_punctuation(ban_server, online):
    ban_server.route(SOISSONS_Q, ban_server.recorded("soissons-rue-saint-martin.json"))
    geocode_ecosystem(Ecosystem([SOISSONS]), online)
    shouted = actor("autre", "3, RUE ST MARTIN", "02200", "SOISSONS", "02722")
    result = geocode_ecosystem(Ecosystem([shouted]), online)
    assert result.ecosystem["autre"].precision == "adresse"
    assert len(ban_server.queries) == 1


def test_service_failures_are_not_cached_but_old_misses_are_asked_again(ban_server, online):
    ban_server.route(
        SAINT_QUENTIN_Q,
        ban_server.reply(status=500),
        ban_server.recorded("saint-quentin-rue-d-isle.json"),
    )
    ban_server.route(BEAUVAIS_Q, ban_server.recorded("beauvais-introuvable.json"))
    with GeocodingCache(online.cache_path) as cache:
        cache.put("ban", BEAUVAIS_Q, (), date=dt.date.today() - dt.timedelta(days=200))
        cache.put(
            "ban", "Rue Inconnue, 80000 Amiens", (), date=dt.date.today() - dt.timedelta(days=10)
        )
    recent_miss = actor("recent", "Rue Inconnue", "80000", "Amiens", "80021")
    ecosystem = Ecosystem([SAINT_QUENTIN, BEAUVAIS, recent_miss])
    first = geocode_ecosystem(ecosystem, replace(online, max_retries=0))
    assert first.ecosystem["sq"].precision == "commune"
    assert first.placements["recent"].reason == "adresse introuvable"
    assert sorted(ban_server.queries) == sorted([SAINT_QUENTIN_Q, BEAUVAIS_Q])
    second = geocode_ecosystem(ecosystem, replace(online, max_retries=0))
    assert second.ecosystem["sq"].precision == "adresse"
    assert (
        ban_server.queries.count(SAINT_QUENTIN_Q) == 2 and ban_server.queries.count(BEAUVAIS_Q) == 1
    )
    with GeocodingCache(online.cache_path) as cache:
        assert cache.get("ban", BEAUVAIS_Q).date == dt.date.today()
        assert len(cache) == 3


def test_offline_makes_no_request_and_places_at_the_commune(ban_server, online):
    ecosystem = _mixed_run(ban_server, online)
    result = geocode_ecosystem(ecosystem, replace(online, offline=True))
    assert ban_server.queries == []
    assert not online.cache_path.exists()
    assert result.counts == {"adresse": 0, "commune": 4, "saisie": 0, "aucune": 0}
    assert {a.id: position(a) for a in result.ecosystem} == {
        "amiens": point("80021"),
        "soissons": point("02722"),
        "beauvais": point("60057"),
        "abbeville": point("80001"),
    }
    assert {reason for _, reason in result.failures} == {"mode hors ligne"}
    assert "Mode hors ligne" in result.summary()


def test_offline_uses_what_the_cache_already_knows(ban_server, online):
    ecosystem = _mixed_run(ban_server, online)
    geocode_ecosystem(ecosystem, online)
    asked = len(ban_server.queries)
    result = geocode_ecosystem(ecosystem, replace(online, offline=True))
    assert len(ban_server.queries) == asked
    assert result.counts["adresse"] == 2 and result.cache_hits == 4


def test_input_coordinates_are_never_overwritten(ban_server, online):
    given = actor(
        "donne",
        "12 Rue des Trois Cailloux",
        "80000",
        "Amiens",
        "80021",
        latitude=49.9,
        longitude=2.31,
    )
    typed = actor(
        "saisi",
        "5 Rue d'Isle",
        "02100",
        "Saint-Quentin",
        "02691",
        latitude=49.85,
        longitude=3.29,
        precision="saisie",
    )
    ban_server.route(AMIENS_Q, ban_server.recorded("amiens-trois-cailloux.json"))
    ban_server.route(SAINT_QUENTIN_Q, ban_server.recorded("saint-quentin-rue-d-isle.json"))
    result = geocode_ecosystem(Ecosystem([given, typed]), online)
    assert ban_server.queries == []
    assert position(result.ecosystem["donne"]) == (49.9, 2.31)
    assert position(result.ecosystem["saisi"]) == (49.85, 3.29)
    assert {a.precision for a in result.ecosystem} == {"saisie"}
    assert result.counts["saisie"] == 2


def test_commune_points_of_earlier_runs_move_to_the_address_or_stay(ban_server, online):
    ban_server.route(AMIENS_Q, ban_server.recorded("amiens-trois-cailloux.json"))
    ban_server.route(BEAUVAIS_Q, ban_server.recorded("beauvais-introuvable.json"))
    earlier = [
        actor(
            "amiens",
            AMIENS.adresse,
            "80000",
            "Amiens",
            "80021",
            latitude=49.9,
            longitude=2.3,
            precision="commune",
        ),
        actor(
            "beauvais",
            BEAUVAIS.adresse,
            "60000",
            "Beauvais",
            "60057",
            latitude=49.4,
            longitude=2.1,
            precision="commune",
        ),
    ]
    result = geocode_ecosystem(Ecosystem(earlier), online)
    assert result.ecosystem["amiens"].precision == "adresse"
    assert position(result.ecosystem["amiens"]) == coordinates("amiens-trois-cailloux.json")
    assert (result.ecosystem["beauvais"].precision, position(result.ecosystem["beauvais"])) == (
        "commune",
        (49.4, 2.1),
    )


def test_input_ecosystem_is_left_unchanged(ban_server, online):
    ecosystem = _mixed_run(ban_server, online)
    before = list(ecosystem.actors)
    result = geocode_ecosystem(ecosystem, online)
    assert list(ecosystem.actors) == before
    assert all(a.latitude is None for a in ecosystem)
    assert result.ecosystem is not ecosystem
    assert result.ecosystem.partnerships == ecosystem.partnerships


def test_service_is_given_up_after_consecutive_failures(ban_server, online):
    actors = [
        actor(f"a{i}", f"{i} Rue d'Isle", "02100", "Saint-Quentin", "02691") for i in range(1, 6)
    ]
    for a in actors:
        ban_server.route(f"{a.adresse}, 02100 Saint-Quentin", ban_server.reply(status=503))
    result = geocode_ecosystem(Ecosystem(actors), replace(online, max_retries=0))
    assert len(ban_server.queries) == 3
    assert result.counts["commune"] == 5
    assert "Service abandonné après 3 adresses" in result.summary()
    assert result.placements["a5"].reason == "service abandonné en cours de route"
    lines = result.failure_lines()
    assert (
        lines[0]
        == "a1 « Lieu a1 » : service indisponible (HTTP 503) (1 essai) → point de la commune"
    )
    assert len(lines) == 3, "les acteurs placés après l'abandon ne sont pas détaillés un à un"
    assert result.failure_lines(limit=1)[1:] == ["… et 2 autres"]


def test_unreachable_service_is_said_in_french(online):
    with socket.socket() as probe:  # a port nobody listens on: the connection is refused
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    options = replace(online, domain=f"127.0.0.1:{port}", max_retries=0)
    placed = geocode_address(
        AMIENS.adresse, code_postal="80000", commune="Amiens", code_insee="80021", options=options
    )
    assert (placed.precision, placed.reason) == ("commune", "service injoignable (1 essai)")


def test_missing_insee_code_is_found_from_postal_code_and_name(ban_server, online):
    no_code = actor("sans-code", "", "80100", "Abbeville", "")
    unknown = actor("inconnu", "1 Grand Rue", "", "Commune Imaginaire", "")
    result = geocode_ecosystem(Ecosystem([no_code, unknown]), online)
    assert result.ecosystem["sans-code"].code_insee == "80001"
    assert position(result.ecosystem["sans-code"]) == point("80001")
    assert result.placements["sans-code"].reason == "pas d'adresse"
    assert position(result.ecosystem["inconnu"]) == (None, None)
    assert result.counts["aucune"] == 1 and result.completed_insee_codes == 1
    assert "commune introuvable" in result.placements["inconnu"].reason
    assert ban_server.queries == []


def test_nominatim_is_asked_with_our_user_agent(ban_server, online):
    compiegne = get_commune("60159")
    answer = [
        {
            "place_id": 1,
            "lat": str(compiegne.latitude + 0.002),
            "lon": str(compiegne.longitude - 0.003),
            "display_name": "8, Rue Solférino, Compiègne, Oise, Hauts-de-France, 60200, France",
            "addresstype": "building",
            "type": "house",
            "address": {
                "house_number": "8",
                "road": "Rue Solférino",
                "town": "Compiègne",
                "postcode": "60200",
            },
        }
    ]
    query = "8 Rue Solférino, 60200 Compiègne"
    ban_server.route(query, ban_server.reply(body=answer))
    placed = geocode_address(
        "8 Rue Solférino",
        code_postal="60200",
        commune="Compiègne",
        code_insee="60159",
        options=replace(online, provider="nominatim"),
    )
    assert placed.precision == "adresse" and placed.code_insee == "60159"
    assert ban_server.user_agents == [USER_AGENT]


def test_nominatim_answer_far_from_the_commune_is_rejected(ban_server, online):
    far = [
        {
            "lat": "49.26",
            "lon": "2.48",
            "display_name": "Rue Solférino, Creil",
            "addresstype": "road",
            "address": {"postcode": "60200"},
        }
    ]
    ban_server.route("8 Rue Solférino, 60200 Compiègne", ban_server.reply(body=far))
    placed = geocode_address(
        "8 Rue Solférino",
        code_postal="60200",
        commune="Compiègne",
        code_insee="60159",
        options=replace(online, provider="nominatim"),
    )
    assert placed.precision == "commune" and "km de Compiègne" in placed.reason


def test_unknown_provider_and_unusable_cache_are_french_errors(tmp_path):
    with pytest.raises(GeocodingError, match="Fournisseur de géocodage inconnu"):
        geocode_ecosystem(Ecosystem(), LookupOptions(provider="google", offline=True))
    broken = tmp_path / "cache.sqlite"
    broken.write_text("ceci n'est pas une base SQLite " * 100)
    with pytest.raises(GeocodingError, match="Cache de géocodage inutilisable") as caught:
        geocode_ecosystem(Ecosystem([AMIENS]), LookupOptions(cache_path=broken, offline=True))
    assert "--cache" not in str(caught.value)  # the command line names its option


def test_default_cache_path_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("NEC_NETWORK_CACHE_DIR", str(tmp_path / "ici"))
    assert default_cache_path() == tmp_path / "ici" / "geocodage.sqlite"
    monkeypatch.delenv("NEC_NETWORK_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_cache_path() == tmp_path / "xdg" / "nec-network" / "geocodage.sqlite"


def test_cache_is_a_plain_sqlite_file_with_dated_answers(ban_server, online):
    ban_server.route(AMIENS_Q, ban_server.recorded("amiens-trois-cailloux.json"))
    geocode_ecosystem(Ecosystem([AMIENS]), online)
    with sqlite3.connect(online.cache_path) as connection:
        rows = connection.execute(
            "SELECT fournisseur, adresse, requete, date FROM reponses"
        ).fetchall()
    connection.close()
    assert rows == [
        ("ban", "12 rue des trois cailloux 80000 amiens", AMIENS_Q, dt.date.today().isoformat())
    ]


def test_progress_bar_only_when_asked_or_on_a_terminal():
    quiet = io.StringIO()
    bar = ProgressBar(3, stream=quiet)
    bar.advance()
    bar.close()
    assert quiet.getvalue() == ""
    shown = io.StringIO()
    bar = ProgressBar(3, enabled=True, stream=shown)
    bar.advance(2)
    assert shown.getvalue().endswith("2/3")
    assert "Géocodage" in shown.getvalue()


def test_progress_bar_on_a_run(ban_server, online, capsys):
    geocode_ecosystem(
        Ecosystem([AMIENS.__class__("x", "X", code_insee="80021")]),
        replace(online, offline=True),
        progress=True,
    )
    assert capsys.readouterr().err.endswith("1/1\n")
