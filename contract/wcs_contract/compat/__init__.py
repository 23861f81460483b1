"""Compatibility of two versions of the contract: what a schema change breaks, for whom, and a
witness body that proves it (`wcs-contract diff`).

- snapshot.py  one version in memory, from a git revision or a folder; its validators
- rules.py     the kinds of change, each with its severity per direction and why
- compare.py   the walk over methods, directions, variants, fields and shared definitions
- witness.py   a body one version accepts and the other rejects, checked against both
- captures.py  captured payloads whose verdict flips
- render.py    text, Markdown, JSON and GitHub renderings

Light: stdlib, orjson and jsonschema-rs only.
"""

from __future__ import annotations

from wcs_contract.compat.compare import Change, compare
from wcs_contract.compat.rules import KINDS, RANK, Kind
from wcs_contract.compat.snapshot import Snapshot, SnapshotError

DIRECTIONS = ("request", "response", "client")

__all__ = [
    "KINDS",
    "RANK",
    "Change",
    "Kind",
    "Snapshot",
    "SnapshotError",
    "compare",
    "diff",
]


def diff(old: Snapshot, new: Snapshot, *, witnesses: bool = True) -> list[Change]:
    """Every change from `old` to `new`, with a checked witness for each breaking or warning one
    where one can be found."""
    from wcs_contract.compat.witness import find

    changes = compare(old, new)
    # A schema the validator cannot compile (a `pattern` that is no regular expression) makes
    # NEW no usable contract, whatever the change's severity: each route a change touches is
    # compiled (about 0.1 ms a route), not only those a witness needs; the shared definitions
    # changed come first, each on its own, so that an error there is named where it is.
    shared = sorted({(c.file, _definition(c.pointer)) for c in changes if c.direction == "shared"})
    routes = sorted({(new.direction_file(*r), "") for c in changes for r in _routes(c)})
    for relative, pointer in shared + routes:
        if relative in new.docs:
            new.check_usable(relative, pointer)
    if witnesses:
        for change in changes:
            if change.severity in ("breaking", "warning") and (change.finding or change.lost):
                change.witness = find(change, old, new)
    return changes


def _routes(change: Change) -> tuple[tuple[str, str], ...]:
    """The (method, direction) routes a change is about."""
    own = ((change.method, change.direction),) if change.direction in DIRECTIONS else ()
    return own + change.affected


def _definition(pointer: str) -> str:
    """The shared definition a pointer is in: `/$defs/name` of `/$defs/name/...`, else the
    whole document."""
    parts = pointer.split("/")
    return "/".join(parts[:3]) if parts[1:2] == ["$defs"] and len(parts) > 2 else ""
