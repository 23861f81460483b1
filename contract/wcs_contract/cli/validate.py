"""`wcs-contract validate`: check captured payloads (files, HAR, logs, stdin)."""

from __future__ import annotations

import argparse
import sys
from contextlib import ExitStack
from pathlib import Path
from typing import Any, TextIO

EPILOG = """\
inputs (detected by content and extension):
  x.json    an envelope {"method": M, "direction": D, "status"?: 200, "body": {...}},
            a WebSocket frame {"message": M, "data": [...]},
            or a bare body (needs --method and --direction)
  x.jsonl   one envelope (or frame) per line; a broken line is reported, the rest still checked
  x.har     every request/response whose URL ends in a method name
  x.log     WCS flashphoner.log: SEND REST OBJECT ==> / RECEIVED REST OBJECT <== blocks
  -         standard input

exit codes: 0 no errors (warnings allowed), 1 contract errors, 2 unreadable input or usage error

examples:
  wcs-contract validate captures/*.json
  wcs-contract validate --method connect --direction request body.json
  wcs-contract validate traffic.jsonl --format json > report.json
  wcs-contract validate captures/ --format junit --output validate.xml
  wcs-contract validate flashphoner.log --strict --format github
"""


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "validate",
        help="check captured hook payloads against the contract",
        description="Check captured WCS hook payloads against the contract; explain every error.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="files or folders (their .json/.jsonl/.ndjson/.har/.log files) to check; - for stdin",
    )
    parser.add_argument("--method", help="method of bare bodies (a wire name or alias)")
    parser.add_argument(
        "--direction",
        choices=("request", "response", "client"),
        help="direction of bare bodies: request (WCS to backend), response, client (WebSocket)",
    )
    parser.add_argument(
        "--strict", action="store_true", help="unknown fields are errors, not warnings"
    )
    parser.add_argument(
        "--format",
        choices=("text", "json", "junit", "github"),
        default="text",
        help="text (default), json, junit (XML), github (workflow annotations)",
    )
    parser.add_argument(
        "--secrets",
        choices=("warning", "error", "ignore"),
        default="warning",
        help="how to report a stored credential (sipPassword, authToken, ...): default warning",
    )
    parser.add_argument(
        "--rest-client-config",
        metavar="FILE",
        help="a restClientConfig (JSON): fields it excludes are not demanded",
    )
    parser.add_argument(
        "--jobs",
        type=int,
        default=0,
        metavar="N",
        help="worker processes for big JSONL files (default: one per core)",
    )
    parser.add_argument(
        "--output",
        metavar="FILE",
        help="write the report (in --format) to FILE and show the text report on stdout",
    )
    parser.add_argument("--no-color", action="store_true", help="the same as --color never")
    parser.add_argument("--quiet", action="store_true", help="no progress display")


def _load_rest_client_config(path: str) -> dict[str, Any]:
    import orjson

    from wcs_contract.cli import UsageError
    from wcs_contract.validator import direction_validator

    try:
        config = orjson.loads(Path(path).read_bytes())
    except OSError as error:
        raise UsageError(f"--rest-client-config {path}: {error.strerror}") from None
    except orjson.JSONDecodeError as error:
        raise UsageError(f"--rest-client-config {path}: not JSON: {error}") from None
    if isinstance(config, dict) and isinstance(config.get("restClientConfig"), dict):
        config = config["restClientConfig"]  # a whole connect answer is fine too
    check = direction_validator("connect", "response")
    if not isinstance(config, dict) or not check.is_valid({"restClientConfig": config}):
        problems = check.explain({"restClientConfig": config}, strict=True)
        detail = "; ".join(f"{i.pointer}: {i.message}" for i in problems) or "expected an object"
        raise UsageError(f"--rest-client-config {path} is not a restClientConfig: {detail}")
    return config


def run(args: argparse.Namespace) -> int:
    from wcs_contract.batch import Options, default_jobs, expand_paths, validate_paths
    from wcs_contract.catalogue import UnknownMethodError, load_catalogue
    from wcs_contract.cli import UsageError
    from wcs_contract.reporters import Reporter, Tee, make_reporter

    if args.method is not None:
        try:
            load_catalogue().get(args.method)
        except UnknownMethodError as error:
            raise UsageError(f"--method: {error}") from None
    if args.jobs < 0:
        raise UsageError("--jobs must be 0 (one per core) or more")
    options = Options(
        strict=args.strict,
        secrets=args.secrets,
        method=args.method,
        direction=args.direction,
        rest_client_config=(
            _load_rest_client_config(args.rest_client_config) if args.rest_client_config else None
        ),
        jobs=args.jobs or default_jobs(),
        report_clean=args.format == "junit",
    )
    paths = expand_paths(args.paths)
    from wcs_contract.terminal import color_wanted

    color = not args.no_color and color_wanted(sys.stdout)
    with ExitStack() as stack:
        saved: TextIO | None = None
        if args.output:
            try:
                saved = stack.enter_context(Path(args.output).open("w", encoding="utf-8"))
            except OSError as error:
                raise UsageError(f"--output {args.output}: {error.strerror}") from None

        def reporter_for(out: TextIO) -> Reporter:
            if saved is None:
                return make_reporter(
                    args.format, out, color=color and args.format == "text", verbose=False
                )
            to_file = make_reporter(args.format, saved, color=False, verbose=False)
            return Tee(to_file, make_reporter("text", out, color=color, verbose=False))

        if args.quiet:
            summary = validate_paths(paths, reporter_for(sys.stdout), options)
        else:
            from wcs_contract.cli.progress import byte_progress

            with byte_progress(paths, sys.stdout, sys.stderr) as (advance, out):
                summary = validate_paths(paths, reporter_for(out), options, advance)
    if summary.unreadable:
        return 2
    return 1 if summary.invalid else 0
