"""The classification table of `wcs-contract diff`: every kind of change, a minimal before/after
pair of contracts, the kind and severity expected, and the witness checked for every break."""

# ruff: noqa: E501  (the table reads best one case to a line)

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from wcs_contract.compat import KINDS, Snapshot, diff
from wcs_contract.compat.captures import verdict
from wcs_contract.compat.rules import CATALOGUE_KINDS, with_table

Docs = dict[str, Any]
STR = {"type": "string", "description": "A string."}


def obj(required: tuple[str, ...] = (), closed: bool = True, **props: Any) -> dict[str, Any]:
    node: dict[str, Any] = {"type": "object", "properties": props, "required": list(required)}
    if closed:
        node["additionalProperties"] = False
    return node


# One method, `demo`, in every direction; each direction one variant whose field `f` the cases
# change, and `s`, a field of the shared type common.json#/$defs/shared.
SHARED_REF = {"$ref": "../../common.json#/$defs/shared"}
BASE_VARIANT = obj(("status",), status={"type": "string", "enum": ["OK", "DONE"]}, f=STR,
                   s=SHARED_REF)  # fmt: skip
REFUSAL = {
    "title": "Refusal",
    "type": "object",
    "additionalProperties": False,
    "required": ["status", "reason"],
    "properties": {
        "status": {"type": "integer", "minimum": 400, "maximum": 599},
        "reason": {"type": "string"},
    },
}


def direction_doc(title: str, variants: list[dict[str, Any]], extra: tuple[Any, ...] = ()) -> Any:
    defs = {v["title"]: v for v in variants}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": title,
        "description": f"{title}.",
        "oneOf": [{"$ref": f"#/$defs/{v['title']}"} for v in variants] + list(extra),
        "$defs": defs,
    }


def base() -> Docs:
    def variant(title: str) -> dict[str, Any]:
        return {"title": title, **copy.deepcopy(BASE_VARIANT)}

    return copy.deepcopy(
        {
            "catalogue.json": {
                "keepAliveMessages": ["ping"],
                "methods": [
                    {
                        "name": "demo",
                        "kind": "direct",
                        "directions": ["request", "response", "client"],
                        "aliases": ["demoAlias"],
                        "since": "seed",
                        "clientMessages": ["demo"],
                        "description": "A demo.",
                    }
                ],
            },
            "common.json": {
                "$defs": {
                    "shared": {"type": "string", "description": "Shared."},
                    "Refusal": REFUSAL,
                }
            },
            "methods/demo/request.json": direction_doc("DemoRequest", [variant("DemoRequestOk")]),
            "methods/demo/response.json": direction_doc(
                "DemoResponse",
                [variant("DemoResponseMirror")],
                ({"$ref": "../../common.json#/$defs/Refusal"},),
            ),
            "methods/demo/client.json": direction_doc("DemoClient", [variant("DemoClientOk")]),
        }
    )


VARIANT = {
    "request": ("methods/demo/request.json", "DemoRequestOk"),
    "response": ("methods/demo/response.json", "DemoResponseMirror"),
    "client": ("methods/demo/client.json", "DemoClientOk"),
}


def field(direction: str, before: Any, after: Any) -> tuple[Docs, Docs]:
    """The contract with field `f` of a direction's variant `before`, and `after`."""
    return variant(direction, lambda v: v["properties"].__setitem__("f", before),
                   lambda v: v["properties"].__setitem__("f", after))  # fmt: skip


def variant(
    direction: str, first: Callable[[dict[str, Any]], Any], then: Callable[[dict[str, Any]], Any]
) -> tuple[Docs, Docs]:
    file, title = VARIANT[direction]
    old, new = base(), base()
    first(old[file]["$defs"][title])
    then(new[file]["$defs"][title])
    return old, new


def docs(change: Callable[[Docs], Any]) -> tuple[Docs, Docs]:
    new = base()
    change(new)
    return base(), new


def catalogue(change: Callable[[dict[str, Any]], Any]) -> tuple[Docs, Docs]:
    return docs(lambda d: change(d["catalogue.json"]["methods"][0]))


def shared(before: Any, after: Any) -> tuple[Docs, Docs]:
    old, new = base(), base()
    old["common.json"]["$defs"]["shared"] = before
    new["common.json"]["$defs"]["shared"] = after
    return old, new


def required(names: tuple[str, ...]) -> Callable[[dict[str, Any]], Any]:
    return lambda v: v.__setitem__("required", list(names))


def prop(name: str, schema: Any) -> Callable[[dict[str, Any]], Any]:
    return lambda v: v["properties"].__setitem__(name, schema)


def drop(name: str) -> Callable[[dict[str, Any]], Any]:
    return lambda v: v["properties"].pop(name)


def setkey(key: str, value: Any) -> Callable[[dict[str, Any]], Any]:
    return lambda v: v.__setitem__(key, value)


def nothing(_v: Any) -> None:
    return None


def both(*steps: Callable[[dict[str, Any]], Any]) -> Callable[[dict[str, Any]], Any]:
    return lambda v: [step(v) for step in steps]


def add_variant(d: Docs) -> None:
    doc = d["methods/demo/request.json"]
    extra = {"title": "DemoRequestFailed", **obj(("status",), status={"type": "string",
             "enum": ["FAILED"]}, info=STR)}  # fmt: skip
    doc["$defs"]["DemoRequestFailed"] = extra
    doc["oneOf"].append({"$ref": "#/$defs/DemoRequestFailed"})


def remove_response_variant(d: Docs) -> None:
    d["methods/demo/response.json"]["oneOf"].pop()  # the Refusal


@dataclass(frozen=True)
class Case:
    kind: str
    severity: str
    pair: tuple[Docs, Docs]
    id: str = ""
    also: tuple[str, ...] = ()  # other kinds the pair shows


INT = {"type": "integer", "description": "An integer."}
ENUM = {"type": "string", "enum": ["a", "b"]}
LIST = {"type": "array", "items": {"type": "string"}}

CASES = [
    # the catalogue
    Case("method-removed", "breaking", docs(lambda d: d["catalogue.json"].__setitem__("methods", []))),
    Case("method-added", "compatible", docs(
        lambda d: d["catalogue.json"]["methods"].append({**d["catalogue.json"]["methods"][0],
                                                         "name": "other", "aliases": [],
                                                         "clientMessages": ["other"]}))),
    Case("alias-removed", "breaking", catalogue(lambda m: m.__setitem__("aliases", []))),
    Case("alias-added", "compatible", catalogue(lambda m: m["aliases"].append("demo2"))),
    Case("direction-removed", "breaking", catalogue(lambda m: m["directions"].remove("client"))),
    Case("direction-added", "compatible", (
        docs(lambda d: d["catalogue.json"]["methods"][0]["directions"].remove("client"))[1],
        base())),
    Case("kind-changed", "warning", catalogue(lambda m: m.__setitem__("kind", "event"))),
    Case("client-message-added", "warning", catalogue(lambda m: m["clientMessages"].append("x"))),
    Case("client-message-removed", "warning", catalogue(lambda m: m.__setitem__("clientMessages", []))),
    Case("keep-alive-changed", "warning", docs(lambda d: d["catalogue.json"]["keepAliveMessages"].append("pong"))),
    Case("method-documented", "documentation", catalogue(lambda m: m.__setitem__("description", "B."))),
    # variants
    Case("variant-added", "warning", docs(add_variant), "request"),
    Case("variant-added", "compatible", (
        docs(remove_response_variant)[1], base()), "response"),
    Case("variant-removed", "breaking", docs(remove_response_variant), "response"),
    Case("variant-removed", "breaking", (docs(add_variant)[1], base()), "request"),
    Case("variant-overlap", "breaking", variant("response", both(drop("status"), required(())), both(drop("status"), required(()), setkey("additionalProperties", True))), also=("additional-allowed",)),
    Case("refusal-changed", "breaking", docs(
        lambda d: d["common.json"]["$defs"]["Refusal"]["properties"].__setitem__("extra", STR))),
    # object members
    Case("property-added", "compatible", variant("request", nothing, prop("g", STR)), "request"),
    Case("property-added", "compatible", variant("response", nothing, prop("g", STR)), "response"),
    Case("property-added-required", "compatible", variant("request", nothing,
         both(prop("g", STR), required(("status", "g")))), "request"),
    Case("property-added-required", "breaking", variant("response", nothing,
         both(prop("g", STR), required(("status", "g")))), "response"),
    Case("property-added-open", "warning", variant("response", setkey("additionalProperties", True),
         both(setkey("additionalProperties", True), prop("g", INT)))),
    Case("property-removed", "breaking", variant("request", nothing, drop("f")), "request"),
    Case("property-removed", "breaking", variant("response", nothing, drop("f")), "response"),
    Case("property-removed-open", "compatible", variant("response", setkey("additionalProperties", True),
         both(setkey("additionalProperties", True), drop("f")))),
    Case("required-added", "compatible", variant("request", nothing, required(("status", "f"))), "request"),
    Case("required-added", "breaking", variant("response", nothing, required(("status", "f"))), "response"),
    Case("required-removed", "breaking", variant("client", required(("status", "f")), nothing), "client"),
    Case("required-removed", "compatible", variant("response", required(("status", "f")), nothing), "response"),
    Case("additional-allowed", "warning", variant("request", nothing, setkey("additionalProperties", True))),
    Case("additional-forbidden", "breaking", variant("response", setkey("additionalProperties", True), nothing)),
    # types
    Case("type-added", "breaking", field("response", {"description": "Any."}, STR)),
    Case("type-removed", "breaking", field("request", STR, {"description": "A string."})),
    Case("type-widened", "breaking", field("request", STR, {**STR, "type": ["string", "integer"]}), "request"),
    Case("type-widened", "compatible", field("response", STR, {**STR, "type": ["string", "integer"]}), "response"),
    Case("type-narrowed", "compatible", field("request", {**STR, "type": ["string", "integer"]}, STR), "request"),
    Case("type-narrowed", "breaking", field("response", {**STR, "type": ["string", "integer"]}, STR), "response"),
    Case("type-changed", "breaking", field("client", STR, INT)),
    Case("null-allowed", "breaking", field("request", STR, {**STR, "type": ["string", "null"]})),
    Case("null-disallowed", "breaking", field("response", {**STR, "type": ["string", "null"]}, STR)),
    # values
    Case("enum-value-added", "warning", field("request", ENUM, {**ENUM, "enum": ["a", "b", "c"]}), "request"),
    Case("enum-value-added", "compatible", field("response", ENUM, {**ENUM, "enum": ["a", "b", "c"]}), "response"),
    Case("enum-value-removed", "warning", field("client", ENUM, {**ENUM, "enum": ["a"]}), "client"),
    Case("enum-value-removed", "breaking", field("response", ENUM, {**ENUM, "enum": ["a"]}), "response"),
    Case("enum-added", "breaking", field("response", STR, {**STR, "enum": ["a"]})),
    Case("enum-removed", "warning", field("request", ENUM, {"type": "string"})),
    Case("const-changed", "breaking", field("request", {**STR, "const": "a"}, {**STR, "const": "b"})),
    Case("const-added", "breaking", field("response", STR, {**STR, "const": "a"})),
    Case("const-removed", "warning", field("request", {**STR, "const": "a"}, STR)),
    Case("pattern-added", "breaking", field("response", STR, {**STR, "pattern": "^a"})),
    Case("pattern-removed", "warning", field("request", {**STR, "pattern": "^a"}, STR)),
    Case("pattern-changed", "breaking", field("response", {**STR, "pattern": "^a"}, {**STR, "pattern": "^b"})),
    Case("format-changed", "warning", field("request", STR, {**STR, "format": "uri"})),
    Case("multiple-of-changed", "breaking", field("response", INT, {**INT, "multipleOf": 2})),
    # bounds
    Case("minimum-tightened", "breaking", field("response", {**INT, "minimum": 0}, {**INT, "minimum": 5})),
    Case("minimum-loosened", "warning", field("request", {**INT, "minimum": 5}, INT)),
    Case("maximum-tightened", "breaking", field("response", INT, {**INT, "maximum": 9})),
    Case("maximum-loosened", "warning", field("request", {**INT, "maximum": 9}, {**INT, "maximum": 99})),
    Case("min-length-tightened", "breaking", field("response", STR, {**STR, "minLength": 2})),
    Case("min-length-tightened", "compatible", field("request", STR, {**STR, "minLength": 2}), "request"),
    Case("min-length-loosened", "warning", field("request", {**STR, "minLength": 1}, STR)),
    Case("max-length-tightened", "breaking", field("response", STR, {**STR, "maxLength": 3})),
    Case("max-length-loosened", "warning", field("client", {**STR, "maxLength": 3}, {**STR, "maxLength": 9})),
    Case("min-items-tightened", "breaking", field("response", LIST, {**LIST, "minItems": 1})),
    Case("min-items-loosened", "warning", field("request", {**LIST, "minItems": 1}, LIST)),
    Case("max-items-tightened", "breaking", field("response", LIST, {**LIST, "maxItems": 1})),
    Case("max-items-loosened", "warning", field("request", {**LIST, "maxItems": 1}, LIST)),
    Case("unique-items-added", "breaking", field("response", LIST, {**LIST, "uniqueItems": True})),
    Case("unique-items-removed", "warning", field("request", {**LIST, "uniqueItems": True}, LIST)),
    # composition and other keywords
    Case("composition-changed", "breaking", field("response", {"oneOf": [STR, INT]},
         {"oneOf": [STR, INT, {"type": "boolean"}]})),
    Case("constraint-added", "breaking", field("response", {"type": "object"},
         {"type": "object", "minProperties": 1})),
    Case("constraint-removed", "warning", field("request", {"type": "object", "minProperties": 1},
         {"type": "object"})),
    Case("constraint-changed", "breaking", field("response", {"type": "object", "minProperties": 1},
         {"type": "object", "minProperties": 2})),
    Case("secret-flag-added", "warning", field("request", STR, {**STR, "x-secret": True})),
    Case("secret-flag-removed", "warning", field("request", {**STR, "x-secret": True}, STR)),
    # shared definitions: reported once, with every route that uses them
    Case("definition-added", "compatible", docs(
        lambda d: d["common.json"]["$defs"].__setitem__("other", STR))),
    Case("definition-removed", "compatible", (docs(
        lambda d: d["common.json"]["$defs"].__setitem__("other", STR))[1], base())),
    Case("ref-retargeted", "documentation", (docs(
        lambda d: d["common.json"]["$defs"].__setitem__("other", {"type": "string", "description": "Shared."}))[1],
        docs(lambda d: [d["common.json"]["$defs"].__setitem__("other", {"type": "string", "description": "Shared."}),
                        d["methods/demo/request.json"]["$defs"]["DemoRequestOk"]["properties"].__setitem__(
                            "s", {"$ref": "../../common.json#/$defs/other"})])[1])),
    Case("type-narrowed", "breaking", shared({"type": ["string", "integer"]}, {"type": "string"}), "shared"),
    # annotations
    Case("title-changed", "documentation", docs(
        lambda d: d["methods/demo/request.json"].__setitem__("title", "X"))),
    Case("description-changed", "documentation", field("request", STR, {**STR, "description": "B."})),
    Case("examples-changed", "documentation", field("request", STR, {**STR, "examples": ["e"]})),
    Case("since-changed", "documentation", field("request", STR, {**STR, "x-since": "5.x"})),
    Case("inferred-changed", "documentation", field("request", STR, {**STR, "x-inferred": True})),
    Case("default-changed", "documentation", field("request", STR, {**STR, "default": "a"})),
    Case("discriminator-changed", "documentation", docs(lambda d: d["methods/demo/request.json"].__setitem__(
        "discriminator", {"propertyName": "status"}))),
    Case("annotation-changed", "documentation", field("request", STR, {**STR, "x-note": "n"})),
    Case("annotation-changed", "documentation", field("response", INT, {**INT, "minLength": 3}), "inert-bound"),
    # $anchor only names the node for a `$ref: "#name"`: not a constraint an answer can fail
    Case("annotation-changed", "documentation", field("response", STR, {**STR, "$anchor": "a"}), "anchor"),
]  # fmt: skip


LOST_ROUTES = {"method-removed", "alias-removed", "direction-removed"}
NO_BODY = {"format-changed", "secret-flag-added", "secret-flag-removed"}


def _id(case: Case) -> str:
    return f"{case.kind}-{case.id}" if case.id else case.kind


def run(case: Case) -> tuple[Snapshot, Snapshot, list[Any]]:
    old = Snapshot.from_documents("old", case.pair[0])
    new = Snapshot.from_documents("new", case.pair[1])
    return old, new, diff(old, new)


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_each_kind_is_classified(case: Case) -> None:
    _, _, changes = run(case)
    found = [(c.change, c.severity) for c in changes]
    assert (case.kind, case.severity) in found, found
    # Nothing else but documentation: each pair changes one thing.
    others = [f for f in found if f[0] not in (case.kind, *case.also) and f[1] != "documentation"]
    assert others == [], others


@pytest.mark.parametrize(
    "case", [c for c in CASES if c.severity in ("breaking", "warning")], ids=_id
)
def test_each_break_has_a_witness_that_flips(case: Case) -> None:
    if case.kind in CATALOGUE_KINDS and case.kind not in LOST_ROUTES:
        pytest.skip("a kind or a WebSocket message changed: no body to witness")
    old, new, changes = run(case)
    change = next(c for c in changes if c.change == case.kind)
    if case.kind in LOST_ROUTES:
        # The old version routes the body under that name and direction; the new one cannot.
        assert change.witness is not None
        w = change.witness
        assert verdict(old, w["method"], w["body"], w["direction"]) == "valid"
        assert verdict(new, w["method"], w["body"], w["direction"]) == "unrouted"
        return
    if case.kind in NO_BODY:
        # what is valid did not change: no body can tell the versions apart
        assert change.witness is None
        return
    assert change.witness is not None, change.message
    w = change.witness
    method = w.get("method", change.method)
    direction = w.get("direction", change.direction)
    in_old = old.is_valid(w["body"], method, direction)
    in_new = new.is_valid(w["body"], method, direction)
    assert in_old != in_new
    assert w["accepted_by"] == ("old" if in_old else "new")


def test_every_kind_has_a_case() -> None:
    covered = {c.kind for c in CASES}
    assert sorted(set(KINDS) - covered) == []
    assert len(KINDS) >= 40


def test_identical_contracts_have_no_change() -> None:
    _, _, changes = run(Case("", "", (base(), base())))
    assert changes == []


def test_shared_change_is_reported_once_with_every_route() -> None:
    _, _, changes = run(CASES[[_id(c) for c in CASES].index("type-narrowed-shared")])
    narrowed = [c for c in changes if c.change == "type-narrowed"]
    assert len(narrowed) == 1
    change = narrowed[0]
    assert change.method == "common.json"
    assert change.direction == "shared"
    assert set(change.affected) == {("demo", "request"), ("demo", "response"), ("demo", "client")}
    assert "breaking for response of demo" in change.message
    assert "compatible for request of demo" in change.message
    assert change.witness is not None
    assert change.witness["direction"] == "response"


def test_table_is_documented() -> None:
    from pathlib import Path

    page = (Path(__file__).resolve().parents[1] / "docs" / "compatibility.md").read_text()
    assert with_table(page) == page, "run: python -m wcs_contract.compat docs/compatibility.md"
