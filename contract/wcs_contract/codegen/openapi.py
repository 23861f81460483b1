"""The bundled OpenAPI 3.1 contract: `POST /{method}` for every hook WCS sends to the backend.

Every schema document is hoisted into `components/schemas` (roots by title, `$defs` by key) and
every `$ref` is rewritten to point there, so schemathesis and openapi-spec-validator see one
self-contained document: no `$id`, no `$defs`, no file references, no discriminators (a
many-to-one discriminator makes schemathesis skip status values).
"""

from __future__ import annotations

from typing import Any

from wcs_contract import __version__
from wcs_contract.catalogue import load_catalogue
from wcs_contract.documents import load, method_schema_relpath, resolve_ref, schema_files

_DROPPED = frozenset({"$schema", "$id", "$defs", "discriminator"})
_JSON = "application/json"


def component_name(relative: str, fragment: str) -> str:
    """The `components/schemas` name of a node: a document's title, or its `$defs` key."""
    if fragment in ("", "#"):
        return str(load(relative)["title"])
    return fragment.rsplit("/", 1)[-1]


def _rewrite(node: Any, relative: str) -> Any:
    if isinstance(node, dict):
        out: dict[str, Any] = {}
        for key, value in node.items():
            if key in _DROPPED:
                continue
            if key == "$ref" and isinstance(value, str):
                target, _ = resolve_ref(value, relative)
                fragment = value.partition("#")[2]
                out[key] = "#/components/schemas/" + component_name(target, fragment)
            else:
                out[key] = _rewrite(value, relative)
        return out
    if isinstance(node, list):
        return [_rewrite(v, relative) for v in node]
    return node


def components() -> dict[str, Any]:
    schemas: dict[str, Any] = {}

    def add(name: str, node: Any, relative: str) -> None:
        if name in schemas:
            raise ValueError(f"two schemas would be named {name!r} in the OpenAPI bundle")
        schemas[name] = _rewrite(node, relative)

    for relative in schema_files():
        document = load(relative)
        if "properties" in document or "oneOf" in document or "type" in document:
            add(component_name(relative, ""), document, relative)
        for key, node in document.get("$defs", {}).items():
            add(key, node, relative)
    return dict(sorted(schemas.items()))


def _ref(relative: str) -> dict[str, str]:
    return {"$ref": "#/components/schemas/" + component_name(relative, "")}


def build() -> dict[str, Any]:
    """The OpenAPI document, deterministic: the same schemas give the same bytes."""
    paths: dict[str, Any] = {}
    for method in load_catalogue().methods:
        if "request" not in method.directions:
            continue
        responses: dict[str, Any] = {
            "200": {
                "description": "Accepted: the mirror of the request, a subset, or `{}`.",
                "content": {
                    _JSON: {"schema": _ref(method_schema_relpath(method.name, "response"))}
                },
            },
            "4XX": {
                "description": "Refused: WCS sends `reason` to the client (5.2.968+).",
                "content": {_JSON: {"schema": {"$ref": "#/components/schemas/Refusal"}}},
            },
        }
        paths[f"/{method.name}"] = {
            "post": {
                "operationId": method.name,
                "summary": method.description,
                "tags": [method.kind],
                "x-since": method.since,
                "x-aliases": list(method.aliases),
                "requestBody": {
                    "required": True,
                    "content": {
                        _JSON: {"schema": _ref(method_schema_relpath(method.name, "request"))}
                    },
                },
                "responses": responses,
            }
        }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "WCS REST hooks",
            "version": __version__,
            "description": (
                "The HTTP calls Flashphoner Web Call Server makes to a backend for every client"
                " action and server event. Generated from schemas/ by `make generate`."
            ),
        },
        "paths": paths,
        "components": {"schemas": components()},
    }
