"""Time and peak memory of importing large or malformed Argdown files (issue 24, class 8).

    python -m benchmarks.argdown_scan [CASE ...] [--mib N]

Each case is an Argdown file generated in a temporary folder; each import runs in its own
process (`argmap.formats.interchange.import_file`, what `argmap import` calls), so the peak
resident memory (ru_maxrss of that child) is the import's alone. Prints one row per case:
size, outcome (accepted with N nodes, or the first words of the refusal), seconds and peak
MB. The target: every Argdown input up to 32 MiB accepted or refused in under 10 s and 500 MB.
Not a test: nothing here asserts.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

MIB = 1024 * 1024


def statements(count: int) -> bytes:
    """`count` top-level statements, each on its own block (over 200,000: refused)."""
    return b"".join(b"s%d\n\n" % i for i in range(count))


def _fill(size: int, head: bytes, unit: bytes) -> bytes:
    return head + unit * max(0, (size - len(head)) // len(unit))


def error_on_line_2(size: int) -> bytes:
    """A relation with nothing before it on line 2, then `size` bytes of good statements."""
    return _fill(size, b"[a]: fine\n\n  + [b]: no parent\n\n", b"[c]: more text here\n\n")


def brackets(size: int) -> bytes:
    return b"[" * size


def open_data(size: int) -> bytes:
    """A statement whose data block `{` never closes."""
    return _fill(size, b"[a]: text {", b'"k": "v", ')


def open_front_matter(size: int) -> bytes:
    return _fill(size, b"===\ntitle: x\n", b"key: value\n")


def relations(size: int) -> bytes:
    """A valid map: one claim with supporters and objections (accepted if under the limit)."""
    return _fill(size, b"[root]: the claim\n", b"  + a reason for it\n  - an objection to it\n")


CASES: dict[str, Callable[[int], bytes]] = {
    "statements-1M": lambda _size: statements(1_000_000),
    "error-line-2": error_on_line_2,
    "brackets": brackets,
    "open-data": open_data,
    "open-front-matter": open_front_matter,
    "relations": relations,
}
#: The sizes of the issue's measurements (MiB), per case (statements-1M has its own size).
SIZES = {"statements-1M": [0], "error-line-2": [18], "brackets": [8, 30], "open-data": [30],
         "open-front-matter": [16, 30], "relations": [8]}

_CHILD = """
import json, resource, sys, time
from argmap.core.errors import MapFileError
from argmap.formats.interchange import import_file
start = time.perf_counter()
try:
    amap = import_file(sys.argv[1]).map
    outcome = f"accepted, {len(amap.nodes)} nodes"
except MapFileError as exc:
    outcome = "refused: " + str(exc).split(": ", 1)[-1][:60]
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"outcome": outcome, "seconds": seconds, "peak_mb": peak}))
"""


def measure(path: Path, timeout: float) -> dict[str, object]:
    try:
        done = subprocess.run([sys.executable, "-c", _CHILD, str(path)], capture_output=True,
                              text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return {"outcome": f"gave up after {timeout:g} s", "seconds": timeout, "peak_mb": 0.0}
    if done.returncode != 0:
        return {"outcome": "crash: " + done.stderr.strip().splitlines()[-1][:60],
                "seconds": 0.0, "peak_mb": 0.0}
    return dict(json.loads(done.stdout))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("cases", nargs="*", metavar="CASE",
                        help=f"any of {', '.join(CASES)} (default: all)")
    parser.add_argument("--mib", type=int, action="append", help="size(s) in MiB instead")
    parser.add_argument("--timeout", type=float, default=400.0)
    args = parser.parse_args(argv)
    unknown = [c for c in args.cases if c not in CASES]
    if unknown:
        parser.error(f"unknown case {unknown[0]}; choose from {', '.join(CASES)}")
    print(f"{'case':<20} {'MiB':>6} {'seconds':>8} {'peak MB':>8}  outcome")
    with tempfile.TemporaryDirectory() as tmp:
        for case in args.cases or list(CASES):
            for mib in args.mib or SIZES[case]:
                data = CASES[case](mib * MIB)
                path = Path(tmp) / f"{case}.argdown"
                path.write_bytes(data)
                row = measure(path, args.timeout)
                print(f"{case:<20} {len(data) / MIB:6.1f} {row['seconds']:8.2f} "
                      f"{row['peak_mb']:8.0f}  {row['outcome']}", flush=True)
                path.unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main())
