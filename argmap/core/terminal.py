"""What argmap prints to a terminal: text from maps and file names, made harmless (no Qt)."""

from __future__ import annotations

import unicodedata


def safe(text: str) -> str:
    """Escape control characters (ESC, BEL, C1, line separators...) in anything printed:
    a map title or a file name must not retitle, clear or reprogram the user's terminal."""
    if text.isprintable():
        return text
    return "".join(
        ch if ch.isprintable() or ch == " " else
        (f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}")
        if unicodedata.category(ch) in ("Cc", "Zl", "Zp") else ch
        for ch in text
    )
