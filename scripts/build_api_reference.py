"""Build the API reference of nec-network from its docstrings, offline, with pdoc.

    python3 -m pip install -e ".[docs]"
    python3 scripts/build_api_reference.py            # writes docs/api/ (index.html to open)
    python3 scripts/build_api_reference.py -o /tmp/api

The reference is generated, never edited: ``docs/api/`` is ignored by git. pdoc reads each
module's docstring and the docstrings of what its ``__all__`` lists; the packages that load
their names lazily (``nec_network``, ``io``, ``analysis``, ``views``) are resolved first, so
that every curated name is documented where it is exported. The pages load nothing from
the network (pdoc inlines its styles and search index).
"""

from __future__ import annotations

import argparse
import importlib
import warnings
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = REPOSITORY / "docs" / "api"
#: Packages whose public names load on first use (:mod:`nec_network.lazy`).
LAZY_PACKAGES = ("nec_network", "nec_network.io", "nec_network.analysis", "nec_network.views")


def resolve_lazy_names() -> None:
    """Load every lazy public name into its package, where pdoc looks for it."""
    for name in LAZY_PACKAGES:
        package = importlib.import_module(name)
        for public in package.__all__:
            setattr(package, public, getattr(package, public))


def build(output: Path, modules: tuple[str, ...] = ("nec_network", "!nec_network.__main__")) -> Path:
    """Write the reference of ``modules`` (pdoc's specification) into ``output``; return its ``index.html``."""
    import pdoc
    import pdoc.render

    resolve_lazy_names()
    pdoc.render.configure(docformat="restructuredtext", footer_text="nec-network", search=True)
    with warnings.catch_warnings():
        # pdoc warns about annotations it cannot evaluate (names under TYPE_CHECKING): harmless.
        warnings.simplefilter("ignore")
        pdoc.pdoc(*modules, output_directory=output)
    return output / "index.html"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=Path, default=DEFAULT_OUTPUT, help="folder written (docs/api/)")
    index = build(parser.parse_args().output)
    print(f"API reference: {index}")


if __name__ == "__main__":
    main()
