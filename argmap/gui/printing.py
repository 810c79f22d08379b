"""File ▸ Print…: the open map on paper, laid out as its PDF export (formats/raster.py).

A print is what the PDF would be: the same layout (compact for pages), the same header,
legend and source line, and the same pages. Either the map is fitted on one page, or it
is tiled at reading size with every box whole on one page (raster.plan_pages). The
paper is the printer's when it is A4 or Letter, else the locale's. The pages are painted
at 72 dpi, as the PDF is (the PDF and CUPS engines take any resolution); a printer held
at its own resolution (a Windows driver) gets the PDF's pages as 300-dpi pictures. The
preview (a QPrintPreviewDialog) goes through Dialogs, so tests print to a PDF file.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, QSize, Qt
from PySide6.QtGui import QPagedPaintDevice, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication

from argmap.core.errors import ExportError
from argmap.core.model import ArgumentMap
from argmap.formats.decor import decorate
from argmap.formats.options import ExportOptions, default_page
from argmap.formats.picture import picture_layout
from argmap.formats.picture_sources import cited_picture
from argmap.formats.raster import paint_pages, plan_pages, render_pdf
from argmap.gui.dialogs import Dialogs
from argmap.gui.workspace import Workspace

PRINT_DPI = 72
IMAGE_DPI = 300  # a printer that cannot print at PRINT_DPI gets pictures of the pages
_PAPERS = {QPageSize.PageSizeId.A4: "A4", QPageSize.PageSizeId.Letter: "Letter"}


def printer_paper(printer: QPagedPaintDevice) -> str:
    """"A4" or "Letter", as the printer's paper is; any other paper: the locale's."""
    return _PAPERS.get(printer.pageLayout().pageSize().id(), default_page())


def print_map(printer: QPagedPaintDevice, amap: ArgumentMap,
              options: ExportOptions | None = None) -> int:
    """Paint `amap` on `printer` (a QPrinter, or any paged device) in the PDF export's
    pages; the number of pages printed. The printer's page layout (paper, orientation,
    margins) is set to the plan's."""
    options = options or ExportOptions()
    pic = cited_picture(amap, picture_layout(options.layout, page=True), options)
    decor = decorate(pic.frame(), amap.info.title, pic.nodes, options.title, options.legend,
                     options.sources, evaluation=pic.marks is not None, notes=pic.notes)
    paper = options.page if options.page in _PAPERS.values() else printer_paper(printer)
    plan = plan_pages(pic, paper, options.tile, decor)
    if plan.paper == "map":  # too many pages at reading size: fitted, as paper has a size
        plan = plan_pages(pic, paper, False, decor)
    if isinstance(printer, QPrinter):
        printer.setDocName(amap.info.title)
        # Painted in points, as the PDF export is (its fonts are sized for 72 dpi); a
        # printer's vector output (PDF, CUPS) loses nothing by it.
        printer.setResolution(PRINT_DPI)
    printer.setPageLayout(plan.layout)
    if printer.logicalDpiX() == PRINT_DPI and printer.logicalDpiY() == PRINT_DPI:
        paint_pages(printer, plan)
    else:  # a printer fixed at its own resolution: the PDF's pages as pictures
        _print_images(printer, render_pdf(pic, amap.info.title, plan.paper,
                                          plan.tiled, decor=decor))
    return plan.pages


def _print_images(printer: QPagedPaintDevice, pdf: bytes) -> None:
    """Each page of `pdf` drawn as an image at the printer's resolution (at most
    IMAGE_DPI), paper edge to paper edge."""
    from PySide6.QtPdf import QPdfDocument

    data = QByteArray(pdf)
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    dpi = printer.logicalDpiX()
    layout = printer.pageLayout()
    full, inside = layout.fullRectPixels(dpi), layout.paintRectPixels(dpi)
    target = QRect(full.translated(-inside.topLeft()))  # the painter starts inside the margins
    scale = min(1.0, IMAGE_DPI / dpi)
    painter = QPainter(printer)
    try:
        for page in range(document.pageCount()):
            if page:
                printer.newPage()
            size = QSize(round(full.width() * scale), round(full.height() * scale))
            painter.drawImage(target, document.render(page, size))
    finally:
        painter.end()
        document.close()
        buffer.close()


def print_open_map(workspace: Workspace, dialogs: Dialogs) -> int | None:
    """File ▸ Print…: the preview of the open map, from which the user prints. The number
    of pages printed; None if nothing was (no map, the preview closed, a failure shown)."""
    doc = workspace.doc
    if doc is None:
        return None
    amap = doc.to_map()
    printed: list[int] = []

    def paint(printer: QPrinter) -> None:  # for the preview, then again for the printer
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            printed.append(print_map(printer, amap))
        except ExportError as exc:
            dialogs.failed("Print failed", exc)
        finally:
            QApplication.restoreOverrideCursor()

    if dialogs.print_preview(f"Print {amap.info.title}", paint) and printed:
        return printed[-1]
    return None
