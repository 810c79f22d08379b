"""An OVA3 save's analysed text becomes the map's source (issue 21): its statements quote
the passages OVA highlighted, each with its locator, and every quote verifies against the
text; on the project's own OVA3 sample and, when they are beside the repository, the real
OVA3 saves in ../shared/interop/aif."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from argmap.core.verify import check_map
from argmap.formats.aif_text import TITLE
from argmap.formats.interchange import import_file
from tests.formats.interop_samples import SAMPLES
from tests.shared_files import REPO, extra_files

CANTEEN = REPO / "tests" / "data" / "aif" / "ova3-canteen-menu.json"
OVA_SAVES = [CANTEEN, *[p for p in extra_files(SAMPLES / "aif", "*.json")
                        if "OVA" in json.loads(p.read_text(encoding="utf-8"))]]


def test_the_highlighted_passages_become_quotes_of_the_analysed_text():
    amap = import_file(CANTEEN).map
    [record] = amap.sources
    assert record.title == TITLE
    assert record.text == "Meat-free Mondays, please. But some pupils only eat meat here."
    quoted = {n.id: (n.source.quote, n.source.locator) for n in amap.nodes
              if n.source is not None and n.source.quote}
    assert quoted == {"1_171000000000000001": ("Meat-free Mondays, please.", "paragraph 1"),
                      "4_171000000000000001": ("But some pupils only eat meat here.",
                                               "paragraph 1")}
    assert all(n.source.source_id == record.id for n in amap.nodes if n.source)


@pytest.mark.parametrize("path", OVA_SAVES, ids=lambda p: p.name)
def test_every_quote_of_an_ova_save_verifies(path: Path):
    amap = import_file(path).map
    result = check_map(amap)
    assert result.quotes and result.verified == len(result.quotes)


def test_a_save_without_text_imports_as_before(tmp_path: Path):
    raw = json.loads(CANTEEN.read_text(encoding="utf-8"))
    raw["text"] = "  "
    path = tmp_path / "no-text.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    amap = import_file(path).map
    assert amap.sources == () and not any(n.source for n in amap.nodes)


def test_hostile_markup_in_the_text_stays_plain(tmp_path: Path):
    raw = json.loads(CANTEEN.read_text(encoding="utf-8"))
    raw["text"] = ('<script>alert(1)</script><img src="file:///etc/passwd">'
                   '<span id="node20_171000000000000001">Meat &amp; <b>more</b></span>')
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    amap = import_file(path).map
    [record] = amap.sources
    assert record.text == "Meat & more"
    assert amap.by_id()["1_171000000000000001"].source.quote == "Meat & more"
