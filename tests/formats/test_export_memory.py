"""Exports of the largest map argmap allows (MAX_NODES) stay within 1 GB of memory.

Each export runs in its own process, measured by its peak resident set (ru_maxrss): the
map itself takes ~400 MB of that. Painting through a widget scene peaked at 6.8 GB (PNG)
and 7.7 GB (PDF), the SVG writer held its whole text at 1.7 GB.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from argmap.core.model import MAX_NODES

REPO = Path(__file__).resolve().parents[2]
LIMIT_MB = 1024

SCRIPT = """
import resource, sys
from tests.generate import generate
from argmap.formats.export import export_map
from argmap.formats.options import ExportOptions
amap = generate(int(sys.argv[2]), seed=1)
export_map(amap, sys.argv[1], ExportOptions())
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
"""


@pytest.mark.slow
def test_exports_of_the_largest_map_stay_under_1_gb(tmp_path: Path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(REPO))
    runs = {
        suffix: subprocess.Popen(
            [sys.executable, "-c", SCRIPT, str(tmp_path / f"big{suffix}"), str(MAX_NODES)],
            cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for suffix in (".png", ".pdf", ".svg")  # side by side: the PDF takes longest
    }
    peaks = {}
    for suffix, proc in runs.items():
        out, err = proc.communicate(timeout=900)
        assert proc.returncode == 0, err[-2000:]
        assert (tmp_path / f"big{suffix}").stat().st_size > 0
        peaks[suffix] = int(out.split()[-1])
    assert all(peak <= LIMIT_MB for peak in peaks.values()), peaks
