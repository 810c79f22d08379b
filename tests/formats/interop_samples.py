"""The shared real-world samples (../shared/interop: Argdown and AIF files with their sources).

They are not committed (third-party files; see SOURCES.txt there for origins and licences):
They sit in ../shared/interop beside the repository (as on every developer's machine and in
CI); ARGMAP_INTEROP_SAMPLES points elsewhere. A missing folder fails the tests that need it
rather than leaving them with no cases.
"""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SAMPLES = Path(os.environ.get("ARGMAP_INTEROP_SAMPLES", REPO.parent / "shared" / "interop"))


def _samples(folder: str, pattern: str) -> list[Path]:
    found = sorted((SAMPLES / folder).glob(pattern))
    # A parametrised test over an empty list would pass without checking anything.
    assert found, f"no {pattern} samples in {SAMPLES / folder}; set ARGMAP_INTEROP_SAMPLES"
    return found


def argdown_samples() -> list[Path]:
    return _samples("argdown", "*.argdown")


def aif_samples() -> list[Path]:
    return _samples("aif", "*.json")
