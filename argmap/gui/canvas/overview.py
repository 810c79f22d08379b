"""The overview: a small picture of the whole map in the canvas's corner, to move around.

It shows the map shrunk to fit (each node a block in its kind's colour; a big map, whose
blocks would be a stripe pattern, as its grey silhouette) and a frame around the part the
canvas shows (never smaller than a few pixels); a click or a drag in it moves the canvas there. The
picture is drawn once into a pixmap and again only after the map changes (once the edits
pause, REDRAW_MS), so panning a 50,000-node map repaints a small image, not the map. It hides itself while
the whole map is in view: then there is nowhere to move to. It never hides the node worked
on: MapView scrolls that out from under it, or moves it to the other bottom corner.
"""

from __future__ import annotations

from itertools import islice
from typing import Protocol

from PySide6.QtCore import QEvent, QPointF, QRectF, QSizeF, Qt, QTimer
from PySide6.QtGui import QColor, QEnterEvent, QMouseEvent, QPainter, QPaintEvent, QPen, QPixmap
from PySide6.QtWidgets import QFrame, QGraphicsOpacityEffect, QWidget

from argmap.gui.canvas.scene import MapScene
from argmap.gui.canvas.tooltip import plain_tooltip
from argmap.look import STYLES

OVERVIEW_SIZE = (200, 140)
MARGIN = 10  # from the canvas's bottom-right corner
REDRAW_MS = 400
NODES_PER_MS = 25  # ... and a map of over 10,000 nodes waits 1 ms more per 25 nodes
FRAME = QColor("#2563eb")
SILHOUETTE = QColor("#cbd5e1")  # a big map's shape (_draw_silhouette)
SILHOUETTE_CELL = 3  # px of the overview per cell of the silhouette
SILHOUETTE_BELOW_PX = 4.0  # typical boxes narrower than this on the overview: a silhouette
MIN_FRAME_PX = 8  # the frame of what the canvas shows is never smaller than this
#: Until the pointer is over it, the overview lets the boxes and find matches under it show
#: through (a new user found it hiding a match); under the pointer it is fully drawn.
RESTING_OPACITY = 0.45


class Canvas(Protocol):
    """What the overview needs of the canvas (MapView, which holds the overview)."""

    def map_scene(self) -> MapScene | None: ...

    def visible_scene_rect(self) -> QRectF: ...

    def viewport(self) -> QWidget: ...

    def centerOn(self, pos: QPointF) -> None: ...


class Overview(QFrame):
    def __init__(self, view: Canvas, parent: QWidget):
        super().__init__(parent)
        self.view = view
        self.setObjectName("overview")
        self.setToolTip(plain_tooltip("Overview of the whole map: click or drag to move around"))
        self.setFrameShape(QFrame.Shape.Box)
        self.setStyleSheet("#overview { background: white; border: 1px solid #9ca3af; }")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.resize(*OVERVIEW_SIZE)
        self.opacity = QGraphicsOpacityEffect(self)
        self.opacity.setOpacity(RESTING_OPACITY)
        self.setGraphicsEffect(self.opacity)
        self.enabled_by_user = True
        self.on_left = False  # moved to the bottom-left corner: the node worked on was under it
        self._pixmap: QPixmap | None = None
        self._source = QRectF()  # the scene rectangle the pixmap shows
        self._redraw = QTimer(self)
        self._redraw.setSingleShot(True)
        self._redraw.setInterval(REDRAW_MS)
        self._redraw.timeout.connect(self._render)
        self.hide()

    # -- what it shows ----------------------------------------------------------------------
    def map_changed(self, *_: object) -> None:
        """The map changed: draw it again once the edits pause."""
        self._pixmap = None
        scene = self.view.map_scene()
        nodes = len(scene.doc) if scene is not None else 0
        self._redraw.start(max(REDRAW_MS, nodes // NODES_PER_MS))  # a big map waits longer
        self.update()

    def _render(self) -> None:
        scene = self.view.map_scene()
        if scene is None or not self.isVisible():
            return
        rect = QRectF(scene.content_rect)
        if rect.isEmpty():
            return
        pixmap = QPixmap(self.contentsRect().size())
        pixmap.fill(Qt.GlobalColor.white)
        target = self._target(rect, QRectF(pixmap.rect()))
        scale = target.width() / rect.width()
        dx, dy = target.left() - rect.left() * scale, target.top() - rect.top() * scale
        painter = QPainter(pixmap)
        if self.silhouette(scene, scale):
            self._draw_silhouette(painter, scene, scale, dx, dy)
        else:
            # Each visible node as a block in its kind's colour: ~40 ms for 50,000 nodes,
            # where scene.render (every item's paint) takes 1.5 s.
            fills = {kind: QColor(style.border) for kind, style in STYLES.items()}
            for colour in fills.values():
                colour.setAlpha(150)
            for x, y, w, h, kind in scene.node_boxes():  # built or still to build
                painter.fillRect(QRectF(x * scale + dx, y * scale + dy,
                                        max(w * scale, 1.0), max(h * scale, 1.0)), fills[kind])
        painter.end()
        self._pixmap, self._source = pixmap, rect
        self.update()

    def _render_missing(self) -> None:
        if self._pixmap is None:
            self._render()

    @staticmethod
    def silhouette(scene: MapScene, scale: float) -> bool:
        """Typical boxes narrower than a few pixels here (a big map) draw as a stripe pattern
        that says nothing: then the overview shows the map's silhouette instead."""
        widths = sorted(w for _x, _y, w, _h, _k in islice(scene.node_boxes(), 101))
        return bool(widths) and widths[len(widths) // 2] * scale < SILHOUETTE_BELOW_PX

    @staticmethod
    def _draw_silhouette(painter: QPainter, scene: MapScene, scale: float,
                         dx: float, dy: float) -> None:
        """Where the map has boxes, as one grey shape on a coarse grid (SILHOUETTE_CELL px):
        the overview is for "where am I", which the frame over it answers."""
        cell = SILHOUETTE_CELL
        filled: set[tuple[int, int]] = set()
        for x, y, w, h, _kind in scene.node_boxes():  # built or still to build
            left, top = int((x * scale + dx) // cell), int((y * scale + dy) // cell)
            right, bottom = int(((x + w) * scale + dx) // cell), int(((y + h) * scale + dy) // cell)
            filled.update((gx, gy) for gx in range(left, right + 1) for gy in range(top, bottom + 1))
        for gx, gy in filled:
            painter.fillRect(QRectF(gx * cell, gy * cell, cell, cell), SILHOUETTE)

    @staticmethod
    def _target(source: QRectF, area: QRectF) -> QRectF:
        """Where `source` lands in `area`, aspect kept and centred."""
        scale = min(area.width() / source.width(), area.height() / source.height())
        w, h = source.width() * scale, source.height() * scale
        return QRectF(area.left() + (area.width() - w) / 2, area.top() + (area.height() - h) / 2, w, h)

    def _scale(self) -> tuple[float, QRectF]:
        target = self._target(self._source, QRectF(self.contentsRect()))
        return target.width() / self._source.width(), target

    def refresh(self) -> None:
        """Show or hide (hidden while the whole map is in view) and move the frame."""
        scene = self.view.map_scene()
        visible = self.view.visible_scene_rect()
        whole = scene is not None and visible.contains(scene.content_rect)
        show = self.enabled_by_user and scene is not None and not whole \
            and not scene.content_rect.isEmpty()
        if show:
            self.place()
        if show != self.isVisible():
            self.setVisible(show)
            if show and self._pixmap is None:  # drawn after the canvas's first paint
                QTimer.singleShot(0, self._render_missing)
        if show:
            self.update()

    def place(self) -> None:
        """Bottom-right of the canvas, shaped like the map (a wide map: a low strip), and
        never more than a fifth of the canvas wide, so it hides little of the map."""
        viewport = self.view.viewport().geometry()
        scene = self.view.map_scene()
        rect = scene.content_rect if scene is not None else QRectF()
        most_w, most_h = OVERVIEW_SIZE
        width = max(80, min(most_w, viewport.width() // 5 + 40))
        ratio = rect.height() / rect.width() if rect.width() > 0 else 1.0
        height = int(max(40, min(most_h, width * ratio + 4)))
        if ratio > 0 and width * ratio > most_h:  # a tall map: narrower instead
            width = int(max(40, most_h / ratio + 4))
        if self.size().width() != width or self.size().height() != height:
            self.resize(width, height)
            self._pixmap = None
            self._redraw.start()
        x = viewport.left() + MARGIN if self.on_left else viewport.right() - self.width() - MARGIN
        self.move(x, viewport.bottom() - self.height() - MARGIN)
        self.raise_()

    def move_aside(self) -> None:
        """To the other bottom corner: what the user works on is under it (MapView)."""
        self.on_left = not self.on_left
        self.place()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self._pixmap is None or self._source.isEmpty():
            return
        painter = QPainter(self)
        painter.drawPixmap(self.contentsRect().topLeft(), self._pixmap)
        scale, target = self._scale()
        shown = self.view.visible_scene_rect()
        frame = QRectF(target.left() + (shown.left() - self._source.left()) * scale,
                       target.top() + (shown.top() - self._source.top()) * scale,
                       shown.width() * scale, shown.height() * scale)
        if frame.width() < MIN_FRAME_PX or frame.height() < MIN_FRAME_PX:  # a dot on a big map
            centre = frame.center()
            frame.setSize(frame.size().expandedTo(QSizeF(MIN_FRAME_PX, MIN_FRAME_PX)))
            frame.moveCenter(centre)
        painter.setPen(QPen(FRAME, 2))
        painter.setBrush(QColor(37, 99, 235, 30))
        painter.drawRect(frame.intersected(QRectF(self.contentsRect())).adjusted(1, 1, -1, -1))
        painter.end()

    # -- moving around ----------------------------------------------------------------------
    def scene_point(self, pos: QPointF) -> QPointF:
        self._render_missing()
        scale, target = self._scale()
        return QPointF(self._source.left() + (pos.x() - target.left()) / scale,
                       self._source.top() + (pos.y() - target.top()) / scale)

    def enterEvent(self, event: QEnterEvent) -> None:
        self.opacity.setOpacity(1.0)
        super().enterEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        self.opacity.setOpacity(RESTING_OPACITY)
        super().leaveEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._move_to(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._move_to(event)

    def _move_to(self, event: QMouseEvent) -> None:
        self._render_missing()
        if self._source.isEmpty():
            return
        self.view.centerOn(self.scene_point(event.position()))
        event.accept()
