"""Walking schema documents for the lint and coverage tests: every node, references followed."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from wcs_contract.documents import load, resolve_ref

Node = tuple[str, str, Any]  # (file relative to schemas/, JSON pointer, node)


def nodes(relative: str, node: Any = None, at: str = "") -> Iterator[Node]:
    """Every schema-ish node of one document, depth first, without following references."""
    if node is None:
        node = load(relative)
    yield relative, at, node
    if isinstance(node, dict):
        for key, value in node.items():
            if isinstance(value, dict | list):
                yield from nodes(relative, value, f"{at}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            if isinstance(value, dict | list):
                yield from nodes(relative, value, f"{at}/{index}")


def follow(node: Any, relative: str) -> tuple[str, Any]:
    """Follow `$ref`s until a node without one: (its file, the node)."""
    seen = 0
    while isinstance(node, dict) and "$ref" in node and seen < 20:
        relative, target = resolve_ref(node["$ref"], relative)
        merged = {k: v for k, v in node.items() if k != "$ref"}
        node = {**target, **merged}
        seen += 1
    return relative, node


def reachable(relative: str) -> Iterator[Node]:
    """Every node reachable from a document's root, references followed, each node once."""
    seen: set[tuple[str, str]] = set()
    todo: list[tuple[str, str]] = [(relative, "")]
    while todo:
        rel, pointer = todo.pop()
        if (rel, pointer) in seen:
            continue
        seen.add((rel, pointer))
        _, root = resolve_ref("#" + pointer, rel)
        for file, at, node in nodes(rel, root, pointer):
            if isinstance(node, dict) and isinstance(node.get("$ref"), str):
                fragment = node["$ref"].partition("#")[2]
                target_rel, _ = resolve_ref(node["$ref"], rel)
                todo.append((target_rel, fragment))
            yield file, at, node
