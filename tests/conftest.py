"""Shared fixtures. Every test runs with its library, settings and data dirs in tmp_path."""

from __future__ import annotations

import logging
import os
import re
import sys
from pathlib import Path

import pytest

from argmap.core.log import shutdown_logging

# Tests never open real windows: set before any Qt import (ARGMAP_TEST_PLATFORM overrides).
os.environ["QT_QPA_PLATFORM"] = os.environ.get("ARGMAP_TEST_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _isolated_user_state(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Point every per-user location (library, settings, data, log) at a fresh folder so no
    test touches real user state."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    runtime = tmp_path_factory.mktemp("run")  # short: a socket path has at most 107 bytes
    runtime.chmod(0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    monkeypatch.setenv("ARGMAP_DB", str(home / "library.db"))
    monkeypatch.setenv("ARGMAP_LOG", str(home / "data" / "argmap" / "argmap.log"))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # a test that installs its own gets it undone
    yield home
    shutdown_logging()  # a handler set up by one test never writes into the next one's folder


@pytest.fixture(autouse=True)
def _no_unexpected_log_warnings(request: pytest.FixtureRequest, caplog: pytest.LogCaptureFixture):
    """A log record at WARNING or above fails the test, unless the test expects it: mark it
    `@pytest.mark.logs_warnings(pattern, ...)`. Each such record must then match one of the
    patterns, and each pattern at least one record, so the marker is itself a check."""
    yield
    records = [r for when in ("setup", "call") for r in caplog.get_records(when)
               if r.levelno >= logging.WARNING]
    lines = [f"{r.name}: {r.getMessage()}" for r in records]
    marker = request.node.get_closest_marker("logs_warnings")
    patterns = [re.compile(p) for p in marker.args] if marker is not None else []
    if marker is not None and not patterns:
        pytest.fail("logs_warnings needs at least one pattern", pytrace=False)
    unexpected = [line for line in lines if not any(p.search(line) for p in patterns)]
    missing = [p.pattern for p in patterns if not any(p.search(line) for line in lines)]
    if unexpected or missing:
        pytest.fail("log records at WARNING or above:\n" + "\n".join(
            [f"  unexpected: {line}" for line in unexpected]
            + [f"  expected but not logged: {p}" for p in missing]), pytrace=False)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "library.db"


@pytest.fixture
def seed_bytes() -> bytes:
    return (REPO / "resources" / "seed-iran-proxies.argmap.json").read_bytes()
