#!/usr/bin/env python3
"""Draws bench/results.csv (written by bench/process.py) as an SVG: median wall time and median
peak memory against the CloudFormation resources each tool emitted, log-log, one line per tool.
Standard library only.

  python3 bench/plot.py bench/results.csv bench/scaling.svg
"""

import csv
import math
import sys
from collections import defaultdict

COLOURS = {
    "meridian": "#1f77b4",
    "meridian (baseline)": "#9ecae1",
    "meridian (before, glibc)": "#6baed6",
    "meridian (merge, d757f91)": "#6baed6",
    "troposphere": "#ff7f0e",
    "CDK node app.js": "#2ca02c",
    "CDK cdk synth": "#98df8a",
}
WIDTH, HEIGHT = 920, 400
PANEL_W, PANEL_H = 360, 280
LEFT, TOP = 70, 50


def log_axis(values):
    low = 10 ** math.floor(math.log10(min(values)))
    high = 10 ** math.ceil(math.log10(max(values)))
    return low, high


def panel(out, x0, title, unit, series, bytes_line=None):
    """One log-log panel at x0: series maps tool -> [(resources, value)]."""
    xs = [x for points in series.values() for x, _ in points]
    ys = [y for points in series.values() for _, y in points]
    if bytes_line:
        ys += [y for _, y in bytes_line]
    x_low, x_high = log_axis(xs)
    y_low, y_high = log_axis(ys)

    def at(x, y):
        px = x0 + PANEL_W * (math.log10(x) - math.log10(x_low)) / (math.log10(x_high) - math.log10(x_low))
        py = TOP + PANEL_H * (1 - (math.log10(y) - math.log10(y_low)) / (math.log10(y_high) - math.log10(y_low)))
        return px, py

    out.append(f'<text x="{x0 + PANEL_W / 2}" y="{TOP - 20}" text-anchor="middle" font-weight="bold">{title}</text>')
    out.append(f'<rect x="{x0}" y="{TOP}" width="{PANEL_W}" height="{PANEL_H}" fill="none" stroke="#444"/>')
    decade = x_low
    while decade <= x_high:
        px, _ = at(decade, y_low)
        out.append(f'<line x1="{px:.1f}" y1="{TOP}" x2="{px:.1f}" y2="{TOP + PANEL_H}" stroke="#ddd"/>')
        out.append(f'<text x="{px:.1f}" y="{TOP + PANEL_H + 16}" text-anchor="middle" font-size="11">{decade:g}</text>')
        decade *= 10
    decade = y_low
    while decade <= y_high:
        _, py = at(x_low, decade)
        out.append(f'<line x1="{x0}" y1="{py:.1f}" x2="{x0 + PANEL_W}" y2="{py:.1f}" stroke="#ddd"/>')
        out.append(f'<text x="{x0 - 6}" y="{py + 4:.1f}" text-anchor="end" font-size="11">{decade:g}</text>')
        decade *= 10
    out.append(f'<text x="{x0 + PANEL_W / 2}" y="{TOP + PANEL_H + 34}" text-anchor="middle" font-size="12">CloudFormation resources emitted</text>')
    out.append(f'<text x="{x0 - 48}" y="{TOP + PANEL_H / 2}" text-anchor="middle" font-size="12" '
               f'transform="rotate(-90 {x0 - 48} {TOP + PANEL_H / 2})">{unit}</text>')
    lines = dict(series)
    if bytes_line:
        lines["MB written by meridian"] = bytes_line
    for tool, points in lines.items():
        colour = COLOURS.get(tool, "#777")
        dash = ' stroke-dasharray="5,4"' if tool.startswith("MB written") else ""
        path = " ".join(f"{'M' if i == 0 else 'L'}{at(x, y)[0]:.1f},{at(x, y)[1]:.1f}" for i, (x, y) in enumerate(sorted(points)))
        out.append(f'<path d="{path}" fill="none" stroke="{colour}" stroke-width="2"{dash}/>')
        for x, y in points:
            px, py = at(x, y)
            out.append(f'<circle cx="{px:.1f}" cy="{py:.1f}" r="3" fill="{colour}"><title>{tool}: {y:g} at {x} resources</title></circle>')


def main(source, target):
    rows = list(csv.DictReader(open(source)))
    times, memory, written = defaultdict(list), defaultdict(list), []
    for row in rows:
        resources = int(row["cfn_resources"])
        times[row["tool"]].append((resources, float(row["wall_median_s"])))
        memory[row["tool"]].append((resources, float(row["peak_median_mib"])))
        if row["tool"] == "meridian":
            written.append((resources, int(row["bytes_written"]) / 1e6))
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT + 40}" font-family="sans-serif" font-size="12">',
           f'<rect width="{WIDTH}" height="{HEIGHT + 40}" fill="white"/>']
    panel(out, LEFT, "Median wall time, whole process", "seconds", times)
    panel(out, LEFT + PANEL_W + 110, "Median peak memory", "MiB (dashed: MB written)", memory, written)
    legend_y = TOP + PANEL_H + 60
    x = LEFT
    for tool in list(times) + ["MB written by meridian"]:
        colour = COLOURS.get(tool, "#777")
        dash = ' stroke-dasharray="5,4"' if tool.startswith("MB written") else ""
        out.append(f'<line x1="{x}" y1="{legend_y}" x2="{x + 24}" y2="{legend_y}" stroke="{colour}" stroke-width="2"{dash}/>')
        out.append(f'<text x="{x + 30}" y="{legend_y + 4}">{tool}</text>')
        x += 40 + 7 * len(tool)
    out.append("</svg>")
    with open(target, "w") as file:
        file.write("\n".join(out) + "\n")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
