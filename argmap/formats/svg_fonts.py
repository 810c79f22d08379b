"""How an SVG names and sizes its text so that any renderer's lines fit the boxes.

The boxes' line breaks are measured with Qt's font metrics (look.Wrapper), and an SVG
renderer lays the same text out again with its own font engine. Two measured differences
made lines run wider than their boxes allow for, and both are settled here:

- Size. Qt's font engine lays a font out at a whole pixel size: 10 pt at 96 dpi (13.33 px)
  becomes 13 px, 8.5 pt (11.33 px) 11 px. An SVG that says 13.33 px is drawn 2.6% wider
  (quotes 3.1%) by every renderer that honours sizes exactly (librsvg, browsers,
  Inkscape). The SVG declares the size Qt measured at, found by measuring: a sample's
  width in Qt's metrics against its width in the font's own design units.
- Letter spacing. The kind labels and source lines use Qt's percentage spacing (110%: each
  character a tenth wider), which SVG cannot say; SVG's letter-spacing adds the same
  amount after every character. It is measured on a sample of the narrow characters
  source lines are made of (URLs, titles, locators), so those lines come out no wider
  than Qt measured them (the capitals of the kind labels a little tighter).

Why not textLength/lengthAdjust on each line: librsvg, Qt's own SVG renderer and
ImageMagick ignore it (so it cannot be the fix there); it would cost a width per line in
the writer (a 10,000-node export writes ~100,000 lines, and it must not get slower); and
with a narrower fallback face it would stretch every full line but not the short last
one. Naming the size that was measured fits every renderer that picks the same face, at no
cost per line.

The font-family list names the family the boxes were measured with, then only faces as
wide or narrower: DejaVu Sans' metric twin Bitstream Vera Sans, and the Helvetica/Arial
metrics (13% narrower than DejaVu Sans, 17% in bold: measured here with Nimbus Sans, their
metric clone). Verdana, common on Windows, is left out: it is at least as wide as DejaVu
Sans, and a wider face would run full lines past the box. docs/export.md says the same.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontInfo, QFontMetricsF

#: Faces listed after the measured one: as wide as DejaVu Sans or narrower (see above).
FALLBACK_FAMILIES = ("DejaVu Sans", "Bitstream Vera Sans", "Helvetica", "Arial",
                     "Liberation Sans", "Nimbus Sans")
#: What source lines are made of: URLs, titles, locators (narrow characters, digits).
SAMPLE = ("https://www.example.org/archive/2024/02/iran-proxies-militias.html "
          "Iran’s Proxies Are Out of Control (The Atlantic) — paragraphs 4, 10")
_DESIGN = 64  # measured at 64 times the size: the font's own widths, unrounded


def font_family(font: QFont) -> str:
    """The SVG font-family list: the face the boxes were measured with, then fallbacks
    no wider, then the generic family."""
    first = QFontInfo(font).family()
    return ", ".join([first, *(f for f in FALLBACK_FAMILIES if f != first), "sans-serif"])


def _unspaced(font: QFont) -> QFont:
    plain = QFont(font)
    plain.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 100)
    return plain


def svg_size(font: QFont) -> tuple[float, float]:
    """(font-size, letter-spacing) in px for an SVG to draw `font`'s text as wide as Qt
    measured it: the size Qt lays the font out at, and its percentage spacing as the
    extra width per character on SAMPLE."""
    plain = _unspaced(font)
    big = QFont(plain)
    big.setPointSizeF(plain.pointSizeF() * _DESIGN)
    design = QFontMetricsF(big).horizontalAdvance(SAMPLE) / _DESIGN  # in point-size px
    laid_out = QFontMetricsF(plain).horizontalAdvance(SAMPLE)
    nominal = QFontInfo(big).pixelSize() / _DESIGN  # the point size in pixels
    size = nominal * laid_out / design
    spacing = (QFontMetricsF(font).horizontalAdvance(SAMPLE) - laid_out) / len(SAMPLE)
    return size, spacing
