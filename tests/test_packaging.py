"""pyproject lists packages explicitly (for data/demo): every sub-package must be there."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_subpackage_is_listed_in_pyproject() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "nec_network").rglob("__init__.py")
    }
    assert found | {"nec_network.demo_data", "nec_network.mappings_data"} == listed


def test_demo_data_is_mapped_to_the_data_folder() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert config["tool"]["setuptools"]["package-dir"]["nec_network.demo_data"] == "data/demo"
    assert config["tool"]["setuptools"]["package-dir"]["nec_network.mappings_data"] == "data/mappings"
