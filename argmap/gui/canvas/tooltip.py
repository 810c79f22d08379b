"""A node's hover tooltip: its whole text and its source, never cut by the box.

Qt guesses whether a tooltip is rich text, and rich text could load local files named in
a map; so every user string is HTML-escaped here and wrapped in markup of our own: the
user's text can only ever show as the characters it is. A text too long for a tooltip
(over TOOLTIP_CHARS) ends with how much is left and where to read it: one click away,
in the Inspector.
"""

from __future__ import annotations

from html import escape

from argmap.core.model import Node

TOOLTIP_CHARS = 2_000


def _plain(text: str) -> str:
    """User text as markup that shows exactly these characters, line breaks kept."""
    return escape(text, quote=True).replace("\n", "<br>")


def _cut(text: str) -> str:
    if len(text) <= TOOLTIP_CHARS:
        return _plain(text)
    rest = len(text) - TOOLTIP_CHARS
    return (_plain(text[:TOOLTIP_CHARS]) + f"… <i>({rest:,} more characters: click the node"
            " and read them all in the Inspector)</i>")


def node_tooltip(node: Node, hidden: str = "") -> str:
    """The tooltip markup for `node`; `hidden` says what its collapsed branch hides."""
    parts = [f"<b>{escape(node.kind.value.title())}</b>", _cut(node.text)]
    source = node.source
    if source is not None:
        if source.quote:
            parts.append(f"<i>“{_cut(source.quote)}”</i>")
        named = [s for s in (source.title, source.locator) if s]
        if named:
            parts.append("— " + _plain(", ".join(named)))
        if source.url:
            parts.append(_plain(source.url))
    if hidden:
        parts.append(f"<i>{escape(hidden)} (Space shows them)</i>")
    body = "<br><br>".join(parts)
    return f"<div style='white-space: pre-wrap; max-width: 480px'>{body}</div>"
