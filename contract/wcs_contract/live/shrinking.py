"""Shrinking a failing body to a small one that still fails the same way.

Hypothesis shrinks what it generates (`generation.shrink_generated` replays a failing generated
case for it), but not explicit examples, and the cases that reach real defects first are explicit
(the edge bodies: nested, non-ASCII, 256 kB); nor does it often drop optional members. So a
failing body is reduced here too, greedily and within a budget of requests: drop optional
members, empty or cut strings (a binary search on their length, which finds a size limit such as
Express's 100 kB), and reduce nested objects and arrays. Every candidate is a valid request
(`valid`) before it is sent; `fails` sends it and says whether the same root cause showed again.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from time import perf_counter
from typing import Any

Path = tuple[str | int, ...]


@dataclass
class Budget:
    """How much a shrink may cost: requests sent and seconds spent."""

    requests: int = 40
    seconds: float = 3.0
    sent: int = 0
    started: float = 0.0

    def __post_init__(self) -> None:
        self.started = perf_counter()

    @property
    def spent(self) -> bool:
        return self.sent >= self.requests or perf_counter() - self.started > self.seconds


def size(body: Any) -> int:
    return len(json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode())


def _get(body: Any, path: Path) -> Any:
    for part in path:
        body = body[part]
    return body


def _set(body: Any, path: Path, value: Any) -> Any:
    """A copy of `body` with the value at `path` replaced (copies only along the path)."""
    if not path:
        return value
    head, rest = path[0], path[1:]
    if isinstance(body, dict):
        return {**body, head: _set(body[head], rest, value)}
    copy = list(body)
    copy[head] = _set(copy[head], rest, value)  # type: ignore[index]
    return copy


def _drop(body: Any, path: Path) -> Any:
    """A copy of `body` without the member or element at `path`."""
    parent = _get(body, path[:-1])
    last = path[-1]
    if isinstance(parent, dict):
        reduced: Any = {k: v for k, v in parent.items() if k != last}
    else:
        reduced = [v for i, v in enumerate(parent) if i != last]
    return _set(body, path[:-1], reduced)


def _leaves(body: Any, at: Path = ()) -> Iterator[tuple[Path, Any]]:
    """Every member and element with its path, parents before children."""
    if isinstance(body, dict):
        for key, value in body.items():
            yield (*at, key), value
            yield from _leaves(value, (*at, key))
    elif isinstance(body, list):
        for index, value in enumerate(body):
            yield (*at, index), value
            yield from _leaves(value, (*at, index))


def shrink(
    body: dict[str, Any],
    fails: Callable[[dict[str, Any]], bool],
    valid: Callable[[dict[str, Any]], bool],
    budget: Budget,
    keep: frozenset[str] = frozenset(),
) -> dict[str, Any]:
    """The smallest body found that still `fails`; `body` itself when nothing smaller does.

    `keep` names top-level members left as they are (the connection ids WCS always sends)."""
    best = body

    def attempt(candidate: Any) -> bool:
        nonlocal best
        if budget.spent or not isinstance(candidate, dict) or size(candidate) >= size(best):
            return False
        if not valid(candidate):
            return False
        budget.sent += 1
        if fails(candidate):
            best = candidate
            return True
        return False

    progress = True
    while progress and not budget.spent:
        progress = False
        # Largest first: one success there saves the most.
        for path, value in sorted(_leaves(best), key=lambda pv: -size(pv[1])):
            if budget.spent:
                break
            try:
                current = _get(best, path)
            except (KeyError, IndexError, TypeError):
                continue  # an earlier step removed it
            if current != value or path[0] in keep:
                continue
            if attempt(_drop(best, path)):
                progress = True
                continue
            if (
                isinstance(value, dict | list)
                and value
                and attempt(_set(best, path, type(value)()))
            ):
                progress = True
            elif isinstance(value, str) and value:
                progress = _shorten(best, path, value, attempt) or progress
    return best


def _shorten(best: Any, path: Path, text: str, attempt: Callable[[Any], bool]) -> bool:
    """Cut the string at `path` to the shortest prefix that still fails (binary search)."""
    if attempt(_set(best, path, "")):
        return True
    low, high, cut = 0, len(text), False  # a prefix of `low` passes, of `high` fails
    while high - low > max(1, len(text) // 64):
        middle = (low + high) // 2
        if attempt(_set(best, path, text[:middle])):
            high, cut = middle, True
            best = _set(best, path, text[:middle])
        else:
            low = middle
    return cut
