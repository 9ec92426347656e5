"""The language rule on the command line: every option is French; the English spellings of
earlier versions stay as aliases (CONTRIBUTING.md, « Langue »)."""

from __future__ import annotations

import argparse

import pytest

from nec_network.cli import build_parser

#: English spelling kept working → the French option it stands for.
ENGLISH_ALIASES = {
    "--output": "--sortie",
    "--k": "--sites",
    "--limit": "--limite",
    "--offline": "--hors-ligne",
    "--mapping": "--correspondance",
    "--to": "--vers",
    "--row-limit": "--limite-lignes",
    "--size-limit": "--limite-taille",
    "--event": "--evenement",
    "--at": "--le",
    "--period": "--periode",
    "--venues": "--lieux",
    "--wave": "--vague",
    "--rural-weight": "--poids-rural",
    "--online-address": "--adresse-en-ligne",
}
#: Every other long option: French words (``--force``, ``--format``, ``--mode``, ``--service``,
#: ``--public``, ``--strict``, ``--cache``, ``--options`` are French too), ``--cdn`` an acronym.
FRENCH = {
    "--cache", "--candidats", "--capacite", "--cdn", "--correspondance", "--couleur", "--departements", "--detour",
    "--dispositif", "--disposition", "--epci", "--evenement", "--le", "--periode", "--exact", "--force", "--format", "--fournisseur",
    "--garder-donnees-personnelles", "--garder-doublons", "--heuristique", "--hors-ligne", "--limite",
    "--limite-lignes", "--limite-taille", "--marge", "--max-km", "--max-minutes", "--mode", "--options", "--persona",
    "--personae", "--progression", "--public", "--region", "--sans-fond", "--service", "--sites", "--sortie",
    "--strict", "--sur-place", "--taille", "--typologie", "--vers", "--zones-blanches", "--prioritaires", "--ponderation", "--fragilite", "--contact", "--titre",
    "--lieux", "--poids-rural", "--vague", "--adresse-en-ligne",
}  # fmt: skip


def _option_actions() -> list[tuple[str, argparse.Action]]:
    parser = build_parser()
    (commands,) = [action for action in parser._actions if isinstance(action, argparse._SubParsersAction)]
    return [(name, action) for name, command in commands.choices.items() for action in command._actions]


def test_every_option_is_french_or_an_english_alias_beside_its_french_form():
    seen = set()
    for command, action in _option_actions():
        longs = [option for option in action.option_strings if option.startswith("--") and option != "--help"]
        seen.update(longs)
        for english in set(longs) & set(ENGLISH_ALIASES):
            french = ENGLISH_ALIASES[english]
            assert french in longs and longs.index(french) < longs.index(english), (command, longs)
    assert seen - set(ENGLISH_ALIASES) == FRENCH


@pytest.mark.parametrize(
    ("french", "english"),
    [
        (["recommend", "D", "--sites", "5", "--sortie", "s.csv"], ["recommend", "D", "--k", "5", "--output", "s.csv"]),
        (["suggest", "D", "--limite", "3"], ["suggest", "D", "--limit", "3"]),
        (["geocode", "D", "--hors-ligne", "--sur-place"], ["geocode", "D", "--offline", "--sur-place"]),
        (["export", "D", "--vers", "mednum", "-o", "x.csv"], ["export", "D", "--to", "mednum", "-o", "x.csv"]),
        (["validate", "f.csv", "--correspondance", "m.json"], ["validate", "f.csv", "--mapping", "m.json"]),
        (["orientation", "D", "--adresse-en-ligne", "-o", "o.html"], ["orientation", "D", "--online-address", "-o", "o.html"]),
    ],
)
def test_the_english_spellings_still_work(french: list[str], english: list[str]) -> None:
    parser = build_parser()
    first, second = vars(parser.parse_args(french)), vars(parser.parse_args(english))
    assert first == second
