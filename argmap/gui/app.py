"""Application set-up, kept apart from MainWindow so tests can build windows directly."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import cast

from PySide6.QtCore import QEvent, QTimer
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from argmap.core.log import setup_logging
from argmap.core.seed import open_library
from argmap.core.store import LibraryError, default_path, missing_folder
from argmap.desktop import APP_ID
from argmap.gui.dialogs import Dialogs, plain_message_box
from argmap.gui.icon import app_icon
from argmap.gui.mainwindow import MainWindow
from argmap.gui.settings import Settings, chosen_library, make_settings
from argmap.gui.single_instance import SingleInstance, raise_and_open
from argmap.gui.unexpected import install_excepthook

log = logging.getLogger(__name__)

#: The start-of-session backup runs once the window is up, not before it.
STARTUP_BACKUP_DELAY_MS = 1500
#: Set (to milliseconds), the editor quits that long after start-up: the installer build's
#: smoke test (.ci/build-app) starts the built app offscreen and needs it to end by itself.
QUIT_AFTER_ENV = "ARGMAP_QUIT_AFTER_MS"


class ArgmapApplication(QApplication):
    """The application. On macOS a double-clicked map file reaches it as a QFileOpenEvent
    (not on the command line): the file is opened by `open_files_with`'s callback, or kept
    until there is one (an event may come while the window is still being built)."""

    def __init__(self, argv: Sequence[str]):
        super().__init__(list(argv))
        self.pending_files: list[str] = []
        self._open: Callable[[str], object] | None = None

    def open_files_with(self, open_file: Callable[[str], object]) -> None:
        self._open = open_file
        pending, self.pending_files = self.pending_files, []
        for path in pending:
            open_file(path)

    def event(self, event: QEvent) -> bool:
        if event.type() != QEvent.Type.FileOpen:
            return super().event(event)
        opened = cast(QFileOpenEvent, event)
        path = opened.file() or opened.url().toLocalFile()
        if path:
            log.info("the desktop asked to open %s", path)
            if self._open is None:
                self.pending_files.append(path)
            else:
                self._open(path)
        return True


def create_window(db: Path | None = None, settings: Settings | None = None,
                  dialogs: Dialogs | None = None, *,
                  create_folder: bool | None = None) -> MainWindow:
    """Open (and on first use seed) the library and build the main window on it.
    `dialogs` replaces the real dialogs (tests pass a fake); create_folder: see
    store.missing_folder (the user was asked)."""
    library = open_library(db, create_folder=create_folder)
    window = MainWindow(library, settings or make_settings(), dialogs)
    window.setWindowIcon(app_icon())
    window.destroyed.connect(library.close)
    QTimer.singleShot(STARTUP_BACKUP_DELAY_MS, window, window.files.make_backup)  # after start-up
    return window


def _release_clipboard() -> None:
    """Drop our QMimeData before QApplication goes: PySide6 crashes at exit if it outlives it."""
    clipboard = QApplication.clipboard()
    if clipboard.ownsClipboard():
        clipboard.clear()


def _ask_to_create(folder: Path) -> bool:
    """`--db` names a library in a folder that does not exist: ask before making it."""
    box = plain_message_box(
        None, QMessageBox.Icon.Question, "argmap",
        f"The folder {folder} does not exist. Create it and start a new library there?")
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
    return box.exec() == QMessageBox.StandardButton.Yes


def run(db: Path | None = None, open_file: str | None = None) -> int:
    setup_logging()
    # Exceptions escaping a slot are logged and shown once (argmap.gui.unexpected).
    excepthook = install_excepthook()
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else ArgmapApplication(sys.argv[:1])
    app.setApplicationName("argmap")
    app.setOrganizationName("argmap")
    app.setApplicationDisplayName("argmap")
    app.setDesktopFileName(APP_ID)  # the launcher --install-desktop writes (Wayland's app id)
    app.setWindowIcon(app_icon())
    settings = make_settings()
    if db is None:  # Edit ▸ Preferences…' library location, read at start (--db wins)
        db = chosen_library(settings)
    instance = SingleInstance(db if db is not None else default_path(), app)
    if not instance.claim():  # an editor has this library open: it opens the file
        if instance.hand_over(os.path.abspath(open_file) if open_file else None):
            return 0
        print("argmap: another argmap editor has this library open but does not answer; "
              "close it and try again", file=sys.stderr)
        return 1
    folder = missing_folder(db) if db is not None else None
    if folder is not None and not _ask_to_create(folder):
        return 1
    try:
        window = create_window(db, settings, create_folder=folder is not None)
    except LibraryError as exc:
        log.warning("cannot open the library: %s", exc, exc_info=exc)
        box = plain_message_box(None, QMessageBox.Icon.Critical, "argmap", str(exc))
        box.exec()
        print(f"argmap: {exc}", file=sys.stderr)
        return 1
    log.info("editor started on %s", window.library.path)
    excepthook.dialogs = window.dialogs
    app.aboutToQuit.connect(_release_clipboard)
    app.aboutToQuit.connect(instance.release)
    instance.requested.connect(raise_and_open(window, window.files.open_file))
    window.show()
    if open_file:
        window.files.open_file(open_file)
    if isinstance(app, ArgmapApplication):  # macOS: a file double-clicked in the Finder
        app.open_files_with(raise_and_open(window, window.files.open_file))
    if window.doc is None:
        window.files.open_initial_map()
    _quit_after(app)
    return app.exec()


def _quit_after(app: QApplication) -> None:
    value = os.environ.get(QUIT_AFTER_ENV, "")
    if value.isdigit():
        log.info("quitting in %s ms (%s)", value, QUIT_AFTER_ENV)
        QTimer.singleShot(int(value), app, app.closeAllWindows)
