"""Captured payloads whose verdict flips between two versions of the contract.

The payloads are read as `wcs-contract validate` reads them (wcs_contract.inputs: envelopes,
frames, JSONL, HAR, WCS logs); each is judged under both versions as `validate` judges it without
--strict (unknown fields are warnings), by jsonschema-rs.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

from wcs_contract.compat.snapshot import Snapshot, SnapshotError

Verdict = Literal["valid", "invalid", "unrouted"]  # unrouted: no such method or direction


@dataclass(frozen=True, slots=True)
class Flip:
    """A payload that one version accepts and the other does not."""

    source: str
    line: int
    locator: str
    method: str
    direction: str
    old: Verdict
    new: Verdict

    @property
    def breaking(self) -> bool:
        """A payload that was valid no longer is."""
        return self.old == "valid"

    def as_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "line": self.line,
            "locator": self.locator,
            "method": self.method,
            "direction": self.direction,
            "old": self.old,
            "new": self.new,
        }


@dataclass
class CaptureSummary:
    payloads: int = 0
    unreadable: int = 0
    flips: int = 0


def verdict(snapshot: Snapshot, name: str | None, body: Any, direction: str | None) -> Verdict:
    method = snapshot.method_for(name, body, direction)
    if method is None or direction is None:
        return "unrouted"
    entry = snapshot.catalogue.find(method)
    if entry is None or direction not in entry.directions:
        return "unrouted"
    if snapshot.direction_file(method, direction) not in snapshot.docs:
        return "unrouted"
    return "valid" if snapshot.is_valid(body, method, direction, strict=False) else "invalid"


def flips(
    paths: list[str], old: Snapshot, new: Snapshot, summary: CaptureSummary
) -> Iterator[Flip | str]:
    """Every flip, in input order; a string for a piece of input that could not be read."""
    from wcs_contract import inputs
    from wcs_contract.batch import expand_paths

    for path in expand_paths(paths):
        for item in inputs.read(path):
            if isinstance(item, inputs.Unreadable):
                summary.unreadable += 1
                yield f"{item.source}:{item.line}: {_for_diff(item.message)}"
                continue
            if not isinstance(item, inputs.Payload):
                continue
            if item.direction == "client" and _keep_alive(item.body, old, new):
                continue
            summary.payloads += 1
            try:
                before = verdict(old, item.method, item.body, item.direction)
                after = verdict(new, item.method, item.body, item.direction)
            except SnapshotError as error:
                summary.unreadable += 1
                yield f"{item.source}:{item.line}: {error}"
                continue
            if before != after:
                summary.flips += 1
                name = (
                    new.method_for(item.method, item.body, item.direction)
                    or old.method_for(item.method, item.body, item.direction)
                    or str(item.method)
                )
                yield Flip(
                    item.source,
                    item.line,
                    item.locator,
                    name,
                    str(item.direction),
                    before,
                    after,
                )


def _for_diff(message: str) -> str:
    """validate's message, without the advice to pass --method and --direction, which diff
    does not have (a bare body cannot be judged here: its envelope must name the route)."""
    if not message.startswith("a bare body needs a method and a direction"):
        return message
    from wcs_contract.inputs.errors import ENVELOPE_SHAPE

    return f"a bare body names no method and direction: wrap it in an envelope {ENVELOPE_SHAPE}"


def _keep_alive(body: Any, old: Snapshot, new: Snapshot) -> bool:
    if not isinstance(body, dict):
        return False
    message = body.get("message")
    return message in old.catalogue.keep_alive or message in new.catalogue.keep_alive
