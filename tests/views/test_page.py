"""Helpers the pages share: the cycle collector paused around a build, then restored as it was."""

from __future__ import annotations

import gc

import pytest

from nec_network.views.page import cycle_collection_paused


@pytest.fixture
def gc_state():
    enabled = gc.isenabled()
    yield
    gc.enable() if enabled else gc.disable()


@pytest.mark.parametrize("before", [True, False])
def test_the_collector_is_paused_inside_and_restored_as_it_was(gc_state, before):
    gc.enable() if before else gc.disable()
    with cycle_collection_paused():
        assert not gc.isenabled()
        with cycle_collection_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled() is before


def test_the_collector_comes_back_after_an_error(gc_state):
    gc.enable()
    with pytest.raises(ValueError), cycle_collection_paused():
        raise ValueError("page")
    assert gc.isenabled()
