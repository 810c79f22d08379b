"""Exports of the largest map argmap allows (MAX_NODES) stay within 0.9 GB of memory.

One process builds the map once, then forks a child per format (PNG, SVG, PDF, side by
side); each child's peak resident set (ru_maxrss, from wait4) is the measure, and it counts
the map the child inherited (~400 MB of it) as a process of its own would. Painting through a
widget scene peaked at 6.8 GB (PNG) and 7.7 GB (PDF), the SVG writer held its whole text at
1.7 GB. Without fork (Windows, and macOS, where forking after the system frameworks load is
unsafe) each format gets a process that builds the map itself.

The three exports cost about 150 s of CPU however they are arranged, so the test has its own
marker, `memory`: the README's test command leaves it out (addopts in pyproject.toml) and
.ci/run runs it with `-m memory`. A smaller map with a scaled bound was measured and rejected:
the peak is not linear in the map's size (fixed buffers weigh more in small maps), so no
scaled bound would stand for this one.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from argmap.core.model import MAX_NODES

REPO = Path(__file__).resolve().parents[2]
#: MiB (ru_maxrss). Format version 2 (argument nodes, assessments, source records) raised the
#: peaks from 937-953 to 1,041-1,069 MiB and the bound to 1.1 GB for a while; since models
#: given the same fields share one set of their names (core/model.share_fields_set), the
#: map generated here takes ~424 MiB instead of ~741 and the peaks were 808 (PNG, SVG) and
#: 848 (PDF); with the layout's inputs trimmed (formats/picture.py) 792, 791 and 846.
#: 922 (0.9 GB) leaves ~9% above the highest.
LIMIT_MB = 922
SUFFIXES = (".png", ".pdf", ".svg")
FORK = hasattr(os, "fork") and sys.platform != "darwin"

SCRIPT = """
import os, resource, sys, traceback
from tests.generate import generate
folder, count, suffixes = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
amap = generate(count, seed=1)
MB = 1024 * 1024 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, else KiB


def export(suffix):
    # imported here, so Qt starts in each child, after the fork
    from argmap.formats.export import export_map
    from argmap.formats.options import ExportOptions
    export_map(amap, os.path.join(folder, "big" + suffix), ExportOptions())


if len(suffixes) == 1:
    export(suffixes[0])
    print(suffixes[0], resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // MB, 0)
else:
    children = {}
    for suffix in suffixes:
        pid = os.fork()
        if pid == 0:
            code = 1
            try:
                export(suffix)
                code = 0
            except BaseException:
                traceback.print_exc()
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
                os._exit(code)
        children[pid] = suffix
    for _ in suffixes:
        pid, status, usage = os.wait4(-1, 0)
        print(children[pid], usage.ru_maxrss // MB, status)
"""


@pytest.mark.slow
@pytest.mark.memory
def test_exports_of_the_largest_map_stay_under_1_gb(tmp_path: Path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(REPO))
    runs = [list(SUFFIXES)] if FORK else [[suffix] for suffix in SUFFIXES]
    procs = [subprocess.Popen([sys.executable, "-c", SCRIPT, str(tmp_path), str(MAX_NODES), *suffixes],
                              cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for suffixes in runs]
    peaks = {}
    for proc in procs:
        out, err = proc.communicate(timeout=1800)
        assert proc.returncode == 0, err[-2000:]
        for line in out.splitlines():
            suffix, peak, status = line.split()
            assert status == "0", f"the {suffix} export failed: {err[-2000:]}"
            peaks[suffix] = int(peak)
    assert sorted(peaks) == sorted(SUFFIXES)
    assert all((tmp_path / f"big{suffix}").stat().st_size > 0 for suffix in SUFFIXES)
    assert all(peak <= LIMIT_MB for peak in peaks.values()), peaks
