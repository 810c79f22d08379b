"""What the command line prints (no Qt): one escaping rule, and output that survives a closed
or full standard output.

Map titles, node texts and file names come from files anyone can write. Printed raw, an
ESC or CSI sequence retitles, clears or reprograms the user's terminal, a line or paragraph
separator (or NEL) splits one line in two for any line-reading program, and a bidi control
reorders the rest of the line. `safe` escapes exactly these, wherever the CLI prints text
(errors, `list`, `diff`, `merge`): C0 and C1 controls (tab and newline included), U+2028,
U+2029, the bidi controls U+061C, U+200E, U+200F, U+202A-U+202E and U+2066-U+2069, and
lone surrogates (a file name that is not UTF-8: shown as the byte it stands for, \\xff).
Everything else, spaces and joiners included, is printed as it is.

`write_line` prints one line to standard output; an OSError there becomes OutputError, which
the CLI turns into a quiet exit when the reader went away (`argmap diff … | head -1`) and
into one line on stderr when the output cannot be written (`argmap list > /dev/full`).
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
import unicodedata
from typing import TextIO

from argmap.core.errors import ArgmapError

#: Bidirectional formatting characters: each can reorder what follows it on the line.
BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
#: Exit status after the reader of standard output went away: as if killed by SIGPIPE.
CLOSED_STATUS = 128 + 13


def escaped(ch: str) -> bool:
    """The rule: does `ch` get escaped wherever the CLI prints it?"""
    return unicodedata.category(ch) in ("Cc", "Zl", "Zp", "Cs") or ch in BIDI_CONTROLS


def safe(text: str) -> str:
    """`text` with every character of the rule written as \\xNN (below U+0100, and the bytes
    a non-UTF-8 file name stands for) or \\uXXXX."""
    if text.isprintable():  # the common case: nothing of the rule is printable
        return text
    return "".join(_spelled(ch) if escaped(ch) else ch for ch in text)


def safe_json(text: str) -> str:
    """The same rule for JSON text (diff's value columns): \\uXXXX, which JSON reads back."""
    if text.isprintable():
        return text
    return "".join(f"\\u{ord(ch):04x}" if escaped(ch) else ch for ch in text)


def _spelled(ch: str) -> str:
    code = ord(ch)
    if code < 0x100:
        return f"\\x{code:02x}"
    if 0xDC80 <= code <= 0xDCFF:  # os.fsdecode's stand-in for one undecodable byte
        return f"\\x{code - 0xDC00:02x}"
    return f"\\u{code:04x}"


class OutputError(ArgmapError):
    """Standard output could not be written: its reader went away, or the disk is full."""

    def __init__(self, exc: OSError):
        self.errno = exc.errno
        super().__init__(f"cannot write the output: {exc.strerror or exc}")

    @property
    def closed(self) -> bool:
        return self.errno in (errno.EPIPE, errno.ECONNRESET)


def write_line(text: str, stream: TextIO | None = None) -> None:
    """Print one line (already escaped) to `stream` (standard output by default)."""
    try:
        print(text, file=stream or sys.stdout)
    except OSError as exc:
        raise OutputError(exc) from None


def flush_output() -> None:
    """Flush standard output now, while a failure can still be reported."""
    try:
        sys.stdout.flush()
    except OSError as exc:
        raise OutputError(exc) from None


def abandon_output() -> None:
    """Point standard output at the null device, so that nothing is retried into a closed
    or full file at exit (Python would print "Exception ignored" and exit 120)."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        fd = sys.stdout.fileno()
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, fd)
        os.close(null)
