"""`argmap --install-desktop`: double-click a map file to open it, per user, on freedesktop
systems (Linux, the BSDs). Plain Python, no Qt.

Under $XDG_DATA_HOME (default ~/.local/share) it writes:

- applications/io.github.argmap.Argmap.desktop: the launcher. `Exec` is the absolute path
  of the installed `argmap` script with `%f`, `MimeType` the argmap file type. The id is
  vendor-prefixed, reverse-DNS (xdg-utils refuses ids without a vendor prefix).
- mime/packages/io.github.argmap.Argmap.xml: the shared-mime-info type
  application/x-argmap+json, a sub-class of application/json, for `*.argmap.json` and
  `*.argmap`, with a glob weight above the default 50 so `*.argmap.json` beats `*.json`.
- icons/hicolor/scalable/apps/io.github.argmap.Argmap.svg and
  icons/hicolor/NxN/apps/io.github.argmap.Argmap.png for each size in ICON_SIZES.
- argmap/desktop-install.json: the manifest. It lists every file written, every file the
  database tools created (their caches) and every folder the install created.

Then it runs update-mime-database, update-desktop-database and gtk-update-icon-cache on
their folders. Each is best-effort: a missing or failing tool costs one line. Uninstalling
removes what the manifest lists and nothing else. A tool's cache is deleted only when no
other program's files are left in its folder. Otherwise the tool runs again, so the cache
forgets argmap.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import sys
import sysconfig
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path, PurePosixPath
from xml.sax.saxutils import quoteattr

from argmap.core.atomic import atomic_write
from argmap.core.errors import DesktopError
from argmap.formats import registry

APP_ID = "io.github.argmap.Argmap"
MIME_TYPE = "application/x-argmap+json"
#: The argmap map file's suffixes (the registry's argmap entry), less the plain ".json".
GLOBS = tuple(f"*{suffix}" for suffix in registry.ARGMAP.suffixes if suffix != ".json")
#: Above shared-mime-info's default 50: these globs win over "*.json" whatever their length.
GLOB_WEIGHT = 60
ICON_SIZES = (16, 32, 48, 64, 128, 256)
ICON_SVG = "argmap.svg"  # in argmap.resources, with argmap-16.png … argmap-256.png
MANIFEST = PurePosixPath("argmap", "desktop-install.json")
TOOL_TIMEOUT_S = 60


@dataclass(frozen=True)
class Database:
    """A folder whose cache a desktop tool builds from the files in it."""

    folder: PurePosixPath  # relative to the data home
    tool: tuple[str, ...]  # the command; the folder's path is appended


DATABASES = (
    Database(PurePosixPath("mime"), ("update-mime-database",)),
    Database(PurePosixPath("applications"), ("update-desktop-database", "-q")),
    # -t: a per-user hicolor folder rarely has an index.theme of its own
    Database(PurePosixPath("icons", "hicolor"), ("gtk-update-icon-cache", "-q", "-t", "-f")),
)
#: Where a manifest may point: anything else in one is refused, never deleted.
_ROOTS = {"applications", "mime", "icons", "argmap"}


@dataclass
class Report:
    """What an install or uninstall did: `done` for stdout, `notes` (tools) for stderr."""

    done: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def data_home() -> Path:
    """$XDG_DATA_HOME if it is an absolute path, else ~/.local/share (the XDG rule)."""
    value = os.environ.get("XDG_DATA_HOME", "")
    return Path(value) if os.path.isabs(value) else Path.home() / ".local" / "share"


def installed_script() -> Path:
    """The absolute path of the installed `argmap` script: the one running (or the
    stand-alone app's argmap.bin, docs/installer.md), else the one in this Python's scripts
    folder (a venv's bin/), the user scheme's, or on PATH."""
    name = "argmap"
    running = Path(sys.argv[0]) if sys.argv else None
    candidates = [running] if running is not None and running.name in (name, f"{name}.bin") else []
    candidates.append(Path(sysconfig.get_path("scripts")) / name)
    with contextlib.suppress(KeyError):
        candidates.append(Path(sysconfig.get_path("scripts", f"{os.name}_user")) / name)
    found = shutil.which(name)
    if found:
        candidates.append(Path(found))
    for path in candidates:
        if path.is_file() and os.access(path, os.X_OK):
            return Path(os.path.abspath(path))
    raise DesktopError("cannot find the installed argmap script; install argmap with pip "
                       "(`pip install .`) and run its `argmap --install-desktop`")


_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


def exec_argument(value: str) -> str:
    """One argument of a desktop entry's Exec key: quoted when it holds a reserved
    character, then escaped as a string value (desktop entry spec, "The Exec key")."""
    if any(ord(ch) < 0x20 or ch == "\x7f" for ch in value):
        raise DesktopError(f"{value!r}: a control character cannot be in a launcher's command")
    if _RESERVED & set(value):
        value = '"' + "".join("\\" + ch if ch in '"`$\\' else ch for ch in value) + '"'
    return _string_value(value.replace("%", "%%"))


def _string_value(value: str) -> str:
    return value.replace("\\", "\\\\")


def desktop_entry(script: Path) -> str:
    """The launcher's text (it passes desktop-file-validate; tests/test_desktop.py)."""
    path = str(script)
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        raise DesktopError(f"{path!r}: a launcher is UTF-8 text; this path is not") from None
    return "\n".join([
        "[Desktop Entry]",
        "Type=Application",
        "Version=1.4",
        "Name=argmap",
        "GenericName=Argument Mapper",
        "Comment=Map claims, evidence, objections and rebuttals",
        f"TryExec={_string_value(path)}",
        f"Exec={exec_argument(path)} %f",
        f"Icon={APP_ID}",
        "Terminal=false",
        "Categories=Office;",
        "Keywords=argument;map;claim;evidence;objection;rebuttal;debate;",
        f"MimeType={MIME_TYPE};",
        "StartupNotify=true",
        "",
    ])


def mime_package() -> str:
    """The shared-mime-info package for argmap map files."""
    globs = "".join(f"    <glob pattern={quoteattr(g)} weight=\"{GLOB_WEIGHT}\"/>\n" for g in GLOBS)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<mime-info xmlns="http://www.freedesktop.org/standards/shared-mime-info">\n'
        f"  <mime-type type={quoteattr(MIME_TYPE)}>\n"
        "    <comment>argmap map</comment>\n"
        '    <sub-class-of type="application/json"/>\n'
        f"{globs}"
        f"    <icon name={quoteattr(APP_ID)}/>\n"
        "  </mime-type>\n"
        "</mime-info>\n"
    )


def icon_bytes(size: int | None) -> bytes:
    """The icon as shipped: the SVG (size None) or the PNG of `size` pixels."""
    name = ICON_SVG if size is None else f"argmap-{size}.png"
    return resources.files("argmap.resources").joinpath(name).read_bytes()


def planned_files(script: Path) -> dict[PurePosixPath, bytes]:
    """Every file an install writes, relative to the data home (the manifest apart)."""
    icons = PurePosixPath("icons", "hicolor")
    files = {
        PurePosixPath("applications", f"{APP_ID}.desktop"): desktop_entry(script).encode(),
        PurePosixPath("mime", "packages", f"{APP_ID}.xml"): mime_package().encode(),
        icons / "scalable" / "apps" / f"{APP_ID}.svg": icon_bytes(None),
    }
    for size in ICON_SIZES:
        files[icons / f"{size}x{size}" / "apps" / f"{APP_ID}.png"] = icon_bytes(size)
    return files


def _tree(home: Path, folders: Iterable[PurePosixPath]) -> set[PurePosixPath]:
    """Every file and folder under `folders` (and the folders themselves), relative."""
    found: set[PurePosixPath] = set()
    for folder in folders:
        top = home / folder
        if not top.is_dir():
            continue
        found.add(folder)
        for where, dirs, files in os.walk(top):
            base = PurePosixPath(Path(where).relative_to(home).as_posix())
            found.update(base / name for name in (*dirs, *files))
    return found


def _watched(home: Path) -> set[PurePosixPath]:
    """The folders an install touches: the databases' and the manifest's, with their parents."""
    tops = [d.folder for d in DATABASES]
    found = _tree(home, tops)  # the manifest's folder (the library's too) is not walked:
    found.update(p for top in [*tops, MANIFEST] for p in top.parents  # only whether it is there
                 if p.parts and (home / p).is_dir())
    return found


def _run(tool: tuple[str, ...], folder: Path) -> str | None:
    """Run a database tool on `folder`; a line saying why not, or None if it ran."""
    if shutil.which(tool[0]) is None:
        return f"{tool[0]} not found: skipped (install it, or log in again, to refresh {folder})"
    try:
        done = subprocess.run([*tool, str(folder)], capture_output=True, text=True,
                              timeout=TOOL_TIMEOUT_S, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"{tool[0]} did not run: {exc}"
    if done.returncode != 0:
        why = (done.stderr.strip().splitlines() or [f"exit status {done.returncode}"])[0]
        return f"{tool[0]} failed: {why}"
    return None


def install(home: Path | None = None, script: Path | None = None) -> Report:
    """Write the launcher, the file type and the icons; run the database tools; keep the
    manifest. An earlier install's files are removed first."""
    if sys.platform in ("win32", "darwin"):
        raise DesktopError("--install-desktop is for Linux and other freedesktop desktops")
    home = home or data_home()
    script = script or installed_script()
    report = Report()
    if (home / MANIFEST).exists():
        report.notes += uninstall(home).notes
    files = planned_files(script)
    before = _watched(home)
    written: list[PurePosixPath] = []
    try:
        for rel, data in files.items():
            (home / rel).parent.mkdir(parents=True, exist_ok=True)
            atomic_write(home / rel, data)
            written.append(rel)
        (home / MANIFEST).parent.mkdir(parents=True, exist_ok=True)
        for database in DATABASES:
            note = _run(database.tool, home / database.folder)
            if note:
                report.notes.append(note)
        after = _watched(home) | {MANIFEST}
        new = after - before
        folders = sorted(p for p in new if (home / p).is_dir())
        generated = sorted(p for p in new - set(written) - {MANIFEST} if not (home / p).is_dir())
        manifest = {"app": APP_ID, "wrote": [str(p) for p in written],
                    "generated": [str(p) for p in generated], "folders": [str(p) for p in folders]}
        atomic_write(home / MANIFEST, (json.dumps(manifest, indent=1) + "\n").encode())
    except OSError as exc:
        for rel in written:
            with contextlib.suppress(OSError):
                (home / rel).unlink()
        raise DesktopError(f"cannot install under {home}: {exc.strerror or exc}") from None
    report.done += [
        f"wrote {home / next(iter(files))} (opens map files with {script})",
        f"wrote {home / list(files)[1]} ({MIME_TYPE}: {', '.join(GLOBS)})",
        f"wrote {len(files) - 2} icons under {home / 'icons' / 'hicolor'}",
        f"--uninstall-desktop removes them (listed in {home / MANIFEST})",
    ]
    return report


def _paths(manifest: dict[str, object], key: str, where: Path) -> list[PurePosixPath]:
    """A manifest's list, every entry checked: relative, inside the folders an install uses."""
    entries = manifest.get(key, [])
    if not isinstance(entries, list):
        raise DesktopError(f"{where}: {key!r} is not a list; nothing removed")
    paths = []
    for entry in entries:
        path = PurePosixPath(entry) if isinstance(entry, str) else None
        if (path is None or path.is_absolute() or ".." in path.parts or not path.parts
                or path.parts[0] not in _ROOTS):
            raise DesktopError(f"{where}: {entry!r} is not a file an install writes; "
                               "nothing removed")
        paths.append(path)
    return paths


def uninstall(home: Path | None = None) -> Report:
    """Remove every file the manifest lists, refresh or remove the tools' caches, and the
    folders the install made once empty."""
    home = home or data_home()
    where = home / MANIFEST
    report = Report()
    try:
        manifest = json.loads(where.read_text(encoding="utf-8"))
    except FileNotFoundError:
        report.notes.append(f"nothing to remove: no desktop install is recorded in {where}")
        return report
    except (OSError, ValueError) as exc:
        raise DesktopError(f"{where}: cannot be read ({exc}); nothing removed") from None
    if not isinstance(manifest, dict):
        raise DesktopError(f"{where}: not an install manifest; nothing removed")
    wrote, generated = _paths(manifest, "wrote", where), _paths(manifest, "generated", where)
    folders = _paths(manifest, "folders", where)
    for rel in [*wrote, MANIFEST]:
        with contextlib.suppress(FileNotFoundError):
            (home / rel).unlink()
    for database in DATABASES:
        made = {p for p in generated if database.folder in p.parents}
        left = {p for p in _tree(home, [database.folder]) if (home / p).is_file()} - made
        if left:  # another program's files are there too: its cache must stay, without ours
            note = _run(database.tool, home / database.folder)
            if note:
                report.notes.append(note)
            continue
        for rel in made:
            with contextlib.suppress(FileNotFoundError):
                (home / rel).unlink()
    for rel in sorted(folders, key=lambda p: len(p.parts), reverse=True):
        with contextlib.suppress(OSError):  # not empty: someone else's files are in it
            (home / rel).rmdir()
    report.done.append(f"removed {len(wrote)} files installed by --install-desktop under {home}")
    return report
