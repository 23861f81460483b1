"""A command started with its standard output closed (`wcs-contract methods >&-`): a usage
error that says where the report should go, never an internal error; the servers, whose
standard output only announces where they listen, still run."""

from __future__ import annotations

import pytest

from wcs_contract.cli import main


@pytest.mark.parametrize("arguments", [["methods"], ["diff", "HEAD"], ["demo"]])
def test_a_report_with_nowhere_to_go_is_a_usage_error(
    arguments: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdout", None)
    with pytest.raises(SystemExit) as stopped:
        main(arguments)
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert err == (
        "wcs-contract: error: standard output is closed, so the report has nowhere to go:"
        " redirect it to a file (> report.txt) instead of closing it\n"
    )


def test_a_server_runs_without_standard_output(monkeypatch: pytest.MonkeyPatch) -> None:
    """`serve >&-` gets as far as listening: here, as far as a busy port's usage error."""
    from wcs_contract.server import HookServer

    busy = HookServer()
    try:
        monkeypatch.setattr("sys.stdout", None)
        with pytest.raises(SystemExit) as stopped:
            main(["serve", "--port", busy.url.rsplit(":", 1)[1]])
    finally:
        busy.stop()
    assert stopped.value.code == 2  # cannot listen: the closed stdout was no obstacle
