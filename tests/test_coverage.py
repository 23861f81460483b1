"""Coverage of the contract by its examples: every variant, both ways; every enum value."""

from __future__ import annotations

from typing import Any

import pytest

from schema_walk import reachable
from wcs_contract.catalogue import load_catalogue
from wcs_contract.documents import method_schema_relpath
from wcs_contract.examples import all_examples
from wcs_contract.validator import Variant, direction_validator

PAIRS = [(m.name, d) for m in load_catalogue().methods for d in m.directions]


def selected(method: str, direction: str, body: Any) -> list[str]:
    """Titles of the variants a body selects: the top one, and inside a frame its elements'."""
    choice = direction_validator(method, direction).choice
    found: list[str] = []
    chosen = choice.select(body, [])
    if isinstance(chosen, Variant):
        found.append(chosen.title)
        if chosen.nested is not None and isinstance(body.get("data"), list):
            for element in body["data"]:
                inner = chosen.nested.select(element, [])
                if isinstance(inner, Variant):
                    found.append(inner.title)
    return found


@pytest.mark.parametrize(("method", "direction"), PAIRS)
def test_every_variant_has_a_valid_and_an_invalid_example(method: str, direction: str) -> None:
    variants = {v.title for v in direction_validator(method, direction).choice.variants}
    examples = [e for e in all_examples() if (e.method, e.direction) == (method, direction)]
    for valid in (True, False):
        covered = {
            t for e in examples if e.valid == valid for t in selected(method, direction, e.body)
        }
        missing = variants - covered
        assert not missing, (
            f"no {'valid' if valid else 'invalid'} example selects {sorted(missing)}"
        )


def pairs(value: Any, key: str = "") -> set[tuple[str, Any]]:
    """(member name, scalar value) pairs of a body; array elements count under the array's name."""
    if isinstance(value, dict):
        return {p for k, v in value.items() for p in pairs(v, k)}
    if isinstance(value, list):
        return {p for v in value for p in pairs(v, key)}
    return {(key, value)}


def enum_names(file: str, at: str) -> set[str]:
    """The member names an enum checks: its property's name, or the properties that $ref it."""
    parts = at.split("/")
    if "properties" in parts:
        return {parts[len(parts) - 1 - parts[::-1].index("properties") + 1]}
    definition = parts[2] if len(parts) > 2 and parts[1] == "$defs" else ""
    names = {definition}
    for pair in PAIRS:
        for _file, ref_at, node in reachable(method_schema_relpath(*pair)):
            if isinstance(node, dict) and node.get("$ref", "").endswith(
                f"{file}#/$defs/{definition}"
            ):
                names.add(ref_at.rsplit("/", 1)[-1])
    return names


def test_every_enum_value_appears_in_a_valid_example() -> None:
    """Each value of each enum is shown by some valid example, under a member that enum checks."""
    shown = {p for e in all_examples() if e.valid for p in pairs(e.body)}
    missing: dict[str, list[Any]] = {}
    checked: set[tuple[str, str]] = set()
    for method, direction in PAIRS:
        for file, at, node in reachable(method_schema_relpath(method, direction)):
            if (file, at) in checked or not isinstance(node, dict) or "enum" not in node:
                continue
            checked.add((file, at))
            if at.endswith("propertyNames"):
                continue  # restClientConfig keys: checked against the catalogue instead
            names = enum_names(file, at.removesuffix("/items"))
            absent = [v for v in node["enum"] if not any((n, v) in shown for n in names)]
            if absent:
                missing[f"{file}#{at}"] = absent
    assert not missing, f"enum values no valid example shows: {missing}"
