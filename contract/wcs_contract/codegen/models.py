"""Pydantic v2 models from the JSON Schema sources, by datamodel-code-generator.

The schema documents are staged in a temporary folder first, so that the generator sees only
schemas (not the examples or the catalogue beside them) and writes one flat package,
`wcs_contract.models`, with a module per document (`connection_status_event_request`, `common`).
Staging changes no rule: references are re-pointed at the staged file names, and an object that
lists no properties gets the `"additionalProperties": true` that JSON Schema implies, which the
generator would otherwise read as an empty model that drops what the object holds.

The generator's options are in `[tool.datamodel-codegen]` of pyproject.toml (it runs with the
checkout as its working directory to read them); the output folder is the one
`[tool.setuptools.package-dir]` maps `wcs_contract.models` to, so packaging and generation agree.
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

PACKAGE = "wcs_contract.models"
HEADER = "# Generated from schemas/{source} by `make generate` (datamodel-codegen): do not edit.\n"
INIT_DOCSTRING = '''\
"""Pydantic v2 models of the WCS REST hook contract, generated from schemas/ by `make generate`.

A class per schema title: the root model of each method and direction
(`ConnectionStatusEventRequest`) and a class per variant (`ConnectionStatusEventRequestFailed`).
`ROOT_MODELS[(method, direction)]` is the root model of a direction: `model_validate(body)`
parses a body, `model_dump(mode="json", by_alias=True, exclude_unset=True)` gives it back.
Optional members default to `pydantic.MISSING`, so an explicit `null` is refused as the schema
refuses it.
"""
'''
_MAP_KEYWORDS = frozenset(
    {"properties", "additionalProperties", "patternProperties", "propertyNames"}
)


def snake_case(name: str) -> str:
    """`ConnectionStatusEvent` -> `connection_status_event`, `sendDTMF` -> `send_dtmf`."""
    name = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", name)
    return re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name).lower()


def module_of(relative: str) -> str:
    """The module a schema document becomes: `methods/<Method>/<direction>.json` ->
    `<method>_<direction>`; a shared document -> its stem, snake-cased."""
    parts = relative.removesuffix(".json").split("/")
    if parts[0] == "methods" and len(parts) == 3:
        return f"{snake_case(parts[1])}_{parts[2]}"
    return snake_case("_".join(parts))


def modules() -> dict[str, str]:
    """Module name -> schema document, for every schema document; two never share a module."""
    found: dict[str, str] = {}
    for relative in schema_files():
        module = module_of(relative)
        if module in found:
            raise CodegenError(f"{relative} and {found[module]} would both be module {module}")
        found[module] = relative
    return found


def staged_node(node: Any, relative: str, staged_names: dict[str, str]) -> Any:
    """A schema node as the generator gets it: file references re-pointed at the staged names,
    open objects made explicit."""
    if isinstance(node, list):
        return [staged_node(item, relative, staged_names) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: staged_node(value, relative, staged_names) for key, value in node.items()}
    ref = node.get("$ref")
    if isinstance(ref, str) and not ref.startswith("#"):
        target, _, fragment = ref.partition("#")
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(relative), target))
        out["$ref"] = f"{staged_names[resolved]}#{fragment}"
    if node.get("type") == "object" and not (_MAP_KEYWORDS & node.keys()):
        out["additionalProperties"] = True
    return out


def stage(directory: Path) -> dict[str, str]:
    """Write every schema document into `directory` as `<module>.json`; module -> source."""
    sources = modules()
    staged_names = {relative: f"{module}.json" for module, relative in sources.items()}
    for module, relative in sources.items():
        document = staged_node(load(relative), relative, staged_names)
        (directory / f"{module}.json").write_bytes(
            orjson.dumps(document, option=orjson.OPT_INDENT_2)
        )
    return sources


def _pyproject(root: Path) -> dict[str, Any]:
    return tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))


def models_dir(root: Path) -> str:
    """Where the models package lives in the checkout, as pyproject.toml packages it."""
    mapped = _pyproject(root).get("tool", {}).get("setuptools", {}).get("package-dir", {})
    if PACKAGE not in mapped:
        raise CodegenError(
            f"pyproject.toml maps no folder to {PACKAGE} in [tool.setuptools.package-dir]"
        )
    return str(mapped[PACKAGE]).rstrip("/")


def run_generator(root: Path, staged: Path, output: Path) -> None:
    """datamodel-codegen over the staged folder, with the options of `root`'s pyproject.toml."""
    if "datamodel-codegen" not in _pyproject(root).get("tool", {}):
        raise CodegenError(f"{root / 'pyproject.toml'} has no [tool.datamodel-codegen] section")
    command = [sys.executable, "-m", "datamodel_code_generator"]
    command += ["--input", str(staged), "--output", str(output)]
    done = subprocess.run(command, cwd=root, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise CodegenError(f"datamodel-codegen failed (exit {done.returncode}):\n{done.stderr}")


def _is_container(relative: str) -> bool:
    """A document that only holds `$defs` (common.json): its root is no type of its own."""
    return not ({"type", "properties", "oneOf"} & load(relative).keys())


def without_class(source: str, name: str) -> str:
    """The module without its top-level class `name` and the imports only that class used.

    The generator writes a root model for every document; a container's would be a meaningless
    `RootModel[Any]` that accepts anything."""
    lines = source.splitlines(keepends=True)
    for node in ast.parse(source).body:
        if isinstance(node, ast.ClassDef) and node.name == name and node.end_lineno:
            del lines[node.lineno - 1 : node.end_lineno]
            break
    else:
        raise CodegenError(f"datamodel-codegen wrote no class {name}; update codegen/models.py")
    return re.sub(r"\n{4,}", "\n\n\n", _without_unused_imports("".join(lines)))


def _without_unused_imports(source: str) -> str:
    tree = ast.parse(source)
    used = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
    lines = source.splitlines(keepends=True)
    for node in reversed(tree.body):
        if not isinstance(node, ast.ImportFrom) or node.module == "__future__":
            continue
        kept = [alias for alias in node.names if (alias.asname or alias.name) in used]
        if len(kept) == len(node.names):
            continue
        start, end = node.lineno - 1, node.end_lineno or node.lineno
        names = ", ".join(a.name if a.asname is None else f"{a.name} as {a.asname}" for a in kept)
        lines[start:end] = (
            [f"from {'.' * node.level}{node.module or ''} import {names}\n"] if kept else []
        )
    return "".join(lines)


def with_header(source: str, relative: str) -> str:
    """The generator's header names the staged file; name the schema instead."""
    _, _, body = source.partition("\n\n")
    return HEADER.format(source=relative) + "\n" + body


def class_names(source: str) -> list[str]:
    return [node.name for node in ast.parse(source).body if isinstance(node, ast.ClassDef)]


def init_module(classes: dict[str, list[str]]) -> str:
    """`__init__.py`: every class re-exported, and the root model of each method and direction."""
    lines = [
        INIT_DOCSTRING,
        "\nfrom __future__ import annotations\n\nfrom pydantic import BaseModel\n\n",
    ]
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
    exported = sorted({"ROOT_MODELS", *(name for names in classes.values() for name in names)})
    lines += [f'    "{name}",\n' for name in exported]
    lines.append("]\n")
    return "".join(lines)


def render(root: Path) -> dict[str, bytes]:
    """Every file of the models package by its path in the checkout: the generator's modules,
    `__init__.py` and `py.typed`. The same schemas and options give the same bytes."""
    files: dict[str, str] = {"py.typed": ""}
    classes: dict[str, list[str]] = {}
    with tempfile.TemporaryDirectory(prefix="wcs-codegen-") as temporary:
        staged, output = Path(temporary) / "schemas", Path(temporary) / "models"
        staged.mkdir()
        sources = stage(staged)
        run_generator(root, staged, output)
        for module, relative in sources.items():
            source = (output / f"{module}.py").read_text(encoding="utf-8")
            if _is_container(relative):
                source = without_class(source, str(load(relative)["title"]))
            files[f"{module}.py"] = with_header(source, relative)
            classes[module] = class_names(files[f"{module}.py"])
    files["__init__.py"] = init_module(classes)
    folder = models_dir(root)
    return {f"{folder}/{name}": text.encode() for name, text in sorted(files.items())}
