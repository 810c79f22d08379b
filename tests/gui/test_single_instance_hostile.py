"""The single-editor hand-over against a hung editor, hostile socket input, and an unsafe
runtime folder (issue 24)."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pytest

from argmap.gui import single_instance
from argmap.gui.single_instance import HAND_OVER_TIMEOUT_MS, SingleInstance, private_folder


class _Clock:
    def __init__(self) -> None:
        self.now = 1000.0
        self.waited_ms: list[int] = []

    def __call__(self) -> float:
        return self.now

    def wait(self, ms: int) -> None:
        self.waited_ms.append(int(ms))
        self.now += max(0, int(ms)) / 1000


def _hung_editor(clock: _Clock) -> type:
    """A socket to an editor that accepts the connection and never answers."""

    class HungSocket:
        def connectToServer(self, name: str) -> None:
            pass

        def waitForConnected(self, ms: int = 30_000) -> bool:
            clock.wait(min(ms, 5))
            return True

        def write(self, data: object) -> int:
            return 0

        def flush(self) -> bool:
            return True

        def waitForReadyRead(self, ms: int = 30_000) -> bool:
            clock.wait(ms)  # the editor never writes its answer
            return False

        def readAll(self) -> object:
            raise AssertionError("nothing to read")

        def disconnectFromServer(self) -> None:
            pass

        def abort(self) -> None:
            pass

    return HungSocket


class _HeldLock:
    def tryLock(self, ms: int = 0) -> bool:
        return False  # the hung editor is alive and keeps its lock

    def unlock(self) -> None:
        raise AssertionError("never ours")


def test_a_hung_editor_is_given_up_on_within_the_timeout(qapp, tmp_path: Path, monkeypatch):
    clock = _Clock()
    monkeypatch.setattr(single_instance, "_clock", clock, raising=False)
    monkeypatch.setattr(single_instance, "QLocalSocket", _hung_editor(clock))
    monkeypatch.setattr(single_instance.QThread, "msleep", staticmethod(clock.wait))
    instance = SingleInstance(tmp_path / "library.db")
    instance._lock = _HeldLock()  # type: ignore[assignment]
    start = clock.now
    assert instance.hand_over("/x/map.argmap.json") is False
    # every wait (connect, answer, pause) counted: at most the documented timeout in all
    # (each attempt used to wait the whole timeout for an answer and count 0.6 s of it)
    assert sum(clock.waited_ms) <= HAND_OVER_TIMEOUT_MS
    assert (clock.now - start) * 1000 <= HAND_OVER_TIMEOUT_MS


@pytest.mark.parametrize("path", ["/tmp/a\x00b.argmap.json", "/tmp/lone\ud800.argmap.json",
                                  "relative.argmap.json", "", "/" + "x" * 5000])
def test_a_path_no_file_system_can_hold_is_not_handed_to_the_editor(qapp, tmp_path: Path,
                                                                     path: str):
    instance = SingleInstance(tmp_path / "library.db")
    got: list[object] = []
    instance.requested.connect(got.append)
    instance._deliver(json.dumps({"file": path}).encode())
    assert got == []


def test_a_non_utf8_name_and_a_plain_request_still_arrive(qapp, tmp_path: Path):
    instance = SingleInstance(tmp_path / "library.db")
    got: list[object] = []
    instance.requested.connect(got.append)
    name = os.fsdecode(b"/home/u/team\xff.argmap.json")  # a real Linux file name
    instance._deliver(json.dumps({"file": name}).encode())
    instance._deliver(b'{"file": null}')
    assert got == [name, None]


def _owned_private(folder: Path) -> bool:
    info = os.lstat(folder)
    return info.st_uid == os.getuid() and not info.st_mode & 0o077 and folder.is_dir()


def test_no_runtime_folder_means_a_private_folder_of_argmaps_not_tmp(monkeypatch):
    monkeypatch.delenv("XDG_RUNTIME_DIR")
    real = getattr(single_instance, "_private", None)  # no /run/user/UID (the machine may have one)
    if real is not None:
        monkeypatch.setattr(single_instance, "_private", lambda folder, uid: (
            not str(folder).startswith("/run/user/") and real(folder, uid)))
    folder = private_folder()
    assert folder is not None and _owned_private(folder)
    assert not str(folder).startswith(tempfile.gettempdir() + "/runtime-")
    assert folder == Path(os.environ["XDG_DATA_HOME"]) / "argmap" / "run"


def test_a_world_writable_runtime_folder_is_not_used_or_changed(monkeypatch, tmp_path: Path):
    shared = tmp_path / "shared-run"
    shared.mkdir()
    shared.chmod(0o777)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(shared))
    folder = private_folder()
    assert folder is not None and folder != shared and _owned_private(folder)
    assert shared.stat().st_mode & 0o777 == 0o777  # the user's folder is left as it was
    assert not str(folder).startswith(tempfile.gettempdir() + "/runtime-")


def test_a_symlink_is_not_a_private_folder(monkeypatch, tmp_path: Path):
    real = tmp_path / "real"
    real.mkdir(mode=0o700)
    link = tmp_path / "link"
    link.symlink_to(real)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(link))
    assert private_folder() != link


@pytest.mark.parametrize("name, data", [
    ("nul.argdown", b"[a]: hello\x00 world\n"),
    ("lone.json", b'{"nodes": [{"nodeID": "1", "type": "I", "text": "a\\ud800b"}], "edges": []}'),
])
def test_the_editor_refuses_text_it_cannot_store_with_its_file_message(window, tmp_path: Path,
                                                                      name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    before = {m.id for m in window.library.list_maps()}
    assert window.files.open_file(str(path)) is False
    [(title, text)] = window.dialogs.errors
    assert "Unexpected" not in title and "cannot store" in text and "\n" not in text
    assert {m.id for m in window.library.list_maps()} == before
