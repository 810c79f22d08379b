"""The code stays ruff-clean: a lint failure fails the suite like any other regression."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def test_ruff_check_is_clean():
    ruff = shutil.which("ruff") or sys.executable
    args = [ruff, "check", "argmap", "tests", "benchmarks", "docs"] if ruff != sys.executable else [
        sys.executable, "-m", "ruff", "check", "argmap", "tests", "benchmarks", "docs"]
    proc = subprocess.run(args, cwd=REPO, capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.slow
def test_mypy_is_clean():
    """argmap/ type-checks with the [tool.mypy] settings in pyproject.toml (run by .ci/run)."""
    proc = subprocess.run([sys.executable, "-m", "mypy"], cwd=REPO, capture_output=True, text=True,
                          timeout=600, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_core_has_no_qt():
    """argmap.core stays usable headless and without Qt: the CLI's list/import never load it."""
    for path in sorted((REPO / "argmap" / "core").glob("*.py")):
        assert "PySide6" not in path.read_text(encoding="utf-8"), path.name


def test_widgets_only_in_gui():
    """QtWidgets is imported only under argmap/gui/: exports and the CLI stay headless."""
    offenders = [
        str(path.relative_to(REPO))
        for path in sorted((REPO / "argmap").rglob("*.py"))
        if "gui" not in path.relative_to(REPO / "argmap").parts
        and "QtWidgets" in path.read_text(encoding="utf-8")
    ]
    assert offenders == [], offenders


def test_image_exports_never_load_qt_widgets(tmp_path: Path):
    """The CLI's PNG/SVG/PDF exports run on QtGui alone, in a fresh process."""
    script = (
        "import sys\n"
        "from argmap.cli import main\n"
        f"for suffix in ('.png', '.svg', '.pdf'):\n"
        f"    assert main(['export', {str(REPO / 'resources' / 'seed-iran-proxies.argmap.json')!r},"
        f" '-o', {str(tmp_path / 'seed')!r} + suffix]) == 0\n"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6.QtWidgets', 'argmap.gui'))))\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True,
                          timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"


def _imports(path: Path, module: str) -> set[str]:
    """argmap modules `module` imports anywhere in its file, function-level imports included."""
    found: set[str] = set()
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{parent}.{base}" if base else parent
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return {name for name in found if name.startswith("argmap")}


def test_no_import_cycles_among_argmap_modules():
    """Lazy (function-level) imports count: a cycle is a cycle whenever it is taken."""
    modules = {}
    for path in sorted((REPO / "argmap").rglob("*.py")):
        parts = path.relative_to(REPO).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        modules[name] = path
    graph = {name: {m for m in _imports(path, name) if m in modules and m != name}
             for name, path in modules.items()}
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    for start in graph:
        if state.get(start):
            continue
        stack = [(start, iter(sorted(graph[start])))]
        state[start] = 1
        path = [start]
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                path.pop()
                state[node] = 2
            elif state.get(child) == 1:
                cycle = [*path[path.index(child):], child]
                raise AssertionError("import cycle: " + " -> ".join(cycle))
            elif not state.get(child):
                state[child] = 1
                path.append(child)
                stack.append((child, iter(sorted(graph[child]))))


def test_no_module_is_at_the_500_line_cap():
    """Small modules a newcomer reads in minutes: a module at 500 lines wants splitting."""
    long = {str(p.relative_to(REPO)): n for p in sorted((REPO / "argmap").rglob("*.py"))
            if (n := len(p.read_text(encoding="utf-8").splitlines())) >= 500}
    assert long == {}, long
