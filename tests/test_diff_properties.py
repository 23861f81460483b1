"""Properties of `diff` on random changes to the real contract.

For a change classified compatible for responses, no previously valid response example becomes
invalid; for every breaking change, the witness shown really flips between the two versions.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from functools import cache
from typing import Any

import orjson
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wcs_contract.compat import Snapshot, diff
from wcs_contract.compat.snapshot import from_folder
from wcs_contract.examples import all_examples
from wcs_contract.resources import schemas_dir

Docs = dict[str, Any]


@cache
def current() -> Snapshot:
    return from_folder(schemas_dir(), "old")


@cache
def response_examples() -> tuple[tuple[str, Any], ...]:
    old = current()
    found = []
    for example in all_examples():
        valid = example.direction == "response" and old.is_valid(
            example.body, example.method, "response"
        )
        if valid:
            found.append((example.method, example.body))
    return tuple(found)


def methods() -> list[str]:
    return sorted(m for m, d in current().routes() if d == "response")


def _mirror(docs: Docs, method: str) -> dict[str, Any]:
    document = docs[f"methods/{method}/response.json"]
    for branch in document.get("oneOf", []):
        ref = branch.get("$ref", "")
        if ref.startswith("#/$defs/"):
            node: dict[str, Any] = document["$defs"][ref.split("/")[-1]]
            return node
    return document  # type: ignore[no-any-return]


def _resolved(docs: Docs, method: str, schema: Any) -> Any:
    """A property's schema with its reference to common.json inlined."""
    ref = schema.get("$ref", "") if isinstance(schema, dict) else ""
    if ref.startswith("../../common.json#/$defs/"):
        return copy.deepcopy(docs["common.json"]["$defs"][ref.split("/")[-1]])
    return copy.deepcopy(schema)


Mutation = Callable[[Docs, str, int], None]


def add_optional(docs: Docs, method: str, i: int) -> None:
    _mirror(docs, method)["properties"][f"newField{i}"] = {"type": "string"}


def add_required(docs: Docs, method: str, i: int) -> None:
    mirror = _mirror(docs, method)
    mirror["properties"][f"newField{i}"] = {"type": "string"}
    if f"newField{i}" not in mirror.setdefault("required", []):
        mirror["required"].append(f"newField{i}")


def _pick(docs: Docs, method: str, i: int) -> str:
    names = sorted(_mirror(docs, method)["properties"])
    return str(names[i % len(names)])


def remove_field(docs: Docs, method: str, i: int) -> None:
    _mirror(docs, method)["properties"].pop(_pick(docs, method, i))


def require_field(docs: Docs, method: str, i: int) -> None:
    mirror = _mirror(docs, method)
    name = _pick(docs, method, i)
    if name not in mirror.setdefault("required", []):
        mirror["required"].append(name)


def retype_field(docs: Docs, method: str, i: int) -> None:
    name = _pick(docs, method, i)
    mirror = _mirror(docs, method)
    schema = _resolved(docs, method, mirror["properties"][name])
    schema["type"] = "boolean" if schema.get("type") != "boolean" else "string"
    schema.pop("enum", None)
    mirror["properties"][name] = schema


def widen_field(docs: Docs, method: str, i: int) -> None:
    name = _pick(docs, method, i)
    mirror = _mirror(docs, method)
    schema = _resolved(docs, method, mirror["properties"][name])
    declared = schema.get("type", [])
    declared = declared if isinstance(declared, list) else [declared]
    schema["type"] = sorted({*declared, "null", "boolean"})
    mirror["properties"][name] = schema


def bound_field(docs: Docs, method: str, i: int) -> None:
    name = _pick(docs, method, i)
    mirror = _mirror(docs, method)
    schema = _resolved(docs, method, mirror["properties"][name])
    schema["minLength"] = 3 + i % 3
    schema["maxItems"] = i % 2
    mirror["properties"][name] = schema


def open_mirror(docs: Docs, method: str, i: int) -> None:
    _mirror(docs, method)["additionalProperties"] = True


def add_status(docs: Docs, method: str, i: int) -> None:
    status = _mirror(docs, method)["properties"].get("status")
    if isinstance(status, dict) and isinstance(status.get("enum"), list):
        status["enum"].append(f"NEW_{i}")


def drop_status(docs: Docs, method: str, i: int) -> None:
    status = _mirror(docs, method)["properties"].get("status")
    if isinstance(status, dict) and isinstance(status.get("enum"), list) and status["enum"]:
        status["enum"].pop(i % len(status["enum"]))


def shared_narrow(docs: Docs, method: str, i: int) -> None:
    defs = docs["common.json"]["$defs"]
    names = sorted(k for k, v in defs.items() if isinstance(v.get("type"), str | list))
    node = defs[names[i % len(names)]]
    node["type"] = "integer" if node["type"] != "integer" else "string"
    node.pop("enum", None)


def shared_widen(docs: Docs, method: str, i: int) -> None:
    defs = docs["common.json"]["$defs"]
    names = sorted(k for k, v in defs.items() if isinstance(v.get("enum"), list))
    if names:
        defs[names[i % len(names)]]["enum"].append(f"new-{i}")


def describe(docs: Docs, method: str, i: int) -> None:
    _mirror(docs, method)["description"] = f"Changed {i}."


MUTATIONS: list[Mutation] = [
    add_optional,
    add_required,
    remove_field,
    require_field,
    retype_field,
    widen_field,
    bound_field,
    open_mirror,
    add_status,
    drop_status,
    shared_narrow,
    shared_widen,
    describe,
]


# 30 examples in the full suite; the quick loop's profile ("fast", tests/conftest.py) has fewer.
EXAMPLES = min(30, settings().max_examples)


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=True,
)
@given(
    st.lists(
        st.tuples(st.sampled_from(methods()), st.sampled_from(MUTATIONS), st.integers(0, 50)),
        min_size=1,
        max_size=3,
    )
)
def test_compatible_keeps_answers_and_witnesses_flip(
    steps: list[tuple[str, Mutation, int]],
) -> None:
    old = current()
    docs = {k: orjson.loads(v) for k, v in old.texts.items()}
    for method, mutation, i in steps:
        mutation(docs, method, i)
    new = Snapshot.from_documents("new", docs)
    changes = diff(old, new)
    # For a response, breaking means: some answer that was valid is no longer.
    answers_safe = not any(
        c.severity == "breaking"
        and (
            c.direction == "response"
            or (c.direction == "shared" and any(d == "response" for _, d in c.affected))
        )
        for c in changes
    )
    if answers_safe:
        for method, body in response_examples():
            assert new.is_valid(body, method, "response"), (method, body, steps)
    for change in changes:
        if change.severity != "breaking" or change.direction == "catalogue":
            continue
        witness = change.witness
        if change.direction == "response":
            assert witness is not None, change.message
        if witness is None:
            continue
        method = witness.get("method", change.method)
        direction = witness.get("direction", change.direction)
        in_old = old.is_valid(witness["body"], method, direction)
        in_new = new.is_valid(witness["body"], method, direction)
        assert in_old != in_new, (change.message, witness)
        assert witness["accepted_by"] == ("old" if in_old else "new")
