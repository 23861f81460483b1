"""Reference pages from the schemas: one Markdown page per method, an index, the README's table.

A method page gives the catalogue entry, then for each direction one table per variant
(parameter | type | required, and why | values | since | description | evidence), the direction's
valid examples as JSON blocks (with the source each cites), and a link back to the schema file.
Everything is read from the schema documents, the catalogue and the examples, so a page never
disagrees with what the validator checks.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any

import orjson

from wcs_contract.catalogue import Method, load_catalogue
from wcs_contract.documents import load, method_schema_relpath, resolve_ref
from wcs_contract.examples import all_examples

DOCS = "generated/docs"
README_START = "<!-- methods:start -->"
README_END = "<!-- methods:end -->"
# Titled object types that several methods share; each gets a section of the index page.
SHARED_TYPES = (
    ("common.json", "#/$defs/Refusal"),
    ("common.json", "#/$defs/FailFrame"),
    ("common.json", "#/$defs/Failure"),
    ("common.json", "#/$defs/audioState"),
    ("common.json", "#/$defs/videoState"),
    ("restClientConfig.json", "#"),
    ("restClientConfig.json", "#/$defs/RestClientConfigEntry"),
)
CLOSED = "Closed: any other member is an unknown field (a warning; an error with `--strict`)."
DIRECTION_TITLES = {
    "request": "request: what WCS POSTs to the web server",
    "response": "response: what the web server answers",
    "client": "client: the WebSocket message between WCS and the client",
}


def cell(text: str) -> str:
    """Text fit for a Markdown table cell: one line, pipes escaped."""
    return " ".join(text.split()).replace("|", "\\|")


def code(value: Any) -> str:
    return f"`{value}`" if isinstance(value, str) else f"`{orjson.dumps(value).decode()}`"


def resolved(node: dict[str, Any], relative: str) -> tuple[dict[str, Any], str]:
    """A property node with its `$ref` followed: the target's keywords, overridden by the
    property's own (`description`, `x-inferred`), and the file the target lives in."""
    if "$ref" not in node:
        return node, relative
    target_file, target = resolve_ref(node["$ref"], relative)
    merged, where = resolved(target, target_file)
    return {**merged, **{k: v for k, v in node.items() if k != "$ref"}}, where


def _node(relative: str, pointer: str) -> dict[str, Any]:
    node: dict[str, Any] = resolve_ref(pointer, relative)[1]
    return node


@cache
def shared_titles() -> frozenset[str]:
    return frozenset(_node(relative, pointer)["title"] for relative, pointer in SHARED_TYPES)


def type_link(title: str) -> str:
    """A shared type links to its section of the index; a variant to its heading on the page."""
    page = "README.md" if title in shared_titles() else ""
    return f"[{title}]({page}#{title.lower()})"


def type_of(node: dict[str, Any], relative: str) -> str:
    schema, where = resolved(node, relative)
    if "oneOf" in schema:
        return " or ".join(type_of(branch, where) for branch in schema["oneOf"])
    if schema.get("title") and schema.get("type") == "object":
        return type_link(str(schema["title"]))
    kind = schema.get("type", "any")
    if isinstance(kind, list):
        return " or ".join(kind)
    if kind == "array" and "items" in schema:
        return f"array of {type_of(schema['items'], where)}"
    return str(kind)


def values_of(node: dict[str, Any], relative: str) -> str:
    schema, where = resolved(node, relative)
    if schema.get("type") == "array" and "items" in schema:
        inner = values_of(schema["items"], where)
        length = f"at least {schema['minItems']} item(s)" if "minItems" in schema else ""
        return "; ".join(part for part in (inner, length) if part)
    parts: list[str] = []
    if "const" in schema:
        parts.append(code(schema["const"]))
    if "enum" in schema:
        parts.append(", ".join(code(v) for v in schema["enum"]))
    if schema.get("minLength") == 1:
        parts.append("non-empty")
    elif "minLength" in schema:
        parts.append(f"at least {schema['minLength']} characters")
    if "minimum" in schema and "maximum" in schema:
        parts.append(f"{schema['minimum']}–{schema['maximum']}")
    elif "minimum" in schema:
        parts.append(f"≥ {schema['minimum']}")
    elif "maximum" in schema:
        parts.append(f"≤ {schema['maximum']}")
    if "propertyNames" in schema:
        parts.append("keys: method names (aliases included)")
    return "; ".join(parts)


CONNECTION = frozenset({"nodeId", "sessionId", "appKey"})


def why_required(name: str, variant: dict[str, Any], schema: dict[str, Any]) -> str:
    """Why a field is required (schemas/README.md, "How a field earns `required`")."""
    if name in CONNECTION:
        return "yes: a connection parameter, in every body WCS sends the web server"
    if name == "message":
        return "yes: names the frame"
    if name == "status" and ("enum" in schema or "const" in schema):
        return "yes: selects this variant"
    if name == "status" and schema.get("type") == "integer":
        return "yes: an integer status makes an answer a refusal"
    del variant
    return "yes: every documented WCS 5.x body of this direction carries it"


def evidence_of(schema: dict[str, Any]) -> str:
    """Where a field or value was seen (`x-evidence`), with its bounds (`x-bounds`) and the
    deprecated values (`x-deprecated`)."""
    parts = [str(source) for source in schema.get("x-evidence", ())]
    if "x-bounds" in schema:
        parts.append(f"bounds: {schema['x-bounds']}")
    for value, why in schema.get("x-deprecated", {}).items():
        parts.append(f"`{value}`: {why}")
    return "; ".join(parts)


def since_of(schema: dict[str, Any]) -> str:
    """Provenance: `seed` or `5.x`, marked where the reference is illegible and it is inferred."""
    since = str(schema.get("x-since", ""))
    return f"{since} (inferred)" if schema.get("x-inferred") else since


def parameter_table(variant: dict[str, Any], relative: str) -> list[str]:
    properties: dict[str, Any] = variant.get("properties", {})
    if not properties:
        return ["No parameters: `{}`.", ""]
    required = set(variant.get("required", ()))
    rows = [
        "| parameter | type | required | values | since | description | evidence |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, node in properties.items():
        schema, _ = resolved(node, relative)
        cells = (
            f"`{name}`",
            type_of(node, relative),
            why_required(name, variant, schema) if name in required else "no",
            values_of(node, relative),
            since_of(schema),
            str(schema.get("description", "")),
            evidence_of(schema),
        )
        rows.append("| " + " | ".join(cell(text) for text in cells) + " |")
    rows.append("")
    if variant.get("additionalProperties") is False:
        rows += [CLOSED, ""]
    return rows


def variants(relative: str) -> Iterator[tuple[dict[str, Any], str]]:
    """The variants of a direction schema, in `oneOf` order, with the file each lives in."""
    document = load(relative)
    if "oneOf" not in document:
        yield document, relative
        return
    for branch in document["oneOf"]:
        target_file, target = resolve_ref(branch["$ref"], relative)
        yield target, target_file


def example_blocks(method: str, direction: str) -> list[str]:
    lines: list[str] = []
    for example in all_examples():
        if (example.method, example.direction, example.valid) != (method, direction, True):
            continue
        status = f" (HTTP {example.http_status})" if example.http_status is not None else ""
        source = example.envelope.get("source")
        cited = f", from {source}" if source else ""
        body = orjson.dumps(example.body, option=orjson.OPT_INDENT_2).decode()
        lines += [f"`{example.key}`{status}{cited}:", "", "```json", body, "```", ""]
    return lines


def method_page(method: Method) -> str:
    aliases = ", ".join(f"`{a}`" for a in method.aliases) or "none"
    messages = ", ".join(f"`{m}`" for m in method.client_messages) or "none"
    lines = [
        f"# {method.name}",
        "",
        "<!-- Generated from schemas/ by `make generate`: do not edit. -->",
        "",
        method.description,
        "",
        "| kind | directions | aliases | WebSocket messages | since |",
        "|---|---|---|---|---|",
        f"| {method.kind} | {', '.join(method.directions)} | {aliases} | {messages} "
        f"| {method.since} |",
        "",
    ]
    for direction in method.directions:
        relative = method_schema_relpath(method.name, direction)
        document = load(relative)
        lines += [
            f"## {DIRECTION_TITLES[direction]}",
            "",
            f"{document['description']} Schema: [{relative}](../../schemas/{relative}) "
            f"(`{document['title']}`).",
            "",
        ]
        for variant, where in variants(relative):
            lines += [f"### {variant['title']}", ""]
            if variant.get("description"):
                lines += [str(variant["description"]), ""]
            if variant.get("x-evidence"):
                lines += [f"Evidence: {evidence_of(variant)}.", ""]
            if where == relative:
                lines += parameter_table(variant, where)
            else:
                anchor = str(variant["title"]).lower()
                lines += [f"Shared type: see [{variant['title']}](README.md#{anchor}).", ""]
        lines += [f"### Valid {direction} examples", "", *example_blocks(method.name, direction)]
    return "\n".join(lines).rstrip("\n") + "\n"


def method_table(link_prefix: str) -> list[str]:
    """One row per method: name (linked to its page), kind, aliases, since, description."""
    rows = ["| method | kind | aliases | since | description |", "|---|---|---|---|---|"]
    for method in load_catalogue().methods:
        aliases = ", ".join(f"`{a}`" for a in method.aliases)
        link = f"[{method.name}]({link_prefix}{method.name}.md)"
        rows.append(
            f"| {link} | {method.kind} | {aliases} | {method.since} | {cell(method.description)} |"
        )
    return rows


def index_page() -> str:
    lines = [
        "# WCS REST hooks: reference",
        "",
        "<!-- Generated from schemas/ by `make generate`: do not edit. -->",
        "",
        f"{len(load_catalogue().methods)} methods. Each page lists, for every direction, the"
        " parameters of each variant and the valid examples, and links to its schema.",
        "",
        *method_table(""),
        "",
        "## Shared types",
        "",
    ]
    for relative, pointer in SHARED_TYPES:
        node = _node(relative, pointer)
        lines += [f"### {node['title']}", "", str(node.get("description", "")), ""]
        if "properties" in node:
            lines += parameter_table(node, relative)
        else:
            names = ", ".join(code(n) for n in node["propertyNames"]["enum"])
            value = type_of(node["additionalProperties"], relative)
            lines += [f"An object whose keys are method names ({names}), each value a {value}.", ""]
        lines += [f"Schema: [{relative}](../../schemas/{relative}).", ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def render() -> dict[str, bytes]:
    """Every docs page by its repository path."""
    pages = {f"{DOCS}/README.md": index_page()}
    for method in load_catalogue().methods:
        pages[f"{DOCS}/{method.name}.md"] = method_page(method)
    return {path: text.encode() for path, text in sorted(pages.items())}


def readme_with_table(readme: str) -> str:
    """The README with the method table between its markers replaced."""
    start, end = readme.find(README_START), readme.find(README_END)
    if start < 0 or end < start:
        raise ValueError(
            f"README.md needs the markers {README_START} and {README_END} (in that order)"
            " where the method table goes"
        )
    table = "\n".join(method_table(f"{DOCS}/"))
    head = readme[: start + len(README_START)]
    return f"{head}\n{table}\n{readme[end:]}"
