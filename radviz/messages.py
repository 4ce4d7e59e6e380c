"""Error text fit to show: one line, no terminal escapes, bounded length (no Qt).

A message can carry text from a hostile file: a key with a newline, an ANSI escape that
recolours the terminal, a value of two megabytes. :func:`one_line` is the one place that
makes such text safe for stderr and for a message box, used by the command line, the
session format and the app's dialogs.
"""

from __future__ import annotations

import re

__all__ = ["MAX_MESSAGE", "one_line"]

MAX_MESSAGE = 400
"""Characters of an error message shown; the rest is cut with ``…``."""

# ANSI/VT escape sequences (CSI ... final byte, OSC ... BEL/ST, and lone ESC+char),
# then any other control character (C0, DEL, C1) and the Unicode line/paragraph
# separators and bidirectional overrides that could reorder or break the line.
_ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-_]?")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(char, f"\\x{ord(char):02x}")


def one_line(text: object, limit: int = MAX_MESSAGE) -> str:
    """``text`` as one safe line: escapes removed, control characters shown as ``\\n``,
    ``\\x1b`` …, at most ``limit`` characters (cut with ``…``)."""
    s = str(text)
    if len(s) > limit * 4:  # never run the patterns over megabytes
        s = s[: limit * 4]
    s = _ANSI.sub("", s)
    s = _CONTROL.sub(_escape, s)
    if len(s) > limit:
        s = s[: limit - 1].rstrip() + "…"
    return s
