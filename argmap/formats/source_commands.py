"""`argmap attach` and `argmap check`: the command-line side of source texts (no widgets).

attach reads the document first (nothing is opened for writing if it cannot be read), then
puts its text into the map: a library map is saved in the library, an argmap map file is
rewritten in place (as format version 2, which carries texts). check prints
core/verify.MapCheck.lines(): one line per failing quote, one per source with no text, then
`N of M quotes verified`; exit 0 when every quote is verified, else 1.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from argmap.core.attach import attach_text
from argmap.core.errors import MapFileError
from argmap.core.mapfile import write_map
from argmap.core.model import ArgumentMap
from argmap.core.paragraphs import blocks
from argmap.core.terminal import safe, write_line
from argmap.core.verify import check_map
from argmap.formats import registry
from argmap.formats.source_text import text_from_file
from argmap.map_argument import name_map


def run_attach(db: Path | None, map_ref: str, file: str, title: str | None,
               on_wait: Callable[[str], None] | None = None) -> str:
    """Attach `file`'s text to the map MAP names (map_argument.py: a library map first, else
    a file); the line to print (how much was attached, and where)."""
    text = text_from_file(file)
    named = name_map(db, map_ref, on_wait, export=True)  # it writes: the seed map makes the library
    if named.from_library:
        from argmap.core.seed import open_library

        with open_library(db, on_wait=on_wait) as library:
            amap, record = attach_text(library.load(named.map.info.id), text, title)
            library.save(amap)
    else:
        if not registry.is_map_file(map_ref):
            raise MapFileError(map_ref, "argmap attaches texts to argmap map files "
                                        "(.argmap.json) and library maps; import this file first")
        amap, record = attach_text(named.map, text, title)
        write_map(amap, map_ref)
    paragraphs = sum(b.number is not None for b in blocks(text))
    quotes = sum(1 for n in amap.nodes if n.source is not None
                 and n.source.source_id == record.id and n.source.quote.strip())
    return (f"attached {len(text):,} characters ({paragraphs} paragraphs) to "
            f"“{record.title or record.url or record.id}”, which {quotes} node"
            f"{'s quote' if quotes != 1 else ' quotes'}; `argmap check` checks them")


def run_check(amap: ArgumentMap) -> int:
    result = check_map(amap)
    for line in result.lines():
        write_line("\t".join(safe(field) for field in line.split("\t")))
    return 0 if result.verified == len(result.quotes) else 1
