"""Run the real Argdown CLI (@argdown/cli 1.7.5, installed by .ci/run) on a batch of files.

Tests call `require_cli()` first: without Node they skip; with Node but no CLI they skip
locally and fail in CI (ARGMAP_REQUIRE_ARGDOWN=1), so CI never silently skips them.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
DEFAULT_CLI = REPO / ".ci" / "node" / "node_modules" / "@argdown" / "cli" / "dist" / "cli.js"


def cli_path() -> Path | None:
    path = Path(os.environ.get("ARGMAP_ARGDOWN_CLI", DEFAULT_CLI))
    return path if path.is_file() else None


def require_cli() -> Path:
    node = shutil.which("node")
    cli = cli_path()
    if node and cli:
        return cli
    why = "node is not installed" if not node else (
        "the Argdown CLI is not installed: npm ci --prefix .ci/node (see .ci/run)")
    if os.environ.get("ARGMAP_REQUIRE_ARGDOWN"):
        pytest.fail(why)
    pytest.skip(why)


def run_json(folder: Path, out: Path) -> dict[str, dict[str, Any]]:
    """`argdown json` on every *.argdown in folder: {file stem: its JSON} for files it accepts.

    The CLI writes no JSON for a file with a syntax error (and exits 1), so a missing entry
    means the CLI rejected that file.
    """
    cli = require_cli()
    # Deeply nested files need a big stack; without permission for one, run with the default.
    script = ('if ulimit -s unlimited 2>/dev/null; then exec node --stack-size=50000 "$0" json "$1" "$2";'
              ' else exec node "$0" json "$1" "$2"; fi')
    subprocess.run(["bash", "-c", script, str(cli), str(folder / "*.argdown"), str(out)],
                   capture_output=True, timeout=600, check=False)
    return {p.stem: json.loads(p.read_text("utf-8")) for p in out.glob("*.json")}


def statement_texts(result: dict[str, Any]) -> set[str]:
    """Every non-blank text the CLI gives a statement or argument member, stripped."""
    texts = set()
    for group in (result["statements"], result["arguments"]):
        for item in group.values():
            for member in item["members"]:
                text = member.get("text")
                if text and text.strip():
                    texts.add(text.strip())
    return texts
