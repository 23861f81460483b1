"""`wcs-contract validate`: check captured payloads (files, HAR, logs, stdin)."""

from __future__ import annotations

import argparse
import os
import signal
import stat
import sys
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO, cast

from wcs_contract.cli import HelpFormatter

if TYPE_CHECKING:
    from wcs_contract.contract_coverage import Coverage
    from wcs_contract.reporters import Reporter

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
        formatter_class=HelpFormatter,
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
        help="worker processes for big JSONL files (default and most: one per usable core)",
    )
    parser.add_argument(
        "--coverage",
        action="store_true",
        help="also say which methods, variants, status values and fields the payloads exercised"
        " of all the contract declares: a table after the report (on stderr with junit or"
        ' github), a "coverage" member with --format json',
    )
    parser.add_argument(
        "--output",
        metavar="FILE",
        help="write the report (in --format) to FILE and show the text report on stdout",
    )
    parser.add_argument("--no-color", action="store_true", help="the same as --color never")
    parser.add_argument("--quiet", action="store_true", help="no progress display")


MAX_REST_CLIENT_CONFIG_BYTES = 16 << 20  # a whole connect answer is a few kB


def _load_rest_client_config(path: str) -> dict[str, Any]:
    import orjson

    from wcs_contract.cli import UsageError
    from wcs_contract.inputs.files import read_bytes
    from wcs_contract.validator import direction_validator

    try:
        data = read_bytes(path, MAX_REST_CLIENT_CONFIG_BYTES)
        if len(data) > MAX_REST_CLIENT_CONFIG_BYTES:
            raise UsageError(
                f"--rest-client-config {path}: larger than {MAX_REST_CLIENT_CONFIG_BYTES >> 20}"
                " MiB, so not a restClientConfig (one is a few kB): pass the connect answer's"
                " restClientConfig"
            )
        config = orjson.loads(data)
    except OSError as error:
        raise UsageError(f"--rest-client-config {path}: {error.strerror}") from None
    except orjson.JSONDecodeError as error:
        from wcs_contract.inputs.errors import json_error

        problem = json_error(error, data, path, expected="expected a restClientConfig object")
        where = f"{path}:{problem.line}:{problem.column}"
        raise UsageError(f"--rest-client-config {where}: {problem.message}") from None
    if isinstance(config, dict) and isinstance(config.get("restClientConfig"), dict):
        config = config["restClientConfig"]  # a whole connect answer is fine too
    if isinstance(config, dict):
        from wcs_contract.rest_client_config import unknown_methods

        for message in unknown_methods(config).values():
            raise UsageError(f"--rest-client-config {path}: {message}")
    check = direction_validator("connect", "response")
    if not isinstance(config, dict) or not check.is_valid({"restClientConfig": config}):
        problems = check.explain({"restClientConfig": config}, strict=True)
        detail = "; ".join(f"{i.pointer}: {i.message}" for i in problems) or "expected an object"
        raise UsageError(f"--rest-client-config {path} is not a restClientConfig: {detail}")
    return config


def _warn(message: str) -> None:
    from wcs_contract.printable import printable

    print(f"wcs-contract validate: warning: {printable(message)}", file=sys.stderr)


class _Terminated(KeyboardInterrupt):
    """SIGTERM, raised where Ctrl-C's KeyboardInterrupt would be."""


@contextmanager
def _stopped_by_sigterm() -> Iterator[None]:
    """SIGTERM (`timeout`, a cancelled CI job) ends the run as Ctrl-C does: the worker processes
    of --jobs, which inherit the handler, are shut down with it instead of waiting, orphaned,
    for work that never comes."""

    def stop(_signum: int, _frame: object) -> None:
        raise _Terminated

    try:
        previous = signal.signal(signal.SIGTERM, stop)
    except ValueError:  # not the main thread (validate called from a thread): leave it be
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _refuse_output_among_inputs(output: str, paths: list[str]) -> None:
    """`--output` naming a capture would empty it (opened for writing) before it is read."""
    from wcs_contract.cli import UsageError

    for path in paths:
        try:
            if path == "-":  # standard input redirected from the output file (`< FILE`)
                stdin = os.fstat(sys.stdin.fileno())
                same = stat.S_ISREG(stdin.st_mode) and os.path.samestat(Path(output).stat(), stdin)
            else:
                same = Path(output).samefile(path)
        except (OSError, AttributeError, ValueError):
            continue  # no such output yet, an input that cannot be read, no stdin: no clash
        if same:
            raise UsageError(
                f"--output {output} is also an input ({path}): writing the report there would"
                " destroy the capture; write the report to another file"
            )


class ReportNotWritten(Exception):
    """The report could not be written (a full disk, a quota): where, and why."""

    def __init__(self, destination: str, error: OSError) -> None:
        reason = error.strerror or type(error).__name__
        super().__init__(
            f"cannot write the report to {destination}: {reason}; free some space or write"
            " the report elsewhere (--output FILE)"
        )


class _Destination:
    """A stream the report goes to, named, so that a write that fails says where (and is not
    taken for a bug of ours); a closed pipe stays a BrokenPipeError (exit 0, as `| head`)."""

    def __init__(self, stream: TextIO, name: str) -> None:
        self.stream = stream
        self.name = name

    def write(self, text: str) -> int:
        try:
            return self.stream.write(text)
        except BrokenPipeError:
            raise
        except OSError as error:
            raise ReportNotWritten(self.name, error) from None

    def flush(self) -> None:
        try:
            self.stream.flush()
        except BrokenPipeError:
            raise
        except OSError as error:
            raise ReportNotWritten(self.name, error) from None


def _close_quietly(stream: TextIO) -> None:
    """Close the --output file; a write that failed was reported already (it was flushed)."""
    with suppress(OSError):
        stream.close()


def _with_coverage(reporter: Reporter, coverage: Coverage | None) -> None:
    """--coverage in JSON: a "coverage" member after the summary, not a table."""
    if coverage is None:
        return
    from wcs_contract.reporters.json_report import JsonReporter

    if isinstance(reporter, JsonReporter):
        reporter.extra = lambda: {"coverage": coverage.as_dict()}


def run(args: argparse.Namespace) -> int:
    from wcs_contract.batch import Options, default_jobs, expand_paths, validate_paths
    from wcs_contract.catalogue import UnknownMethodError, load_catalogue
    from wcs_contract.cli import UsageError
    from wcs_contract.reporters import Tee, make_reporter

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
        # More workers than usable cores only share them and multiply the memory in flight.
        jobs=min(args.jobs or default_jobs(), default_jobs()),
        report_clean=args.format == "junit",
        coverage=args.coverage,
    )
    paths = expand_paths(args.paths, warn=_warn)
    if args.output:
        _refuse_output_among_inputs(args.output, paths)
    from wcs_contract.terminal import color_wanted

    color = not args.no_color and color_wanted(sys.stdout)
    coverage: Coverage | None = None
    if args.coverage:
        from wcs_contract.contract_coverage import Coverage

        coverage = Coverage()
    with ExitStack() as stack:
        saved: TextIO | None = None
        if args.output:
            try:
                opened = Path(args.output).open("w", encoding="utf-8")  # noqa: SIM115
            except OSError as error:
                raise UsageError(f"--output {args.output}: {error.strerror}") from None
            stack.callback(_close_quietly, opened)
            saved = cast(TextIO, _Destination(opened, args.output))

        def reporter_for(terminal: TextIO) -> Reporter:
            out = cast(TextIO, _Destination(terminal, "standard output"))
            if saved is None:
                chosen = make_reporter(
                    args.format, out, color=color and args.format == "text", verbose=False
                )
                _with_coverage(chosen, coverage)
                return chosen
            to_file = make_reporter(args.format, saved, color=False, verbose=False)
            _with_coverage(to_file, coverage)
            return Tee(to_file, make_reporter("text", out, color=color, verbose=False))

        try:
            with _stopped_by_sigterm():
                if args.quiet:
                    summary = validate_paths(
                        paths, reporter_for(sys.stdout), options, coverage=coverage
                    )
                else:
                    from wcs_contract.cli.progress import byte_progress

                    with byte_progress(paths, sys.stdout, sys.stderr) as (advance, out):
                        summary = validate_paths(
                            paths, reporter_for(out), options, advance, coverage=coverage
                        )
            if saved is not None:
                saved.flush()  # here, where a full disk is reported, not when the file closes
        except ReportNotWritten as error:
            raise UsageError(str(error)) from None
        except _Terminated:
            print("wcs-contract: terminated", file=sys.stderr)
            return 128 + signal.SIGTERM
    if coverage is not None and args.format != "json":
        table = sys.stdout if args.format == "text" else sys.stderr
        table.write(coverage.table())
    if summary.unreadable:
        return 2
    return 1 if summary.invalid else 0
