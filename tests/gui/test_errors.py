"""Errors in the window: user-facing ones become plain messages; anything unexpected in a
slot is logged with its traceback and shown once, never swallowed."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QObject, Qt, QTimer, Signal

from argmap.core.errors import LibraryError
from argmap.core.log import log_path, setup_logging
from argmap.editing import commands
from argmap.gui.dialogs import user_message
from argmap.gui.unexpected import install_excepthook
from tests.gui.fakes import FakeDialogs


class Emitter(QObject):
    fired = Signal()


@pytest.mark.logs_warnings("^argmap: unexpected error$")
@pytest.mark.qt_no_exception_capture
def test_an_exception_in_a_slot_is_logged_and_shown_once(window, qtbot, monkeypatch, capsys,
                                                         _isolated_user_state):
    path = setup_logging()
    assert path == log_path() and path.is_relative_to(_isolated_user_state)  # never the real one
    hook = install_excepthook(window.dialogs)
    assert sys.excepthook is hook

    def broken(*_args):
        raise ZeroDivisionError("a bug in copying")

    monkeypatch.setattr(commands, "fragment_of", broken)
    window.view.select_node("qaani")
    for _ in range(2):  # Ctrl+C runs the Copy action's slot, which raises each time
        qtbot.keyClick(window.view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    QTimer.singleShot(0, broken)  # from the event loop as well
    qtbot.wait(50)

    log = path.read_text(encoding="utf-8")
    assert log.count("ZeroDivisionError: a bug in copying") == 3
    assert log.count("Traceback (most recent call last)") == 3
    assert "in copy" in log and "in broken" in log  # the whole traceback
    unexpected = [(t, x) for t, x in window.dialogs.errors if t == "Unexpected error"]
    assert len(unexpected) == 1  # the same error again is logged, not shown again
    assert "ZeroDivisionError: a bug in copying" in unexpected[0][1]
    assert str(path) in unexpected[0][1]
    assert "ZeroDivisionError" in capsys.readouterr().err  # and on stderr, as before


@pytest.mark.logs_warnings("^argmap: unexpected error in an uncaught user-facing error$")
@pytest.mark.qt_no_exception_capture
def test_an_uncaught_user_error_is_shown_as_its_message(qtbot):
    setup_logging()
    dialogs = FakeDialogs()
    install_excepthook(dialogs)
    emitter = Emitter()

    def fails() -> None:
        raise LibraryError("library.db: the disk is full")

    emitter.fired.connect(fails)
    emitter.fired.emit()
    assert dialogs.errors == [("argmap", "library.db: the disk is full")]
    assert "the disk is full" in log_path().read_text(encoding="utf-8")


def test_user_errors_are_shown_as_their_one_line_message(controllers, tmp_path):
    bad = tmp_path / "bad.argmap.json"
    bad.write_text("{ not json", encoding="utf-8")
    assert not controllers.files.open_file(str(bad))
    [(title, text)] = controllers.dialogs.errors
    assert title == "Cannot open map file" and text.startswith(str(bad))
    assert "\n" not in text
    assert user_message(LibraryError("a: b")) == "a: b"
