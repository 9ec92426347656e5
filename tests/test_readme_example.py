"""The README's library example runs as written, on a copy of the demo folder."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from nec_network.demo import demo_path

README = Path(__file__).resolve().parent.parent / "README.md"


def library_example() -> str:
    section = README.read_text(encoding="utf-8").split("## Utilisation comme bibliothèque", 1)[1]
    return re.search(r"```python\n(.*?)```", section, re.S).group(1)


def test_the_library_example_of_the_readme_runs(tmp_path, monkeypatch, capsys):
    folder = tmp_path / "mes_acteurs"
    folder.mkdir()
    for name in ("acteurs.csv", "partenariats.csv"):
        shutil.copy(demo_path() / name, folder / name)
    monkeypatch.chdir(tmp_path)
    names: dict = {}
    exec(compile(library_example(), "README.md", "exec"), names)
    printed = capsys.readouterr().out
    assert "covered_population_share" in printed
    assert all(code in printed for code in ("02", "60", "80"))
    assert "population" in names["zones"].columns
    assert len(names["brokers"]) > 0
    page = (tmp_path / "carte.html").read_text(encoding="utf-8")
    assert 'id="nec-donnees"' in page
