"""What the running editor does with a hand-over line from the socket (any local process)."""

from __future__ import annotations

from pathlib import Path

import pytest

from argmap.gui.single_instance import SingleInstance


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
