"""How long each hostile file takes to be refused or opened, by the CLI and by the window.

python -m benchmarks.hostile_times

The tests check what happens to each file (tests/reliability/test_hostile_corpus.py,
tests/gui/test_hostile_files.py); this measures how fast, against the budgets: 10 s for
each file of tests/data/hostile/ (and a generated 10^6-node file) through `argmap import`
and through File ▸ Open with a paint, 2 s to open and paint a map full of HTML. Prints one
line per file; exit status 1 if any is over its budget.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from argmap.cli import main as cli
from argmap.core.mapfile import write_map
from argmap.core.model import Node, new_map
from argmap.gui.app import create_window, make_settings
from tests.gui.fakes import FakeDialogs
from tests.gui.test_hostile_files import hostile_text
from tests.reliability.test_hostile_corpus import cases

CORPUS_BUDGET_S = 10.0
HTML_BUDGET_S = 2.0


def _line(what: str, name: str, seconds: float, budget: float) -> bool:
    over = seconds >= budget
    print(f"{what:7} {name:28} {seconds:7.2f} s{'   OVER ' + str(budget) + ' s' if over else ''}")
    return over


def main() -> int:
    app = QApplication(sys.argv[:1])
    over = False
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        corpus = cases(tmp)
        db = tmp / "cli.db"
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            cli(["--db", str(db), "list"])
        for name, path, _outcome, _phrase in corpus:
            started = time.perf_counter()
            with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
                cli(["--db", str(db), "import", str(path)])
            over |= _line("import", name, time.perf_counter() - started, CORPUS_BUDGET_S)
        dialogs = FakeDialogs()
        dialogs.answer("choose", always=1)  # a map already in the library: open a copy
        window = create_window(tmp / "window.db", make_settings(tmp / "s.ini"), dialogs)
        window.resize(1280, 800)
        window.show()
        window.files.open_initial_map()
        for name, path, _outcome, _phrase in corpus:
            started = time.perf_counter()
            window.files.open_file(str(path))
            window.view.zoom_reset()
            window.repaint()
            over |= _line("window", name, time.perf_counter() - started, CORPUS_BUDGET_S)
        text = hostile_text(tmp / "absent.png")
        html = tmp / "hostile.argmap.json"
        write_map(new_map("<img src='x'> hostile", [
            Node(id="root", kind="claim", text=text),
            Node(id="ev", parent="root", kind="evidence", text=text,
                 source={"title": text[:2000], "quote": text, "locator": "<b>p</b>"}),
        ]), html)
        started = time.perf_counter()
        window.files.open_file(str(html))
        window.view.select_node("ev")
        window.view.zoom_to_fit()
        window.view.set_zoom(1.0)
        window.repaint()
        app.processEvents()
        over |= _line("window", "html-open-and-paint", time.perf_counter() - started,
                      HTML_BUDGET_S)
        window.workspace.autosaver.flush()
        window.close()
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
