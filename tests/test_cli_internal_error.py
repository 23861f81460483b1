"""An unexpected exception in any command: exit 2 and one line saying how to report it, never
exit 1 (which means "the contract found failures") and never a traceback unless --debug."""

from __future__ import annotations

import importlib

import pytest

from wcs_contract.cli import SUBCOMMANDS, main

ARGUMENTS = {
    "validate": ["x.json"],
    "test": ["http://127.0.0.1:9/EchoApp"],
    "proxy": ["--upstream", "http://127.0.0.1:9/EchoApp"],
    "diff": ["HEAD"],
}


def _explode(args: object) -> int:
    raise RuntimeError("boom\n\x1b[2Jforged line")


@pytest.mark.parametrize("command", SUBCOMMANDS)
def test_an_unexpected_exception_is_exit_2_and_one_line(
    command: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    module = importlib.import_module(f"wcs_contract.cli.{command}")
    monkeypatch.setattr(module, "run", _explode)
    assert main([command, *ARGUMENTS.get(command, [])]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith(
        "wcs-contract: internal error: RuntimeError: boom\\n\\x1b[2Jforged line -- this is a bug"
    )
    assert "run the same command with --debug and report the traceback" in err
    assert err.count("\n") == 1
    assert "Traceback" not in err


@pytest.mark.parametrize("where", ["first", "last"])
def test_debug_shows_the_traceback(where: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # the module `main` will import (another test may have reloaded it)
    monkeypatch.setattr(importlib.import_module("wcs_contract.cli.methods"), "run", _explode)
    argv = ["--debug", "methods"] if where == "first" else ["methods", "--debug"]
    with pytest.raises(RuntimeError, match="boom"):
        main(argv)


def test_debug_is_in_the_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert "--debug" in out
    assert "2 unreadable input, usage error or internal error" in out
