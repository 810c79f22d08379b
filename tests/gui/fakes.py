"""FakeDialogs: the Dialogs interface answered from a script, for tests.

A test says what the user will answer (`answer`) and reads what was shown (`shown`,
`errors`, `texts`). A question nobody scripted fails the test at once rather than
hanging on a modal dialog.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtPrintSupport import QPrinter

from argmap.formats.options import ExportOptions
from argmap.gui.dialogs import Dialogs

_UNSET = object()


class FakeProgress:
    def __init__(self, cancel: bool):
        self.cancel = cancel
        self.steps: list[tuple[int, int]] = []
        self.closed = False

    def advance(self, done: int, total: int) -> bool:
        self.steps.append((done, total))
        return not self.cancel

    def close(self) -> None:
        self.closed = True


class FakeDialogs(Dialogs):
    def __init__(self) -> None:
        self.shown: list[tuple[str, str, str]] = []  # (method, title, text or prompt)
        self._queued: dict[str, deque[Any]] = defaultdict(deque)
        self._always: dict[str, Any] = {}
        self.cancel_progress = False
        self.progresses: list[FakeProgress] = []
        self.export_evaluation: bool | None = None  # the Export dialog's evaluation box, as offered

    def answer(self, method: str, *answers: Any, always: Any = _UNSET) -> None:
        """Queue answers for `method` (used in turn), or one for every call (`always`).
        An answer may be a callable, called with the method's arguments."""
        self._queued[method].extend(answers)
        if always is not _UNSET:
            self._always[method] = always

    def texts(self, method: str) -> list[str]:
        return [text for m, _title, text in self.shown if m == method]

    @property
    def errors(self) -> list[tuple[str, str]]:
        return [(title, text) for m, title, text in self.shown if m == "error"]

    def _reply(self, method: str, title: str, text: str, *args: Any) -> Any:
        self.shown.append((method, title, text))
        if self._queued[method]:
            answer = self._queued[method].popleft()
        elif method in self._always:
            answer = self._always[method]
        else:
            raise AssertionError(f"unscripted dialog {method}({title!r}, {text!r})")
        return answer(title, text, *args) if callable(answer) else answer

    def ask(self, title: str, text: str) -> bool:
        return bool(self._reply("ask", title, text))

    def choose(self, title: str, text: str, buttons: Sequence[str],
               destructive: int | None = None) -> int | None:
        return self._reply("choose", title, text, buttons)

    def choose_item(self, title: str, prompt: str, labels: Sequence[str]) -> int | None:
        return self._reply("choose_item", title, prompt, labels)

    def prompt_text(self, title: str, label: str, text: str = "") -> str | None:
        return self._reply("prompt_text", title, label, text)

    def error(self, title: str, text: str) -> None:
        self.shown.append(("error", title, text))

    def info(self, title: str, text: str) -> None:
        self.shown.append(("info", title, text))

    def about(self, text: str) -> None:
        self.shown.append(("about", "About argmap", text))

    def open_file_name(self, title: str, filter: str) -> str | None:
        return self._reply("open_file_name", title, filter)

    def save_file_name(self, title: str, suggested: str, filter: str) -> str | None:
        return self._reply("save_file_name", title, suggested, filter)

    def export_options(self, has_selection: bool, direction: str, selected: str | None,
                       evaluation: bool = False) -> tuple[str, ExportOptions] | None:
        self.export_evaluation = evaluation  # what the dialog would start with
        return self._reply("export_options", "Export map", direction, has_selection, selected)

    def preferences(self, current: Any, default_library: str) -> Any:
        """The answer may be a callable: it gets ("Preferences", default_library, current)."""
        return self._reply("preferences", "Preferences", default_library, current)

    def print_preview(self, title: str, paint: Callable[[QPrinter], None]) -> bool:
        """The answer may be a callable: it gets (title, "", paint) and prints with paint."""
        return bool(self._reply("print_preview", title, "", paint))

    def progress(self, title: str, text: str) -> FakeProgress:
        self.shown.append(("progress", title, text))
        progress = FakeProgress(self.cancel_progress)
        self.progresses.append(progress)
        return progress

