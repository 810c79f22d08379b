"""Source records through Argdown and AIF (issue 21): each node keeps its source's title,
URL, quote and locator both ways, and what a record says beyond them (author, date, text) is
a line of the loss report, never a silent drop."""

from __future__ import annotations

from pathlib import Path

import pytest

from argmap.core.mapfile import read_map
from argmap.core.model import ArgumentMap
from argmap.formats.export import export_map
from argmap.formats.interchange import import_file
from argmap.formats.options import ExportOptions
from tests.shared_files import REPO

FERRY = REPO / "tests" / "data" / "sources" / "night-ferry.argmap.json"


def citations(amap: ArgumentMap) -> dict[str, tuple[str, str, str, str]]:
    return {n.text: (n.source.title, n.source.url, n.source.quote, n.source.locator)
            for n in amap.nodes if n.source is not None}


@pytest.mark.parametrize(("suffix", "fmt"), [(".argdown", "Argdown"), (".aif.json", "AIF")])
def test_records_go_through_argdown_and_aif_as_citations(suffix: str, fmt: str, tmp_path: Path):
    amap = read_map(FERRY)
    [record] = amap.sources
    rich = ArgumentMap(info=amap.info, nodes=amap.nodes, sources=(record.model_copy(update={
        "author": "Staff", "text": "The article."}),))
    out = tmp_path / f"ferry{suffix}"
    lines = export_map(rich, out, ExportOptions())
    assert (f"1 source's author, date or attached text not kept ({fmt} keeps its title and "
            "URL on each node)") in lines
    assert not any("attached text" in line for line in export_map(amap, out, ExportOptions()))
    back = import_file(out).map
    assert citations(back) == citations(amap)
    assert [(r.title, r.url) for r in back.sources] == [(record.title, record.url)]
