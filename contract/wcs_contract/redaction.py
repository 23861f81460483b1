"""The one step every finding of a live run (and every proxy log message) goes through before
it is shown: credentials out, control characters escaped.

A backend may send a credential back in any form: as it is, JSON-escaped, percent-encoded, in
base64 (alone or inside a longer encoded string), as Latin-1 mojibake in a reason phrase, or cut
by a truncation ("s3cr..."). `Redactor` knows every form of every hidden value and replaces them
with `***`; `clean` then escapes control characters (`wcs_contract.printable`). Text is redacted
before it is truncated (`shorten`), and what a truncation left of a credential is masked too.
"""

from __future__ import annotations

import base64
import json
import re
import threading
from collections.abc import Iterable
from typing import Any
from urllib.parse import quote, quote_plus

from wcs_contract.printable import printable

MASK = "***"
BODY_VALUE_MIN = 4  # shorter generated credential values are not hidden: "0" would mask digits
_CORE_MIN = 6  # shortest base64 core searched for inside longer encoded strings
_PREFIX_MIN = 3  # shortest start of a credential masked before an ellipsis
_ELLIPSIS = re.compile(r"\.\.\.|…")


def _lower_hex(text: str) -> str:
    return re.sub(r"%[0-9A-F]{2}", lambda m: m.group().lower(), text)


def _base64_cores(raw: bytes) -> set[str]:
    """What any base64 text containing `raw` must contain, whatever the bytes around it.

    Behind r bytes of something else (r = 0, 1, 2), the characters whose six bits all fall
    inside `raw` are fixed; the ones at either end mix in the neighbours' bits.
    """
    cores: set[str] = set()
    for r in range(3):
        encoded = base64.b64encode(bytes(r) + raw + bytes(2)).decode("ascii")
        first = -(-8 * r // 6)  # ceil
        last = (8 * (r + len(raw)) - 6) // 6
        core = encoded[first : last + 1]
        if len(core) >= _CORE_MIN:
            cores |= {core, core.replace("+", "-").replace("/", "_")}
    return cores


def variants(value: str) -> set[str]:
    """Every spelling of `value` that a server reflecting it might send back."""
    raw = value.encode("utf-8")
    forms = {value, repr(value)[1:-1], raw.decode("latin-1")}
    for ascii_only in (True, False):
        escaped = json.dumps(value, ensure_ascii=ascii_only)[1:-1]
        twice = json.dumps(escaped, ensure_ascii=ascii_only)[1:-1]  # a JSON string in JSON
        forms |= {escaped, escaped.replace("/", "\\/"), twice}
    for encoded in (quote(value, safe=""), quote(value), quote_plus(value, safe="")):
        forms |= {encoded, _lower_hex(encoded)}
    for whole in (base64.b64encode(raw), base64.urlsafe_b64encode(raw)):
        text = whole.decode("ascii")
        forms |= {text, text.rstrip("=")}
    forms |= _base64_cores(raw)
    return {form for form in forms if form}


class Redactor:
    """Masks hidden values, in every spelling, in text about to be shown. Thread-safe."""

    def __init__(self, values: Iterable[str] = ()) -> None:
        self._lock = threading.Lock()
        self._values: set[str] = set()
        self._forms: list[str] = []  # longest first, so that a longer spelling wins
        self._starts: frozenset[str] = frozenset()  # the forms' starts a truncation may leave
        self._longest = 0
        for value in values:
            self.add(value)

    def add(self, value: str) -> None:
        if not value or value in self._values:
            return
        with self._lock:
            self._values.add(value)
            added = variants(value)
            starts = {f[:k] for f in added for k in range(_PREFIX_MIN, len(f) + 1)}
            self._starts = self._starts | starts
            self._longest = max(self._longest, *map(len, added))
            self._forms = sorted(set(self._forms) | added, key=len, reverse=True)

    @property
    def empty(self) -> bool:
        """True when there is nothing to mask."""
        return not self._forms

    def for_body(self, body: Any) -> Redactor:
        """This redactor, plus the credentials a request body carries (sipPassword, authToken,
        secret-looking `custom` keys), for the server's answer to that body.

        Only the answer's text goes through it: the tester invents these values (Hypothesis
        often draws words of this very source, such as "failure"), so masking them in the
        tester's own wording or in the curl line would garble the report for nothing.
        """
        from wcs_contract.validator import _secrets  # the one definition of a stored credential

        values = []
        for issue in _secrets(body, [], "warning"):
            value = _at(body, issue.pointer)
            text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
            if len(text) >= BODY_VALUE_MIN and text not in self._values:
                values.append(text)
        if not values:
            return self
        extended = Redactor()
        extended._values = set(self._values)
        extended._forms, extended._starts = list(self._forms), self._starts
        extended._longest = self._longest
        for value in values:
            extended.add(value)
        return extended

    def __call__(self, text: str) -> str:
        forms = self._forms
        if not forms:
            return text
        for form in forms:
            if form in text:
                text = text.replace(form, MASK)
        if _ELLIPSIS.search(text):
            text = self._mask_cut(text)
        return text

    def _mask_cut(self, text: str) -> str:
        """Mask the start of a credential that a truncation left just before an ellipsis."""
        starts, longest = self._starts, self._longest
        pieces: list[str] = []
        start = 0
        for match in _ELLIPSIS.finditer(text):
            before = text[start : match.start()]
            for i in range(max(0, len(before) - longest), len(before) - _PREFIX_MIN + 1):
                if before[i:] in starts:
                    before = before[:i] + MASK
                    break
            pieces += [before, match.group()]
            start = match.end()
        pieces.append(text[start:])
        return "".join(pieces)

    def clean(self, text: str) -> str:
        """What a report may show: credentials masked, then control characters escaped."""
        return printable(self(text))

    def shorten(self, text: str, limit: int) -> str:
        """Masked first, then cut to `limit` characters: a cut never splits a credential."""
        text = self(text)
        return text if len(text) <= limit else text[: limit - 3] + "..."


def _at(body: Any, pointer: str) -> Any:
    """The value at an RFC 6901 pointer, or None."""
    node = body
    for token in pointer.split("/")[1:]:
        key = token.replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict):
            node = node.get(key)
        elif isinstance(node, list) and key.isdigit() and int(key) < len(node):
            node = node[int(key)]
        else:
            return None
    return node
