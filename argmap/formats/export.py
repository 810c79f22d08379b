"""Export a map: the v1 JSON file, Argdown, AIF JSON, or an image (PNG, SVG, PDF), by suffix.

The JSON path needs no Qt. Every output goes through atomic_write: a failed export never
leaves a half-written file or destroys an existing one.
"""

from __future__ import annotations

import os

from argmap.core.errors import ExportError, MapFileError
from argmap.core.mapfile import write_map
from argmap.core.model import ArgumentMap
from argmap.formats.options import ExportOptions, Progress, subtree_map


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
    from argmap.formats.raster import render_to_file

    render_to_file(amap, path, options, progress)
    return []
