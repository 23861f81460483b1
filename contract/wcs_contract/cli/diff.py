"""`wcs-contract diff`: what a change to schemas/ breaks, for whom, with a witness body."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from wcs_contract.cli import HelpFormatter

EPILOG = """\
OLD and NEW are git revisions of the current repository (origin/main, HEAD~1, a tag) whose
schemas/ is compared, or folders (a schemas/ folder, or a folder holding one). NEW defaults to
the working tree.

severity, by who receives the body:
  request, client   the receiver must cope with what is sent: a field removed, a type changed or
                    a field no longer always sent is breaking; a new enum value a warning
  response          every answer that was valid must stay valid: a new required field or a
                    narrowed type is breaking; a new optional field compatible
  catalogue         a method, alias or direction removed is breaking; added, compatible
  documentation     descriptions, titles, examples, x-since

exit codes: 0 nothing at or above --fail-on, 1 something is (or a capture that was valid no
longer is), 2 a revision or folder that cannot be read, a schema that cannot be used (broken
or circular $ref, a pattern that is no regular expression, a file the catalogue lists missing),
or a usage error

examples:
  wcs-contract diff origin/main
  wcs-contract diff HEAD~1 --format markdown > comment.md
  wcs-contract diff v0.1.0 HEAD --format github --fail-on warning
  wcs-contract diff old/schemas new/schemas --captures captures/
"""


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "diff",
        help="classify the changes between two versions of the schemas",
        description="Compare two versions of the contract: every method, direction, variant and"
        " field; each change classified breaking, warning, compatible or documentation, with a"
        " body that proves each break.",
        epilog=EPILOG,
        formatter_class=HelpFormatter,
    )
    parser.add_argument("old", metavar="OLD", help="a git revision or a folder")
    parser.add_argument(
        "new", metavar="NEW", nargs="?", help="a git revision or a folder (default: working tree)"
    )
    parser.add_argument(
        "--format",
        choices=("text", "markdown", "json", "github"),
        default="text",
        help="text (default), markdown (a pull-request comment), json, github (annotations)",
    )
    parser.add_argument(
        "--fail-on",
        choices=("breaking", "warning", "never"),
        default="breaking",
        help="exit 1 when a change is at least this severe (default: breaking)",
    )
    parser.add_argument(
        "--captures",
        nargs="+",
        metavar="PATH",
        default=None,
        help="captures (anything `validate` reads) to revalidate under OLD and NEW; every payload"
        " whose verdict flips is listed",
    )


def run(args: argparse.Namespace) -> int:
    from wcs_contract.cli import UsageError
    from wcs_contract.compat import SnapshotError, diff
    from wcs_contract.compat.render import FORMATS, Result
    from wcs_contract.compat.snapshot import load

    try:
        old = load(args.old)
        new = load(args.new)
        changes = diff(old, new)
    except SnapshotError as error:
        raise UsageError(f"diff: {error}") from None
    except (AttributeError, TypeError, KeyError, ValueError, IndexError, RecursionError) as error:
        # A schema of an unexpected shape that no check above caught: still one line, exit 2.
        print(
            f"wcs-contract: error: diff: cannot compare {args.old} with"
            f" {args.new or 'the working tree'}: a schema of an unexpected shape"
            f" ({type(error).__name__}: {error})",
            file=sys.stderr,
        )
        return 2
    result = Result(old, new, changes)
    if args.captures:
        from wcs_contract.compat.captures import CaptureSummary, Flip, flips

        result.captures_checked = True
        summary = CaptureSummary()
        for found in flips(args.captures, old, new, summary):
            if isinstance(found, Flip):
                result.flips.append(found)
            else:
                result.unreadable.append(found)
        result.payloads = summary.payloads
    FORMATS[args.format](result, sys.stdout)
    sys.stdout.flush()
    if result.unreadable:
        return 2
    counts = result.summary()
    failing = {"breaking": ("breaking",), "warning": ("breaking", "warning"), "never": ()}
    if any(counts[s] for s in failing[args.fail_on]):
        return 1
    if args.fail_on != "never" and any(f.breaking for f in result.flips):
        return 1
    return 0
