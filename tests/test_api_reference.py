"""The API reference is built from the docstrings by the committed tool, offline."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

pytest.importorskip("pdoc")

TOOL = Path(__file__).resolve().parent.parent / "scripts" / "build_api_reference.py"


def _tool():
    spec = importlib.util.spec_from_file_location("build_api_reference", TOOL)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_reference_documents_the_curated_names_and_loads_nothing_remote(tmp_path):
    index = _tool().build(tmp_path, ("nec_network.io",))
    assert index.is_file()
    page = (tmp_path / "nec_network" / "io.html").read_text(encoding="utf-8")
    # Lazy names are documented where they are exported, with their docstrings.
    assert "export_ecosystem" in page and "One format, declared in one place." in page
    remote = re.findall(r'(?:src|href)="(https?://[^"]+)"', page)
    assert [url for url in remote if "pdoc.dev" not in url] == []
