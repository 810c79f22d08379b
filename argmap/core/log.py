"""Logging to a file in the per-user data folder (no Qt).

The editor sends the `argmap` logger here at INFO (setup_logging). Module loggers
(`log = logging.getLogger(__name__)`) tell the story: saves refused, retried, failed or not
landed (editing/autosave.py), lock waits (core/lockfile.py), maps reloaded or kept after a
change made elsewhere (gui/outside.py), files read with losses, backups and the trash,
settings that could not be read. An unexpected exception is logged with its traceback, so
a bug a user meets once can still be read afterwards. User-facing errors (ArgmapError) are
messages first; where one is logged, its cause (`raise … from exc`) shows what lay under
the one line. Where nothing set logging up (the CLI), records go nowhere (the NullHandler
in argmap/__init__.py), never to stderr. `$ARGMAP_LOG` moves the file (tests use it).
"""

from __future__ import annotations

import logging
import logging.handlers
import os
from pathlib import Path
from types import TracebackType

import platformdirs

ENV_VAR = "ARGMAP_LOG"
LOGGER = "argmap"
MAX_BYTES = 1_000_000  # a rotating log: argmap.log and up to BACKUPS older files
BACKUPS = 2

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


def log_path() -> Path:
    """$ARGMAP_LOG, else argmap.log in the platform's per-user data folder."""
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir("argmap", appauthor=False)) / "argmap.log"


def setup_logging(path: Path | None = None) -> Path:
    """Send the `argmap` logger to `path` (default log_path()); calling it again with
    another path moves the file handler there. Returns the path in use."""
    path = path or log_path()
    logger = logging.getLogger(LOGGER)
    logger.setLevel(logging.INFO)
    for handler in list(logger.handlers):
        if isinstance(handler, logging.FileHandler):
            if Path(handler.baseFilename) == path.resolve():
                return path
            logger.removeHandler(handler)
            handler.close()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8", delay=True)
    except OSError:  # an unwritable data folder must not stop argmap: log to stderr only
        logger.addHandler(logging.StreamHandler())
        return path
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger.addHandler(handler)
    return path


def shutdown_logging() -> None:
    """Close and drop every handler setup_logging added (tests call it after each test)."""
    logger = logging.getLogger(LOGGER)
    for handler in list(logger.handlers):
        if isinstance(handler, logging.NullHandler):  # argmap/__init__.py's: kept
            continue
        logger.removeHandler(handler)
        handler.close()


def log_unexpected(exc_info: ExcInfo, where: str = "") -> None:
    """Record an exception nobody expected, with its traceback."""
    logging.getLogger(LOGGER).error("unexpected error%s", f" in {where}" if where else "",
                                    exc_info=exc_info)
