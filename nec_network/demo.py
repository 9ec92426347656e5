"""The fictional demo ecosystem of the Pays picards, shipped with the package.

The files live in ``data/demo/`` of the repository and are installed as the
package ``nec_network.demo_data``; ``scripts/build_demo.py`` rebuilds them.
Every actor and partnership is fictional and says so in its ``source`` /
``origine``.

>>> sorted(p.name for p in demo_path().iterdir() if p.suffix in (".csv", ".json"))
['acteurs.csv', 'evenements.csv', 'partenariats.csv', 'personae.json', 'ressources.csv']
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from nec_network.errors import DataError
from nec_network.io import read_ecosystem
from nec_network.io.personae import PERSONAE_FILE, read_personae
from nec_network.io.resources import read_resources
from nec_network.model import Ecosystem
from nec_network.model.persona import Persona
from nec_network.model.resource import Resource


def demo_path() -> Path:
    """Folder of the demo template (``acteurs.csv``, ``partenariats.csv``, ``personae.json``)."""
    folder = resources.files("nec_network.demo_data")
    if not isinstance(folder, Path):
        raise DataError(
            "les données de démonstration doivent être installées comme fichiers", file=str(folder)
        )
    return folder


def load_demo() -> Ecosystem:
    """The demo ecosystem, read through the template reader.

    Raises :class:`~nec_network.errors.ValidationError` if the files were
    edited into something with errors: the demo must stay clean.

    >>> eco = load_demo()
    >>> 150 <= len(eco) <= 300, len(eco.partnerships) >= 300
    (True, True)
    """
    ecosystem, _ = read_ecosystem(demo_path(), format="modele", strict=True)
    return ecosystem


def load_demo_resources() -> tuple[Resource, ...]:
    """The demo's schemes without a place (fictional), read by :func:`~nec_network.io.resources.read_resources`.

    >>> len(load_demo_resources()) >= 8
    True
    """
    resources, report = read_resources(demo_path())
    report.raise_if_errors()
    return resources


def load_demo_personae() -> tuple[Persona, ...]:
    """The demo personae, checked by :func:`~nec_network.io.personae.read_personae`.

    >>> [p.mobilite for p in load_demo_personae()][:2]
    ['pied', 'velo']
    """
    return read_personae(demo_path() / PERSONAE_FILE)
