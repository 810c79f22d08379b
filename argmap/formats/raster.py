"""Render a map to PNG or PDF from the same scene the editor shows, headless; SVG is
written directly from the same layout and metrics by export_svg.

Images are rendered into memory and written with atomic_write, so a failed or cancelled
export leaves any existing file untouched. PNG size is capped (MAX_SIDE, MAX_PIXELS): a
larger map is scaled down to fit the cap rather than exhausting memory.
"""

from __future__ import annotations

import math
import os
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QImage, QPageLayout, QPageSize, QPainter, QPdfWriter

from argmap.core.atomic import atomic_write
from argmap.core.bulk import bulk
from argmap.core.errors import ExportCancelled, ExportError
from argmap.core.layout import Direction
from argmap.core.model import ArgumentMap
from argmap.formats.options import ExportOptions, Progress
from argmap.formats.png_stream import PngStream
from argmap.formats.svg import map_svg

MAX_SIDE = 32_000  # pixels per side of a PNG (QImage's practical limit is 32,767)
MAX_PIXELS = 80_000_000  # ~320 MB of ARGB pixels at most
MARGIN = 24.0


def ensure_app() -> None:
    """A QApplication for rendering; offscreen when there is no display (CLI, CI, ssh)."""
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is not None:
        return
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    QApplication(["argmap"])


#: PNG text smaller than about two pixels is noise: skip it (vector formats keep all text).
PNG_DETAIL_ZOOM = 0.2

def build_scene(amap: ArgumentMap, direction: Direction, detail_zoom: float = 0.0):
    from argmap.editing.document import MapDocument
    from argmap.gui.canvas.scene import MapScene

    doc = MapDocument(amap)
    scene = MapScene(doc, direction)
    scene.detail_zoom = detail_zoom
    scene.clearSelection()
    return doc, scene


def png_scale(rect: QRectF, scale: float) -> float:
    """The scale actually used: the requested one, reduced to keep within the caps."""
    w, h = rect.width() * scale, rect.height() * scale
    shrink = min(1.0, MAX_SIDE / max(w, 1), MAX_SIDE / max(h, 1), (MAX_PIXELS / max(w * h, 1)) ** 0.5)
    return scale * shrink


STRIP_PIXELS = 4_000_000  # pixels painted per step: bounds memory; progress and Cancel between


def render_png(scene, rect: QRectF, scale: float, transparent: bool,
               progress: Progress | None = None) -> bytes:
    """Paint strip by strip into a streaming encoder: memory stays at one strip."""
    scale = png_scale(rect, scale)
    width, height = max(1, round(rect.width() * scale)), max(1, round(rect.height() * scale))
    step = max(16, min(height, STRIP_PIXELS // width))
    strips = range(0, height, step)
    out = PngStream(width, height, alpha=transparent)
    background = QColor(Qt.transparent if transparent else Qt.white)
    target_format = QImage.Format_RGBA8888 if transparent else QImage.Format_RGB888
    try:
        for done, top in enumerate(strips):
            if progress is not None and not progress(done, len(strips) + 1):
                raise ExportCancelled("export cancelled")
            rows = min(step, height - top)
            image = QImage(width, rows, QImage.Format_ARGB32_Premultiplied)
            if image.isNull():
                raise ExportError(f"not enough memory for a {width}×{rows} strip")
            image.fill(background)
            painter = QPainter(image)
            painter.setRenderHints(QPainter.Antialiasing | QPainter.TextAntialiasing)
            source = QRectF(rect.left(), rect.top() + top / scale, rect.width(), rows / scale)
            scene.render(painter, QRectF(0, 0, width, rows), source, Qt.IgnoreAspectRatio)
            painter.end()
            pixels = image.convertToFormat(target_format)
            out.add_rows(pixels.constBits(), rows, pixels.bytesPerLine())
        if progress is not None and not progress(len(strips), len(strips) + 1):
            raise ExportCancelled("export cancelled")
        return out.finish()
    finally:
        out.abandon()


#: Scene pixels per PDF point when tiling pages: 96-dpi screen pixels at print size.
TILE_SCALE = 72 / 96
MAX_PAGES = 2_000  # a tiled PDF beyond this is no longer something to print


def render_pdf(scene, rect: QRectF, title: str, page: str | None = None, tile: bool = False,
               progress: Progress | None = None) -> bytes:
    """One page the map's size (page=None), the map fitted onto one A4/Letter page, or
    (tile=True) the map at reading size across as many A4/Letter pages as it needs."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(title)
    writer.setCreator("argmap")
    writer.setResolution(72)
    if page is None:
        size = QPageSize(QSizeF(rect.width(), rect.height()), QPageSize.Point, "map",
                         QPageSize.ExactMatch)
        orientation = QPageLayout.Portrait
        margins = QMarginsF(0, 0, 0, 0)
    else:
        size = QPageSize(QPageSize.A4 if page.upper() == "A4" else QPageSize.Letter)
        landscape = rect.width() > rect.height()
        orientation = QPageLayout.Landscape if landscape else QPageLayout.Portrait
        margins = QMarginsF(24, 24, 24, 24)
    writer.setPageLayout(QPageLayout(size, orientation, margins))
    paint = QRectF(writer.pageLayout().paintRectPixels(writer.resolution()))
    paint.moveTo(0, 0)
    if tile and page is not None:
        step_w, step_h = paint.width() / TILE_SCALE, paint.height() / TILE_SCALE
        rows = max(1, math.ceil(rect.height() / step_h))
        columns = max(1, math.ceil(rect.width() / step_w))
        if rows * columns > MAX_PAGES:
            raise ExportError(
                f"at reading size the map needs {rows} × {columns} pages (at most {MAX_PAGES:,}): "
                "export a subtree, or fit the map on one page")
        grid = (QRectF(rect.left() + c * step_w, rect.top() + r * step_h, step_w, step_h)
                for r in range(rows) for c in range(columns))
        sources = [source for source in grid if scene.items(source)]  # no blank pages
    else:
        sources = [rect]
    painter = QPainter(writer)
    painter.setRenderHints(QPainter.Antialiasing | QPainter.TextAntialiasing)
    for number, source in enumerate(sources):
        if progress is not None and not progress(number, len(sources)):
            painter.end()
            raise ExportCancelled("export cancelled")
        if number:
            writer.newPage()
        if tile and page is not None:
            target = QRectF(0, 0, source.width() * TILE_SCALE, source.height() * TILE_SCALE)
            scene.render(painter, target, source, Qt.IgnoreAspectRatio)
        else:
            scene.render(painter, paint, source, Qt.KeepAspectRatio)
    painter.end()
    buffer.close()
    return bytes(data.data())


@bulk
def render_bytes(amap: ArgumentMap, suffix: str, options: ExportOptions,
                 progress: Progress | None = None) -> bytes:
    ensure_app()
    direction = Direction(options.direction) if options.direction else Direction.DOWN
    if suffix == ".svg":
        return map_svg(amap, direction, progress)
    _doc, scene = build_scene(amap, direction, PNG_DETAIL_ZOOM if suffix == ".png" else 0.0)
    rect = scene.content_rect.adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)
    title = amap.info.title
    if suffix == ".png":
        return render_png(scene, rect, options.scale, options.transparent, progress)
    if suffix == ".pdf":
        return render_pdf(scene, rect, title, options.page, options.tile, progress)
    raise ExportError(f"unknown image format {suffix!r}")


def render_to_file(amap: ArgumentMap, path: str | os.PathLike[str], options: ExportOptions,
                   progress: Progress | None = None) -> None:
    if not 0.05 <= options.scale <= 16:
        raise ExportError(f"scale {options.scale} is out of range (0.05 to 16)")
    suffix = Path(path).suffix.lower()
    data = render_bytes(amap, suffix, options, progress)
    try:
        atomic_write(path, data)
    except OSError as exc:
        raise ExportError(f"{path}: cannot be written: {exc.strerror or exc}") from None
