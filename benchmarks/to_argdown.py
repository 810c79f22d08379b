"""Write an argmap map as Argdown text, for the side-by-side benchmark with the Argdown CLI.

Statements with support (+) and attack (-) relations, indented as Argdown's relation
trees. Only for generated benchmark maps (plain words); not an Argdown exporter.
"""

from __future__ import annotations

import sys

from argmap.core.mapfile import read_map
from argmap.core.model import ATTACKS, ArgumentMap


def to_argdown(amap: ArgumentMap) -> str:
    lines = [f"# {amap.info.title}", ""]
    for node, depth in amap.preorder():
        text = " ".join(node.text.replace("[", "(").replace("]", ")").split())
        if depth == 0:
            lines.append(f"[{node.id}]: {text}")
        else:
            sign = "-" if node.kind in ATTACKS else "+"
            lines.append(f"{'    ' * depth}{sign} [{node.id}]: {text}")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.stdout.write(to_argdown(read_map(sys.argv[1])))
