"""What an exported picture's boxes say about their sources (PNG, SVG, PDF and print).

- **Numbered citations.** A map that cites one or a few sources (at most NUMBERED_MAX) and
  whose picture has a source line: each box's source lines say only the locator and the
  source's number ("— paragraph 6 [1]"), and the sources are listed once under the map
  ("[1] Iran's Proxies Are Out of Control (The Atlantic) · https://…"), as a report cites.
  A map with more sources, or a picture without the source line, keeps each source's title
  and URL in its boxes (nothing is cited that is not listed).
- **Marks.** A quote checked against its source's attached text (core/verify.py, the rules
  of `argmap check`) that is not found there, or is found elsewhere than its locator says,
  gets a line of its own in the box's source lines, starting with ⚠ and saying what is
  wrong (words, not a colour: it prints in black and white); a line under the map counts
  them. A source without a text is not checked, and its quotes are not marked.

It works on the map before it is laid out (look.measure then sizes the boxes for the lines
it writes), so the three formats draw the same lines: `cited_picture` is the picture of
formats/picture.py with these notes, and `Picture.notes` the lines decor.py lists.
"""

from __future__ import annotations

from argmap.core.layout import LayoutStyle
from argmap.core.model import ArgumentMap, Node, SourceRecord
from argmap.core.verify import check_map
from argmap.formats.marks import mark_picture
from argmap.formats.options import ExportOptions
from argmap.formats.picture import Picture, picture

#: Up to this many cited sources, a picture numbers its citations and lists the sources once.
NUMBERED_MAX = 6
#: The longest problem a box's mark line says (the rest: `argmap check`).
MARK_CHARS = 160
MARK = "⚠"


def cited_picture(amap: ArgumentMap, layout: LayoutStyle | str,
                  options: ExportOptions) -> Picture:
    """The map laid out for a picture, its boxes' source lines numbered and marked (see
    the module docstring), with its evaluation marks if the options ask for them."""
    shown, notes = cite_for_picture(amap, numbered=options.sources)
    pic = mark_picture(picture(shown, layout), shown, options)
    pic.notes = notes if options.sources else []
    return pic


def _cited_records(amap: ArgumentMap) -> list[SourceRecord]:
    """The records the nodes cite, in the order the map first cites them."""
    records = {r.id: r for r in amap.sources}
    seen: dict[str, SourceRecord] = {}
    for node in amap.nodes:
        s = node.source
        if s is not None and s.source_id in records and s.source_id not in seen:
            seen[s.source_id] = records[s.source_id]
    return list(seen.values())


def reference(number: int, record: SourceRecord) -> str:
    """"[1] Title · author · date · URL": one source as the list under the map gives it."""
    parts = [p for p in (record.title, record.author, record.date, record.url) if p]
    return f"[{number}] " + " · ".join(parts or [record.id])


def _mark(problem: str) -> str:
    line = " ".join(problem.split())
    line = line if len(line) <= MARK_CHARS else line[:MARK_CHARS - 1].rstrip() + "…"
    return f"{MARK} quote check: {line}"


def cite_for_picture(amap: ArgumentMap, numbered: bool = True) -> tuple[ArgumentMap, list[str]]:
    """The map as its picture shows it (the nodes' source lines rewritten), and the lines to
    list under the map: the numbered sources, and how many quotes failed their check."""
    cited = _cited_records(amap)
    number = {r.id: i + 1 for i, r in enumerate(cited)} \
        if numbered and 0 < len(cited) <= NUMBERED_MAX else {}
    problems: dict[str, str] = {}
    failing = 0
    if any(r.text is not None for r in amap.sources):
        for check in check_map(amap).quotes:
            if check.problem is not None and check.checked:
                failing += 1
                problems.update(dict.fromkeys(check.node_ids, check.problem))
    if not number and not problems:
        return amap, []
    nodes: list[Node] = []
    for node in amap.nodes:
        s = node.source
        n = number.get(s.source_id or "") if s is not None else None
        problem = problems.get(node.id)
        if s is None or (n is None and problem is None):
            nodes.append(node)
            continue
        update: dict[str, str] = {}
        head = s.locator
        if n is not None:
            head = f"{head} [{n}]" if head else f"[{n}]"
            update.update(title="", url="")
        if problem is not None:
            head = f"{head}\n{_mark(problem)}" if head else _mark(problem)
        update["locator"] = head
        nodes.append(node.model_copy(update={"source": s.model_copy(update=update)}))
    # Built without validation: the same map, its citations reworded for drawing only.
    shown = ArgumentMap.model_construct(info=amap.info, nodes=tuple(nodes), sources=amap.sources)
    notes = [reference(i, r) for r, i in ((r, number[r.id]) for r in cited if r.id in number)]
    if failing:
        notes.append(f"{MARK} {failing} quote{'s do' if failing != 1 else ' does'} not match "
                     "the source's attached text (marked in the boxes; `argmap check` lists "
                     "them)")
    return shown, notes
