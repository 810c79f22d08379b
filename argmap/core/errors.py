"""The one family of user-facing errors: every problem a user can cause or meet derives from
ArgmapError, and its `str()` is one line meant for the user (file, problem, where).

Anything else that escapes is a bug: the GUI logs it with its traceback and shows it once;
the CLI prints one line and exits 2. Modules raise these without importing each other, so
catching an export error never loads the store, and catching a store error never loads Qt.
"""

from __future__ import annotations

#: Longest excerpt of user or file input quoted in any message.
EXCERPT_CHARS = 60


def excerpt(value: object, limit: int = EXCERPT_CHARS) -> str:
    """`repr` of a value cut to `limit` characters: a message never repeats unbounded input."""
    text = repr(value) if not isinstance(value, str) else repr(value[: limit + 1])
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return text


#: Longest excerpt of a node's text when a message or an undo step names the node.
GIST_CHARS = 40


def gist(text: str, limit: int = GIST_CHARS) -> str:
    """A node's text as a message names it: on one line, cut to `limit` characters, in
    quotes (“Iran arms its proxies…”)."""
    flat = " ".join(text.split())
    return f"“{flat if len(flat) <= limit else flat[: limit - 1].rstrip() + '…'}”"


def node_ref(node_id: str, text: str | None) -> str:
    """A node as an error message names it: its text's gist and its id (the id alone
    when the text is not known)."""
    return f"{gist(text)} (id {node_id})" if text is not None else f"id {node_id}"


class ArgmapError(Exception):
    """Base of every error whose message is for the user."""


class LibraryError(ArgmapError):
    """The library cannot be opened or written; the message is for the user."""


class ChangedElsewhere(LibraryError):
    """A write was refused, with nothing written: another program committed to the library
    since the version the writer last saw (Library.writing(seen_version=...))."""


class MapFileError(ArgmapError):
    """A map file cannot be used. `str()` is one line: file, problem, and where."""

    def __init__(self, path: str, problem: str, where: str | None = None):
        self.path = path
        self.problem = problem
        self.where = where
        super().__init__(f"{path}: {problem}" + (f" ({where})" if where else ""))


class SourceError(ArgmapError):
    """A source's text cannot be attached or checked as asked (e.g. no source of that
    title); the message is for the user."""


class ExportError(ArgmapError):
    """An export failed; the message is for the user and names the file."""


class ExportCancelled(ExportError):
    """The user cancelled; nothing was written."""


class EditRejected(ArgmapError, ValueError):
    """An edit would break the map's rules; the document is unchanged."""


class DesktopError(ArgmapError):
    """--install-desktop or --uninstall-desktop cannot do what was asked (argmap/desktop.py)."""
