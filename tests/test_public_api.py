"""The public API: each package's ``__all__`` is curated, complete in what it names, and cheap.

``import nec_network as nn`` gives the main entry points flat (``nn.coverage_by_commune``)
and each package one attribute away (``nn.analysis.white_zones``, ``nn.views.write_map``);
the heavy libraries load only when a name is used.
"""

from __future__ import annotations

import importlib
import inspect
import json
import subprocess
import sys
from pathlib import Path

import pytest

import nec_network

PACKAGE = Path(nec_network.__file__).parent

PACKAGES = (
    "nec_network",
    "nec_network.tables",
    "nec_network.territory",
    "nec_network.model",
    "nec_network.io",
    "nec_network.geocoding",
    "nec_network.analysis",
    "nec_network.views",
)


@pytest.mark.parametrize("name", PACKAGES)
def test_every_name_of_all_resolves_and_is_listed_by_dir(name: str) -> None:
    package = importlib.import_module(name)
    assert package.__all__, f"{name} declares no public API"
    assert len(set(package.__all__)) == len(package.__all__)
    for public in package.__all__:
        assert not public.startswith("_") or public == "__version__"
        value = getattr(package, public)
        assert value is not None
        assert public in dir(package)
        if inspect.ismodule(value):
            assert value.__name__ == f"{name}.{public}" or value.__name__.startswith("nec_network.")
        elif inspect.isfunction(value) or inspect.isclass(value):
            # No private module's object is exported under a public name from elsewhere.
            assert "._" not in value.__module__, f"{name}.{public} comes from {value.__module__}"


@pytest.mark.parametrize("name", PACKAGES)
def test_an_unknown_name_is_an_attribute_error(name: str) -> None:
    package = importlib.import_module(name)
    with pytest.raises(AttributeError):
        package.no_such_name  # noqa: B018


@pytest.mark.parametrize("package", ["analysis", "views"])
def test_every_public_module_of_analysis_and_views_is_reachable(package: str) -> None:
    exported = importlib.import_module(f"nec_network.{package}")
    modules = sorted(
        path.stem for path in (PACKAGE / package).glob("*.py") if not path.stem.startswith("_")
    )
    assert [module for module in modules if module not in exported.__all__] == []


def test_the_top_level_and_the_packages_give_the_same_objects() -> None:
    import nec_network as nn

    assert nn.coverage_by_commune is nn.analysis.coverage.coverage_by_commune
    assert nn.write_map is nn.views.map.write_map
    assert nn.read_ecosystem is nn.io.read_ecosystem
    assert nn.Ecosystem is nn.model.Ecosystem


_PROBE = """
import json, sys
import nec_network, nec_network.analysis, nec_network.views
names = dir(nec_network) + dir(nec_network.analysis) + dir(nec_network.views)
print(json.dumps(sorted(sys.modules)))
"""


def test_importing_the_packages_loads_no_heavy_library() -> None:
    done = subprocess.run([sys.executable, "-c", _PROBE], capture_output=True, text=True, check=True)
    modules = set(json.loads(done.stdout))
    heavy = {"pandas", "numpy", "scipy", "networkx", "folium", "pyvis", "matplotlib", "jinja2"}
    assert sorted(modules & heavy) == []
    assert "nec_network.analysis.coverage" not in modules


@pytest.mark.parametrize("name", ["nec_network", "nec_network.io", "nec_network.analysis", "nec_network.views"])
def test_dir_shows_only_the_curated_names(name: str) -> None:
    package = importlib.import_module(name)
    getattr(package, package.__all__[-1])  # a name used: its sub-module is now loaded too
    assert dir(package) == sorted(package.__all__)
    assert not {"_EXPORTS", "lazy", "lazy_exports", "annotations"} & set(dir(package))
