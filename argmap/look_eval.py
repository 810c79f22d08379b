"""How a box shows what the map concludes about it (View ▸ Show Evaluation, and pictures
exported with it): its strength as a small bar with a percentage, and its standing as a
word in a pill, "stands" (outlined) or "falls" (filled dark): told apart by the word and
by the shape, never by colour alone.

The mark sits at the right of the kind label's row, inside the box, so showing it moves
nothing: no box grows and the layout stays as it is. Every part's place is here, relative
to the box's top-left corner, for the canvas and PNG/PDF painter (argmap/paint_eval.py) and
the SVG writer (formats/svg_eval.py) alike. QtGui only.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from PySide6.QtGui import QColor, QFont, QFontMetricsF

from argmap.core.evaluate_text import percent, standing
from argmap.look import NODE_WIDTH, PAD, Fonts

Rect = tuple[float, float, float, float]  # x, y, width, height

MARK_PT = 9.0  # the mark's text: a little under body size, bold (legible where body text is)
RIGHT = 6.0  # from the box's right edge
BAR = (30.0, 8.0)  # the strength bar's width and height
PILL_PAD = 7.5  # left and right of the standing word
GAP = 5.0  # between the bar, the percentage and the pill

INK = QColor("#1f2937")  # the percentage, the stands pill's outline and word
BAR_TRACK = QColor("#e5e7eb")
BAR_EDGE = QColor("#6b7280")
BAR_FILL = QColor("#334155")
STANDS_FILL = QColor("#ffffff")
FALLS_FILL = QColor("#7f1d1d")  # dark: a filled pill reads as "falls" in grey too
FALLS_TEXT = QColor("#ffffff")

#: What the legend of an exported picture says the marks mean.
STRENGTH_MEANS = "strength: DF-QuAD from your assessments"
STANDING_MEANS = "stands/falls: grounded semantics"


def mark_texts(strength: float, stands: bool) -> tuple[str, str]:
    """What a mark says: ("71 %", "stands")."""
    return percent(strength), standing(stands)


@functools.cache
def mark_font() -> QFont:
    font = QFont(Fonts.get().body)
    font.setPointSizeF(MARK_PT)
    font.setBold(True)
    return font


@dataclass(frozen=True)
class MarkGeometry:
    """Where a mark's parts go in a box (relative to its top-left corner)."""

    bar: Rect
    percent: Rect  # the percentage, right-aligned in it
    pill: Rect  # the standing word, centred in it
    ascent: float  # of the mark font: a text's baseline is its rect's top + this
                   # (+ half the room the line height leaves in the rect)

    @property
    def left(self) -> float:
        return self.bar[0]

    @property
    def strength_sample(self) -> tuple[float, float]:
        """A legend's strength sample (bar and percentage): its width and height."""
        return self.pill[0] - GAP - self.bar[0], self.pill[3]

    @property
    def standing_sample(self) -> tuple[float, float]:
        """A legend's standing sample (a "stands" pill and a "falls" pill)."""
        return 2 * self.pill[2] + GAP, self.pill[3]

    def baseline(self, rect: Rect) -> float:
        metrics = QFontMetricsF(mark_font())
        return rect[1] + (rect[3] - metrics.height()) / 2 + self.ascent


@functools.cache
def mark_geometry() -> MarkGeometry:
    """The same for every box (all boxes are NODE_WIDTH wide); made once per process."""
    metrics = QFontMetricsF(mark_font())
    height = metrics.height() + 3
    fonts = Fonts.get()
    # Centred on the kind label's line (drawn top-aligned at PAD - 2): the mark spans the
    # top padding and the label's row, and ends above the body text.
    top = PAD - 2 + fonts.label_h / 2 - height / 2
    pill_w = max(metrics.horizontalAdvance(w) for w in ("stands", "falls")) + 2 * PILL_PAD
    percent_w = metrics.horizontalAdvance(percent(1.0))
    right = NODE_WIDTH - RIGHT
    pill = (right - pill_w, top, pill_w, height)
    text = (pill[0] - GAP - percent_w, top, percent_w, height)
    bar = (text[0] - GAP - BAR[0], top + (height - BAR[1]) / 2, BAR[0], BAR[1])
    return MarkGeometry(bar, text, pill, metrics.ascent())


def bar_fill(strength: float) -> float:
    """How much of the bar is filled: its width times the strength, 1 px at least for any
    strength above zero (a 0.4 % is not nothing)."""
    width = BAR[0] * max(0.0, min(1.0, strength))
    return max(width, 1.0) if strength > 0 else 0.0
