"""The generated tree as a whole: render it, write it, and compare it with what is on disk.

Everything generation owns is rendered in memory as {repository path: bytes}: every file under
generated/ and the README (whose method table is generated). Writing updates the files that
differ and deletes files under generated/ that generation no longer produces; the drift check
reports changed, missing and stale files alike, so a new or deleted schema is caught too.
"""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from wcs_contract.codegen import CodegenError, docs, models, openapi

GENERATED = "generated"
README = "README.md"
OPENAPI = "generated/openapi/wcs-hooks.openapi.json"
FIX_COMMAND = "make generate"


def repo_root() -> Path:
    """The checkout this package runs from: generation needs schemas/ and pyproject.toml."""
    root = Path(__file__).resolve().parents[3]
    if not ((root / "pyproject.toml").is_file() and (root / "schemas").is_dir()):
        raise CodegenError(f"code generation runs in a wcs-contract checkout; {root} is not one")
    return root


def openapi_document() -> bytes:
    text = json.dumps(openapi.build(), indent=2, sort_keys=True, ensure_ascii=False)
    return (text + "\n").encode()


def render(root: Path) -> dict[str, bytes]:
    """Every generated file by its path relative to `root`, README.md included."""
    readme = root / README
    if not readme.is_file():
        raise CodegenError(f"{readme} is missing; the method table is generated into it")
    try:
        table = docs.readme_with_table(readme.read_text(encoding="utf-8"))
    except ValueError as error:
        raise CodegenError(f"{readme}: {error}") from None
    files = {**models.render(root), **docs.render(), OPENAPI: openapi_document()}
    files[README] = table.encode()
    return dict(sorted(files.items()))


def _on_disk(root: Path) -> set[str]:
    """Files under generated/ on disk, without Python's caches."""
    found = set()
    for path in (root / GENERATED).rglob("*"):
        relative = path.relative_to(root)
        if path.is_file() and "__pycache__" not in relative.parts and path.suffix != ".pyc":
            found.add(relative.as_posix())
    return found


@dataclass(frozen=True)
class Drift:
    path: str
    kind: Literal["changed", "missing", "stale"]

    def __str__(self) -> str:
        what = {
            "changed": "differs from what the schemas produce",
            "missing": "is missing (generation creates it)",
            "stale": "is no longer generated (generation deletes it)",
        }[self.kind]
        return f"{self.path}: {what}"


def find_drift(root: Path, rendered: dict[str, bytes]) -> list[Drift]:
    """How the files under `root` differ from `rendered`; empty when they are up to date."""
    drift = []
    for path, content in rendered.items():
        target = root / path
        if not target.is_file():
            drift.append(Drift(path, "missing"))
        elif target.read_bytes() != content:
            drift.append(Drift(path, "changed"))
    drift += [Drift(path, "stale") for path in sorted(_on_disk(root) - rendered.keys())]
    return sorted(drift, key=lambda d: d.path)


def write(root: Path, rendered: dict[str, bytes]) -> list[Drift]:
    """Bring `root` up to date with `rendered`; what was changed, created or deleted."""
    drift = find_drift(root, rendered)
    for item in drift:
        target = root / item.path
        if item.kind == "stale":
            target.unlink()
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(rendered[item.path])
    for directory in sorted((root / GENERATED).rglob("*"), reverse=True):
        if directory.is_dir() and not any(directory.iterdir()):
            directory.rmdir()
    return drift


def diff_excerpt(root: Path, rendered: dict[str, bytes], path: str, limit: int = 20) -> list[str]:
    """The first lines of a unified diff from the file on disk to what generation produces."""
    on_disk = (root / path).read_text(encoding="utf-8", errors="replace").splitlines()
    wanted = rendered[path].decode("utf-8", errors="replace").splitlines()
    lines = list(difflib.unified_diff(on_disk, wanted, f"{path} (on disk)", f"{path} (generated)"))
    return [line.rstrip("\n") for line in lines[:limit]] + (["..."] if len(lines) > limit else [])
