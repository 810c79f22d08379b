"""Join the pages of a PDF that Qt wrote into its first page, without rewriting Qt's bytes.

Qt's PDF engine holds the content of the page being painted in memory until the page
ends: one page for a 200,000-node map would need ~2 GB for its drawing operators alone.
raster.write_pdf therefore paints such a map as several same-sized pages, each holding a
share of the items in stacking order, and join_pages() turns them back into one page whose
/Contents is the array of their streams, each wrapped in q … Q so every share starts from
the page's initial state. It is an incremental update (PDF 1.7, 7.5.6): new versions of
the first page, its resources and the page tree, and a new cross-reference section are
appended; the superseded pages stay in the file, unreferenced.

Only the output of QPdfWriter is read here (a known, simple layout), never user files.
"""

from __future__ import annotations

import re

from argmap.core.errors import ExportError


def _offsets(data: bytes, xref: int) -> dict[int, int]:
    """Object number -> byte offset, from the cross-reference table Qt writes (one section)."""
    header = re.match(rb"xref\r?\n0 (\d+)\s*\n", data[xref:xref + 64])
    if header is None:
        raise ExportError("PDF writer output has no cross-reference table where expected")
    start = xref + header.end()
    count = int(header.group(1))
    table = data[start:start + 20 * count]
    return {n: int(table[20 * n:20 * n + 10]) for n in range(1, count)
            if table[20 * n + 17:20 * n + 18] == b"n"}


def _object(data: bytes, offsets: dict[int, int], number: int) -> bytes:
    """The body of a dictionary object (between "N 0 obj" and endobj; no stream)."""
    at = offsets.get(number)
    head = re.match(rb"%d 0 obj\r?\n" % number, data[at:at + 32]) if at is not None else None
    if at is None or head is None:
        raise ExportError(f"PDF writer output has no object {number}")
    begin = at + head.end()
    return data[begin:data.index(b"endobj", begin)]


def _ref(body: bytes, key: bytes) -> int:
    match = re.search(rb"/%s (\d+) 0 R" % key, body)
    if match is None:
        raise ExportError(f"PDF writer output: no /{key.decode()} in a page")
    return int(match.group(1))


def _merge_resources(bodies: list[bytes]) -> bytes:
    """One resource dictionary holding every entry of each page's (fonts, states, …)."""
    order: list[bytes] = []
    entries: dict[bytes, list[bytes]] = {}
    for body in bodies:
        for name, inner in re.findall(rb"/(\w+) <<\n(.*?)>>\n", body, re.S):
            if name not in entries:
                order.append(name)
                entries[name] = []
            for line in inner.splitlines():
                if line and line not in entries[name]:
                    entries[name].append(line)
    parts = [b"<<\n"]
    for name in order:
        parts.append(b"/%s <<\n" % name)
        parts.extend(line + b"\n" for line in entries[name])
        parts.append(b">>\n")
    parts.append(b">>\n")
    return b"".join(parts)


def join_pages(data: bytes) -> bytes:
    """The joined file as one bytes object (join_pages_parts, concatenated)."""
    return b"".join(join_pages_parts(data))


def join_pages_parts(data: bytes) -> list[bytes]:
    """The document with all its pages drawn, in order, on the first one."""
    trailer = data[data.rindex(b"trailer"):]
    size_match = re.search(rb"/Size (\d+)", trailer)
    xref_match = re.search(rb"startxref\r?\n(\d+)", trailer)
    if size_match is None or xref_match is None:
        raise ExportError("PDF writer output has no trailer in the expected form")
    offsets = _offsets(data, int(xref_match.group(1)))
    catalog = _object(data, offsets, _ref(trailer, b"Root"))
    pages_number = _ref(catalog, b"Pages")
    tree = _object(data, offsets, pages_number)
    kids_match = re.search(rb"/Kids \n\[\n(.*?)\]", tree, re.S)
    if kids_match is None:
        raise ExportError("PDF writer output has no page list in the expected form")
    kids = [int(n) for n in re.findall(rb"(\d+) 0 R", kids_match.group(1))]
    if len(kids) < 2:
        return [data]
    page_bodies = [_object(data, offsets, kid) for kid in kids]
    contents = [_ref(body, b"Contents") for body in page_bodies]
    resources = _merge_resources([_object(data, offsets, _ref(body, b"Resources"))
                                  for body in page_bodies])
    size = int(size_match.group(1))
    save, restore, merged = size, size + 1, size + 2  # new object numbers
    array = b" ".join(b"%d 0 R %d 0 R %d 0 R" % (save, c, restore) for c in contents)
    page = re.sub(rb"/Contents \d+ 0 R", lambda _m: b"/Contents [" + array + b"]", page_bodies[0])
    page = re.sub(rb"/Resources \d+ 0 R", lambda _m: b"/Resources %d 0 R" % merged, page)
    tree = tree[:kids_match.start()] + b"/Kids \n[\n%d 0 R\n]" % kids[0] + tree[kids_match.end():]
    tree = re.sub(rb"/Count \d+", b"/Count 1", tree)
    objects = {
        kids[0]: page,
        pages_number: tree,
        save: b"<<\n/Length 2\n>>\nstream\nq\n\nendstream\n",
        restore: b"<<\n/Length 2\n>>\nstream\nQ\n\nendstream\n",
        merged: resources,
    }
    out = [data] if data.endswith(b"\n") else [data, b"\n"]  # Qt's bytes, never copied
    offset = sum(map(len, out))
    at: dict[int, int] = {}
    for number in sorted(objects):
        at[number] = offset
        chunk = b"%d 0 obj\n%sendobj\n" % (number, objects[number])
        out.append(chunk)
        offset += len(chunk)
    xref = [b"xref\n0 1\n0000000000 65535 f \n"]
    xref.extend(b"%d 1\n%010d 00000 n \n" % (n, at[n]) for n in sorted(at))
    old = trailer[trailer.index(b"<<"):trailer.rindex(b">>") + 2]
    new = re.sub(rb"/Size \d+", b"/Size %d" % (merged + 1), old)
    new = new[:-2] + b"/Prev %s\n>>" % xref_match.group(1)
    out.append(b"".join(xref))
    out.append(b"trailer\n" + new + b"\nstartxref\n%d\n%%%%EOF\n" % offset)
    return out
