#!/usr/bin/env python3
"""Paired runs of two meridian builds on one stack (standard library only).

Each round synthesizes the stack once with each build, in alternating order, into a fresh output
directory, and times each process from outside. Comparing the two runs of a round cancels most of
the machine's drift (its speed changes by more than 2x within minutes), so a difference of a few
percent that whole sittings cannot separate shows as one build winning most rounds.

  python3 bench/paired.py OLD_MERIDIAN NEW_MERIDIAN STACK [--rounds 300]

Prints each build's median and quartiles and in how many rounds the second was faster.
"""

import argparse
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path


def timed_synth(binary, stack, out):
    """Wall seconds of one `synth` of stack into a directory that does not exist yet."""
    shutil.rmtree(out, ignore_errors=True)
    start = time.perf_counter()
    subprocess.run([binary, "synth", stack, "--out", str(out), "-q"],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("first")
    parser.add_argument("second")
    parser.add_argument("stack")
    parser.add_argument("--rounds", type=int, default=300)
    args = parser.parse_args()
    builds = [args.first, args.second]
    times = {build: [] for build in builds}
    with tempfile.TemporaryDirectory(prefix="meridian-paired-") as work:
        out = Path(work) / "out"
        for round_number in range(args.rounds):
            order = builds if round_number % 2 == 0 else builds[::-1]
            for build in order:
                times[build].append(timed_synth(build, args.stack, out))
    for build in builds:
        ordered = sorted(times[build])
        quarter = len(ordered) // 4
        print(f"{build}: median {statistics.median(ordered) * 1000:.2f} ms, "
              f"quartiles {ordered[quarter] * 1000:.2f}-{ordered[-quarter - 1] * 1000:.2f} ms")
    wins = sum(second < first for first, second in zip(times[args.first], times[args.second]))
    print(f"the second build was faster in {wins} of {args.rounds} rounds")


if __name__ == "__main__":
    main()
