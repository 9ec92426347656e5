"""``nec-network geocode DIR``: reads a template, geocodes it, writes it back, prints a French summary."""

from __future__ import annotations

import argparse

import pytest

from nec_network.cli.geocoding import register
from nec_network.io import read_ecosystem, write_ecosystem
from nec_network.model import Actor, Ecosystem, Partnership
from nec_network.territory import get_commune


def run(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="nec-network")
    register(parser.add_subparsers())
    args = parser.parse_args(["geocode", *argv])
    return args.func(args)


@pytest.fixture
def template(tmp_path):
    folder = tmp_path / "modele"
    ecosystem = Ecosystem(
        [
            Actor(
                "mediatheque",
                "Médiathèque",
                typologies=("BIB",),
                adresse="12 Rue des Trois Cailloux",
                code_postal="80000",
                commune="Amiens",
                code_insee="80021",
            ),
            Actor(
                "ccas",
                "CCAS",
                typologies=("CCAS",),
                adresse="5 Rue d'Isle",
                code_postal="02100",
                commune="Saint-Quentin",
                code_insee="02691",
                latitude=49.8465,
                longitude=3.2881,
                precision="saisie",
            ),
        ],
        [Partnership("ccas", "mediatheque", "orientation")],
    )
    write_ecosystem(ecosystem, folder, to="modele")
    return folder


def test_offline_geocode_writes_commune_points_in_place(template, tmp_path, capsys):
    cache = tmp_path / "cache.sqlite"
    assert run(str(template), "--offline", "--cache", str(cache), "--sur-place") == 0
    out = capsys.readouterr().out
    assert (
        "2 acteurs : 0 à l'adresse, 1 au point de référence de leur commune, 1 aux coordonnées"
        in out
    )
    assert "Mode hors ligne" in out and "Médiathèque" not in out
    ecosystem, report = read_ecosystem(template)
    assert report.rejected == 0
    amiens = get_commune("80021")
    assert (ecosystem["mediatheque"].latitude, ecosystem["mediatheque"].longitude) == (
        amiens.latitude,
        amiens.longitude,
    )
    assert ecosystem["mediatheque"].precision == "commune"
    assert (
        ecosystem["ccas"].latitude,
        ecosystem["ccas"].longitude,
        ecosystem["ccas"].precision,
    ) == (
        49.8465,
        3.2881,
        "saisie",
    )
    assert len(ecosystem.partnerships) == 1 and not cache.exists()


def test_output_folder_leaves_the_input_untouched(template, tmp_path, capsys):
    before = (template / "acteurs.csv").read_bytes()
    out = tmp_path / "geocode"
    run(str(template), "--offline", "--cache", str(tmp_path / "c.sqlite"), "-o", str(out))
    assert (template / "acteurs.csv").read_bytes() == before
    assert read_ecosystem(out)[0]["mediatheque"].precision == "commune"
    assert f"Modèle écrit : {out}" in capsys.readouterr().out


def test_rejected_rows_are_kept_when_rewriting_in_place(template, tmp_path):
    with (template / "acteurs.csv").open("a", encoding="utf-8") as stream:
        stream.write(",sans identifiant" + "," * 29 + "\r\n")
    assert read_ecosystem(template)[1].rejected == 1
    assert run(str(template), "--offline", "--cache", str(tmp_path / "c.sqlite"), "--sur-place") == 0
    lines = (template / "acteurs.csv").read_text(encoding="utf-8").splitlines()
    assert lines[-1] == ",sans identifiant" + "," * 29
    assert read_ecosystem(template)[1].rejected == 1


def test_an_output_or_in_place_must_be_chosen(template, capsys):
    with pytest.raises(SystemExit):
        run(str(template), "--offline")


def test_unknown_provider_is_refused_by_the_parser(template, capsys):
    with pytest.raises(SystemExit):
        run(str(template), "--fournisseur", "google")
