#!/usr/bin/env python3
"""Whole-process benchmark of Meridian and its peers, side by side (standard library only).

Every cell is one tool at one scale, timed as a whole process from outside (start-up and writing
the output included). Runs are interleaved: each round runs every cell once, so a change in the
machine's load touches every cell alike. Per cell it reports the median, min and max wall time,
the median CPU time (user + system), the median peak RSS, what the tool wrote (CloudFormation
resources, Terraform resources, bytes) and the median share of the machine that other processes
used during its runs (from /proc/stat), so that the load under which a figure was taken is known.

Peak RSS is what `/usr/bin/time` (which forks the tool) reports for the tool; CPU time comes from
wait4() on `time`.

  python3 bench/process.py --meridian target/release/meridian \\
      [--baseline OTHER_MERIDIAN] [--also NAME=MERIDIAN] [--peers DIR] [--scales seed,10x10,20x50] \\
      [--runs 15] [--peer-runs 5] [--cdk-runs 3] [--cdk-scales seed,20x50] [--cdk-cli] \\
      [--work-in /dev/shm] [--csv bench/results.csv]

Scales: `seed` is stacks/rail-backend.yaml for Meridian and REGIONS=3 SERVICES=1 for the peers;
`RxS` is the stack `cargo run -p meridian-testkit --example scaled_stack -- R S` prints (its
binary, target/release/examples/scaled_stack, must be built) and REGIONS=R SERVICES=S for the
peers. Peers (`../shared/peers`, see its README for the set-up) run when installed:
troposphere from `troposphere/.venv`, CDK (`node cdk/app.js`, and `npx cdk synth` with --cdk-cli)
from `cdk/node_modules`.

Every tool writes into a fresh folder under a temporary directory, by default in the system's
temporary folder; `--work-in DIR` puts that directory in DIR instead, for example on a tmpfs
(`/dev/shm`), to tell the tools' work from the cost of the file system (see BENCHMARKS.md: on
this machine's ext4, creating a file costs more the more files were deleted in the last minutes).
"""

import argparse
import csv
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def cpu_busy_seconds():
    """Busy CPU seconds of the whole machine so far (every core), from /proc/stat."""
    with open("/proc/stat") as stat:
        fields = stat.readline().split()[1:]
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(v) for v in fields[:8])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def run_once(cmd, env, cwd):
    """(wall s, cpu s, peak MiB, outside load share, exit code) of one run of cmd."""
    report = tempfile.NamedTemporaryFile("r", prefix="meridian-bench-rss-")
    busy = cpu_busy_seconds()
    start = time.perf_counter()
    proc = subprocess.Popen(
        ["/usr/bin/time", "-o", report.name, "-f", "%M", *cmd],
        env=env,
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    cpu = usage.ru_utime + usage.ru_stime
    outside = max(0.0, cpu_busy_seconds() - busy - cpu) / (wall * os.cpu_count())
    # `time` reads the peak of the tool it forked; wait4's own figure would include this script's
    # pages (Python spawns with vfork, and exec keeps the parent's high-water mark).
    peak_kib = int(report.read().split()[-1])
    return wall, cpu, peak_kib / 1024.0, outside, os.waitstatus_to_exitcode(status)


def count_output(folder):
    """CloudFormation resources, Terraform resources and bytes of every file under folder."""
    cfn = tf = size = 0
    for path in Path(folder).rglob("*"):
        if not path.is_file():
            continue
        size += path.stat().st_size
        if path.name.endswith(".template.json"):
            resources = json.loads(path.read_text()).get("Resources", {}).values()
            cfn += sum(1 for r in resources if r.get("Type") != "AWS::CDK::Metadata")
        elif path.name.endswith(".tf.json"):
            tf += sum(len(names) for names in json.loads(path.read_text()).get("resource", {}).values())
    return cfn, tf, size


class Cell:
    """One tool at one scale: how to run it into a fresh output folder."""

    def __init__(self, scale, tool, runs, command, out, env=None, cwd=None):
        self.scale, self.tool, self.runs = scale, tool, runs
        self.command, self.out, self.env, self.cwd = command, out, env or {}, cwd
        self.samples = []
        self.written = None

    def run(self):
        shutil.rmtree(self.out, ignore_errors=True)
        env = dict(os.environ, **self.env)
        wall, cpu, peak, outside, code = run_once(self.command, env, self.cwd)
        if code != 0:
            sys.exit(f"{self.tool} at {self.scale} exited with {code}: {' '.join(self.command)}")
        self.samples.append((wall, cpu, peak, outside))
        if self.written is None:
            self.written = count_output(self.out)

    def row(self):
        walls, cpus, peaks, outsides = zip(*self.samples)
        cfn, tf, size = self.written
        return {
            "scale": self.scale,
            "tool": self.tool,
            "runs": len(walls),
            "wall_median_s": round(statistics.median(walls), 4),
            "wall_min_s": round(min(walls), 4),
            "wall_max_s": round(max(walls), 4),
            "cpu_median_s": round(statistics.median(cpus), 4),
            "peak_median_mib": round(statistics.median(peaks), 1),
            "cfn_resources": cfn,
            "tf_resources": tf,
            "bytes_written": size,
            "outside_load_median": round(statistics.median(outsides), 3),
        }


def cells_for(scale, args, work):
    if scale == "seed":
        stack, regions, services = ROOT / "stacks" / "rail-backend.yaml", 3, 1
    else:
        regions, services = (int(n) for n in scale.split("x"))
        stack = work / f"scale-{scale}.yaml"
        generator = ROOT / "target" / "release" / "examples" / "scaled_stack"
        stack.write_text(subprocess.run([str(generator), str(regions), str(services)],
                                        check=True, capture_output=True, text=True).stdout)
    cells = []
    binaries = [("meridian", args.meridian), ("meridian (baseline)", args.baseline)]
    binaries += [tuple(other.split("=", 1)) for other in args.also]
    for index, (tool, binary) in enumerate(binaries):
        if binary:
            out = work / f"meridian-{index}-{scale}"
            cells.append(Cell(scale, tool, args.runs,
                              [str(Path(binary).resolve()), "synth", str(stack), "--out", str(out)], out))
    if args.peers:
        peers = Path(args.peers).resolve()
        env = {"REGIONS": str(regions), "SERVICES": str(services)}
        python = peers / "troposphere" / ".venv" / "bin" / "python"
        if python.exists():
            out = work / f"troposphere-{scale}"
            cells.append(Cell(scale, "troposphere", args.peer_runs,
                              [str(python), str(peers / "troposphere" / "rail.py"), str(out)], out, env))
        if (peers / "cdk" / "node_modules").is_dir() and scale in args.cdk_scales.split(","):
            out = work / f"cdk-{scale}"
            cells.append(Cell(scale, "CDK node app.js", args.cdk_runs,
                              ["node", str(peers / "cdk" / "app.js")], out, dict(env, CDK_OUTDIR=str(out))))
            if args.cdk_cli and scale in ("seed", "3x1"):
                out = peers / "cdk" / "cdk.out"
                cells.append(Cell(scale, "CDK cdk synth", args.cdk_runs,
                                  ["npx", "cdk", "synth", "--quiet", "--no-notices"], out,
                                  dict(env, CDK_DISABLE_CLI_TELEMETRY="true"), cwd=peers / "cdk"))
    return cells


def markdown(rows):
    lines = ["| scale | tool | median wall s (min–max) | CPU s | peak MiB | CFN resources | TF resources | MB written | outside load |",
             "|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        lines.append(f"| {r['scale']} | {r['tool']} | **{r['wall_median_s']:.3f}** ({r['wall_min_s']:.3f}–{r['wall_max_s']:.3f}) "
                     f"| {r['cpu_median_s']:.3f} | {r['peak_median_mib']:.1f} | {r['cfn_resources']} | {r['tf_resources']} "
                     f"| {r['bytes_written'] / 1e6:.2f} | {r['outside_load_median'] * 100:.0f} % |")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--meridian", required=True, help="the meridian binary to measure")
    parser.add_argument("--baseline", help="another meridian binary, measured in the same rounds")
    parser.add_argument("--also", action="append", default=[], metavar="NAME=PATH",
                        help="one more meridian binary (a variant), measured in the same rounds")
    parser.add_argument("--peers", help="the peers folder, with troposphere and CDK installed")
    parser.add_argument("--scales", default="seed,10x10,20x50")
    parser.add_argument("--runs", type=int, default=15, help="runs of Meridian per scale")
    parser.add_argument("--peer-runs", type=int, default=5, help="runs of troposphere per scale")
    parser.add_argument("--cdk-runs", type=int, default=3, help="runs of each CDK cell")
    parser.add_argument("--cdk-scales", default="seed,3x1,10x10,20x50",
                        help="the scales CDK runs at (it takes about 15 s a run at 20x50)")
    parser.add_argument("--cdk-cli", action="store_true", help="also time `npx cdk synth` at the seed scale")
    parser.add_argument("--csv", help="write the rows here")
    parser.add_argument("--work-in", metavar="DIR",
                        help="where the tools' output folders go (default: the temporary folder)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="meridian-process-bench-", dir=args.work_in) as folder:
        work = Path(folder)
        cells = [cell for scale in args.scales.split(",") for cell in cells_for(scale, args, work)]
        for cell in cells:  # warm-up: page cache, Python's and Node's compiled files
            cell.run()
            cell.samples.clear()
        for round_ in range(max(cell.runs for cell in cells)):
            for cell in cells:
                if round_ < cell.runs:
                    cell.run()
            print(f"round {round_ + 1} done", file=sys.stderr)
        rows = [cell.row() for cell in cells]

    load = open("/proc/loadavg").read().split()[:3]
    print(f"{os.cpu_count()} CPUs; load average at the end {' '.join(load)}")
    print(markdown(rows))
    if args.csv:
        with open(args.csv, "w", newline="") as out:
            writer = csv.DictWriter(out, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
