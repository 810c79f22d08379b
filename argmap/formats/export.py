"""Export a map: the v1 JSON file, Argdown, AIF JSON, or an image (PNG, SVG, PDF), by suffix.

The JSON path needs no Qt. Every output is written whole or not at all (core.atomic):
a failed or cancelled export never leaves a half-written file or destroys an existing one.
Image exports need a QGuiApplication (made offscreen if there is no display), never a
widgets QApplication.
"""

from __future__ import annotations

import os
from pathlib import Path

from argmap.core.errors import ExportError, MapFileError
from argmap.core.mapfile import write_map
from argmap.core.model import ArgumentMap
from argmap.formats.options import ExportOptions, Progress, ensure_app, subtree_map


def export_map(amap: ArgumentMap, path: str | os.PathLike[str], options: ExportOptions,
               progress: Progress | None = None) -> list[str]:
    """Write `amap` to `path`; return the loss report's lines (Argdown and AIF; else empty)."""
    name = os.fspath(path).lower()
    if name.endswith((".argdown", ".aif.json")):
        from argmap.formats.interchange import export_interchange

        if options.subtree:
            amap = subtree_map(amap, options.subtree, as_file=True)
        return export_interchange(amap, path)
    if options.subtree:
        amap = subtree_map(amap, options.subtree, as_file=name.endswith(".json"))
    if name.endswith(".json"):
        try:
            write_map(amap, path)
        except MapFileError as exc:
            raise ExportError(str(exc)) from None
        return []
    if not 0.05 <= options.scale <= 16:
        raise ExportError(f"scale {options.scale} is out of range (0.05 to 16)")
    suffix = Path(name).suffix
    if suffix == ".svg":
        from argmap.formats.svg import write_svg_file

        ensure_app()
        write_svg_file(amap, path, options, progress)
    elif suffix in (".png", ".pdf"):
        from argmap.formats.raster import render_to_file

        render_to_file(amap, path, options, progress)
    else:
        raise ExportError(f"unknown image format {suffix!r}")
    return []
