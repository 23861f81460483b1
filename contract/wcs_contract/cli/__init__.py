"""The `wcs-contract` command: one module per subcommand, each with `add_parser` and `run`.

Subcommand modules import their heavy dependencies inside `run`, so that `wcs-contract validate`
(a pre-commit hook) starts without loading schemathesis, pydantic or python-jsonschema.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from importlib import import_module

from wcs_contract import __version__

# name -> module under wcs_contract.cli; the order is the order of `--help`
SUBCOMMANDS = ("validate", "test", "serve", "proxy", "diff", "methods", "demo")

EPILOG = """\
exit codes: 0 clean, 1 contract violations, 2 unreadable input, usage error or internal error

examples:
  wcs-contract methods
  wcs-contract validate captures/*.json --format github
  wcs-contract serve --port 9091
  wcs-contract test http://127.0.0.1:9091/EchoApp --max-examples 20
"""


class UsageError(Exception):
    """A mistake in the command line: printed as `wcs-contract: error: ...`, exit code 2."""


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The command line; with `only`, just that subcommand (start-up matters for the hook)."""
    parser = argparse.ArgumentParser(
        prog="wcs-contract",
        description="Check Flashphoner WCS REST hook traffic and servers against the contract.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"wcs-contract {__version__}")
    parser.add_argument(
        "--debug",
        action="store_true",
        help="on an internal error, show the traceback (accepted anywhere on the command line)",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in (only,) if only else SUBCOMMANDS:
        import_module(f"wcs_contract.cli.{name}").add_parser(subparsers)
    return parser


def _without_debug(arguments: list[str]) -> tuple[list[str], bool]:
    """The arguments without `--debug` (before any `--`), and whether it was there."""
    end = arguments.index("--") if "--" in arguments else len(arguments)
    kept = [a for a in arguments[:end] if a != "--debug"] + arguments[end:]
    return kept, len(kept) != len(arguments)


def main(argv: Sequence[str] | None = None) -> int:
    arguments, debug = _without_debug(list(sys.argv[1:] if argv is None else argv))
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
    named = arguments[0] if arguments and arguments[0] in SUBCOMMANDS else None
    parser = build_parser(named)
    args = parser.parse_args(arguments)
    module = import_module(f"wcs_contract.cli.{args.command}")
    try:
        code: int = module.run(args)
    except UsageError as error:
        parser.exit(2, f"wcs-contract: error: {error}\n")
    except KeyboardInterrupt:
        print("wcs-contract: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    return code


def entry() -> None:
    sys.exit(main())
