"""A node's hover tooltip: its whole text and its source, never cut by the box.

Plain text only. Qt shows a tooltip as rich text when its first line looks like markup
(which could make it load local files named in a map); `plain_tooltip` puts a first line
of our own in front, checked to hold no markup, so the user's text after it is always
shown as the characters it is. Qt does not wrap plain tooltips: lines are wrapped here.
A text too long for a tooltip (over TOOLTIP_CHARS) ends with how much is left and where
to read it: one click away, in the Inspector.
"""

from __future__ import annotations

import textwrap

from argmap.core.model import Node

TOOLTIP_CHARS = 2_000
WRAP = 72  # characters per tooltip line


def plain_tooltip(heading: str, body: str = "") -> str:
    """`heading` (our own words, one line, no markup) then `body` (any text) as a tooltip
    Qt shows as plain text: it guesses rich text from the first line only."""
    if any(c in heading for c in "<&\n"):
        raise ValueError(f"a tooltip heading must be plain: {heading!r}")
    return f"{heading}\n{body}" if body else heading


def _wrapped(text: str) -> str:
    return "\n".join(textwrap.fill(line, WRAP, break_long_words=True, replace_whitespace=False)
                     if line else "" for line in text.split("\n"))


def _cut(text: str) -> str:
    if len(text) <= TOOLTIP_CHARS:
        return _wrapped(text)
    rest = len(text) - TOOLTIP_CHARS
    return (_wrapped(text[:TOOLTIP_CHARS]) + f"…\n({rest:,} more characters: click the node "
            "and read them all in the Inspector)")


def node_tooltip(node: Node, hidden: str = "", problem: str | None = None) -> str:
    """The tooltip for `node`; `hidden` says what its collapsed branch hides, `problem` what
    is wrong with its quote (checked against its source's text)."""
    parts = [_cut(node.text)]
    if problem:
        parts.append(_wrapped(f"⚠ Quote check: {problem}"))
    source = node.source
    if source is not None:
        if source.quote:
            parts.append(f"“{_cut(source.quote)}”")
        named = [s for s in (source.title, source.locator) if s]
        if named:
            parts.append(_wrapped("— " + ", ".join(named)))
        if source.url:
            parts.append(source.url)
    if hidden:
        parts.append(f"{hidden} (Space shows them)")
    return plain_tooltip(node.kind.value.title(), "\n\n".join(parts))
