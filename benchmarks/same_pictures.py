"""Are the work tree's exports byte for byte those of a git revision?

python -m benchmarks.same_pictures [--against REV] [--formats png,svg,pdf]
                                   [--maps generated,quoted] [--flags "..."] [SIZES...]

For each size (default 100 1000 10000) and map (benchmarks.paired: tests.generate, and the
same with a quote on every node), `argmap export` writes each format once with REV (default
HEAD, checked out into a temporary worktree) and once with the work tree, and the files are
compared. A PDF's creation dates, document ids and font subset tags differ on every run:
they are masked (same length, so offsets hold) before comparing, and Qt's hash seed is
fixed (QT_HASH_SEED=0), which otherwise orders the embedded fonts at random. PNGs whose
bytes differ are compared by their inflated rows ("same pixels": the same image, deflated
another way). Prints one line per file; exit 1 if any differ. A speed-up that keeps every
picture keeps this at 0.
"""

from __future__ import annotations

import argparse
import re
import shlex
import struct
import subprocess
import sys
import tempfile
import zlib
from pathlib import Path

from benchmarks.paired import MAPS, REPO, check_tree, env_for, write_maps

_PDF_VOLATILE = [re.compile(rb"D:\d{14}Z"), re.compile(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d"),
                 re.compile(rb"/ID \[ ?<[0-9a-fA-F]+> ?<[0-9a-fA-F]+> ?\]"),
                 re.compile(rb"uuid:[0-9a-fA-F-]+"), re.compile(rb"/[A-Z]{6}\+")]


def masked(data: bytes, suffix: str) -> bytes:
    if suffix == "pdf":
        for pattern in _PDF_VOLATILE:
            data = pattern.sub(lambda m: b"#" * len(m.group()), data)
    return data


def png_rows(data: bytes) -> bytes:
    """A PNG's header and its rows inflated: equal for two files that hold the same pixels
    with the same row filters, however each was deflated."""
    pos, head, idat = 8, b"", []
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        if kind == b"IHDR":
            head = data[pos + 8:pos + 8 + length]
        elif kind == b"IDAT":
            idat.append(data[pos + 8:pos + 8 + length])
        pos += 12 + length
    return head + zlib.decompress(b"".join(idat))


def export(tree: Path, src: Path, out: Path, flags: list[str]) -> bytes:
    subprocess.run([sys.executable, "-m", "argmap", "export", str(src), "-o", str(out), *flags],
                   cwd=tree, env={**env_for(tree), "QT_HASH_SEED": "0"}, check=True,
                   capture_output=True, timeout=900)
    return out.read_bytes()


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[100, 1000, 10_000])
    parser.add_argument("--against", default="HEAD")
    parser.add_argument("--formats", default="png,svg,pdf")
    parser.add_argument("--maps", default=",".join(MAPS))
    parser.add_argument("--flags", default="", help="extra export options, e.g. '--layout down'")
    opts = parser.parse_args(argv)
    flags = shlex.split(opts.flags)
    differ = 0
    with tempfile.TemporaryDirectory(prefix="argmap-same-") as tmp_name:
        tmp = Path(tmp_name)
        rev_tree = tmp / "rev"
        subprocess.run(["git", "-C", str(REPO), "worktree", "add", "--detach", "--quiet",
                        str(rev_tree), opts.against], check=True)
        try:
            check_tree(rev_tree)
            check_tree(REPO)
            paths = write_maps(opts.sizes, opts.maps.split(","), tmp)
            for (name, n), src in paths.items():
                for suffix in opts.formats.split(","):
                    a = masked(export(rev_tree, src, tmp / f"a.{suffix}", flags), suffix)
                    b = masked(export(REPO, src, tmp / f"b.{suffix}", flags), suffix)
                    same = a == b
                    verdict = "same" if same else "DIFFERENT"
                    if not same and suffix == "png" and png_rows(a) == png_rows(b):
                        same, verdict = True, "same pixels (deflated differently)"
                    differ += not same
                    print(f"{name:9} {n:>7,} {suffix}: {verdict} "
                          f"({len(a):,} and {len(b):,} bytes)", flush=True)
        finally:
            subprocess.run(["git", "-C", str(REPO), "worktree", "remove", "--force",
                            str(rev_tree)], check=False)
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
