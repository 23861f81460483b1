"""Witnesses: for a change, a small body that one version accepts and the other rejects.

A witness is searched for, never assumed: from the smallest valid body of the variant in each
version, with the changed place set to values drawn from both versions' schemas there (each enum
value, each type, each bound and the value just past it, or nothing at all). Every candidate is
checked against both versions with jsonschema-rs, and only one whose verdicts differ is shown.
"""

from __future__ import annotations

import contextlib
import copy
import re
from collections.abc import Iterator
from typing import Any

from wcs_contract.compat.compare import UNDECLARED, Change, Path
from wcs_contract.compat.minimal import deref, minimal
from wcs_contract.compat.rules import SAME_VALIDITY, scope_of
from wcs_contract.compat.snapshot import Loc, Snapshot, SnapshotError

ABSENT = object()  # a candidate that leaves the place out of the body
_EXEMPLARS: dict[str, list[Any]] = {
    "string": ["x", ""],
    "integer": [0, 1],
    "number": [0.5],
    "boolean": [False],
    "null": [None],
    "object": [{}],
    "array": [[]],
}
_FOREIGN: list[Any] = ["x", 0, 0.5, True, None, {}, []]
MAX_CANDIDATES = 400
_BOUNDS = ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum")


def _values(snapshot: Snapshot, node: Any, loc: Loc | None) -> Iterator[Any]:
    """Values worth trying at a place the schema `node` describes."""
    if loc is not None:
        node, loc = deref(snapshot, node, loc)
    if not isinstance(node, dict):
        return
    if "const" in node:
        yield node["const"]
    if isinstance(node.get("enum"), list):
        yield from node["enum"]
    if loc is not None:
        with contextlib.suppress(SnapshotError):
            yield minimal(snapshot, node, loc)
    for key in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        bound = node.get(key)
        if isinstance(bound, int | float) and not isinstance(bound, bool):
            yield from (bound - 1, bound, bound + 1)
    for key in ("minLength", "maxLength"):
        bound = node.get(key)
        if isinstance(bound, int):
            yield from ("x" * max(bound - 1, 0), "x" * bound, "x" * (bound + 1))
    for key in ("minItems", "maxItems"):
        bound = node.get(key)
        if isinstance(bound, int) and loc is not None:
            element = minimal(snapshot, node.get("items", {}), loc.child("items"))
            yield from ([element] * max(bound - 1, 0), [element] * bound, [element] * (bound + 1))
    if node.get("uniqueItems") and loc is not None:
        element = minimal(snapshot, node.get("items", {}), loc.child("items"))
        yield [element, element]
    declared = node.get("type")
    for t in declared if isinstance(declared, list) else [declared] if declared else []:
        yield from _EXEMPLARS.get(t, [])
    pattern = node.get("pattern")
    if isinstance(pattern, str):
        literal = re.match(r"\^?([\w@.:/-]*)", pattern)
        if literal:
            yield from (literal.group(1), literal.group(1) + "x")
    for key in ("minProperties", "maxProperties"):
        bound = node.get(key)
        if isinstance(bound, int):
            for size in (bound - 1, bound, bound + 1):
                yield {f"k{i}": "x" for i in range(max(size, 0))}
    for branch_key in ("oneOf", "anyOf"):
        for i, branch in enumerate(node.get(branch_key) or []):
            if loc is not None:
                yield from _values(snapshot, branch, loc.child(branch_key, i))


def _place(body: Any, path: Path, value: Any) -> Any:
    """A copy of `body` with `value` at `path` (ABSENT: the member removed)."""
    if not path:
        return body if value is ABSENT else value
    out = copy.deepcopy(body)
    node = out
    for i, part in enumerate(path[:-1]):
        following = path[i + 1]
        if part == "@key":
            return out
        if isinstance(node, dict):
            if not isinstance(node.get(part), dict | list):
                node[part] = [] if isinstance(following, int) else {}
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int):
            while len(node) <= part:
                node.append([] if isinstance(following, int) else {})
            node = node[part]
        else:
            return out
    last = path[-1]
    if last == "@key":  # the value is a member's name
        if isinstance(node, dict) and isinstance(value, str):
            node[value] = {}
        return out
    if isinstance(node, dict):
        if value is ABSENT:
            node.pop(last, None)
        else:
            node[last] = value
    elif isinstance(node, list) and isinstance(last, int):
        if value is ABSENT:
            del node[last:]
        else:
            while len(node) <= last:
                node.append(None)
            node[last] = value
    return out


def _bases(snapshot: Snapshot, variant: Loc | None, path: Path) -> Iterator[tuple[Any, Loc | None]]:
    if variant is None:
        return
    try:
        node, _ = snapshot.resolve("#" + variant.pointer, variant.file)
        field_path = tuple(p for p in path if p != "@key")
        yield minimal(snapshot, node, variant, field_path), variant
        yield minimal(snapshot, node, variant), variant
    except SnapshotError:
        return


def _targets(change: Change) -> list[tuple[str, str, Loc | None, Loc | None, Path]]:
    """Where to look for a witness: (method, direction, old variant, new variant, path)."""
    finding = change.finding
    assert finding is not None
    if change.direction != "shared":
        return [
            (
                change.method,
                change.direction,
                finding.variant_old,
                finding.variant_new,
                finding.path,
            )
        ]
    wanted = [u for u in change.uses if scope_of(u.direction) in _scopes_at(change)]
    out: list[tuple[str, str, Loc | None, Loc | None, Path]] = []
    for use in (wanted or list(change.uses))[:6]:
        out.append(
            (use.method, use.direction, use.variant, use.variant, (*use.path, *finding.path))
        )
    return out


def _scopes_at(change: Change) -> set[str]:
    from wcs_contract.compat.rules import KINDS

    kind = KINDS[change.change]
    return {scope for scope in ("send", "answer") if kind.severity(scope) == change.severity}


def find(change: Change, old: Snapshot, new: Snapshot) -> dict[str, Any] | None:
    """A checked witness for the change, or None when none was found."""
    if change.lost is not None:
        return _lost_route(change.lost, old, new)
    finding = change.finding
    if finding is None or change.change in SAME_VALIDITY:
        return None
    for method, direction, variant_old, variant_new, path in _targets(change):
        try:
            found = _search(old, new, method, direction, variant_old, variant_new, path, finding)
        except SnapshotError:
            continue
        if found is not None:
            body, old_valid = found
            if change.direction == "shared":
                where = {"method": method, "direction": direction}
            else:
                where = {}
            accepted_by = "old" if old_valid else "new"
            return {
                **where,
                "body": body,
                "accepted_by": accepted_by,
                "rejected_by": "new" if old_valid else "old",
            }
    return None


def _lost_route(
    lost: tuple[str, tuple[str, ...]], old: Snapshot, new: Snapshot
) -> dict[str, Any] | None:
    """For a method, alias or direction removed: a body the old version routes and accepts under
    that spelling and direction, and the new one cannot route."""
    from wcs_contract.compat.captures import verdict

    spelling, directions = lost
    for direction in directions:
        method = old.method_for(spelling, None, direction)
        if method is None or old.direction_file(method, direction) not in old.docs:
            continue
        relative = old.direction_file(method, direction)
        document = old.docs[relative]
        branches = document.get("oneOf") or [document]
        for i, branch in enumerate(branches):
            at = Loc(relative).child("oneOf", i) if "oneOf" in document else Loc(relative)
            try:
                node, where = deref(old, branch, at)
                body = minimal(old, node, where)
                before = verdict(old, spelling, body, direction)
                after = verdict(new, spelling, body, direction)
            except SnapshotError:
                continue
            if before == "valid" and after != "valid":
                return {
                    "method": spelling,
                    "direction": direction,
                    "body": body,
                    "accepted_by": "old",
                    "rejected_by": "new",
                }
    return None


def _search(
    old: Snapshot,
    new: Snapshot,
    method: str,
    direction: str,
    variant_old: Loc | None,
    variant_new: Loc | None,
    path: Path,
    finding: Any,
) -> tuple[Any, bool] | None:
    if old.direction_file(method, direction) not in old.docs:
        return None
    if new.direction_file(method, direction) not in new.docs:
        return None
    prefer_old = scope_of(direction) == "answer"
    values: list[Any] = [ABSENT, *_changed_bound(finding)]
    values += list(_values(old, finding.old_node, _loc_of(finding.old, finding.old_node)))
    values += list(_values(new, finding.new_node, _loc_of(finding.new, finding.new_node)))
    values += _FOREIGN  # values of every other type, for what a version no longer types
    if path and path[-1] == UNDECLARED:
        values.insert(0, "x")
    bases = [*_bases(old, variant_old, path), *_bases(new, variant_new, path)]
    tried = 0
    seen: set[bytes] = set()
    fallback: tuple[Any, bool] | None = None
    import orjson

    for base, _ in bases:
        for value in values:
            body = _place(base, path, value)
            try:
                key = orjson.dumps(body, option=orjson.OPT_SORT_KEYS)
            except TypeError:
                continue
            if key in seen:
                continue
            seen.add(key)
            tried += 1
            if tried > MAX_CANDIDATES:
                return fallback
            in_old = old.is_valid(body, method, direction)
            in_new = new.is_valid(body, method, direction)
            if in_old != in_new:
                if in_old == prefer_old:
                    return body, in_old
                fallback = fallback or (body, in_old)
    return fallback


def _changed_bound(finding: Any) -> list[Any]:
    """The values at the bound the change is about, tried first: where a node's minimum and
    maximum both changed, the maximum's witness must cross the maximum, not the minimum."""
    values: list[Any] = []
    for loc, node in ((finding.old, finding.old_node), (finding.new, finding.new_node)):
        keyword = loc.pointer.rsplit("/", 1)[-1] if loc is not None else ""
        bound = node.get(keyword) if isinstance(node, dict) else None
        if not isinstance(bound, int | float) or isinstance(bound, bool):
            continue
        if keyword in _BOUNDS:
            values += [bound - 1, bound, bound + 1]
        elif keyword in ("minLength", "maxLength") and isinstance(bound, int):
            values += ["x" * max(bound - 1, 0), "x" * bound, "x" * (bound + 1)]
    return values


def _loc_of(loc: Loc | None, node: Any) -> Loc | None:
    """The location to resolve a node's references from (its file is what matters)."""
    if loc is None or node is None:
        return None
    return loc
