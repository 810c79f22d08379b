"""Run the reliability tests and write docs/reliability.md with the figures of this run.

python -m tests.reliability.report            (CI sizes: 100 kills, 300 fuzz cases per kind)
ARGMAP_KILLS=1000 ARGMAP_FUZZ_EXAMPLES=5000 python -m tests.reliability.report   (long run)
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

GUARANTEES = [
    ("A crash or kill at any moment leaves the library whole: integrity_check is ok and every "
     "map is exactly one of its saved versions", "test_kill.py"),
    ("A full disk (real SQLITE_FULL) during a save changes no map", "test_library_faults.py"),
    ("A read-only or locked library, or a second running argmap, gets a clear message and no "
     "damage", "test_library_faults.py"),
    ("A full disk during an export leaves any existing file byte-identical",
     "test_export_faults.py"),
    ("Rolling backups are made, kept (10) and restored", "test_backups.py, gui/test_sharing.py"),
    ("Any sequence of edits, undos and redos equals a replay of the surviving edits",
     "test_undo_stateful.py"),
    ("Every input file loads as a valid map or raises the reader's one typed error, within 2 s, "
     "and a rejected file never changes the library", "test_fuzz_reader.py"),
    ("Each hostile sample file has its expected outcome in the CLI and the window",
     "test_hostile_corpus.py (files in tests/data/hostile/)"),
    ("Map and file text is only shown as plain text; markup never makes Qt read a file",
     "test_plain_text_scan.py, gui/test_hostile_files.py, gui/test_plain_text.py"),
]
LIMITS = [
    ("map file size", "32 MiB, checked before the file is read"),
    ("nodes per map", "200,000"),
    ("text per node", "10,000 characters; at most 12 lines are laid out and drawn"),
    ("PNG export", "32,000 px a side and 80 million pixels"),
]


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        stats = Path(tmp) / "stats.json"
        env = {**os.environ, "ARGMAP_RELIABILITY_STATS": str(stats), "QT_QPA_PLATFORM": "offscreen"}
        proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                               "tests/reliability", "tests/gui/test_hostile_files.py"],
                              cwd=REPO, env=env, capture_output=True, text=True, check=False)
        summary = proc.stdout.strip().splitlines()[-1] if proc.stdout.strip() else proc.stderr
        figures = json.loads(stats.read_text()) if stats.exists() else {}
    lines = [
        "# Reliability",
        "",
        "What argmap guarantees about your maps, and the test that checks each guarantee.",
        "This file is written by `python -m tests.reliability.report`. Do not edit it by hand.",
        "",
        "| guarantee | test (tests/reliability/ unless noted) |",
        "| --- | --- |",
        *[f"| {g} | {t} |" for g, t in GUARANTEES],
        "",
        "## Limits checked before the expensive work",
        "",
        "| what | limit |",
        "| --- | --- |",
        *[f"| {w} | {v} |" for w, v in LIMITS],
        "",
        f"## Last run ({datetime.now(UTC):%Y-%m-%d}, Python {platform.python_version()}, "
        f"{platform.machine()})",
        "",
        f"- Result: {summary}",
        f"- SIGKILLs survived during saves: {figures.get('kills_survived', 0)}",
        f"- Fuzz inputs tried: {figures.get('fuzz_rejected', 0) + figures.get('fuzz_loaded', 0)} "
        f"({figures.get('fuzz_rejected', 0)} rejected with the typed error, "
        f"{figures.get('fuzz_loaded', 0)} loaded as valid maps)",
        f"- Hostile sample files rejected: {figures.get('hostile_files_rejected', 0)}",
        f"- Random edit/undo/redo operations checked: {figures.get('undo_operations', 0)}",
        "",
        "Long run: `ARGMAP_KILLS=1000 ARGMAP_FUZZ_EXAMPLES=5000 python -m tests.reliability.report`.",
        "",
    ]
    (REPO / "docs" / "reliability.md").write_text("\n".join(lines), encoding="utf-8")
    print(summary)
    return proc.returncode


if __name__ == "__main__":
    sys.exit(main())
