"""argmap's own map file as an export format (registry.ARGMAP): core.mapfile writes it."""

from __future__ import annotations

import os

from argmap.core.errors import ExportError, MapFileError
from argmap.core.mapfile import write_map
from argmap.core.model import ArgumentMap
from argmap.formats.options import ExportOptions, Progress


def write_map_file(amap: ArgumentMap, path: str | os.PathLike[str], _options: ExportOptions,
                   _progress: Progress | None = None) -> list[str]:
    """The v1 JSON file, written whole or not at all; nothing is lost."""
    try:
        write_map(amap, path)
    except MapFileError as exc:
        raise ExportError(str(exc)) from None
    return []
