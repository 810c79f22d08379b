"""File ▸ Print…: a print is what the PDF export would be, page for page (gui/printing.py).

Printing is tested headlessly: QPrinter writes a PDF file (OutputFormat PdfFormat, at
the printer's high resolution), which is then read back like the PDF export.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QImage, QPageSize, QPainter, QPdfWriter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QApplication

from argmap.core.mapfile import read_map
from argmap.core.model import Kind, Node, new_map
from argmap.formats.export import export_map
from argmap.formats.options import ExportOptions
from argmap.gui.dialogs import QtDialogs
from argmap.gui.printing import print_map
from tests.conftest import REPO


def pdf_printer(path: Path, paper: QPageSize.PageSizeId = QPageSize.PageSizeId.A4) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setPageSize(QPageSize(paper))
    return printer


def pages(path: Path) -> list[tuple[str, tuple[int, int]]]:
    """Each page's text (whitespace squashed) and size in points."""
    doc = QPdfDocument()
    assert doc.load(str(path)) == QPdfDocument.Error.None_
    found = []
    for i in range(doc.pageCount()):
        size = doc.pagePointSize(i)
        found.append((" ".join(doc.getAllText(i).text().split()),
                      (round(size.width()), round(size.height()))))
    doc.close()
    return found


def wide_map():
    nodes = [Node(id="root", kind=Kind.CLAIM, text="The claim every child is about.")]
    nodes += [Node(id=f"e{i}", parent="root", order=i, kind=Kind.EVIDENCE,
                   text=f"Evidence number {i}: " + "a reason to believe it " * 6)
              for i in range(80)]
    return new_map("Wide", nodes)


@pytest.mark.parametrize(("which", "options"), [
    ("seed", ExportOptions()),  # fitted on one page
    ("seed", ExportOptions(tile=True)),
    ("wide", ExportOptions()),
    ("wide", ExportOptions(title=False, legend=False, layout="down")),
])
def test_a_print_has_the_pdf_exports_pages(qapp, tmp_path: Path, which, options):
    amap = read_map(REPO / "resources" / "seed-iran-proxies.argmap.json") if which == "seed" \
        else wide_map()
    exported = tmp_path / "export.pdf"
    export_map(amap, exported, ExportOptions(**{**options.__dict__, "page": "A4"}))
    printed = tmp_path / "print.pdf"
    count = print_map(pdf_printer(printed), amap, options)
    expected = pages(exported)
    assert count == len(expected)
    assert pages(printed) == expected


def test_a_tiled_print_has_several_pages(qapp, tmp_path: Path):
    """The comparison above is not between two single pages only."""
    printed = tmp_path / "print.pdf"
    assert print_map(pdf_printer(printed), wide_map(), ExportOptions(tile=True)) > 1
    assert len(pages(printed)) > 1


def test_letter_paper_prints_on_letter(qapp, tmp_path: Path):
    printed = tmp_path / "print.pdf"
    print_map(pdf_printer(printed, QPageSize.PageSizeId.Letter), wide_map())
    assert {max(size) for _text, size in pages(printed)} == {792}


def render(path: Path, page: int) -> QImage:
    doc = QPdfDocument()
    assert doc.load(str(path)) == QPdfDocument.Error.None_
    drawn = doc.render(page, QSize(420, 594))
    doc.close()
    image = QImage(drawn.size(), QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    painter.drawImage(0, 0, drawn)
    painter.end()
    return image.convertToFormat(QImage.Format.Format_Grayscale8)


def test_a_printer_held_at_its_own_resolution_gets_the_pdfs_pages_as_pictures(qapp, tmp_path):
    """A Windows driver keeps its own resolution: fonts sized for 72 dpi would come out
    several times too large, so such a printer gets the PDF's pages drawn as images."""
    exported, printed = tmp_path / "export.pdf", tmp_path / "print.pdf"
    export_map(wide_map(), exported, ExportOptions(page="A4", tile=True))
    writer = QPdfWriter(str(printed))  # stands for the printer: 600 dpi, not settable here
    writer.setResolution(600)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    count = print_map(writer, wide_map(), ExportOptions(tile=True))
    del writer  # the file is complete once the writer is gone
    expected = pages(exported)
    assert count == len(expected) > 1
    assert [size for _text, size in pages(printed)] == [size for _text, size in expected]
    for page in range(count):
        a, b = render(exported, page), render(printed, page)
        ink = sum(1 for v in bytes(a.constBits()) if v < 200)
        assert ink > 1000  # the page is not blank
        differ = sum(abs(x - y) > 64 for x, y in zip(bytes(a.constBits()), bytes(b.constBits()),
                                                        strict=True))
        assert differ < ink / 5, (page, differ, ink)  # antialiasing differs; a shift does not pass


def test_file_print_prints_the_open_map(window, tmp_path: Path):
    printed = tmp_path / "print.pdf"

    def user_prints(_title, _text, paint) -> bool:
        paint(pdf_printer(printed))
        return True

    window.dialogs.answer("print_preview", user_prints)
    assert window.action_table.act_print.isEnabled()
    window.action_table.act_print.trigger()
    [title] = [t for m, t, _ in window.dialogs.shown if m == "print_preview"]
    assert title == f"Print {window.doc.info.title}"
    exported = tmp_path / "export.pdf"
    export_map(window.doc.to_map(), exported, ExportOptions(page="A4"))
    assert pages(printed) == pages(exported)
    assert window.statusBar().currentMessage().startswith("Printed 1 page")


def test_the_real_preview_paints_the_map(qtbot, tmp_path: Path):
    painted: list[int] = []

    def close_preview() -> None:
        preview = QApplication.activeModalWidget()
        if not isinstance(preview, QPrintPreviewDialog):
            QTimer.singleShot(10, close_preview)
            return
        preview.reject()

    def paint(printer: QPrinter) -> None:
        painted.append(print_map(printer, wide_map()))

    QTimer.singleShot(0, close_preview)
    assert QtDialogs().print_preview("Print Wide", paint) is False  # closed, not printed
    assert painted and painted[0] >= 1
