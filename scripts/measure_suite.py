"""Measure a command's wall time and the CPU time of its whole process tree, Chromium included.

``time`` (and ``resource.getrusage``) only count the children a process waited for. The test
suite's Chromium renderers are forked by Chromium's zygote and never reaped by pytest, so
``time python3 -m pytest`` leaves out about half of the suite's CPU. This script polls
``/proc`` every ``--period`` seconds, follows every descendant of the command and adds up the
last CPU time seen of each (what a process spends after the last poll is missed: a few tenths
of a second per process). Linux only.

Usage: ``python3 scripts/measure_suite.py [--period S] [-- command ...]`` (default command:
``python3 -m pytest``, the README's). It prints the wall time, the CPU time of the tree, the
CPU time of the command and the children it reaped (what ``time`` says), the load before and
after, and how busy the machine's cores were.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

TICKS = os.sysconf("SC_CLK_TCK")
PROC = Path("/proc")


def processes() -> dict[int, tuple[int, float]]:
    """Every process now: pid → (parent pid, CPU seconds in user and system mode)."""
    found = {}
    for entry in PROC.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:  # the process ended meanwhile
            continue
        fields = stat[stat.rfind(")") + 2 :].split()  # the name may hold spaces and parentheses
        found[int(entry.name)] = (int(fields[1]), (int(fields[11]) + int(fields[12])) / TICKS)
    return found


def machine_times() -> tuple[int, int]:
    """Total and idle clock ticks of all cores since boot (``/proc/stat``)."""
    values = [int(value) for value in (PROC / "stat").read_text().split("\n", 1)[0].split()[1:]]
    return sum(values), values[3] + values[4]


def follow(command: list[str], period: float) -> tuple[int, float, float]:
    """Run ``command``; return its exit code, wall seconds and the CPU seconds of its tree."""
    start = time.perf_counter()
    child = subprocess.Popen(command)
    tree, cpu = {child.pid}, {}
    while child.poll() is None:
        now = processes()
        grew = True
        while grew:  # a grandchild may be listed before its parent joins the tree
            before = len(tree)
            tree.update(pid for pid, (parent, _) in now.items() if parent in tree)
            grew = len(tree) > before
        for pid in tree & now.keys():
            cpu[pid] = max(cpu.get(pid, 0.0), now[pid][1])
        time.sleep(period)
    return child.returncode, time.perf_counter() - start, sum(cpu.values())


def minutes(seconds: float) -> str:
    whole = round(seconds)
    return f"{whole // 60} min {whole % 60:02d} s" if whole >= 60 else f"{seconds:.1f} s"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--period", type=float, default=0.2, help="secondes entre deux relevés (0,2)")
    parser.add_argument("command", nargs="*", help="commande mesurée (défaut : python3 -m pytest)")
    args = parser.parse_args()
    command = args.command or [sys.executable, "-m", "pytest"]
    load_before = os.getloadavg()[0]
    total_before, idle_before = machine_times()
    code, wall, tree_cpu = follow(command, args.period)
    total_after, idle_after = machine_times()
    times = os.times()
    reaped = times.children_user + times.children_system
    busy = 1 - (idle_after - idle_before) / max(total_after - total_before, 1)
    print(
        f"durée : {minutes(wall)} ; CPU de tout l'arbre de processus (Chromium compris) : "
        f"{minutes(max(tree_cpu, reaped))} ; CPU de la commande et des enfants qu'elle a attendus "
        f"(ce que dit time) : {minutes(reaped)}\n"
        f"charge moyenne : {load_before:.1f} avant, {os.getloadavg()[0]:.1f} après ; "
        f"cœurs occupés à {100 * busy:.0f} % sur {os.cpu_count()} ; code de sortie {code}",
        file=sys.stderr,
    )
    return code


if __name__ == "__main__":
    sys.exit(main())
