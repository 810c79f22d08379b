"""The Argdown and AIF samples the interchange tests read.

The project's own samples (tests/data/argdown, tests/data/aif: written for argmap, see
tests/data/README.md) are always there. Real-world third-party samples add cases when they
are present: `../shared/interop` beside the repository (as in CI), or the folder that
ARGMAP_INTEROP_SAMPLES names. They are not committed (see SOURCES.txt there for origins and
licences) and never decide whether the suite runs (tests/shared_files.py).
"""

from __future__ import annotations

from pathlib import Path

from tests.shared_files import REPO, SHARED, extra_files, shared_folder

OWN = REPO / "tests" / "data"
SAMPLES = shared_folder("ARGMAP_INTEROP_SAMPLES", SHARED / "interop")


def _samples(folder: str, pattern: str) -> list[Path]:
    own = sorted((OWN / folder).glob(pattern))
    # A parametrised test over an empty list would pass without checking anything.
    assert own, f"no {pattern} samples in {OWN / folder}"
    return own + extra_files(SAMPLES / folder, pattern)


def argdown_samples() -> list[Path]:
    return _samples("argdown", "*.argdown")


def aif_samples() -> list[Path]:
    return _samples("aif", "*.json")


def sample_id(path: Path) -> str:
    """A test id saying whose sample it is: `own/NAME` or `shared/NAME`."""
    return f"{'own' if path.is_relative_to(OWN) else 'shared'}/{path.name}"
