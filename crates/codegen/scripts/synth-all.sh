#!/usr/bin/env bash
# Synthesizes every bundled stack and every file of stacks/changes/ into OUT/<name>, with the given
# meridian binary. Run from the repository root. With same-json.py beside it, it shows that a change
# keeps the content of every emitted JSON file:
#
#   git worktree add /tmp/before main && (cd /tmp/before && cargo build -p meridian)
#   crates/codegen/scripts/synth-all.sh /tmp/before/target/debug/meridian /tmp/out-before
#   cargo build -p meridian && crates/codegen/scripts/synth-all.sh target/debug/meridian /tmp/out-after
#   python3 crates/codegen/scripts/same-json.py /tmp/out-before /tmp/out-after
set -euo pipefail
meridian=$(realpath "$1")
out=$2
rm -rf "$out"
mkdir -p "$out"
for stack in stacks/*.yaml stacks/changes/*.yaml; do
  name=$(basename "$stack" .yaml)
  "$meridian" synth "$stack" --out "$out/$name" >/dev/null
done
