"""Text from data is never template source: Jinja2, ``str.format`` and ``%`` payloads stay text.

One small ecosystem carries a payload in every text field of its actors, partnerships and
personae, and in the names of its folder and files. Every page is built from it through the
command line, as a user would; each input format is read and published too. For each page:
the command succeeds, the payload that would create a file creates none, every payload is
shown literally (``{{7*7}}`` is never published as ``49``) and every actor is still drawn.

The checks look at the pages only through what any page must offer (the HTML text and the
JSON documents in ``<script type="application/json">``), not through their internals, so
they keep guarding the pages when those are rewritten. To guard a new page, add one line to
:data:`PAGES`.
"""

from __future__ import annotations

import csv
import html
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from nec_network.cli import main
from nec_network.io import FORMATS as REGISTRY
from nec_network.io import read_ecosystem, write_ecosystem

REPOSITORY = Path(__file__).resolve().parents[2]
DEMO = REPOSITORY / "data" / "demo"

#: File the shell payload would create in the working directory (the test's tmp_path).
PWNED = "PWNED"
#: Each text cell holds ``<marker> <payload> fin``; ``{#`` and ``#}`` fall in different actors,
#: so a template engine would swallow everything between them. These are valid template
#: syntax: compiled, they would run, print ``49`` or hide actors without any error.
SILENT_PAYLOADS = (
    "{{7*7}}",
    "{{ lipsum.__globals__.os.popen('touch " + PWNED + "').read() }}",
    "{#",
    "{0} {nom} %s %(nom)s ${nom}",
    "#}",
)
#: With these too, a template engine would stop on a syntax error.
PAYLOADS = (*SILENT_PAYLOADS, "{% if %}", "Espace {{ numérique")
ACTORS = 7
#: Template columns that must hold a code, a number or a vocabulary value for the actor to be
#: placed and analysed; every other column gets a payload.
_CODED = {
    "code_postal", "code_insee", "latitude", "longitude", "date_maj", "precision", "typologie",
    "services", "publics", "prise_en_charge", "modalites_acces", "modalites_accompagnement",
    "frais", "itinerance",
}


def hostile(marker: str, rank: int, payloads: tuple[str, ...] = PAYLOADS) -> str:
    """The cell ``<marker> <payload> fin`` (the payload chosen by ``rank``)."""
    return f"{marker} {payloads[rank % len(payloads)]} fin"


# -- the hostile ecosystem in our template -----------------------------------------------------
def write_hostile_template(folder: Path, payloads: tuple[str, ...] = PAYLOADS) -> dict[str, str]:
    """Write actors, partnerships and personae with payloads; return every cell by marker."""
    cells: dict[str, str] = {}

    def cell(marker: str, rank: int) -> str:
        cells[marker] = hostile(marker, rank, payloads)
        return cells[marker]

    folder.mkdir(parents=True)
    with (DEMO / "acteurs.csv").open(encoding="utf-8", newline="") as stream:
        demo_actors = list(csv.DictReader(stream))[:ACTORS]
    columns = list(demo_actors[0])
    ids = {}
    for i, row in enumerate(demo_actors):
        ids[row["id"]] = cell(f"A{i}id", i)
        for j, column in enumerate(columns):
            if column not in _CODED:
                row[column] = cell(f"A{i}{column}", i + j) if column != "id" else ids[row["id"]]
    _write_csv(folder / "acteurs.csv", columns, demo_actors)

    links = [
        {
            "source": cells[f"A{i}id"],
            "cible": cells[f"A{(i + 1) % ACTORS}id"],
            "type": "orientation",
            "poids": "1",
            "depuis": "2024",
            "note": cell(f"L{i}note", i),
            "origine": cell(f"L{i}origine", i + 3),
        }
        for i in range(ACTORS)
    ]
    _write_csv(folder / "partenariats.csv", list(links[0]), links)

    personae = json.loads((DEMO / "personae.json").read_text(encoding="utf-8"))[:3]
    for i, persona in enumerate(personae):
        persona.update(
            id=cell(f"P{i}id", i), nom=cell(f"P{i}nom", i + 1),
            description=cell(f"P{i}description", i + 2), premier_contact=None,
        )
    personae_text = json.dumps(personae, ensure_ascii=False)
    (folder / "personae.json").write_text(personae_text, encoding="utf-8")
    return cells


def _write_csv(path: Path, columns: list[str], rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)


# -- what a page shows -------------------------------------------------------------------------
_JSON_SCRIPT = re.compile(
    r"<script[^>]*type=[\"']application/json[\"'][^>]*>(.*?)</script>", re.S | re.I
)
_MARKDOWN_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~])")


def json_strings(document: str) -> list[str]:
    """Every string of every JSON document of a page."""
    found: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, dict):
            for key, item in value.items():
                walk(key)
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for block in _JSON_SCRIPT.findall(document):
        walk(json.loads(block))
    return found


def shown_text(path: Path) -> tuple[str, list[str]]:
    """What a reader of ``path`` gets (HTML text unescaped plus the strings of its JSON data),
    and those strings (read once: parsing a map's documents is most of a check's cost)."""
    raw = path.read_text(encoding="utf-8")
    if path.suffix == ".md":
        return html.unescape(_MARKDOWN_ESCAPE.sub(r"\1", raw)), []
    strings = json_strings(raw)
    return "\n".join([html.unescape(raw), *strings]), strings


def _marker_pattern(cells: dict[str, str]) -> re.Pattern[str]:
    """Each ``<marker> `` of ``cells``, the marker as group 1: one scan of a page finds them all
    (a page of the map is megabytes, and there are about 150 markers: counting each one apart
    was most of this file's time). No marker holds a space, so two never match at one place, and
    no marker starts inside another (each is a capital, a digit, then a lowercase name): the
    scan finds each occurrence that ``text.count(marker + " ")`` counts."""
    return re.compile("(" + "|".join(map(re.escape, cells)) + ") ")


def check_published(
    out: Path, cells: dict[str, str], drawn: tuple[str, ...], names: list[str]
) -> None:
    """Every written page shows each cell whole or not at all; ``drawn`` pages hold every name."""
    pages = sorted(path for path in out.rglob("*") if path.suffix in (".html", ".md"))
    assert pages, f"aucune page écrite dans {out}"
    shown = {path: shown_text(path) for path in pages}
    markers = _marker_pattern(cells)
    for path, (text, _) in shown.items():
        # A marker followed by anything but its whole cell is a payload interpreted.
        cells_found = ((cells[found[1]], found.start()) for found in markers.finditer(text))
        broken = [cell for cell, start in cells_found if not text.startswith(cell, start)]
        assert not broken, (path.name, broken)
        assert "49 fin" not in text, path.name
    for name in drawn:
        text, strings = shown[out / name]
        missing = [nom for nom in names if not any(nom in string for string in strings)]
        assert not missing, f"{name} : acteurs absents des données de la page : {missing}"
        assert all(nom in text for nom in names)


# -- pages -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Page:
    """A page command (``{source}`` and ``{out}`` filled in) and the files that draw every actor."""

    args: tuple[str, ...]
    drawn: tuple[str, ...] = ()


#: The synthesis behind ``report`` and ``site`` recommends one site rather than 10: the sites'
#: tables and sentences name communes, never data, and are still written; one site is found by
#: enumeration, two or more by the exact solver, seconds of CPU per weighting over a Picardie
#: that seven actors leave mostly uncovered.
ONE_SITE = ("--sites", "1")

PAGES = {
    "carte": Page(("map", "{source}", "-o", "{out}/carte.html", "--sans-fond"), ("carte.html",)),
    "reseau": Page(("network", "{source}", "-o", "{out}/reseau.html"), ("reseau.html",)),
    "rapport": Page(("report", "{source}", "-o", "{out}/rapport.html", *ONE_SITE)),
    "site": Page(("site", "{source}", "-o", "{out}/site", "--sans-fond", *ONE_SITE),
                 ("site/carte.html", "site/reseau.html")),
    "orienter": Page(("orientation", "{source}", "-o", "{out}/orienter.html"), ("orienter.html",)),
    "enquete": Page(("enquete", "{source}", "-o", "{out}/enquete.html"), ("enquete.html",)),
}


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    """Run the command line in-process; it must succeed without a traceback."""
    code = main(args)
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert "Traceback" not in captured.err
    return captured.out


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """tmp_path as working directory; after the test, the shell payload must have left no file."""
    monkeypatch.chdir(tmp_path)
    yield tmp_path
    executed = list(tmp_path.rglob(PWNED))
    assert not executed, "une commande contenue dans les données a été exécutée"
    assert not (REPOSITORY / PWNED).exists()


# Folder and file names are data too.
FOLDER = "entrée {{7*7}} {% if %} {#"


def _names(cells: dict[str, str]) -> list[str]:
    return [cells[f"A{i}nom"] for i in range(ACTORS)]


@pytest.mark.parametrize("page", PAGES)
def test_page_shows_every_payload_as_text(
    page: str, workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = workdir / FOLDER
    # Only payloads a template engine would accept: a page that compiled data would not fail
    # loudly, it would publish 49, run the command or drop actors, and that must be seen.
    cells = write_hostile_template(source, SILENT_PAYLOADS)
    out = workdir / "sortie #}"
    out.mkdir()
    spec = PAGES[page]
    run([arg.format(source=source, out=out) for arg in spec.args], capsys)
    check_published(out, cells, spec.drawn, _names(cells))


# -- input formats -----------------------------------------------------------------------------
#: A format writer: (template folder, where to write) → (file or folder written, the extra
#: hostile cells it holds by marker).
Builder = Callable[[Path, Path], tuple[Path, dict[str, str]]]


def _from_template(to: str, name: str) -> Builder:
    def build(template: Path, folder: Path) -> tuple[Path, dict[str, str]]:
        ecosystem, _ = read_ecosystem(template)
        write_ecosystem(ecosystem, folder / name, to=to)
        return folder / name, {}

    return build


def _v0(suffix: str) -> Builder:
    """The national v0 standard (CSV or JSON), payloads in its own text columns too."""

    def build(template: Path, folder: Path) -> tuple[Path, dict[str, str]]:
        ecosystem, _ = read_ecosystem(template)
        extra: dict[str, str] = {}
        records = []
        for i, actor in enumerate(ecosystem.actors):
            for rank, column in enumerate(("pivot", "courriel", "site_web", "labels_autres")):
                extra[f"V{i}{column}"] = hostile(f"V{i}{column}", i + rank)
            records.append({
                "id": actor.id, "nom": actor.nom, "pivot": extra[f"V{i}pivot"],
                "commune": actor.commune, "code_postal": actor.code_postal,
                "code_insee": actor.code_insee, "adresse": actor.adresse,
                "latitude": str(actor.latitude), "longitude": str(actor.longitude),
                "typologie": "ASSO", "telephone": actor.telephone,
                "courriel": extra[f"V{i}courriel"], "site_web": extra[f"V{i}site_web"],
                "horaires": actor.horaires, "presentation_resume": actor.presentation,
                "source": actor.source, "date_maj": "2024-01-01",
                "services": "Prendre en main un ordinateur",
                "publics_accueillis": "Adultes", "conditions_acces": "",
                "labels_nationaux": "", "labels_autres": extra[f"V{i}labels_autres"],
                "modalites_accompagnement": "", "accessibilite": "",
                "prise_rdv": actor.prise_rdv,
            })
        path = folder / f"lieux v0 {{{{7*7}}}}{suffix}"
        if suffix == ".json":
            path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
        else:
            _write_csv(path, list(records[0]), records)
        return path, extra

    return build


def _france_services(template: Path, folder: Path) -> tuple[Path, dict[str, str]]:
    """A CSV read through the France Services mapping (``import --mapping``)."""
    real = REPOSITORY / "tests" / "fixtures" / "real" / "france-services-2022-12-extrait.csv"
    with real.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))[:ACTORS]
    ecosystem, _ = read_ecosystem(template)
    extra: dict[str, str] = {}
    for i, (row, actor) in enumerate(zip(rows, ecosystem.actors, strict=False)):
        for rank, column in enumerate(("mail", "telephone", "h_lundi", "groupe", "labellisation")):
            extra[f"F{i}{column}"] = row[column] = hostile(f"F{i}{column}", i + rank)
        row.update(lib_fs=actor.nom, adresse=actor.adresse, lib_com=actor.commune,
                   complement_adresse=actor.complement_adresse, commentaire=actor.presentation)
    path = folder / "france services {#.csv"
    _write_csv(path, list(rows[0]), rows)
    return path, extra


MAPPING = "correspondance {{7*7}}.json"


def _own_mapping(template: Path, folder: Path) -> tuple[Path, dict[str, str]]:
    """The same CSV through a mapping of our own whose constants carry payloads too."""
    path, extra = _france_services(template, folder)
    mapping = json.loads(
        (REPOSITORY / "data" / "mappings" / "france-services.json").read_text(encoding="utf-8")
    )
    extra["M0source"] = mapping["constantes"]["source"] = hostile("M0source", 0)
    extra["M0description"] = mapping["description"] = hostile("M0description", 4)
    (folder / MAPPING).write_text(json.dumps(mapping, ensure_ascii=False), encoding="utf-8")
    return path, extra


SURVEY = "réponses {{7*7}}.csv"


def _survey(template: Path, folder: Path) -> tuple[Path, dict[str, str]]:
    """The model with a survey's answers (``import MODELE REPONSES:enquete``): relations between
    its hostile actors, payloads in the comment, an unknown partner and a free commune."""
    ecosystem, _ = read_ecosystem(template)
    first, second = ecosystem.actors[:2]
    extra = {marker: hostile(marker, rank) for rank, marker in enumerate(("E0commentaire", "E1partenaire", "E1commune"))}
    with (folder / SURVEY).open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["repondant", "partenaire", "partenaire_commune", "type", "debut", "commentaire"])
        writer.writerow([first.nom, second.nom, "", "orientation", "2024", extra["E0commentaire"]])
        writer.writerow([first.nom, extra["E1partenaire"], extra["E1commune"], "", "", ""])
    return template, extra


def _registry_builders() -> dict[str, tuple[Builder, tuple[str, ...] | None]]:
    """Every format of the registry that is written and read: the hostile template written in it."""
    builders: dict[str, tuple[Builder, tuple[str, ...] | None]] = {}
    for fmt in REGISTRY:
        if fmt.read and fmt.write:
            name = f"{fmt.name} {{{{7*7}}}} {{#{fmt.suffix if fmt.output == 'file' else ''}"
            builders[fmt.name] = (_from_template(fmt.name, name), None)
    return builders


#: Each input format: how to write the hostile ecosystem in it, and the ``import`` options
#: needed before a page can read it (``None``: pages read it directly). The formats of the
#: registry that are written and read come from it; the variants only a reader knows are added.
FORMATS: dict[str, tuple[Builder, tuple[str, ...] | None]] = {
    **_registry_builders(),
    "modele-xlsx": (_from_template("modele", "modele {{7*7}}.xlsx"), None),
    "national-v0-csv": (_v0(".csv"), None),
    "national-v0-json": (_v0(".json"), None),
    "csv-mapping": (_france_services, ("--mapping", "france-services")),
    "csv-own-mapping": (_own_mapping, ("--mapping", MAPPING)),
    "enquete-reponses": (_survey, (f"{SURVEY}:enquete",)),
}
#: The registry format each variant above is read as.
VARIANTS = {"modele-xlsx": "modele", "national-v0-csv": "mednum", "national-v0-json": "mednum",
            "csv-mapping": "csv", "csv-own-mapping": "csv", "enquete-reponses": "enquete"}


def test_every_readable_format_of_the_registry_is_attacked():
    covered = {VARIANTS.get(name, name) for name in FORMATS}
    assert set(REGISTRY.readable()) - {"auto"} <= covered


@pytest.mark.parametrize("name", FORMATS)
def test_every_input_format_publishes_payloads_as_text(
    name: str, workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    build, import_options = FORMATS[name]
    cells = write_hostile_template(workdir / "modele")
    source, extra = build(workdir / "modele", workdir)
    if import_options is not None:
        imported = workdir / "importé {{7*7}}"
        run(["import", str(source), *import_options, "-o", str(imported)], capsys)
        source = imported
    out = workdir / "site"
    run(["site", str(source), "-o", str(out), "--sans-fond", *ONE_SITE], capsys)
    check_published(out, {**cells, **extra}, ("carte.html", "reseau.html"), _names(cells))
