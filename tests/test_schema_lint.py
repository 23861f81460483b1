"""Schemas are linted like code: meta-schema, descriptions, titles, no network, no orphans."""

from __future__ import annotations

import re
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from referencing.exceptions import Unresolvable

from schema_walk import follow, nodes
from wcs_contract.catalogue import load_catalogue
from wcs_contract.documents import load, py_registry, resolve_ref, schema_files, uri_of

FILES = schema_files()
ALL_NODES = [n for f in FILES for n in nodes(f)]


@pytest.mark.parametrize("relative", FILES)
def test_valid_against_the_2020_12_meta_schema(relative: str) -> None:
    document = load(relative)
    assert document.get("$schema") == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(document)


def properties() -> list[tuple[str, str, str, Any]]:
    found = []
    for file, at, node in ALL_NODES:
        if isinstance(node, dict) and isinstance(node.get("properties"), dict):
            for name, prop in node["properties"].items():
                found.append((file, f"{at}/properties/{name}", name, prop))
    return found


PROPERTIES = properties()


@pytest.mark.parametrize(
    ("file", "at", "name", "prop"), PROPERTIES, ids=[f"{p[0]}#{p[1]}" for p in PROPERTIES]
)
def test_every_property_has_type_description_and_provenance(
    file: str, at: str, name: str, prop: Any
) -> None:
    _, resolved = follow(prop, file)
    assert resolved.get("description"), f"{file}#{at}: no description"
    assert "type" in resolved or "const" in resolved, f"{file}#{at}: no type"
    assert resolved.get("x-since") in ("seed", "5.x"), f"{file}#{at}: x-since must be seed or 5.x"


def titled_nodes() -> list[tuple[str, str, Any]]:
    out = [(f, "", load(f)) for f in FILES]
    for f in FILES:
        for name, node in load(f).get("$defs", {}).items():
            if node.get("type") == "object" and "properties" in node:  # objects become classes
                out.append((f, f"/$defs/{name}", node))
    return out


def test_titles_everywhere_pascal_case_and_unique() -> None:
    seen: dict[str, str] = {}
    for file, at, node in titled_nodes():
        title = node.get("title")
        assert title, f"{file}#{at}: no title"
        assert re.fullmatch(r"[A-Z][A-Za-z0-9]*", title), (
            f"{file}#{at}: title {title!r} is not PascalCase"
        )
        assert title not in seen, f"title {title!r} in {file}#{at} and {seen[title]}"
        seen[title] = f"{file}#{at}"
        if at.startswith("/$defs/") and file.startswith("methods/"):
            assert at.removeprefix("/$defs/") == title, (
                f"{file}#{at}: $defs key differs from its title"
            )


def test_no_absolute_id_and_no_remote_ref() -> None:
    for file, at, node in ALL_NODES:
        if not isinstance(node, dict):
            continue
        assert "$id" not in node, f"{file}#{at}: $id (files are identified by their path)"
        ref = node.get("$ref")
        if isinstance(ref, str):
            assert not re.match(r"^[a-z][a-z0-9+.-]*:", ref), f"{file}#{at}: remote $ref {ref}"


def test_every_reference_resolves_with_retrieval_refused() -> None:
    registry = py_registry()
    for file, at, node in ALL_NODES:
        if isinstance(node, dict) and isinstance(node.get("$ref"), str):
            resolver = registry.resolver(base_uri=uri_of(file))
            try:
                resolver.lookup(node["$ref"])
            except Unresolvable as error:  # pragma: no cover - the assertion message is the point
                pytest.fail(f"{file}#{at}: {node['$ref']} does not resolve: {error}")


def test_retrieval_is_refused() -> None:
    resolver = py_registry().resolver(base_uri=uri_of("common.json"))
    with pytest.raises(Unresolvable):
        resolver.lookup("https://example.com/remote.json")


def test_no_subsets_by_if_then_else_or_inheritance() -> None:
    """datamodel-code-generator drops if/then/else; variants are closed oneOf branches instead."""
    for file, at, node in ALL_NODES:
        if isinstance(node, dict) and not at.endswith("/properties"):
            for keyword in ("if", "then", "else", "allOf"):
                assert keyword not in node, f"{file}#{at}: {keyword}"


def test_objects_are_closed() -> None:
    for file, at, node in ALL_NODES:
        if (
            isinstance(node, dict)
            and isinstance(node.get("properties"), dict)
            and not at.endswith("/properties")
        ):
            assert node.get("additionalProperties") is False, f"{file}#{at}: not closed"


def test_no_orphan_schema_files() -> None:
    catalogue = load_catalogue()
    for file in FILES:
        if file.startswith("methods/"):
            _, method, name = file.split("/")
            found = catalogue.find(method)
            assert found is not None, f"{file}: not in the catalogue"
            assert found.name == method, f"{file}: {method} is an alias of {found.name}"
            assert name.removesuffix(".json") in found.directions, (
                f"{file}: direction not in the catalogue"
            )


def test_every_shared_definition_is_used() -> None:
    used: set[tuple[str, str]] = set()
    for file, _, node in ALL_NODES:
        if isinstance(node, dict) and isinstance(node.get("$ref"), str):
            fragment = node["$ref"].partition("#")[2]
            used.add((resolve_ref(node["$ref"], file)[0], fragment))
    unused = {n for n in load("common.json")["$defs"] if ("common.json", f"/$defs/{n}") not in used}
    assert not unused, f"common.json defines but nobody uses: {sorted(unused)}"
