"""The « Où orienter ? » page in Python: its data document, escaping, CLI, size."""

from __future__ import annotations

import json
import re

import pytest

from nec_network.cli import main
from nec_network.demo import demo_path, load_demo, load_demo_personae, load_demo_resources
from nec_network.model import Actor, Ecosystem
from nec_network.territory import load_communes
from nec_network.views.orientation import OrientationOptions, build_orientation_page, orientation_data

ADMIN = "Aide aux démarches administratives"


def _data(html: str) -> dict:
    text = re.search(
        r'<script type="application/json" id="nec-donnees">(.*?)</script>', html, re.S
    ).group(1)
    return json.loads(text)


def test_the_threshold_gives_the_page_its_detour_and_what_is_near():
    from nec_network.analysis.criteria import Threshold

    ecosystem = Ecosystem([Actor("a", "Lieu", latitude=49.9, longitude=2.3)])
    parameters = orientation_data(ecosystem, threshold=Threshold(max_km=10, detour=1.5))["parametres"]
    assert (parameters["detour"], parameters["km_defaut"], parameters["minutes_defaut"]) == (1.5, 10, None)


def test_the_orientation_command_builds_the_page_with_its_threshold(tmp_path):
    output = tmp_path / "orienter.html"
    assert main(["orientation", str(demo_path()), "-o", str(output), "--departements", "80",
                 "--max-km", "8", "--detour", "1.5"]) == 0
    parameters = _data(output.read_text(encoding="utf-8"))["parametres"]
    assert (parameters["detour"], parameters["km_defaut"], parameters["minutes_defaut"]) == (1.5, 8, None)
    assert "× 1,5 (détour)" in output.read_text(encoding="utf-8")


def test_data_carries_keyed_communes_actors_and_the_coverage_assumptions():
    data = orientation_data(
        load_demo(), resources=load_demo_resources(), personae=load_demo_personae()
    )
    assert len(data["communes"]) == 2248
    marle = next(c for c in data["communes"] if c["code"] == "02468")
    assert marle["nom"] == "Marle" and marle["cp"] == ["02250"]
    assert data["parametres"]["detour"] == 1.3 and data["parametres"]["vitesses"]["pied"] == 4.5
    assert data["parametres"]["minutes_defaut"] == 20 and data["parametres"]["minimum"] == 10
    assert data["parametres"]["km_defaut"] is None
    bus = next(a for a in data["acteurs"] if a["id"] == "bus-france-services-vervins")
    assert bus["itinerant"] and "02357" in bus["zone"] and bus["horaires"].startswith("le lundi")
    assert bus["semaine"]["jours"][0]["plages"] == [
        {"debut": 570, "fin": 720},
        {"debut": 810, "fin": 960},
    ]
    hub = next(a for a in data["acteurs"] if a["id"] == "hub")
    assert hub["accueil"] is False  # receives nobody: a helper's structure, never a place
    assert all(isinstance(record, dict) for record in data["acteurs"] + data["communes"])
    assert [e["libelle"] for e in data["exemples"]][0] == "Exemple : Jeannine, 78 ans, Gronard"
    assert {r["nom"] for r in data["ressources"]} and all(
        "fictif" in r["nom"] or "fictive" in r["nom"] or "fictifs" in r["nom"]
        for r in data["ressources"]
    )


def test_a_commune_without_postal_codes_in_a_given_table_has_none_on_the_page():
    communes = load_communes(departements="80").head(3).copy()
    communes["codes_postaux"] = communes["codes_postaux"].astype(object)
    communes.loc[communes.index[0], "codes_postaux"] = float("nan")  # a table given by the user
    first, second, _ = orientation_data(Ecosystem([]), communes)["communes"]
    assert first["cp"] == [] and second["cp"] == communes["codes_postaux"].iloc[1].split("|")


def test_page_is_self_contained_and_reasonably_small():
    html = build_orientation_page(
        load_demo(), options=OrientationOptions(resources=load_demo_resources(), personae=load_demo_personae())
    )
    assert '<html lang="fr"' in html and "http://" not in html.split("nec-donnees")[0].replace(
        "http://www.w3.org", ""
    )
    assert not re.search(r"<(script|link)[^>]+(src|href)=\"https?:", html)
    assert len(html.encode("utf-8")) < 700_000


def test_hostile_text_is_data_never_markup():
    amiens = load_communes(codes_insee=["80021"]).iloc[0]
    hostile = "</script><script>alert(1)</script>"
    ecosystem = Ecosystem(
        [
            Actor(
                "a",
                hostile,
                services=(ADMIN,),
                horaires=hostile,
                latitude=float(amiens["latitude"]),
                longitude=float(amiens["longitude"]),
                code_insee="80021",
            )
        ]
    )
    html = build_orientation_page(ecosystem)
    assert "<script>alert(1)" not in html
    assert _data(html)["acteurs"][0]["nom"] == hostile
    # The helper's-structure list is filled from the data by the script (textContent), in Python's order.
    assert hostile not in html.split('id="nec-donnees"')[0]
    assert _data(html)["structures"] == ["a"]


def test_cli_writes_the_page_with_the_folder_resources_and_personae(tmp_path, capsys):
    output = tmp_path / "orienter.html"
    assert main(["orientation", str(demo_path()), "-o", str(output), "--departements", "02"]) == 0
    data = _data(output.read_text(encoding="utf-8"))
    assert {c["code"][:2] for c in data["communes"]} == {"02"}
    assert len(data["ressources"]) >= 8
    assert [e["commune"] for e in data["exemples"]] == [
        "02357",
        "02361",
    ]  # the personae living in the Aisne
    assert "Page « Où orienter ? » écrite" in capsys.readouterr().out


def test_cli_service_filter_keeps_other_actors_as_helpers(tmp_path):
    output = tmp_path / "o.html"
    assert (
        main(
            ["orientation", str(demo_path()), "-o", str(output), "--dispositif", "France Services"]
        )
        == 0
    )
    actors = _data(output.read_text(encoding="utf-8"))["acteurs"]
    places = [a for a in actors if a["accueil"]]
    assert places and len(places) < len(actors)
    assert all(a["id"].startswith(("france-services", "bus-france-services")) for a in places)


def test_cli_never_overwrites_a_file_it_did_not_write(tmp_path, capsys):
    output = tmp_path / "orienter.html"
    output.write_text("à moi", encoding="utf-8")
    assert main(["orientation", str(demo_path()), "-o", str(output)]) == 2
    assert output.read_text(encoding="utf-8") == "à moi"
    assert "--force" in capsys.readouterr().err


def test_only_a_valid_number_gets_a_number_to_dial_and_only_http_a_web_link():
    from nec_network.model.resource import Resource

    actors = [Actor(id=key, nom=key, telephone=phone, code_insee="80021", latitude=49.89, longitude=2.29)
              for key, phone in (("a", "03 22 97 10 10"), ("b", "voir la mairie"), ("c", ""))]
    resources = [Resource(nom=lien or "vide", difficultes=("bases",), lien=lien)
                 for lien in ("3949", "https://exemple.invalid", "javascript:alert(1)", "au guichet", "")]
    data = orientation_data(Ecosystem(actors), resources=resources)
    assert [(a["telephone"], a["tel"]) for a in data["acteurs"]] == [
        ("03 22 97 10 10", "+33322971010"), ("voir la mairie", ""), ("", "")]
    assert [(r["lien"], r["tel"], r["web"]) for r in data["ressources"]] == [
        ("3949", "3949", ""), ("https://exemple.invalid", "", "https://exemple.invalid"),
        ("javascript:alert(1)", "", ""), ("au guichet", "", ""), ("", "", "")]


def test_every_place_says_how_old_its_information_is_relative_to_the_build_date():
    import datetime as dt

    old = Actor("old", "France services X", services=(ADMIN,), code_insee="80021", latitude=49.9, longitude=2.3,
                date_maj=dt.date(2022, 12, 1))
    fresh = Actor("new", "Cyber-base", services=(ADMIN,), code_insee="80021", latitude=49.9, longitude=2.3,
                  date_maj=dt.date(2023, 6, 1))
    unknown = Actor("none", "Mairie", services=(ADMIN,), code_insee="80021", latitude=49.9, longitude=2.3)
    ecosystem = Ecosystem([old, fresh, unknown])
    built = {a["id"]: a for a in orientation_data(ecosystem, at=dt.date(2024, 1, 15))["acteurs"]}
    assert (built["old"]["informations_du"], built["old"]["a_verifier"]) == ("01/12/2022", True)
    assert (built["new"]["informations_du"], built["new"]["a_verifier"]) == ("01/06/2023", False)
    assert (built["none"]["informations_du"], built["none"]["a_verifier"]) == ("", False)
    undated = {a["id"]: a for a in orientation_data(ecosystem)["acteurs"]}  # no build date: shown, not judged
    assert not any(record["a_verifier"] for record in undated.values())


def test_cli_contact_reaches_the_page_and_a_wrong_address_is_refused(tmp_path, capsys):
    output = tmp_path / "orienter.html"
    args = ["orientation", str(demo_path()), "-o", str(output), "--departements", "02"]
    assert main(args) == 0
    assert _data(output.read_text(encoding="utf-8"))["parametres"]["contact"] is None
    assert main([*args, "--force", "--contact", "signalement@exemple.invalid"]) == 0
    assert _data(output.read_text(encoding="utf-8"))["parametres"]["contact"] == "signalement@exemple.invalid"
    with pytest.raises(SystemExit) as stopped:
        main([*args, "--force", "--contact", "pas une adresse"])
    assert stopped.value.code == 2
    assert "« pas une adresse » n'est pas une adresse électronique" in capsys.readouterr().err


def test_site_passes_the_contact_to_the_orientation_page(tmp_path):
    # One recommended site (found by enumeration, 10 by default take the exact solver): what
    # is checked is the orientation page's contact.
    assert main(["site", str(demo_path()), "-o", str(tmp_path / "site"), "--departements", "02",
                 "--contact", "signalement@exemple.invalid", "--sites", "1"]) == 0
    page = (tmp_path / "site" / "orienter.html").read_text(encoding="utf-8")
    assert _data(page)["parametres"]["contact"] == "signalement@exemple.invalid"


def test_the_address_service_is_in_the_page_only_with_adresse_en_ligne(tmp_path):
    output = tmp_path / "orienter.html"
    args = ["orientation", str(demo_path()), "-o", str(output), "--departements", "80"]
    assert main(args) == 0
    offline = output.read_text(encoding="utf-8")
    assert _data(offline)["parametres"]["adresse_en_ligne"] is None
    assert 'id="adresse-ban"' not in offline and "api-adresse" not in offline
    assert main([*args, "--force", "--adresse-en-ligne"]) == 0
    online = output.read_text(encoding="utf-8")
    assert _data(online)["parametres"]["adresse_en_ligne"] == "https://api-adresse.data.gouv.fr/search/"
    assert 'id="adresse-ban"' in online and "Envoie seulement le texte tapé dans le champ à api-adresse.data.gouv.fr" in online


def test_an_address_service_that_is_not_a_web_address_is_refused():
    from nec_network.errors import NecNetworkError

    with pytest.raises(NecNetworkError, match="http ou https attendu"):
        build_orientation_page(load_demo(), load_communes(departements=["80"]),
                               OrientationOptions(address_service="javascript:alert(1)"))
