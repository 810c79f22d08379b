"""Every setting argmap keeps between runs, declared once — key, type, default, what it is —
and the one way to read and write them (Settings.get / Settings.set).

Settings are an INI file in the per-user config folder (settings_path(); tests pass a file
in their tmp_path), never the registry or ~/.config/QtProject. A stored value of the wrong
type (a hand edit, another version) is logged and its setting's default used instead.

A per-library setting is kept under the library's resolved path: two libraries each reopen
their own last map and list their own recent files. (The global `library/last_map` and
`files/recent` of earlier versions are not read: they belonged to whichever library ran
last. Nor is the older `view/direction`: it held "down" for everyone, and would hide the
compact default from every earlier user.)
"""

from __future__ import annotations

import hashlib
import logging
import os
from dataclasses import dataclass
from enum import Enum, StrEnum
from pathlib import Path
from typing import Any, Generic, TypeVar, cast

import platformdirs
from PySide6.QtCore import QByteArray, QSettings

from argmap.core.errors import excerpt
from argmap.core.layout import DEFAULT_LAYOUT, LayoutStyle

log = logging.getLogger(__name__)

T = TypeVar("T")


@dataclass(frozen=True)
class Setting(Generic[T]):
    """One setting. `type` is str, bool, QByteArray, tuple (of str) or a str Enum."""

    key: str
    type: type
    default: T
    doc: str
    per_library: bool = False


WINDOW_GEOMETRY: Setting[QByteArray] = Setting(
    "window/geometry", QByteArray, QByteArray(),
    "The main window's size and place (QMainWindow.saveGeometry); empty: the default size.")
WINDOW_STATE: Setting[QByteArray] = Setting(
    "window/state", QByteArray, QByteArray(),
    "Which docks are shown, where and how wide (QMainWindow.saveState).")
LAYOUT: Setting[LayoutStyle] = Setting(
    "view/layout", LayoutStyle, DEFAULT_LAYOUT,
    "View ▸ Layout: every map opens in it; the export dialog starts with it.")
SHOW_EVALUATION: Setting[bool] = Setting(
    "view/show_evaluation", bool, False,
    "View ▸ Show Evaluation: each box marked with its strength and standing. Off by default "
    "(the Inspector shows them for the selected node either way).")
SHOW_SOURCE: Setting[bool] = Setting(
    "view/source_pane", bool, False,
    "View ▸ Source: the Source pane beside the canvas (the source's text, its quoted passages "
    "highlighted). Off by default; attaching a text shows it.")
LAST_FOLDER: Setting[str] = Setting(
    "files/last_folder", str, "",
    "The folder of the file last opened or saved through a file dialog: the next one starts "
    "there (empty, or gone: the Documents folder).")
LAST_MAP: Setting[str] = Setting(
    "last_map", str, "",
    "The id of the map open when argmap last closed on this library: it opens again.",
    per_library=True)
RECENT_PATHS: Setting[tuple[str, ...]] = Setting(
    "recent_files", tuple, (),
    "File ▸ Open Recent: the map files last opened into this library, newest first.",
    per_library=True)
LIBRARY_PATH: Setting[str] = Setting(
    "path", str, "",
    "The library a group of per-library settings belongs to (written with them, for a "
    "reader of the file: the group's name is a digest of this path).",
    per_library=True)


class ExportScale(StrEnum):
    """File ▸ Export…'s starting scale for PNG."""

    SCREEN = "screen"  # 1×
    RETINA = "retina"  # 2×: slides, high-density screens
    PRINT = "print"  # 300 dpi


class ExportPage(StrEnum):
    """File ▸ Export…'s starting paper for PDF."""

    LOCALE = "locale"  # A4, or Letter in US/Canada-style locales
    A4 = "A4"
    LETTER = "Letter"
    MAP = "map"  # one page the map's size


EXPORT_SCALE: Setting[ExportScale] = Setting(
    "export/scale", ExportScale, ExportScale.RETINA,
    "Edit ▸ Preferences…: the scale File ▸ Export… starts with for PNG.")
EXPORT_PAGE: Setting[ExportPage] = Setting(
    "export/page", ExportPage, ExportPage.LOCALE,
    "Edit ▸ Preferences…: the paper File ▸ Export… starts with for PDF.")
EXPORT_TITLE: Setting[bool] = Setting(
    "export/title", bool, True, "Edit ▸ Preferences…: exported pictures start with a title header.")
EXPORT_LEGEND: Setting[bool] = Setting(
    "export/legend", bool, True, "Edit ▸ Preferences…: exported pictures start with a legend.")
EXPORT_SOURCES: Setting[bool] = Setting(
    "export/sources", bool, True, "Edit ▸ Preferences…: exported pictures start with a source line.")
LIBRARY_FILE: Setting[str] = Setting(
    "library/file", str, "",
    "Edit ▸ Preferences…: the library the editor opens (empty: $ARGMAP_DB, else the per-user "
    "data folder). Read when argmap starts: a change takes effect at the next start; --db "
    "on the command line wins.")

#: Every setting, for a reader and for tests.
SPEC: tuple[Setting[Any], ...] = (WINDOW_GEOMETRY, WINDOW_STATE, LAYOUT, SHOW_EVALUATION,
                                  SHOW_SOURCE, LAST_FOLDER, LAST_MAP, RECENT_PATHS, LIBRARY_PATH,
                                  EXPORT_SCALE, EXPORT_PAGE, EXPORT_TITLE, EXPORT_LEGEND,
                                  EXPORT_SOURCES, LIBRARY_FILE)


def chosen_library(settings: Settings) -> Path | None:
    """The library Preferences chose for the editor; None: the default one."""
    chosen = settings.get(LIBRARY_FILE).strip()
    return Path(chosen).expanduser() if chosen else None


def settings_path() -> Path:
    return Path(platformdirs.user_config_dir("argmap", appauthor=False)) / "argmap.ini"


def make_settings(path: Path | None = None) -> Settings:
    """INI settings at an explicit path: nothing goes to the registry or ~/.config/QtProject."""
    return Settings(QSettings(str(path or settings_path()), QSettings.Format.IniFormat))


def library_group(library: str | os.PathLike[str]) -> str:
    """The settings group of one library: a digest of its resolved path (a path is no
    INI key: its slashes would nest groups)."""
    resolved = str(Path(library).expanduser().resolve())
    return "libraries/" + hashlib.sha256(resolved.encode("utf-8", "surrogateescape")).hexdigest()[:16]


def _coerced(setting: Setting[Any], raw: object) -> object | None:
    """The stored value as the setting's type, or None if it is not one."""
    kind = setting.type
    if kind is tuple:  # of str; QSettings gives a one-item list back as a plain string
        if isinstance(raw, str):
            return (raw,)
        if isinstance(raw, list) and all(isinstance(item, str) for item in raw):
            return tuple(raw)
        return None
    if kind is bool:  # an INI file holds "true" / "false"
        if isinstance(raw, bool):
            return raw
        return {"true": True, "false": False}.get(raw) if isinstance(raw, str) else None
    if issubclass(kind, Enum):
        try:
            return kind(raw) if isinstance(raw, str) else None
        except ValueError:
            return None
    return raw if isinstance(raw, kind) else None


class Settings:
    """Typed reads and writes of the settings in SPEC, over one QSettings (`store`)."""

    def __init__(self, store: QSettings):
        self.store = store

    def _key(self, setting: Setting[Any], library: str | os.PathLike[str] | None) -> str:
        if setting.per_library != (library is not None):
            raise ValueError(f"setting {setting.key}: per_library={setting.per_library}, "
                             f"library={library!r}")
        return f"{library_group(library)}/{setting.key}" if library is not None else setting.key

    def get(self, setting: Setting[T], library: str | os.PathLike[str] | None = None) -> T:
        """The stored value, or the default if none is stored or it is of the wrong type
        (logged). `library`: the library's path, for (and only for) a per-library setting."""
        key = self._key(setting, library)
        raw = self.store.value(key)
        if raw is None:
            return setting.default
        value = _coerced(setting, raw)
        if value is None:
            log.warning("setting %s in %s: %s is not a %s; using the default %s", key,
                        self.store.fileName(), excerpt(raw), setting.type.__name__,
                        excerpt(setting.default))
            return setting.default
        return cast(T, value)

    def set(self, setting: Setting[T], value: T, library: str | os.PathLike[str] | None = None) -> None:
        key = self._key(setting, library)
        if isinstance(value, Enum):
            self.store.setValue(key, value.value)
        elif isinstance(value, tuple):
            self.store.setValue(key, list(value))
        else:
            self.store.setValue(key, value)
        if library is not None and setting is not LIBRARY_PATH:
            self.set(LIBRARY_PATH, str(Path(library).expanduser().resolve()), library)

    def sync(self) -> None:
        """Write what was set to the file now (Qt also does it on its own, later)."""
        self.store.sync()
