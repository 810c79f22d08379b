"""A map as SVG text, written directly from the layout: no scene, no QSvgGenerator.

Boxes come from formats.picture: the editor's layout and the one box geometry in
argmap.look (every position inside a box is read from its look.Box), so the SVG matches
the canvas. Going through QSvgGenerator cost ~2.5 s and 50 MB for a
10,000-node map (every glyph run as its own styled element); this writer groups shapes
by style and emits each line of text once, plain and XML-escaped, in ~0.2 s and ~5 MB.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Callable, Iterator
from typing import Protocol

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFont, QFontInfo, QGuiApplication

from argmap.core.atomic import atomic_writer
from argmap.core.bulk import bulk
from argmap.core.connectors import Curve, Point, arrow, curve_shape
from argmap.core.errors import ExportCancelled, ExportError
from argmap.core.layout import DEFAULT_LAYOUT, LayoutStyle
from argmap.core.model import ArgumentMap, Kind
from argmap.formats.decor import decorate, svg_block
from argmap.formats.marks import mark_picture, mark_style, svg_marks
from argmap.formats.options import ExportOptions
from argmap.formats.picture import MARGIN, Picture, picture, picture_layout
from argmap.look import (
    ATTACK_EDGE,
    EDGE_WIDTH,
    QUOTE_TEXT,
    STYLES,
    SUPPORT_EDGE,
    TEXT,
    TRUNK_EDGE,
    Fonts,
)
from argmap.look_argument import FRAME_BORDER, FRAME_FILL, FRAME_RADIUS, FRAME_WIDTH

#: Characters XML 1.0 forbids (controls, lone surrogates, U+FFFE/U+FFFF): dropped.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _text(value: str) -> str:
    """Plain text as XML character data or an attribute value: never markup."""
    if not (value.isascii() and value.isprintable()):  # else nothing for _NOT_XML to drop
        value = _NOT_XML.sub("", value)
    if "&" in value:
        value = value.replace("&", "&amp;")
    if "<" in value or ">" in value or '"' in value:
        value = value.replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    return value


def _n(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


def _dash(style: Qt.PenStyle, width: float) -> str:
    """Qt's dash patterns, in multiples of the pen width."""
    if style == Qt.PenStyle.DashLine:
        return f' stroke-dasharray="{_n(4 * width)} {_n(2 * width)}"'
    if style == Qt.PenStyle.DotLine:
        return f' stroke-dasharray="{_n(width)} {_n(2 * width)}"'
    if style == Qt.PenStyle.DashDotLine:  # an argument's box
        return f' stroke-dasharray="{_n(4 * width)} {_n(2 * width)} {_n(width)} {_n(2 * width)}"'
    return ""


def _px(font: QFont) -> float:
    screen = QGuiApplication.primaryScreen()
    dpi = screen.logicalDotsPerInchY() if screen is not None else 96.0
    return font.pointSizeF() * dpi / 72


class Sink(Protocol):
    def write(self, data: bytes, /) -> int: ...


def map_svg(amap: ArgumentMap, layout: LayoutStyle | str = DEFAULT_LAYOUT,
            progress: Callable[[int, int], bool] | None = None,
            options: ExportOptions | None = None) -> bytes:
    """The whole map as one SVG document (UTF-8). Needs a QGuiApplication for font metrics.
    Without options: the map alone (no header, legend or source line)."""
    out = io.BytesIO()
    parts = (options.title, options.legend, options.sources) if options else (False,) * 3
    pic = mark_picture(picture(amap, layout), amap, options or ExportOptions())
    write_svg(pic, amap.info.title, out, progress, *parts)
    return out.getvalue()


def write_svg(pic: Picture, title: str, out: Sink,
              progress: Callable[[int, int], bool] | None = None, header: bool = False,
              legend: bool = False, sources: bool = False) -> None:
    """The picture as SVG, written to `out` group by group as it is made.

    Shapes are grouped by style (one <g> per kind and part), so the document is written in
    passes over the nodes, each pass streaming its group: only one chunk of text is ever
    held, whatever the map's size (a 200,000-node map makes ~180 MB of SVG).
    """
    fonts = Fonts.get()
    places, boxes = pic.places, pic.boxes
    if places:
        left = min(x for x, _ in places) - MARGIN
        top = min(y for _, y in places) - MARGIN
        right = max(x + b.width for (x, _), b in zip(places, boxes, strict=True)) + MARGIN
        bottom = max(y + b.height for (_, y), b in zip(places, boxes, strict=True)) + MARGIN
    else:
        left = top = 0.0
        right = bottom = 2 * MARGIN
    decor = decorate(QRectF(left, top, right - left, bottom - top), title, pic.nodes, header,
                     legend, sources, evaluation=pic.marks is not None)
    left, top = decor.frame.left(), decor.frame.top()
    right, bottom = decor.frame.right(), decor.frame.bottom()
    width, height = right - left, bottom - top
    at = [(x - left, y - top) for x, y in places]  # each box's corner in the picture

    def xy(x: float, y: float) -> str:  # _n(x - left),_n(y - top), inline
        return f'{f"{x - left:.1f}".removesuffix(".0")},{f"{y - top:.1f}".removesuffix(".0")}'

    def write(text: str) -> None:
        out.write(text.encode("utf-8", "replace"))

    family = _text(QFontInfo(fonts.body).family())
    write('<?xml version="1.0" encoding="UTF-8"?>\n'
          f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{_n(width)}" '
          f'height="{_n(height)}" viewBox="0 0 {_n(width)} {_n(height)}" '
          f'font-family="{family}, sans-serif">\n'
          f"<title>{_text(title)}</title>\n"
          "<desc>Argument map exported by argmap</desc>\n"
          f'<rect width="{_n(width)}" height="{_n(height)}" fill="#ffffff"/>\n')

    def polyline(points: tuple[Point, ...]) -> str:
        return "M" + "L".join(xy(*p) for p in points)

    # Under everything, the frames around arguments' rows of premises (look_argument.py).
    if pic.frames:
        write(f'<g fill="{FRAME_FILL.name()}" stroke="{FRAME_BORDER.name()}" '
              f'stroke-width="{_n(FRAME_WIDTH)}">\n')
        _stream(write, (f'<rect x="{_n(fl - left)}" y="{_n(ft - top)}" width="{_n(fr - fl)}" '
                        f'height="{_n(fb - ft)}" rx="{_n(FRAME_RADIUS)}"/>'
                        for fl, ft, fr, fb in pic.frames))
        write("\n</g>\n")

    # Connectors under the boxes: the compact layout's trunks in the neutral pen (butt caps
    # and mitred corners are SVG's defaults, as the canvas's flat caps and miter joins), then
    # edges per kind: tidy curves or compact branches (and attack bars), then the arrow heads.
    if pic.trunks:
        write(f'<g fill="none" stroke="{TRUNK_EDGE.name()}" stroke-width="{_n(EDGE_WIDTH)}">\n')
        _stream(write, (f'<path d="{polyline(line)}"/>' for lines in pic.trunks for line in lines))
        write("\n</g>\n")

    def strokes(attack: bool) -> Iterator[str]:
        for edge, is_attack in pic.edges:
            if is_attack != attack:
                continue
            if isinstance(edge, Curve):
                s = curve_shape(edge, attack)
                d = f"M{xy(*s.start)}C{xy(*s.c1)} {xy(*s.c2)} {xy(*s.end)}"
                if s.bar is not None:
                    d += f"M{xy(*s.bar[0])}L{xy(*s.bar[1])}"
            else:  # a compact branch
                d = polyline(edge)
                if attack:
                    d += polyline(arrow(edge).bar)
            yield f'<path d="{d}"/>'

    def heads(attack: bool) -> Iterator[str]:
        for edge, is_attack in pic.edges:
            if is_attack == attack:
                head = (curve_shape(edge, attack).head if isinstance(edge, Curve)
                        else arrow(edge).head)
                yield f'<path d="{polyline(head)}Z"/>'

    for attack in (False, True):
        colour = (ATTACK_EDGE if attack else SUPPORT_EDGE).name()
        dash = f' stroke-dasharray="{_n(4 * EDGE_WIDTH)} {_n(2 * EDGE_WIDTH)}"' if attack else ""
        write(f'<g fill="none" stroke="{colour}" stroke-width="{_n(EDGE_WIDTH)}"{dash}>\n')
        _stream(write, strokes(attack))
        write(f'\n</g>\n<g fill="{colour}" stroke="none">\n')
        _stream(write, heads(attack))
        write("\n</g>\n")

    # Boxes, then text: boxes never overlap, so this order paints what the canvas paints.
    label_asc = fonts.label_metrics.ascent()
    of_kind: dict[Kind, list[int]] = {k: [] for k in Kind}
    for i, node in enumerate(pic.nodes):
        of_kind[node.kind].append(i)

    def rects(kind: Kind) -> Iterator[str]:
        for i in of_kind[kind]:
            (x, y), box = at[i], boxes[i]
            yield (f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(box.width)}" '
                   f'height="{_n(box.height)}" rx="6"/>')

    def bars(kind: Kind) -> Iterator[str]:
        for i in of_kind[kind]:
            (x, y), box = at[i], boxes[i]
            if box.quote:
                bx, btop, bbottom = box.quote_bar
                yield f'<path d="M{_n(x + bx)},{_n(y + btop)}V{_n(y + bbottom)}"/>'

    def labels(kind: Kind) -> Iterator[str]:
        name = STYLES[kind].label
        for i in of_kind[kind]:
            (x, y), box = at[i], boxes[i]
            lx, ly, _w, _h = box.label_rect
            yield f'<text x="{_n(x + lx)}" y="{_n(y + ly + label_asc)}">{name}</text>'
            if box.locator:
                lines = fonts.wrap_label.split(box.locator, box.quote_width, box.locator_lines)
                ox, oy = box.locator_origin
                yield _lines(lines[0], x + ox, y + oy + label_asc, box.locator_line_height)

    def bodies() -> Iterator[str]:
        wrap, ascent, line_height = fonts.wrap_body, fonts.wrap_body.ascent, fonts.wrap_body.line_height
        total = len(pic.nodes)
        for i, node in enumerate(pic.nodes):
            if progress is not None and i % 2000 == 0 and not progress(i, total):
                raise ExportCancelled("export cancelled")
            (x, y), box = at[i], boxes[i]
            ox, oy = box.text_origin
            yield _lines(wrap.split(node.text, box.text_width, box.text_lines)[0],
                         x + ox, y + oy + ascent, line_height)

    def quotes() -> Iterator[str]:
        wrap, ascent, line_height = fonts.wrap_quote, fonts.wrap_quote.ascent, fonts.wrap_quote.line_height
        for i in range(len(pic.nodes)):
            (x, y), box = at[i], boxes[i]
            if box.quote:
                ox, oy = box.quote_origin
                yield _lines(wrap.split(box.quote, box.quote_width, box.quote_lines)[0],
                             x + ox, y + oy + ascent, line_height)

    body_px, quote_px, label_px = _px(fonts.body), _px(fonts.quote), _px(fonts.label)
    for kind in Kind:
        style = STYLES[kind]
        write(f'<g fill="{style.fill.name()}" stroke="{style.border.name()}" '
              f'stroke-width="{_n(style.border_width)}"'
              f"{_dash(style.pen_style, style.border_width)}>\n")
        _stream(write, rects(kind))
        write(f'\n</g>\n<g fill="none" stroke="{style.border.name()}" stroke-width="2">\n')
        _stream(write, bars(kind))
        write(f'\n</g>\n<g fill="{style.border.name()}" font-size="{_n(label_px)}" '
              'font-weight="bold" letter-spacing="0.6">\n')
        _stream(write, labels(kind))
        write("\n</g>\n")
    write(f'<g fill="{TEXT.name()}" font-size="{body_px:.2f}">\n')
    _stream(write, bodies())
    write(f'\n</g>\n<g fill="{QUOTE_TEXT.name()}" font-size="{quote_px:.2f}" '
          'font-style="italic">\n')
    _stream(write, quotes())
    write("\n</g>\n")
    if pic.marks is not None:  # View ▸ Show Evaluation's marks (formats/marks.py)
        write(f'<g class="evaluation" {mark_style(_n)}>\n')
        _stream(write, svg_marks(pic, at, _n))
        write("\n</g>\n")
    for block in decor.blocks:
        write("\n".join(svg_block(block, -left, -top, _text, _n)) + "\n")
    write("</svg>\n")


def _stream(write: Callable[[str], None], pieces: Iterator[str], chunk: int = 2000) -> None:
    """The pieces joined by newlines, as "\\n".join would, written a chunk at a time."""
    batch: list[str] = []
    first = True
    for piece in pieces:
        batch.append(piece)
        if len(batch) == chunk:
            write(("" if first else "\n") + "\n".join(batch))
            batch.clear()
            first = False
    if batch:
        write(("" if first else "\n") + "\n".join(batch))


@bulk
def write_svg_file(amap: ArgumentMap, path: str | os.PathLike[str], options: ExportOptions,
                   progress: Callable[[int, int], bool] | None = None) -> list[str]:
    """The map as an SVG file (registry.SVG), streamed to a temporary sibling and renamed
    over `path`; a picture loses nothing a loss report would list."""
    layout = picture_layout(options.layout)
    try:
        with atomic_writer(path) as out:
            write_svg(mark_picture(picture(amap, layout), amap, options), amap.info.title, out,
                      progress, options.title, options.legend, options.sources)
    except OSError as exc:
        raise ExportError(f"{path}: cannot be written: {exc.strerror or exc}") from None
    return []


def _lines(lines: list[str], x: float, baseline: float, line_height: float) -> str:
    """A <text> per wrapped line (an export's boxes hold every line: nothing is cut);
    SVG Tiny viewers ignore tspan x/dy."""
    head = f'<text x="{_n(x)}" y="'
    return "\n".join([  # _n inline: this is the writer's most frequent number
        f'{head}{f"{baseline + i * line_height:.1f}".removesuffix(".0")}">{_text(line)}</text>'
        for i, line in enumerate(lines)])
