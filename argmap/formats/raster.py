"""PNG and PDF: the map painted with QPainter from formats.picture and look's box geometry.

Nothing here builds the editor's document or scene: the nodes and edges are painted by
argmap.paint, the functions the canvas items paint with, in the canvas's stacking order
and with the transforms QGraphicsScene.render would set, so a file shows what the canvas
shows. Memory stays bounded whatever the map's size (docs/performance.md): a PNG is
painted a strip at a time into a streaming encoder, a big PDF a share of the items per
page (joined into one page afterwards), each node's text is laid out only while it is
painted, and the file replaces the target only when complete (a failed or cancelled
export leaves any existing file untouched). PNG size is
capped (MAX_SIDE, MAX_PIXELS; TEXTLESS_PIXELS when the scale leaves text out): a larger
map is scaled down to fit rather than exhausting memory.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from concurrent.futures import Future
from dataclasses import dataclass

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTransform,
)

from argmap.core.atomic import atomic_write, atomic_writer
from argmap.core.bulk import bulk
from argmap.core.errors import ExportCancelled, ExportError
from argmap.core.model import ArgumentMap
from argmap.formats.decor import Decor, decorate
from argmap.formats.decor import paint_block as paint_decor_block
from argmap.formats.marks import mark_picture
from argmap.formats.options import ExportOptions, Progress, default_page, ensure_app
from argmap.formats.pdf_pages import join_pages_parts
from argmap.formats.picture import Bounds, Picture, picture, picture_layout, strip_buckets
from argmap.formats.png_stream import PngStream
from argmap.formats.tiles import Tile, plan_tiles
from argmap.look import STYLES, Fonts
from argmap.look_argument import paint_premise_frame
from argmap.paint import (
    TINY_ZOOM,
    NodeText,
    edge_paths,
    edge_pen,
    level_of_detail,
    paint_block,
    paint_edge,
    paint_frame,
    paint_text,
    paint_trunk,
)
from argmap.paint_eval import paint_mark

MAX_SIDE = 32_000  # pixels per side of a PNG (QImage's practical limit is 32,767)
MAX_PIXELS = 80_000_000  # ~320 MB of ARGB pixels at most
#: Below this scale a PNG draws boxes without text: body text (13.3 px at 1×) would be under
#: 4 px, unreadable in any picture, and laying it out was most of a capped 10k-node export
#: (3.1 s against 1.5 s). The canvas draws text from 3.5 px; vector formats keep all text.
PNG_DETAIL_ZOOM = 0.3
#: A PNG too large to draw text at (its scale under PNG_DETAIL_ZOOM) shows boxes and
#: connectors only, and more pixels would only draw the same blocks larger: it is capped at
#: this many (a 16:9 picture of 5,333 × 3,000, boxes still 26 px wide at 10,000 nodes).
#: Filling the 80-megapixel cap with such a picture was half of a 10,000-node export.
TEXTLESS_PIXELS = 16_000_000
STRIP_PIXELS = 4_000_000  # pixels painted per step: bounds memory; progress and Cancel between
#: Scene pixels per PDF point when tiling pages: 96-dpi screen pixels at print size.
TILE_SCALE = 72 / 96
MAX_PAGES = 2_000  # a tiled PDF beyond this is no longer something to print
MIN_PDF_PT = 6.0  # a fitted page whose body text would be smaller is tiled instead
PAGE_MARGIN = 24.0  # points around an A4/Letter page's paint area


def _intersects(bounds: Bounds, source: QRectF) -> bool:
    """QRectF.intersects(item's scene bounds): the items QGraphicsScene.render paints."""
    left, top, right, bottom = bounds
    return (left < source.right() and source.left() < right
            and top < source.bottom() and source.top() < bottom)


class PicturePainter:
    """Paints a Picture's items onto any QPainter, as QGraphicsScene.render paints a scene.

    `detail_zoom`: below this scale node text is left out (0: always drawn, every edge
    curved: the vector export).
    """

    def __init__(self, pic: Picture, detail_zoom: float, decor: Decor | None = None):
        self.pic = pic
        self.detail_zoom = detail_zoom
        self.decor = decor
        self.bounds = pic.item_bounds()  # connectors first, then nodes: the stacking order
        self.n_connectors = len(pic.frames) + len(pic.trunks) + len(pic.edges)
        self._texts: dict[int, NodeText] = {}  # laid out nodes the next strip paints again
        self._bottom = 0.0  # of the source being painted

    def items(self, source: QRectF) -> list[int]:
        return [i for i, b in enumerate(self.bounds) if _intersects(b, source)]

    def render(self, painter: QPainter, target: QRectF, source: QRectF, keep_aspect: bool,
               items: Sequence[int] | None = None, blocks: Sequence[int] | None = None) -> None:
        """Paint `items` (default: all that meet `source`) and the decoration's `blocks`
        (default: all that meet it) mapping source onto target."""
        if items is None:
            items = self.items(source)
        xratio = target.width() / source.width()
        yratio = target.height() / source.height()
        if keep_aspect:
            xratio = yratio = min(xratio, yratio)
        painter.save()
        painter.setClipRect(target, Qt.ClipOperation.IntersectClip)
        painter.setWorldTransform(QTransform().translate(target.left(), target.top())
                                  .scale(xratio, yratio)
                                  .translate(-source.left(), -source.top()), True)
        view = painter.worldTransform()
        lod = level_of_detail(view)  # a translation does not change it: once, not per item
        texts, self._texts = self._texts, {}
        self._bottom = source.bottom()
        n_connectors = self.n_connectors
        # Without text every item sets all it draws with (transform, pen, brush) and the
        # state it leaves changes no later item: saving and restoring it per item is skipped.
        keep = lod >= self.detail_zoom
        for i in items:  # as QGraphicsScene does: the item's transform, then save
            if i < n_connectors:
                painter.setWorldTransform(view)
                if keep:
                    painter.save()
                self._paint_connector(painter, i, lod)
            else:
                x, y = self.pic.places[i - n_connectors]
                painter.setWorldTransform(QTransform.fromTranslate(x, y) * view)
                if keep:
                    painter.save()
                self._paint_node(painter, i - n_connectors, texts, lod)
            if keep:
                painter.restore()
        if self.decor is not None:
            painter.setWorldTransform(view)
            decor_blocks = self.decor.blocks
            if blocks is None:
                blocks = [i for i, b in enumerate(decor_blocks) if _intersects(b.rect, source)]
            for i in blocks:
                painter.save()
                paint_decor_block(painter, decor_blocks[i])
                painter.restore()
        painter.restore()

    def _paint_connector(self, painter: QPainter, i: int, lod: float) -> None:
        """Item i of the frames, trunks and edges, in that order (Picture.item_bounds)."""
        pic, detail = self.pic, self.detail_zoom <= 0
        if i < len(pic.frames):
            left, top, right, bottom = pic.frames[i]
            paint_premise_frame(painter, QRectF(left, top, right - left, bottom - top))
            return
        i -= len(pic.frames)
        if i < len(pic.trunks):
            paint_trunk(painter, pic.trunks[i], detail, lod)
            return
        edge, attack = pic.edges[i - len(pic.trunks)]
        paint_edge(painter, edge_pen(attack), edge, lambda: edge_paths(edge, attack), detail, lod)

    def _paint_node(self, painter: QPainter, i: int, last: dict[int, NodeText],
                    lod: float) -> None:
        pic = self.pic
        kind, box = pic.nodes[i].kind, pic.boxes[i]
        rect = QRectF(0, 0, box.width, box.height)
        if lod < TINY_ZOOM:
            paint_block(painter, rect, STYLES[kind].border)
            return
        paint_frame(painter, kind, rect)
        if lod < self.detail_zoom:
            return
        text = last.get(i)  # a box across two strips is laid out once
        if text is None:
            text = NodeText(pic.nodes[i].text, box)
        if self.bounds[self.n_connectors + i][3] > self._bottom:  # reaches into the next strip
            self._texts[i] = text
        paint_text(painter, kind, box, text)
        if pic.marks is not None:
            paint_mark(painter, *pic.marks[i])


def png_scale(rect: QRectF, scale: float) -> float:
    """The scale actually used: the requested one, reduced to keep within the caps (the
    lower TEXTLESS_PIXELS where that leaves the text out)."""
    w, h = rect.width() * scale, rect.height() * scale
    shrink = min(1.0, MAX_SIDE / max(w, 1), MAX_SIDE / max(h, 1), (MAX_PIXELS / max(w * h, 1)) ** 0.5)
    if scale * shrink < PNG_DETAIL_ZOOM:
        shrink = min(shrink, (TEXTLESS_PIXELS / max(w * h, 1)) ** 0.5)
    return scale * shrink


def render_png(pic: Picture, scale: float, transparent: bool,
               progress: Progress | None = None, decor: Decor | None = None) -> bytes:
    """Paint strip by strip into a streaming encoder: memory stays at one strip."""
    rect = decor.frame if decor is not None else pic.frame()
    scale = png_scale(rect, scale)
    width, height = max(1, round(rect.width() * scale)), max(1, round(rect.height() * scale))
    step = max(16, min(height, STRIP_PIXELS // width))
    strips = range(0, height, step)
    sources = [QRectF(rect.left(), rect.top() + top / scale, rect.width(),
                      min(step, height - top) / scale) for top in strips]
    painter_ = PicturePainter(pic, PNG_DETAIL_ZOOM, decor)
    buckets = strip_buckets(painter_.bounds, sources, rect.top(), scale, step)
    out = PngStream(width, height, alpha=transparent)
    background = QColor(Qt.GlobalColor.transparent if transparent else Qt.GlobalColor.white)
    # One strip image, painted again for each strip (a fresh one per strip cost more in
    # page faults than its painting); opaque rows are copied into a few reused RGB buffers
    # the encoder reads in turn (drawImage: the same bytes as convertToFormat, no new image).
    image = QImage(width, step, QImage.Format.Format_ARGB32_Premultiplied)
    if image.isNull():
        raise ExportError(f"not enough memory for a {width}×{step} strip")
    buffers = [] if transparent else [
        QImage(width, step, QImage.Format.Format_RGB888) for _ in range(3)]
    reading: list[Future[tuple[bytes, int, int]] | None] = [None] * len(buffers)
    try:
        for done, top in enumerate(strips):
            if progress is not None and not progress(done, len(strips) + 1):
                raise ExportCancelled("export cancelled")
            rows = min(step, height - top)
            image.fill(background)
            painter = QPainter(image)
            painter.setRenderHints(QPainter.RenderHint.Antialiasing
                                   | QPainter.RenderHint.TextAntialiasing)
            painter_.render(painter, QRectF(0, 0, width, rows), sources[done], False,
                            buckets[done])
            painter.end()
            if transparent:  # unpremultiplied as convertToFormat does it
                pixels = image.convertToFormat(QImage.Format.Format_RGBA8888)
                out.add_rows(pixels.constBits(), rows, pixels.bytesPerLine(), owner=pixels)
                continue
            slot = done % len(buffers)
            pending = reading[slot]
            if pending is not None:
                pending.result()  # the encoder is done with this buffer
            pixels = buffers[slot]
            if pixels.isNull():
                raise ExportError(f"not enough memory for a {width}×{step} strip")
            copier = QPainter(pixels)
            copier.setCompositionMode(QPainter.CompositionMode.CompositionMode_Source)
            copier.drawImage(0, 0, image)
            copier.end()
            reading[slot] = out.add_rows(pixels.constBits(), rows, pixels.bytesPerLine(),
                                         owner=pixels)
        if progress is not None and not progress(len(strips), len(strips) + 1):
            raise ExportCancelled("export cancelled")
        return out.finish()
    finally:
        out.abandon()


#: Items painted on one PDF page at most. Qt's PDF engine keeps a page's drawing operators
#: in memory until the page ends (~9 KB per node with its text): a bigger map is painted
#: as several same-sized pages of this many items each, joined into one page afterwards
#: (pdf_pages.join_pages). 4,000 (was 10,000): a 200,000-node map with the compact layout's
#: connectors and full-text boxes peaked 42 MB lower (1,032 against 1,074 MB), no slower.
PAGE_ITEMS = 4_000


def body_pt(fit: float) -> float:
    """Body text's size in points on a page where one scene pixel is `fit` points."""
    return Fonts.get().body.pointSizeF() / TILE_SCALE * fit


def _paper(page: str) -> QPageSize:
    return QPageSize(QPageSize.PageSizeId.A4 if page.upper() == "A4"
                     else QPageSize.PageSizeId.Letter)


def fit_on(rect: QRectF, page: str) -> tuple[QPageLayout.Orientation, float]:
    """The orientation that shows `rect` largest on one page of `page` paper, and the
    points per scene pixel it is shown at."""
    size = _paper(page).size(QPageSize.Unit.Point)
    best = (QPageLayout.Orientation.Portrait, 0.0)
    for orientation, (w, h) in ((QPageLayout.Orientation.Portrait, (size.width(), size.height())),
                                (QPageLayout.Orientation.Landscape, (size.height(), size.width()))):
        fit = min((w - 2 * PAGE_MARGIN) / max(rect.width(), 1),
                  (h - 2 * PAGE_MARGIN) / max(rect.height(), 1))
        if fit > best[1]:
            best = (orientation, fit)
    return best


def pdf_plan(rect: QRectF, page: str | None, tile: bool | None) -> tuple[str, bool]:
    """(paper, tiled): paper "map" (one page the picture's size), "A4" or "Letter" (None:
    by the locale); tiled unless asked otherwise exactly when fitting would print body
    text under MIN_PDF_PT."""
    paper = default_page() if page is None else page
    if paper == "map":
        return paper, False
    if tile is None:
        return paper, body_pt(fit_on(rect, paper)[1]) < MIN_PDF_PT
    return paper, tile


def render_pdf(pic: Picture, title: str, page: str | None = None, tile: bool | None = None,
               progress: Progress | None = None, decor: Decor | None = None) -> bytes:
    """render_pdf_parts as one bytes object."""
    return b"".join(render_pdf_parts(pic, title, page, tile, progress, decor))


def render_pdf_parts(pic: Picture, title: str, page: str | None = None,
                     tile: bool | None = None, progress: Progress | None = None,
                     decor: Decor | None = None) -> list[bytes]:
    """The PDF of plan_pages's pages. A one-page plan is painted a share of the items per
    page, and the pages are joined into one afterwards (pdf_pages.py)."""
    plan = plan_pages(pic, page, tile, decor)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(title)
    writer.setCreator("argmap")
    writer.setResolution(72)
    writer.setPageLayout(plan.layout)
    try:
        paint_pages(writer, plan, progress, split=True)
    finally:
        buffer.close()
    del writer, buffer  # they hold the QByteArray: one copy of the file, not two
    out = bytes(data.data())
    del data
    return [out] if plan.tiled or len(plan.sources) == 1 else join_pages_parts(out)


@dataclass
class PagePlan:
    """How a picture goes onto pages: the PDF export's, and File ▸ Print's (gui/printing.py)."""

    paper: str  # "A4", "Letter" or "map" (one page the picture's size)
    layout: QPageLayout
    tiled: bool
    sources: list[QRectF]  # the part of the picture each share shows
    shares: list[list[int] | None]  # the items each share paints (None: all that meet it)
    blocks: list[list[int]]  # the decoration's blocks each share paints
    painter: PicturePainter

    @property
    def pages(self) -> int:
        """A tiled plan has a page per share; any other is one page."""
        return len(self.sources) if self.tiled else 1


def plan_pages(pic: Picture, page: str | None = None, tile: bool | None = None,
               decor: Decor | None = None) -> PagePlan:
    """One page the picture's size (page="map"), the picture fitted onto one A4/Letter page,
    or tiled at reading size across as many pages as it needs, each box whole on one page.
    page=None: A4 or Letter by the locale; tile=None: tiled when fitting would print body
    text under MIN_PDF_PT. An automatic tiling beyond MAX_PAGES falls back to one page the
    picture's size (vector text, readable when zoomed)."""
    rect = decor.frame if decor is not None else pic.frame()
    paper, tiled = pdf_plan(rect, page, tile)
    painter_ = PicturePainter(pic, 0.0, decor)
    tiles: list[Tile] = []
    if tiled:
        landscape = rect.width() > rect.height()
        size = _paper(paper).size(QPageSize.Unit.Point)
        long_, short = max(size.width(), size.height()), min(size.width(), size.height())
        page_w, page_h = (long_, short) if landscape else (short, long_)
        step_w = (page_w - 2 * PAGE_MARGIN) / TILE_SCALE
        step_h = (page_h - 2 * PAGE_MARGIN) / TILE_SCALE
        boxes = painter_.bounds[painter_.n_connectors:]
        blocks = [b.rect for b in decor.blocks] if decor is not None else []
        frame = (rect.left(), rect.top(), rect.right(), rect.bottom())
        area = sum(b.width * b.height for b in pic.boxes)
        if tile is None and area > MAX_PAGES * step_w * step_h:
            pages = MAX_PAGES + 1  # the boxes alone fill more pages: not worth planning
        else:
            tiles = plan_tiles([*boxes, *blocks], frame, step_w, step_h)
            pages = len(tiles)
        if pages > MAX_PAGES:
            if tile is None:
                paper, tiled = "map", False
            else:
                raise ExportError(
                    f"at reading size the map needs {pages:,} pages (at most {MAX_PAGES:,}): "
                    "export a subtree, or fit the map on one page")
    if paper == "map":
        size_ = QPageSize(QSizeF(rect.width(), rect.height()), QPageSize.Unit.Point, "map",
                          QPageSize.SizeMatchPolicy.ExactMatch)
        orientation = QPageLayout.Orientation.Portrait
        margins = QMarginsF(0, 0, 0, 0)
    else:
        size_ = _paper(paper)
        if tiled:
            orientation = (QPageLayout.Orientation.Landscape if rect.width() > rect.height()
                           else QPageLayout.Orientation.Portrait)
        else:
            orientation = fit_on(rect, paper)[0]
        margins = QMarginsF(PAGE_MARGIN, PAGE_MARGIN, PAGE_MARGIN, PAGE_MARGIN)
    n_connectors = painter_.n_connectors  # items before the first node
    if tiled:
        sources = [QRectF(t.source[0], t.source[1], t.source[2] - t.source[0],
                          t.source[3] - t.source[1]) for t in tiles]
        n_nodes = len(pic.nodes)
        shares: list[list[int] | None] = []
        tile_blocks: list[list[int]] = []
        for t, source in zip(tiles, sources, strict=True):
            lines = [i for i in painter_.items(source) if i < n_connectors]
            shares.append(lines + [n_connectors + m for m in t.members if m < n_nodes])
            tile_blocks.append([m - n_nodes for m in t.members if m >= n_nodes])
    else:
        items = painter_.items(rect)
        shares = [items[i:i + PAGE_ITEMS] for i in range(0, len(items), PAGE_ITEMS)] or [None]
        sources = [rect] * len(shares)
        all_blocks = list(range(len(decor.blocks))) if decor is not None else []
        tile_blocks = [all_blocks if i == len(shares) - 1 else [] for i in range(len(shares))]
    return PagePlan(paper, QPageLayout(size_, orientation, margins), tiled, sources, shares,
                    tile_blocks, painter_)


def paint_pages(device: QPagedPaintDevice, plan: PagePlan, progress: Progress | None = None,
                split: bool = False) -> None:
    """Paint the plan on `device` (a QPdfWriter or a QPrinter at 72 dpi, its page layout
    set to the plan's). At 72 dpi a unit is a point, for the shapes and for the fonts.
    `split`: a one-page plan's shares each on a page of their own, for
    pdf_pages.join_pages to join."""
    if device.logicalDpiX() != 72 or device.logicalDpiY() != 72:
        raise ValueError("paint_pages paints in points: the device must be at 72 dpi")
    paint = QRectF(device.pageLayout().paintRectPixels(72))
    paint.moveTo(0, 0)
    painter_, shares, blocks = plan.painter, plan.shares, plan.blocks
    painter = QPainter(device)
    painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
    try:
        for number, source in enumerate(plan.sources):
            if progress is not None and not progress(number, len(plan.sources)):
                raise ExportCancelled("export cancelled")
            if number and (plan.tiled or split):
                device.newPage()
            if plan.tiled:
                target = QRectF(0, 0, source.width() * TILE_SCALE, source.height() * TILE_SCALE)
                if target.width() > paint.width() + 0.5 or target.height() > paint.height() + 0.5:
                    painter_.render(painter, paint, source, True, shares[number],
                                    blocks[number])  # a box larger than a page
                else:
                    painter_.render(painter, target, source, False, shares[number],
                                    blocks[number])
            else:
                painter_.render(painter, paint, source, True, shares[number], blocks[number])
    finally:
        painter.end()


@bulk
def render_to_file(amap: ArgumentMap, path: str | os.PathLike[str], options: ExportOptions,
                   progress: Progress | None = None, *, pdf: bool = False) -> None:
    """A PNG (or a PDF if `pdf`), written whole or not at all."""
    ensure_app()
    pic = mark_picture(picture(amap, picture_layout(options.layout, page=pdf)), amap, options)
    decor = decorate(pic.frame(), amap.info.title, pic.nodes, options.title, options.legend,
                     options.sources, evaluation=pic.marks is not None)
    try:
        if not pdf:
            atomic_write(path, render_png(pic, options.scale, options.transparent, progress,
                                          decor))
        else:  # written part by part: a joined 200k-node PDF is never copied whole
            parts = render_pdf_parts(pic, amap.info.title, options.page, options.tile,
                                     progress, decor)
            with atomic_writer(path) as out:
                for part in parts:
                    out.write(part)
    except OSError as exc:
        raise ExportError(f"{path}: cannot be written: {exc.strerror or exc}") from None


def write_png(amap: ArgumentMap, path: str | os.PathLike[str], options: ExportOptions,
              progress: Progress | None = None) -> list[str]:
    """The PNG export (registry.PNG); a picture loses nothing a loss report would list."""
    render_to_file(amap, path, options, progress)
    return []


def write_pdf(amap: ArgumentMap, path: str | os.PathLike[str], options: ExportOptions,
              progress: Progress | None = None) -> list[str]:
    """The PDF export (registry.PDF)."""
    render_to_file(amap, path, options, progress, pdf=True)
    return []
