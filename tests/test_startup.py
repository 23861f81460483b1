"""`wcs-contract validate` is a pre-commit hook: what its start-up loads is what its inputs need.

Each case runs the command in a fresh interpreter and lists the modules it imported. The time
itself is measured by `make bench` (benchmarks/bench.py), not here.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from wcs_contract.cli import SUBCOMMANDS, HelpFormatter, _terminal_columns, build_parser
from wcs_contract.examples import all_examples

VALID = [str(e.path) for e in all_examples() if e.valid]
INVALID = next(e for e in all_examples() if not e.valid and e.direction == "request")
# Never needed to check a clean capture: the reference validator, the models, the extras' tools,
# the progress bar and tables (rich), and what argparse would import only to size its help.
NEVER = {
    "jsonschema",
    "referencing",
    "pydantic",
    "schemathesis",
    "hypothesis",
    "starlette",
    "uvicorn",
    "rich",
    "shutil",
}


def imported_by(arguments: list[str]) -> set[str]:
    """The modules a fresh interpreter has loaded after `wcs-contract ARGUMENTS`."""
    code = (
        "import contextlib, io, sys\n"
        "from wcs_contract.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    main({arguments!r})\n"
        "print(' '.join(sorted(sys.modules)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    return set(done.stdout.split())


def test_validating_json_files_loads_only_the_document_reader() -> None:
    loaded = imported_by(["validate", *VALID[:100]])
    assert "wcs_contract.inputs.json_document" in loaded  # the reader these inputs need
    unneeded = {
        "wcs_contract.inputs.jsonl",
        "wcs_contract.inputs.detect",
        "wcs_contract.inputs.wcs_log",
        "wcs_contract.reporters.json_report",
        "wcs_contract.rest_client_config",
        "difflib",  # only for "did you mean" in a failing payload's explanation
    }
    assert not loaded & (NEVER | unneeded), sorted(loaded & (NEVER | unneeded))


def test_validating_json_lines_loads_neither_the_document_har_nor_log_readers(
    tmp_path: Path,
) -> None:
    capture = tmp_path / "traffic.jsonl"
    lines = [orjson.dumps(e.envelope) for e in all_examples() if e.valid][:50]
    capture.write_bytes(b"\n".join([*lines, orjson.dumps(INVALID.envelope)]) + b"\n")
    loaded = imported_by(["validate", "--format", "json", str(capture)])
    assert "wcs_contract.inputs.jsonl" in loaded
    unneeded = {
        "wcs_contract.inputs.json_document",
        "wcs_contract.inputs.har",
        "wcs_contract.inputs.wcs_log",
        "wcs_contract.inputs.detect",
    }
    assert not loaded & (NEVER | unneeded), sorted(loaded & (NEVER | unneeded))


@pytest.mark.parametrize("columns", [None, "", "abc", "0", "-3", "50", "100", "180"])
def test_the_terminal_width_is_shutils(
    columns: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", columns)
    assert _terminal_columns() == shutil.get_terminal_size().columns


@pytest.mark.parametrize("columns", ["50", "100", "180"])
@pytest.mark.parametrize("command", SUBCOMMANDS)
def test_help_is_laid_out_as_argparse_lays_it_out(
    command: str, columns: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    parser = build_parser(command)
    (subparsers,) = (a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    for shown in (parser, subparsers.choices[command]):
        ours = shown.format_help()
        if shown.formatter_class is HelpFormatter:
            shown.formatter_class = argparse.RawDescriptionHelpFormatter
        assert ours == shown.format_help()
