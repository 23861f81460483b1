"""The kinds of change between two versions of the contract, each with its severity and why.

Severity follows who receives what the schema describes:
- `send` — the request (WCS → backend) and client frames (WCS ↔ page): the receiver must cope with
  whatever may now be sent, and may rely on what was promised before.
- `answer` — the response (backend → WCS): every answer that was valid must stay valid.
- `catalogue` — the list of methods, their names, directions and WebSocket messages.
Annotations (`description`, `title`, `examples`, `x-since`, ...) are `documentation` everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["breaking", "warning", "compatible", "documentation"]
Scope = Literal["send", "answer", "catalogue"]
SEVERITIES: tuple[Severity, ...] = ("breaking", "warning", "compatible", "documentation")
RANK: dict[str, int] = {s: i for i, s in enumerate(SEVERITIES)}  # lower is worse


def scope_of(direction: str) -> Scope:
    if direction == "response":
        return "answer"
    if direction in ("request", "client"):
        return "send"
    return "catalogue"


@dataclass(frozen=True, slots=True)
class Kind:
    """One named rule: its severity for what is sent, for answers, and the reason."""

    name: str
    send: Severity
    answer: Severity
    reason: str

    def severity(self, scope: Scope) -> Severity:
        return self.answer if scope == "answer" else self.send

    def reason_for(self, scope: Scope) -> str:
        """The reason as one direction reads it: a reason written
        `<for what is sent>; <for answers>` gives each side its own half."""
        send, sep, answer = self.reason.partition("; ")
        if not sep or self.send == "documentation" or scope == "catalogue":
            return self.reason
        return answer if scope == "answer" else send


B: Severity = "breaking"
W: Severity = "warning"
C: Severity = "compatible"
D: Severity = "documentation"

_TABLE: tuple[Kind, ...] = (
    # the catalogue (same severity whichever way: `send` and `answer` agree)
    Kind("method-removed", B, B, "backends, WCS and pages that use the method lose its contract"),
    Kind("method-added", C, C, "nobody used it before"),
    Kind("alias-removed", B, B, "payloads spelled with the alias no longer find their method"),
    Kind("alias-added", C, C, "the old spellings still work"),
    Kind("direction-removed", B, B, "the method no longer has a contract in that direction"),
    Kind("direction-added", C, C, "a new contract where there was none"),
    Kind("kind-changed", W, W, "whether a backend may refuse the method, and what WCS does then"),
    Kind("client-message-added", W, W, "pages see the method under a new WebSocket message"),
    Kind("client-message-removed", W, W, "frames with that message no longer name the method"),
    Kind("keep-alive-changed", W, W, "frames that were skipped are checked, or the reverse"),
    Kind("method-documented", D, D, "the catalogue's description or provenance only"),
    # variants: the closed subsets of a direction, selected by `message` or `status`
    Kind("variant-added", W, C, "backends that switch on the outcome meet a new one"),
    Kind("variant-removed", B, B, "an outcome receivers handled is gone; answers of it fail"),
    Kind("variant-overlap", W, B, "a body now fits two variants, and oneOf takes exactly one"),
    Kind("refusal-changed", B, B, "WCS understands exactly {status, reason}, nothing else"),
    # object members
    Kind("property-added", C, C, "a new optional field: receivers ignore it, answers may omit it"),
    Kind("property-added-required", C, B, "always sent from now on; answers without it now fail"),
    Kind("property-added-open", C, W, "answers that carried the name with another shape now fail"),
    Kind("property-removed", B, B, "backends that read it lose it; answers carrying it now fail"),
    Kind("property-removed-open", B, C, "no longer promised to receivers; answers stay valid"),
    Kind("required-added", C, B, "always sent from now on; answers that omitted it now fail"),
    Kind("required-removed", B, C, "no longer always sent: backends that read it must cope"),
    Kind("additional-allowed", W, C, "receivers may meet fields nobody declared"),
    Kind("additional-forbidden", C, B, "answers carrying undeclared fields now fail"),
    # types
    Kind("type-added", C, B, "a field that took any JSON type now takes one"),
    Kind("type-removed", B, C, "a field may now hold any JSON type"),
    Kind("type-widened", B, C, "receivers parsing the old type meet another"),
    Kind("type-narrowed", C, B, "answers of the dropped type now fail"),
    Kind("type-changed", B, B, "neither side's values fit the other"),
    Kind("null-allowed", B, C, "receivers meet null where a value was promised"),
    Kind("null-disallowed", C, B, "answers holding null now fail"),
    # values
    Kind("enum-value-added", W, C, "receivers that switch on the value must handle a new one"),
    Kind("enum-value-removed", W, B, "receivers wait for a value never sent; answers of it fail"),
    Kind("enum-added", C, B, "a free value is now one of a list: other answers fail"),
    Kind("enum-removed", W, C, "receivers that switch on the value may meet anything"),
    Kind("const-changed", B, B, "the one value allowed is another"),
    Kind("const-added", C, B, "a free value is now fixed: other answers fail"),
    Kind("const-removed", W, C, "receivers that relied on the fixed value may meet anything"),
    Kind("pattern-added", C, B, "strings that do not match now fail"),
    Kind("pattern-removed", W, C, "receivers that relied on the pattern may meet anything"),
    Kind("pattern-changed", B, B, "strings matching the old pattern may not match the new"),
    Kind(
        "format-changed", W, W, "a format is an annotation to the validator, a promise to readers"
    ),
    Kind("multiple-of-changed", W, B, "numbers of the old step may fail the new"),
    # bounds: tightened = fewer values; loosened = more
    Kind("minimum-tightened", C, B, "numbers below the new minimum now fail"),
    Kind("minimum-loosened", W, C, "receivers meet numbers below the old minimum"),
    Kind("maximum-tightened", C, B, "numbers above the new maximum now fail"),
    Kind("maximum-loosened", W, C, "receivers meet numbers above the old maximum"),
    Kind("min-length-tightened", C, B, "shorter strings now fail"),
    Kind("min-length-loosened", W, C, "receivers meet shorter strings, maybe empty"),
    Kind("max-length-tightened", C, B, "longer strings now fail"),
    Kind("max-length-loosened", W, C, "receivers meet longer strings than they sized for"),
    Kind("min-items-tightened", C, B, "shorter lists now fail"),
    Kind("min-items-loosened", W, C, "receivers meet shorter lists, maybe empty"),
    Kind("max-items-tightened", C, B, "longer lists now fail"),
    Kind("max-items-loosened", W, C, "receivers meet longer lists"),
    Kind("unique-items-added", C, B, "lists with repeated elements now fail"),
    Kind("unique-items-removed", W, C, "receivers meet repeated elements"),
    # composition and the rest
    Kind("composition-changed", B, B, "the alternatives of a field changed: no containment known"),
    Kind("constraint-added", C, B, "a new validation keyword: answers may now fail"),
    Kind("constraint-removed", W, C, "a validation keyword is gone: receivers may meet more"),
    Kind("constraint-changed", B, B, "a validation keyword changed: either side may now fail"),
    Kind("secret-flag-added", W, W, "validate now reports (and hides) this field as a credential"),
    Kind("secret-flag-removed", W, W, "validate no longer reports this field as a credential"),
    # shared definitions (common.json and the like)
    Kind("definition-added", C, C, "a new shared type: nothing used it before"),
    Kind("definition-removed", C, C, "no method refers to it any more (their changes are listed)"),
    Kind("ref-retargeted", D, D, "the field refers to another shared type of the same shape"),
    # annotations
    Kind("title-changed", D, D, "titles name generated classes and messages, not what is valid"),
    Kind("description-changed", D, D, "documentation only"),
    Kind("examples-changed", D, D, "documentation only"),
    Kind("since-changed", D, D, "provenance (x-since) only"),
    Kind("inferred-changed", D, D, "provenance (x-inferred) only"),
    Kind("default-changed", D, D, "`default` is an annotation; nothing is filled in"),
    Kind("discriminator-changed", D, D, "read by the model generator only"),
    Kind("annotation-changed", D, D, "an annotation keyword: no effect on validity"),
)

KINDS: dict[str, Kind] = {kind.name: kind for kind in _TABLE}
CATALOGUE_KINDS = frozenset(
    {
        "method-removed",
        "method-added",
        "alias-removed",
        "alias-added",
        "direction-removed",
        "direction-added",
        "kind-changed",
        "client-message-added",
        "client-message-removed",
        "keep-alive-changed",
        "method-documented",
    }
)

# Kinds that change no verdict (formats are annotations to the validator; x-secret is read by
# validate's credentials rule, not by the schema): no body can tell the two versions apart.
SAME_VALIDITY = frozenset({"format-changed", "secret-flag-added", "secret-flag-removed"})


def severity(kind: str, scope: Scope) -> Severity:
    return KINDS[kind].severity(scope)


def worst(severities: list[Severity]) -> Severity:
    return min(severities, key=RANK.__getitem__) if severities else "documentation"


def table_markdown() -> str:
    """The classification as a Markdown table (docs/compatibility.md embeds it)."""
    rows = [
        "| change | request, client | response | why |",
        "|---|---|---|---|",
    ]
    for kind in _TABLE:
        if kind.name in CATALOGUE_KINDS:
            rows.append(
                f"| `{kind.name}` | {kind.send} (catalogue) | {kind.answer} | {kind.reason} |"
            )
        else:
            rows.append(f"| `{kind.name}` | {kind.send} | {kind.answer} | {kind.reason} |")
    return "\n".join(rows) + "\n"


START, END = "<!-- kinds:start -->\n", "<!-- kinds:end -->\n"


def with_table(page: str) -> str:
    """A page whose table of kinds (between the markers) is the one above."""
    head, _, rest = page.partition(START)
    _, _, tail = rest.partition(END)
    return head + START + table_markdown() + END + tail
