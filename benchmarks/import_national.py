"""Import of a national-size file: our reader next to ``pandas.read_csv`` of the same file.

A seeded file in the shape of the national v1 standard (``lieux-mediation-numerique``: its 32
columns, lists separated by ``|``, coordinates, SIRET, opening hours) is generated in a
temporary folder: places at communes of the embedded territory drawn by population, a few
vocabulary values per list column, a typology, a phone, an e-mail, a web site, a date. Then,
in the same run, in pairs back to back (ours, then the floor):

- ``nec_network.io.read_ecosystem`` (format detected, every cell cleaned, every value
  checked against the vocabularies, every place checked against its commune);
- ``pandas.read_csv(path, dtype=str, keep_default_na=False)``: parsing only, the floor.

The same is done for the France Services list (the real excerpt of
``tests/fixtures/real``, 508 records, read through ``data/mappings/france-services.json``).
Each side runs once untimed first (lazy imports, the embedded territory loaded), then the
ratio is the median of ``--pairs`` per-pair ratios (default 5); each timed run starts after a
collection of the garbage before it. The same ratio in CPU time (``time.process_time``) is
printed too (``ratio_cpu_vs_pandas``): on a shared machine it moves less with the load.

Goal (issue #21): ours ≤ 10 × pandas. Usage: ``python benchmarks/import_national.py
[--rows N] [--pairs P]`` (default 50,000 rows). Last line: ``ratio_vs_pandas=<number>``.
"""

from __future__ import annotations

import argparse
import csv
import gc
import random
import statistics
import tempfile
import time
from pathlib import Path

import pandas as pd

from nec_network.io import read_ecosystem
from nec_network.io.mednum import V1_COLUMNS
from nec_network.model import vocabularies as voc
from nec_network.territory import load_communes

SEED = 20261130
REPOSITORY = Path(__file__).resolve().parents[1]
FRANCE_SERVICES = REPOSITORY / "tests" / "fixtures" / "real" / "france-services-2022-12-extrait.csv"
FRANCE_SERVICES_MAPPING = REPOSITORY / "data" / "mappings" / "france-services.json"


def _some(rng: random.Random, values: list[str], most: int) -> str:
    return "|".join(voc.SCHEMA_V1_SPELLING.get(v, v) for v in rng.sample(values, rng.randint(0, most)))


def write_national_file(path: Path, rows: int, *, seed: int = SEED) -> None:
    """Write ``rows`` places in the national v1 shape to ``path`` (seeded, UTF-8, comma)."""
    rng = random.Random(seed)
    communes = load_communes()
    places = list(communes[["code_insee", "nom", "codes_postaux", "latitude", "longitude"]].itertuples(index=False))
    weights = communes["population"].clip(lower=1).tolist()
    chosen = rng.choices(places, weights=weights, k=rows)
    typologies = sorted(voc.TYPOLOGIES)
    lists = {
        "services": (list(voc.SERVICES), 4), "publics_specifiquement_adresses": (list(voc.PUBLICS), 2),
        "prise_en_charge_specifique": (list(voc.PRISE_EN_CHARGE), 2), "frais_a_charge": (list(voc.FRAIS), 1),
        "dispositif_programmes_nationaux": (list(voc.DISPOSITIFS), 2),
        "formations_labels": (list(voc.FORMATIONS_LABELS), 1), "modalites_acces": (list(voc.MODALITES_ACCES), 2),
        "modalites_accompagnement": (list(voc.MODALITES_ACCOMPAGNEMENT), 2),
    }  # fmt: skip
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(V1_COLUMNS)
        for number, place in enumerate(chosen, start=1):
            code, name, postal, latitude, longitude = place
            row = {
                "id": f"lieu-{number}", "pivot": f"{rng.randrange(10**13, 10**14)}",
                "nom": f"{rng.choice(['Médiathèque', 'Espace numérique', 'France Services', 'Mairie'])} "
                       f"fictif n° {number} de {name}",
                "commune": name, "code_postal": postal.split("|")[0], "code_insee": code,
                "adresse": f"{rng.randint(1, 200)} rue de l'Exemple", "complement_adresse": "",
                "latitude": f"{latitude + rng.uniform(-0.01, 0.01):.5f}",
                "longitude": f"{longitude + rng.uniform(-0.01, 0.01):.5f}",
                "typologie": "|".join(rng.sample(typologies, rng.randint(1, 2))),
                "telephone": f"+333{rng.randrange(10**7, 10**8)}", "courriels": f"contact{number}@exemple.invalid",
                "site_web": f"https://lieu-{number}.exemple.invalid/", "horaires": "Mo-Fr 09:00-12:00,14:00-17:00",
                "presentation_resume": "Accompagnement fictif aux usages numériques du quotidien.",
                "presentation_detail": "", "source": "Génération fictive (banc d'essai)",
                "itinerance": rng.choice(["Fixe", "Fixe", "Itinérant"]), "structure_parente": "",
                "date_maj": f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                "autres_formations_labels": "", "fiche_acces_libre": "", "prise_rdv": "",
            }  # fmt: skip
            for column, (values, most) in lists.items():
                row[column] = _some(rng, values, most)
            writer.writerow([row[column] for column in V1_COLUMNS])


def _timed(run) -> tuple[float, float, object]:
    """Wall and CPU seconds of ``run()`` and what it returned."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = run()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def paired(ours, floor, pairs: int) -> tuple[float, float, float, float, object]:
    """Median wall time of ours and of the floor (s), the medians of the per-pair ratios in
    wall and in CPU time, and what ours returned; each side runs once untimed first, and each
    timed run starts after a collection of the garbage before it (a collection set off by ours
    would be billed to the floor otherwise)."""
    ours(), floor()
    ours_times, floor_times, ratios, cpu_ratios, result = [], [], [], [], None
    for _ in range(pairs):
        result = None  # the previous result freed, and its garbage collected, before timing
        gc.collect()
        wall, cpu, result = _timed(ours)
        gc.collect()  # what ours leaves to collect is not billed to the floor (and not timed)
        floor_wall, floor_cpu, _ = _timed(floor)
        ours_times.append(wall)
        floor_times.append(floor_wall)
        ratios.append(wall / floor_wall)
        cpu_ratios.append(cpu / floor_cpu)
    return (statistics.median(ours_times), statistics.median(floor_times), statistics.median(ratios),
            statistics.median(cpu_ratios), result)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--pairs", type=int, default=5, help="paires de lectures, médiane (défaut : 5)")
    args = parser.parse_args()
    pairs = max(args.pairs, 1)
    ours_fs, pandas_fs, ratio_fs, _, (services, services_report) = paired(
        lambda: read_ecosystem(FRANCE_SERVICES, mapping=FRANCE_SERVICES_MAPPING),
        lambda: pd.read_csv(FRANCE_SERVICES, dtype=str, keep_default_na=False), pairs,
    )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "lieux-mediation-numerique.csv"
        write_national_file(path, args.rows)
        size = path.stat().st_size / 1e6
        ours_time, pandas_time, ratio, cpu_ratio, (ecosystem, report) = paired(
            lambda: read_ecosystem(path), lambda: pd.read_csv(path, dtype=str, keep_default_na=False), pairs,
        )
    assert report.rows_read == args.rows and services_report.rows_read == len(services) + services_report.rejected
    print(f"France Services (extrait réel, {services_report.rows_read} lieux, correspondance de colonnes) : "
          f"{ours_fs:.3f} s contre pandas.read_csv {pandas_fs:.4f} s (médianes de {pairs} paires) "
          f"ratio_france_services={ratio_fs:.1f}")
    print(f"fichier : {args.rows} lieux (forme nationale v1), {size:.1f} Mo ; médianes de {pairs} paires")
    print(f"pandas.read_csv : {pandas_time:.2f} s")
    print(f"nec_network read_ecosystem : {ours_time:.2f} s ({args.rows / ours_time:,.0f} lignes/s ; "
          f"{len(ecosystem)} acteurs, {report.rejected} rejetées, {len(report.errors)} erreurs)")
    print(f"en temps de processeur : ratio_cpu_vs_pandas={cpu_ratio:.1f}")
    print(f"ratio_vs_pandas={ratio:.1f}")


if __name__ == "__main__":
    main()
