"""Build ``nec_network/model/data/vocabularies.json`` from registry packages.

Sources (downloaded into a temporary folder, nothing else is read):

* npm ``@gouvfr-anct/lieux-de-mediation-numerique@2.3.0`` (MIT, ANCT): the
  values of the *schéma des lieux de médiation numérique* v1 (services, publics,
  prise en charge, frais, dispositifs, modalités, itinérance, labels, typologies);
* npm ``@gouvfr-anct/lieux-de-mediation-numerique@1.22.2``: the v0 values
  (verb-style services, ``publics_accueillis``, ``conditions_acces``,
  ``labels_nationaux``, v0 ``modalites_accompagnement``);
* PyPI ``data-inclusion-schema==0.27.0`` (MIT, data·inclusion): the French
  labels of the structure typologies (``TypologieStructure``, last shipped in
  the 0.x series).

Run: ``python scripts/build_vocabularies.py`` (needs ``npm`` and ``pip``). The
output is deterministic (sorted keys, values in source order).
"""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "nec_network" / "model" / "data" / "vocabularies.json"
LMN_V1 = "@gouvfr-anct/lieux-de-mediation-numerique@2.3.0"
LMN_V0 = "@gouvfr-anct/lieux-de-mediation-numerique@1.22.2"
DIS = "data-inclusion-schema==0.27.0"

_ENUM_ENTRY = re.compile(r'\w+\["(\w+)"\] = "((?:[^"\\]|\\.)*)";')

V1_MODELS = {
    "services": "service/service.js",
    "publics_specifiquement_adresses": "publics-specifiquement-adresses/publics-specifiquement-adresses.js",
    "prise_en_charge_specifique": "prise-en-charge-specifique/prise-en-charge-specifique.js",
    "frais_a_charge": "frais-a-charge/frais-a-charge.js",
    "dispositif_programmes_nationaux": "dispositif-programme-national/dispositif-programme-national.js",
    "modalites_acces": "modalite-acces/modalite-acces.js",
    "modalites_accompagnement": "modalite-accompagnement/modalite-accompagnement.js",
    "itinerance": "itinerance/itinerances.js",
    "formations_labels": "formation-label/formation-label.js",
    "typologie": "typologie/typologie.js",
}
V0_MODELS = {
    "services": "service/service.js",
    "publics_accueillis": "public-accueilli/public-accueilli.js",
    "conditions_acces": "condition-acces/condition-acces.js",
    "labels_nationaux": "label-national/label-national.js",
    "modalites_accompagnement": "modalite-accompagnement/modalite-accompagnement.js",
}


def _npm_pack(spec: str, folder: Path) -> Path:
    target = folder / re.sub(r"\W+", "_", spec)
    target.mkdir()
    name = subprocess.run(
        ["npm", "pack", "--silent", spec], cwd=target, check=True, capture_output=True, text=True
    ).stdout.strip().splitlines()[-1]
    with tarfile.open(target / name) as archive:
        archive.extractall(target, filter="data")
    return target / "package" / "lib" / "esm" / "models"


def _enum_values(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    values = [json.loads(f'"{raw}"') for _key, raw in _ENUM_ENTRY.findall(text)]
    if not values:
        raise SystemExit(f"no enum values found in {path}")
    return values


def _typology_labels(folder: Path) -> dict[str, str]:
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "-q", "--no-deps", "-d", str(folder), DIS],
        check=True,
    )
    wheel = next(folder.glob("data_inclusion_schema-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        source = archive.read("data_inclusion/schema/v0/typologies_de_structures.py").decode()
    labels: dict[str, str] = {}
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Tuple):
            code, label, _description = (ast.literal_eval(item) for item in node.value.elts)
            labels[code] = label
    return labels


def build() -> dict:
    """Download the sources and return the vocabularies document."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        v1_models = _npm_pack(LMN_V1, folder)
        v0_models = _npm_pack(LMN_V0, folder)
        v1 = {field: _enum_values(v1_models / rel) for field, rel in V1_MODELS.items()}
        v0 = {field: _enum_values(v0_models / rel) for field, rel in V0_MODELS.items()}
        labels = _typology_labels(folder)
    typologies = {code: labels.get(code, "Autre" if code == "Autre" else code) for code in v1.pop("typologie")}
    return {
        "sources": {
            "v1": f"npm {LMN_V1} (MIT)",
            "v0": f"npm {LMN_V0} (MIT)",
            "typologies": f"codes: npm {LMN_V1}; labels: PyPI {DIS} (MIT)",
        },
        "v1": v1,
        "v0": v0,
        "typologies": typologies,
    }


def main() -> None:
    document = build()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
