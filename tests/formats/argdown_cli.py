"""Run the real Argdown CLI (@argdown/cli, pinned in .ci/node/package-lock.json) on a batch of files.

Tests use the session fixture `argdown_cli` (or call `require_cli()`). Where Node and npm are
installed and the pinned CLI is not, the first test that needs it installs it once with
`npm ci --prefix .ci/node` (into the gitignored .ci/node/node_modules, under a file lock so
parallel test processes install it once) and says so in one output line. Only a machine
without node (or npm, for the install) skips these tests, with a one-line reason; with
ARGMAP_REQUIRE_ARGDOWN=1 (as .ci/run sets) that skip is a failure. ARGMAP_ARGDOWN_CLI names
another cli.js.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
NODE_DIR = REPO / ".ci" / "node"
PACKAGE = NODE_DIR / "node_modules" / "@argdown" / "cli"
DEFAULT_CLI = PACKAGE / "dist" / "cli.js"
LOCK = NODE_DIR / ".install.lock"


def _pinned() -> str:
    return json.loads((NODE_DIR / "package.json").read_text("utf-8"))["dependencies"]["@argdown/cli"]


def _installed() -> str | None:
    """The version of the CLI in .ci/node/node_modules, None when it is not (all) there."""
    try:
        version = json.loads((PACKAGE / "package.json").read_text("utf-8"))["version"]
    except (OSError, ValueError, KeyError):
        return None
    return version if DEFAULT_CLI.is_file() else None


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    with open(path, "a+b") as handle:
        if sys.platform == "win32":
            import msvcrt

            while True:
                try:
                    msvcrt.locking(handle.fileno(), msvcrt.LK_LOCK, 1)
                    break
                except OSError:  # LK_LOCK gives up after 10 s: keep waiting
                    continue
        else:
            import fcntl

            fcntl.flock(handle, fcntl.LOCK_EX)
        yield  # the lock ends when the file is closed


def _install(say: Callable[[str], None]) -> str | None:
    """Install the pinned CLI with npm unless it is there; None when done, else why not."""
    npm = shutil.which("npm")
    if npm is None:
        return "npm is not installed: it installs the Argdown CLI (npm ci --prefix .ci/node)"
    pin = _pinned()
    with _locked(LOCK):
        if _installed() == pin:  # another test process installed it meanwhile
            return None
        say(f"installing the pinned Argdown CLI {pin} for the tests, once: "
            "npm ci --prefix .ci/node --no-audit --no-fund (into .ci/node/node_modules)")
        proc = subprocess.run([npm, "ci", "--prefix", str(NODE_DIR), "--no-audit", "--no-fund"],
                              capture_output=True, text=True, timeout=900, check=False)
        if proc.returncode != 0 or _installed() != pin:
            last = (proc.stderr.strip() or proc.stdout.strip() or "no output").splitlines()[-1]
            return f"npm ci --prefix .ci/node failed ({proc.returncode}): {last}"
    return None


def _find(say: Callable[[str], None]) -> tuple[Path | None, str, bool]:
    """(the CLI, "", False) or (None, why not, whether the machine lacks a tool)."""
    if shutil.which("node") is None:
        return None, "node is not installed: the Argdown CLI checks need Node.js", True
    named = os.environ.get("ARGMAP_ARGDOWN_CLI")
    if named:
        if Path(named).is_file():
            return Path(named), "", False
        return None, f"ARGMAP_ARGDOWN_CLI={named}: no such file", False
    if _installed() != _pinned():
        why = _install(say)
        if why is not None:
            return None, why, why.startswith("npm is not installed")
    return DEFAULT_CLI, "", False


_found: list[tuple[Path | None, str, bool]] = []  # once per test session: one install at most


def require_cli(say: Callable[[str], None] = print) -> Path:
    """The Argdown CLI's cli.js, installed first if need be; skip only without node or npm."""
    if not _found:
        _found.append(_find(say))
    cli, why, lacking = _found[0]
    if cli is not None:
        return cli
    if lacking and not os.environ.get("ARGMAP_REQUIRE_ARGDOWN"):
        pytest.skip(why)
    pytest.fail(why)


@pytest.fixture(scope="session")
def argdown_cli(pytestconfig: pytest.Config) -> Path:
    """The CLI for a test session; the install's line goes to the terminal, past the capture."""
    reporter = pytestconfig.pluginmanager.get_plugin("terminalreporter")
    capture = pytestconfig.pluginmanager.get_plugin("capturemanager")

    def say(line: str) -> None:
        if reporter is None or capture is None:
            print(line)
            return
        with capture.global_and_fixture_disabled():
            reporter.write_line(line)

    return require_cli(say)


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
