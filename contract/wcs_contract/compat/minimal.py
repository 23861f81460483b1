"""The smallest body a schema plausibly accepts: where witnesses start from."""

from __future__ import annotations

import copy
from typing import Any

from wcs_contract.compat.snapshot import Loc, Snapshot

Path = tuple[str | int, ...]


def minimal(snapshot: Snapshot, node: Any, loc: Loc, force: Path = (), depth: int = 0) -> Any:
    """The smallest body the schema plausibly accepts, holding the member at `force` too."""
    for _ in range(32):
        if isinstance(node, dict) and isinstance(node.get("$ref"), str):
            node, loc = snapshot.resolve(node["$ref"], loc.file)
        else:
            break
    if depth > 24 or not isinstance(node, dict):
        return None if force else {}
    if "const" in node and not force:
        return copy.deepcopy(node["const"])
    if isinstance(node.get("enum"), list) and node["enum"] and not force:
        return copy.deepcopy(node["enum"][0])
    for key in ("oneOf", "anyOf"):
        branches = node.get(key)
        if isinstance(branches, list) and branches:
            chosen = branches[0]
            if force:  # the branch that declares the forced member, when one does
                for branch in branches:
                    target = deref(snapshot, branch, loc)[0]
                    if isinstance(target, dict) and force[0] in (target.get("properties") or {}):
                        chosen = branch
                        break
            return minimal(snapshot, chosen, loc.child(key, 0), force, depth + 1)
    declared = node.get("type")
    types = declared if isinstance(declared, list) else [declared] if declared else []
    kind = next((t for t in types if t != "null"), None) or (
        "object"
        if "properties" in node or (force and isinstance(force[0], str))
        else "array"
        if "items" in node or force
        else None
    )
    if kind == "object":
        props = node.get("properties") or {}
        out: dict[str, Any] = {}
        for name in node.get("required") or ():
            sub = props.get(name, node.get("additionalProperties", {}))
            out[name] = minimal(snapshot, sub, loc.child("properties", name), (), depth + 1)
        if force and isinstance(force[0], str):
            name = force[0]
            sub = props.get(name)
            if sub is None:
                extra = node.get("additionalProperties")
                sub = extra if isinstance(extra, dict) else {}
            out[name] = minimal(snapshot, sub, loc.child("properties", name), force[1:], depth + 1)
        return out
    if kind == "array":
        items = node.get("items", {})
        count = max(int(node.get("minItems", 0)), 1 if force else 0)
        return [
            minimal(snapshot, items, loc.child("items"), force[1:] if i == 0 else (), depth + 1)
            for i in range(count)
        ]
    if kind == "string":
        length = int(node.get("minLength", 1))
        if "maxLength" in node:
            length = min(length, int(node["maxLength"]))
        return "x" * length
    if kind in ("integer", "number"):
        low = node.get("minimum", node.get("exclusiveMinimum"))
        if low is None:
            return 0
        return int(low) + (1 if "exclusiveMinimum" in node and "minimum" not in node else 0)
    if kind == "boolean":
        return False
    if kind == "null":
        return None
    return {} if not types else None


def deref(snapshot: Snapshot, node: Any, loc: Loc) -> tuple[Any, Loc]:
    for _ in range(32):
        if isinstance(node, dict) and isinstance(node.get("$ref"), str):
            node, loc = snapshot.resolve(node["$ref"], loc.file)
        else:
            break
    return node, loc
