"""Output whose encoding cannot spell every character (PYTHONIOENCODING=ascii, a Latin-1
locale): what it cannot encode is escaped as JSON escapes it, never a UnicodeEncodeError that
ends the run half-way through its report as an internal error."""

from __future__ import annotations

import io
import json
import shutil
import sys
from pathlib import Path

import pytest

from wcs_contract.cli import main
from wcs_contract.resources import schemas_dir

BODY = {
    "method": "connect",
    "direction": "request",
    "body": {"nodeId": "n", "sessionId": "s", "appKey": "k", "mediaProviders": ["Wé€😀"]},
}


def run_into(encoding: str, arguments: list[str], monkeypatch: pytest.MonkeyPatch) -> str:
    """main(arguments) writing to a stdout of this encoding; what it wrote, decoded."""
    buffer = io.BytesIO()
    stdout = io.TextIOWrapper(buffer, encoding=encoding, newline="\n")
    monkeypatch.setattr(sys, "stdout", stdout)
    code = main(arguments)
    stdout.flush()
    assert code == 1
    return buffer.getvalue().decode(encoding)


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_validate_escapes_what_the_output_cannot_encode(
    encoding: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    capture = tmp_path / "capture€.json"
    capture.write_text(json.dumps(BODY, ensure_ascii=False), encoding="utf-8")
    text = run_into(encoding, ["validate", str(capture)], monkeypatch)
    assert "\\u20ac" in text
    assert "\\ud83d\\ude00" in text
    report = json.loads(
        run_into(encoding, ["validate", "--format", "json", str(capture)], monkeypatch)
    )
    issue = report["issues"][0]
    assert issue["source"] == f"{capture}:1"
    assert "'Wé€😀' is not allowed" in issue["message"]


def test_diff_escapes_what_the_output_cannot_encode(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = tmp_path / "old"
    new = tmp_path / "new"
    shutil.copytree(schemas_dir(), old)
    shutil.copytree(schemas_dir(), new)
    catalogue = json.loads((new / "catalogue.json").read_text())
    catalogue["methods"] = [m for m in catalogue["methods"] if m["name"] != "sendIMDN"]
    (new / "catalogue.json").write_text(json.dumps(catalogue))
    for format in ("text", "markdown", "github"):
        output = run_into("ascii", ["diff", str(old), str(new), "--format", format], monkeypatch)
        assert "sendIMDN" in output
    report = json.loads(
        run_into("ascii", ["diff", str(old), str(new), "--format", "json"], monkeypatch)
    )
    assert report["summary"]["breaking"] == 1
