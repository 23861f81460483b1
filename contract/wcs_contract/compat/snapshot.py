"""One version of the contract, in memory: from a git revision or a folder.

A snapshot holds the schema documents of a `schemas/` folder (the catalogue, the shared files and
one file per method and direction; examples are left out), their text (to find a pointer's line),
and compiles validators of them with jsonschema-rs on demand. Nothing here knows today's exact
schemas: only the layout schemas/README.md describes.
"""

from __future__ import annotations

import re
import shutil
import stat
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import jsonschema_rs
import orjson

from wcs_contract.catalogue import Catalogue, Method

BASE_URI = "file:///wcs-contract/schemas/"
CATALOGUE = "catalogue.json"
MAX_SCHEMA_BYTES = 64 << 20  # a bigger file is no schema: refused before it fills the memory
# What a snapshot holds, relative to schemas/: top-level documents and one file per direction.
_SCHEMA_FILE = re.compile(r"^(?:[^/]+\.json|methods/[^/]+/(?:request|response|client)\.json)$")
_NOT_SHARED = frozenset({CATALOGUE, "catalogue.schema.json"})


class SnapshotError(Exception):
    """A version of the contract that cannot be read: one line that says which and why."""


@dataclass(frozen=True, slots=True)
class Loc:
    """Where a schema node is: its file (relative to schemas/) and its JSON pointer there."""

    file: str
    pointer: str = ""

    def child(self, *parts: str | int) -> Loc:
        extra = "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)
        return Loc(self.file, self.pointer + extra)


@dataclass
class Snapshot:
    """The schema documents of one version of the contract."""

    label: str  # how the user named it: a revision, a folder, "working tree"
    display_root: str  # the prefix that makes a relative path a path to show (schemas/...)
    texts: dict[str, bytes]  # relative path -> the file's bytes
    docs: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if CATALOGUE not in self.texts:
            raise SnapshotError(
                f"{self.label}: no {CATALOGUE} in {self.display_root or '.'}"
                " (expected a schemas/ folder, or a folder holding one)"
            )
        for relative, text in self.texts.items():
            if relative not in self.docs:
                try:
                    self.docs[relative] = orjson.loads(text)
                except orjson.JSONDecodeError as error:
                    raise SnapshotError(
                        f"{self.display_root}{relative} ({self.label}): not JSON: {error}"
                    ) from None
            if not isinstance(self.docs[relative], dict):
                raise SnapshotError(
                    f"{self.display_root}{relative} ({self.label}): expected a JSON object"
                    " (a schema, or the catalogue)"
                )
            if relative != CATALOGUE:
                try:
                    jsonschema_rs.meta.validate(self.docs[relative])
                except jsonschema_rs.ValidationError as error:
                    at = "/" + "/".join(map(str, error.instance_path))
                    raise SnapshotError(
                        f"{self.display_root}{relative} ({self.label}): not a valid JSON Schema"
                        f" at {at}: {error.message}"
                    ) from None

    @classmethod
    def from_documents(cls, label: str, docs: dict[str, Any], display_root: str = "") -> Snapshot:
        """A snapshot of documents already in memory (tests, tools)."""
        texts = {rel: orjson.dumps(doc, option=orjson.OPT_INDENT_2) for rel, doc in docs.items()}
        return cls(label, display_root, texts, dict(docs))

    # -- the catalogue ---------------------------------------------------------------------
    @cached_property
    def catalogue(self) -> Catalogue:
        raw = self.docs[CATALOGUE]
        problem = _catalogue_problem(raw)
        if problem is not None:
            # "directions": "request" would otherwise be read letter by letter.
            raise SnapshotError(f"{self.display_root}{CATALOGUE} ({self.label}): {problem}")
        try:
            methods = tuple(
                Method(
                    name=m["name"],
                    kind=m.get("kind", ""),
                    directions=tuple(m.get("directions", ())),
                    aliases=tuple(m.get("aliases", ())),
                    since=m.get("since", ""),
                    client_messages=tuple(m.get("clientMessages", ())),
                    description=m.get("description", ""),
                )
                for m in raw["methods"]
            )
        except (KeyError, TypeError):
            raise SnapshotError(
                f"{self.display_root}{CATALOGUE} ({self.label}): expected"
                ' {"methods": [{"name": ..., "directions": [...]}, ...]}'
            ) from None
        return Catalogue(methods, frozenset(raw.get("keepAliveMessages", ())))

    def catalogue_entry(self, name: str) -> dict[str, Any]:
        for entry in self.docs[CATALOGUE].get("methods", []):
            if entry.get("name") == name:
                return dict(entry)
        return {}

    def direction_file(self, method: str, direction: str) -> str:
        return f"methods/{method}/{direction}.json"

    def shared_files(self) -> list[str]:
        """The top-level documents methods refer to (common.json, restClientConfig.json, ...)."""
        return sorted(r for r in self.docs if "/" not in r and r not in _NOT_SHARED)

    def routes(self) -> Iterator[tuple[str, str]]:
        """Every (method, direction) the catalogue lists that has its schema file."""
        for method in self.catalogue.methods:
            for direction in method.directions:
                if self.direction_file(method.name, direction) in self.docs:
                    yield method.name, direction

    # -- references ------------------------------------------------------------------------
    def resolve(self, ref: str, base: str) -> tuple[Any, Loc]:
        """The node a `$ref` written in file `base` names, and where it is."""
        target, _, fragment = ref.partition("#")
        relative = _join(base, target) if target else base
        document = self.docs.get(relative)
        if document is None:
            raise SnapshotError(
                f"{self.display_root}{base} ({self.label}): $ref {ref!r} names {relative},"
                " which is not in the contract"
            )
        if fragment and not fragment.startswith("/"):  # "#name": a plain-name `$anchor`
            found = _anchor_pointer(document, fragment)
            if found is None:
                raise SnapshotError(
                    f"{self.display_root}{base} ({self.label}): $ref {ref!r} names no $anchor"
                    f" of {relative}"
                )
            fragment = found
        node = document
        try:
            for part in fragment.split("/")[1:] if fragment else []:
                part = part.replace("~1", "/").replace("~0", "~")
                node = node[int(part)] if isinstance(node, list) else node[part]
        except (KeyError, IndexError, ValueError, TypeError):
            raise SnapshotError(
                f"{self.display_root}{base} ({self.label}): $ref {ref!r} names nothing"
            ) from None
        return node, Loc(relative, fragment)

    def follow(self, node: Any, loc: Loc) -> tuple[Any, Loc]:
        """The first node that is not a bare `$ref` on the way from `node`, and where it is;
        a chain of references that comes back on itself is an error, not an endless loop."""
        seen = [loc]
        while isinstance(node, dict) and isinstance(node.get("$ref"), str):
            node, loc = self.resolve(node["$ref"], loc.file)
            if loc in seen:
                chain = " -> ".join(
                    f"{'' if at.file == seen[0].file else at.file}#{at.pointer}"
                    for at in [*seen, loc]
                )
                raise SnapshotError(
                    f"{self.display_root}{seen[0].file} ({self.label}): a $ref cycle: {chain}"
                )
            seen.append(loc)
        return node, loc

    # -- validation ------------------------------------------------------------------------
    @cached_property
    def _registry(self) -> jsonschema_rs.Registry:
        return jsonschema_rs.Registry(
            [(BASE_URI + r, d) for r, d in self.docs.items() if r != CATALOGUE],
            draft=jsonschema_rs.Draft202012,
        )

    @cached_property
    def _lenient_registry(self) -> jsonschema_rs.Registry:
        return jsonschema_rs.Registry(
            [(BASE_URI + r, lenient(d)) for r, d in self.docs.items() if r != CATALOGUE],
            draft=jsonschema_rs.Draft202012,
        )

    def is_valid(self, body: Any, method: str, direction: str, *, strict: bool = True) -> bool:
        """Whether the body keeps this version's schema of the route. Strict: as the schema says
        (unknown fields fail). Lenient: the verdict of `wcs-contract validate` without --strict,
        where unknown fields are warnings: the variant is selected as the validator selects it
        (frame `message`, then `status`, then the default variant), then checked without
        `additionalProperties: false`."""
        relative = self.direction_file(method, direction)
        if strict:
            return bool(
                self._compiled(("strict", relative, ""), self.docs[relative], relative)(body)
            )
        return self._selected_valid(self.docs[relative], Loc(relative), body, 0)

    def check_usable(self, relative: str, pointer: str = "") -> None:
        """Compile the document `relative`, or its node at `pointer`; SnapshotError when it
        cannot be compiled (a `pattern` that is no regular expression)."""
        if pointer:
            try:
                self.resolve("#" + pointer, relative)
            except SnapshotError:
                return  # a definition this version removed: nothing to compile
            self.is_valid_at(Loc(relative, pointer), None)
        else:
            self._compiled(("strict", relative, ""), self.docs[relative], relative)

    def is_valid_at(self, loc: Loc, body: Any) -> bool:
        """Whether the body keeps the schema at `loc` (a variant), strictly."""
        reference = {"$ref": f"{BASE_URI}{loc.file}#{loc.pointer}"}
        key = ("at", loc.file, loc.pointer)
        return bool(self._compiled(key, reference, loc.file, f"{BASE_URI}at/{loc.file}")(body))

    def _compiled(
        self, key: tuple[str, str, str], schema: Any, relative: str, base: str | None = None
    ) -> Any:
        check = self._validators.get(key)
        if check is None:
            lenient_ = key[0] not in ("strict", "at")
            try:
                check = jsonschema_rs.validator_for(
                    schema,
                    registry=self._lenient_registry if lenient_ else self._registry,
                    base_uri=base or BASE_URI + relative,
                    offline=True,
                ).is_valid
            except (ValueError, jsonschema_rs.ValidationError) as error:
                # jsonschema-rs explains on several lines: the first says what, the path where.
                text = getattr(error, "message", "") or str(error)
                what = next(iter(text.splitlines()), text)
                path = getattr(error, "instance_path", None) if key[0] == "strict" else None
                pointer = "/" + "/".join(map(str, path)) if path else key[2]
                at = f" at {pointer}" if pointer else ""
                raise SnapshotError(
                    f"{self.display_root}{relative} ({self.label}): not a usable schema{at}: {what}"
                ) from None
            self._validators[key] = check
        return check

    def _deref(self, node: Any, loc: Loc) -> tuple[Any, Loc]:
        return self.follow(node, loc)

    def _selected_valid(self, node: Any, loc: Loc, body: Any, depth: int) -> bool:
        node, loc = self._deref(node, loc)
        branches = node.get("oneOf") if isinstance(node, dict) else None
        if isinstance(branches, list):
            variants = [self._deref(b, loc.child("oneOf", i)) for i, b in enumerate(branches)]
        else:
            variants = [(node, loc)]
        chosen = _select(variants, body)
        if chosen is None:
            return False
        variant, at = chosen
        items = _frame_items(variant)
        if items is None or depth > 4:
            reference = {"$ref": f"{BASE_URI}{at.file}#{at.pointer}"}
            check = self._compiled(
                ("lenient", at.file, at.pointer),
                reference,
                at.file,
                f"{BASE_URI}selected/{at.file}",
            )
            return bool(check(body))
        # A frame: checked without its elements, then each element as a body of its own.
        frame = lenient(variant)
        frame["properties"] = {**frame["properties"], "data": {**frame["properties"]["data"]}}
        frame["properties"]["data"]["items"] = True
        if not self._compiled(("frame", at.file, at.pointer), frame, at.file)(body):
            return False
        data = body.get("data") if isinstance(body, dict) else None
        items_at = at.child("properties", "data", "items")
        return all(
            self._selected_valid(items, items_at, element, depth + 1)
            for element in (data if isinstance(data, list) else [])
        )

    @cached_property
    def _validators(self) -> dict[tuple[str, str, str], Any]:
        return {}

    def method_for(self, name: str | None, body: Any, direction: str | None) -> str | None:
        """The method a captured payload belongs to in this version (names, aliases, frames)."""
        if (
            isinstance(body, dict)
            and direction == "client"
            and isinstance(body.get("message"), str)
        ):
            message = body["message"]
            if message == "fail" and isinstance(body.get("data"), list) and body["data"]:
                first = body["data"][0]
                if isinstance(first, dict) and isinstance(first.get("apiMethod"), str):
                    name = first["apiMethod"]
            else:
                found = self.catalogue.for_client_message(message)
                if found is not None:
                    return found.name
        if name is None:
            return None
        method = self.catalogue.find(name)
        return method.name if method is not None else None


def _anchor_pointer(node: Any, name: str, at: str = "") -> str | None:
    """The JSON pointer of the schema whose `$anchor` is `name`, or None."""
    if isinstance(node, dict):
        if node.get("$anchor") == name or node.get("$dynamicAnchor") == name:
            return at
        items: Any = node.items()
    elif isinstance(node, list):
        items = enumerate(node)
    else:
        return None
    for key, value in items:
        if key in ("enum", "const", "examples", "default"):
            continue  # values, not schemas
        step = str(key).replace("~", "~0").replace("/", "~1")
        found = _anchor_pointer(value, name, f"{at}/{step}")
        if found is not None:
            return found
    return None


def _catalogue_problem(raw: dict[str, Any]) -> str | None:
    """Where a catalogue departs from the shape diff reads (a JSON pointer and what was
    expected), or None."""

    def strings(value: Any) -> bool:
        return isinstance(value, list) and all(isinstance(v, str) for v in value)

    methods = raw.get("methods")
    if not isinstance(methods, list):
        return "/methods: expected an array of methods"
    for i, method in enumerate(methods):
        if not isinstance(method, dict) or not isinstance(method.get("name"), str):
            return f'/methods/{i}: expected an object with a string "name"'
        for key in ("directions", "aliases", "clientMessages"):
            if not strings(method.get(key, [])):
                return f"/methods/{i}/{key}: expected an array of strings"
        for key in ("kind", "since", "description"):
            if not isinstance(method.get(key, ""), str):
                return f"/methods/{i}/{key}: expected a string"
    if not strings(raw.get("keepAliveMessages", [])):
        return "/keepAliveMessages: expected an array of strings"
    return None


def _values_of(node: dict[str, Any], name: str) -> list[Any]:
    member = (node.get("properties") or {}).get(name)
    if not isinstance(member, dict):
        return []
    values = member.get("enum")
    return (
        list(values) if isinstance(values, list) else [member["const"]] if "const" in member else []
    )


def _frame_items(variant: Any) -> Any:
    """The schema of a frame variant's `data` elements, or None for a bare variant."""
    if not isinstance(variant, dict) or not _values_of(variant, "message"):
        return None
    data = (variant.get("properties") or {}).get("data")
    items = data.get("items") if isinstance(data, dict) else None
    return items if isinstance(items, dict) and ("oneOf" in items or "$ref" in items) else None


def _select(variants: list[tuple[Any, Loc]], body: Any) -> tuple[Any, Loc] | None:
    """The variant a body selects, as the validator selects it (schemas/README.md)."""
    frames = [v for v in variants if isinstance(v[0], dict) and _values_of(v[0], "message")]
    bodies = [v for v in variants if v not in frames]
    if not isinstance(body, dict):
        return variants[0] if variants else None
    if frames and "message" in body:
        return next((v for v in frames if body["message"] in _values_of(v[0], "message")), None)
    if len(bodies) == 1:
        return bodies[0]

    def status_type(node: Any) -> Any:
        member = (node.get("properties") or {}).get("status") if isinstance(node, dict) else None
        return member.get("type") if isinstance(member, dict) else None

    if "status" in body:
        status = body["status"]
        if type(status) is int:
            return next((v for v in bodies if status_type(v[0]) == "integer"), None)
        if type(status) is str:
            for v in bodies:
                if status in _values_of(v[0], "status"):
                    return v
        return next(
            (
                v
                for v in bodies
                if not _values_of(v[0], "status") and status_type(v[0]) != "integer"
            ),
            None,
        )
    return next(
        (v for v in bodies if "status" not in (v[0].get("required") or ())),
        None,
    )


def lenient(node: Any) -> Any:
    """A copy of a schema in which unknown fields are allowed, as `validate` only warns of them.
    Variants are then no longer exclusive, so `oneOf` becomes `anyOf`: a variant still takes only
    its own `status` values, so a body cannot pass as a variant it does not select."""
    if isinstance(node, list):
        return [lenient(v) for v in node]
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key in ("enum", "const", "examples", "default", "required"):
            out[key] = value
        elif key == "additionalProperties" and value is False:
            out[key] = True
        elif key == "oneOf":
            out["anyOf"] = lenient(value)
        else:
            out[key] = lenient(value)
    return out


def _join(base: str, target: str) -> str:
    parts: list[str] = base.split("/")[:-1]
    for part in target.split("/"):
        if part == "..":
            if parts:
                parts.pop()
        elif part not in (".", ""):
            parts.append(part)
    return "/".join(parts)


# -- loading ---------------------------------------------------------------------------------


def _git(repo: Path, *args: str, data: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            ["git", "-C", str(repo), *args],
            input=data,
            capture_output=True,
            check=False,
            timeout=120,
        )
    except FileNotFoundError:
        raise SnapshotError("git is not installed: name a folder instead of a revision") from None
    except subprocess.TimeoutExpired:
        raise SnapshotError(f"git {' '.join(args[:2])} took more than 120 s") from None


def git_toplevel(where: Path) -> Path | None:
    """The top of the git work tree `where` is in, or None."""
    try:
        done = _git(where, "rev-parse", "--show-toplevel")
    except SnapshotError:
        return None
    if done.returncode != 0:
        return None
    return Path(done.stdout.decode().strip())


def from_folder(path: Path, label: str | None = None) -> Snapshot:
    """A `schemas/` folder, or a folder holding one."""
    root = path
    if not (root / CATALOGUE).is_file() and (root / "schemas" / CATALOGUE).is_file():
        root = root / "schemas"
    if not (root / CATALOGUE).is_file():
        raise SnapshotError(
            f"{path}: no {CATALOGUE} here or in {path / 'schemas'}"
            " (expected a schemas/ folder, or a folder holding one)"
        )
    texts: dict[str, bytes] = {}
    inside = root.resolve()
    for file in root.rglob("*.json"):
        relative = file.relative_to(root).as_posix()
        if _SCHEMA_FILE.match(relative):
            texts[relative] = _read_schema_file(file, inside)
    display = root.as_posix().rstrip("/") + "/"
    if display.startswith("./"):
        display = display[2:]
    return Snapshot(label or str(path), display, texts)


def _read_schema_file(file: Path, inside: Path) -> bytes:
    """A schema file's bytes. A link out of the folder is refused (a git revision holds the link,
    not what it points to, and a reviewed change must not make the tool read the machine's other
    files), and so are a FIFO or a device (/dev/zero) and a file too big for any schema, which
    would each hang the run or fill the memory."""
    target = file.resolve()
    if not target.is_relative_to(inside):
        raise SnapshotError(f"{file}: a symbolic link out of {inside} (to {target})")
    try:
        if not stat.S_ISREG(file.stat().st_mode):  # before opening: a FIFO's open() waits
            raise SnapshotError(f"{file}: not a regular file (a FIFO, socket or device)")
        with file.open("rb") as stream:
            data = stream.read(MAX_SCHEMA_BYTES + 1)
    except OSError as error:
        raise SnapshotError(f"{file}: {error.strerror}") from None
    if len(data) > MAX_SCHEMA_BYTES:
        raise SnapshotError(f"{file}: larger than {MAX_SCHEMA_BYTES >> 20} MiB: not a schema")
    return data


def _shallow_hint(repo: Path) -> str:
    """A shallow clone (CI checks out one commit by default) lacks the revisions to compare."""
    shallow = _git(repo, "rev-parse", "--is-shallow-repository").stdout.strip() == b"true"
    if not shallow:
        return ""
    return (
        "; this clone is shallow: fetch the history first (git fetch --unshallow, or"
        " fetch-depth: 0 in actions/checkout)"
    )


def from_revision(repo: Path, revision: str, folder: str = "schemas") -> Snapshot:
    """The `schemas/` folder of a git revision of the repository at `repo`, read with one
    `git ls-tree` and one `git cat-file --batch` (no checkout, nothing written)."""
    if revision.startswith("-"):
        raise SnapshotError(f"{revision!r} is not a revision name")
    found = _git(repo, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    if found.returncode != 0:
        raise SnapshotError(
            f"{revision!r} is neither a folder nor a revision of the git repository at {repo}"
            + _shallow_hint(repo)
        )
    commit = found.stdout.decode().strip()
    listing = _git(repo, "ls-tree", "-r", "-z", "--long", commit, "--", f"{folder}/")
    if listing.returncode != 0:
        raise SnapshotError(f"{revision}: git ls-tree failed: {listing.stderr.decode().strip()}")
    prefix = folder.rstrip("/") + "/"
    names = []
    for entry in listing.stdout.decode().split("\0"):
        facts, _, name = entry.partition("\t")  # "<mode> <type> <object> <size>", the path
        if not (name.startswith(prefix) and _SCHEMA_FILE.match(name[len(prefix) :])):
            continue
        declared = facts.split()[-1]
        if declared.isdigit() and int(declared) > MAX_SCHEMA_BYTES:  # before git sends it
            raise SnapshotError(
                f"{name} ({revision}): larger than {MAX_SCHEMA_BYTES >> 20} MiB: not a schema"
            )
        names.append(name[len(prefix) :])
    if CATALOGUE not in names:
        raise SnapshotError(f"{revision}: no {prefix}{CATALOGUE} in that revision")
    request = "".join(f"{commit}:{prefix}{name}\n" for name in names).encode()
    batch = _git(repo, "cat-file", "--batch", data=request)
    if batch.returncode != 0:
        raise SnapshotError(f"{revision}: git cat-file failed: {batch.stderr.decode().strip()}")
    texts: dict[str, bytes] = {}
    out = batch.stdout
    position = 0
    for name in names:
        end = out.index(b"\n", position)
        header = out[position:end].split()
        if len(header) != 3:
            raise SnapshotError(f"{revision}: git cannot read {prefix}{name}")
        size = int(header[2])
        texts[name] = out[end + 1 : end + 1 + size]
        position = end + 1 + size + 1
    return Snapshot(revision, prefix, texts)


def load(spec: str | None, cwd: Path | None = None) -> Snapshot:
    """OLD or NEW as the command line names it: an existing folder, else a git revision of the
    repository around `cwd`; None is the working tree's schemas/."""
    here = cwd or Path.cwd()
    top = git_toplevel(here)
    if spec is None:
        root = top if top is not None else here
        snapshot = from_folder(root, "working tree")
        if top is not None:
            # Paths shown relative to the repository, as GitHub annotations want them.
            folder = root / "schemas" if (root / "schemas" / CATALOGUE).is_file() else root
            snapshot.display_root = folder.relative_to(top).as_posix().strip(".") or ""
            snapshot.display_root += "/" if snapshot.display_root else ""
        return snapshot
    path = Path(spec) if Path(spec).is_absolute() else here / spec
    if path.is_dir():
        return from_folder(Path(spec) if not Path(spec).is_absolute() else path, spec)
    if path.exists():
        raise SnapshotError(f"{spec}: a file; expected a folder or a git revision")
    if top is None:
        if shutil.which("git") is None:
            raise SnapshotError(f"{spec!r} is not a folder, and git is not installed to read it")
        raise SnapshotError(f"{spec!r} is not a folder, and {here} is not inside a git repository")
    return from_revision(top, spec)
