#!/usr/bin/env python3
"""same-json.py BEFORE AFTER: compares two output trees written by synth-all.sh.

Every JSON file (CloudFormation templates, manifest.json, *.tf.json) must parse to the same value in
both trees; every other file must have the same bytes; both trees must hold the same files. Prints a
summary and every difference, and exits 1 when there is one. Key order is not compared: the generated
L1 types write CloudFormation properties in alphabetical order of their names.
"""

import json
import os
import sys


def files(root):
    return {
        os.path.relpath(os.path.join(folder, name), root)
        for folder, _, names in os.walk(root)
        for name in names
    }


def main(before, after):
    left, right = files(before), files(after)
    problems = []
    if left != right:
        problems.append(f"only before: {sorted(left - right)}; only after: {sorted(right - left)}")
    same_value = same_bytes = 0
    for relative in sorted(left & right):
        with open(os.path.join(before, relative), "rb") as file:
            old = file.read()
        with open(os.path.join(after, relative), "rb") as file:
            new = file.read()
        if relative.endswith(".json"):
            if json.loads(old) != json.loads(new):
                problems.append(f"{relative}: the JSON value differs")
                continue
            same_value += 1
            same_bytes += old == new
        elif old != new:
            problems.append(f"{relative}: the bytes differ")
    print(f"{len(left & right)} files compared; {same_value} JSON files with the same value "
          f"({same_bytes} of them byte-identical); {len(problems)} differences")
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
