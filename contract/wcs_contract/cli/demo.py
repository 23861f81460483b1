"""`wcs-contract demo` (`make demo`): the main job on the embedded default target.

It serves the reference hook server on a free port, tests it as a user would test their own
backend, validates the sample captures shipped with the repository, and stops the server.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from wcs_contract.resources import samples_dir


def _default_captures() -> Path:
    return samples_dir() / "captures"


def _cases(text: str) -> int:
    """`--max-examples`, checked before the server starts (as `test` checks it)."""
    try:
        cases = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if cases < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {cases}")
    return cases


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "demo",
        help="serve the reference server, test it, validate the sample captures",
        description=(
            "Start the reference hook server on a free 127.0.0.1 port, run `wcs-contract test`"
            " against it, validate the sample captures, print the results and stop the server."
        ),
    )
    parser.add_argument(
        "--max-examples",
        type=_cases,
        default=20,
        metavar="N",
        help="cases per method (default 20)",
    )
    parser.add_argument("--seed", type=int, default=1, metavar="N", help="generation seed")
    parser.add_argument(
        "--captures",
        metavar="DIR",
        help="captures to validate (default: the repository's examples/captures)",
    )


def _shown_path(path: Path) -> str:
    """Relative to the working directory when it is inside it: shorter lines, same meaning."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _heading(text: str) -> None:
    print(f"\n== {text}", flush=True)


def run(args: argparse.Namespace) -> int:
    import io

    from wcs_contract.batch import Options, validate_paths
    from wcs_contract.cli import UsageError
    from wcs_contract.live.options import RunOptions
    from wcs_contract.live.progress import progress_for
    from wcs_contract.live.report import render_text
    from wcs_contract.live.runner import run as run_live
    from wcs_contract.reporters.text import TextReporter
    from wcs_contract.server import running_server
    from wcs_contract.terminal import color_wanted

    captures = Path(args.captures) if args.captures else _default_captures()
    files = sorted(p for p in captures.glob("*") if p.is_file()) if captures.is_dir() else []
    paths = [_shown_path(p) for p in files]
    if not paths:
        raise UsageError(f"no captures to validate in {captures} (pass --captures DIR)")

    server_log = io.StringIO()  # one line per call: kept out of the demo's output
    with running_server(None, log=server_log) as base_url:
        url = f"{base_url}/EchoApp"
        _heading(f"wcs-contract serve: the reference hook server is listening on {url}")
        _heading(f"wcs-contract test {url} --max-examples {args.max_examples} --seed {args.seed}")
        options = RunOptions(url=url, max_examples=args.max_examples, seed=args.seed)
        result = run_live(options, progress_for(sys.stderr))
        print(render_text(result, header=False), end="", flush=True)
    calls = server_log.getvalue().count("\n")
    print(f"(the server answered {calls} calls and stopped)")

    _heading(f"wcs-contract validate {' '.join(paths)}")
    color = color_wanted(sys.stdout)
    summary = validate_paths(paths, TextReporter(sys.stdout, color=color, verbose=False), Options())

    _heading("summary")
    flows = f" and {len(result.flows)} flows" if result.flows else ""
    verdict = "passed" if result.passed else "FAILED"
    print(
        f"test: {verdict} — {len(result.methods)} methods{flows} of the reference server,"
        f" {result.requests} requests, {result.failure_count} failures,"
        f" {result.warning_count} warnings"
    )
    files_word = "file" if len(paths) == 1 else "files"
    print(
        f"validate: {summary.valid} of {summary.payloads} payloads valid in {len(paths)}"
        f" capture {files_word}, {summary.invalid} invalid, {summary.unreadable} unreadable"
    )
    if summary.invalid and not args.captures:
        print(
            "The invalid payload is there on purpose: the sample captures hold one deliberate"
            " mistake (a backend answering an unknown stream status), reported above with its"
            " line, JSON Pointer and the expected values."
        )
    return 0 if result.passed else 1
