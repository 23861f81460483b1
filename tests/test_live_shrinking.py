"""The reducer behind shrunk reproductions: smaller bodies that still fail, within a budget."""

from __future__ import annotations

from typing import Any

import pytest

from wcs_contract.live.shrinking import Budget, shrink, size

BODY: dict[str, Any] = {
    "nodeId": "n",
    "sessionId": "s",
    "appKey": "a",
    "name": "stream1",
    "sdp": "v=0 " * 50,
    "custom": {"flat": "x", "nested": {"deep": [1, 2, {"k": "v"}]}, "blob": "é" * 5000},
}


def _always_valid(body: dict[str, Any]) -> bool:
    return True


def test_keeps_only_what_the_failure_needs() -> None:
    def nested_custom(body: dict[str, Any]) -> bool:
        custom = body.get("custom")
        return isinstance(custom, dict) and any(isinstance(v, dict) for v in custom.values())

    keep = frozenset(("nodeId", "sessionId", "appKey"))
    small = shrink(BODY, nested_custom, _always_valid, Budget(requests=200), keep=keep)
    assert small == {"nodeId": "n", "sessionId": "s", "appKey": "a", "custom": {"nested": {}}}


def test_a_size_limit_is_found_by_binary_search() -> None:
    def too_large(body: dict[str, Any]) -> bool:
        return size(body) > 4000

    small = shrink(BODY, too_large, _always_valid, Budget(requests=200))
    assert 4000 < size(small) < 4000 + 5000 * 2 // 64 + 2  # within 1/64 of the cut string


def test_invalid_candidates_are_never_sent() -> None:
    sent: list[dict[str, Any]] = []

    def fails(body: dict[str, Any]) -> bool:
        sent.append(body)
        return True

    def valid(body: dict[str, Any]) -> bool:
        return "name" in body and body["name"] == "stream1"

    small = shrink(BODY, fails, valid, Budget(requests=200))
    assert small == {"name": "stream1"}
    assert all(valid(body) for body in sent)


def test_the_budget_bounds_the_requests() -> None:
    calls: list[int] = []

    def fails(body: dict[str, Any]) -> bool:
        calls.append(1)
        return False

    assert shrink(BODY, fails, _always_valid, Budget(requests=7)) is BODY
    assert len(calls) == 7


def test_a_generated_failure_is_shrunk_by_hypothesis_then_reduced(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Every generated case fails (its appKey is not the example's): Hypothesis replays the
    seeded generation up to the failing case and shrinks it through schemathesis' strategy."""
    from servers import findings, only_default_app, run_quick, serve
    from wcs_contract.live import generation, runner

    replays: list[bool] = []
    real = generation.shrink_generated

    def spy(*args: Any, **kwargs: Any) -> bool:
        replays.append(real(*args, **kwargs))
        return replays[-1]

    monkeypatch.setattr(generation, "shrink_generated", spy)
    monkeypatch.setattr(runner, "SMALL_ENOUGH", 0)

    with serve(only_default_app) as served:
        result = run_quick(served.url, methods=("publishStream",), max_examples=8)
    assert replays == [True]
    (finding,) = findings(result, "server_error")
    assert finding.size < 80, finding.curl
    (row,) = result.methods
    assert any(note.startswith("shrank the reproduction of a server_error") for note in row.notes)
