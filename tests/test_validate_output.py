"""`validate --output FILE`: the report in --format goes to the file, the text to the terminal."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree

import pytest

from wcs_contract.cli import main
from wcs_contract.examples import all_examples

INVALID = next(
    e for e in all_examples() if not e.valid and e.method == "connect" and e.direction == "request"
)
VALID = [str(e.path) for e in all_examples() if e.valid and e.method == "connect"][:3]


@pytest.mark.parametrize("kind", ["json", "junit", "github", "text"])
def test_the_file_gets_the_format_and_stdout_the_text(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, kind: str
) -> None:
    output = tmp_path / f"report.{kind}"
    code = main(["validate", "--format", kind, "--output", str(output), *VALID, str(INVALID.path)])
    assert code == 1
    out = capsys.readouterr().out
    text_lines = out.splitlines()
    assert text_lines[-1].startswith(f"FAILED: {len(VALID) + 1} payloads: {len(VALID)} valid")
    assert f"{INVALID.path}:1: error: connect/request" in out
    saved = output.read_text()
    if kind == "json":
        assert json.loads(saved)["summary"]["invalid"] == 1
    elif kind == "junit":
        suite = ElementTree.fromstring(saved).find("testsuite")
        assert suite is not None
        assert suite.get("tests") == str(len(VALID) + 1)
        assert suite.get("failures") == "1"
    elif kind == "github":
        assert saved.startswith("::error file=")
    else:
        assert saved == out  # the same text, without colour
    assert "\x1b[" not in saved


def test_an_output_that_cannot_be_written_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["validate", "--output", str(tmp_path / "missing" / "r.json"), *VALID])
    assert stopped.value.code == 2
    assert "--output" in capsys.readouterr().err
