"""Run every benchmark of this folder and print one table of the ratios each one reports.

Each script runs in its own process (``sys.executable``, repository first on ``sys.path``);
every ``ratio…`` figure of its output becomes a row: script, measure, ratio, and the line it
came from. ``--quick`` passes each script its reduced size (listed in ``QUICK``); a script
that fails or exceeds ``--timeout`` seconds gets a row saying so, and the others still run.
Usage: ``python3 benchmarks/run_all.py [--quick] [--only NAME ...] [--timeout S]``.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from pathlib import Path

FOLDER = Path(__file__).resolve().parent
#: Reduced sizes, for a loaded machine (each script's own flags).
QUICK = {
    "cli_startup": ["--repeat", "5"],
    "evolution_event": ["--quick"],
    "import_national": ["--rows", "5000"],
    "map_20000_actors": ["--quick", "--build-only"],
    "network_2000_nodes": ["--quick"],
    "network_metrics": ["--quick"],
}
# "ratio_vs_pandas=16.2", "ratio 1.29", "ratio temps 0.80": a measure's name, then a number.
_RATIO = re.compile(r"(ratio[\w ]*?)[= ]\s*([0-9]+(?:\.[0-9]+)?)")


def scripts(only: list[str]) -> list[Path]:
    """The benchmark scripts (every ``*.py`` here but this one), or those named in ``only``."""
    found = sorted(FOLDER.glob("*.py"))
    return [
        path for path in found
        if path.stem != "run_all" and not path.stem.startswith("_")
        and (not only or path.stem in only)
    ]


def ratios(output: str) -> list[tuple[str, str, str]]:
    """(measure, ratio, line) for each ratio printed in ``output``."""
    rows = []
    for line in output.splitlines():
        for name, value in _RATIO.findall(line):
            rows.append((name.strip(), value, line.strip()))
    return rows


Row = tuple[str, str, str]


def run(path: Path, arguments: list[str], timeout: float) -> tuple[list[Row], float]:
    """Run one script; its ratios (or one row saying why there are none) and its duration."""
    path_entries = [str(FOLDER.parent), os.environ.get("PYTHONPATH", "")]
    environment = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, path_entries)))
    started = time.perf_counter()
    try:
        done = subprocess.run(
            [sys.executable, str(path), *arguments], capture_output=True, text=True,
            timeout=timeout, env=environment, cwd=FOLDER.parent, check=False,
        )
    except subprocess.TimeoutExpired:
        return [("—", "—", f"arrêté après {timeout:.0f} s")], time.perf_counter() - started
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["?"])[-1]
        return [("—", "—", f"échec (code {done.returncode}) : {last}")], seconds
    return ratios(done.stdout) or [("—", "—", "aucun ratio affiché")], seconds


def _load() -> str:
    return " ".join(f"{value:.1f}" for value in os.getloadavg())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="tailles réduites (QUICK)")
    parser.add_argument("--only", nargs="*", default=[], help="noms de scripts (sans .py)")
    parser.add_argument("--timeout", type=float, default=900, help="secondes par script (900)")
    args = parser.parse_args()
    print(f"charge moyenne au départ : {_load()}", flush=True)
    table = []
    for path in scripts(args.only):
        arguments = QUICK.get(path.stem, []) if args.quick else []
        rows, seconds = run(path, arguments, args.timeout)
        print(f"{path.stem} {' '.join(arguments)} : {seconds:.0f} s", flush=True)
        table.extend((path.stem, *row) for row in rows)
    print(f"charge moyenne à la fin : {_load()}")
    print("\n| script | mesure | ratio | ligne |\n| --- | --- | --- | --- |")
    for script, name, value, line in table:
        print(f"| {script} | {name} | {value} | {line.replace('|', '/')} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
