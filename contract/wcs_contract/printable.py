"""Text from outside (a server's reason phrase or body, a capture) made safe to print on one line.

Control characters are shown as escapes (`\\x1b`, `\\n`, `\\u2028`), so that a peer can neither
drive the terminal (colours, cursor moves, clearing the screen, hyperlinks) nor forge a line of
the report. Format characters that reorder text (bidirectional overrides) are escaped too.
"""

from __future__ import annotations


def printable(text: str) -> str:
    """`text` with every character that is not printable escaped (`\\x1b`, `\\n`, `\\u2028`,
    `\\U000f0000`): controls, line and paragraph separators, format characters (bidirectional
    overrides, zero-width characters, the BOM), surrogates and unassigned code points."""
    if text.isprintable():
        return text
    return "".join(
        c if c.isprintable() else c.encode("unicode_escape", "backslashreplace").decode("ascii")
        for c in text
    )
