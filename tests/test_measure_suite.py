"""scripts/measure_suite.py counts the CPU of descendants nobody waited for (Chromium's renderers)."""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

#: A child that starts a grandchild burning 0.6 s of CPU, and exits without ever waiting for it.
ABANDONING_PARENT = """
import os, subprocess, sys, time
burner = subprocess.Popen([sys.executable, "-c",
    "import time\\nwhile time.process_time() < 0.6: pass\\ntime.sleep(0.5)"])
state = lambda: open(f"/proc/{burner.pid}/stat").read().rsplit(")", 1)[1].split()[0]
while state() != "Z":
    time.sleep(0.02)
os._exit(0)
"""


@pytest.fixture(scope="module")
def measure():
    spec = importlib.util.spec_from_file_location("measure_suite", ROOT / "scripts" / "measure_suite.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="/proc absent (Linux seulement)")
def test_the_cpu_of_a_grandchild_nobody_waited_for_is_counted(measure):
    before = os.times()
    code, wall, tree_cpu = measure.follow([sys.executable, "-c", ABANDONING_PARENT], 0.05)
    after = os.times()
    waited_for = (after.children_user + after.children_system) - (before.children_user + before.children_system)
    assert code == 0
    assert tree_cpu >= 0.55  # the grandchild's 0.6 s, seen at a poll while it slept
    assert waited_for < 0.5  # what time would say: the parent's start-up only
    assert wall >= 0.6
