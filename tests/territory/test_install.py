"""A plain (non-editable) install carries the embedded territory: users never need the repo."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

CHECK = textwrap.dedent(
    """
    import nec_network
    from nec_network.territory import departement_polygons, find_communes, load_communes, load_epci
    picardie = load_communes()
    print(nec_network.__file__)
    print(len(picardie), int(picardie["population"].sum()))
    print(find_communes("saint quentin")[0].code_insee)
    print(len(departement_polygons()["features"]), len(load_epci()) > 1000)
    from nec_network.demo import load_demo
    from nec_network.io.mapping import builtin_mappings
    print(len(load_demo()), sorted(builtin_mappings()))
    from nec_network.views.rendering import render_page
    print('class="nec-evitement"' in render_page("index.html.j2", title="T", summary="",
          cards=[], privacy="", scripts=["index.js"], styles=["index.css"]))
    """
)


def _pip(*arguments: str, cwd: Path, environment: dict[str, str]) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pip", *arguments, "--quiet", "--no-deps", "--no-index",
         "--disable-pip-version-check"],
        check=False, cwd=cwd, env=environment, capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr


def test_non_editable_install_loads_the_embedded_data(tmp_path: Path) -> None:
    """Build the wheel and install it in a folder of its own, then import it from elsewhere.

    The wheel is built by the interpreter running the tests, with the setuptools and wheel of
    the test extra and no build isolation (offline), so it works the same in a venv and out
    of one: a venv made here would see the base interpreter's packages, not those of a venv
    pytest runs in, and would miss ``bdist_wheel`` and every dependency. The installed copy is
    put first on the path; the import must come from it, never from the repository.
    """
    source = tmp_path / "source"
    source.mkdir()
    shutil.copy(ROOT / "pyproject.toml", source)
    for folder in ("nec_network", "data"):
        if (ROOT / folder).is_dir():
            shutil.copytree(
                ROOT / folder, source / folder, ignore=shutil.ignore_patterns("__pycache__")
            )
    readme = ROOT / "README.md"
    if readme.exists():
        shutil.copy(readme, source)
    else:
        (source / "README.md").write_text("nec-network\n", encoding="utf-8")

    environment = {
        k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PIP_REQUIRE_VIRTUALENV")
    }
    wheels = tmp_path / "wheels"
    _pip("wheel", "--no-build-isolation", "--wheel-dir", str(wheels), str(source),
         cwd=tmp_path, environment=environment)  # fmt: skip
    (wheel,) = wheels.glob("nec_network-*.whl")
    installed = tmp_path / "installed"
    _pip("install", "--target", str(installed), str(wheel), cwd=tmp_path, environment=environment)
    shutil.rmtree(source)
    outside = tmp_path / "ailleurs"
    outside.mkdir()
    result = subprocess.run(
        [sys.executable, "-c", CHECK],
        check=False,
        cwd=outside,
        env={**environment, "PYTHONPATH": str(installed)},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    location, counts, saint_quentin, boundaries, shipped, page = result.stdout.splitlines()
    assert Path(location).resolve().is_relative_to(installed.resolve())
    assert counts == "2248 1918654"
    assert saint_quentin == "02691"
    assert boundaries == "3 True"
    assert shipped == "221 ['enquete-formulaire', 'france-services']"
    assert page == "True"  # templates and static files ship in the wheel
