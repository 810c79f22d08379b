"""argmap's own icon (resources/argmap.svg): the window's, the About box's and the launcher's.

The PNG sizes in resources/ are rendered from the SVG by Qt and committed
(`python docs/icon.py` renders them again; tests/gui/test_desktop_gui.py checks they match), so
the window icon needs no SVG plugin and the launcher's icons are plain files to copy.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QIcon, QImage, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from argmap.desktop import ICON_SIZES, icon_bytes


def render_icon(size: int) -> QImage:
    """The SVG drawn at `size` × `size` pixels on a transparent background."""
    renderer = QSvgRenderer(QByteArray(icon_bytes(None)))
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def app_icon() -> QIcon:
    """The icon at every shipped size (Qt picks the nearest for the title bar, task bar, …)."""
    icon = QIcon()
    for size in ICON_SIZES:
        pixmap = QPixmap()
        pixmap.loadFromData(icon_bytes(size), "PNG")
        icon.addPixmap(pixmap)
    return icon

