#!/usr/bin/env bash
# synth-all.sh MERIDIAN OUT: synthesizes every bundled stack and every change file into OUT/<name>.
set -euo pipefail
meridian=$1; out=$2
rm -rf "$out"; mkdir -p "$out"
for stack in stacks/*.yaml stacks/changes/*.yaml; do
  name=$(basename "$stack" .yaml)
  "$meridian" synth "$stack" --out "$out/$name" >/dev/null
done
