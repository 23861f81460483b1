"""`wcs-contract demo`'s own options: a wrong value is a usage error before anything starts."""

from __future__ import annotations

import pytest

from wcs_contract.cli import main


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("0", "must be at least 1, not 0"),
        ("-3", "must be at least 1, not -3"),
        ("x", "not a number"),
    ],
)
def test_a_wrong_max_examples_is_a_usage_error_before_the_server_starts(
    value: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit:
        main(["demo", "--max-examples", value])
    assert exit.value.code == 2
    out, err = capsys.readouterr()
    assert out == ""  # no server was started, nothing was tested
    assert f"wcs-contract demo: error: argument --max-examples: {message}" in err
    assert "internal error" not in err
