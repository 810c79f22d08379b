"""Dialogs: everything the window asks or tells the user, behind one small interface.

Controllers never build a QMessageBox themselves: they call a `Dialogs` object, so a
test passes a fake one (tests/gui/fakes.py) that answers from a script and records
what was shown, instead of monkeypatching the window. All text in and out is plain:
map and file text shown as rich text could make Qt load local files.

`user_message` is the one place that turns a user-facing error into the text shown.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from argmap.core.errors import ArgmapError
from argmap.gui.settings import LAST_FOLDER, Settings

if TYPE_CHECKING:  # typing only: the export options load with the export dialog
    from PySide6.QtPrintSupport import QPrinter

    from argmap.formats.options import ExportOptions
    from argmap.gui.preferences import Preferences

ABOUT_ICON_PX = 64
#: A progress dialog shows only for work that takes longer than this.
PROGRESS_DELAY_MS = 400


def user_message(exc: ArgmapError | ValueError) -> str:
    """The text shown for a user-facing error: its one-line `str()`.

    ValueError covers the model's validation (a title too long, say): user input the
    model refused, which the window reports the same way.
    """
    return str(exc)


def plural(count: int, word: str, many: str | None = None) -> str:
    """"1 node", "2 nodes": a count with its noun in the right number."""
    return f"{count:,} {word}" if count == 1 else f"{count:,} {many or word + 's'}"


def plain_message_box(parent: QWidget | None, icon: QMessageBox.Icon, title: str,
                      text: str) -> QMessageBox:
    """A message box that shows `text` literally: map and file text is never rich text."""
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    return box


#: A message of this many lines or more is shown in a scrolling box: a message box grows
#: with its text, and F1's list of shortcuts was taller than an 800-pixel screen.
LONG_TEXT_LINES = 20


def long_text_dialog(parent: QWidget | None, title: str, text: str) -> QDialog:
    """A dialog showing `text` literally in a read-only, scrolling box that fits the screen."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    box = QPlainTextEdit(dialog)
    box.setReadOnly(True)
    box.setPlainText(text)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    buttons.rejected.connect(dialog.reject)
    buttons.accepted.connect(dialog.accept)
    column = QVBoxLayout(dialog)
    column.addWidget(box)
    column.addWidget(buttons)
    screen = (parent.screen() if parent is not None else QGuiApplication.primaryScreen())
    room = screen.availableGeometry() if screen is not None else None
    height = 600 if room is None else min(600, room.height() * 3 // 4)
    dialog.resize(520, height)
    return dialog


class Progress(Protocol):
    """A running task's progress report; `advance` is False once the user cancelled."""

    def advance(self, done: int, total: int) -> bool: ...

    def close(self) -> None: ...


class Dialogs(ABC):
    """What the GUI asks the user. Every method takes and returns plain text."""

    @abstractmethod
    def ask(self, title: str, text: str) -> bool:
        """Yes or Cancel (the default)."""

    @abstractmethod
    def choose(self, title: str, text: str, buttons: Sequence[str],
               destructive: int | None = None) -> int | None:
        """Index of the button clicked (the first is the default); None for Cancel.
        `destructive` marks the button that throws something away."""

    @abstractmethod
    def choose_item(self, title: str, prompt: str, labels: Sequence[str]) -> int | None:
        """Index of the entry picked from a list; None if cancelled."""

    @abstractmethod
    def prompt_text(self, title: str, label: str, text: str = "") -> str | None:
        """One line of text from the user; None if cancelled."""

    @abstractmethod
    def error(self, title: str, text: str) -> None: ...

    @abstractmethod
    def info(self, title: str, text: str) -> None: ...

    @abstractmethod
    def about(self, text: str) -> None:
        """Help ▸ About argmap: `text` beside argmap's icon."""

    @abstractmethod
    def open_file_name(self, title: str, filter: str) -> str | None: ...

    @abstractmethod
    def save_file_name(self, title: str, suggested: str, filter: str) -> str | None: ...

    @abstractmethod
    def export_options(self, has_selection: bool, direction: str, selected: str | None,
                       evaluation: bool = False) -> tuple[str, ExportOptions] | None:
        """File ▸ Export…: the chosen suffix and options; None if cancelled. `evaluation`:
        the canvas shows its marks (the picture then starts with them too)."""

    @abstractmethod
    def preferences(self, current: Preferences, default_library: str) -> Preferences | None:
        """Edit ▸ Preferences…: the values chosen; None if cancelled."""

    @abstractmethod
    def print_preview(self, title: str, paint: Callable[[QPrinter], None]) -> bool:
        """File ▸ Print…: a preview that calls `paint` with each printer it draws on (the
        preview's, then the one printed on); True if the user printed."""

    @abstractmethod
    def progress(self, title: str, text: str) -> Progress:
        """A progress report with Cancel, shown only if the work takes a while."""

    def resolve_conflict(self, title: str, why: str, mine: str, theirs: str,
                         buttons: Sequence[str]) -> int | None:
        """One merge conflict, mine and theirs side by side: the index of the button
        clicked, None for Cancel. By default a `choose` whose text holds both sides."""
        return self.choose(title, f"{why}\n\nMine:\n{mine}\n\nTheirs:\n{theirs}", buttons)

    def failed(self, title: str, exc: ArgmapError | ValueError) -> None:
        """Show a user-facing error (the one way controllers report one)."""
        self.error(title, user_message(exc))


def documents_folder() -> str:
    """The user's Documents folder (their home if the system names none)."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return found if found and Path(found).is_dir() else str(Path.home())


class QtDialogs(Dialogs):
    """The real dialogs, modal on `parent`. File dialogs open in the folder last used
    (kept in `settings`), else in Documents: never in whatever folder argmap started in."""

    def __init__(self, parent: QWidget | None = None, settings: Settings | None = None):
        self.parent = parent
        self.settings = settings

    def start_folder(self) -> str:
        last = self.settings.get(LAST_FOLDER) if self.settings is not None else ""
        return last if last and Path(last).is_dir() else documents_folder()

    def _used(self, path: str) -> str:
        if path and self.settings is not None:
            self.settings.set(LAST_FOLDER, str(Path(path).parent))
        return path

    def ask(self, title: str, text: str) -> bool:
        box = plain_message_box(self.parent, QMessageBox.Icon.Question, title, text)
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        return box.exec() == QMessageBox.StandardButton.Yes

    def choice_box(self, title: str, text: str, buttons: Sequence[str],
                   destructive: int | None = None) -> tuple[QMessageBox, list[QPushButton]]:
        """The box `choose` shows: the given buttons and Cancel, the first the default."""
        box = plain_message_box(self.parent, QMessageBox.Icon.Question, title, text)
        box.setStandardButtons(QMessageBox.StandardButton.Cancel)
        made = []
        for i, label in enumerate(buttons):
            role = (QMessageBox.ButtonRole.DestructiveRole if i == destructive
                    else QMessageBox.ButtonRole.AcceptRole)
            made.append(box.addButton(label, role))
        if made:
            box.setDefaultButton(made[0])
        return box, made

    def choose(self, title: str, text: str, buttons: Sequence[str],
               destructive: int | None = None) -> int | None:
        box, made = self.choice_box(title, text, buttons, destructive)
        box.exec()
        clicked = box.clickedButton()
        return next((i for i, button in enumerate(made) if button is clicked), None)

    def choose_item(self, title: str, prompt: str, labels: Sequence[str]) -> int | None:
        choice, ok = QInputDialog.getItem(self.parent, title, prompt, list(labels), 0, False)
        return list(labels).index(choice) if ok else None

    def prompt_text(self, title: str, label: str, text: str = "") -> str | None:
        value, ok = QInputDialog.getText(self.parent, title, label, QLineEdit.EchoMode.Normal, text)
        return value if ok else None

    def error(self, title: str, text: str) -> None:
        plain_message_box(self.parent, QMessageBox.Icon.Warning, title, text).exec()

    def info(self, title: str, text: str) -> None:
        if text.count("\n") < LONG_TEXT_LINES:
            plain_message_box(self.parent, QMessageBox.Icon.Information, title, text).exec()
            return
        long_text_dialog(self.parent, title, text).exec()

    def about(self, text: str) -> None:
        from argmap.gui.icon import app_icon

        box = plain_message_box(self.parent, QMessageBox.Icon.NoIcon, "About argmap", text)
        box.setIconPixmap(app_icon().pixmap(ABOUT_ICON_PX))
        box.exec()

    def open_file_name(self, title: str, filter: str) -> str | None:
        path, _ = QFileDialog.getOpenFileName(self.parent, title, self.start_folder(), filter)
        return self._used(path) or None

    def save_file_name(self, title: str, suggested: str, filter: str) -> str | None:
        start = str(Path(self.start_folder()) / suggested)
        path, _ = QFileDialog.getSaveFileName(self.parent, title, start, filter)
        return self._used(path) or None

    def export_options(self, has_selection: bool, direction: str, selected: str | None,
                       evaluation: bool = False) -> tuple[str, ExportOptions] | None:
        from argmap.gui.panels.export_dialog import ExportDialog
        from argmap.gui.preferences import start_export_dialog

        dialog = ExportDialog(self.parent, has_selection, direction, evaluation)
        start_export_dialog(dialog, self.settings)  # Edit ▸ Preferences…' export choices
        if dialog.exec() != ExportDialog.DialogCode.Accepted:
            return None
        return dialog.suffix(), dialog.options(selected)

    def preferences(self, current: Preferences, default_library: str) -> Preferences | None:
        from argmap.gui.preferences import PreferencesDialog

        dialog = PreferencesDialog(self.parent, current, default_library)
        if dialog.exec() != PreferencesDialog.DialogCode.Accepted:
            return None
        return dialog.preferences()

    def print_preview(self, title: str, paint: Callable[[QPrinter], None]) -> bool:
        from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog  # loaded when used

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintPreviewDialog(printer, self.parent)
        dialog.setWindowTitle(title)
        dialog.paintRequested.connect(paint)
        return dialog.exec() == QDialog.DialogCode.Accepted

    def progress(self, title: str, text: str) -> Progress:
        return ProgressDialog(self.parent, title, text)

    def resolve_conflict(self, title: str, why: str, mine: str, theirs: str,
                         buttons: Sequence[str]) -> int | None:
        from argmap.gui.merge_dialog import ask_conflict

        return ask_conflict(self.parent, title, why, mine, theirs, tuple(buttons))


class ProgressDialog:
    """A QProgressDialog as a Progress: events are processed at each step so Cancel works."""

    def __init__(self, parent: QWidget | None, title: str, text: str):
        self.dialog = dialog = QProgressDialog(text, "Cancel", 0, 100, parent)
        dialog.setWindowTitle(title)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(PROGRESS_DELAY_MS)
        dialog.setValue(0)

    def advance(self, done: int, total: int) -> bool:
        self.dialog.setMaximum(max(total, 1))
        self.dialog.setValue(done)
        QApplication.processEvents()
        return not self.dialog.wasCanceled()

    def close(self) -> None:
        self.dialog.reset()
        self.dialog.deleteLater()
