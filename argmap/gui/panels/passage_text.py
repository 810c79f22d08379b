"""The Source pane's reader: a source's text as PLAIN text (QPlainTextEdit.setPlainText, never
rich text: a document may be hostile), paragraph numbers in a gutter beside it as a reader
counts them (core/paragraphs.py), quoted passages highlighted with QTextCharFormat extra
selections, and a selection that drags as a passage (its record and offsets) onto a node.

Offsets: the model's are Python string indices, Qt's are UTF-16 positions. They differ
only after a character outside the Basic Multilingual Plane (an emoji), so `Offsets` keeps
the few such places and converts both ways by bisection. A page break (form feed) is shown
as a line break: the same length, so every offset stays as it is.
"""

from __future__ import annotations

import json
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from PySide6.QtCore import QMimeData, QRect, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QResizeEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QWidget

from argmap.core.paragraphs import PAGE_BREAK, Block, Blocks

#: A dragged passage: {"map": map id, "source": record id, "start": int, "end": int}.
PASSAGE_MIME = "application/x-argmap-passage+json"
GUTTER_INK = QColor("#6b7280")
GUTTER_FILL = QColor("#f3f4f6")


class Offsets:
    """Python string offsets <-> Qt (UTF-16) positions in one text."""

    def __init__(self, text: str):
        self.astral = [i for i, c in enumerate(text) if ord(c) > 0xFFFF] \
            if not text.isascii() else []

    def to_qt(self, offset: int) -> int:
        return offset + bisect_left(self.astral, offset)

    def to_text(self, position: int) -> int:
        lo, hi = 0, len(self.astral)
        while lo < hi:  # the count k of astral characters before the offset: qt = py + k
            mid = (lo + hi) // 2
            if self.astral[mid] + mid < position:
                lo = mid + 1
            else:
                hi = mid
        return position - lo


@dataclass(frozen=True)
class Passage:
    """A stretch of a source's text: [start, end) in the record's text."""

    map_id: str
    record_id: str
    start: int
    end: int

    def mime(self, text: str) -> QMimeData:
        data = QMimeData()
        data.setText(text[self.start:self.end])
        data.setData(PASSAGE_MIME, json.dumps({"map": self.map_id, "source": self.record_id,
                                               "start": self.start, "end": self.end}).encode())
        return data

    @staticmethod
    def from_mime(data: QMimeData) -> Passage | None:
        """The passage a drag carries, or None (not ours, or not well formed)."""
        if not data.hasFormat(PASSAGE_MIME):
            return None
        try:
            raw = json.loads(bytes(data.data(PASSAGE_MIME).data()).decode())
            passage = Passage(str(raw["map"]), str(raw["source"]), int(raw["start"]),
                              int(raw["end"]))
        except (ValueError, KeyError, TypeError):
            return None
        return passage if 0 <= passage.start < passage.end else None


def paragraph_label(block: Block) -> str:
    """The gutter's number: "6", or "p2 ¶1" in a text with pages."""
    return str(block.number) if block.page is None else f"p{block.page} ¶{block.number}"


class _Gutter(QWidget):
    def __init__(self, reader: PassageText):
        super().__init__(reader)
        self.reader = reader

    def sizeHint(self) -> QSize:
        return QSize(self.reader.gutter_width(), 0)

    def paintEvent(self, event: QPaintEvent) -> None:
        self.reader.paint_gutter(self, event)


class PassageText(QPlainTextEdit):
    """A read-only plain-text reader of one source text (see the module docstring)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("source-text")
        self.setReadOnly(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.text = ""
        self.blocks = Blocks("")
        self.offsets = Offsets("")
        self.map_id = ""
        self.record_id = ""
        self._numbered: list[Block] = []
        self._numbered_qt: list[int] = []
        self._widest = "9"  # the widest paragraph label, for the gutter's width
        self._gutter = _Gutter(self)
        self.updateRequest.connect(self._scrolled)
        self._fit_gutter()

    # -- the text ---------------------------------------------------------------------------
    def show_text(self, map_id: str, record_id: str, text: str) -> None:
        """Show `text` (plain), numbered; nothing highlighted yet."""
        self.map_id, self.record_id = map_id, record_id
        if text == self.text:
            return
        self.text = text
        self.blocks = Blocks(text)
        self.offsets = Offsets(text)
        self._numbered = [b for b in self.blocks.list if b.number is not None]
        self._numbered_qt = [self.offsets.to_qt(b.start) for b in self._numbered]
        self._widest = max((paragraph_label(b) for b in self._numbered), key=len, default="9")
        self.setExtraSelections([])
        self.setPlainText(text.replace(PAGE_BREAK, "\n"))
        self._fit_gutter()

    def selection(self) -> tuple[int, int] | None:
        """The selected stretch as [start, end) text offsets, widened to whole words (a
        selection that starts or ends inside a word takes all of it) and trimmed of
        surrounding whitespace; None when nothing (or only whitespace) is selected."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        start = self.offsets.to_text(cursor.selectionStart())
        end = self.offsets.to_text(cursor.selectionEnd())
        piece = self.text[start:end]
        if not piece.strip():
            return None
        start += len(piece) - len(piece.lstrip())
        end -= len(piece) - len(piece.rstrip())
        return _word_start(self.text, start), _word_end(self.text, end)

    def select_span(self, start: int, end: int) -> None:
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.offsets.to_qt(start))
        cursor.setPosition(self.offsets.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    def scroll_to(self, start: int) -> None:
        """Bring the text offset `start` to the middle of the reader."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.offsets.to_qt(start))
        self.setTextCursor(cursor)
        self.centerCursor()

    def highlight(self, spans: list[tuple[int, int, QTextCharFormat]]) -> None:
        """Colour these [start, end) stretches (each with its format); the rest plain."""
        chosen = []
        for start, end, char_format in spans:
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.document())
            cursor.setPosition(self.offsets.to_qt(start))
            cursor.setPosition(self.offsets.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor
            selection.format = char_format
            chosen.append(selection)
        self.setExtraSelections(chosen)

    def createMimeDataFromSelection(self) -> QMimeData:
        """A drag (or copy) of a selection carries the passage for a node to take."""
        span = self.selection()
        if span is None or not self.record_id:
            return super().createMimeDataFromSelection()
        return Passage(self.map_id, self.record_id, *span).mime(self.text)

    # -- the gutter -------------------------------------------------------------------------
    def gutter_width(self) -> int:
        return 12 + self.fontMetrics().horizontalAdvance(self._widest + "0")

    def _fit_gutter(self) -> None:
        self.setViewportMargins(self.gutter_width(), 0, 0, 0)

    def _scrolled(self, rect: QRect, dy: int) -> None:
        if dy:
            self._gutter.scroll(0, dy)
        else:
            self._gutter.update(0, rect.y(), self._gutter.width(), rect.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        area = self.contentsRect()
        self._gutter.setGeometry(QRect(area.left(), area.top(), self.gutter_width(),
                                       area.height()))

    def paint_gutter(self, gutter: QWidget, event: QPaintEvent) -> None:
        """The paragraph numbers of the blocks on screen, each at its paragraph's first line."""
        painter = QPainter(gutter)
        painter.fillRect(event.rect(), GUTTER_FILL)
        painter.setPen(GUTTER_INK)
        painter.setFont(self.font())
        first = self.firstVisibleBlock()
        if not first.isValid() or not self._numbered:
            return
        offset = self.contentOffset()
        bottom = event.rect().bottom()
        i = bisect_right(self._numbered_qt, first.position()) - 1
        i = max(i, 0)
        height = self.fontMetrics().height()
        document = self.document()
        while i < len(self._numbered):
            block = document.findBlock(self._numbered_qt[i])
            top = self.blockBoundingGeometry(block).translated(offset).top()
            if top > bottom:
                break
            if block.isVisible() and top + height >= event.rect().top():
                painter.drawText(QRect(0, int(top), gutter.width() - 6, height),
                                 Qt.AlignmentFlag.AlignRight, paragraph_label(self._numbered[i]))
            i += 1


#: How far a selection is widened to reach a word's edge (a longer "word" is left cut).
WORD_REACH = 60


def _word_start(text: str, start: int) -> int:
    """`start` moved back to the start of the word it is inside (if it is inside one)."""
    stop = max(start - WORD_REACH, 0)
    while start > stop and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    return start


def _word_end(text: str, end: int) -> int:
    """`end` moved on to the end of the word it is inside (if it is inside one)."""
    stop = min(end + WORD_REACH, len(text))
    while end < stop and text[end].isalnum() and text[end - 1].isalnum():
        end += 1
    return end
