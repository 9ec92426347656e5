"""The communes coloured on the map: classes computed by hand, the years and caveat of the
fragility index, outlines from the shapes, every Picardie commune drawn, the page's size."""

from __future__ import annotations

import copy
import importlib.util
import re
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from nec_network.analysis.accessibility import two_step_fca
from nec_network.analysis.coverage import coverage_by_commune
from nec_network.analysis.criteria import Threshold
from nec_network.analysis.gaps import white_zones
from nec_network.territory import load_communes
from nec_network.territory.fragility import Fragility, embedded_fragility, fragility_table
from nec_network.views import _map_choropleth as choropleth
from nec_network.views.map import MapLayers, MapOptions, build_map, map_document
from nec_network.views.style import NO_VALUE_COLOR

# The map tests' ecosystem: four placed actors (two with hostile names), one unplaced.
_spec = importlib.util.spec_from_file_location("map_cases", Path(__file__).resolve().parent / "test_map.py")
cases = sys.modules.setdefault("map_cases", importlib.util.module_from_spec(_spec))
_spec.loader.exec_module(cases)
ecosystem, map_data = cases.ecosystem, cases.map_data

THRESHOLD = Threshold(max_km=15)


def _records(n: int) -> list[dict]:
    return [{"code": f"c{k}", "nom": f"Commune {k}", "dep": "80"} for k in range(n)]


def test_time_classes_include_their_lower_bound_and_say_when_no_place_is_found():
    records = _records(6)
    for record, minutes in zip(records, [0.0, 9.9, 10.0, 44.9, 45.0], strict=False):
        record["min"] = minutes
    layer = choropleth.time_layer(records, THRESHOLD)
    assert [r["aplats"]["temps"] for r in records] == [0, 0, 1, 3, 4, 5]
    labels = [c["libelle"] for c in layer["classes"]]
    assert labels[:5] == ["moins de 10 min", "de 10 à moins de 20 min", "de 20 à moins de 30 min",
                          "de 30 à moins de 45 min", "45 min ou plus"]
    assert layer["classes"][5] == {"libelle": "Aucun lieu correspondant", "couleur": NO_VALUE_COLOR,
                                   "nombre": 1, "sans_valeur": True}
    assert [c["nombre"] for c in layer["classes"]] == [2, 1, 0, 1, 1, 1]
    assert "pas un itinéraire" in layer["note"] and "1,3" in layer["note"]


def test_fragility_in_quintiles_of_the_communes_drawn_with_years_and_caveat():
    records = _records(11)
    table = pd.DataFrame({
        "code_insee": [r["code"] for r in records],
        "indice_fragilite": [1.0, 2, 3, 4, 5, 6, 7, 8, 9, 10, np.nan],
        "raison": [""] * 10 + ["3 indicateurs sur 6 publiés (il en faut 4)"],
    })
    layer = choropleth.fragility_layer(records, Fragility(table))
    # numpy's linear quantiles of 1…10 at 20, 40, 60, 80 %: 2.8, 4.6, 6.4, 8.2.
    assert [c["libelle"] for c in layer["classes"]] == [
        "moins de 2,8", "de 2,8 à moins de 4,6", "de 4,6 à moins de 6,4", "de 6,4 à moins de 8,2", "8,2 ou plus",
        "Sans indice (raison dans l’infobulle et le tableau)",
    ]
    assert [r["aplats"]["fragilite"] for r in records] == [0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5]
    assert records[0]["fragilite"] == 1.0 and "fragilite" not in records[10]
    assert records[10]["fragilite_raison"] == "3 indicateurs sur 6 publiés (il en faut 4)"
    assert "2016–2019" in layer["note"] and "approximation" in layer["note"]
    assert "pas l’indice de fragilité numérique (IFN) officiel" in layer["note"]
    assert "approximation" in layer["titre"]
    assert layer["palette"] == "ColorBrewer RdPu"


def test_a_loaded_index_is_named_as_the_user_named_it_and_no_longer_an_approximation():
    table = pd.DataFrame({"code_insee": ["c0", "c1"], "indice_fragilite": [10.0, 90.0], "raison": ""})
    loaded = Fragility(table, loaded_from="ifn.csv", name="IFN officiel", index_origin="file")
    layer = choropleth.fragility_layer(_records(3), loaded)
    assert "« IFN officiel »" in layer["note"] and "ifn.csv" in layer["note"] and "approximation" not in layer["note"]
    assert layer["titre"] == "Fragilité numérique"
    assert layer["classes"][-1]["nombre"] == 1  # c2 is not in the file


def test_a_value_is_classed_as_shown_rounded():
    records = _records(3)
    table = pd.DataFrame({"code_insee": ["c0", "c1", "c2"], "indice_fragilite": [10.0, 47.26, 90.0], "raison": ""})
    layer = choropleth.fragility_layer(records, Fragility(table))
    labels = " ".join(c["libelle"] for c in layer["classes"])
    breaks = sorted({float(x.replace(",", ".")) for x in re.findall(r"[0-9]+,[0-9]", labels)})
    for record in records:
        k = record["aplats"]["fragilite"]
        low = breaks[k - 1] if k > 0 else -np.inf
        high = breaks[k] if k < len(breaks) else np.inf
        assert low <= record["fragilite"] < high


def test_accessibility_classes_run_from_the_best_served_to_nobody_within_reach():
    records = _records(6)
    table = pd.DataFrame({
        "code_insee": [f"c{k}" for k in range(5)],
        "accessibility_index": [2.0, 1.0, 0.5, 0.3, 0.0],
        "actors_within_reach": [4, 2, 1, 1, 0],
    })
    layer = choropleth.accessibility_layer(records, table, THRESHOLD, "horaires")
    assert [r["aplats"]["accessibilite"] for r in records] == [0, 1, 2, 3, 4, 5]
    assert [c["libelle"] for c in layer["classes"]][4:] == ["aucun lieu à portée", "Commune hors du calcul"]
    assert (records[3]["acces"], records[3]["acces_lieux"]) == (0.3, 1)
    assert "heures d’ouverture" in layer["note"] and "2SFCA" in layer["note"]
    other = choropleth.accessibility_layer(_records(1), table, THRESHOLD, "conseillers")
    assert "« conseillers »" in other["note"]


@pytest.fixture(scope="module")
def picardie_layers() -> MapLayers:
    eco = ecosystem()
    coverage = coverage_by_commune(eco, threshold=THRESHOLD)
    return MapLayers(
        coverage=coverage, white_zones=white_zones(coverage),
        fragility=embedded_fragility(), accessibility=two_step_fca(eco, threshold=THRESHOLD),
    )


@pytest.fixture(scope="module")
def document(picardie_layers) -> dict:
    return map_document(ecosystem(), picardie_layers, MapOptions(tiles=False, threshold=THRESHOLD))


def test_every_picardie_commune_is_drawn_and_classed_in_every_layer(document, picardie_layers):
    communes = document["communes"]
    assert len(communes) == 2248 and all("forme" in c for c in communes)
    assert [layer["code"] for layer in document["aplats"]] == ["couverture", "temps", "fragilite", "accessibilite"]
    for layer in document["aplats"]:
        counts = np.bincount([c["aplats"][layer["code"]] for c in communes], minlength=len(layer["classes"]))
        assert counts.tolist() == [k["nombre"] for k in layer["classes"]]
    covered = {c["code"] for c in communes if c["aplats"]["couverture"] == 0}
    coverage = picardie_layers.coverage
    assert covered == set(coverage.loc[coverage["covered"], "code_insee"])
    # The coverage layer is the circles' classes; the time layer is the nearest place's minutes.
    circles = [c["libelle"] for c in document["couverture"]["classes"]]
    assert [c["libelle"] for c in document["aplats"][0]["classes"]] == circles
    amiens = next(c for c in communes if c["code"] == "80021")
    assert amiens["aplats"]["temps"] == 0 and amiens["min"] == 0 and amiens["km"] == 0
    index = fragility_table(["80021"]).loc[0, "indice_fragilite"]
    assert amiens["fragilite"] == pytest.approx(index, abs=0.05)
    assert document["epci"][amiens["epci"]]["nom"] == load_communes(codes_insee=["80021"]).loc[0, "epci_nom"]


def test_outlines_come_from_the_shapes(document):
    """Read from the page's own records: a département border is an arc between two
    départements or at the edge; an EPCI border, between two EPCI or at the edge."""
    assert [f["geometry"] for f in document["departements"]["features"]] == [None, None, None]
    users: dict[int, list[dict]] = defaultdict(list)
    for commune in document["communes"]:
        for rings in commune["forme"]:
            for ring in rings:
                for ref in ring:
                    users[ref if ref >= 0 else ~ref].append(commune)
    assert set(users) == set(range(len(document["formes"]["arcs"])))

    def borders(key: str) -> list[int]:
        return sorted(arc for arc, found in users.items() if len(found) == 1 or len({c.get(key) for c in found}) > 1)

    assert document["limites"]["departements"] == borders("dep")
    assert document["limites"]["epci"] == borders("epci")
    assert len(document["epci"]) == load_communes()["epci_code"].nunique()


def test_a_map_without_shapes_has_no_coloured_communes():
    eco = ecosystem()
    coverage = coverage_by_commune(eco, load_communes(departements="75"), threshold=THRESHOLD)
    data = map_document(eco, MapLayers(coverage=coverage), MapOptions(tiles=False, departements="75"))
    assert data["formes"] is None and data["aplats"] == [] and data["limites"] is None
    assert data["departements"]["features"][0]["geometry"] is not None


def test_the_picardie_page_with_every_layer_stays_under_3_mb(picardie_layers):
    html = build_map(ecosystem(), picardie_layers, MapOptions(tiles=False, threshold=THRESHOLD))
    assert len(html.encode("utf-8")) < 3 * 1024 * 1024
    data = map_data(html)
    assert len(data["aplats"]) == 4 and 'id="tableau-aplats"' in html


def test_the_map_command_colours_by_a_users_index_file(tmp_path):
    """``map --fragilite`` with a file giving the index: the layer takes its values and names the
    file instead of the approximation; the 2SFCA layer is there too."""
    from nec_network.io import write_ecosystem

    folder = tmp_path / "eco"
    write_ecosystem(ecosystem(), folder, to="modele")
    ifn = tmp_path / "ifn.csv"
    codes = load_communes(departements=["80"])["code_insee"]
    ifn.write_text("code_insee;indice_fragilite\n" + "".join(f"{code};{(int(code) % 97) + 1}\n" for code in codes),
                   encoding="utf-8")
    output = tmp_path / "carte.html"
    argv = ["map", str(folder), "-o", str(output), "--sans-fond", "--departements", "80", "--fragilite", str(ifn)]
    assert cases._run(argv) == 0
    data = map_data(output.read_text(encoding="utf-8"))
    layers = {layer["code"]: layer for layer in data["aplats"]}
    assert list(layers) == ["couverture", "temps", "fragilite", "accessibilite"]
    assert "ifn.csv" in layers["fragilite"]["note"] and "approximation" not in layers["fragilite"]["note"]
    assert all(c["fragilite"] == (int(c["code"]) % 97) + 1 for c in data["communes"])
    assert len(data["communes"]) == len(codes) and all("forme" in c for c in data["communes"])


def test_shapes_computed_once_per_territory_are_handed_out_as_fresh_lists():
    """The topology is shared between pages of one territory: changing one page's document
    leaves the next page's as it was."""
    first = map_document(ecosystem(), None, MapOptions(tiles=False, departements="80"))
    expected = copy.deepcopy(first)
    amiens = next(c for c in first["communes"] if c["code"] == "80021")
    amiens["forme"][0][0].append(12345)
    first["formes"]["arcs"][0].append(12345)
    first["limites"]["epci"].append(12345)
    first["epci"][0]["nom"] = "changé"
    assert map_document(ecosystem(), None, MapOptions(tiles=False, departements="80")) == expected
