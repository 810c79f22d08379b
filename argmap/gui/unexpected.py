"""Unexpected exceptions in the GUI: logged with their traceback and shown once.

An exception that escapes a slot or an event handler is a bug. PySide6 hands it to
`sys.excepthook` and carries on, so by default it would only reach a terminal nobody
is watching. `UnexpectedErrors` writes it to the log file (argmap.core.log), prints it
to stderr, and tells the user once: the same error raised again (a paint handler runs
many times a second) is logged but not shown again, and never while its dialog is open.
"""

from __future__ import annotations

import sys
import traceback
from types import TracebackType

from argmap.core.errors import ArgmapError
from argmap.core.log import log_path, log_unexpected
from argmap.gui.dialogs import Dialogs, user_message

#: The longest exception text quoted in the dialog (the log has all of it).
SHOWN_CHARS = 300


class UnexpectedErrors:
    """A sys.excepthook: log, print, and show each distinct error once through `dialogs`."""

    def __init__(self, dialogs: Dialogs | None = None):
        self.dialogs = dialogs  # set once the window exists; before that, stderr only
        self._shown: set[tuple[str, str, int]] = set()
        self._showing = False

    def __call__(self, exc_type: type[BaseException], exc: BaseException,
                 tb: TracebackType | None) -> None:
        if isinstance(exc, ArgmapError):  # a user-facing error nobody caught: its message
            log_unexpected((exc_type, exc, tb), "an uncaught user-facing error")
            self._show(("ArgmapError", str(exc), 0), "argmap", user_message(exc))
            return
        log_unexpected((exc_type, exc, tb))
        traceback.print_exception(exc_type, exc, tb, file=sys.stderr)
        frames = traceback.extract_tb(tb)
        where = (frames[-1].filename, frames[-1].lineno or 0) if frames else ("", 0)
        text = str(exc)
        if len(text) > SHOWN_CHARS:
            text = text[: SHOWN_CHARS - 1] + "…"
        self._show(
            (exc_type.__qualname__, *where), "Unexpected error",
            "argmap met an unexpected error and could not finish what it was doing.\n\n"
            f"{exc_type.__name__}: {text}\n\nThe details are in the log file:\n{log_path()}")

    def _show(self, key: tuple[str, str, int], title: str, text: str) -> None:
        if self.dialogs is None or self._showing or key in self._shown:
            return
        self._shown.add(key)
        self._showing = True
        try:
            self.dialogs.error(title, text)
        finally:
            self._showing = False


def install_excepthook(dialogs: Dialogs | None = None) -> UnexpectedErrors:
    """Make an UnexpectedErrors the process's sys.excepthook and return it."""
    hook = UnexpectedErrors(dialogs)
    sys.excepthook = hook
    return hook
