"""View ▸ Show Evaluation: whether the canvas marks each box with its strength and standing
(look_eval.py draws them), for whichever map is open.

The marks cost nothing while they are off. While on, a box reads its mark from the open
map's evaluation as it paints (MapScene.marks), and an edit repaints only the boxes whose
strength or standing it changed (DocumentEvaluation.changed: the edited nodes and the
ancestors it reached), each by its area on the scene, or the visible area when that is
many boxes.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from argmap.gui.workspace import Workspace

#: From this many changed boxes one update of the scene beats one update per box (Qt then
#: repaints the visible area once, whatever it holds).
MANY = 500


class EvaluationDisplay(QObject):
    shown_changed = Signal(bool)

    def __init__(self, workspace: Workspace, parent: QObject | None = None):
        super().__init__(parent)
        self.workspace = workspace
        self.shown = False
        workspace.document_changed.connect(self._attach)

    def set_shown(self, shown: bool) -> None:
        if shown == self.shown:
            return
        self.shown = shown
        self._apply()
        self.shown_changed.emit(shown)

    def _attach(self) -> None:
        evaluation = self.workspace.evaluation
        if evaluation is not None:  # its connection goes with it when the map closes
            evaluation.changed.connect(self._changed)
        self._apply()

    def _apply(self) -> None:
        scene, evaluation = self.workspace.scene, self.workspace.evaluation
        if scene is None or evaluation is None:
            return
        marks = evaluation.mark if self.shown else None
        if marks != scene.marks:
            scene.marks = marks
            scene.update()

    def _changed(self, ids: list[str]) -> None:
        scene = self.workspace.scene
        if scene is None or scene.marks is None:
            return
        if len(ids) >= MANY:
            scene.update()
            return
        nodes = scene.nodes
        for node_id in ids:
            item = nodes.get(node_id)
            if item is not None and item.isVisible():
                # The area, not the item: an item's update() makes the scene visit every
                # item of the map (~35 ms at 50,000 nodes); an area's costs what it shows.
                scene.update(item.sceneBoundingRect())
