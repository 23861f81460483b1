"""Coverage of the contract by traffic: which methods, variants, status values and fields the
payloads exercised, against all that the contract declares.

A payload is placed as the validator places it — the variant its frame `message` or `status`
selects, the elements of a frame by their own — so coverage speaks the words error messages use.
Counters of declared names only (a few thousand keys at most): memory stays flat however much,
and whatever, traffic is seen; two coverages merge (each worker process of a big capture keeps
one).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from wcs_contract.catalogue import load_catalogue
from wcs_contract.validator import Choice, Variant, direction_validator

Route = tuple[str, str]  # (method, direction)


@dataclass(frozen=True)
class Declared:
    """What the contract declares for one method in one direction."""

    variants: tuple[str, ...]
    statuses: tuple[str, ...]
    fields: tuple[str, ...]


def _variants(choice: Choice) -> list[Variant]:
    """The variants of a choice and, for frames, those their elements choose among."""
    found: list[Variant] = []
    for variant in choice.variants:
        found.append(variant)
        if variant.nested is not None:
            found += _variants(variant.nested)
    return found


@cache
def declared(method: str, direction: str) -> Declared:
    choice = direction_validator(method, direction).choice
    variants = _variants(choice)
    bodies = [v for v in variants if not v.is_frame]
    statuses: dict[str, None] = {}
    for v in bodies:
        statuses.update(dict.fromkeys(v.status_values))
    return Declared(
        variants=tuple(dict.fromkeys(v.title for v in variants)),
        statuses=tuple(statuses),
        fields=tuple(sorted({f for v in bodies for f in v.fields})),
    )


@cache
def _known(method: str, direction: str) -> tuple[frozenset[str], frozenset[str]]:
    """The declared status values and fields of a route, as sets: only these are counted, so
    what a peer invents (a misspelt field, a made-up status) never grows the counters."""
    contract = declared(method, direction)
    return frozenset(contract.statuses), frozenset(contract.fields)


def routes() -> list[Route]:
    """Every method and direction of the contract, in catalogue order."""
    return [(m.name, d) for m in load_catalogue().methods for d in m.directions]


@dataclass
class Coverage:
    """Counters of what the observed payloads exercised."""

    payloads: Counter[Route] = field(default_factory=Counter)
    variants: Counter[tuple[str, str, str]] = field(default_factory=Counter)
    statuses: Counter[tuple[str, str, str]] = field(default_factory=Counter)
    fields: Counter[tuple[str, str, str]] = field(default_factory=Counter)
    http: Counter[tuple[str, int]] = field(default_factory=Counter)  # responses' HTTP status

    def observe(
        self, method: str | None, direction: str | None, body: Any, http_status: int | None = None
    ) -> None:
        """Count one payload; one the contract has no route for is not counted."""
        found = load_catalogue().find(method or "")
        if found is None or direction not in found.directions:
            return
        name = found.name
        self.payloads[(name, direction)] += 1
        if http_status is not None and direction == "response":
            self.http[(name, http_status)] += 1
        self._place(direction_validator(name, direction).choice, name, direction, body)

    def _place(self, choice: Choice, method: str, direction: str, body: Any) -> None:
        selected = choice.select(body, [])
        if not isinstance(selected, Variant):
            return
        self.variants[(method, direction, selected.title)] += 1
        if selected.nested is not None:
            data = body.get("data")
            if type(data) is list:
                for element in data:
                    self._place(selected.nested, method, direction, element)
            return
        statuses, fields = _known(method, direction)
        status = body.get("status")
        if type(status) is str and status in statuses:
            self.statuses[(method, direction, status)] += 1
        for name in fields.intersection(body):
            self.fields[(method, direction, name)] += 1

    def merge(self, other: Coverage) -> None:
        self.payloads.update(other.payloads)
        self.variants.update(other.variants)
        self.statuses.update(other.statuses)
        self.fields.update(other.fields)
        self.http.update(other.http)

    def rows(self) -> list[dict[str, Any]]:
        """One row per method and direction: declared and exercised variants, statuses, fields."""
        rows = []
        for method, direction in routes():
            contract = declared(method, direction)

            def seen(counter: Counter[tuple[str, str, str]], names: tuple[str, ...]) -> list[str]:
                return [n for n in names if counter[(method, direction, n)]]  # noqa: B023

            rows.append(
                {
                    "method": method,
                    "direction": direction,
                    "payloads": self.payloads[(method, direction)],
                    "variants": [contract.variants, seen(self.variants, contract.variants)],
                    "statuses": [contract.statuses, seen(self.statuses, contract.statuses)],
                    "fields": [contract.fields, seen(self.fields, contract.fields)],
                }
            )
        return rows

    def as_dict(self) -> dict[str, Any]:
        """The JSON form: totals, then per method and direction what was and was not exercised."""
        rows = self.rows()
        exercised_methods = {r["method"] for r in rows if r["payloads"]}
        totals: dict[str, dict[str, int]] = {
            "methods": {"declared": len({r["method"] for r in rows}), "exercised": 0},
            "variants": {"declared": 0, "exercised": 0},
            "statuses": {"declared": 0, "exercised": 0},
            "fields": {"declared": 0, "exercised": 0},
        }
        totals["methods"]["exercised"] = len(exercised_methods)
        methods: dict[str, Any] = {}
        for row in rows:
            entry: dict[str, Any] = {"payloads": row["payloads"]}
            for kind in ("variants", "statuses", "fields"):
                all_of, seen = row[kind]
                totals[kind]["declared"] += len(all_of)
                totals[kind]["exercised"] += len(seen)
                entry[kind] = {
                    "declared": len(all_of),
                    "exercised": seen,
                    "missing": [n for n in all_of if n not in seen],
                }
            if row["direction"] == "response":
                entry["http_statuses"] = {
                    str(status): count
                    for (name, status), count in sorted(self.http.items())
                    if name == row["method"]
                }
            methods.setdefault(row["method"], {})[row["direction"]] = entry
        return {"totals": totals, "methods": methods}

    def table(self) -> str:
        """A plain-text table of the routes the traffic reached, then what it never reached."""
        rows = self.rows()
        document = self.as_dict()
        totals = document["totals"]
        head = ", ".join(
            f"{t['exercised']}/{t['declared']} {kind}"
            + (f" ({100 * t['exercised'] / t['declared']:.0f}%)" if t["declared"] else "")
            for kind, t in totals.items()
        )
        lines = [f"contract coverage: {head}"]
        reached = [r for r in rows if r["payloads"]]
        if reached:
            width = max(len(r["method"]) for r in reached)
            lines.append(f"{'METHOD':<{width}}  DIRECTION  PAYLOADS  VARIANTS  STATUSES    FIELDS")
            for r in reached:
                cells = [
                    f"{len(r[kind][1])}/{len(r[kind][0])}"
                    for kind in ("variants", "statuses", "fields")
                ]
                lines.append(
                    f"{r['method']:<{width}}  {r['direction']:<9}  {r['payloads']:>8}"
                    f"  {cells[0]:>8}  {cells[1]:>8}  {cells[2]:>8}"
                )
        never = [
            m
            for m in dict.fromkeys(r["method"] for r in rows)
            if m not in {r["method"] for r in reached}
        ]
        if never:
            lines.append(f"methods never exercised ({len(never)}): {', '.join(never)}")
        return "\n".join(lines) + "\n"
