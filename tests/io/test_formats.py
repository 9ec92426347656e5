"""The format registry: one entry declares a format, and import, export and validate follow it."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from nec_network.cli import main
from nec_network.errors import NecNetworkError
from nec_network.io import FORMATS, Format, Problem, Report, detect_format, read_ecosystem, write_ecosystem
from nec_network.io.export import export_ecosystem, uncarried_columns
from nec_network.io.formats import CONTENTS, collector_paused, get_format
from nec_network.model import Actor, Ecosystem, Partnership


# -- a toy format, declared only through the registry ------------------------------------------
def read_toy(path: Path) -> tuple[Ecosystem, Report]:
    """One actor per line, ``id;nom``; a line without a name is rejected with its number."""
    report = Report()
    actors = []
    for line, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        report.rows_read += 1
        ident, _, name = text.partition(";")
        if not name:
            report.reject(Problem("erreur", "nom manquant", str(path), line, "nom", text))
            continue
        report.accept()
        actors.append(Actor(id=ident, nom=name))
    return Ecosystem(actors), report


def write_toy(ecosystem: Ecosystem, path: Path) -> list[Problem]:
    """``id;nom`` for each actor; an actor whose name holds ``;`` cannot be written."""
    lines, left_out = [], []
    for actor in ecosystem:
        if ";" in actor.nom:
            left_out.append(Problem("erreur", "point-virgule dans le nom", actor.id, None, "nom", actor.nom,
                                    category="non_exporte"))
            continue
        lines.append(f"{actor.id};{actor.nom}")
    path.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
    return left_out


TOY = Format(
    "jouet", "format jouet", "format jouet des tests (id;nom)",
    lambda source: source.suffix == ".jouet", read_toy, write_toy, suffix=".jouet",
    actor_columns=lambda: {"id", "nom"},
)  # fmt: skip


@pytest.fixture
def toy() -> Iterator[Format]:
    FORMATS.register(TOY)
    yield TOY
    FORMATS.unregister(TOY.name)


def test_a_registered_format_is_detected_imported_and_validated(toy, tmp_path, capsys):
    source = tmp_path / "lieux.jouet"
    source.write_text("a;Médiathèque fictive\nb;\nc;CCAS fictif\n", encoding="utf-8")
    assert detect_format(source) == "jouet"

    assert main(["validate", str(source)]) == 1  # line 2 has no name: an error
    out = capsys.readouterr().out
    assert f"{source}, ligne 2, colonne « nom » : nom manquant" in out

    assert main(["import", str(source), "--format", "jouet", "-o", str(tmp_path / "modele")]) == 0
    ecosystem, _ = read_ecosystem(tmp_path / "modele")
    assert [actor.nom for actor in ecosystem] == ["Médiathèque fictive", "CCAS fictif"]


def test_a_registered_format_is_exported_with_what_it_left_out_and_drops(toy, tmp_path, capsys):
    model = tmp_path / "modele"
    ecosystem = Ecosystem(
        [Actor("a", "Médiathèque fictive", code_insee="80021"), Actor("b", "Bus ; fictif")],
        [Partnership(source="a", cible="b", type="partenariat")],
    )
    write_ecosystem(ecosystem, model, to="modele")
    out_file = tmp_path / "sortie.jouet"
    assert main(["export", str(model), "--to", "jouet", "-o", str(out_file)]) == 0
    printed = capsys.readouterr().out
    assert out_file.read_text(encoding="utf-8") == "a;Médiathèque fictive\n"
    assert "1 acteur exporté sur 2 en format jouet" in printed
    assert "ce format ne porte pas les partenariats" in printed
    assert "code_insee" in printed  # a column the format declares it does not carry
    assert (tmp_path / "sortie.non-exportes.csv").read_text(encoding="utf-8").splitlines()[1:] == [
        "b,Bus ; fictif,point-virgule dans le nom"
    ]


def test_the_registry_refuses_a_name_twice_and_forgets_what_it_unregisters(toy):
    with pytest.raises(ValueError):
        FORMATS.register(toy)
    assert "jouet" in FORMATS.readable() and "jouet" in FORMATS.writable()
    FORMATS.unregister("jouet")
    assert "jouet" not in FORMATS.readable()
    with pytest.raises(NecNetworkError):
        get_format("jouet")
    FORMATS.register(toy)  # for the fixture's teardown


def test_a_format_cannot_declare_an_unknown_content():
    with pytest.raises(ValueError):
        Format("x", "x", "x", carries=frozenset({"actors", "sondages"}))


# -- what the built-in formats declare ----------------------------------------------------------
def test_the_command_line_choices_are_the_registry():
    assert FORMATS.readable() == ("auto", "modele", "mednum", "inclusion", "csv", "graphml", "gexf")
    assert FORMATS.writable() == ("modele", "mednum", "inclusion", "geojson", "graphml", "gexf")


def test_every_format_declares_what_it_carries_and_drops():
    for fmt in FORMATS:
        # A survey's answers complete a model: relations, never actors.
        assert ("actors" in fmt.carries) is not fmt.completes_model, fmt.name
        assert set(fmt.carries) | set(fmt.drops) == set(CONTENTS)
        assert not set(fmt.carries) & set(fmt.drops)
    assert get_format("modele").drops == ()
    assert get_format("gexf").drops == ("personae", "resources")
    assert get_format("mednum", to_write=True).drops == (
        "partnerships", "events", "personae", "resources", "dated_fields")
    assert [fmt.name for fmt in FORMATS if fmt.carries_content("partnerships")] == [
        "modele", "graphml", "gexf", "enquete"]
    assert [fmt.name for fmt in FORMATS if fmt.personal_data] == ["modele"]


def test_export_counts_what_each_format_really_wrote(tmp_path):
    ecosystem = Ecosystem([
        Actor("a", "Mairie fictive", adresse="1 rue Fictive", code_postal="80000", commune="Amiens",
              code_insee="80021", latitude=49.89, longitude=2.29),
        Actor("b", "Bus fictif", itinerant=True),  # no address, no point: left out by mednum and GeoJSON
    ])
    written = {}
    for name in FORMATS.writable():
        fmt = get_format(name, to_write=True)
        path = tmp_path / (f"sortie{fmt.suffix}" if fmt.output == "file" else f"sortie-{name}")
        written[name] = export_ecosystem(ecosystem, path, to=name).written
    assert written == {"modele": 2, "mednum": 1, "inclusion": 2, "geojson": 1, "graphml": 2, "gexf": 2}


def test_uncarried_columns_follow_the_declared_columns():
    ecosystem = Ecosystem([Actor("a", "A", zone_intervention=("80021",), extra={"remarque": "x"})])
    assert uncarried_columns(ecosystem, "geojson") == []
    assert uncarried_columns(ecosystem, "inclusion") == ["remarque"]
    assert uncarried_columns(ecosystem, "mednum") == ["zone_intervention", "remarque"]


def test_a_survey_completes_a_model_and_is_not_a_choice_of_format():
    survey = FORMATS.get("enquete")
    assert survey.completes_model and survey.needs_mapping and "enquete" not in FORMATS.readable()
    with pytest.raises(NecNetworkError, match="Format d'entrée inconnu"):
        get_format("enquete")


def test_a_read_pauses_the_cycle_collector_and_resumes_it_even_on_error(tmp_path: Path):
    seen = []

    def reader(path: Path) -> None:
        seen.append(gc.isenabled())
        raise NecNetworkError("illisible")

    fmt = Format(name="essai", label="essai", description="essai", read=reader)
    with pytest.raises(NecNetworkError):
        fmt.read_path(tmp_path / "x.csv")
    assert seen == [False] and gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # a collector stopped by the caller stays stopped
    finally:
        gc.enable()
