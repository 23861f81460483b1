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
    if witnesses:
        for change in changes:
            if change.severity in ("breaking", "warning") and (change.finding or change.lost):
                change.witness = find(change, old, new)
    return changes
