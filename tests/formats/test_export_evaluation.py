"""Pictures with the evaluation marks (ExportOptions.evaluation, `argmap export --evaluation`,
the Export dialog's box): each box's strength and standing as `argmap evaluate` computes
them, drawn where the canvas draws them, and a legend naming the semantics."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from argmap.core.evaluate import Evaluation
from argmap.core.model import Kind, Node, new_map
from argmap.core.seed import seed_map
from argmap.formats.export import export_map
from argmap.formats.options import ExportOptions
from argmap.formats.picture import picture, picture_layout
from argmap.formats.registry import FORMATS
from argmap.formats.svg import map_svg
from argmap.look_eval import STANDING_MEANS, STRENGTH_MEANS, mark_geometry, mark_texts
from tests.helpers import run_cli

SVG = "{http://www.w3.org/2000/svg}"
PLAIN = ExportOptions(title=False, legend=False, sources=False)


def texts(svg: bytes) -> list[str]:
    return [t.text or "" for t in ET.fromstring(svg).iter(f"{SVG}text")]


def marks_in(svg: bytes) -> list[tuple[str, str]]:
    """The (percentage, standing) pairs of the SVG's marks group, in box order."""
    group = next(g for g in ET.fromstring(svg).iter(f"{SVG}g") if g.get("class") == "evaluation")
    words = [t.text or "" for t in group.iter(f"{SVG}text")]
    return list(zip(words[::2], words[1::2], strict=True))


def test_the_svg_marks_every_box_with_what_argmap_evaluate_computes(qapp):
    amap = seed_map()
    ev = Evaluation(amap.nodes)
    svg = map_svg(amap, options=ExportOptions(evaluation=True))
    pic = picture(amap)
    assert marks_in(svg) == [mark_texts(ev.strength(n.id), ev.stands(n.id)) for n in pic.nodes]
    shown = texts(svg)
    assert STRENGTH_MEANS in shown and STANDING_MEANS in shown  # the legend says how
    assert "strength: DF-QuAD from your assessments" in shown
    plain = map_svg(amap, options=ExportOptions())
    assert b'class="evaluation"' not in plain and "stands" not in texts(plain)
    assert not any("DF-QuAD" in t for t in texts(plain))


def test_an_assessment_and_an_unanswered_objection_change_the_marks(qapp):
    amap = seed_map()
    nodes = [n.model_copy(update={"assessment": 0.9}) if n.id == "funding" else n
             for n in amap.nodes]
    nodes.append(Node(id="doubt", parent="own-money", kind=Kind.OBJECTION, text="Says who?"))
    changed = amap.model_copy(update={"nodes": tuple(nodes)})
    pairs = dict(zip([n.id for n in picture(changed).nodes],
                     marks_in(map_svg(changed, options=ExportOptions(evaluation=True))),
                     strict=True))
    ev = Evaluation(changed.nodes)
    assert pairs == {i: mark_texts(ev.strength(i), ev.stands(i)) for i in pairs}
    assert pairs["doubt"] == ("50 %", "stands")
    assert pairs["own-money"][1] == "falls"
    assert pairs["funding"] == ("68 %", "stands")  # 90 % attacked by 25 %; its answer falls
    assert pairs["thesis"][1] == "falls"


def test_png_marks_differ_only_inside_each_boxs_mark(qapp, tmp_path: Path):
    amap = seed_map()
    on, off = tmp_path / "on.png", tmp_path / "off.png"
    export_map(amap, on, ExportOptions(title=False, legend=False, sources=False, evaluation=True))
    export_map(amap, off, PLAIN)
    marked, plain = QImage(str(on)), QImage(str(off))
    assert marked.size() == plain.size() and marked != plain
    pic = picture(amap, picture_layout(None))
    frame = pic.frame()
    geo = mark_geometry()
    zones = [(x + geo.left - 1, y + geo.pill[1] - 1, x + geo.pill[0] + geo.pill[2] + 1,
              y + geo.pill[1] + geo.pill[3] + 1) for x, y in pic.places]
    hits = set()
    for py in range(0, plain.height(), 2):
        for px in range(0, plain.width(), 2):
            if plain.pixel(px, py) != marked.pixel(px, py):
                sx, sy = frame.left() + px, frame.top() + py
                zone = next((i for i, (x0, y0, x1, y1) in enumerate(zones)
                             if x0 <= sx <= x1 and y0 <= sy <= y1), None)
                assert zone is not None, (sx, sy)
                hits.add(zone)
    assert hits == set(range(len(pic.nodes)))  # every box has its mark


def test_pdf_carries_the_marks_and_the_cli_and_the_registry_offer_them(qapp, capsys,
                                                                       tmp_path: Path):
    seed = tmp_path / "seed.argmap.json"
    export_map(seed_map(), seed, ExportOptions())
    outputs = {}
    for flag in ((), ("--evaluation",)):
        for suffix in (".svg", ".pdf"):
            out = tmp_path / f"map{'-marked' if flag else ''}{suffix}"
            code, _out, err = run_cli(capsys, "--db", str(tmp_path / "lib.db"), "export",
                                      str(seed), "-o", str(out), *flag)
            assert code == 0, err
            outputs[out.name] = out.read_bytes()
    assert b'class="evaluation"' in outputs["map-marked.svg"]
    assert b'class="evaluation"' not in outputs["map.svg"]
    assert outputs["map-marked.pdf"] != outputs["map.pdf"]
    assert {f.key for f in FORMATS if "evaluation" in f.options} == {"png", "svg", "pdf"}


@pytest.mark.parametrize("node_id", ["funding", "own-money"])
def test_a_subtree_shows_the_values_it_has_in_the_whole_map(qapp, node_id: str):
    amap = seed_map()
    ev = Evaluation(amap.nodes)
    svg = map_svg(amap, options=ExportOptions(evaluation=True, subtree=None))
    whole = dict(zip([n.id for n in picture(amap).nodes], marks_in(svg), strict=True))
    from argmap.formats.options import subtree_map

    part = subtree_map(amap, node_id, as_file=False)
    cut = dict(zip([n.id for n in picture(part).nodes],
                   marks_in(map_svg(part, options=ExportOptions(evaluation=True))), strict=True))
    assert cut == {i: whole[i] for i in cut}
    assert cut[node_id] == mark_texts(ev.strength(node_id), ev.stands(node_id))


def test_an_empty_map_exports_with_the_option(qapp, tmp_path: Path):
    amap = new_map("Nothing yet", [])
    for suffix in (".png", ".svg", ".pdf"):
        out = tmp_path / f"empty{suffix}"
        export_map(amap, out, ExportOptions(evaluation=True))
        assert out.stat().st_size > 0


def test_the_mark_stays_clear_of_the_kind_label_and_the_text(qapp):
    """It sits in the label's row, right of the longest kind label and above the body text,
    so showing it moves nothing."""
    from argmap.look import PAD, STYLES, Fonts, measure

    geo = mark_geometry()
    widest = max(Fonts.get().label_metrics.horizontalAdvance(s.label) for s in STYLES.values())
    box = measure(seed_map().nodes[0])
    assert geo.left > PAD + widest + 4
    assert geo.pill[0] + geo.pill[2] < box.width
    assert geo.pill[1] > 0 and geo.pill[1] + geo.pill[3] <= box.text_origin[1]
