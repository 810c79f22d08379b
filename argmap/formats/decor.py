"""The report-ready parts of an exported picture: a title header above the map, and under
it a legend of the kinds and edges and a source line.

Laid out once here as plain pieces (text lines, swatches, edge samples) in blocks, each
block kept whole on one page when a PDF is tiled; the PNG/PDF painter and the SVG writer
both draw the same pieces (paint_block / svg_block), so the three formats agree. Text is
plain and wrapped to the picture's width with look's Wrapper: a long title is never cut.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QLineF, QPointF, QRectF
from PySide6.QtGui import QFont, QFontMetricsF, QPainter, QPainterPath

from argmap.core.model import PREMISES, Kind, Node
from argmap.formats.marks import mark_style, svg_sample
from argmap.look import FULL, QUOTE_TEXT, STYLES, TEXT, Fonts, Wrapper
from argmap.look_argument import FRAME_BORDER, FRAME_FILL, FRAME_WIDTH, paint_premise_frame
from argmap.look_eval import STANDING_MEANS, STRENGTH_MEANS, mark_geometry
from argmap.paint import edge_pen, paint_frame
from argmap.paint_eval import paint_sample

MARGIN = 24.0  # as formats.picture.MARGIN: the blank border around the picture
GAP = 8.0  # between the legend and the source line
KIND_NAMES = {Kind.CLAIM: "Claim", Kind.EVIDENCE: "Evidence", Kind.OBJECTION: "Objection",
              Kind.REBUTTAL: "Rebuttal", Kind.ARGUMENT: "Argument: one inference"}
#: The new marks of argument nodes (look_argument.py): the frame, and an objection under one.
PREMISES_NAME = "its premises, which hold only together"
UNDERCUT_NAME = "undercuts (an objection to an argument's inference)"
SWATCH = (26.0, 16.0)  # a legend's little box
FRAME_SWATCH = (40.0, 18.0)  # a frame holding two little boxes
EDGE_SAMPLE = 34.0  # length of a legend's edge
#: Longest line of header or source text: easier to read, and it fits a tiled PDF's page
#: (A4/Letter at reading size is ~1,000 px wide), so a tile never has to shrink for it.
MAX_LINE = 900.0


@dataclass(frozen=True, slots=True)
class Piece:
    """One drawn thing: "text" (a line, top-left at x, y), "box" (a kind's swatch), "frame"
    (an argument's frame of premises, two little boxes in it), "edge" (from x, y to
    x + w, y, arrow head at the right end) or "mark" (an evaluation mark's sample, top-left
    at x, y: text says which, "strength" or "standing")."""

    what: str
    x: float
    y: float
    w: float
    h: float
    text: str = ""
    font: str = "body"  # "title" or "body"
    kind: Kind = Kind.CLAIM
    attack: bool = False


@dataclass
class Block:
    """Pieces kept together (never split across tiled pages); rect = (left, top, right, bottom)."""

    rect: tuple[float, float, float, float]
    pieces: list[Piece] = field(default_factory=list)


@dataclass
class Decor:
    frame: QRectF  # the whole exported area: the map's frame grown by header and footer
    blocks: list[Block]


class _Fonts:
    _title: tuple[QFont, Wrapper] | None = None

    @classmethod
    def title(cls) -> tuple[QFont, Wrapper]:
        if cls._title is None:
            font = QFont(Fonts.get().body)
            font.setPointSizeF(16.0)
            font.setBold(True)
            cls._title = (font, Wrapper(QFontMetricsF(font)))
        return cls._title


def font_of(piece: Piece) -> tuple[QFont, Wrapper]:
    if piece.font == "title":
        return _Fonts.title()
    fonts = Fonts.get()
    return fonts.body, fonts.wrap_body


def source_line(title: str, nodes: list[Node]) -> str:
    """What the picture is and what it rests on: the map, its size, its cited sources."""
    cited = {n.source.source_id or (n.source.title, n.source.url) for n in nodes
             if n.source is not None and (n.source.source_id or n.source.title or n.source.url)}
    quotes = sum(1 for n in nodes if n.source is not None and n.source.quote)
    parts = [f"Source: argument map “{title}”, made with argmap",
             f"{len(nodes):,} node{'s' * (len(nodes) != 1)}",
             f"{len(cited):,} cited source{'s' * (len(cited) != 1)}"]
    if quotes:
        parts.append(f"{quotes:,} quoted passage{'s' * (quotes != 1)}")
    return " · ".join(parts)


def decorate(frame: QRectF, title: str, nodes: list[Node], header: bool, legend: bool,
             sources: bool, evaluation: bool = False, notes: Sequence[str] = ()) -> Decor:
    """The frame grown by a header (title) and a footer (legend, source line), and their
    pieces. Nothing asked for: the frame as it is. `evaluation`: the boxes carry marks, and
    the legend says what they mean. `notes`: lines under the source line, each its own
    paragraph (the numbered sources the boxes cite: formats/picture_sources.py)."""
    left = frame.left() + MARGIN
    width = min(max(frame.width() - 2 * MARGIN, 200.0), MAX_LINE)
    blocks: list[Block] = []
    top = frame.top()
    if header and title:
        _font, wrap = _Fonts.title()
        lines = wrap.split(title, width, FULL)[0]
        height = len(lines) * wrap.line_height
        top = frame.top() - MARGIN - height + MARGIN / 2  # the map's own margin stays below
        blocks.append(_text_block(lines, left, top, wrap.line_height, "title"))
        top -= MARGIN
    bottom = frame.bottom() - MARGIN / 2
    if legend:
        block = _legend(left, bottom, width, nodes, evaluation)
        blocks.append(block)
        bottom = block.rect[3] + GAP
    if sources:
        wrap = Fonts.get().wrap_body
        lines = wrap.split("\n".join([source_line(title, nodes), *notes]), width, FULL)[0]
        block = _text_block(lines, left, bottom, wrap.line_height, "body")
        blocks.append(block)
        bottom = block.rect[3] + GAP
    if legend or sources:
        bottom += MARGIN - GAP
    else:
        bottom = frame.bottom()
    return Decor(QRectF(frame.left(), top, frame.width(), bottom - top), blocks)


def _text_block(lines: list[str], left: float, top: float, line_height: float,
                font: str) -> Block:
    _qfont, wrap = (_Fonts.title() if font == "title" else (Fonts.get().body, Fonts.get().wrap_body))
    pieces = [Piece("text", left, top + i * line_height, wrap.metrics.horizontalAdvance(line),
                    line_height, line, font) for i, line in enumerate(lines)]
    right = max((p.x + p.w for p in pieces), default=left)
    return Block((left, top, right, top + len(lines) * line_height), pieces)


def _legend(left: float, top: float, width: float, nodes: list[Node],
            evaluation: bool = False) -> Block:
    """Swatches of the kinds the picture shows, then its kinds of edge, flowing into rows."""
    wrap = Fonts.get().wrap_body
    row_h = max(SWATCH[1], wrap.line_height) + 4
    shown = {n.kind for n in nodes}
    edges = {n.attacks for n in nodes if n.parent is not None}
    arguments = {n.id for n in nodes if n.kind is Kind.ARGUMENT}
    undercuts = any(n.parent in arguments and n.kind not in PREMISES for n in nodes)
    entries: list[tuple[Piece, str]] = []
    for kind in Kind:
        if kind in shown:
            entries.append((Piece("box", 0, 0, *SWATCH, kind=kind), KIND_NAMES[kind]))
    if arguments:
        entries.append((Piece("frame", 0, 0, *FRAME_SWATCH), PREMISES_NAME))
    for attack, name in ((False, "supports"), (True, "attacks")):
        if attack in edges:
            entries.append((Piece("edge", 0, 0, EDGE_SAMPLE, 0, attack=attack), name))
    if undercuts:
        entries.append((Piece("edge", 0, 0, EDGE_SAMPLE, 0, attack=True), UNDERCUT_NAME))
    if evaluation:  # the marks (look_eval.py): a strength sample, then stands and falls
        geo = mark_geometry()
        for what, size, means in (("strength", geo.strength_sample, STRENGTH_MEANS),
                                  ("standing", geo.standing_sample, STANDING_MEANS)):
            entries.append((Piece("mark", 0, 0, *size, text=what), means))
    pieces: list[Piece] = []
    x, y, right = left, top, left
    for sample, name in entries:
        w = sample.w + 6 + wrap.metrics.horizontalAdvance(name)
        if x > left and x + w > left + width:
            x, y = left, y + row_h
        mid = y + row_h / 2
        if sample.what in ("box", "frame"):
            pieces.append(Piece(sample.what, x, mid - sample.h / 2, sample.w, sample.h,
                                kind=sample.kind))
        elif sample.what == "mark":
            pieces.append(Piece("mark", x, mid - sample.h / 2, sample.w, sample.h, sample.text))
        else:
            pieces.append(Piece("edge", x, mid, sample.w, 0, attack=sample.attack))
        pieces.append(Piece("text", x + sample.w + 6, mid - wrap.line_height / 2,
                            w - sample.w - 6, wrap.line_height, name))
        x += w + 18
        right = max(right, x - 18)
    return Block((left, top, right, y + row_h), pieces)


def paint_block(painter: QPainter, block: Block) -> None:
    """A block's pieces in scene coordinates (the painter maps scene to device)."""
    for piece in block.pieces:
        if piece.what == "text":
            font, wrap = font_of(piece)
            painter.setFont(font)
            painter.setPen(TEXT if piece.font == "title" else QUOTE_TEXT)
            painter.drawText(QPointF(piece.x, piece.y + wrap.ascent), piece.text)
        elif piece.what == "box":
            paint_frame(painter, piece.kind, QRectF(piece.x, piece.y, piece.w, piece.h))
        elif piece.what == "frame":
            paint_premise_frame(painter, QRectF(piece.x, piece.y, piece.w, piece.h))
            for x, y, w, h in _framed_boxes(piece):
                paint_frame(painter, Kind.CLAIM, QRectF(x, y, w, h))
        elif piece.what == "mark":
            paint_sample(painter, piece.text, piece.x, piece.y)
        else:
            pen = edge_pen(piece.attack)
            painter.setPen(pen)
            painter.drawLine(QLineF(piece.x, piece.y, piece.x + piece.w - 9, piece.y))
            painter.fillPath(_head(piece), pen.brush())


def _framed_boxes(piece: Piece) -> list[tuple[float, float, float, float]]:
    """The two little premises side by side in a frame swatch."""
    w, h = (piece.w - 9) / 2, piece.h - 6
    return [(piece.x + 3, piece.y + 3, w, h), (piece.x + 6 + w, piece.y + 3, w, h)]


def _head(piece: Piece) -> QPainterPath:
    tip = piece.x + piece.w
    path = QPainterPath()
    path.moveTo(tip, piece.y)
    path.lineTo(tip - 9, piece.y - 5)
    path.lineTo(tip - 9, piece.y + 5)
    path.closeSubpath()
    return path


def svg_block(block: Block, dx: float, dy: float, esc: Callable[[str], str],
              num: Callable[[float], str]) -> list[str]:
    """A block as SVG elements, moved by (dx, dy); `esc` escapes text and `num` formats
    numbers (formats.svg's, passed in: one escaping rule)."""
    out: list[str] = []
    for p in block.pieces:
        x, y = p.x + dx, p.y + dy
        if p.what == "text":
            _font, wrap = font_of(p)
            colour = (TEXT if p.font == "title" else QUOTE_TEXT).name()
            size = f' font-size="{num(_font.pointSizeF() * 96 / 72)}"'
            weight = ' font-weight="bold"' if p.font == "title" else ""
            out.append(f'<text x="{num(x)}" y="{num(y + wrap.ascent)}" fill="{colour}"'
                       f'{size}{weight}>{esc(p.text)}</text>')
        elif p.what == "mark":
            out.append(f'<g {mark_style(num)}>' + "".join(svg_sample(p.text, x, y, num)) + "</g>")
        elif p.what == "box":
            style = STYLES[p.kind]
            out.append(f'<rect x="{num(x)}" y="{num(y)}" width="{num(p.w)}" height="{num(p.h)}" '
                       f'rx="3" fill="{style.fill.name()}" stroke="{style.border.name()}" '
                       f'stroke-width="{num(style.border_width)}"/>')
        elif p.what == "frame":
            out.append(f'<rect x="{num(x)}" y="{num(y)}" width="{num(p.w)}" height="{num(p.h)}" '
                       f'rx="4" fill="{FRAME_FILL.name()}" stroke="{FRAME_BORDER.name()}" '
                       f'stroke-width="{num(FRAME_WIDTH)}"/>')
            style = STYLES[Kind.CLAIM]
            for bx, by, bw, bh in _framed_boxes(p):
                out.append(f'<rect x="{num(bx + dx)}" y="{num(by + dy)}" width="{num(bw)}" '
                           f'height="{num(bh)}" rx="2" fill="{style.fill.name()}" '
                           f'stroke="{style.border.name()}" stroke-width="1"/>')
        else:
            pen = edge_pen(p.attack)
            colour = pen.color().name()
            dash = ' stroke-dasharray="8.8 4.4"' if p.attack else ""
            tip = x + p.w
            out.append(f'<path d="M{num(x)},{num(y)}H{num(tip - 9)}" stroke="{colour}" '
                       f'stroke-width="{num(pen.widthF())}" fill="none"{dash}/>')
            out.append(f'<path d="M{num(tip)},{num(y)}L{num(tip - 9)},{num(y - 5)} '
                       f'{num(tip - 9)},{num(y + 5)}Z" fill="{colour}"/>')
    return out
