"""Export a map to any format argmap writes: the format is decided once, by the registry.

Every output is written whole or not at all (core.atomic): a failed or cancelled export
never leaves a half-written file or destroys an existing one. The JSON and text formats
need no Qt; pictures need a QGuiApplication (made offscreen if there is no display), never
a widgets QApplication.
"""

from __future__ import annotations

import os

from argmap.core.errors import ExportError
from argmap.core.model import ArgumentMap
from argmap.formats import registry
from argmap.formats.options import ExportOptions, Progress, ensure_app, subtree_map
from argmap.formats.registry import Format


def export_map(amap: ArgumentMap, path: str | os.PathLike[str], options: ExportOptions,
               progress: Progress | None = None, fmt: Format | None = None) -> list[str]:
    """Write `amap` to `path` as `fmt` (default: by the path's suffix); return the loss
    report's lines (Argdown and AIF; else empty)."""
    fmt = fmt if fmt is not None else registry.for_output(path)
    if fmt is None or not fmt.writes:
        raise ExportError(f"{os.fspath(path)}: unknown export format; use "
                          f"{', '.join(registry.output_suffixes())}")
    if options.subtree:  # a map file's subtree must start at a claim; a picture's anywhere
        amap = subtree_map(amap, options.subtree, as_file=not fmt.picture)
    if fmt.picture and not 0.05 <= options.scale <= 16:
        raise ExportError(f"scale {options.scale} is out of range (0.05 to 16)")
    if fmt.qt:
        ensure_app()
    return fmt.write(amap, path, options, progress)
