"""What every export shares: its options, progress callback and subtree cut.

Kept apart from the dispatcher (export.py) so that each format module can import it
without importing the others: no cycle among the format modules.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass

from argmap.core.atomic import atomic_write
from argmap.core.errors import ExportError
from argmap.core.model import ArgumentMap

#: Called with (done, total) as an export proceeds; returning False cancels it.
Progress = Callable[[int, int], bool]


@dataclass(frozen=True)
class ExportOptions:
    """How an image export looks. The report-ready parts (title header, legend of kinds,
    source line) are on by default, in the CLI and the GUI alike."""

    scale: float = 1.0
    transparent: bool = False
    subtree: str | None = None
    layout: str | None = None  # a core.layout.LayoutStyle value; None: compact (picture_layout)
    #: PDF paper: None = A4 or Letter by the locale (default_page); "A4" / "Letter";
    #: "map" = one page the map's size.
    page: str | None = None
    #: PDF on A4/Letter: None = fitted on one page when its body text stays >= 6 pt, else
    #: tiled at reading size; True = always tiled; False = always fitted.
    tile: bool | None = None
    title: bool = True  # a header with the map's title
    legend: bool = True  # a legend of the kinds and edges
    sources: bool = True  # a source line: what the picture shows and how many sources it cites
    #: each box marked with its strength and standing (core/evaluate.py), as View ▸ Show
    #: Evaluation marks the canvas, and the legend saying what they mean
    evaluation: bool = False


#: Territories that use US Letter paper (the rest of the world uses A4).
LETTER_TERRITORIES = frozenset({"UnitedStates", "Canada", "Mexico", "Chile", "Colombia",
                                "Venezuela", "Philippines", "CostaRica", "Guatemala",
                                "Panama", "DominicanRepublic", "PuertoRico", "ElSalvador"})


def default_page(locale: object | None = None) -> str:
    """"Letter" for US/Canada-style locales, else "A4": QLocale's territory (a QLocale may
    be given; default: the system's)."""
    from PySide6.QtCore import QLocale

    loc = locale if isinstance(locale, QLocale) else QLocale.system()
    return "Letter" if loc.territory().name in LETTER_TERRITORIES else "A4"


def subtree_map(amap: ArgumentMap, node_id: str, as_file: bool = True) -> ArgumentMap:
    """The map cut down to one node and its descendants, that node as the root.

    A map file's roots must be claims; an image may start from any node.
    """
    index = amap.children_index()
    by_id = amap.by_id()
    if node_id not in by_id:
        raise ExportError(f"no node with id {node_id!r} in map {amap.info.title!r}")
    root = by_id[node_id]
    if as_file and root.kind.value != "claim":
        raise ExportError(
            f"node {node_id!r} is {root.kind.value}; a map file's subtree must start at a claim"
        )
    keep = [root.model_copy(update={"parent": None, "order": 0})]
    stack = list(index.get(node_id, []))
    while stack:
        node = stack.pop()
        keep.append(node)
        stack.extend(index.get(node.id, []))
    if as_file:
        cited = {n.source.source_id for n in keep if n.source is not None}
        return ArgumentMap(info=amap.info, nodes=tuple(keep),
                           sources=tuple(r for r in amap.sources if r.id in cited))
    return ArgumentMap.model_construct(info=amap.info, nodes=tuple(keep))  # parts of a valid map


def ensure_app() -> None:
    """A QGuiApplication for fonts and painting, offscreen when there is no display (CLI,
    CI, ssh). Never a widgets QApplication: exports stay headless. Qt is imported only
    here, when an image is made: JSON exports never load it."""
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.instance() is not None:
        return
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    QGuiApplication(["argmap"])


def write_text(path: str | os.PathLike[str], text: str) -> None:
    """A text export (Argdown, AIF JSON) as UTF-8, written whole or not at all."""
    try:
        atomic_write(path, text.encode("utf-8"))
    except OSError as exc:
        raise ExportError(f"{os.fspath(path)}: cannot be written: {exc.strerror or exc}") from None
