"""One issue model under every output: validation produces Issues, reporters render them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, NamedTuple

Severity = Literal["error", "warning"]


class Issue(NamedTuple):
    """One thing wrong with one payload, located in it by an RFC 6901 JSON Pointer.

    A named tuple: cheap to build, and cheap to send back from the worker processes that check
    big captures. Where the payload is (file, line) travels beside it, not in it.
    """

    pointer: str
    keyword: str
    message: str
    severity: Severity = "error"
    variant: str | None = None
    method: str | None = None
    direction: str | None = None


@dataclass(slots=True)
class Report:
    """The issues of one payload (or of a whole run, for reporters)."""

    issues: list[Issue] = field(default_factory=list)

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "error"]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "warning"]

    @property
    def valid(self) -> bool:
        return not any(i.severity == "error" for i in self.issues)

    def __bool__(self) -> bool:
        return self.valid


def pointer(path: list[str | int] | tuple[str | int, ...]) -> str:
    """RFC 6901 JSON Pointer of a path: `~` and `/` escaped."""
    if not path:
        return ""
    joined = "/" + "/".join(map(str, path))
    if "~" not in joined and joined.count("/") == len(path):
        return joined  # the usual case: no segment holds a character to escape
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in path)
