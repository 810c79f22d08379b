"""Text runs: a stretch of statement text lexed in one regular-expression match.

The lexer tries Argdown's token kinds one position at a time, in Python. Text made of many
small tokens (32 MiB of `]`, `.`, `\\x`, or a statement of a million short lines) then costs
tens of microseconds per character. Inside a statement most of those tokens are plain text
(Freestyle, UnusedControlChar, EscapedChar, SpecialChar, and line breaks that become
spaces): the parser only joins their texts. After the lexer has matched one text token the
usual way, `text_run` extends it over every following token whose kind is certain without
the lexer's state, in one C-level match, and `run_text` gives the text the parser would have
joined. A character whose kind depends on what follows (a `[` with a `]` later on its line,
`<!--`, `**`, a line starting with `+`, ...) ends the run and the lexer carries on as before,
so the tokens the parser sees spell the same texts (tests/formats/test_argdown_runs.py
checks this against the lexer with runs turned off).

Which marks may be inside a run depends on the rest of the file (no `]` after this point
means no `[` can open a title or a link); `text_run` looks that up once per run with the
scanner's cached searches, and picks one of a few compiled patterns.
"""

from __future__ import annotations

import functools
import re
from typing import Protocol

#: JavaScript's `.` and `\s`, as in argdown_lexer.
_DOT = "[^\\n\\r\\u2028\\u2029]"
_WS = "\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff"
_NOT_WS = f"[^{_WS}]"
#: Freestyle's characters (everything that is no Argdown mark and no line break).
_FS = "[^\\\\@#*_\\[\\],.:;</>\\-\\r\\n(){}]"
_TAG_START = "[(a-zA-z0-9\\-\\u00A0-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFEF]"
_BREAK = "(?:\\r\\n|\\n|\\r)"


#: Tokens in one run at most: run_text's work list stays small however long the text.
MAX_RUN_TOKENS = 16_384


class Finder(Protocol):
    n: int
    text: str

    def find(self, needle: str, pos: int) -> int: ...


def _special(mark: str) -> str:
    """SpecialChar (`.word.`, `:word:`) when it holds no backslash, else UnusedControlChar when
    no SpecialChar could start here (one holding a backslash ends the run)."""
    m = re.escape(mark)
    return (f"{m}[^\\\\{_WS}]+?{m}[ \\t]?|{m}(?!{_NOT_WS}+?{m})[ \\t]?")


@functools.cache
def _pattern(ranges_open: bool, bracket: int, angle: int, brace: bool, slashes: bool,
             stars: bool) -> re.Pattern[str]:
    """One text run's pattern. bracket/angle: 0 `[`/`<` end the run, 1 they are text up to
    the line's end, 2 text everywhere after; brace: `{` is text; slashes: `//` is text;
    stars: `/*` is text."""
    openers = ("" if bracket else "\\[") + ("" if angle else "<")
    at = f"@(?![{openers}])" if openers else "@"
    slash = "/" + {(False, False): "(?![/*])", (True, False): "(?!\\*)",
                   (False, True): "(?!/)", (True, True): ""}[(slashes, stars)]
    marks = [at, slash]
    if brace:
        marks.append("\\{")
    if bracket:
        marks.append("\\[(?![\\r\\n])")
    # Several marks in a row that are text whatever follows them, in one step (a `[` just
    # before a line break is left to the single-mark case, which refuses it).
    plain = "\\]);},"
    plain += "\\{" if brace else ""
    plain += "@" if bracket and angle else ""
    plain += "/" if slashes and stars else ""
    plain += "\\[" if bracket else ""
    last = "(?:(?![\\r\\n])|(?<!\\[))" if bracket else ""
    common = [
        f"[{plain}]+{last}[ \\t]?",
        f"\\\\{_DOT} *",  # EscapedChar
        _special("."), _special(":"),
        "[\\]);},][ \\t]?",  # UnusedControlChar with no other meaning anywhere
        f"(?:{'|'.join(marks)})[ \\t]?",
    ]
    mid = [
        f"(?![ \\t]|===){_FS}+",  # Freestyle (a token starting with === may be front matter)
        f"[{plain}(\\->]+{last}[ \\t]?",
        *common,
        f"[(\\->][ \\t]?|#(?!{_TAG_START})[ \\t]?",  # marks that mean more only at a line's start
    ]
    if angle:
        mid.append("<(?!!--)(?![\\r\\n])[ \\t]?")
    if not ranges_open:  # no bold/italic range could end here
        mid.append(f"[*_](?=[{_WS}])[ \\t]?")
    spaces = "(?:[ \\t]+(?=[^ \\t\\r\\n]))?"
    body = f"{spaces}(?>{'|'.join(mid)})"
    if bracket != 1 and angle != 1:  # a run may go on past a line break into the next line
        first = [f"(?![+ \\t]|===|[0-9]+\\.[{_WS}]){_FS}+", *common]
        body = f"[ \\t]*{_BREAK}(?>{'|'.join(first)})|{body}"
    return re.compile(f"(?:{body}){{0,{MAX_RUN_TOKENS}}}")


def text_run(scan: Finder, pos: int, ranges_open: bool) -> int:
    """End of the text run starting at `pos`, right after a text token (pos itself if none)."""
    text, n = scan.text, scan.n
    line_end = min(scan.find("\n", pos), scan.find("\r", pos))
    bracket = _level(scan, "]", pos, line_end)
    if bracket:
        q = scan.find("]", pos)
        if q + 1 < n and text[q + 1] == "(" and q + 2 < scan.find(")", q + 2) < n:
            bracket = 0  # `[` … `](url)` would be a link
    angle = _level(scan, ">", pos, line_end)
    pattern = _pattern(ranges_open, bracket, angle, scan.find("}", pos) >= n, line_end >= n,
                       scan.find("*/", pos) >= n)
    m = pattern.match(text, pos)
    return m.end() if m else pos


def _level(scan: Finder, closer: str, pos: int, line_end: int) -> int:
    at = scan.find(closer, pos)
    return 2 if at >= scan.n else 1 if at >= line_end else 0


#: An escape loses its backslash; spaces and tabs after a mark's one optional space are
#: skipped (Spaces) or belong to the line break (split and joined: no Python per match).
_TOKEN_TEXT = re.compile(f"\\\\({_DOT} *)[ \\t]*|(?<=[@#*_\\[\\],.:;</>\\-(){{}}][ \\t])[ \\t]+")
#: A line break is one space, unless the text before it already ends with one.
_LINE_BREAK = re.compile(f" ?{_BREAK}")


def run_text(raw: str) -> str:
    """The text the parser joins from the tokens of `raw` (a text token plus its run)."""
    text = "".join(filter(None, _TOKEN_TEXT.split(raw)))
    return " ".join(_LINE_BREAK.split(text)) if "\n" in text or "\r" in text else text
