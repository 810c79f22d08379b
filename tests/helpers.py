"""Small builders shared by tests."""

from __future__ import annotations

from argmap.model import ArgumentMap, Node, new_map


def chain(depth: int, title: str = "chain") -> ArgumentMap:
    nodes = [Node(id="n0", kind="claim", text="root")]
    nodes += [
        Node(id=f"n{i}", parent=f"n{i - 1}", kind="claim", text=f"step {i}")
        for i in range(1, depth + 1)
    ]
    return new_map(title, nodes)


def small_map(title: str = "small") -> ArgumentMap:
    return new_map(
        title,
        [
            Node(id="root", kind="claim", text="Cities should ban cars downtown."),
            Node(id="e1", parent="root", order=0, kind="evidence", text="Air quality improves.",
                 source={"title": "Study", "quote": "NO2 fell 40%", "locator": "p. 3"}),
            Node(id="o1", parent="root", order=1, kind="objection", text="Shops lose trade."),
            Node(id="r1", parent="o1", order=0, kind="rebuttal", text="Footfall rose in Oslo."),
        ],
    )
