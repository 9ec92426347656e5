"""The custom elements a partner's site includes with one ``<script>`` tag: ``<nec-orienter>`` and ``<nec-carte>``.

:func:`write_elements` writes, beside the site's pages:

- ``nec-orienter.js``: the ``<nec-orienter>`` element. It carries the same scripts as
  ``orienter.html`` (``static/texte.js`` and ``static/orienter*.js``, read from the package:
  one source), the markup of ``templates/_orienter_element.html.j2`` and the styles, then
  ``static/element-orienter.js``, which defines the element. The file holds no data: the
  markup offers only the vocabularies, so that every text from the data reaches the host page
  through the JSON file and ``textContent``;
- ``nec-donnees.json``: the element's data, the page's document
  (:func:`~nec_network.views.orientation.orientation_document`) with ``sources``, the lines
  the page's footer shows (where the actors and the territory come from, the software);
- ``nec-carte.js``: the ``<nec-carte>`` element, which frames the site's ``carte.html``
  (``static/element-carte.js`` says why the map is not drawn in the host page itself).

Both elements draw in a shadow root (the host's styles stay out, ours stay in), request only
files of the host page's own origin, store nothing and leave the host page's address alone.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from nec_network import __version__
from nec_network.io.output import write_output
from nec_network.model import Ecosystem, without_personal_data
from nec_network.views.map import DEFAULT_TITLE as MAP_TITLE
from nec_network.views.orientation import (
    DEFAULT_TITLE as ORIENTATION_TITLE,
    ORIENTER_SCRIPTS,
    OrientationOptions,
    orientation_document,
    question_choices,
)
from nec_network.views.page import actors_credit, script_json
from nec_network.views.rendering import environment, footer_lines, static_text

#: The files :func:`write_elements` writes, in this order.
ELEMENT_FILES = ("nec-orienter.js", "nec-donnees.json", "nec-carte.js")
#: The stylesheets inside each element's shadow root, in order.
_STYLES = {"nec-orienter": ("base.css", "orienter.css", "element.css"), "nec-carte": ("element.css",)}


def _bundle(element: str, markup: str, scripts: tuple[str, ...]) -> str:
    """One script file: the element's markup and styles as JSON (``window.necElements``), then
    the static scripts, each as it is in the package."""
    made = {"balisage": markup, "style": "\n".join(static_text(name) for name in _STYLES[element])}
    parts = [
        f"/* <{element}> — écrit par nec-network {__version__} : à inclure tel quel, voir le README. */",
        f"window.necElements = window.necElements || {{}};\nwindow.necElements[{script_json(element)}] = "
        f"{script_json(made)};",
        *(f"/* {name} */\n{static_text(name)}" for name in scripts),
    ]
    return "\n".join(parts)


def orienter_element_script(title: str = ORIENTATION_TITLE) -> str:
    """The text of ``nec-orienter.js`` (no data in it: the element fetches ``nec-donnees.json``).

    >>> text = orienter_element_script()
    >>> "customElements.define('nec-orienter'" in text, "necOrienterScripts.parts.push" in text
    (True, True)
    """
    markup = environment().get_template("_orienter_element.html.j2").render(title=title, **question_choices())
    return _bundle("nec-orienter", markup, (*ORIENTER_SCRIPTS, "element-orienter.js"))


def map_element_script(title: str = MAP_TITLE) -> str:
    """The text of ``nec-carte.js``: the element that frames the site's ``carte.html``."""
    markup = environment().get_template("_carte_element.html.j2").render(title=title)
    return _bundle("nec-carte", markup, ("element-carte.js",))


def element_data(
    ecosystem: Ecosystem, communes: pd.DataFrame | None = None, options: OrientationOptions | None = None
) -> dict:
    """The document of ``nec-donnees.json``: the page's (:func:`orientation_document`) without the
    online address search, with ``sources``, the lines that say where the data and the software come from."""
    data = orientation_document(ecosystem, communes, options)
    # The element asks nothing outside its host's site: no online address search, whatever the page has.
    data["parametres"]["adresse_en_ligne"] = None
    data["sources"] = footer_lines(actors_credit(without_personal_data(ecosystem)[0]))
    return data


def write_elements(
    folder: str | Path,
    ecosystem: Ecosystem,
    communes: pd.DataFrame | None = None,
    options: OrientationOptions | None = None,
) -> list[Path]:
    """Write :data:`ELEMENT_FILES` into ``folder`` (each atomically, never through a link); return their paths."""
    folder = Path(folder)
    texts = (
        orienter_element_script(),
        script_json(element_data(ecosystem, communes, options)) + "\n",
        map_element_script(),
    )
    return [write_output(folder / name, text) for name, text in zip(ELEMENT_FILES, texts, strict=True)]
