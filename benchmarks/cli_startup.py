"""Start-up time of the ``nec-network`` command next to a bare interpreter start.

Goal: help, argument errors and light commands start within 8 times ``python -c pass``
(the command line imports pandas, matplotlib, folium and the analyses only inside the
commands that use them). Each case runs as a fresh process, timed side by side with the
bare interpreter, median of ``--repeat`` (5) pairs. The last line printed is
``ratio_vs_python=<worst case / bare python>`` (goal: at most 8).

Run: ``python benchmarks/cli_startup.py [--repeat N]``.
"""

from __future__ import annotations

import argparse
import itertools
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

GOAL_RATIO = 8.0
REPOSITORY = Path(__file__).resolve().parent.parent

#: What a person types that must answer at once.
CASES = {
    "nec-network -h": ["-m", "nec_network", "-h"],
    "nec-network --version": ["-m", "nec_network", "--version"],
    "nec-network map -h": ["-m", "nec_network", "map", "-h"],
    "nec-network commande-inconnue": ["-m", "nec_network", "commande-inconnue"],
    "nec-network map (sans -o)": ["-m", "nec_network", "map", "dossier"],
    # A light command: the empty template with its guide ({new} is a fresh folder per run).
    "nec-network template -o DOSSIER": ["-m", "nec_network", "template", "-o", "{new}"],
}
BASELINE = ["-c", "pass"]
_COUNTER = itertools.count()


def seconds(arguments: list[str], scratch: str) -> float:
    """Wall time of ``python <arguments>`` in a fresh process."""
    environment = {**os.environ, "PYTHONPATH": str(REPOSITORY)}
    new = str(Path(scratch) / f"modele-{next(_COUNTER)}")
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, *(argument.replace("{new}", new) for argument in arguments)],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,
    )
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="pairs per case (median kept)")
    args = parser.parse_args()
    worst = 0.0
    scratch = tempfile.TemporaryDirectory(prefix="nec-startup-")
    for label, arguments in CASES.items():
        # Measured side by side: a bare start just before each run of the case, so both see the
        # same load; the ratio is the median of the pairs.
        pairs = [(seconds(BASELINE, scratch.name), seconds(arguments, scratch.name)) for _ in range(args.repeat)]
        bare = statistics.median(floor for floor, _ in pairs)
        ours = statistics.median(mine for _, mine in pairs)
        ratio = statistics.median(mine / floor for floor, mine in pairs)
        worst = max(worst, ratio)
        print(
            f"{label} : {ours * 1000:.0f} ms (python -c pass {bare * 1000:.0f} ms) "
            f"ratio {ratio:.2f}"
        )
    scratch.cleanup()
    print(f"objectif : ratio <= {GOAL_RATIO:g}, médiane de {args.repeat} paires")
    print(f"ratio_vs_python={worst:.2f}")


if __name__ == "__main__":
    main()
