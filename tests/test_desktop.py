"""`argmap --install-desktop` / `--uninstall-desktop` (argmap/desktop.py), headless.

Each test installs into a data home under tmp_path (conftest points XDG_DATA_HOME there
too). The freedesktop tools come from Debian's desktop-file-utils and shared-mime-info,
which .ci/run installs; a machine without them skips the test that needs them, saying which.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import textwrap
from pathlib import Path

import pytest

from argmap import desktop
from argmap.core.errors import DesktopError
from tests.helpers import run_cli

DESKTOP_FILE = f"applications/{desktop.APP_ID}.desktop"


def need(tool: str) -> str:
    found = shutil.which(tool)
    if found is None:
        pytest.skip(f"{tool} is not installed (apt-get install desktop-file-utils shared-mime-info)")
    return found


def snapshot(folder: Path) -> dict[str, bytes | None]:
    """Every path under `folder` with its bytes (None for a folder)."""
    return {str(p.relative_to(folder)): (p.read_bytes() if p.is_file() else None)
            for p in sorted(folder.rglob("*"))}


def script(tmp_path: Path, name: str = "bin") -> Path:
    path = tmp_path / name / "argmap"
    path.parent.mkdir(parents=True)
    path.write_text("#!/bin/sh\n")
    path.chmod(0o755)
    return path


def entry(home: Path) -> dict[str, str]:
    lines = (home / DESKTOP_FILE).read_text(encoding="utf-8").splitlines()
    assert lines[0] == "[Desktop Entry]"
    return dict(line.split("=", 1) for line in lines[1:] if line)


def exec_words(value: str) -> list[str]:
    """The Exec key's arguments, unescaped and unquoted as the desktop entry spec says."""
    value = value.replace("\\\\", "\0").replace("\\", "").replace("\0", "\\")  # string escapes
    words, word, quoted, i = [], "", False, 0
    while i < len(value):
        ch = value[i]
        if quoted and ch == "\\":
            word += value[i + 1]
            i += 2
            continue
        if ch == '"':
            quoted = not quoted
        elif ch == " " and not quoted:
            words.append(word)
            word = ""
        else:
            word += ch
        i += 1
    return [*words, word]


def test_the_launcher_runs_the_installed_script_and_passes_desktop_file_validate(tmp_path: Path):
    validate = need("desktop-file-validate")
    home = tmp_path / "share"
    installed = Path(sysconfig.get_path("scripts")) / "argmap"  # the test venv's script
    proc = subprocess.run([str(installed), "--install-desktop"], capture_output=True, text=True,
                          env={**os.environ, "XDG_DATA_HOME": str(home)}, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    keys = entry(home)
    assert keys["Exec"] == f"{installed} %f"
    assert keys["TryExec"] == str(installed)
    assert keys["MimeType"] == "application/x-argmap+json;"
    assert keys["Icon"] == desktop.APP_ID
    checked = subprocess.run([validate, str(home / DESKTOP_FILE)], capture_output=True, text=True,
                             timeout=60, check=False)
    assert checked.returncode == 0 and "error" not in checked.stdout, checked.stdout


def test_a_script_path_with_spaces_quotes_and_percent_is_quoted_as_the_spec_says(tmp_path: Path):
    validate = need("desktop-file-validate")
    odd = script(tmp_path, 'my "maps" $HOME 100% \\ dir')
    desktop.install(tmp_path / "share", odd)
    keys = entry(tmp_path / "share")
    assert exec_words(keys["Exec"].replace("%%", "%")) == [str(odd), "%f"]
    checked = subprocess.run([validate, str(tmp_path / "share" / DESKTOP_FILE)],
                             capture_output=True, text=True, timeout=60, check=False)
    assert checked.returncode == 0 and "error" not in checked.stdout, checked.stdout


def test_a_control_character_in_the_script_path_is_refused(tmp_path: Path):
    with pytest.raises(DesktopError, match="control character"):
        desktop.install(tmp_path / "share", script(tmp_path, "a\nb"))
    assert not (tmp_path / "share").exists()


MIME_PROBE = textwrap.dedent("""
    from PySide6.QtCore import QCoreApplication, QMimeDatabase
    app = QCoreApplication([])
    db = QMimeDatabase()
    for name in ("x.argmap.json", "x.argmap", "x.json"):
        t = db.mimeTypeForFile(name, QMimeDatabase.MatchMode.MatchExtension)
        print(name, t.name(), t.inherits("application/json"))
""")


def mime_types(home: Path) -> dict[str, tuple[str, str]]:
    """What Qt's QMimeDatabase says of three names, in a fresh process (Qt reads the
    database at first use) that sees only `home` as its data folders."""
    env = {**os.environ, "XDG_DATA_HOME": str(home), "XDG_DATA_DIRS": str(home)}
    proc = subprocess.run([sys.executable, "-c", MIME_PROBE], capture_output=True, text=True,
                          env=env, timeout=120, check=True)
    return {name: (kind, inherits) for name, kind, inherits in
            (line.split() for line in proc.stdout.splitlines())}


def test_after_install_qt_knows_argmap_files_and_json_is_still_json(tmp_path: Path):
    need("update-mime-database")
    home = tmp_path / "share"
    home.mkdir()
    assert mime_types(home)["x.argmap.json"][0] == "application/json"  # before
    report = desktop.install(home, script(tmp_path))
    assert not any("update-mime-database" in note for note in report.notes), report.notes
    found = mime_types(home)
    assert found["x.argmap.json"] == ("application/x-argmap+json", "True")
    assert found["x.argmap"] == ("application/x-argmap+json", "True")
    assert found["x.json"][0] == "application/json"


def test_uninstall_leaves_an_empty_data_folder_as_it_was(tmp_path: Path):
    home = tmp_path / "share"
    home.mkdir()
    desktop.install(home, script(tmp_path))
    manifest = json.loads((home / desktop.MANIFEST).read_text())
    assert len(manifest["wrote"]) == 2 + 1 + len(desktop.ICON_SIZES)
    assert all((home / p).is_file() for p in manifest["wrote"])
    desktop.uninstall(home)
    assert snapshot(home) == {}


def other_program(home: Path) -> None:
    """Another program's launcher, file type and icon, and the caches of all three."""
    (home / "applications").mkdir(parents=True)
    (home / "applications" / "org.example.Other.desktop").write_text(
        "[Desktop Entry]\nType=Application\nName=Other\nExec=other %f\n"
        "MimeType=application/x-other;\n")
    (home / "mime" / "packages").mkdir(parents=True)
    (home / "mime" / "packages" / "org.example.Other.xml").write_text(
        '<?xml version="1.0"?>\n<mime-info xmlns="http://www.freedesktop.org/standards/'
        'shared-mime-info">\n<mime-type type="application/x-other"><glob pattern="*.other"/>'
        "</mime-type>\n</mime-info>\n")
    (home / "icons" / "hicolor" / "48x48" / "apps").mkdir(parents=True)
    (home / "icons" / "hicolor" / "48x48" / "apps" / "org.example.Other.png").write_bytes(
        desktop.icon_bytes(48))
    (home / "argmap").mkdir()
    (home / "argmap" / "library.db").write_bytes(b"not touched")
    for database in desktop.DATABASES:
        subprocess.run([*database.tool, str(home / database.folder)], check=True, timeout=60)


def test_uninstall_beside_other_programs_keeps_theirs_and_their_caches_forget_argmap(tmp_path: Path):
    for tool in ("update-mime-database", "update-desktop-database", "gtk-update-icon-cache"):
        need(tool)
    home = tmp_path / "share"
    other_program(home)
    before = snapshot(home)
    desktop.install(home, script(tmp_path))
    assert "argmap" in (home / "mime" / "globs2").read_text()
    assert desktop.MIME_TYPE in (home / "applications" / "mimeinfo.cache").read_text()
    desktop.uninstall(home)
    after = snapshot(home)
    assert after.keys() == before.keys()
    caches = {"mime", "applications/mimeinfo.cache", "icons/hicolor/icon-theme.cache"}
    for path, data in before.items():
        cache = any(path == c or path.startswith(c + "/") for c in caches)
        if not cache or path.startswith("mime/packages"):
            assert after[path] == data, path
    assert "argmap" not in (home / "mime" / "globs2").read_text()
    assert desktop.MIME_TYPE not in (home / "applications" / "mimeinfo.cache").read_text()
    assert mime_types(home)["x.argmap.json"][0] == "application/json"


def test_missing_tools_cost_one_line_each_and_the_files_are_still_installed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("PATH", str(tmp_path / "no-tools"))
    home = tmp_path / "share"
    report = desktop.install(home, script(tmp_path))
    assert len(report.notes) == len(desktop.DATABASES)
    assert all("not found" in note and "\n" not in note for note in report.notes)
    assert (home / DESKTOP_FILE).is_file()
    desktop.uninstall(home)
    assert snapshot(home) == {}


def test_installing_twice_replaces_the_first_install(tmp_path: Path):
    home = tmp_path / "share"
    desktop.install(home, script(tmp_path, "old"))
    desktop.install(home, script(tmp_path, "new"))
    assert entry(home)["TryExec"] == str(tmp_path / "new" / "argmap")
    desktop.uninstall(home)
    assert snapshot(home) == {}


@pytest.mark.parametrize("bad", ["../outside", "/etc/hostname", "Documents/thesis.txt"])
def test_a_manifest_naming_other_files_removes_nothing(tmp_path: Path, bad: str):
    home = tmp_path / "share"
    desktop.install(home, script(tmp_path))
    kept = home / "Documents" / "thesis.txt"
    kept.parent.mkdir()
    kept.write_text("mine")
    manifest = json.loads((home / desktop.MANIFEST).read_text())
    manifest["wrote"].append(bad)
    (home / desktop.MANIFEST).write_text(json.dumps(manifest))
    before = snapshot(home)
    with pytest.raises(DesktopError, match="nothing removed"):
        desktop.uninstall(home)
    assert snapshot(home) == before


def test_the_cli_flags(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch):
    home = Path(os.environ["XDG_DATA_HOME"])  # conftest's: never the user's own
    code, out, _err = run_cli(capsys, "--install-desktop")
    assert code == 0
    assert str(home / DESKTOP_FILE) in out
    assert (home / DESKTOP_FILE).is_file()
    code, out, _err = run_cli(capsys, "--uninstall-desktop")
    assert code == 0 and not (home / DESKTOP_FILE).exists()
    code, _out, err = run_cli(capsys, "--uninstall-desktop")
    assert code == 0 and "nothing to remove" in err
    monkeypatch.setattr(sys, "platform", "win32")
    code, _out, err = run_cli(capsys, "--install-desktop")
    assert code == 1 and len(err.splitlines()) == 1 and "freedesktop" in err


def test_the_stand_alone_apps_program_is_the_installed_script(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch):
    """The stand-alone build (.ci/build-app) runs as argmap.bin: --install-desktop from it
    launches it, not some other argmap on PATH."""
    program = tmp_path / "argmap" / "argmap.bin"
    program.parent.mkdir()
    program.write_text("#!/bin/sh\n")
    program.chmod(0o755)
    monkeypatch.setattr(sys, "argv", [str(program)])
    assert desktop.installed_script() == program
