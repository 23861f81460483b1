"""The walk: every method, direction, variant and field of two versions of the contract, compared.

Each difference is a Finding of a kind from rules.py. A shared definition (a `$defs` entry of
common.json, the whole of restClientConfig.json) is compared once, on its own, and its changes
list every method and direction that use it; a method's walk stops where both versions refer to
the same shared definition.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import orjson

from wcs_contract.compat.rules import KINDS, RANK, Scope, Severity, scope_of, severity, worst
from wcs_contract.compat.snapshot import Loc, Snapshot, SnapshotError

Path = tuple[str | int, ...]

ANNOTATIONS = {
    "title": "title-changed",
    "description": "description-changed",
    "examples": "examples-changed",
    "x-since": "since-changed",
    "x-inferred": "inferred-changed",
    "default": "default-changed",
    "discriminator": "discriminator-changed",
    "$comment": "annotation-changed",
    "$anchor": "annotation-changed",  # a name for `$ref: "#name"`, no constraint
    "$dynamicAnchor": "annotation-changed",
    "$schema": "annotation-changed",
    "deprecated": "annotation-changed",
    "readOnly": "annotation-changed",
    "writeOnly": "annotation-changed",
    "contentMediaType": "annotation-changed",
    "contentEncoding": "annotation-changed",
}
# keyword -> (family, +1 when a larger value means fewer valid instances)
BOUNDS = {
    "minimum": ("minimum", 1),
    "exclusiveMinimum": ("minimum", 1),
    "maximum": ("maximum", -1),
    "exclusiveMaximum": ("maximum", -1),
    "minLength": ("min-length", 1),
    "maxLength": ("max-length", -1),
    "minItems": ("min-items", 1),
    "maxItems": ("max-items", -1),
}
_HANDLED = frozenset(
    {
        *ANNOTATIONS,
        *BOUNDS,
        "$ref",
        "$defs",
        "type",
        "enum",
        "const",
        "properties",
        "required",
        "additionalProperties",
        "propertyNames",
        "items",
        "pattern",
        "format",
        "multipleOf",
        "uniqueItems",
        "oneOf",
        "anyOf",
        "allOf",
    }
)
_APPLIES = {
    "minimum": {"number", "integer"},
    "exclusiveMinimum": {"number", "integer"},
    "maximum": {"number", "integer"},
    "exclusiveMaximum": {"number", "integer"},
    "minLength": {"string"},
    "maxLength": {"string"},
    "pattern": {"string"},
    "minItems": {"array"},
    "maxItems": {"array"},
}
UNDECLARED = "undeclaredField"  # the member a witness adds where unknown fields change


@dataclass
class Finding:
    """One difference, before it is given a severity: where, what, and what a witness needs."""

    kind: str
    old: Loc | None
    new: Loc | None
    detail: str
    path: Path  # where in a body of the variant (or of the shared definition) it is
    old_node: Any = None  # the schemas at that place, for the witness search
    new_node: Any = None
    variant_old: Loc | None = None
    variant_new: Loc | None = None


@dataclass
class Use:
    """A place where a route uses a shared definition: the variant, and the path in its body."""

    method: str
    direction: str
    variant: Loc
    path: Path


@dataclass
class Change:
    """One classified difference, as every reporter renders it."""

    method: str  # a method's wire name, "catalogue", or the shared file
    direction: str  # request | response | client | catalogue | shared
    file: str  # the schema file (relative to schemas/) the pointer is in
    pointer: str
    change: str
    severity: Severity
    message: str
    affected: tuple[tuple[str, str], ...] = ()  # (method, direction) using a shared definition
    witness: dict[str, Any] | None = None
    finding: Finding | None = field(default=None, repr=False, compare=False)
    uses: tuple[Use, ...] = field(default=(), repr=False, compare=False)
    # a catalogue change that loses routes: the spelling and directions payloads used
    lost: tuple[str, tuple[str, ...]] | None = field(default=None, repr=False, compare=False)

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "method": self.method,
            "direction": self.direction,
            "file": self.file,
            "pointer": self.pointer,
            "change": self.change,
            "severity": self.severity,
            "message": self.message,
        }
        if self.affected:
            out["affected"] = [{"method": m, "direction": d} for m, d in self.affected]
        if self.witness is not None:
            out["witness"] = self.witness
        return out


def _show(value: Any) -> str:
    text = orjson.dumps(value).decode()
    return text if len(text) <= 60 else text[:57] + "..."


def _types(node: dict[str, Any]) -> set[str] | None:
    declared = node.get("type")
    if declared is None:
        return None
    return set(declared) if isinstance(declared, list) else {declared}


def _within(inner: set[str], outer: set[str]) -> bool:
    return all(t in outer or (t == "integer" and "number" in outer) for t in inner)


def _has_ref(node: Any) -> bool:
    return b'"$ref"' in orjson.dumps(node)


def _status_values(node: Any) -> set[str]:
    if not isinstance(node, dict):
        return set()
    status = node.get("properties", {}).get("status", {})
    if not isinstance(status, dict):
        return set()
    values = status.get("enum") or ([status["const"]] if "const" in status else [])
    return {v for v in values if isinstance(v, str)}


def _is_refusal(node: Any) -> bool:
    if not isinstance(node, dict):
        return False
    status = node.get("properties", {}).get("status", {})
    return isinstance(status, dict) and status.get("type") == "integer"


class _Walk:
    """Compares two schema trees, following references, and collects findings."""

    def __init__(self, old: Snapshot, new: Snapshot, units: set[Loc], home: Loc | None) -> None:
        self.old = old
        self.new = new
        self.units = units  # shared definitions present in both versions: compared on their own
        self.home = home  # the shared definition being compared (None: a method's document)
        self.findings: list[Finding] = []
        self.seen: set[tuple[Loc, Loc]] = set()
        self.variant: tuple[Loc | None, Loc | None] = (None, None)

    def emit(
        self,
        kind: str,
        old: Loc | None,
        new: Loc | None,
        detail: str,
        path: Path,
        old_node: Any = None,
        new_node: Any = None,
    ) -> None:
        assert kind in KINDS, kind
        self.findings.append(
            Finding(kind, old, new, detail, path, old_node, new_node, *self.variant)
        )

    def _deref(self, snapshot: Snapshot, node: Any, loc: Loc) -> tuple[Any, Loc]:
        return snapshot.follow(node, loc)

    def node(self, o: Any, n: Any, ol: Loc, nl: Loc, path: Path) -> None:
        if (ol, nl) in self.seen:
            return
        self.seen.add((ol, nl))
        o_ref = isinstance(o, dict) and "$ref" in o
        n_ref = isinstance(n, dict) and "$ref" in n
        if o_ref or n_ref:
            self._reference(o, n, ol, nl, path, o_ref, n_ref)
            return
        if o == n and not _has_ref(o):
            return
        if not isinstance(o, dict) or not isinstance(n, dict):
            self.emit(
                "constraint-changed", ol, nl, f"schema {_show(o)} became {_show(n)}", path, o, n
            )
            return
        self._annotations(o, n, ol, nl, path)
        self._composition(o, n, ol, nl, path)
        self._type(o, n, ol, nl, path)
        self._values(o, n, ol, nl, path)
        self._object(o, n, ol, nl, path)
        self._array(o, n, ol, nl, path)
        self._scalars(o, n, ol, nl, path)
        for key in sorted((o.keys() | n.keys()) - _HANDLED):
            if key.startswith("x-"):
                self._x_keyword(key, o, n, ol, nl, path)
            elif key not in n:
                self.emit("constraint-removed", ol.child(key), nl, f"{key!r} removed", path, o, n)
            elif key not in o:
                self.emit("constraint-added", ol, nl.child(key), f"{key!r} added", path, o, n)
            elif o[key] != n[key]:
                detail = f"{key!r} changed from {_show(o[key])} to {_show(n[key])}"
                self.emit("constraint-changed", ol.child(key), nl.child(key), detail, path, o, n)

    def _reference(
        self, o: Any, n: Any, ol: Loc, nl: Loc, path: Path, o_ref: bool, n_ref: bool
    ) -> None:
        ot, otl = self._deref(self.old, o, ol) if o_ref else (o, ol)
        nt, ntl = self._deref(self.new, n, nl) if n_ref else (n, nl)
        if o_ref and n_ref:
            for key in sorted(ANNOTATIONS.keys() & (o.keys() | n.keys())):
                if o.get(key) != n.get(key):
                    self.emit(ANNOTATIONS[key], ol, nl, f"{key!r} beside $ref changed", path)
        if otl == ntl and otl in self.units and otl != self.home:
            return  # the shared definition is compared once, on its own
        if o_ref and n_ref and otl != ntl and otl in self.units and ntl in self.units:
            detail = f"refers to {ntl.file}#{ntl.pointer} instead of {otl.file}#{otl.pointer}"
            self.emit("ref-retargeted", ol, nl, detail, path)
        self.node(ot, nt, otl, ntl, path)

    def _annotations(self, o: dict[str, Any], n: dict[str, Any], ol: Loc, nl: Loc, p: Path) -> None:
        for key, kind in ANNOTATIONS.items():
            if o.get(key) != n.get(key):
                if key == "title":
                    detail = f"title {o.get(key)!r} became {n.get(key)!r}"
                else:
                    detail = f"{key!r} {'added' if key not in o else 'changed'}"
                    detail = f"{key!r} removed" if key not in n else detail
                self.emit(kind, ol.child(key), nl.child(key) if key in n else nl, detail, p)

    def _x_keyword(
        self, key: str, o: dict[str, Any], n: dict[str, Any], ol: Loc, nl: Loc, p: Path
    ) -> None:
        if o.get(key) == n.get(key):
            return
        if key == "x-secret":
            kind = "secret-flag-added" if n.get(key) else "secret-flag-removed"
            self.emit(
                kind,
                ol.child(key),
                nl.child(key),
                "x-secret " + ("set" if n.get(key) else "removed"),
                p,
            )
        else:
            self.emit("annotation-changed", ol.child(key), nl.child(key), f"{key!r} changed", p)

    def _type(self, o: dict[str, Any], n: dict[str, Any], ol: Loc, nl: Loc, p: Path) -> None:
        ot, nt = _types(o), _types(n)
        if ot == nt:
            return
        where = (ol.child("type"), nl.child("type"))
        if ot is None:
            assert nt is not None
            self.emit("type-added", ol, where[1], f"type restricted to {sorted(nt)}", p, o, n)
        elif nt is None:
            self.emit("type-removed", where[0], nl, f"type {sorted(ot)} removed", p, o, n)
        elif ot - {"null"} == nt - {"null"}:
            kind = "null-allowed" if "null" in nt else "null-disallowed"
            self.emit(kind, *where, f"type {sorted(ot)} became {sorted(nt)}", p, o, n)
        else:
            if _within(ot, nt):
                kind = "type-widened"
            elif _within(nt, ot):
                kind = "type-narrowed"
            else:
                kind = "type-changed"
            self.emit(kind, *where, f"type {sorted(ot)} became {sorted(nt)}", p, o, n)

    def _values(self, o: dict[str, Any], n: dict[str, Any], ol: Loc, nl: Loc, p: Path) -> None:
        oe, ne = o.get("enum"), n.get("enum")
        if isinstance(oe, list) and isinstance(ne, list):
            added = [v for v in ne if v not in oe]
            removed = [v for v in oe if v not in ne]
            where = (ol.child("enum"), nl.child("enum"))
            if added:
                values = ", ".join(map(_show, added))
                self.emit("enum-value-added", *where, f"new value {values}", p, o, n)
            if removed:
                values = ", ".join(map(_show, removed))
                self.emit("enum-value-removed", *where, f"value {values} removed", p, o, n)
        elif isinstance(ne, list):
            detail = f"now one of {', '.join(map(_show, ne))}"
            self.emit("enum-added", ol, nl.child("enum"), detail, p, o, n)
        elif isinstance(oe, list):
            detail = f"no longer one of {', '.join(map(_show, oe))}"
            self.emit("enum-removed", ol.child("enum"), nl, detail, p, o, n)
        if "const" in o and "const" in n:
            if o["const"] != n["const"]:
                detail = f"const {_show(o['const'])} became {_show(n['const'])}"
                self.emit("const-changed", ol.child("const"), nl.child("const"), detail, p, o, n)
        elif "const" in n:
            self.emit("const-added", ol, nl.child("const"), f"now {_show(n['const'])}", p, o, n)
        elif "const" in o:
            detail = f"no longer fixed to {_show(o['const'])}"
            self.emit("const-removed", ol.child("const"), nl, detail, p, o, n)

    def _object(self, o: dict[str, Any], n: dict[str, Any], ol: Loc, nl: Loc, p: Path) -> None:
        op: dict[str, Any] = o.get("properties") or {}
        np: dict[str, Any] = n.get("properties") or {}
        closed_o = o.get("additionalProperties") is False
        closed_n = n.get("additionalProperties") is False
        oreq = set(o.get("required") or ())
        nreq = set(n.get("required") or ())
        props_o, props_n = ol.child("properties"), nl.child("properties")
        for name in op:
            if name not in np:
                kind = "property-removed" if closed_n else "property-removed-open"
                parent = props_n if "properties" in n else nl
                self.emit(
                    kind,
                    props_o.child(name),
                    parent,
                    f"field {name!r} removed",
                    (*p, name),
                    op[name],
                    None,
                )
        for name in np:
            if name not in op:
                if name in nreq:
                    kind = "property-added-required"
                    detail = f"new required field {name!r}"
                else:
                    kind = "property-added" if closed_o else "property-added-open"
                    detail = f"new optional field {name!r}"
                parent = props_o if "properties" in o else ol
                self.emit(kind, parent, props_n.child(name), detail, (*p, name), None, np[name])
        for name in np:
            if name in op:
                self.node(op[name], np[name], props_o.child(name), props_n.child(name), (*p, name))
        for name in sorted(nreq - oreq):
            if name in op or name not in np:
                self.emit(
                    "required-added",
                    ol.child("required"),
                    nl.child("required"),
                    f"field {name!r} is now required",
                    (*p, name),
                    op.get(name),
                    np.get(name),
                )
        for name in sorted(oreq - nreq):
            if name in np or name not in op:
                self.emit(
                    "required-removed",
                    ol.child("required"),
                    nl.child("required"),
                    f"field {name!r} is no longer required (not always sent)",
                    (*p, name),
                    op.get(name),
                    np.get(name),
                )
        ao, an = o.get("additionalProperties"), n.get("additionalProperties")
        where = (ol.child("additionalProperties"), nl.child("additionalProperties"))
        extra = (*p, UNDECLARED)
        if ao is False and an is not False:
            self.emit("additional-allowed", *where, "undeclared fields now allowed", extra)
        elif an is False and ao is not False:
            self.emit("additional-forbidden", *where, "undeclared fields now refused", extra)
        elif isinstance(ao, dict) and isinstance(an, dict):
            self.node(ao, an, where[0], where[1], (*p, _member_name(n)))
        elif isinstance(an, dict):
            self.emit("constraint-added", ol, where[1], "additionalProperties constrained", p)
        elif isinstance(ao, dict):
            self.emit("constraint-removed", where[0], nl, "additionalProperties freed", p)
        po, pn = o.get("propertyNames"), n.get("propertyNames")
        if isinstance(po, dict) and isinstance(pn, dict):
            # A name is a string value: its changes are those of a string field.
            self.node(po, pn, ol.child("propertyNames"), nl.child("propertyNames"), (*p, "@key"))
        elif po != pn:
            kind = "constraint-added" if pn is not None else "constraint-removed"
            self.emit(kind, ol, nl, "propertyNames " + ("added" if pn else "removed"), p, o, n)

    def _array(self, o: dict[str, Any], n: dict[str, Any], ol: Loc, nl: Loc, p: Path) -> None:
        io, inew = o.get("items"), n.get("items")
        if io is None and inew is None:
            pass
        elif io is not None and inew is not None:
            self.node(io, inew, ol.child("items"), nl.child("items"), (*p, 0))
        elif inew is not None:
            self.emit("constraint-added", ol, nl.child("items"), "items constrained", p, o, n)
        else:
            self.emit("constraint-removed", ol.child("items"), nl, "items freed", p, o, n)
        uo, un = bool(o.get("uniqueItems")), bool(n.get("uniqueItems"))
        if uo != un:
            kind = "unique-items-added" if un else "unique-items-removed"
            self.emit(
                kind,
                ol,
                nl,
                "elements must " + ("now" if un else "no longer") + " be unique",
                p,
                o,
                n,
            )

    def _scalars(self, o: dict[str, Any], n: dict[str, Any], ol: Loc, nl: Loc, p: Path) -> None:
        for key, (family, sign) in BOUNDS.items():
            before, after = o.get(key), n.get(key)
            if before == after:
                continue
            if self._inert(key, o, n):
                detail = f"{key} changed, which applies to no type the field may hold"
                self.emit("annotation-changed", ol.child(key), nl.child(key), detail, p)
                continue
            if before is None:
                tightened = True
            elif after is None:
                tightened = False
            else:
                tightened = (after - before) * sign > 0
            kind = f"{family}-{'tightened' if tightened else 'loosened'}"
            detail = f"{key} {_show(before) if before is not None else 'none'}"
            detail += f" became {_show(after) if after is not None else 'none'}"
            self.emit(kind, ol.child(key), nl.child(key), detail, p, o, n)
        po, pn = o.get("pattern"), n.get("pattern")
        if po != pn and self._inert("pattern", o, n):
            detail = "pattern changed, which applies to no type the field may hold"
            self.emit("annotation-changed", ol.child("pattern"), nl.child("pattern"), detail, p)
        elif po != pn:
            kind = (
                "pattern-added"
                if po is None
                else "pattern-removed"
                if pn is None
                else ("pattern-changed")
            )
            detail = f"pattern {_show(po)} became {_show(pn)}"
            self.emit(kind, ol.child("pattern"), nl.child("pattern"), detail, p, o, n)
        if o.get("format") != n.get("format"):
            detail = f"format {_show(o.get('format'))} became {_show(n.get('format'))}"
            self.emit("format-changed", ol.child("format"), nl.child("format"), detail, p, o, n)
        if o.get("multipleOf") != n.get("multipleOf"):
            detail = f"multipleOf {_show(o.get('multipleOf'))} became {_show(n.get('multipleOf'))}"
            self.emit("multiple-of-changed", ol, nl, detail, p, o, n)

    @staticmethod
    def _inert(key: str, o: dict[str, Any], n: dict[str, Any]) -> bool:
        """A keyword that constrains no type both versions allow (minLength on an integer)."""
        applies = _APPLIES.get(key)
        ot, nt = _types(o), _types(n)
        if applies is None or ot is None or nt is None:
            return False
        return not (ot | nt) & applies

    def _composition(self, o: dict[str, Any], n: dict[str, Any], ol: Loc, nl: Loc, p: Path) -> None:
        for key in ("oneOf", "anyOf", "allOf"):
            bo, bn = o.get(key), n.get(key)
            if bo == bn and not _has_ref(bo):
                continue
            if isinstance(bo, list) and isinstance(bn, list):
                if key != "allOf" and self._looks_like_variants(
                    bo, bn, ol.child(key), nl.child(key)
                ):
                    self._variants(bo, bn, ol.child(key), nl.child(key), p)
                    continue
                if len(bo) == len(bn):
                    for i, (a, b) in enumerate(zip(bo, bn, strict=True)):
                        self.node(a, b, ol.child(key, i), nl.child(key, i), p)
                    continue
            self.emit(
                "composition-changed", ol.child(key), nl.child(key), f"{key} changed", p, o, n
            )

    def _branches(self, snapshot: Snapshot, branches: list[Any], at: Loc) -> list[tuple[Any, Loc]]:
        out = []
        for i, branch in enumerate(branches):
            out.append(self._deref(snapshot, branch, at.child(i)))
        return out

    def _looks_like_variants(self, bo: list[Any], bn: list[Any], ol: Loc, nl: Loc) -> bool:
        every = [*self._branches(self.old, bo, ol), *self._branches(self.new, bn, nl)]
        return all(
            isinstance(node, dict) and isinstance(node.get("title"), str) for node, _ in every
        )

    def _variants(self, bo: list[Any], bn: list[Any], ol: Loc, nl: Loc, p: Path) -> None:
        olds = self._branches(self.old, bo, ol)
        news = self._branches(self.new, bn, nl)
        pairs: list[tuple[int, int]] = []
        left_o = list(range(len(olds)))
        left_n = list(range(len(news)))
        for i in list(left_o):  # by title
            for j in left_n:
                if olds[i][0].get("title") == news[j][0].get("title"):
                    pairs.append((i, j))
                    left_o.remove(i)
                    left_n.remove(j)
                    break
        for i in list(left_o):  # by the status values they select
            for j in left_n:
                if _status_values(olds[i][0]) & _status_values(news[j][0]):
                    pairs.append((i, j))
                    left_o.remove(i)
                    left_n.remove(j)
                    break
        top = not p and self.home is None and self.variant == (None, None)
        for i, j in pairs:
            al, bl = olds[i][1], news[j][1]
            if top:
                self.variant = (al, bl)
            self.node(bo[i], bn[j], ol.child(i), nl.child(j), p)
            if top:
                self.variant = (None, None)
        for i in left_o:
            node, at = olds[i]
            self.variant = (at, None) if top else self.variant
            self.emit(
                "variant-removed", at, nl, f"variant {node.get('title')!r} removed", p, node, None
            )
            self.variant = (None, None) if top else self.variant
        for j in left_n:
            node, at = news[j]
            self.variant = (None, at) if top else self.variant
            self.emit("variant-added", ol, at, f"new variant {node.get('title')!r}", p, None, node)
            self.variant = (None, None) if top else self.variant


# -- usage of shared definitions ----------------------------------------------------------------


def shared_units(snapshot: Snapshot) -> dict[Loc, Any]:
    """The shared definitions: each `$defs` entry of a top-level document, and the document
    itself when it is a schema of its own (restClientConfig.json)."""
    units: dict[Loc, Any] = {}
    for relative in snapshot.shared_files():
        document = snapshot.docs[relative]
        if not isinstance(document, dict):
            continue
        for name, node in (document.get("$defs") or {}).items():
            units[Loc(relative, f"/$defs/{name}")] = node
        if document.keys() & {"type", "properties", "oneOf", "additionalProperties"}:
            units[Loc(relative, "")] = document
    return units


def usage(snapshot: Snapshot, units: dict[Loc, Any]) -> dict[Loc, list[Use]]:
    """Where every route uses each shared definition, directly or through another one."""
    found: dict[Loc, list[Use]] = {}

    def visit(
        node: Any, loc: Loc, method: str, direction: str, variant: Loc, path: Path, seen: set[Loc]
    ) -> None:
        if isinstance(node, list):
            for i, v in enumerate(node):
                visit(v, loc.child(i), method, direction, variant, path, seen)
            return
        if not isinstance(node, dict):
            return
        ref = node.get("$ref")
        if isinstance(ref, str):
            try:
                target, at = snapshot.resolve(ref, loc.file)
            except Exception:
                return
            if at in seen:
                return
            if at in units:
                found.setdefault(at, []).append(Use(method, direction, variant, path))
            visit(target, at, method, direction, variant, path, seen | {at})
            return
        for key, value in node.items():
            if key in ("enum", "const", "examples", "default", "required", "$defs"):
                continue
            if key == "properties" and isinstance(value, dict):
                for name, sub in value.items():
                    visit(
                        sub, loc.child(key, name), method, direction, variant, (*path, name), seen
                    )
            elif key == "items":
                visit(value, loc.child(key), method, direction, variant, (*path, 0), seen)
            elif key == "additionalProperties":
                member = _member_name(node)
                visit(value, loc.child(key), method, direction, variant, (*path, member), seen)
            elif isinstance(value, dict | list):
                visit(value, loc.child(key), method, direction, variant, path, seen)

    for method, direction in snapshot.routes():
        relative = snapshot.direction_file(method, direction)
        document = snapshot.docs[relative]
        branches = document.get("oneOf") if isinstance(document, dict) else None
        root = Loc(relative)
        if isinstance(branches, list):
            for i, branch in enumerate(branches):
                try:
                    node, at = _resolve_all(snapshot, branch, root.child("oneOf", i))
                except Exception:
                    continue
                if at in units:
                    found.setdefault(at, []).append(Use(method, direction, at, ()))
                visit(node, at, method, direction, at, (), {at})
        else:
            visit(document, root, method, direction, root, (), set())
    return found


def _member_name(node: dict[str, Any]) -> str:
    """A name an object's `additionalProperties` may take: its propertyNames' first, or "key"."""
    names = node.get("propertyNames")
    keys = names.get("enum") if isinstance(names, dict) else None
    return keys[0] if isinstance(keys, list) and keys and isinstance(keys[0], str) else "key"


def _resolve_all(snapshot: Snapshot, node: Any, loc: Loc) -> tuple[Any, Loc]:
    return snapshot.follow(node, loc)


# -- the whole comparison -------------------------------------------------------------------------


def _catalogue(old: Snapshot, new: Snapshot) -> Iterator[Change]:
    def change(kind: str, method: str, pointer: str, message: str) -> Change:
        return Change(
            method,
            "catalogue",
            "catalogue.json",
            pointer,
            kind,
            severity(kind, "catalogue"),
            message,
        )

    before = {m.name: m for m in old.catalogue.methods}
    after = {m.name: m for m in new.catalogue.methods}
    index = {m.name: i for i, m in enumerate(new.catalogue.methods)}
    for name in before:
        if name not in after:
            # The pointer is read in NEW's catalogue (reports and annotations show that file):
            # the list the method left, not the index it had, which is now another method's.
            removed = change(
                "method-removed", name, "/methods", f"method {name} removed from the catalogue"
            )
            removed.lost = (name, before[name].directions)
            yield removed
    for name, m in after.items():
        at = f"/methods/{index[name]}"
        if name not in before:
            yield change("method-added", name, at, f"new method {name}")
            continue
        b = before[name]
        for alias in b.aliases:
            if alias not in m.aliases:
                removed = change("alias-removed", name, at + "/aliases", f"alias {alias} removed")
                removed.lost = (alias, b.directions)
                yield removed
        for alias in m.aliases:
            if alias not in b.aliases:
                yield change("alias-added", name, at + "/aliases", f"new alias {alias}")
        for direction in b.directions:
            if direction not in m.directions:
                removed = change(
                    "direction-removed", name, at + "/directions", f"direction {direction} removed"
                )
                removed.lost = (name, (direction,))
                yield removed
        for direction in m.directions:
            if direction not in b.directions:
                yield change(
                    "direction-added", name, at + "/directions", f"new direction {direction}"
                )
        if b.kind != m.kind:
            yield change("kind-changed", name, at + "/kind", f"kind {b.kind} became {m.kind}")
        for message in b.client_messages:
            if message not in m.client_messages:
                yield change(
                    "client-message-removed",
                    name,
                    at + "/clientMessages",
                    f"WebSocket message {message!r} no longer carries it",
                )
        for message in m.client_messages:
            if message not in b.client_messages:
                yield change(
                    "client-message-added",
                    name,
                    at + "/clientMessages",
                    f"WebSocket message {message!r} now carries it",
                )
        for key in ("description", "since"):
            if getattr(b, key) != getattr(m, key):
                yield change("method-documented", name, f"{at}/{key}", f"{key} changed")
    if old.catalogue.keep_alive != new.catalogue.keep_alive:
        gone = sorted(old.catalogue.keep_alive - new.catalogue.keep_alive)
        added = sorted(new.catalogue.keep_alive - old.catalogue.keep_alive)
        detail = f"keep-alive messages: added {added or 'none'}, removed {gone or 'none'}"
        yield change("keep-alive-changed", "catalogue", "/keepAliveMessages", detail)


def _scope_severities(kind: str, uses: list[Use]) -> dict[Scope, Severity]:
    scopes = {scope_of(u.direction) for u in uses} or {"send", "answer"}
    return {scope: severity(kind, scope) for scope in sorted(scopes)}


def compare(old: Snapshot, new: Snapshot) -> list[Change]:
    """Every difference between two versions of the contract, classified."""
    changes = list(_catalogue(old, new))
    units_old = shared_units(old)
    units_new = shared_units(new)
    common_units = set(units_old) & set(units_new)
    old_methods = {m.name: m for m in old.catalogue.methods}
    for method in new.catalogue.methods:
        before = old_methods.get(method.name)
        if before is None:
            continue
        for direction in method.directions:
            relative = new.direction_file(method.name, direction)
            if direction not in before.directions:
                continue
            for side in (old, new):
                if relative not in side.docs:
                    # Not "no change": the route's whole contract is gone from that version.
                    raise SnapshotError(
                        f"{side.display_root}{relative} ({side.label}): missing, but its"
                        f" catalogue.json lists {method.name} {direction}"
                    )
            walk = _Walk(old, new, common_units, None)
            if "oneOf" not in new.docs[relative] or "oneOf" not in old.docs[relative]:
                walk.variant = (Loc(relative), Loc(relative))  # the document is its one variant
            walk.node(old.docs[relative], new.docs[relative], Loc(relative), Loc(relative), ())
            for finding in walk.findings:
                kind = finding.kind
                if direction == "response" and _refusal_applies(kind):
                    variant = finding.variant_new or finding.variant_old
                    side = new if finding.variant_new else old
                    if variant is not None and _is_refusal(_node_at(side, variant)):
                        kind = "refusal-changed"
                changes.append(_change(method.name, direction, kind, finding))
    if common_units:
        uses_old = usage(old, units_old)
        uses_new = usage(new, units_new)
    else:
        uses_old = uses_new = {}
    for unit in sorted(common_units, key=lambda u: (u.file, u.pointer)):
        walk = _Walk(old, new, common_units, unit)
        walk.node(units_old[unit], units_new[unit], unit, unit, ())
        if not walk.findings:
            continue
        uses = uses_new.get(unit, []) + [
            u
            for u in uses_old.get(unit, [])
            if (u.method, u.direction)
            not in {(v.method, v.direction) for v in uses_new.get(unit, [])}
        ]
        refusal = _is_refusal(units_new[unit]) and any(u.direction == "response" for u in uses)
        for finding in walk.findings:
            kind = finding.kind
            if refusal and _refusal_applies(kind):
                kind = "refusal-changed"
            changes.append(_shared_change(unit, kind, finding, uses))
    for unit in sorted(set(units_old) - set(units_new), key=lambda u: (u.file, u.pointer)):
        changes.append(
            Change(
                unit.file,
                "shared",
                unit.file,
                unit.pointer,
                "definition-removed",
                severity("definition-removed", "send"),
                f"shared definition {unit.file}#{unit.pointer} removed",
            )
        )
    for unit in sorted(set(units_new) - set(units_old), key=lambda u: (u.file, u.pointer)):
        changes.append(
            Change(
                unit.file,
                "shared",
                unit.file,
                unit.pointer,
                "definition-added",
                severity("definition-added", "send"),
                f"new shared definition {unit.file}#{unit.pointer}",
            )
        )
    changes += _overlaps(old, new, changes)
    return _dedupe(changes)


def _overlaps(old: Snapshot, new: Snapshot, changes: list[Change]) -> list[Change]:
    """Variants that now overlap: a body one variant of a `oneOf` took is now taken by two, so
    it fails. No rule on one variant sees it; the smallest body of every old variant of each
    route the changes touch is tried against the new version."""
    from wcs_contract.compat.minimal import minimal

    touched: dict[tuple[str, str], bool] = {}  # route -> already has a breaking change
    for c in changes:
        if c.severity == "documentation":
            continue
        routes = c.affected if c.direction == "shared" else ((c.method, c.direction),)
        for route in routes:
            touched[route] = touched.get(route, False) or c.severity == "breaking"
    found = []
    for (method, direction), explained in sorted(touched.items()):
        relative = old.direction_file(method, direction)
        if explained or relative not in old.docs or relative not in new.docs:
            continue
        branches = new.docs[relative].get("oneOf")
        if not isinstance(branches, list):
            continue
        news = [
            _resolve_all(new, b, Loc(relative).child("oneOf", i)) for i, b in enumerate(branches)
        ]
        for i, branch in enumerate(old.docs[relative].get("oneOf") or []):
            node, at = _resolve_all(old, branch, Loc(relative).child("oneOf", i))
            body = minimal(old, node, at)
            if not old.is_valid(body, method, direction) or new.is_valid(body, method, direction):
                continue
            takers = [loc for _, loc in news if new.is_valid_at(loc, body)]
            if len(takers) < 2:
                continue
            kind = "variant-overlap"
            titles = ", ".join(repr(_node_at(new, loc).get("title", loc.pointer)) for loc in takers)
            detail = f"the smallest body of {node.get('title', at.pointer)!r} now fits {titles}"
            change = Change(method, direction, relative, "/oneOf", kind,
                            severity(kind, scope_of(direction)),
                            f"{detail} — {KINDS[kind].reason}")  # fmt: skip
            change.witness = {"body": body, "accepted_by": "old", "rejected_by": "new"}
            found.append(change)
            break
    return found


def _refusal_applies(kind: str) -> bool:
    """Inside a refusal body every change of what is valid is a change WCS does not understand;
    a refusal variant added or removed as a whole is classified as a variant."""
    return KINDS[kind].answer != "documentation" and kind not in (
        "variant-added",
        "variant-removed",
    )


def _node_at(snapshot: Snapshot, loc: Loc) -> Any:
    node, _ = snapshot.resolve("#" + loc.pointer, loc.file)
    return node


def _where(finding: Finding) -> Loc:
    loc = finding.new or finding.old
    assert loc is not None
    return loc


def _change(method: str, direction: str, kind: str, finding: Finding) -> Change:
    loc = _where(finding)
    reason = KINDS[kind].reason_for(scope_of(direction))
    field_path = "/" + "/".join(map(str, finding.path)) if finding.path else ""
    message = f"{field_path + ': ' if field_path else ''}{finding.detail} — {reason}"
    return Change(
        method,
        direction,
        loc.file,
        loc.pointer,
        kind,
        severity(kind, scope_of(direction)),
        message,
        finding=finding,
    )


def _shared_change(unit: Loc, kind: str, finding: Finding, uses: list[Use]) -> Change:
    loc = _where(finding)
    by_scope = _scope_severities(kind, uses)
    affected = tuple(dict.fromkeys((u.method, u.direction) for u in uses))
    name = f"{unit.file}#{unit.pointer}" if unit.pointer else unit.file
    by_severity: dict[str, dict[str, list[str]]] = {}  # severity -> direction -> methods
    for method, direction in affected:
        grade = by_scope[scope_of(direction)]
        by_severity.setdefault(grade, {}).setdefault(direction, []).append(method)
    parts = []
    for level in sorted(by_severity, key=RANK.__getitem__):
        routes = "; ".join(
            f"{direction} of {', '.join(dict.fromkeys(methods))}"
            for direction, methods in by_severity[level].items()
        )
        parts.append(routes if level == "documentation" else f"{level} for {routes}")
    used = " — ".join(parts) if parts else "no method uses it"
    sub = "/" + "/".join(map(str, finding.path)) if finding.path else ""
    message = f"{name}{sub}: {finding.detail} — {KINDS[kind].reason} ({used})"
    return Change(
        unit.file,
        "shared",
        loc.file,
        loc.pointer,
        kind,
        worst(list(by_scope.values())),
        message,
        affected,
        finding=finding,
        uses=tuple(uses),
    )


def _dedupe(changes: list[Change]) -> list[Change]:
    seen: set[tuple[str, str, str, str, str]] = set()
    out = []
    for c in changes:
        key = (c.method, c.direction, c.change, c.message, c.file)
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out
