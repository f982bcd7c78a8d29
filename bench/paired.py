#!/usr/bin/env python3
"""Paired runs of two meridian builds on one stack (standard library only).

Each round synthesizes the stack once with each build, in alternating order, into a fresh output
directory, and times each process from outside. Comparing the two runs of a round cancels most of
the machine's drift (its speed changes by more than 2x within minutes), so a difference of a few
percent that whole sittings cannot separate shows as one build winning most rounds.

  python3 bench/paired.py OLD_MERIDIAN NEW_MERIDIAN STACK [--rounds 300]

Prints each build's median and quartiles of wall time, its median CPU time and peak memory (the
largest resident set, from `wait4`, with the smallest and largest seen), and in how many rounds the
second was faster.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path


def timed_synth(binary, stack, out):
    """Wall seconds, CPU seconds and peak resident KB of one `synth` of stack into a directory
    that does not exist yet."""
    shutil.rmtree(out, ignore_errors=True)
    start = time.perf_counter()
    process = subprocess.Popen([binary, "synth", stack, "--out", str(out), "-q"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{binary} failed on {stack}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("first")
    parser.add_argument("second")
    parser.add_argument("stack")
    parser.add_argument("--rounds", type=int, default=300)
    args = parser.parse_args()
    builds = [args.first, args.second]
    times = {build: [] for build in builds}
    cpu = {build: [] for build in builds}
    peaks = {build: [] for build in builds}
    with tempfile.TemporaryDirectory(prefix="meridian-paired-") as work:
        out = Path(work) / "out"
        for round_number in range(args.rounds):
            order = builds if round_number % 2 == 0 else builds[::-1]
            for build in order:
                wall, seconds, peak = timed_synth(build, args.stack, out)
                times[build].append(wall)
                cpu[build].append(seconds)
                peaks[build].append(peak)
    for build in builds:
        ordered = sorted(times[build])
        quarter = len(ordered) // 4
        print(f"{build}: median {statistics.median(ordered) * 1000:.2f} ms, "
              f"quartiles {ordered[quarter] * 1000:.2f}-{ordered[-quarter - 1] * 1000:.2f} ms, "
              f"CPU {statistics.median(cpu[build]) * 1000:.1f} ms, "
              f"peak {statistics.median(peaks[build]):.0f} KB "
              f"({min(peaks[build])}-{max(peaks[build])})")
    wins = sum(second < first for first, second in zip(times[args.first], times[args.second]))
    print(f"the second build was faster in {wins} of {args.rounds} rounds")


if __name__ == "__main__":
    main()
