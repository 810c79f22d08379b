"""The in-place text editor laid over a node on the canvas.

Plain text only, so pasted HTML stays literal. It is drawn at the canvas's zoom (never
smaller than READABLE_EDIT_ZOOM, so a zoomed-out map is still edited in legible text),
grows with its text up to the viewport instead of becoming a tiny scroll box, and holds
at most the model's MAX_TEXT characters: typing past the limit, or a paste that would
pass it, is refused with a message under the editor. Nothing is silently dropped: a
refused paste stays on the clipboard and the text typed so far stays in the editor.
"""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QRect, QRectF, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent, QTextCursor
from PySide6.QtWidgets import QFrame, QLabel, QPlainTextEdit, QWidget

from argmap.core.model import MAX_TEXT
from argmap.look import NODE_WIDTH, Fonts

READABLE_EDIT_ZOOM = 0.8  # the editor's text is never smaller than at this zoom
MAX_EDIT_ZOOM = 2.0
MIN_EDIT_HEIGHT = 60


def limit_message(length: int, limit: int = MAX_TEXT) -> str:
    return (f"A node holds at most {limit:,} characters; this would make {length:,}. "
            "Nothing was pasted: it is still on the clipboard. Split it over several nodes.")


class LimitedPlainEdit(QPlainTextEdit):
    """A QPlainTextEdit that never holds more than `limit` characters.

    Typing at the limit does nothing and `limit_hit` says why; a paste that would pass
    the limit is refused whole (a half-pasted quote would be worse than none).
    """

    limit_hit = Signal(str)  # the message to show the user

    def __init__(self, parent: QWidget | None = None, limit: int = MAX_TEXT):
        super().__init__(parent)
        self.limit = limit

    def _room(self) -> int:
        selected = len(self.textCursor().selectedText())
        return self.limit - (len(self.toPlainText()) - selected)

    def insertFromMimeData(self, source: QMimeData) -> None:
        text = source.text() if source.hasText() else ""
        if len(text) > self._room():
            self.limit_hit.emit(limit_message(self.limit - self._room() + len(text), self.limit))
            return
        super().insertFromMimeData(source)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        typed = event.text()
        if typed and typed.isprintable() and not event.modifiers() & (
                Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.MetaModifier) \
                and len(typed) > self._room():
            self.limit_hit.emit(f"A node holds at most {self.limit:,} characters: "
                                "this text is full. Split it over several nodes.")
            return
        super().keyPressEvent(event)


class InlineEditor(LimitedPlainEdit):
    """Enter commits, Shift+Enter breaks the line, Escape cancels, focus-out commits."""

    committed = Signal(str, str)  # node id, text
    cancelled = Signal()

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.node_id = ""
        self.setObjectName("inline-editor")
        self.setFrameShape(QFrame.Shape.Box)
        self.setTabChangesFocus(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.message = QLabel(parent)
        self.message.setObjectName("inline-editor-message")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("background: #fef3c7; color: #7c2d12; border: 1px solid #d97706;"
                                   " padding: 4px;")
        self.message.hide()
        self.hide()
        self._done = True
        self._anchor = QRectF()
        self._zoom = 1.0
        self.limit_hit.connect(self.show_message)
        self.textChanged.connect(self._fit)

    def start(self, node_id: str, text: str, rect: QRectF, zoom: float = 1.0) -> None:
        """Edit `text` over `rect` (viewport pixels, the node's box) at the canvas's zoom."""
        self.node_id = node_id
        self._done = False
        self._anchor = QRectF(rect)
        self._zoom = max(READABLE_EDIT_ZOOM, min(MAX_EDIT_ZOOM, zoom))
        font = QFont(Fonts.get().body)
        font.setPointSizeF(font.pointSizeF() * self._zoom)
        self.setFont(font)
        self.message.hide()
        self.setPlainText(text)
        self._fit()
        self.show()
        self._fit()  # again: a hidden editor has not laid its text out yet
        self.raise_()
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        self.selectAll()

    def _fit(self) -> None:
        """As wide as the node at this zoom; as tall as its text, up to the viewport."""
        if self._done:
            return
        host = self.parentWidget()
        bounds = host.rect() if host is not None else QRect(0, 0, 800, 600)
        width = min(max(self._anchor.width(), NODE_WIDTH * self._zoom), bounds.width() - 8)
        self.setFixedWidth(int(width))
        doc = self.document()
        doc.setTextWidth(self.viewport().width())
        lines = max(1, int(doc.size().height()))  # in lines for a plain-text document; one spare
        line_h = self.fontMetrics().lineSpacing()
        frame = 2 * self.frameWidth() + int(doc.documentMargin() * 2) + 4
        most = bounds.height() - 8
        height = min(max((lines + 1) * line_h + frame, MIN_EDIT_HEIGHT), most)
        self.setFixedHeight(int(height))
        for _ in range(3):  # the wrap at the new width can need a line or two more
            more = self.verticalScrollBar().maximum()
            if not more or height >= most:
                break
            height = min(height + more * line_h, most)
            self.setFixedHeight(int(height))
        x = min(max(int(self._anchor.left()), 4), bounds.width() - int(width) - 4)
        y = min(max(int(self._anchor.top()), 4), bounds.height() - int(height) - 4)
        self.move(x, y)
        if self.message.isVisible():
            self._place_message()

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self._place_message()
        self.message.show()
        self.message.raise_()

    def _place_message(self) -> None:
        self.message.setFixedWidth(self.width())
        self.message.adjustSize()
        host = self.parentWidget()
        below = self.geometry().bottom() + 2
        if host is not None and below + self.message.height() > host.height():
            below = max(0, self.geometry().top() - self.message.height() - 2)
        self.message.move(self.geometry().left(), below)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
            event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        ):
            self.finish(commit=True)
            return
        if event.key() == Qt.Key.Key_Escape:
            self.finish(commit=False)
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        if not self._done:
            self.finish(commit=True)

    def finish(self, commit: bool) -> None:
        if self._done:
            return
        self._done = True
        self.hide()
        self.message.hide()
        if commit:
            self.committed.emit(self.node_id, self.toPlainText())
        else:
            self.cancelled.emit()

    def select_end(self) -> None:
        cursor = self.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.End)
        self.setTextCursor(cursor)

    @property
    def active(self) -> bool:
        return not self._done
