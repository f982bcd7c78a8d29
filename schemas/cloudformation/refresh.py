#!/usr/bin/env python3
"""Refreshes (or checks) the registry schemas vendored in this folder from an installed cfn-lint.

Usage:
  python3 refresh.py --check            compare every vendored file with cfn-lint's copy
  python3 refresh.py                    overwrite every vendored file with cfn-lint's copy
  python3 refresh.py AWS::X::Y [...]    also vendor these types (after allow-listing them in crates/codegen/src/config.rs)

cfn-lint is found in $CFN_LINT_PACKAGE (the `cfnlint` package folder) or else in the oracle venv
($CFN_ORACLES_VENV, default ~/.cache/cfn-oracles, created by /work/shared/oracles/oracles-venv).
Files are copied byte for byte from cfnlint/data/schemas/resources/, through the us-east-1 provider
index; the schemas of the types Meridian emits are identical in us-east-1, eu-west-1 and
ap-northeast-1. Then run `cargo run -p meridian-codegen`.
"""

import glob
import json
import os
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def cfnlint_package():
    explicit = os.environ.get("CFN_LINT_PACKAGE")
    if explicit:
        return explicit
    venv = os.environ.get(
        "CFN_ORACLES_VENV",
        os.path.join(os.environ.get("XDG_CACHE_HOME", os.path.expanduser("~/.cache")), "cfn-oracles"),
    )
    found = glob.glob(os.path.join(venv, "lib", "python3*", "site-packages", "cfnlint"))
    if not found:
        sys.exit(f"refresh.py: no cfnlint package under {venv}; run /work/shared/oracles/oracles-venv")
    return found[0]


def read_version(package):
    with open(os.path.join(package, "version.py")) as version_file:
        for line in version_file:
            if line.startswith("__version__"):
                return line.split("=")[1].strip().strip('"')
    return "unknown"


def main(arguments):
    check_only = "--check" in arguments
    new_types = [argument for argument in arguments if argument.startswith("AWS::")]
    package = cfnlint_package()
    schemas = os.path.join(package, "data", "schemas")
    with open(os.path.join(schemas, "providers", "us-east-1.json")) as index_file:
        file_of_type = json.load(index_file)
    with open(os.path.join(schemas, "version.json")) as version_file:
        schema_date = json.load(version_file).get("schema_date", "unknown")

    type_names = set(new_types)
    for vendored in glob.glob(os.path.join(HERE, "AWS_*.json")):
        with open(vendored) as vendored_file:
            type_names.add(json.load(vendored_file)["typeName"])

    differing = []
    for type_name in sorted(type_names):
        source = os.path.join(schemas, "resources", file_of_type[type_name] + ".json")
        target = os.path.join(HERE, type_name.replace("::", "_") + ".json")
        with open(source, "rb") as source_file:
            wanted = source_file.read()
        current = open(target, "rb").read() if os.path.exists(target) else None
        if current != wanted:
            differing.append(type_name)
            if not check_only:
                shutil.copyfile(source, target)

    print(f"cfn-lint {read_version(package)}, schema date {schema_date}: "
          f"{len(type_names)} types, {len(differing)} differing: {', '.join(differing) or 'none'}")
    if check_only and differing:
        sys.exit(1)


if __name__ == "__main__":
    main(sys.argv[1:])
