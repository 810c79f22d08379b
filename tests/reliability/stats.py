"""Figures for docs/reliability.md: written only when ARGMAP_RELIABILITY_STATS names a file."""

from __future__ import annotations

import json
import os
from pathlib import Path


def record(key: str, value: int) -> None:
    target = os.environ.get("ARGMAP_RELIABILITY_STATS")
    if not target:
        return
    path = Path(target)
    data = json.loads(path.read_text()) if path.exists() else {}
    data[key] = data.get(key, 0) + value
    path.write_text(json.dumps(data, indent=2, sort_keys=True))
