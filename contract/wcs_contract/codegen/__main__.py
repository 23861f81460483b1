"""`python -m wcs_contract.codegen [--check]`: regenerate generated/, or check it is up to date.

Exit codes: 0 up to date (or written), 1 drift found by --check, 2 generation could not run.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from wcs_contract.codegen import CodegenError
from wcs_contract.codegen.tree import (
    FIX_COMMAND,
    diff_excerpt,
    find_drift,
    render,
    repo_root,
    write,
)


def main(argv: Sequence[str] | None = None, root: Path | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m wcs_contract.codegen",
        description="Regenerate the models, the OpenAPI contract and the docs from schemas/.",
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="change nothing; exit 1 when a generated file differs from what the schemas produce",
    )
    args = parser.parse_args(argv)
    try:
        root = root or repo_root()
        rendered = render(root)
    except CodegenError as error:
        print(f"codegen: error: {error}", file=sys.stderr)
        return 2
    if args.check:
        drift = find_drift(root, rendered)
        if drift:
            print(f"codegen: {len(drift)} generated file(s) out of date:", file=sys.stderr)
            for item in drift:
                print(f"  {item}", file=sys.stderr)
            changed = next((item.path for item in drift if item.kind == "changed"), None)
            if changed is not None:
                print("\n".join(diff_excerpt(root, rendered, changed)), file=sys.stderr)
            print(f"codegen: run `{FIX_COMMAND}` and commit the result", file=sys.stderr)
            return 1
        print(f"codegen: {len(rendered)} generated files up to date")
        return 0
    verbs = {"changed": "updated", "missing": "created", "stale": "deleted"}
    for item in write(root, rendered):
        print(f"codegen: {verbs[item.kind]} {item.path}")
    print(f"codegen: {len(rendered)} generated files up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
