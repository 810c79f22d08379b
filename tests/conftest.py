"""Shared fixtures. Every test runs with its library, settings and data dirs in tmp_path."""

from __future__ import annotations

import os
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


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "library.db"


@pytest.fixture
def seed_bytes() -> bytes:
    return (REPO / "resources" / "seed-iran-proxies.argmap.json").read_bytes()
