"""The README's screenshots tool: its table and README agree, a failed demo build writes nothing,
and reducing an image to a palette never changes its colours visibly. (Taking the pictures needs
Chromium and a minute or two: that is the tool's own run, not a test.)"""

from __future__ import annotations

import importlib.util
import io
import sys
from pathlib import Path

import pytest

REPOSITORY = Path(__file__).resolve().parent.parent
TOOL = REPOSITORY / "scripts" / "readme_screenshots.py"


@pytest.fixture(scope="module")
def tool():
    spec = importlib.util.spec_from_file_location("readme_screenshots", TOOL)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    yield module
    del sys.modules[spec.name]


def test_every_readme_image_is_in_the_table_and_on_disk(tool):
    names = [shot.name for shot in tool.SHOTS]
    assert len(names) == len(set(names))
    assert set(names) == tool.readme_images()
    assert all((REPOSITORY / "docs" / "img" / name).is_file() for name in names)
    assert {shot.file for shot in tool.SHOTS} <= set(tool.READY)


def test_a_name_is_checked_before_any_work(tool):
    assert [shot.name for shot in tool.chosen_shots(["reseau-focus"], tool.readme_images())] == [
        "reseau-focus.png"
    ]
    with pytest.raises(SystemExit, match="Capture inconnue : reseau-focu "):
        tool.chosen_shots(["reseau-focu"], tool.readme_images())
    with pytest.raises(SystemExit, match="README ne montre pas carte.png"):
        tool.chosen_shots([], tool.readme_images() - {"carte.png"})


def test_the_readme_host_page_is_found(tool):
    page = tool.host_page_of_the_readme()
    assert "<nec-orienter" in page and '<script src="nec-orienter.js"></script>' in page


def test_a_failed_demo_build_writes_no_image(tool, tmp_path, monkeypatch):
    import nec_network.cli

    monkeypatch.setattr(nec_network.cli, "main", lambda argv: 1)
    monkeypatch.setattr(tool, "CHROMIUM", Path(sys.executable))  # as if Chromium were installed
    output = tmp_path / "img"
    with pytest.raises(SystemExit, match="aucune capture écrite"):
        tool.main(["-o", str(output)])
    assert not output.exists()


def _png(image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def test_a_palette_is_used_only_when_colours_stay_true(tool):
    from PIL import Image, ImageChops

    # 200 colours scattered over 256 × 256 pixels: a palette holds them all, in a smaller file.
    colours = [(37 * i % 256, 91 * i % 256, 53 * i % 256) for i in range(200)]
    few = Image.new("RGB", (256, 256))
    few.putdata([colours[(i * 7919) % 200] for i in range(256 * 256)])
    reduced = Image.open(io.BytesIO(tool.smallest_png(_png(few))))
    assert reduced.mode == "P"
    assert ImageChops.difference(few, reduced.convert("RGB")).getbbox() is None
    # 4,096 colours far apart: no 256-colour palette keeps them within 16 levels.
    many = Image.new("RGB", (64, 64))
    many.putdata([(17 * (i % 16), 17 * (i // 16 % 16), 17 * (i // 256)) for i in range(64 * 64)])
    kept = Image.open(io.BytesIO(tool.smallest_png(_png(many))))
    assert kept.mode == "RGB"
    assert ImageChops.difference(many, kept).getbbox() is None
