"""The ids of source records that say nothing but a title and a URL (no Qt, no model).

Version 1 of the map file has no records: each node carries its source's title and URL.
Reading such a file, migrating a library made before records (store m005), or building a
map from nodes that carry only a title and URL groups those citations into records whose
ids are made from the title and URL. All three use this one function, so the same sources
get the same ids wherever they were grouped, and a map written as version 1 and read back
has the records it had.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

PREFIX = "src-"


def plain_id(title: str, url: str) -> str:
    """The id of a record that holds only `title` and `url`: 16 characters from a hash."""
    digest = hashlib.sha256(f"{title}\x00{url}".encode()).hexdigest()
    return PREFIX + digest[:12]


def plain_ids(pairs: Iterable[tuple[str, str]], taken: Iterable[str] = ()) -> dict[
        tuple[str, str], str]:
    """An id for each distinct (title, url), none of them in `taken`. Pairs are visited in
    sorted order, so the ids do not depend on the order the citations came in, even when
    two pairs' hashes collide (the later one gets `-2`, `-3`…)."""
    used = set(taken)
    out: dict[tuple[str, str], str] = {}
    for pair in sorted(set(pairs)):
        stem = candidate = plain_id(*pair)
        count = 2
        while candidate in used:
            candidate = f"{stem}-{count}"
            count += 1
        used.add(candidate)
        out[pair] = candidate
    return out
