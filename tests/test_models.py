"""Parity of the generated pydantic models with the schemas they come from.

Every valid example parses into the root model of its method and direction and comes back
unchanged; every invalid example is refused by the model for the rule its golden file names (same
JSON Pointer, same keyword). Beyond the examples, mutations of every valid example (a member
retyped, emptied, misspelt, removed or added) must get the same verdict from the model as from the
schema, so a rule datamodel-codegen dropped would show here.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from wcs_contract import models
from wcs_contract.catalogue import load_catalogue
from wcs_contract.documents import load, method_schema_relpath, resolve_ref
from wcs_contract.examples import Example, all_examples, golden
from wcs_contract.models import (
    ROOT_MODELS,
    ConnectionStatusEventRequest,
    ConnectionStatusEventRequestFailed,
    ConnectRequest,
    PlayRTSPRequest,
    SendMessageRequest,
    StreamStatusEventRequest,
)
from wcs_contract.validator import direction_validator

PAIRS = [(m.name, d) for m in load_catalogue().methods for d in m.directions]
VALID = [e for e in all_examples() if e.valid]
INVALID = [e for e in all_examples() if not e.valid]

# pydantic error type -> the JSON Schema keyword that states the same rule
KEYWORD_OF_ERROR = {
    "missing": "required",
    "extra_forbidden": "additionalProperties",
    "literal_error": "enum",
    "union_tag_invalid": "enum",
    "string_type": "type",
    "int_type": "type",
    "bool_type": "type",
    "list_type": "type",
    "dict_type": "type",
    "model_type": "type",
    "string_too_short": "minLength",
    "too_short": "minItems",
    "greater_than_equal": "minimum",
    "less_than_equal": "maximum",
}


def root_model(method: str, direction: str) -> type[BaseModel]:
    return ROOT_MODELS[(method, direction)]


def pointer_of(error: Any, body: Any) -> str:
    """The RFC 6901 pointer of a pydantic error: its location without the union members' names
    (they name no place in the body); for a missing member, the member; for a wrong tag, the tag."""
    node, parts = body, []
    location = list(error["loc"])
    for index, key in enumerate(location):
        if isinstance(node, dict) and isinstance(key, str) and key in node:
            parts.append(key)
            node = node[key]
        elif isinstance(node, list) and isinstance(key, int) and 0 <= key < len(node):
            parts.append(str(key))
            node = node[key]
        elif error["type"] == "missing" and index == len(location) - 1:
            parts.append(str(key))
    if error["type"] == "union_tag_invalid":
        parts.append(error["ctx"]["discriminator"].strip("'"))
    return "".join("/" + p.replace("~", "~0").replace("/", "~1") for p in parts)


def model_rules(error: ValidationError, body: Any) -> set[tuple[str, str]]:
    """(pointer, keyword) of every error pydantic reports."""
    return {
        (pointer_of(e, body), KEYWORD_OF_ERROR.get(e["type"], e["type"])) for e in error.errors()
    }


def test_every_method_and_direction_has_its_root_model() -> None:
    assert set(ROOT_MODELS) == set(PAIRS)
    for (method, direction), model in ROOT_MODELS.items():
        assert model.__name__ == load(method_schema_relpath(method, direction))["title"]


def variant_titles(method: str, direction: str) -> list[str]:
    relative = method_schema_relpath(method, direction)
    document = load(relative)
    if "oneOf" not in document:
        return [document["title"]]
    return [resolve_ref(branch["$ref"], relative)[1]["title"] for branch in document["oneOf"]]


@pytest.mark.parametrize(("method", "direction"), PAIRS)
def test_every_variant_is_a_class(method: str, direction: str) -> None:
    missing = [t for t in variant_titles(method, direction) if not hasattr(models, t)]
    assert not missing, f"no class in wcs_contract.models for the variants {missing}"


def test_a_status_discriminator_makes_a_tagged_union() -> None:
    for method, direction in PAIRS:
        discriminator = load(method_schema_relpath(method, direction)).get("discriminator")
        if discriminator:
            field = root_model(method, direction).model_fields["root"]
            assert field.discriminator == discriminator["propertyName"], (method, direction)
    with pytest.raises(ValidationError) as raised:
        ConnectionStatusEventRequest.model_validate(
            {"status": "FAILED", "nodeId": "n", "sessionId": "s", "appKey": "a"}
        )
    # tagged: only the FAILED variant's complaint, not one per variant
    errors = [(e["type"], e["loc"]) for e in raised.value.errors()]
    assert errors == [("missing", ("FAILED", "info"))]


@pytest.mark.parametrize("example", VALID, ids=lambda e: e.id)
def test_valid_example_parses_and_round_trips(example: Example) -> None:
    model = root_model(example.method, example.direction)
    try:
        parsed = model.model_validate(example.body)
    except ValidationError as error:
        pytest.fail(f"{example.id}: the schema accepts it, {model.__name__} refuses it:\n{error}")
    again = parsed.model_dump(mode="json", by_alias=True, exclude_unset=True)
    assert again == example.body, f"{example.id}: {model.__name__} does not give the body back"


@pytest.mark.parametrize("example", INVALID, ids=lambda e: e.id)
def test_invalid_example_is_refused_for_its_golden_rule(example: Example) -> None:
    model = root_model(example.method, example.direction)
    expected = golden(example.method)[example.key]
    rules = ", ".join(f"{g['keyword']} at {g['pointer'] or '/'} ({g['variant']})" for g in expected)
    try:
        model.model_validate(example.body)
    except ValidationError as error:
        found = model_rules(error, example.body)
        for rule in expected:
            assert (rule["pointer"], rule["keyword"]) in found, (
                f"{example.id}: the schema breaks {rules}; {model.__name__} refuses it for"
                f" other reasons: {sorted(found)}"
            )
    else:
        pytest.fail(f"{example.id}: the schema refuses it ({rules}), {model.__name__} accepts it")


# Values of another JSON type for a member; integral floats (1.0) are left out: see
# test_an_integral_float_is_the_one_known_difference.
WRONG_VALUES: dict[type, list[Any]] = {
    str: [1, None, True, [], {}],
    int: ["1", 1.5, None, True],
    bool: ["true", 1, None],
    list: [{}, "x", None, [None]],
    dict: [[], "x", None],
}


def members(
    node: Any, path: tuple[str | int, ...] = ()
) -> Iterator[tuple[tuple[str | int, ...], Any]]:
    if isinstance(node, dict):
        items: list[tuple[str | int, Any]] = list(node.items())
    elif isinstance(node, list):
        items = list(enumerate(node))
    else:
        return
    for key, value in items:
        yield (*path, key), value
        yield from members(value, (*path, key))


def changed(
    body: Any, path: tuple[str | int, ...], value: Any = None, *, delete: bool = False
) -> Any:
    out = copy.deepcopy(body)
    parent = out
    for key in path[:-1]:
        parent = parent[key]
    if delete:
        del parent[path[-1]]
    else:
        parent[path[-1]] = value
    return out


def mutations(body: Any) -> Iterator[tuple[str, Any]]:
    if isinstance(body, dict):
        yield "an unknown member added", {**body, "zzUnknown": 1}
    for path, value in members(body):
        where = "/" + "/".join(str(p) for p in path)
        for wrong in WRONG_VALUES.get(type(value), []):
            yield f"{where} set to {wrong!r}", changed(body, path, wrong)
        if isinstance(path[-1], str):
            yield f"{where} removed", changed(body, path, delete=True)
        if isinstance(value, str):
            yield f"{where} emptied", changed(body, path, "")
            yield f"{where} misspelt", changed(body, path, value + "Zz")
        if isinstance(value, dict):
            yield f"{where} given an unknown member", changed(body, path, {**value, "zzUnknown": 1})


@pytest.mark.parametrize(("method", "direction"), PAIRS)
def test_mutated_examples_get_the_schemas_verdict(method: str, direction: str) -> None:
    model = root_model(method, direction)
    schema = direction_validator(method, direction)
    disagreements = []
    for example in VALID:
        if (example.method, example.direction) != (method, direction):
            continue
        for mutation, body in mutations(example.body):
            by_schema = schema.is_valid(body)
            try:
                model.model_validate(body)
                by_model = True
            except ValidationError:
                by_model = False
            if by_schema != by_model:
                verdicts = f"schema {'accepts' if by_schema else 'refuses'}, model the opposite"
                disagreements.append(f"{example.id} with {mutation}: {verdicts}")
    assert not disagreements, "\n".join(disagreements[:20])


def test_an_integral_float_is_the_one_known_difference() -> None:
    """JSON Schema counts 640.0 as an integer; pydantic's StrictInt refuses it. No schema keyword
    can tell 640 from 640.0, and WCS never writes integers with a fraction part."""
    body = {"nodeId": "n", "sessionId": "s", "appKey": "a", "name": "s1", "width": 640.0}
    assert direction_validator("publishStream", "request").is_valid(body)
    with pytest.raises(ValidationError, match="width"):
        root_model("publishStream", "request").model_validate(body)


def test_an_explicit_null_is_refused_like_the_schema_refuses_it() -> None:
    body = {"nodeId": "n", "sessionId": "s", "appKey": "a", "width": None}
    assert not direction_validator("connect", "request").is_valid(body)
    with pytest.raises(ValidationError, match="width"):
        ConnectRequest.model_validate(body)


def test_wire_names_that_are_not_identifiers_round_trip_by_alias() -> None:
    connection = {"nodeId": "n", "sessionId": "s", "appKey": "a"}
    message = SendMessageRequest.model_validate({**connection, "id": "m1", "from": "alice"})
    assert message.from_ == "alice"
    assert message.model_dump(by_alias=True, exclude_unset=True)["from"] == "alice"
    play = PlayRTSPRequest.model_validate({**connection, "name": "s1", "User-Agent": "VLC"})
    assert play.model_dump(by_alias=True, exclude_unset=True)["User-Agent"] == "VLC"


def test_models_are_importable_by_their_titles() -> None:
    failed = ConnectionStatusEventRequestFailed.model_validate(
        {"status": "FAILED", "info": "Busy", "nodeId": "n", "sessionId": "s", "appKey": "a"}
    )
    request = ConnectionStatusEventRequest(root=failed)
    assert request.root.info == "Busy"
    assert issubclass(StreamStatusEventRequest, BaseModel)
