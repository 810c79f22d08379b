"""What every layout offers, so the scene and the exports never ask which one they hold.

A Layout places boxes (full, update, out, moved, bounds) and hands out its connectors as
pure geometry (connectors()): TreeLayout (layout.py) and CompactLayout (layout_compact.py)
both are one; layout.make_layout makes one from a layout's name.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import Protocol

from argmap.core.connectors import Edge, Route

Bounds = tuple[float, float, float, float]  # left, top, right, bottom


class Connectors(Protocol):
    """A layout's connectors after its last run, each worked out when asked for (valid until
    the layout runs again).

    rerouted    children whose edge changed, appeared or went away in the last run; None
                after a full run: maybe all.
    retrunked   parents whose trunk lines changed, appeared or went away; None: maybe all
                (then trunked() lists every parent that has some).
    reparented  kept children now under another parent; None: maybe all.
    """

    @property
    def rerouted(self) -> Collection[str] | None: ...
    @property
    def retrunked(self) -> Collection[str] | None: ...
    @property
    def reparented(self) -> Collection[str] | None: ...

    def edge(self, child: str) -> Edge | None:
        """The child's own connector to its parent; None for a root or a hidden node."""
        ...

    def trunk(self, parent: str) -> tuple[Route, ...]:
        """The lines a parent's children share (the compact stem, bus and trunks): drawn
        once, in the neutral pen, under the edges; () for none."""
        ...

    def trunked(self) -> Collection[str]:
        """Every parent that has trunk lines."""
        ...


class Layout(Protocol):
    """Sizes in, positions and connectors out; kept between runs so that an edit re-lays out
    only what it changed (update gives what full gives, by construction).

    out     top-left corner of each visible box (the dict full and update return).
    moved   ids whose box moved or appeared in the last run (not those deleted); None after
            a full run: maybe all.
    groups  set by the caller before a run: node -> how many of its first children are
            drawn as one row (an argument's premises, core/premise_rows.py). The layout puts
            them side by side, level with each other, with nothing of theirs or of another
            node between them, and only the first's connector is drawn.
    row_axis  0 when a group's members lie side by side along x (a row: the caller makes them
            equally tall, so that what hangs below one never reaches up beside another), 1
            along y (a column, as in the tidy left-to-right layout: equal widths already).
    """

    out: dict[str, tuple[float, float]]
    moved: set[str] | None
    groups: Mapping[str, int]
    row_axis: int

    def full(self, roots: Sequence[str], children: Mapping[str, Sequence[str]],
             sizes: Mapping[str, tuple[float, float]],
             collapsed: Collection[str] = ()) -> dict[str, tuple[float, float]]:
        """Lay out from nothing: nodes under a collapsed node are left out."""
        ...

    def update(self, roots: Sequence[str], children: Mapping[str, Sequence[str]],
               sizes: Mapping[str, tuple[float, float]],
               collapsed: Collection[str] = (),
               changed: Collection[str] | None = None) -> dict[str, tuple[float, float]]:
        """The same result as full(), re-laying out only what changed since the last run.

        changed: a hint that saves comparing every node with the last run: every node whose
        size or list of children may differ from it, and the new parent of every node added
        or moved (the layout adds a named node's parent in the last run: a removed or moved
        node's old parent). None: compare them all. A layout may ignore it."""
        ...

    def bounds(self) -> Bounds:
        """(left, top, right, bottom) of all boxes and connectors."""
        ...

    def connectors(self) -> Connectors:
        """The connectors of the last run, and which of them it changed."""
        ...


class Sizes(dict[str, tuple[float, float]]):
    """Boxes' sizes for a layout, remembering which ids were set since take_written(): the
    part of a layout's `changed` hint that sizes give (building from a mapping records
    nothing)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.written: set[str] = set()

    def __setitem__(self, key: str, value: tuple[float, float]) -> None:
        self.written.add(key)
        super().__setitem__(key, value)

    def take_written(self) -> set[str]:
        written, self.written = self.written, set()
        return written
