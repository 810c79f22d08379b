"""Attaching a text to one of a map's source records (no Qt): which record, and the map with
the text in it. The text comes from formats/source_text.py; the editor and `argmap attach`
both end here.
"""

from __future__ import annotations

from argmap.core.errors import SourceError, excerpt
from argmap.core.model import ArgumentMap, SourceRecord, now


def choose_record(amap: ArgumentMap, name: str | None) -> SourceRecord:
    """The record titled `name` (or with that id), or the map's only record; SourceError
    when there is none, or several and none was named."""
    records = amap.sources
    if name is not None:
        named = [r for r in records if r.title == name] or [r for r in records if r.id == name]
        if not named:
            folded = name.casefold()
            named = [r for r in records if r.title.casefold() == folded]
        if len(named) == 1:
            return named[0]
        if named:
            raise SourceError(f"{len(named)} sources of {excerpt(amap.info.title)} are titled "
                              f"{excerpt(name)}; name one by id: {_listed(named)}")
        raise SourceError(f"no source titled {excerpt(name)} in {excerpt(amap.info.title)}; "
                          f"its sources: {_listed(records) or 'none'}")
    if len(records) == 1:
        return records[0]
    if not records:
        raise SourceError(f"{excerpt(amap.info.title)} has no source to attach a text to: "
                          "give a node a source title first")
    raise SourceError(f"{excerpt(amap.info.title)} has {len(records)} sources; name one with "
                      f"--source TITLE: {_listed(records)}")


def _listed(records: tuple[SourceRecord, ...] | list[SourceRecord]) -> str:
    shown = [f"{excerpt(r.title or r.url)} (id {r.id})" for r in records[:5]]
    more = f" and {len(records) - 5} more" if len(records) > 5 else ""
    return ", ".join(shown) + more


def attach_text(amap: ArgumentMap, text: str, name: str | None = None) -> tuple[
        ArgumentMap, SourceRecord]:
    """The map with `text` as the chosen record's text (replacing any), and that record."""
    record = choose_record(amap, name)
    new = SourceRecord.model_validate({**record.model_dump(), "text": text})
    sources = tuple(new if r.id == record.id else r for r in amap.sources)
    info = amap.info.model_copy(update={"modified": now()})
    return ArgumentMap(info=info, nodes=amap.nodes, sources=sources), new
