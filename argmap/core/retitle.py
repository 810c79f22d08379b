"""A stored map under a new title: renamed in place, or duplicated under a new map id (no
Qt). Store.Library's rename and duplicate delegate here."""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import Any, Protocol

from argmap.core.model import MAX_TITLE, ArgumentMap, MapInfo, new_id, now


class Library(Protocol):
    """What this module needs of store.Library (imported the other way round)."""

    def writing(self) -> AbstractContextManager[Any]: ...
    def load(self, map_id: str) -> ArgumentMap: ...
    def save(self, amap: ArgumentMap) -> None: ...
    def _insert(self, amap: ArgumentMap) -> None: ...


def rename(library: Library, map_id: str, title: str) -> ArgumentMap:
    """The stored map under `title`, its modified time now; one transaction."""
    with library.writing():
        amap = library.load(map_id)
        info = MapInfo.model_validate(
            {**amap.info.model_dump(), "title": title, "modified": now()}
        )
        renamed = ArgumentMap(info=info, nodes=amap.nodes, sources=amap.sources)
        library.save(renamed)
    return renamed


def duplicate(library: Library, map_id: str, title: str | None = None) -> ArgumentMap:
    """A copy under a new map id; node ids stay, since they are scoped to their map."""
    with library.writing():
        amap = library.load(map_id)
        stamp = now()
        info = MapInfo(
            id=new_id() + new_id(),
            title=title or f"{amap.info.title} (copy)"[:MAX_TITLE],
            created=stamp,
            modified=stamp,
        )
        copy = ArgumentMap(info=info, nodes=amap.nodes, sources=amap.sources)
        library._insert(copy)
    return copy
