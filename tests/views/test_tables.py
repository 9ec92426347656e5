"""The CSV writer of a synthesis (views/tables.py), on a hand-made synthesis."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pandas as pd

from nec_network.views.tables import TABLE_FILES, TABLE_NAMES, write_synthesis_tables


def _synthesis() -> SimpleNamespace:
    tables = {attribute: pd.DataFrame({"id": ["a"]}) for attribute in TABLE_FILES.values()}
    tables["coverage"] = pd.DataFrame({"code_insee": ["80021", "02691"], "covered": [True, False],
                                       "population": [2248.0, 12.0]})
    tables["links_across_departements"] = pd.DataFrame(
        [[0, 2], [2, 1]], index=pd.Index(["02", "80"]), columns=["02", "80"]
    )
    tables["articulation_points"] = pd.DataFrame(columns=["nom", "cut_off_ids"])
    tables["bridges"] = pd.DataFrame(columns=["source_name", "target_name", "cut_off_ids"])
    tables["suggestions"] = pd.DataFrame(
        {"source": ["a"], "source_name": ["CCAS"], "target": ["b"], "target_name": ["Atelier"],
         "distance_km": [0.4949], "score": [1.0], "source_services": ["Aide aux démarches administratives"],
         "target_services": [""], "common_publics": [""], "common_partner_names": [("Mairie",)]}
    )  # fmt: skip
    weighting = SimpleNamespace(weighted=pd.DataFrame({"id": ["a"]}))
    return SimpleNamespace(**tables, ecosystem=[], journeys=[], network_summary={"acteurs": 2}, weighting=weighting)


def test_every_named_file_is_written(tmp_path: Path) -> None:
    written = write_synthesis_tables(_synthesis(), tmp_path / "sortie")
    assert [path.name for path in written] == list(TABLE_NAMES)
    assert all(path.is_file() for path in written)


def test_headers_booleans_counts_and_matrix_index(tmp_path: Path) -> None:
    write_synthesis_tables(_synthesis(), tmp_path)
    coverage = (tmp_path / "couverture_communes.csv").read_text(encoding="utf-8").splitlines()
    assert coverage == ["code_insee,couvert,population", "80021,oui,2248", "02691,non,12"]
    links = (tmp_path / "liens_departements.csv").read_text(encoding="utf-8").splitlines()
    assert links[0] == "departement,02,80"
    assert (tmp_path / "parcours_personae.csv").read_text(encoding="utf-8").strip() == "persona"


def test_suggestions_say_why_in_french_under_french_headers(tmp_path: Path) -> None:
    write_synthesis_tables(_synthesis(), tmp_path)
    lines = (tmp_path / "suggestions_partenariats.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == (
        "source,source_nom,cible,cible_nom,distance_km,score,services_source,services_cible,"
        "publics_communs,raison"
    )
    assert lines[1] == (
        "a,CCAS,b,Atelier,0.49,1,Aide aux démarches administratives,,,"
        "CCAS (à moins d'1 km) propose « Aide aux démarches administratives » qu'Atelier "
        "n'offre pas ; ils ont 1 partenaire en commun (Mairie)."
    )
