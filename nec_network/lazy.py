"""Lazy public names for a package: ``nn.coverage_by_commune`` imports its module on first use.

The packages whose modules pull in pandas, scipy, folium or networkx (the top level,
``analysis``, ``views``) declare their public names with :func:`lazy_exports`, so that
``import nec_network`` and the command line's help stay instant (PEP 562 module
``__getattr__``) while the whole API stays one attribute away.

>>> getattr_, dir_ = lazy_exports("nec_network", {"demo_path": "nec_network.demo"})
>>> getattr_("demo_path").__name__
'demo_path'
>>> dir_()
['demo_path']
>>> lazy_exports("p", {"f": "p.m"}, {"__all__": ["f", "g"], "g": 1, "helper": 2})[1]()
['f', 'g']
>>> by_module("p", {"m": ("f", "g"), "n": ()})
{'m': 'p.m', 'f': 'p.m', 'g': 'p.m', 'n': 'p.n'}
>>> getattr_("nothing")
Traceback (most recent call last):
    ...
AttributeError: module 'nec_network' has no attribute 'nothing'
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Mapping
from typing import Any


def lazy_exports(
    package: str, names: Mapping[str, str], defined: Mapping[str, Any] | None = None
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """Return the ``__getattr__`` and ``__dir__`` of ``package`` for ``names``.

    ``defined`` is the package's ``globals()``, read when ``dir()`` is called: ``dir()``
    lists its curated ``__all__`` (the lazy names and those it defines itself), never its
    helpers, imports or loaded sub-modules; without ``__all__``, the lazy names.

    ``names`` maps each public name to the module that defines it; a name mapped to the
    sub-module of that name (``"coverage": "nec_network.analysis.coverage"``) is the module.
    """

    def __getattr__(name: str) -> Any:
        module_name = names.get(name)
        if module_name is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        module = importlib.import_module(module_name)
        if module_name == f"{package}.{name}":
            return module
        return getattr(module, name)

    def __dir__() -> list[str]:
        public = (defined or {}).get("__all__")
        return sorted(public if public is not None else names)

    return __getattr__, __dir__


def by_module(package: str, modules: Mapping[str, Iterable[str]]) -> dict[str, str]:
    """The ``names`` of :func:`lazy_exports` from each sub-module of ``package`` and its public
    names: every sub-module is public under its own name, each name maps to its module."""
    names: dict[str, str] = {}
    for module, public in modules.items():
        path = f"{package}.{module}"
        names[module] = path
        names.update(dict.fromkeys(public, path))
    return names
