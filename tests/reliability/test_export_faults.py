"""A full disk during an export: a clear message, and any existing file stays as it was."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from argmap.cli import main

SAVED = Path(__file__).resolve().parents[2] / "saved_maps" / "iran-proxies.argmap.json"


@pytest.mark.parametrize("suffix", [".png", ".svg", ".pdf", ".argmap.json"])
def test_disk_full_during_export_keeps_the_old_file(tmp_path: Path, capsys, monkeypatch, suffix):
    out = tmp_path / f"report{suffix}"
    # A map file is only overwritten when it holds nothing of anyone else's (teams/exchange.py):
    # last week's export of the same map.
    old = SAVED.read_bytes() if suffix == ".argmap.json" else b"the export from last week"
    out.write_bytes(old)
    real_write = os.write
    calls = {"n": 0}

    def fills_up(fd: int, data) -> int:
        calls["n"] += 1
        if calls["n"] > 1:  # the first chunk lands, then the disk is full
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(fd, bytes(data)[: max(1, len(data) // 3)])

    monkeypatch.setattr("argmap.core.atomic.os.write", fills_up)
    assert main(["export", str(SAVED), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "No space left on device" in err and err.count("\n") == 1
    assert out.read_bytes() == old
    assert sorted(p.name for p in tmp_path.iterdir()) == [out.name]
