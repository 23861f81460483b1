"""The `wcs-contract` command: one module per subcommand, each with `add_parser` and `run`.

Subcommand modules import their heavy dependencies inside `run`, so that `wcs-contract validate`
(a pre-commit hook) starts without loading schemathesis, pydantic or python-jsonschema.
"""

from __future__ import annotations

import argparse
import codecs
import gc
import io
import os
import sys
from collections.abc import Sequence
from importlib import import_module

from wcs_contract import __version__
from wcs_contract.terminal import COLOR_MODES, set_color_mode

# name -> module under wcs_contract.cli; the order is the order of `--help`
SUBCOMMANDS = ("validate", "test", "serve", "proxy", "diff", "methods", "demo")
# Commands whose standard output only announces where they listen: they run without one.
SERVERS = ("serve", "proxy")

EPILOG = """\
exit codes: 0 clean, 1 contract violations, 2 unreadable input, usage error or internal error

examples:
  wcs-contract methods
  wcs-contract validate captures/*.json --format github
  wcs-contract serve --port 9091
  wcs-contract test http://127.0.0.1:9091/EchoApp --max-examples 20
"""


# What each command needs beyond `pip install wcs-contract` (validate, methods and diff need
# nothing more): the extra that brings it, and the import names checked before the command runs.
# A command that finds one missing says which extra to install, exit 2.
EXTRAS: dict[str, tuple[str, tuple[str, ...]]] = {
    "test": ("test", ("schemathesis", "hypothesis", "requests")),
    "serve": ("serve", ("starlette", "uvicorn")),
    "demo": ("demo", ("schemathesis", "hypothesis", "requests", "starlette", "uvicorn")),
    "proxy": ("proxy", ("h11", "uvicorn")),
}
OPTIONAL_MODULES = frozenset(
    {"schemathesis", "hypothesis", "requests", "starlette", "uvicorn", "h11", "pydantic"}
)


def _extra_message(command: str, module: str) -> str:
    extra = EXTRAS[command][0] if command in EXTRAS else "all"
    return (
        f"wcs-contract {command} needs the optional dependency {module!r}:"
        f' pip install "wcs-contract[{extra}]" (or "wcs-contract[all]" for every command)'
    )


def missing_extra(command: str, error: ModuleNotFoundError | None = None) -> str | None:
    """The line to print when `command` lacks an optional dependency (found before it runs, or
    by the `error` it raised), else None."""
    from importlib.util import find_spec

    if error is None:
        for module in EXTRAS.get(command, ("", ()))[1]:
            if find_spec(module) is None:
                return _extra_message(command, module)
        return None
    module = (error.name or "").partition(".")[0]
    return _extra_message(command, module) if module in OPTIONAL_MODULES else None


def port_number(text: str) -> int:
    """`--port` of the commands that listen (`serve`, `proxy`): 0 to 65535, 0 for a free one."""
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {text!r}") from None
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"port {port} is not in 0-65535")
    return port


class HelpFormatter(argparse.RawDescriptionHelpFormatter):
    """argparse's formatter that keeps descriptions and epilogs as written, sized to the terminal
    as argparse sizes it (shutil.get_terminal_size) but without importing shutil: argparse makes
    a formatter for every argument it adds, and shutil brings zlib, bz2 and lzma, about 1.5 ms of
    the pre-commit hook's start-up."""

    def __init__(
        self,
        prog: str,
        indent_increment: int = 2,
        max_help_position: int = 24,
        width: int | None = None,
    ) -> None:
        if width is None:
            width = _terminal_columns() - 2
        super().__init__(prog, indent_increment, max_help_position, width)


def _terminal_columns() -> int:
    """shutil.get_terminal_size().columns: COLUMNS when it is a positive number, else the width
    of the terminal on standard output, else 80."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns > 0:
        return columns
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns or 80  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):
        return 80


class UsageError(Exception):
    """A mistake in the command line: printed as `wcs-contract: error: ...`, exit code 2."""


def _add_color_option(parser: argparse.ArgumentParser, default: str) -> None:
    parser.add_argument(
        "--color",
        choices=COLOR_MODES,
        default=default,
        help="colour: auto (on a terminal, unless NO_COLOR is set; FORCE_COLOR forces it),"
        " always or never (default auto)",
    )


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The command line; with `only`, just that subcommand (start-up matters for the hook)."""
    parser = argparse.ArgumentParser(
        prog="wcs-contract",
        description="Check Flashphoner WCS REST hook traffic and servers against the contract.",
        epilog=EPILOG,
        formatter_class=HelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"wcs-contract {__version__}")
    parser.add_argument(
        "--debug",
        action="store_true",
        help="on an internal error, show the traceback (accepted anywhere on the command line)",
    )
    _add_color_option(parser, "auto")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in (only,) if only else SUBCOMMANDS:
        import_module(f"wcs_contract.cli.{name}").add_parser(subparsers)
    # `--color` is also accepted after the command name, by every command.
    for subparser in subparsers.choices.values():
        _add_color_option(subparser, argparse.SUPPRESS)
    return parser


def _without_debug(arguments: list[str]) -> tuple[list[str], bool]:
    """The arguments without `--debug` (before any `--`), and whether it was there."""
    end = arguments.index("--") if "--" in arguments else len(arguments)
    kept = [a for a in arguments[:end] if a != "--debug"] + arguments[end:]
    return kept, len(kept) != len(arguments)


def _unicode_escape(error: UnicodeError) -> tuple[str, int]:
    """A character the output cannot encode as JSON spells it (backslash, u, four hex digits;
    a surrogate pair beyond the BMP)."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    escaped = []
    for char in error.object[error.start : error.end]:
        code = ord(char)
        if code > 0xFFFF:
            code -= 0x10000
            escaped.append(f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}")
        else:
            escaped.append(f"\\u{code:04x}")
    return "".join(escaped), error.end


def _escape_what_output_cannot_encode() -> None:
    """Reports quote names and values from captures and schemas (and use a few signs such as
    '→' and '—'): where the output's encoding cannot spell a character (PYTHONIOENCODING=ascii,
    a Latin-1 locale), it is written as a \\u escape, which a JSON report still parses, instead
    of ending the run with a UnicodeEncodeError half-way through the report."""
    codecs.register_error("wcs-contract-escape", _unicode_escape)
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper) and stream.errors == "strict":
            stream.reconfigure(errors="wcs-contract-escape")


def main(argv: Sequence[str] | None = None) -> int:
    arguments, debug = _without_debug(list(sys.argv[1:] if argv is None else argv))
    _escape_what_output_cannot_encode()
    try:
        return _main(arguments)
    except Exception as error:
        if debug:
            raise
        from wcs_contract.printable import printable

        # Exit 1 means "the contract found failures": a bug of ours must never look like that.
        what = printable(f"{type(error).__name__}: {error}")
        print(
            f"wcs-contract: internal error: {what} -- this is a bug in"
            f" wcs-contract {__version__}; run the same command with --debug and report the"
            " traceback it shows",
            file=sys.stderr,
        )
        return 2


def _main(arguments: list[str]) -> int:
    # The command's name, after a leading `--color X` if any: only its parser is built.
    skip = 0
    if arguments[:1] == ["--color"]:
        skip = 2
    elif arguments and arguments[0].startswith("--color="):
        skip = 1
    first = arguments[skip] if len(arguments) > skip else None
    named = first if first in SUBCOMMANDS else None
    parser = build_parser(named)
    args = parser.parse_args(arguments)
    set_color_mode(args.color)
    try:
        if sys.stdout is None and args.command not in SERVERS:  # started with `>&-`
            raise UsageError(
                "standard output is closed, so the report has nowhere to go:"
                " redirect it to a file (> report.txt) instead of closing it"
            )
        lacking = missing_extra(args.command)
        if lacking is not None:
            print(f"wcs-contract: error: {lacking}", file=sys.stderr)
            return 2
        module = import_module(f"wcs_contract.cli.{args.command}")
        code: int = module.run(args)
    except ModuleNotFoundError as error:
        message = missing_extra(args.command, error)
        if message is None:
            raise
        print(f"wcs-contract: error: {message}", file=sys.stderr)
        return 2
    except UsageError as error:
        parser.exit(2, f"wcs-contract: error: {error}\n")
    except KeyboardInterrupt:
        print("wcs-contract: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    return code


def entry() -> None:
    code = main()
    # The process ends here, with everything the command wrote closed: spare the interpreter's
    # last collections, which would walk every object once more on the way out (about a tenth
    # of the pre-commit hook's run). Objects are still freed by reference count.
    gc.freeze()
    sys.exit(code)
