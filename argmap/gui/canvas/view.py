"""MapView: zoom, pan, keyboard navigation and in-place text editing over a MapScene.

Dragging empty space pans; Shift+drag draws a rubber band (interactions.py decides which).
The in-place editor (inline_editor.py) is laid over the node; the overview (overview.py)
sits in the corner.

Readable on screen: node text is drawn from LEGIBLE_PX on screen (word shapes show), and
a map is shown whole only when its text is at least READABLE_PX; a bigger map is shown
at a readable zoom, as wide as the window allows, from its root. Keyboard zoom keeps the
selection (or the middle of the view) in place; only the wheel zooms about the pointer.
Hovering a node shows its whole text and source as a tooltip (plain text, escaped).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QHelpEvent, QKeyEvent, QPainter, QResizeEvent, QWheelEvent
from PySide6.QtWidgets import QApplication, QGraphicsScene, QGraphicsView, QToolTip, QWidget

from argmap.core.layout import Direction
from argmap.gui.canvas.inline_editor import InlineEditor
from argmap.gui.canvas.interactions import drag_mode
from argmap.gui.canvas.items import NodeItem, hidden_badge
from argmap.gui.canvas.overview import Overview
from argmap.gui.canvas.scene import MapScene
from argmap.gui.canvas.tooltip import node_tooltip
from argmap.look import Fonts

__all__ = ["InlineEditor", "MapView"]

MIN_ZOOM, MAX_ZOOM = 0.00001, 4.0  # fit-all must work for a 50,000-node map (~9M px wide)
ZOOM_STEP = 1.25
SELECTION_MAX_ZOOM = 1.0  # Zoom to Selection enlarges up to actual size, no further
LEGIBLE_PX = 3.5  # body text this tall on screen (px) or more is drawn
READABLE_PX = 9.0  # ... and this tall or more can be read (and OCR'd): the first view and Ctrl+0
TOP_MARGIN = 40  # a map shown from its root: the root sits this far below the top


def body_px() -> float:
    """The body text's size in pixels at 100%."""
    return Fonts.get().body_metrics.height() / 1.2  # a font's line height is ~1.2 em


def legible_zoom() -> float:
    """Below this zoom node text is not drawn (boxes only): it would be a grey smear."""
    return LEGIBLE_PX / body_px()


def readable_zoom() -> float:
    """The smallest zoom at which node text can be read on screen."""
    return READABLE_PX / body_px()


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
        self.overview = Overview(self, self)
        self.horizontalScrollBar().valueChanged.connect(self._shown_moved)
        self.verticalScrollBar().valueChanged.connect(self._shown_moved)

    def setScene(self, scene: QGraphicsScene | None) -> None:
        """Show a map; its text is drawn down to the legible zoom."""
        super().setScene(scene)
        if isinstance(scene, MapScene):
            scene.detail_zoom = legible_zoom()
            scene.laid_out.connect(self.overview.map_changed)
            scene.doc.nodes_changed.connect(self.overview.map_changed)
            # whatever selected it (a click, find, a new or merged node, the outline)
            scene.selectionChanged.connect(self._selection_moved)
        self.overview.map_changed()
        self._shown_moved()

    def _selection_moved(self) -> None:
        """After the selection changes (and the layout has placed a new node): keep the
        current node clear of the overview; not while a button is down (a drag starting)."""
        QTimer.singleShot(0, self, self._clear_selection_of_overview)

    def _clear_selection_of_overview(self) -> None:
        if self.map_scene() is not None and not QApplication.mouseButtons():
            self.keep_clear_of_overview()

    def _shown_moved(self) -> None:
        """What the view shows moved or changed size: a big map still building builds the
        items there now (MapScene.build_region), and the overview follows."""
        scene = self.map_scene()
        if scene is not None and scene.building():
            scene.build_region(self.visible_scene_rect())
        self.overview.refresh()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._shown_moved()

    def viewportEvent(self, event: QEvent) -> bool:
        """A hover over a node shows its whole text and source (never cut, never rich)."""
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            scene = self.map_scene()
            item = self.itemAt(event.pos())
            if scene is not None and isinstance(item, NodeItem) and item.node_id in scene.doc:
                counts = item.hidden_counts
                hidden = hidden_badge(counts) if counts else ""
                problem = scene.quote_marks(item.node_id) if scene.quote_marks else None
                QToolTip.showText(event.globalPos(), node_tooltip(
                    scene.doc.node(item.node_id), hidden, problem), self.viewport())
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    def aspect(self) -> float | None:
        """The canvas's width / height on screen, None while it is not shown (its size is
        not known yet): what the compact layout packs a new map towards."""
        size = self.viewport().size()
        if not self.isVisible() or size.width() < 50 or size.height() < 50:
            return None
        return size.width() / size.height()

    def map_scene(self) -> MapScene | None:
        scene = self.scene()
        return scene if isinstance(scene, MapScene) else None

    # -- zoom and pan ----------------------------------------------------------------------
    def zoom(self) -> float:
        return self.transform().m11()

    def set_zoom(self, factor: float, keep: QPointF | None = None) -> None:
        """Zoom to `factor`; the scene point `keep` stays where it is on screen (by
        default the point under the mouse, as the wheel wants)."""
        factor = max(MIN_ZOOM, min(MAX_ZOOM, factor))
        current = self.zoom()
        if abs(factor - current) <= 1e-9:
            return
        if keep is None:
            self.scale(factor / current, factor / current)
        else:
            at = self.mapFromScene(keep)
            self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
            self.scale(factor / current, factor / current)
            self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
            moved = self.mapFromScene(keep) - at
            bars = self.horizontalScrollBar(), self.verticalScrollBar()
            bars[0].setValue(bars[0].value() + moved.x())
            bars[1].setValue(bars[1].value() + moved.y())
        self.zoom_changed.emit(self.zoom())
        self._shown_moved()

    def keyboard_anchor(self) -> QPointF:
        """What keyboard zoom keeps in place: the selection if it is in view, else the
        middle of the view (never the mouse pointer, which may be anywhere)."""
        shown = self.visible_scene_rect()
        scene = self.map_scene()
        current = self.current_node() if scene is not None else None
        if scene is not None and current is not None:
            item = scene.item(current)
            box = item.sceneBoundingRect() if item is not None else QRectF()
            if shown.intersects(box):
                return box.center()
        return shown.center()

    def visible_scene_rect(self) -> QRectF:
        return self.mapToScene(self.viewport().rect()).boundingRect()

    def zoom_in(self) -> None:
        self.set_zoom(self.zoom() * ZOOM_STEP, self.keyboard_anchor())

    def zoom_out(self) -> None:
        self.set_zoom(self.zoom() / ZOOM_STEP, self.keyboard_anchor())

    def zoom_reset(self) -> None:
        self.set_zoom(1.0, self.keyboard_anchor())

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
        """Ctrl+0 and the first view: the whole map if its text can be read that way,
        else as wide as fits at a readable zoom, from the root down."""
        scene = self.map_scene()
        if scene is None or scene.content_rect.isEmpty():
            return
        rect = scene.content_rect
        if self.fit_factor(rect) >= readable_zoom():
            self.fit_rect(rect)
        else:
            self.show_from_root()

    def zoom_to_whole(self) -> None:
        """View ▸ Show Whole Map: the whole map, however small its text gets."""
        scene = self.map_scene()
        if scene is not None:
            self.fit_rect(scene.content_rect)

    def set_overview_enabled(self, enabled: bool) -> None:
        self.overview.enabled_by_user = enabled
        self.overview.refresh()

    def show_from_root(self) -> None:
        """The map at a readable zoom, as much of its width as fits, its first root at the top."""
        scene = self.map_scene()
        if scene is None:
            return
        rect = scene.content_rect
        margin = 24
        width_fit = (self.viewport().width() - 2 * margin) / max(rect.width(), 1.0)
        self.set_zoom(max(readable_zoom(), min(1.0, width_fit)))
        roots = scene.doc.roots()
        root_item = scene.item(roots[0]) if roots else None
        root = root_item.sceneBoundingRect() if root_item is not None else rect
        view_h = self.viewport().height() / self.zoom()
        view_w = self.viewport().width() / self.zoom()
        if rect.width() <= view_w:
            x = rect.center().x()
        else:  # the root in view, but no blank strip beside the map when it is wider (the
            # compact layout puts the root at the top left, the tidy one in the middle)
            edge = margin / self.zoom()
            x = min(max(root.center().x(), rect.left() - edge + view_w / 2),
                    rect.right() + edge - view_w / 2)
        self.centerOn(x, root.top() - TOP_MARGIN / self.zoom() + view_h / 2)

    def zoom_to_selection(self) -> None:
        """Ctrl+Alt+0: the selection in the middle of the view, as large as fits but never
        past SELECTION_MAX_ZOOM (one box does not jump to 200 %), and never below a
        readable zoom (a wide selection then shows its current node, readable). One zoom,
        one scroll: it is where it ends at once."""
        scene = self.map_scene()
        if scene is None:
            return
        rect = QRectF()
        for item in scene.selectedItems():
            rect = rect.united(item.sceneBoundingRect())
        if rect.isEmpty():
            return
        fit = self.fit_factor(rect, SELECTION_MAX_ZOOM)
        readable = min(readable_zoom(), SELECTION_MAX_ZOOM)
        self.set_zoom(max(fit, readable))
        current = self.current_node()
        if fit < readable and current is not None and current in scene.nodes:
            self.centerOn(scene.nodes[current].sceneBoundingRect().center())
        else:
            self.centerOn(rect.center())

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
        mode = drag_mode(on_node, event.button(), event.modifiers())
        if mode is not None:
            self.setDragMode(mode)
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event) -> None:
        super().mouseReleaseEvent(event)
        QTimer.singleShot(0, self, self._clear_selection_of_overview)  # a node clicked at last
        if self.dragMode() != QGraphicsView.DragMode.ScrollHandDrag:
            self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)

    def ensure_node_visible(self, node_id: str) -> None:
        """Scroll just enough to show the node: the view never jumps away from the work."""
        scene = self.map_scene()
        item = scene.item(node_id) if scene is not None else None
        if item is not None:
            self.ensureVisible(item.sceneBoundingRect(), 40, 40)
            self.keep_clear_of_overview(node_id)

    def center_on_node(self, node_id: str) -> None:
        scene = self.map_scene()
        item = scene.item(node_id) if scene is not None else None
        if item is not None:
            self.centerOn(item)
            self.keep_clear_of_overview(node_id)

    def keep_clear_of_overview(self, node_id: str | None = None) -> None:
        """The node worked on (default: the current one) never sits under the overview:
        scroll it up or left out from under it, else move the overview to the other corner."""
        scene = self.map_scene()
        node_id = node_id if node_id is not None else self.current_node()
        item = scene.item(node_id) if scene is not None and node_id is not None else None
        if item is None:
            return
        self.overview.refresh()
        for step in ("up", "left", "corner"):
            box = self.overview_rect()
            shown = self.mapFromScene(item.sceneBoundingRect()).boundingRect()
            if box.isEmpty() or not shown.intersects(box.adjusted(-8, -8, 8, 8)):
                return
            if step == "up" and shown.height() + 16 < box.top():
                bar = self.verticalScrollBar()
                bar.setValue(bar.value() + shown.bottom() - box.top() + 16)
            elif step == "left" and shown.width() + 16 < box.left():
                bar = self.horizontalScrollBar()
                bar.setValue(bar.value() + shown.right() - box.left() + 16)
            elif step == "corner":
                self.overview.move_aside()

    def overview_rect(self) -> QRect:
        """Where the overview covers the canvas, in viewport coordinates (empty: hidden)."""
        if not self.overview.isVisible():
            return QRect()
        return self.overview.geometry().translated(-self.viewport().pos())

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
        if scene is None or scene.item(node_id) is None:
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
        zoom = self.zoom()
        rect = QRectF(top_left.x(), top_left.y(), w * zoom, h * zoom)
        self.editor.start(node_id, scene.doc.node(node_id).text, rect, zoom)
