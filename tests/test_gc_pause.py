"""The cycle collector paused around bulk work, then restored as it was (the file reader's use
is tested in tests/io/test_formats.py)."""

from __future__ import annotations

import gc

import pytest

from nec_network.gc_pause import collector_paused
from nec_network.model import Actor, Ecosystem
from nec_network.views.map import MapOptions, build_map


@pytest.fixture
def gc_state():
    enabled = gc.isenabled()
    yield
    gc.enable() if enabled else gc.disable()


@pytest.mark.parametrize("before", [True, False])
def test_the_collector_is_paused_inside_and_restored_as_it_was(gc_state, before):
    gc.enable() if before else gc.disable()
    with collector_paused():
        assert not gc.isenabled()
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled() is before


def test_the_collector_comes_back_after_an_error(gc_state):
    gc.enable()
    with pytest.raises(ValueError), collector_paused():
        raise ValueError("page")
    assert gc.isenabled()


def test_a_map_is_built_with_the_collector_paused_and_leaves_it_running(gc_state, monkeypatch):
    from nec_network.views import map as map_view

    seen = []
    document = map_view.map_document
    monkeypatch.setattr(map_view, "map_document", lambda *args: seen.append(gc.isenabled()) or document(*args))
    gc.enable()
    build_map(Ecosystem([Actor("a", "Mairie", latitude=49.9, longitude=2.3)]), None, MapOptions(tiles=False))
    assert seen == [False] and gc.isenabled()
