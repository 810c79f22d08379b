"""How readable the seed map's exported picture is, as one table: its size with and without
the report parts (title header, legend, source line), the body text's size in pixels when
the picture is fitted on a 1920×1080 slide and on an A4 page at 150 dpi (the better
orientation), and how much of the picture the boxes cover.

    python -m benchmarks.seed_readability

Issue 12's target: body text >= 10 px on both, boxes covering >= 35%.
"""

from __future__ import annotations

import sys


def main() -> int:
    from argmap.formats.options import ensure_app

    ensure_app()
    from argmap.core.seed import seed_map
    from argmap.formats.decor import decorate
    from argmap.formats.picture import picture, picture_layout
    from argmap.formats.raster import body_pt, fit_on
    from argmap.look import Fonts

    amap = seed_map()
    body = Fonts.get().body.pointSizeF() * 96 / 72
    print("| layout (default for) | parts | picture (px) | body on 1920×1080 (px) "
          "| body on A4 @150 dpi (px) | PDF fitted on A4 (pt) | boxes cover |")
    print("|---|---|---|---|---|---|---|")
    for name, page in (("PNG, SVG", False), ("PDF", True)):
        pic = picture(amap, picture_layout(None, page=page))
        for on in (False, True):
            frame = decorate(pic.frame(), amap.info.title, pic.nodes, on, on, on).frame
            w, h = frame.width(), frame.height()
            slide = body * min(1920 / w, 1080 / h)
            a4 = max(body * min(1754 / w, 1240 / h), body * min(1240 / w, 1754 / h))
            cover = sum(b.width * b.height for b in pic.boxes) / (w * h)
            print(f"| {name} | {'on' if on else 'off'} | {w:.0f} × {h:.0f} | {slide:.1f} "
                  f"| {a4:.1f} | {body_pt(fit_on(frame, 'A4')[1]):.1f} | {cover:.0%} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
