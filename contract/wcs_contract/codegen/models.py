"""Pydantic v2 models from the JSON Schema sources, by datamodel-code-generator.

The schema documents are staged in a temporary folder first, so the generator sees only schemas
(not the examples or the catalogue beside them) and writes one flat package, `wcs_contract.models`,
with a module per document (`connection_status_event_request`, `common`, ...). Staging changes no
rule: references are re-pointed at the staged file names, and an object that lists no properties
gets the `"additionalProperties": true` JSON Schema implies, which the generator otherwise reads
as an empty model that drops what the object holds. The options are in `[tool.datamodel-codegen]`
of pyproject.toml; the generator runs with the repository as its working directory to read them.
"""

from __future__ import annotations

import ast
import posixpath
import re
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path
from typing import Any

import orjson

from wcs_contract.catalogue import load_catalogue
from wcs_contract.codegen import CodegenError
from wcs_contract.documents import load, method_schema_relpath, schema_files

MODELS = "generated/models"
HEADER = (
    "# Generated from schemas/{source} by `make generate` (datamodel-code-generator): do not edit.\n"
)
INIT_DOCSTRING = '''\
"""Pydantic v2 models of the WCS REST hook contract, generated from schemas/ by `make generate`.

One class per schema title: the root model of each method and direction
(`ConnectionStatusEventRequest`), and one class per variant
(`ConnectionStatusEventRequestFailed`). `ROOT_MODELS[(method, direction)]` is the root model of a
direction; it parses a body with `model_validate(body)` and writes it back with
`model_dump(mode="json", by_alias=True, exclude_unset=True)`.
"""
'''


def snake_case(name: str) -> str:
    """`ConnectionStatusEvent` -> `connection_status_event`, `sendDTMF` -> `send_dtmf`."""
    name = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", name)
    return re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name).lower()


def module_of(relative: str) -> str:
    """The module a schema document becomes: `methods/<Method>/<direction>.json` ->
    `<method>_<direction>`, a shared document -> its snake-cased stem."""
    parts = relative.removesuffix(".json").split("/")
    if parts[0] == "methods":
        return f"{snake_case(parts[1])}_{parts[2]}"
    return snake_case("_".join(parts))


def modules() -> dict[str, str]:
    """Module name -> schema document, for every schema document; names never collide."""
    found: dict[str, str] = {}
    for relative in schema_files():
        module = module_of(relative)
        if module in found:
            raise CodegenError(f"{relative} and {found[module]} would both be module {module}")
        found[module] = relative
    return found


def _staged(node: Any, relative: str, staged_names: dict[str, str]) -> Any:
    if isinstance(node, list):
        return [_staged(item, relative, staged_names) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: _staged(value, relative, staged_names) for key, value in node.items()}
    ref = node.get("$ref")
    if isinstance(ref, str) and not ref.startswith("#"):
        target, _, fragment = ref.partition("#")
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(relative), target))
        out["$ref"] = f"{staged_names[resolved]}#{fragment}"
    is_open_object = node.get("type") == "object" and not (
        {"properties", "additionalProperties", "patternProperties", "propertyNames"} & node.keys()
    )
    if is_open_object:
        out["additionalProperties"] = True
    return out


def stage(directory: Path) -> dict[str, str]:
    """Write every schema document into `directory` as `<module>.json`; module -> source."""
    sources = modules()
    staged_names = {relative: f"{module}.json" for module, relative in sources.items()}
    for module, relative in sources.items():
        document = _staged(load(relative), relative, staged_names)
        (directory / f"{module}.json").write_bytes(
            orjson.dumps(document, option=orjson.OPT_INDENT_2)
        )
    return sources


def _require_generator_config(root: Path) -> None:
    pyproject = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    if "datamodel-codegen" not in pyproject.get("tool", {}):
        raise CodegenError(f"{root / 'pyproject.toml'} has no [tool.datamodel-codegen] section")


def run_generator(root: Path, staged: Path, output: Path) -> None:
    """datamodel-codegen over the staged folder, with the options of `root`'s pyproject.toml."""
    _require_generator_config(root)
    command = [
        sys.executable,
        "-m",
        "datamodel_code_generator",
        "--input",
        str(staged),
        "--output",
        str(output),
    ]
    done = subprocess.run(command, cwd=root, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise CodegenError(
            f"datamodel-codegen failed (exit {done.returncode}):\n{done.stderr}{done.stdout}"
        )


def _is_container(relative: str) -> bool:
    """A document that only holds `$defs` (common.json): its root is no type of its own."""
    document = load(relative)
    return not ({"type", "properties", "oneOf"} & document.keys())


def _without_class(source: str, name: str) -> str:
    """The module source without the top-level class `name` (and its now unused imports)."""
    tree = ast.parse(source)
    lines = source.splitlines(keepends=True)
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and node.name == name and node.end_lineno:
            del lines[node.lineno - 1 : node.end_lineno]
            break
    else:
        raise CodegenError(f"datamodel-codegen wrote no class {name}: update codegen/models.py")
    kept = "".join(lines)
    return re.sub(r"\n{3,}", "\n\n\n", _drop_unused_imports(kept))


def _drop_unused_imports(source: str) -> str:
    tree = ast.parse(source)
    used = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
    used |= {n.value.id for n in ast.walk(tree) if isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name)}
    lines = source.splitlines(keepends=True)
    for node in reversed(tree.body):
        if not isinstance(node, ast.ImportFrom) or node.module == "__future__":
            continue
        names = [a for a in node.names if (a.asname or a.name) in used]
        if len(names) == len(node.names):
            continue
        start, end = node.lineno - 1, node.end_lineno or node.lineno
        if not names:
            del lines[start:end]
            continue
        listed = ", ".join(a.name + (f" as {a.asname}" if a.asname else "") for a in names)
        lines[start:end] = [f"from {'.' * node.level}{node.module or ''} import {listed}\n"]
    return "".join(lines)


def _header(source: str, relative: str) -> str:
    """Replace the generator's header (it names the staged file) with the real source."""
    body = source.split("\n\n", 1)[1]
    return HEADER.format(source=relative) + "\n" + body


def public_classes(source: str) -> list[str]:
    return [n.name for n in ast.parse(source).body if isinstance(n, ast.ClassDef)]


def init_module(classes: dict[str, list[str]]) -> str:
    """`__init__.py`: every class re-exported, and the root model of each method and direction."""
    lines = [INIT_DOCSTRING, "\nfrom __future__ import annotations\n\n"]
    lines.append("from pydantic import BaseModel\n\n")
    for module in sorted(classes):
        lines.append(f"from .{module} import (\n")
        lines += [f"    {name},\n" for name in sorted(classes[module])]
        lines.append(")\n")
    lines.append("\nROOT_MODELS: dict[tuple[str, str], type[BaseModel]] = {\n")
    for method in load_catalogue().methods:
        for direction in method.directions:
            title = load(method_schema_relpath(method.name, direction))["title"]
            lines.append(f'    ("{method.name}", "{direction}"): {title},\n')
    lines.append("}\n\n__all__ = [\n")
    every = sorted({"ROOT_MODELS", *(n for names in classes.values() for n in names)})
    lines += [f'    "{name}",\n' for name in every]
    lines.append("]\n")
    return "".join(lines)


def render(root: Path) -> dict[str, bytes]:
    """Every file of the models package by its repository path: the generator's modules,
    `__init__.py` and `py.typed`. The same schemas and options give the same bytes."""
    with tempfile.TemporaryDirectory(prefix="wcs-codegen-") as temporary:
        staged, output = Path(temporary) / "schemas", Path(temporary) / "models"
        staged.mkdir()
        sources = stage(staged)
        run_generator(root, staged, output)
        files: dict[str, str] = {"py.typed": ""}
        classes: dict[str, list[str]] = {}
        for module, relative in sources.items():
            source = (output / f"{module}.py").read_text(encoding="utf-8")
            if _is_container(relative):
                source = _without_class(source, str(load(relative)["title"]))
            source = _header(source, relative)
            files[f"{module}.py"] = source
            classes[module] = public_classes(source)
    files["__init__.py"] = init_module(classes)
    return {f"{MODELS}/{name}": text.encode() for name, text in sorted(files.items())}
