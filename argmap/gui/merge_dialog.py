"""What the merge asks and shows: the differences as plain text, and one conflict side by side.

The texts are built here, apart from the controller (merge_actions.py), so the question a
test answers through FakeDialogs is the same text the real dialog shows. Everything is
plain text: node texts come from teammates' files, and Qt rich text could load local files.
"""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from argmap.core.model import ArgumentMap, Kind, Node
from argmap.teams.diff import MAP, WHATS, Change, MapDiff
from argmap.teams.exchange import Answer
from argmap.teams.merge import DELETED, NOT_THEIRS, Conflict

#: How many changed nodes the question lists before "… and N more".
LISTED = 12
#: Longest node text quoted in a list line.
QUOTED = 70

#: How each kind of change is said in the summary line ("2 added, 1 re-worded").
SAID = {
    "title": "title changed", "added": "added", "removed": "removed", "moved": "moved",
    "reordered": "re-ordered", "kind": "kind changed", "text": "re-worded",
    "polarity": "kind changed", "assessment": "assessment changed",
    "source.id": "source changed",
    "source.quote": "source changed", "source.locator": "source changed",
    "source": "source changed",
}
#: The buttons of one conflict, in this order; Cancel stops the whole merge.
CONFLICT_BUTTONS = ("Keep Mine", "Keep Theirs", "Keep Both")
#: Offered while more conflicts follow: answer this one and every later one the same way.
REST_BUTTONS = ("Mine for the Rest", "Theirs for the Rest")
#: The button of each answer the merge flow (teams/exchange.py) may offer.
ANSWER_BUTTONS: dict[Answer, str] = {
    "ours": CONFLICT_BUTTONS[0], "theirs": CONFLICT_BUTTONS[1], "both": CONFLICT_BUTTONS[2],
    "rest-ours": REST_BUTTONS[0], "rest-theirs": REST_BUTTONS[1],
}


def _quote(text: str) -> str:
    line = " ".join(text.split())
    return f"“{line[:QUOTED - 1]}…”" if len(line) > QUOTED else f"“{line}”"


def counts_line(diff: MapDiff) -> str:
    """"2 added, 1 re-worded": one count per way of changing, nodes counted once per way."""
    said: Counter[str] = Counter()
    seen: set[tuple[str, str]] = set()
    for change in sorted(diff.changes, key=lambda c: WHATS.index(c.what)):
        key = (SAID[change.what], change.node_id)
        if key not in seen:
            seen.add(key)
            said[SAID[change.what]] += 1
    records = len({c.node_id for c in diff.sources})  # source records (teams/diff.py)
    if records:
        said[f"source{'s' if records > 1 else ''} edited"] += records
    return ", ".join(f"{n} {what}" for what, n in said.items())


def change_lines(diff: MapDiff, mine: ArgumentMap, theirs: ArgumentMap,
                 limit: int = LISTED) -> list[str]:
    """One line per changed node (its text, what changed), at most `limit` and a "more" line."""
    mine_nodes, their_nodes = mine.by_id(), theirs.by_id()
    by_node: dict[str, list[Change]] = {}
    for change in diff.changes:
        by_node.setdefault(change.node_id, []).append(change)
    lines = []
    for node_id, changes in by_node.items():
        whats = ", ".join(dict.fromkeys(SAID[c.what] for c in changes))
        if node_id == MAP:
            lines.append(f"• map title: {_quote(str(changes[0].old))} → {_quote(str(changes[0].new))}")
            continue
        node = their_nodes.get(node_id) or mine_nodes.get(node_id)
        assert node is not None
        lines.append(f"• {whats}: {_quote(node.text)}")
    if len(lines) > limit:
        lines = [*lines[:limit], f"… and {len(lines) - limit} more"]
    return lines


def differences_text(diff: MapDiff, old: ArgumentMap, new: ArgumentMap,
                     heading: str = "Differences") -> str:
    """The counts and the changed nodes, for the merge question and Compare with File…."""
    if not diff:
        return f"{heading}: none."
    return "\n".join([f"{heading}: {counts_line(diff)}.", *change_lines(diff, old, new)])


def side_text(node: Node | None) -> str:
    """One side of a conflict: the node's kind, text and source, or that it is gone."""
    if node is None:
        return "(deleted in this version)"
    lines = [f"[{node.kind.value}]", node.text]
    if node.source is not None:
        s = node.source
        lines += ["", "Source: " + " · ".join(v for v in (s.title, s.url, s.locator) if v)]
        if s.quote:
            lines.append(f"“{s.quote}”")
    return "\n".join(lines)


#: How a conflicting field is named in the question.
FIELD_SAID = {
    "parent": "where it sits", "kind": "kind", "text": "text", "source.id": "source",
    "source.quote": "quote", "source.locator": "source locator",
    "order": "place among its siblings", "title": "map title",
}


def _said(value: object) -> str:
    if isinstance(value, Kind):
        return value.value
    if isinstance(value, str):
        return _quote(value)
    return "(none)" if value is None else str(value)


def why_text(conflicts: list[Conflict], three_way: bool = True,
             mine: Node | None = None, theirs: Node | None = None, git: bool = False) -> str:
    """Why a node is a conflict: one line per field that differs, with both values quoted
    (fields empty on both sides are left out), and its text so the user knows which node."""
    lines = []
    for c in conflicts:
        if c.field == DELETED:
            lines.append("• their version does not have this node: they deleted it, or you "
                         "added it" if c.reason == NOT_THEIRS else f"• {c.reason}")
        elif c.field == "parent":
            lines.append("• it was moved: it sits under different nodes in the two versions")
        elif not (c.ours in (None, "") and c.theirs in (None, "")):
            lines.append(f"• {FIELD_SAID.get(c.field, c.field)}: yours {_said(c.ours)}, "
                         f"theirs {_said(c.theirs)}")
    node = mine or theirs
    who = "This branch and their branch" if git else "You and your teammate"
    head = (f"{who} both changed this node:" if three_way else
            "The two versions differ here (no common version is known, so argmap cannot tell "
            "who changed what):")
    return "\n".join([head, *([_quote(node.text)] if node is not None else []), *lines])


class ConflictDialog(QDialog):
    """One conflicting node: mine and theirs side by side, plain text, read-only."""

    def __init__(self, parent: QWidget | None, title: str, why: str, mine: str, theirs: str,
                 buttons: tuple[str, ...] = CONFLICT_BUTTONS):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.choice: int | None = None
        grid = QGridLayout(self)
        reason = QLabel(why)
        reason.setTextFormat(Qt.TextFormat.PlainText)
        reason.setWordWrap(True)
        grid.addWidget(reason, 0, 0, 1, 2)
        for column, (label, text) in enumerate((("Mine", mine), ("Theirs", theirs))):
            heading = QLabel(label)
            heading.setTextFormat(Qt.TextFormat.PlainText)
            grid.addWidget(heading, 1, column)
            box = QPlainTextEdit(text)
            box.setReadOnly(True)
            box.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # Enter answers, never lands in here
            box.setObjectName(label.lower())
            grid.addWidget(box, 2, column)
        row = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.buttons: list[QPushButton] = []
        for i, label in enumerate(buttons):
            button = row.addButton(label, QDialogButtonBox.ButtonRole.AcceptRole)
            assert button is not None
            button.clicked.connect(lambda _c=False, i=i: self._pick(i))
            self.buttons.append(button)
        cancel = row.button(QDialogButtonBox.StandardButton.Cancel)
        if cancel is not None:
            cancel.setAutoDefault(False)
        if self.buttons:  # Enter keeps mine, the first answer: never a silent Cancel
            self.buttons[0].setDefault(True)
            self.buttons[0].setFocus()
        row.rejected.connect(self.reject)
        grid.addWidget(row, 3, 0, 1, 2)
        self.resize(720, 360)

    def _pick(self, index: int) -> None:
        self.choice = index
        self.accept()


def ask_conflict(parent: QWidget | None, title: str, why: str, mine: str, theirs: str,
                 buttons: tuple[str, ...] = CONFLICT_BUTTONS) -> int | None:
    """Show one conflict; the index of the button clicked, None for Cancel."""
    dialog = ConflictDialog(parent, title, why, mine, theirs, buttons)
    try:
        dialog.exec()
        return dialog.choice
    finally:
        dialog.deleteLater()
