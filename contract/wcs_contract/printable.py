"""Text from outside (a server's reason phrase or body, a capture) made safe to print on one line.

Control characters are shown as escapes (`\\x1b`, `\\n`, `\\u2028`), so that a peer can neither
drive the terminal (colours, cursor moves, clearing the screen, hyperlinks) nor forge a line of
the report. Format characters that reorder text (bidirectional overrides) are escaped too.
"""

from __future__ import annotations

import re

_SHORT = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# C0 and C1 controls and DEL, line and paragraph separators, and the format characters
# (bidirectional overrides and isolates, zero-width characters, the BOM).
_UNSAFE = re.compile(
    r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]"
)


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _SHORT:
        return _SHORT[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """`text` with every control, separator and reordering character escaped."""
    return _UNSAFE.sub(_escape, text)
