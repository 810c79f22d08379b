"""An exported picture's evaluation marks (ExportOptions.evaluation, `--evaluation`): each
box's strength and standing, computed here from the map as exported, and their SVG.

The PNG/PDF painter paints them with argmap/paint_eval.py, the canvas's own functions; the
SVG here draws the same parts at the same places (look_eval.mark_geometry), so the three
formats and the canvas agree. A subtree exported alone shows the values it has in the whole
map: a node's strength and standing depend on what lies under it, never above.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from argmap.core.evaluate import Evaluation
from argmap.core.model import ArgumentMap
from argmap.formats.options import ExportOptions
from argmap.formats.picture import Picture
from argmap.look_eval import (
    BAR_EDGE,
    BAR_FILL,
    BAR_TRACK,
    FALLS_FILL,
    FALLS_TEXT,
    GAP,
    INK,
    MARK_PT,
    STANDS_FILL,
    Rect,
    bar_fill,
    mark_geometry,
    mark_texts,
)

Num = Callable[[float], str]


def mark_picture(pic: Picture, amap: ArgumentMap, options: ExportOptions) -> Picture:
    """Give the picture its marks when the options ask for them (pic.marks, in node order)."""
    if options.evaluation:
        ev = Evaluation(amap.nodes)
        pic.marks = [(ev.strength(n.id), ev.stands(n.id)) for n in pic.nodes]
    return pic


def svg_marks(pic: Picture, at: list[tuple[float, float]], num: Num) -> Iterator[str]:
    """Every box's mark as SVG elements (at: each box's top-left in the picture)."""
    if pic.marks is None:
        return
    geo = mark_geometry()
    for (x, y), (strength, stands) in zip(at, pic.marks, strict=True):
        yield from _strength(geo.bar, geo.percent, strength, x, y, num)
        yield from _pill(geo.pill, stands, x, y, num)


def svg_sample(what: str, x: float, y: float, num: Num) -> list[str]:
    """A legend's sample at (x, y), its top-left, as paint_eval.paint_sample draws it."""
    geo = mark_geometry()
    if what == "strength":
        return list(_strength(geo.bar, geo.percent, 0.75, x - geo.bar[0], y - geo.pill[1], num))
    _px, _py, width, _h = geo.pill
    return [*_pill(geo.pill, True, x - geo.pill[0], y - geo.pill[1], num),
            *_pill(geo.pill, False, x + width + GAP - geo.pill[0], y - geo.pill[1], num)]


def mark_style(num: Num) -> str:
    """The attributes of the <g> that holds the marks' text."""
    return f'font-size="{num(MARK_PT * 96 / 72)}" font-weight="bold"'


def _strength(bar: Rect, text: Rect, strength: float, dx: float, dy: float,
              num: Num) -> Iterator[str]:
    bx, by, bw, bh = bar
    yield (f'<rect x="{num(dx + bx)}" y="{num(dy + by)}" width="{num(bw)}" height="{num(bh)}" '
           f'fill="{BAR_TRACK.name()}" stroke="{BAR_EDGE.name()}" stroke-width="0.8"/>')
    filled = bar_fill(strength)
    if filled:
        yield (f'<rect x="{num(dx + bx)}" y="{num(dy + by)}" width="{num(filled)}" '
               f'height="{num(bh)}" fill="{BAR_FILL.name()}"/>')
    tx, _ty, tw, _th = text
    baseline = mark_geometry().baseline(text)
    yield (f'<text x="{num(dx + tx + tw)}" y="{num(dy + baseline)}" text-anchor="end" '
           f'fill="{INK.name()}">{mark_texts(strength, True)[0]}</text>')


def _pill(pill: Rect, stands: bool, dx: float, dy: float, num: Num) -> Iterator[str]:
    px, py, pw, ph = pill
    radius = num(ph / 2 - 0.6)
    if stands:
        paint = f'fill="{STANDS_FILL.name()}" stroke="{INK.name()}" stroke-width="1.2"'
    else:
        paint = f'fill="{FALLS_FILL.name()}"'
    yield (f'<rect x="{num(dx + px + 0.6)}" y="{num(dy + py + 0.6)}" width="{num(pw - 1.2)}" '
           f'height="{num(ph - 1.2)}" rx="{radius}" {paint}/>')
    colour = (INK if stands else FALLS_TEXT).name()
    yield (f'<text x="{num(dx + px + pw / 2)}" y="{num(dy + mark_geometry().baseline(pill))}" '
           f'text-anchor="middle" fill="{colour}">{mark_texts(0.0, stands)[1]}</text>')
