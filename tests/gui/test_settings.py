"""Settings: one spec (gui/settings.py), typed reads that fall back to the default, and the
last map and recent files kept per library."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray

from argmap.core.layout import DEFAULT_LAYOUT, LayoutStyle
from argmap.core.mapfile import write_map
from argmap.core.seed import open_library
from argmap.gui import settings as spec
from argmap.gui.library_actions import SEED_MAP
from tests.helpers import small_map

REPO = Path(__file__).resolve().parents[2]


def two_libraries(tmp_path: Path) -> tuple[Path, Path, str]:
    """Two libraries holding the same maps (one copied from the other): the seed map and
    one more, whose id is returned."""
    first, second = tmp_path / "first" / "library.db", tmp_path / "second" / "library.db"
    first.parent.mkdir()
    second.parent.mkdir()
    with open_library(first) as library:
        extra = library.add_new(small_map("In both libraries")).info.id
    shutil.copyfile(first, second)
    return first, second, extra


def recent_menu(window) -> list[str]:
    """File ▸ Open Recent as the user sees it: each entry's full path (its status tip)."""
    menu = window.action_table.recent_menu
    menu.aboutToShow.emit()
    return [a.statusTip() for a in menu.actions() if a.isEnabled()]


def test_each_library_reopens_its_own_last_map(make_window, tmp_path):
    first, second, extra = two_libraries(tmp_path)
    window = make_window(first)
    window.files.open_map(extra)
    window.close()

    window = make_window(second)  # never closed on a map yet: its first map, not first's last
    assert window.doc is not None and window.doc.map_id == SEED_MAP
    window.close()

    for library, last in ((first, extra), (second, SEED_MAP)):  # a restart on each
        window = make_window(library)
        assert window.doc is not None and window.doc.map_id == last
        window.close()


def test_recent_files_are_listed_per_library(make_window, tmp_path):
    first, second, _ = two_libraries(tmp_path)
    sent = {}
    for name in ("for-first", "for-second"):
        sent[name] = tmp_path / f"{name}.argmap.json"
        write_map(small_map(name), sent[name])

    window = make_window(first)
    assert window.files.open_file(str(sent["for-first"]))
    window.close()
    window = make_window(second)
    assert recent_menu(window) == []
    assert window.files.open_file(str(sent["for-second"]))
    window.close()

    assert recent_menu(make_window(first)) == [str(sent["for-first"].resolve())]
    assert recent_menu(make_window(second)) == [str(sent["for-second"].resolve())]


def test_a_library_is_one_library_however_its_path_is_spelled(tmp_path):
    settings = spec.make_settings(tmp_path / "s.ini")
    (tmp_path / "lib").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "lib")
    settings.set(spec.LAST_MAP, "m1", tmp_path / "lib" / "library.db")
    assert settings.get(spec.LAST_MAP, tmp_path / "link" / ".." / "lib" / "library.db") == "m1"
    assert settings.get(spec.LAST_MAP, tmp_path / "link" / "library.db") == "m1"
    assert settings.get(spec.LAST_MAP, tmp_path / "other.db") == ""
    group = spec.library_group(tmp_path / "lib" / "library.db")
    assert settings.store.value(f"{group}/path") == str((tmp_path / "lib" / "library.db").resolve())


def test_values_come_back_as_their_type_through_the_file(tmp_path):
    settings = spec.make_settings(tmp_path / "s.ini")
    library = tmp_path / "library.db"
    geometry = QByteArray(b"\x00\x01binary\xff")
    settings.set(spec.WINDOW_GEOMETRY, geometry)
    settings.set(spec.LAYOUT, LayoutStyle.RIGHT)
    settings.set(spec.LAST_FOLDER, "/somewhere, with a comma")
    for paths in ((), ("/one, with a comma",), ("/a", "/b")):
        settings.set(spec.RECENT_PATHS, paths, library)
        settings.sync()
        again = spec.make_settings(tmp_path / "s.ini")  # read back from the file
        assert again.get(spec.RECENT_PATHS, library) == paths
    assert again.get(spec.WINDOW_GEOMETRY) == geometry
    assert again.get(spec.LAYOUT) is LayoutStyle.RIGHT
    assert again.get(spec.LAST_FOLDER) == "/somewhere, with a comma"
    assert again.get(spec.WINDOW_STATE) == QByteArray()  # never set: the default


@pytest.mark.logs_warnings(r"setting window/geometry in .*s\.ini: 'junk' is not a QByteArray",
                           r"setting view/layout in .*: 'sideways' is not a LayoutStyle",
                           r"setting libraries/[0-9a-f]{16}/recent_files in .*: .* is not a tuple",
                           r"setting files/last_folder in .*: .* is not a str")
def test_a_wrong_typed_value_falls_back_to_the_default_and_is_logged(tmp_path, caplog):
    settings = spec.make_settings(tmp_path / "s.ini")
    library = tmp_path / "library.db"
    store = settings.store
    store.setValue(spec.WINDOW_GEOMETRY.key, "junk")
    store.setValue(spec.LAYOUT.key, "sideways")
    store.setValue(spec.LAST_FOLDER.key, ["a", "b"])
    store.setValue(f"{spec.library_group(library)}/{spec.RECENT_PATHS.key}", QByteArray(b"x"))
    assert settings.get(spec.WINDOW_GEOMETRY) == QByteArray()
    assert settings.get(spec.LAYOUT) is DEFAULT_LAYOUT
    assert settings.get(spec.LAST_FOLDER) == ""
    assert settings.get(spec.RECENT_PATHS, library) == ()
    assert len([r for r in caplog.records if r.name == "argmap.gui.settings"]) == 4


@pytest.mark.logs_warnings(r"setting window/geometry in .*: 'junk' is not a QByteArray")
def test_a_window_starts_on_a_hand_edited_settings_file(make_window, tmp_path):
    spec.make_settings(tmp_path / "s.ini").store.setValue(spec.WINDOW_GEOMETRY.key, "junk")
    window = make_window()
    assert window.doc is not None and window.width() > 0


def test_a_per_library_setting_needs_its_library_and_only_it(tmp_path):
    settings = spec.make_settings(tmp_path / "s.ini")
    with pytest.raises(ValueError, match="per_library"):
        settings.get(spec.LAST_MAP)
    with pytest.raises(ValueError, match="per_library"):
        settings.set(spec.LAYOUT, LayoutStyle.DOWN, tmp_path / "library.db")


def test_every_setting_is_declared_once_and_read_only_through_the_spec():
    keys = [s.key for s in spec.SPEC]
    assert len(keys) == len(set(keys))
    assert all(s.doc and isinstance(s.default, s.type) for s in spec.SPEC)
    declared = {name for name, value in vars(spec).items() if isinstance(value, spec.Setting)}
    assert declared == {name for name, value in vars(spec).items() if value in spec.SPEC}
    # No other module names QSettings: every read and write goes through Settings.
    named = sorted(str(p.relative_to(REPO)) for p in (REPO / "argmap").rglob("*.py")
                   if "QSettings" in p.read_text(encoding="utf-8"))
    assert named == ["argmap/gui/settings.py"]


def test_a_restart_opens_the_map_last_worked_on_even_after_a_crash(make_window, tmp_path):
    """The map opened is remembered when it opens, not only at a clean close: a restart
    after a kill (the window never closed) opens it, read back from the settings file."""
    library = tmp_path / "library.db"
    with open_library(library) as lib:
        extra = lib.add_new(small_map("Worked on last")).info.id
    window = make_window(library)
    assert window.doc.map_id == SEED_MAP
    window.files.open_map(extra)
    on_disk = spec.make_settings(tmp_path / "s.ini")  # what a new process would read
    assert on_disk.get(spec.LAST_MAP, library) == extra
    again = make_window(library)  # the first window was never closed
    assert again.doc is not None and again.doc.map_id == extra


def test_open_recent_tells_two_files_of_one_name_apart(make_window, tmp_path):
    sent = []
    for folder in ("from-anna", "from-ben"):
        (tmp_path / folder).mkdir()
        sent.append(tmp_path / folder / "budget.argmap.json")
        write_map(small_map(f"Budget by {folder}"), sent[-1])
    window = make_window()
    for path in sent:
        assert window.files.open_file(str(path))
    menu = window.action_table.recent_menu
    menu.aboutToShow.emit()
    labels = [a.text() for a in menu.actions() if a.isEnabled()]
    assert len(labels) == 2 and len(set(labels)) == 2, labels
    assert "from-ben" in labels[0] and "from-anna" in labels[1]  # newest first
    assert all(label.startswith("budget.argmap.json") for label in labels)
    assert recent_menu(window) == [str(p.resolve()) for p in reversed(sent)]
