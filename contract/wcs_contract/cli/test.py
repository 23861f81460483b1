"""`wcs-contract test URL`: property tests and flows against a live REST hook backend."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from wcs_contract.cli import HelpFormatter

DESCRIPTION = """\
POST generated hook bodies to URL/<method> for every method of the contract (schemathesis,
positive mode), check every answer, then run stateful flows (connect, publish, call, data) with
consistent ids. URL is the application's REST URL, e.g. http://127.0.0.1:9091/EchoApp."""

EPILOG = """\
checks: connection, timeout, server_error, status_code, json_object, response_schema, mirror,
  rest_client_config, refusal_body, signature (--secret), negative (--negative), exercised

exit codes: 0 every check passed (warnings allowed), 1 failures, 2 could not run

examples:
  wcs-contract test http://127.0.0.1:9091/EchoApp
  wcs-contract test http://127.0.0.1:9091/EchoApp --methods connect,publishStream --seed 1
  wcs-contract test https://backend.example.com/wcs --secret "$WCS_SECRET" --report junit=wcs.xml
  wcs-contract test URL --exclude-methods sendBugReport --exclude-checks timeout \\
      --header "X-Api-Key: $KEY" --report junit=wcs.xml --report json=wcs.json
"""


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "test",
        help="test a live REST hook backend (property tests and flows)",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=HelpFormatter,
    )
    parser.add_argument("url", metavar="URL", help="the application's REST URL")
    parser.add_argument(
        "--methods",
        metavar="M,...",
        action="append",
        help="only these methods (default: all); a flow runs when all its methods are selected",
    )
    parser.add_argument(
        "--exclude-methods", metavar="M,...", action="append", help="leave these methods out"
    )
    parser.add_argument(
        "--checks", metavar="C,...", action="append", help="only these checks judge (see below)"
    )
    parser.add_argument(
        "--exclude-checks", metavar="C,...", action="append", help="these checks do not judge"
    )
    parser.add_argument(
        "--header",
        metavar="'NAME: VALUE'",
        action="append",
        default=[],
        help="send this header with every request (repeatable); values are hidden in output",
    )
    parser.add_argument(
        "--max-examples", type=int, default=20, metavar="N", help="cases per method (default 20)"
    )
    parser.add_argument("--seed", type=int, metavar="N", help="repeat the cases of a former run")
    parser.add_argument(
        "--timeout",
        type=float,
        default=15.0,
        metavar="S",
        help="seconds for each exchange, from connecting to the answer's last byte"
        " (default 15, as WCS; at most 3600)",
    )
    parser.add_argument(
        "--max-response-size",
        default="4M",
        metavar="SIZE",
        help="largest answer read, in bytes or with K, M, G; decompressed bytes count"
        " (default 4M); a larger answer fails the method",
    )
    parser.add_argument(
        "--negative", action="store_true", help="also send invalid bodies: no 5xx allowed"
    )
    parser.add_argument("--user", metavar="U", help="HTTP basic auth user (WCS restUsername)")
    parser.add_argument("--password", metavar="P", help="HTTP basic auth password")
    parser.add_argument(
        "--secret",
        metavar="KEY",
        help="sign requests as WCS does (rest_hook_secret_key) and check wrong signatures get 403",
    )
    parser.add_argument(
        "--report",
        metavar="KIND=PATH",
        action="append",
        default=[],
        help="also write a report (repeatable): junit=PATH (JUnit XML), json=PATH (--format json)",
    )
    parser.add_argument(
        "--format", choices=("text", "json"), default="text", help="stdout: text (default) or JSON"
    )
    parser.add_argument(
        "--expect-refusal",
        metavar="METHOD",
        action="append",
        default=[],
        help="a method the backend rightly refuses every generated body of (e.g. it demands a"
        " token they lack); repeatable. Any other method whose every valid request is refused"
        " was not exercised and fails the run",
    )
    parser.add_argument("--no-flows", action="store_true", help="skip the stateful flows")
    parser.add_argument(
        "--workers", type=int, default=8, metavar="N", help="methods tested at once (default 8)"
    )
    parser.add_argument("--quiet", action="store_true", help="no progress on stderr")
    parser.set_defaults(command="test")


REPORT_KINDS = ("junit", "json")


def _reports(values: list[str]) -> list[tuple[str, Path]]:
    from wcs_contract.cli import UsageError

    reports: list[tuple[str, Path]] = []
    for value in values:
        kind, sep, path = value.partition("=")
        if not sep or not path:
            raise UsageError(f"--report {value!r}: expected junit=PATH or json=PATH")
        if kind not in REPORT_KINDS:
            raise UsageError(
                f"--report {value!r}: unknown report kind {kind!r} (expected junit or json)"
            )
        reports.append((kind, Path(path)))
        _check_writable(value, Path(path))
    return reports


def _check_writable(value: str, path: Path) -> None:
    """A usage error now for a report that could not be written after the run (its result
    would be lost)."""
    import os

    from wcs_contract.cli import UsageError

    if path.is_dir():
        raise UsageError(f"--report {value!r}: {path} is a folder, give a file name")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        message = f"--report {value!r}: cannot create {path.parent}: {error.strerror}"
        raise UsageError(message) from None
    target = path if path.exists() else path.parent
    if not os.access(target, os.W_OK):
        raise UsageError(f"--report {value!r}: {target} is not writable")


def _hypothesis_home() -> None:
    """Keep Hypothesis' caches out of the user's working directory (it would add .hypothesis/)."""
    import os

    if os.environ.get("HYPOTHESIS_STORAGE_DIRECTORY"):
        return
    from hypothesis.configuration import set_hypothesis_home_dir

    home = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "wcs-contract"
    try:
        home.mkdir(parents=True, exist_ok=True)
    except OSError:
        import tempfile

        home = Path(tempfile.gettempdir()) / "wcs-contract"
    set_hypothesis_home_dir(home / "hypothesis")


def run(args: argparse.Namespace) -> int:
    from wcs_contract.cli import UsageError
    from wcs_contract.live.options import OptionsError, run_options
    from wcs_contract.live.progress import progress_for
    from wcs_contract.live.report import render_json, render_junit, render_text
    from wcs_contract.live.results import CannotRun
    from wcs_contract.live.runner import run as run_live

    reports = _reports(args.report)
    _hypothesis_home()
    try:
        options = run_options(
            args.url,
            methods=args.methods,
            exclude_methods=args.exclude_methods,
            checks=args.checks,
            exclude_checks=args.exclude_checks,
            expect_refusal=args.expect_refusal,
            headers=args.header,
            user=args.user,
            password=args.password,
            secret=args.secret,
            max_response_size=args.max_response_size,
            max_examples=args.max_examples,
            seed=args.seed,
            timeout=args.timeout,
            negative=args.negative,
            flows=not args.no_flows,
            workers=args.workers,
        )
        result = run_live(options, progress_for(sys.stderr, quiet=args.quiet))
    except OptionsError as error:
        raise UsageError(str(error)) from None
    except CannotRun as error:
        print(f"wcs-contract: {error}", file=sys.stderr)
        return 2
    unwritten = 0
    for kind, path in reports:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            text = render_junit(result) if kind == "junit" else render_json(result)
            path.write_text(text, encoding="utf-8")
        except OSError as error:  # the disk filled up during the run, say
            print(f"wcs-contract: cannot write {path}: {error.strerror}", file=sys.stderr)
            unwritten += 1
    # The result is shown even when a report could not be written: the run is not lost.
    sys.stdout.write(render_json(result) if args.format == "json" else render_text(result))
    return 2 if unwritten else result.exit_code
