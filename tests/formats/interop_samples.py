"""The shared real-world samples (../shared/interop: Argdown and AIF files with their sources).

They are not committed (third-party files; see SOURCES.txt there for origins and licences):
ARGMAP_INTEROP_SAMPLES points at a copy; without one, the sample tests have no cases.
"""

from __future__ import annotations

import os
from pathlib import Path

SAMPLES = Path(os.environ.get("ARGMAP_INTEROP_SAMPLES", "/work/shared/interop"))


def argdown_samples() -> list[Path]:
    return sorted((SAMPLES / "argdown").glob("*.argdown"))


def aif_samples() -> list[Path]:
    return sorted((SAMPLES / "aif").glob("*.json"))
