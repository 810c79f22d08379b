"""The code stays ruff-clean: a lint failure fails the suite like any other regression."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_ruff_check_is_clean():
    ruff = shutil.which("ruff") or sys.executable
    args = [ruff, "check", "argmap", "tests", "benchmarks", "docs"] if ruff != sys.executable else [
        sys.executable, "-m", "ruff", "check", "argmap", "tests", "benchmarks", "docs"]
    proc = subprocess.run(args, cwd=REPO, capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_no_widget_imports_below_the_ui():
    """model, mapfile, store, layout and atomic stay usable headless: no Qt widgets."""
    for name in ("model", "mapfile", "store", "layout", "atomic", "seed", "export"):
        source = (REPO / "argmap" / f"{name}.py").read_text(encoding="utf-8")
        assert "QtWidgets" not in source and "PySide6" not in source, name
