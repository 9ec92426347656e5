"""The network page: its data, escaping, determinism, layouts and the ``network`` command."""

from __future__ import annotations

import argparse
import copy
import json
import re

import pandas as pd
import pytest

from nec_network.analysis.centrality import actor_metrics
from nec_network.analysis.criteria import ActorCriteria
from nec_network.cli import views_network
from nec_network.errors import NecNetworkError
from nec_network.io import read_ecosystem, write_ecosystem
from nec_network.model import Actor, Ecosystem, PartialDate, Partnership
from nec_network.territory import get_commune
from nec_network.views._page_inlining import external_requests
from nec_network.views.network import (
    AUTO_GEOGRAPHIC_ABOVE,
    NetworkOptions,
    build_network,
    network_layout,
    write_network,
)
from nec_network.views.style import LINK_STYLES

XSS_IMG = "<img src=x onerror=alert(1)>"
XSS_SCRIPT = '"><script>alert(1)</script>'
XSS_SERVICE = "</script><script>alert(2)</script>"


def actor_at(actor_id: str, nom: str, code_insee: str, typologie: str, **fields) -> Actor:
    """An actor at the reference point of a real commune of the embedded territory."""
    commune = get_commune(code_insee)
    place = {"latitude": commune.latitude, "longitude": commune.longitude}
    place.update(fields.pop("place", {}))
    return Actor(
        id=actor_id,
        nom=nom,
        typologies=(typologie,),
        code_insee=code_insee,
        commune=commune.nom,
        code_postal=commune.codes_postaux.split("|")[0],
        **place,
        **fields,
    )


def small_ecosystem() -> Ecosystem:
    """Seven actors of the three départements, two with hostile names, one without coordinates."""
    actors = [
        actor_at(
            "amiens",
            "Médiathèque d'Amiens",
            "80021",
            "BIB",
            services=("Aide aux démarches administratives",),
            telephone="03 22 00 00 00",
            courriels=("contact@exemple.invalid",),
            extra={"note": ["gardée"]},
        ),
        actor_at(
            "laon",
            "France services de Laon",
            "02408",
            "RFS",
            services=("Aide aux démarches administratives",),
        ),
        actor_at(
            "beauvais",
            "Espace numérique de Beauvais",
            "60057",
            "EPN",
            services=("Maîtrise des outils numériques du quotidien",),
        ),
        actor_at("xss-img", XSS_IMG, "80001", "ASSO", services=(XSS_SERVICE,)),
        actor_at("xss-script", XSS_SCRIPT, "02691", "CCAS", horaires=XSS_IMG),
        actor_at("compiegne", "CCAS de Compiègne", "60159", "CCAS"),
        actor_at(
            "peronne",
            "Mairie de Péronne",
            "80620",
            "MUNI",
            place={"latitude": None, "longitude": None},
        ),
    ]
    links = [
        Partnership("laon", "amiens", "orientation"),
        Partnership("amiens", "beauvais", "partenariat"),
        Partnership("amiens", "beauvais", "mutualisation", note="Postes partagés"),
        Partnership("xss-img", "amiens", "membre_de"),
        Partnership("xss-script", "laon", "financement", debut=PartialDate(2021)),
        Partnership("compiegne", "beauvais", "co_organisation"),
        Partnership("xss-script", "amiens", "orientation"),
    ]
    return Ecosystem(actors, links, name="Test")


def page_data(html: str) -> dict:
    match = re.search(
        r'<script type="application/json" id="nec-donnees">(.*?)</script>', html, re.DOTALL
    )
    assert match, "the page carries its data in one JSON script"
    return json.loads(match.group(1))


@pytest.fixture(scope="module")
def ecosystem() -> Ecosystem:
    return small_ecosystem()


@pytest.fixture(scope="module")
def html(ecosystem) -> str:
    return build_network(ecosystem)


def test_every_actor_is_a_node_named_by_its_name(ecosystem, html):
    data = page_data(html)
    assert [node["id"] for node in data["nodes"]] == [actor.id for actor in ecosystem]
    assert [node["nom"] for node in data["nodes"]] == [actor.nom for actor in ecosystem]
    assert len(data["edges"]) == len(ecosystem.partnerships)
    assert len({edge["id"] for edge in data["edges"]}) == len(ecosystem.partnerships)


def test_edges_follow_the_partnership_styles(ecosystem, html):
    data = page_data(html)
    styles, edges = data["liens"], data["edges"]
    assert sorted(styles) == sorted({link.type for link in ecosystem.partnerships})
    for link, edge in zip(ecosystem.partnerships, edges, strict=True):
        assert (edge["from"], edge["to"], edge["type"]) == (link.source, link.cible, link.type)
        style = LINK_STYLES[link.type]
        drawn = styles[link.type]
        assert drawn["color"]["color"] == style.color
        assert drawn["arrows"]["to"]["enabled"] is drawn["oriente"] is link.directed
        expected = [float(step) for step in style.dashes.split()] if style.dashes else False
        assert drawn["dashes"] == expected
    assert styles["orientation"]["libelle"] == "Orientation"
    assert (edges[2]["note"], edges[4]["debut"]) == ("Postes partagés", "2021")
    # The second link between Amiens and Beauvais is curved so that both stay visible.
    assert "smooth" not in edges[1] and edges[2]["smooth"]["enabled"] is True


def test_nodes_are_coloured_through_groups(html):
    data = page_data(html)
    groups = data["options"]["groups"]
    colour = {n["id"]: groups[n["group"]]["color"]["background"] for n in data["nodes"]}
    assert colour["amiens"] == "#44AA99"  # Bibliothèque
    assert colour["laon"] == "#332288"  # France Services
    assert colour["xss-script"] == colour["compiegne"]  # both CCAS


def test_tooltip_holds_the_actor_details_in_french(html):
    amiens = page_data(html)["nodes"][0]["infobulle"]
    assert amiens["nom"] == "Médiathèque d'Amiens"
    lines = dict(amiens["lignes"])
    assert lines["Typologie"] == "Bibliothèque / Médiathèque"
    assert lines["Commune"] == "80000 Amiens"
    assert lines["Services"] == "Aide aux démarches administratives"
    assert lines["Contact"] == "03 22 00 00 00 · contact@exemple.invalid"
    assert lines["Partenariats"] == "5"


def test_sizes_grow_with_the_chosen_measure(ecosystem):
    nodes = {n["id"]: n for n in page_data(build_network(ecosystem))["nodes"]}
    assert nodes["amiens"]["size"] == 40.0  # the most linked actor has the largest size
    assert nodes["peronne"]["size"] == 10.0  # no partner: smallest
    assert nodes["beauvais"]["size"] > nodes["compiegne"]["size"] > nodes["peronne"]["size"]
    metrics = actor_metrics(ecosystem)
    by_betweenness = {
        n["id"]: n["size"]
        for n in page_data(build_network(ecosystem, NetworkOptions(size_by="intermediarite"), metrics=metrics))[
            "nodes"
        ]
    }
    top = metrics.sort_values("betweenness", ascending=False)["id"].iloc[0]
    assert by_betweenness[top] == 40.0


def test_hostile_names_never_reach_the_page_as_markup(ecosystem):
    for options in ({}, {"color_by": "communaute"}, {"layout": "geographique"}):
        html = build_network(ecosystem, NetworkOptions(**options))
        for hostile in (XSS_IMG, XSS_SCRIPT, XSS_SERVICE, "<script>alert", "<img src=x"):
            assert hostile not in html
        # The data script holds no "<" at all, so nothing in it can close it.
        data_script = re.search(r'id="nec-donnees">(.*?)</script>', html, re.DOTALL).group(1)
        assert "<" not in data_script and ">" not in data_script
        # Escaped where shown as markup: the service filter and the legend.
        assert "&lt;/script&gt;&lt;script&gt;alert(2)&lt;/script&gt;" in html
        assert {n["nom"] for n in page_data(html)["nodes"]} >= {XSS_IMG, XSS_SCRIPT}


def test_community_names_in_the_legend_are_escaped():
    actors = [actor_at(x, f"<b>{x}</b>", "80021", "BIB") for x in "abc"]
    links = [Partnership("a", "b", "partenariat"), Partnership("b", "c", "partenariat")]
    html = build_network(Ecosystem(actors, links), NetworkOptions(color_by="communaute"))
    legend = re.search(r'<details class="nec-legende".*?</details>', html, re.DOTALL).group(0)
    assert "Communauté de &lt;b&gt;b&lt;/b&gt;" in legend
    assert "<b>" not in legend


def test_two_builds_give_identical_bytes(ecosystem):
    for options in (
        {},
        {"color_by": "communaute", "size_by": "pagerank"},
        {"layout": "geographique"},
    ):
        assert build_network(ecosystem, NetworkOptions(**options)) == build_network(small_ecosystem(), NetworkOptions(**options))


def test_inputs_are_left_untouched(ecosystem):
    graph = ecosystem.graph
    nodes_before = copy.deepcopy(dict(graph.nodes(data=True)))
    edges_before = copy.deepcopy(list(graph.edges(keys=True, data=True)))
    actors_before = copy.deepcopy(ecosystem.actors)
    metrics = actor_metrics(ecosystem)
    metrics_before = metrics.copy(deep=True)
    build_network(ecosystem, NetworkOptions(color_by="communaute", layout="geographique"), metrics=metrics)
    build_network(ecosystem)
    assert dict(graph.nodes(data=True)) == nodes_before
    assert list(graph.edges(keys=True, data=True)) == edges_before
    assert ecosystem.actors == actors_before
    assert ecosystem["amiens"].extra == {"note": ["gardée"]}
    assert ecosystem == small_ecosystem()
    pd.testing.assert_frame_equal(metrics, metrics_before)


def test_self_contained_page_requests_nothing_and_cdn_page_only_vis_network(ecosystem, html):
    assert external_requests(html) == []
    assert "vis.Network" in html and "<script src=" not in html
    light = build_network(ecosystem, NetworkOptions(cdn=True))
    assert sorted(external_requests(light)) == [
        "https://cdnjs.cloudflare.com/ajax/libs/vis-network/9.1.2/dist/dist/vis-network.min.css",
        "https://cdnjs.cloudflare.com/ajax/libs/vis-network/9.1.2/dist/vis-network.min.js",
    ]
    assert len(light) < len(html) / 3


def test_page_is_french_titled_and_credits_its_sources(ecosystem):
    html = build_network(ecosystem, NetworkOptions(title="Réseau <test>"))
    assert '<html lang="fr">' in html
    assert "<title>Réseau &lt;test&gt;</title>" in html
    assert 'name="viewport"' in html
    assert "vis-network (Apache-2.0 OR MIT)" in html
    for text in ("Rechercher un acteur", "Typologie", "Département", "Service", "Légende"):
        assert text in html
    assert '<option value="80">80 Somme (3)</option>' in html


def test_geographic_layout_places_actors_as_on_a_map(ecosystem):
    data = page_data(build_network(ecosystem, NetworkOptions(layout="geographique")))
    assert data["forces"] is False and data["options"]["physics"] == {"enabled": False}
    at = {n["id"]: (n["x"], n["y"]) for n in data["nodes"]}
    assert at["beauvais"][0] < at["amiens"][0] < at["laon"][0]  # west to east
    assert at["xss-img"][1] < at["amiens"][1] < at["beauvais"][1]  # Abbeville north of Beauvais
    # Péronne has no coordinates: it stands at its commune, between Amiens and Saint-Quentin.
    assert at["amiens"][0] < at["peronne"][0] < at["xss-script"][0]


def test_actors_at_the_same_place_are_spread_and_unknown_places_set_aside():
    actors = [actor_at(f"a{i}", f"Acteur {i}", "80021", "BIB") for i in range(5)]
    actors.append(Actor("ailleurs", "Sans lieu", typologies=("ASSO",)))
    data = page_data(build_network(Ecosystem(actors), NetworkOptions(layout="geographique")))
    points = [(n["x"], n["y"]) for n in data["nodes"]]
    assert len(set(points)) == 6
    assert points[-1][1] > max(y for _, y in points[:-1])
    page = build_network(Ecosystem(actors), NetworkOptions(layout="geographique"))
    assert "1 acteur sans position connue, placé sous la carte." in page
    assert ">6 acteurs affichés sur 6.<" in page
    assert ">1 acteur affiché sur 1.<" in build_network(Ecosystem(actors[:1]))


def test_physics_layout_is_computed_here_and_auto_switches_to_geography_for_large_networks(
    ecosystem, html
):
    data = page_data(html)
    # Positions are in the document: the browser runs no forces.
    assert data["forces"] is False and data["options"]["physics"] == {"enabled": False}
    assert all(isinstance(node["x"], int) and isinstance(node["y"], int) for node in data["nodes"])
    assert "Disposition physique" in html and "1 acteur sans partenaire, rangé sous le réseau." in html
    large = Ecosystem([Actor(f"a{i}", f"A{i}") for i in range(AUTO_GEOGRAPHIC_ABOVE + 1)])
    assert network_layout(large) == "geographique"
    assert network_layout(large, "physique") == "physique"
    # Many actors without partners are set in rows: still no forces in the browser.
    alone = page_data(build_network(large, NetworkOptions(layout="physique")))
    assert alone["forces"] is False and len({(n["x"], n["y"]) for n in alone["nodes"]}) == len(large)


def test_above_the_force_layout_limit_the_browser_computes_the_forces():
    from nec_network.views._network_layout import FORCE_LAYOUT_MAX

    count = FORCE_LAYOUT_MAX + 2
    chain = Ecosystem(
        [Actor(f"a{i}", f"A{i}") for i in range(count)],
        [Partnership(f"a{i}", f"a{i + 1}", "partenariat") for i in range(count - 1)],
    )
    data = page_data(build_network(chain, NetworkOptions(layout="physique")))
    assert data["forces"] is True and all("x" not in node for node in data["nodes"])
    assert data["options"]["physics"]["solver"] == "forceAtlas2Based"
    assert data["options"]["layout"]["randomSeed"] == 7


def test_colour_choices_give_a_legend_with_counts(ecosystem):
    html = build_network(ecosystem, NetworkOptions(color_by="departement"))
    assert "Couleur : département" in html
    assert "80 Somme" in html and "(3)" in html
    html = build_network(ecosystem, NetworkOptions(color_by="communaute"))
    assert "Couleur : communauté de partenaires" in html
    assert "Sans partenaire" in html  # Péronne has no partner: white with a visible ring
    data = page_data(html)
    peronne = next(n for n in data["nodes"] if n["id"] == "peronne")
    ring = data["options"]["groups"][peronne["group"]]["color"]
    assert ring["background"] == "#ffffff" != ring["border"]
    html = build_network(ecosystem)
    assert "Orientation →" in html and "Partenariat" in html
    assert "de la source vers la cible" in html


def test_wrong_options_are_french_errors(ecosystem):
    with pytest.raises(NecNetworkError, match="Valeur inconnue pour « couleur »"):
        build_network(ecosystem, NetworkOptions(color_by="couleur"))
    with pytest.raises(NecNetworkError, match="disposition"):
        build_network(ecosystem, NetworkOptions(layout="cercle"))
    with pytest.raises(NecNetworkError, match="colonne « pagerank »"):
        build_network(ecosystem, NetworkOptions(size_by="pagerank"), metrics=pd.DataFrame({"id": ["amiens"]}))


def test_write_network_writes_utf8(tmp_path, ecosystem):
    path = write_network(ecosystem, tmp_path / "sous" / "reseau.html", NetworkOptions(layout="geographique"))
    assert path.read_text(encoding="utf-8") == build_network(ecosystem, NetworkOptions(layout="geographique"))


def run_cli(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    views_network.register(parser.add_subparsers())
    args = parser.parse_args(argv)
    return args.func(args)


def test_network_command_writes_the_page(tmp_path, ecosystem, capsys):
    source = tmp_path / "modele"
    write_ecosystem(ecosystem, source, to="modele")
    read_back, _ = read_ecosystem(source)
    out = tmp_path / "reseau.html"
    assert run_cli(["network", str(source), "-o", str(out), "--departements", "80"]) == 0
    somme = ActorCriteria(departements=["80"]).territory(read_back)
    assert [n["id"] for n in page_data(out.read_text(encoding="utf-8"))["nodes"]] == [
        actor.id for actor in somme
    ]
    assert f"{len(somme)} acteurs" in capsys.readouterr().out
    assert (
        run_cli(
            [
                "network",
                str(source),
                "-o",
                str(second := tmp_path / "reseau-cdn.html"),  # a new file: nothing is replaced
                "--cdn",
                "--couleur",
                "communaute",
                "--taille",
                "pagerank",
                "--disposition",
                "geographique",
            ]
        )
        == 0
    )
    page = second.read_text(encoding="utf-8")
    assert "Couleur : communauté de partenaires" in page and "cdnjs" in page
    assert "disposition géographique" in capsys.readouterr().out


def test_large_networks_draw_every_link_as_a_plain_line_and_say_so():
    count = AUTO_GEOGRAPHIC_ABOVE + 1
    large = Ecosystem(
        [Actor(f"a{i}", f"A{i}") for i in range(count)],
        [Partnership(f"a{i}", f"a{i + 1}", "financement") for i in range(count - 1)],
    )
    html = build_network(large)
    assert page_data(html)["liens"]["financement"]["dashes"] is False
    assert "en trait plein (la couleur dit le type)" in html
    assert page_data(build_network(small_ecosystem()))["liens"]["financement"]["dashes"] == [8.0, 4.0]
