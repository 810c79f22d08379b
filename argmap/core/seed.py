"""First-run seeding: a new library starts with the Iran-proxies map from resources/."""

from __future__ import annotations

import os
from collections.abc import Callable
from importlib import resources

from argmap.core.mapfile import parse_map
from argmap.core.model import ArgumentMap
from argmap.core.store import Library

SEED_FILE = "seed-iran-proxies.argmap.json"
_SEEDED = "seeded"


def seed_map() -> ArgumentMap:
    data = resources.files("argmap.resources").joinpath(SEED_FILE).read_bytes()
    return parse_map(data, SEED_FILE)


def ensure_seeded(library: Library) -> bool:
    """Seed once per library: a user who deletes the seed map does not get it back."""
    if library.get_meta(_SEEDED) is not None:
        return False
    amap = seed_map()
    with library.writing():
        if not library.list_maps():
            library.add_new(amap)
        library.set_meta(_SEEDED, amap.info.id)
    return True


def open_library(path: str | os.PathLike[str] | None = None, *,
                 create_folder: bool | None = None,
                 on_wait: Callable[[str], None] | None = None) -> Library:
    """Open (creating if needed) a library and seed it on first use. A missing folder is
    created only for the default location or with create_folder=True (see missing_folder)."""
    library = Library(path, create_folder=create_folder, on_wait=on_wait)
    try:
        ensure_seeded(library)
    except BaseException:
        library.close()
        raise
    return library
