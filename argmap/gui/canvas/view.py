"""MapView: zoom, pan, keyboard navigation and in-place text editing over a MapScene.

Dragging empty space pans; Shift+drag draws a rubber band. The in-place editor is a
QPlainTextEdit laid over the node: plain text only, so pasted HTML stays literal.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRectF, Qt, Signal
from PySide6.QtGui import QKeyEvent, QPainter, QWheelEvent
from PySide6.QtWidgets import QFrame, QGraphicsView, QPlainTextEdit, QWidget

from argmap.core.layout import Direction
from argmap.gui.canvas.items import NodeItem
from argmap.gui.canvas.scene import MapScene

MIN_ZOOM, MAX_ZOOM = 0.00001, 4.0  # fit-all must work for a 50,000-node map (~9M px wide)
ZOOM_STEP = 1.25


class InlineEditor(QPlainTextEdit):
    """Enter commits, Shift+Enter breaks the line, Escape cancels, focus-out commits."""

    committed = Signal(str, str)  # node id, text
    cancelled = Signal()

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.node_id = ""
        self.setObjectName("inline-editor")
        self.setFrameShape(QFrame.Shape.Box)
        self.setTabChangesFocus(True)
        self.hide()
        self._done = True

    def start(self, node_id: str, text: str, rect: QRectF) -> None:
        self.node_id = node_id
        self._done = False
        self.setPlainText(text)
        self.setGeometry(rect.toAlignedRect())
        self.show()
        self.raise_()
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        self.selectAll()

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
        if commit:
            self.committed.emit(self.node_id, self.toPlainText())
        else:
            self.cancelled.emit()

    @property
    def active(self) -> bool:
        return not self._done


class MapView(QGraphicsView):
    zoom_changed = Signal(float)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("canvas")
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setOptimizationFlags(QGraphicsView.OptimizationFlag.DontSavePainterState)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setRubberBandSelectionMode(Qt.ItemSelectionMode.IntersectsItemShape)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setBackgroundBrush(Qt.GlobalColor.white)
        self.editor = InlineEditor(self.viewport())
        self.editor.committed.connect(lambda *_: self.setFocus())
        self.editor.cancelled.connect(self.setFocus)

    def map_scene(self) -> MapScene | None:
        scene = self.scene()
        return scene if isinstance(scene, MapScene) else None

    # -- zoom and pan ----------------------------------------------------------------------
    def zoom(self) -> float:
        return self.transform().m11()

    def set_zoom(self, factor: float) -> None:
        factor = max(MIN_ZOOM, min(MAX_ZOOM, factor))
        current = self.zoom()
        if abs(factor - current) > 1e-9:
            self.scale(factor / current, factor / current)
            self.zoom_changed.emit(self.zoom())

    def zoom_in(self) -> None:
        self.set_zoom(self.zoom() * ZOOM_STEP)

    def zoom_out(self) -> None:
        self.set_zoom(self.zoom() / ZOOM_STEP)

    def zoom_reset(self) -> None:
        self.set_zoom(1.0)

    def fit_factor(self, rect: QRectF, max_zoom: float = 1.0) -> float:
        """The zoom at which `rect` just fits the viewport."""
        if rect.isEmpty():
            return max_zoom
        margin = 24
        view = self.viewport().rect().adjusted(margin, margin, -margin, -margin)
        return min(view.width() / rect.width(), view.height() / rect.height(), max_zoom)

    def fit_rect(self, rect: QRectF, max_zoom: float = 1.0) -> None:
        if rect.isEmpty():
            return
        self.set_zoom(self.fit_factor(rect, max_zoom))
        self.centerOn(rect.center())

    def zoom_to_fit(self) -> None:
        scene = self.map_scene()
        if scene is not None:
            self.fit_rect(scene.content_rect)

    def zoom_to_selection(self) -> None:
        scene = self.map_scene()
        if scene is None:
            return
        rect = QRectF()
        for item in scene.selectedItems():
            rect = rect.united(item.sceneBoundingRect())
        self.fit_rect(rect, max_zoom=2.0)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120
            if steps:
                self.set_zoom(self.zoom() * (ZOOM_STEP ** steps))
            event.accept()
            return
        super().wheelEvent(event)

    def mousePressEvent(self, event) -> None:
        on_node = isinstance(self.itemAt(event.position().toPoint()), NodeItem)
        if event.button() == Qt.MouseButton.LeftButton and not on_node and (
            event.modifiers() & (Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.ControlModifier)
        ):
            self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        elif event.button() == Qt.MouseButton.LeftButton:
            self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event) -> None:
        super().mouseReleaseEvent(event)
        if self.dragMode() != QGraphicsView.DragMode.ScrollHandDrag:
            self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)

    def ensure_node_visible(self, node_id: str) -> None:
        """Scroll just enough to show the node: the view never jumps away from the work."""
        scene = self.map_scene()
        if scene is None or node_id not in scene.nodes:
            return
        self.ensureVisible(scene.nodes[node_id].sceneBoundingRect(), 40, 40)

    def center_on_node(self, node_id: str) -> None:
        scene = self.map_scene()
        if scene is not None and node_id in scene.nodes:
            self.centerOn(scene.nodes[node_id])

    # -- keyboard -----------------------------------------------------------------------------
    def focusNextPrevChild(self, next: bool) -> bool:
        return False  # Tab adds a child on the canvas; it must not move focus

    def keyPressEvent(self, event: QKeyEvent) -> None:
        scene = self.map_scene()
        key = event.key()
        plain = event.modifiers() in (Qt.KeyboardModifier.NoModifier,
                                      Qt.KeyboardModifier.KeypadModifier)
        arrows = (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Left, Qt.Key.Key_Right)
        if scene is not None and plain and key in arrows:
            self.navigate(key)
            event.accept()
            return
        super().keyPressEvent(event)

    def navigate(self, key: int) -> None:
        """Arrow keys walk the tree: towards the parent, a child, or a sibling."""
        scene = self.map_scene()
        if scene is None:
            return
        doc = scene.doc
        current = self.current_node()
        if current is None:
            roots = doc.roots()
            if roots:
                self.select_node(roots[0])
            return
        down = scene.direction is Direction.DOWN
        up_key, down_key = (Qt.Key.Key_Up, Qt.Key.Key_Down) if down else (Qt.Key.Key_Left, Qt.Key.Key_Right)
        node = doc.node(current)
        target: str | None = None
        if key == up_key:
            target = node.parent
        elif key == down_key:
            kids = doc.children(current)
            if kids:
                scene.set_collapsed(current, False)
                target = kids[len(kids) // 2] if len(kids) > 2 else kids[0]
        else:
            prev_key = Qt.Key.Key_Left if down else Qt.Key.Key_Up
            target = self._neighbour(current, -1 if key == prev_key else 1)
        if target is not None:
            self.select_node(target)

    def _neighbour(self, node_id: str, step: int) -> str | None:
        """The next sibling, else the nearest visible node on the same level (a cousin).

        Cousins are found with a spatial query along the node's row or column, so a
        key press costs the same on a 50,000-node map as on a small one.
        """
        scene = self.map_scene()
        assert scene is not None
        siblings = scene.doc.siblings(node_id)
        position = siblings.index(node_id) + step
        if 0 <= position < len(siblings) and scene.nodes[siblings[position]].isVisible():
            return siblings[position]
        item = scene.nodes[node_id]
        down = scene.direction is Direction.DOWN
        bounds = scene.sceneRect()
        w, h = item.size()
        x, y = item.pos().x(), item.pos().y()
        if down:
            strip = (QRectF(bounds.left(), y + 1, x - bounds.left(), 1) if step < 0
                     else QRectF(x + w, y + 1, bounds.right() - x - w, 1))
        else:
            strip = (QRectF(x + 1, bounds.top(), 1, y - bounds.top()) if step < 0
                     else QRectF(x + 1, y + h, 1, bounds.bottom() - y - h))
        here = x if down else y
        best: tuple[float, str] | None = None
        for other in scene.items(strip, Qt.ItemSelectionMode.IntersectsItemBoundingRect):
            if not isinstance(other, NodeItem) or other is item or not other.isVisible():
                continue
            level = other.pos().y() if down else other.pos().x()
            if abs(level - (y if down else x)) > 0.5:
                continue
            delta = ((other.pos().x() if down else other.pos().y()) - here) * step
            if delta > 0 and (best is None or delta < best[0]):
                best = (delta, other.node_id)
        return best[1] if best else None

    def current_node(self) -> str | None:
        scene = self.map_scene()
        if scene is None:
            return None
        focus = scene.focusItem()
        if isinstance(focus, NodeItem) and focus.isSelected():
            return focus.node_id
        selected = scene.selected_ids()
        return selected[-1] if selected else None

    def select_node(self, node_id: str) -> None:
        scene = self.map_scene()
        if scene is None or node_id not in scene.nodes:
            return
        scene.select_only([node_id])
        self.ensure_node_visible(node_id)

    # -- in-place editing ---------------------------------------------------------------------
    def start_editing(self, node_id: str) -> None:
        scene = self.map_scene()
        if scene is None or node_id not in scene.nodes:
            return
        scene.reveal(node_id)
        self.ensure_node_visible(node_id)
        item = scene.nodes[node_id]
        top_left: QPoint = self.mapFromScene(item.sceneBoundingRect().topLeft())
        w, h = item.size()
        zoom = max(self.zoom(), 0.6)
        rect = QRectF(top_left.x(), top_left.y(), max(w * zoom, 220), max(h * zoom, 90))
        self.editor.start(node_id, scene.doc.node(node_id).text, rect)
