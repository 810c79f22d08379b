"""How a node looks and where each part of its box goes: styles, fonts, word wrap and the
one box geometry (measure(node) -> Box). QtGui only, no widgets.

The canvas items and the PNG/PDF painter (argmap/paint.py) and the SVG writer
(formats/svg.py) all take every position inside a box from its Box (and every edge from
core/connectors.py), so an exported map has the same boxes, line breaks and arrows as the
canvas, and a padding changed here moves the part in all of them.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate, pairwise

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF

from argmap.core.model import Kind, Node

NODE_WIDTH = 240.0
PAD = 10.0  # inside a box, around its contents (read at call time: Box follows a change)
QUOTE_INDENT = 8.0  # the quote and its source sit right of a bar
MAX_TEXT_LINES = 12  # on the canvas's compact box; an export's full box has no limit
MAX_QUOTE_LINES = 3
FULL = 1 << 30  # "no limit" on lines: an export draws every character
MORE = "… more"  # ends a compact box whose text, quote or source line was cut short
DETAIL_ZOOM = 0.35  # below this scale, draw boxes without text
OUTLINE = 4.0  # selection and match outlines reach this far outside the box

Point = tuple[float, float]


@dataclass(frozen=True)
class KindStyle:
    label: str
    fill: QColor
    border: QColor
    pen_style: Qt.PenStyle
    border_width: float


STYLES: dict[Kind, KindStyle] = {
    Kind.CLAIM: KindStyle("CLAIM", QColor("#dbeafe"), QColor("#1e3a8a"), Qt.PenStyle.SolidLine, 2.5),
    Kind.EVIDENCE: KindStyle("EVIDENCE", QColor("#dcfce7"), QColor("#166534"), Qt.PenStyle.SolidLine, 1.2),
    Kind.OBJECTION: KindStyle("OBJECTION", QColor("#fee2e2"), QColor("#991b1b"), Qt.PenStyle.DashLine, 2.0),
    Kind.REBUTTAL: KindStyle("REBUTTAL", QColor("#ffedd5"), QColor("#9a3412"), Qt.PenStyle.DotLine, 2.5),
    # A stand-in until arguments get their own drawing (a frame around the co-premises).
    Kind.ARGUMENT: KindStyle("ARGUMENT", QColor("#f1f5f9"), QColor("#475569"), Qt.PenStyle.DashDotLine, 1.5),
}
TEXT = QColor("#111827")
QUOTE_TEXT = QColor("#374151")
SUPPORT_EDGE = QColor("#15803d")
ATTACK_EDGE = QColor("#b91c1c")
TRUNK_EDGE = QColor("#6b7280")  # a compact layout's shared trunks and buses: neither kind
EDGE_WIDTH = 2.2


class _Widths(dict):
    """Word → advance width; a missing word is measured once, at C speed on a hit."""

    def __init__(self, metrics: QFontMetricsF):
        super().__init__()
        self._measure = metrics.horizontalAdvance

    def __missing__(self, word: str) -> float:
        width = self[word] = self._measure(word)
        return width


class Wrapper:
    """Greedy word wrap from cached word widths, without a text layout.

    Measuring every word of a 10,000-node map once costs ~50 ms where a QTextLayout per
    node costs ~800 ms. The result follows Qt's greedy wrap (WrapAtWordBoundaryOrAnywhere);
    should Qt ever need an extra line, the painted text is elided rather than overflowing.
    """

    def __init__(self, metrics: QFontMetricsF):
        self.metrics = metrics
        self.space = metrics.horizontalAdvance(" ")
        self.line_height = metrics.height()
        self.ascent = metrics.ascent()
        self._widths = _Widths(metrics)

    def _breaks(self, words: list[str], width: float) -> list[int] | None:
        """Index of the first word on each line after the first; None if a word is too long."""
        widths = list(map(self._widths.__getitem__, words))
        if max(widths) > width:
            return None
        space = self.space
        ends = list(accumulate(map(space.__add__, widths), initial=0.0))  # w + space each
        room = width + space
        if ends[-1] <= room:
            return []
        out: list[int] = []
        start, n = 0, len(words)
        while True:
            start = bisect_right(ends, ends[start] + room, start + 1) - 1
            if start >= n:
                return out
            out.append(start)

    def lines(self, text: str, width: float, max_lines: int) -> int:
        """How many lines `text` wraps to in `width`, at most max_lines.

        A plain loop: for ~30-word texts it beats building lists for bisect (40 against 56 ms
        for 10,000 nodes).
        """
        widths, space = self._widths, self.space
        count = 0
        for paragraph in text.split("\n"):
            count += 1
            x = 0.0
            for word in paragraph.split(" "):
                w = widths[word]
                if x and x + space + w > width:
                    count += 1
                    x = 0.0
                if w > width:  # a word longer than a line breaks anywhere
                    whole = int(w // width)
                    count += whole
                    w -= whole * width
                x = x + space + w if x else w
            if count >= max_lines:
                return max_lines
        return count

    def split(self, text: str, width: float, max_lines: int) -> tuple[list[str], bool]:
        """The lines `text` wraps to (at most max_lines) and whether text was left out."""
        out: list[str] = []
        paragraphs = text.split("\n")
        for number, paragraph in enumerate(paragraphs):
            words = paragraph.split(" ")
            breaks = self._breaks(words, width)
            if breaks is None:
                lines = self._slow_split(paragraph, width, max_lines - len(out) + 1)
            else:
                bounds = [0, *breaks, len(words)]
                lines = [" ".join(words[a:b]) for a, b in pairwise(bounds)]
            room = max_lines - len(out)
            if len(lines) > room or (len(lines) == room and number < len(paragraphs) - 1):
                out.extend(lines[:room])
                return out, True
            out.extend(lines)
        return out, False

    def count(self, text: str, width: float) -> int:
        """len(split(text, width, FULL)[0]), the same breaks, without joining the lines:
        an export's full box needs only how many there are (the writers split again)."""
        total = 0
        for paragraph in text.split("\n"):
            breaks = self._breaks(paragraph.split(" "), width)
            total += (len(breaks) + 1 if breaks is not None
                      else len(self._slow_split(paragraph, width, FULL - total + 1)))
        return total

    def _slow_split(self, paragraph: str, width: float, limit: int) -> list[str]:
        """Greedy wrap measuring character by character: words wider than a line break anywhere.

        Stops after `limit` lines, so a hostile 10,000-character word costs a few lines' work.
        """
        measure = self.metrics.horizontalAdvance
        lines: list[str] = []
        line = ""
        for word in paragraph.split(" "):
            if len(lines) >= limit:
                return lines
            candidate = f"{line} {word}" if line else word
            if measure(candidate) <= width:
                line = candidate
                continue
            if line:
                lines.append(line)
                line = ""
            while len(lines) < limit and measure(word) > width:
                cut = 1
                while cut < len(word) and measure(word[: cut + 1]) <= width:
                    cut += 1
                lines.append(word[:cut])
                word = word[cut:]
            line = word
        lines.append(line)
        return lines


class Fonts:
    """Fonts and metrics shared by every node; made once per process (needs a QGuiApplication)."""

    _instance: Fonts | None = None

    def __init__(self) -> None:
        self.body = QFont()
        self.body.setPointSizeF(10.0)
        self.label = QFont(self.body)
        self.label.setPointSizeF(7.5)
        self.label.setBold(True)
        self.label.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 110)
        self.quote = QFont(self.body)
        self.quote.setPointSizeF(8.5)
        self.quote.setItalic(True)
        self.body_metrics = QFontMetricsF(self.body)
        self.label_metrics = QFontMetricsF(self.label)
        self.quote_metrics = QFontMetricsF(self.quote)
        self.label_h = self.label_metrics.height()
        self.wrap_body = Wrapper(self.body_metrics)
        self.wrap_quote = Wrapper(self.quote_metrics)
        self.wrap_label = Wrapper(self.label_metrics)

    @classmethod
    def get(cls) -> Fonts:
        if cls._instance is None:
            cls._instance = Fonts()
        return cls._instance


def _text_width() -> float:
    """Width the body text wraps to."""
    return NODE_WIDTH - 2 * PAD


def _quote_width() -> float:
    """Width the quote and the locator wrap to (right of the bar)."""
    return NODE_WIDTH - 2 * PAD - QUOTE_INDENT


@dataclass(frozen=True, slots=True)
class Box:
    """Where every part of a node's box sits, relative to the box's top-left corner.

    The one geometry of a node box: the canvas items, the SVG writer and the PNG/PDF
    painter all read their positions here, so a padding changed in this module moves the
    part everywhere at once. Only what differs per node is stored (a map holds one Box per
    node); every position is derived from it and this module's constants when asked for.

    Vertically, from the top: PAD, the kind label (label_h), the body text (text_lines),
    6 px, the quote beside its bar (quote_lines), 2 px, the source lines (locator_lines),
    the "more" marker on a line of its own when something was cut (never over the text),
    PAD, and half a badge height (the collapse badge hangs below the box).

    Two variants from measure(): the canvas's compact box (at most MAX_TEXT_LINES of text,
    MAX_QUOTE_LINES of quote and one source line, `more` set when any was cut) and an
    export's full box (full=True: every line of text and quote, and the source's locator,
    title and URL each on lines of their own), so an exported picture drops nothing.
    """

    text_lines: int
    quote: str  # the source quote in curly quotes, or ""
    quote_lines: int
    locator: str  # the source's lines: locator_text(), in the full box with title and URL
    height: float
    locator_lines: int = 1
    more: bool = False  # the compact box left something out: a "more" marker is drawn

    # -- sizes shared by every box --------------------------------------------------------
    @property
    def width(self) -> float:
        return NODE_WIDTH

    @property
    def text_width(self) -> float:
        return _text_width()

    @property
    def quote_width(self) -> float:
        return _quote_width()

    @property
    def label_h(self) -> float:
        return Fonts.get().label_h + 4

    @property
    def badge_h(self) -> float:
        return Fonts.get().label_h + 6

    # -- parts, top to bottom -------------------------------------------------------------
    @property
    def label_rect(self) -> tuple[float, float, float, float]:
        """(x, y, width, height) of the kind label, drawn top-left aligned."""
        return (PAD, PAD - 2, NODE_WIDTH - 2 * PAD, self.label_h)

    @property
    def text_origin(self) -> Point:
        """Top-left of the first body line."""
        return (PAD, PAD + self.label_h)

    @property
    def line_height(self) -> float:
        return Fonts.get().wrap_body.line_height

    @property
    def text_height(self) -> float:
        return self.text_lines * Fonts.get().wrap_body.line_height

    @property
    def quote_line_height(self) -> float:
        return Fonts.get().wrap_quote.line_height

    @property
    def quote_top(self) -> float:
        """Top of the quote (and of its bar), or of the locator when there is no quote."""
        return PAD + self.label_h + self.text_height + 6

    @property
    def quote_height(self) -> float:
        return self.quote_lines * Fonts.get().wrap_quote.line_height

    @property
    def quote_bar(self) -> tuple[float, float, float]:
        """(x, top, bottom) of the bar left of the quote."""
        top = self.quote_top
        return (PAD + 1, top, top + self.quote_height)

    @property
    def quote_origin(self) -> Point:
        return (PAD + QUOTE_INDENT, self.quote_top)

    @property
    def locator_origin(self) -> Point:
        """Top-left of the one line naming the source."""
        top = self.quote_top
        if self.quote:
            top += self.quote_height + 2
        return (PAD + QUOTE_INDENT, top)

    @property
    def locator_line(self) -> str:
        return self.locator

    @property
    def locator_line_height(self) -> float:
        return Fonts.get().wrap_label.line_height

    @property
    def more_rect(self) -> tuple[float, float, float, float]:
        """(x, y, width, height) of the "more" marker: its own line above the bottom
        padding, drawn right-aligned (only when `more`)."""
        h = Fonts.get().label_h
        bottom = self.height - PAD - self.badge_h * 0.5
        return (PAD, bottom - h, NODE_WIDTH - 2 * PAD, h)

    @property
    def badge_rect(self) -> tuple[float, float, float, float]:
        """(x, y, width, height) of the collapse badge under the box, centred."""
        return (0.0, self.height + 2, NODE_WIDTH, self.badge_h)


def measure(node: Node, full: bool = False) -> Box:
    """The node's Box: its lines wrapped with the fonts the canvas paints with.

    full=False: the canvas's compact box (text, quote and source line capped, `more` when
    cut). full=True: an export's box, every line of text, quote and source drawn.
    """
    fonts = Fonts.get()
    if full:  # the lines the painters draw (split), so the box holds exactly them
        text_lines = fonts.wrap_body.count(node.text, _text_width())
        more = False
    else:
        text_lines = fonts.wrap_body.lines(node.text, _text_width(), MAX_TEXT_LINES + 1)
        more = text_lines > MAX_TEXT_LINES
        text_lines = min(text_lines, MAX_TEXT_LINES)
    label_h = fonts.label_h + 4
    quote = locator = ""
    quote_lines = 0
    locator_lines = 1
    extra = 0.0
    source = node.source
    if source is not None:
        quote = f"“{source.quote}”" if source.quote else ""
        locator = source_text(quote, source.locator, source.title, source.url, full)
        if quote:
            if full:
                quote_lines = fonts.wrap_quote.count(quote, _quote_width())
            else:
                quote_lines = fonts.wrap_quote.lines(quote, _quote_width(), MAX_QUOTE_LINES + 1)
                more = more or quote_lines > MAX_QUOTE_LINES
                quote_lines = min(quote_lines, MAX_QUOTE_LINES)
            extra += quote_lines * fonts.wrap_quote.line_height + 6
        if locator:
            if full:
                locator_lines = fonts.wrap_label.count(locator, _quote_width())
            else:
                more = more or fonts.wrap_label.lines(locator, _quote_width(), 2) > 1
            extra += locator_lines * fonts.wrap_label.line_height + (2 if quote else 6)
    if more:
        extra += fonts.label_h + 2
    badge_h = fonts.label_h + 6
    height = PAD + label_h + text_lines * fonts.wrap_body.line_height + extra + PAD + badge_h * 0.5
    return Box(text_lines, quote, quote_lines, locator, height, locator_lines, more)


def locator_text(quote: str, locator: str) -> str:
    """The one line naming a source: after its quote, or on its own."""
    return f"— {locator}" if quote else f"Source: {locator}"


def source_text(quote: str, locator: str, title: str, url: str, full: bool) -> str:
    """What a box says about its source: on the canvas one line (locator or title); in an
    export every field, the locator (or title) line, then the title and the URL on lines
    of their own, so a figure keeps its citations."""
    head = locator or title or (url if full else "")
    if not head:
        return ""
    lines = [locator_text(quote, head)]
    if full:
        if locator and title:
            lines.append(title)
        if url and url != head:
            lines.append(url)
    return "\n".join(lines)
