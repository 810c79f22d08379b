"""Where the single-instance lock and socket live, and what the running editor does with a
hand-over line from the socket (any local process may write one)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from PySide6.QtNetwork import QLocalServer

from argmap.gui.single_instance import SingleInstance, instance_key


@pytest.mark.parametrize("line", [b"[" * 60_000, b'{"file": "a", "file": "b"}', b'{"file": NaN}',
                                  b"\xff\xfe", b""])
def test_a_hostile_line_is_ignored_not_a_crash(qapp, tmp_path: Path, line: bytes):
    instance = SingleInstance(tmp_path / "library.db")
    got: list[object] = []
    instance.requested.connect(got.append)
    instance._deliver(line)
    assert got == []


def test_a_good_line_is_delivered(qapp, tmp_path: Path):
    instance = SingleInstance(tmp_path / "library.db")
    got: list[object] = []
    instance.requested.connect(got.append)
    instance._deliver(b'{"file": "/x/y.argmap.json"}')
    assert got == ["/x/y.argmap.json"]


def test_the_lock_and_socket_are_in_the_private_runtime_folder(qapp, tmp_path: Path):
    instance = SingleInstance(tmp_path / "library.db")
    try:
        assert instance.claim()
        runtime = Path(os.environ["XDG_RUNTIME_DIR"])
        assert (runtime / instance_key(tmp_path / "library.db")).exists()
        assert (runtime / (instance_key(tmp_path / "library.db") + ".lock")).exists()
        assert not (Path(tempfile.gettempdir()) / instance_key(tmp_path / "library.db")).exists()
    finally:
        instance.release()


def test_a_failed_listen_is_no_server_and_says_so(qapp, tmp_path: Path, monkeypatch, capsys):
    monkeypatch.setattr(QLocalServer, "listen", lambda self, name: False)
    instance = SingleInstance(tmp_path / "library.db")
    try:
        assert instance.claim()
        assert instance._server is None
        err = capsys.readouterr().err
        assert "cannot listen" in err and err.count("\n") == 1
    finally:
        instance.release()
