"""argmap.teams stays Qt-free: git runs the merge driver on machines without a display."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import REPO


def test_teams_source_has_no_qt():
    for path in sorted((REPO / "argmap" / "teams").glob("*.py")):
        assert "PySide6" not in path.read_text(encoding="utf-8"), path.name


def test_merge_command_does_not_load_qt():
    code = ("import sys, argmap.cli, argmap.teams.commands; "
            "print('PySide6' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60, check=True)
    assert done.stdout.strip() == "False"
