"""Loading the schema files and resolving their references — never over the network.

Every schema file gets a stable URI under BASE_URI, so relative `$ref`s between files resolve the
same on every machine; anything outside the schema folder is refused.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from wcs_contract.resources import schemas_dir

if TYPE_CHECKING:
    import jsonschema_rs
    import referencing

BASE_URI = "file:///wcs-contract/schemas/"
SHARED_FILES = ("common.json", "restClientConfig.json")


def uri_of(relative: str) -> str:
    return BASE_URI + relative


def method_schema_relpath(method: str, direction: str) -> str:
    return f"methods/{method}/{direction}.json"


@cache
def load(relative: str) -> Any:
    """A schema document by its path relative to schemas/ (parsed once per process)."""
    return orjson.loads((schemas_dir() / relative).read_bytes())


def schema_files() -> list[str]:
    """Relative paths of every schema document (examples and the catalogue excluded)."""
    root = schemas_dir()
    files = [*SHARED_FILES]
    files += sorted(
        p.relative_to(root).as_posix() for p in (root / "methods").glob("*/*.json") if p.is_file()
    )
    return files


def resolve_pointer(document: Any, fragment: str) -> Any:
    """The node a `#/a/b` fragment names inside a document."""
    node = document
    for part in fragment.lstrip("#").split("/")[1:]:
        part = part.replace("~1", "/").replace("~0", "~")
        node = node[int(part)] if isinstance(node, list) else node[part]
    return node


def resolve_ref(ref: str, base_relative: str) -> tuple[str, Any]:
    """Follow one `$ref` written in `base_relative`: (relative path of the target file, node)."""
    target, _, fragment = ref.partition("#")
    if target:
        relative = (Path(base_relative).parent / target).as_posix()
        parts: list[str] = []
        for part in relative.split("/"):
            if part == "..":
                parts.pop()
            elif part != ".":
                parts.append(part)
        relative = "/".join(parts)
    else:
        relative = base_relative
    return relative, resolve_pointer(load(relative), "#" + fragment)


def _refuse(uri: str) -> Any:
    raise LookupError(f"wcs-contract never retrieves schemas over the network: {uri}")


@cache
def rs_registry() -> jsonschema_rs.Registry:
    """The shared documents, for jsonschema-rs (method files are compiled with their base URI)."""
    import jsonschema_rs

    return jsonschema_rs.Registry(
        [(uri_of(f), load(f)) for f in SHARED_FILES], draft=jsonschema_rs.Draft202012
    )


@cache
def py_registry() -> referencing.Registry[Any]:
    """Every schema document, for python-jsonschema; retrieval of anything else is refused.

    python-jsonschema is the reference the tests hold the validator to; no command uses it, so
    referencing and jsonschema are development dependencies."""
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

    resources = [
        (uri_of(f), Resource.from_contents(load(f), default_specification=DRAFT202012))
        for f in schema_files()
    ]
    return Registry(retrieve=_refuse).with_resources(resources)  # type: ignore[call-arg]
