"""Random edit/undo/redo sequences: the map always equals a replay of the surviving edits."""

from __future__ import annotations

import contextlib
import itertools

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule
from PySide6.QtWidgets import QApplication

from argmap.core.errors import EditRejected
from argmap.core.model import allowed_child_kinds
from argmap.core.seed import seed_map
from argmap.editing import commands
from argmap.editing.commands import Macro
from argmap.editing.document import MapDocument
from tests.reliability import stats

APP = QApplication.instance() or QApplication([])
TEXT = st.text(alphabet="abcdefghij <>&é’\n", min_size=1, max_size=40).filter(lambda s: s.strip())


class UndoHistory(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.original = seed_map()
        self.doc = MapDocument(self.original)
        self.history: list = []  # the commands on the stack, in order
        # new node ids must be the same on every replay of an example (no uuids)
        counter = itertools.count()
        self._real_new_id = commands.new_id
        commands.new_id = lambda: f"t{next(counter)}"

    def _ids(self) -> list[str]:
        return sorted(n.id for n in self.doc.nodes())

    def _push(self, command) -> None:
        if command is None:
            return
        stack = self.doc.undo_stack
        self.history = self.history[: stack.index()]
        stack.push(command)
        if commands.refusal(command) is None:
            self.history.append(command)
        stats.record("undo_operations", 1)

    @rule(data=st.data())
    def add(self, data) -> None:
        parent = data.draw(st.sampled_from([None, *self._ids()]))
        node = self.doc.get(parent)
        kind = data.draw(st.sampled_from(allowed_child_kinds(node.kind if node else None)))
        index = data.draw(st.none() | st.integers(0, len(self.doc.children(parent))))
        cmd, _ = commands.add_child(self.doc, parent, kind, data.draw(TEXT), index)
        self._push(cmd)

    @precondition(lambda self: len(self.doc) > 1)
    @rule(data=st.data())
    def delete(self, data) -> None:
        chosen = data.draw(st.lists(st.sampled_from(self._ids()), min_size=1, max_size=3))
        self._push(commands.delete_subtrees(self.doc, chosen))

    @precondition(lambda self: len(self.doc) > 0)
    @rule(data=st.data())
    def edit(self, data) -> None:
        node_id = data.draw(st.sampled_from(self._ids()))
        kind = data.draw(st.none() | st.sampled_from(self.doc.allowed_kinds(node_id)))
        with contextlib.suppress(EditRejected):  # e.g. a kind the children forbid
            self._push(commands.edit_node(self.doc, node_id, text=data.draw(TEXT), kind=kind))

    @precondition(lambda self: len(self.doc) > 0)
    @rule(data=st.data())
    def move(self, data) -> None:
        node_id = data.draw(st.sampled_from(self._ids()))
        parent = data.draw(st.sampled_from([None, *self._ids()]))
        index = data.draw(st.none() | st.integers(0, 5))
        with contextlib.suppress(EditRejected):  # into its own subtree, or against the rules
            self._push(commands.move_node(self.doc, node_id, parent, index))

    @rule()
    def undo(self) -> None:
        self.doc.undo_stack.undo()
        stats.record("undo_operations", 1)

    @rule()
    def redo(self) -> None:
        self.doc.undo_stack.redo()
        stats.record("undo_operations", 1)

    @invariant()
    def equals_a_replay_of_the_surviving_edits(self) -> None:
        current = self.doc.to_map()  # validates the whole map
        replay = MapDocument(self.original)
        for command in self.history[: self.doc.undo_stack.index()]:
            for part in command.parts if isinstance(command, Macro) else [command]:
                replay.apply(part.after)
        assert replay.to_map().nodes == current.nodes

    def teardown(self) -> None:
        commands.new_id = self._real_new_id
        self.doc.deleteLater()


UndoHistory.TestCase.settings = settings(
    max_examples=3, stateful_step_count=1000, deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
TestUndoHistory = UndoHistory.TestCase
TestUndoHistory.pytestmark = [pytest.mark.slow]
