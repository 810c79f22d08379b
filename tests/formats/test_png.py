"""The streaming PNG encoder writes files Qt decodes to the same pixels."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from argmap.formats.png_stream import PngStream


def pattern(width: int, height: int) -> QImage:
    image = QImage(width, height, QImage.Format_ARGB32)
    image.fill(QColor(0, 0, 0, 0))
    painter = QPainter(image)
    painter.fillRect(QRectF(3, 2, width / 2, height / 3), QColor(200, 30, 90, 255))
    painter.fillRect(QRectF(width / 3, height / 2, width / 2, height / 3), QColor(10, 180, 60, 128))
    painter.end()
    return image


@pytest.mark.parametrize("alpha", [False, True])
def test_strips_decode_to_the_same_pixels(qapp, alpha):
    source = pattern(37, 53)  # odd sizes: rows are not 4-byte aligned in RGB888
    fmt = QImage.Format_RGBA8888 if alpha else QImage.Format_RGB888
    out = PngStream(source.width(), source.height(), alpha)
    for top in range(0, source.height(), 10):
        rows = min(10, source.height() - top)
        strip = source.copy(0, top, source.width(), rows).convertToFormat(fmt)
        out.add_rows(strip.constBits(), rows, strip.bytesPerLine())
    decoded = QImage.fromData(out.finish(), "PNG")
    assert decoded.size() == source.size()
    expected = source.convertToFormat(QImage.Format_ARGB32 if alpha else QImage.Format_RGB32)
    for y in range(source.height()):
        for x in range(source.width()):
            assert decoded.pixel(x, y) == expected.pixel(x, y), (x, y)


def test_missing_or_extra_rows_are_refused():
    out = PngStream(4, 3, alpha=False)
    out.add_rows(bytes(12 * 2), 2, 12)
    with pytest.raises(ValueError, match="2 of 3 rows"):
        out.finish()
    out.abandon()
    out = PngStream(4, 1, alpha=False)
    with pytest.raises(ValueError, match="more rows"):
        out.add_rows(bytes(24), 2, 12)
    out.abandon()


def test_the_strips_streams_join_into_one_zlib_stream_with_its_checksum(qapp):
    """Each strip is deflated on its own (in parallel): their streams, the header and the
    Adler-32 combined from the strips' must make one stream a strict inflater accepts."""
    import struct
    import zlib

    from argmap.formats.png_stream import adler32_combine

    a, b = b"argument " * 1000, bytes(range(256)) * 300
    assert adler32_combine(zlib.adler32(a), zlib.adler32(b), len(b)) == zlib.adler32(a + b)
    assert adler32_combine(1, zlib.adler32(b), len(b)) == zlib.adler32(b)
    width, height = 64, 40
    out = PngStream(width, height, alpha=False)
    rows = [bytes((x * y + y) % 256 for x in range(width * 3)) for y in range(height)]
    for top in range(0, height, 7):
        block = rows[top:top + 7]
        out.add_rows(b"".join(block), len(block), width * 3)
    data = out.finish()
    pos, idat = 8, b""
    while pos < len(data):  # the chunks, each with a correct CRC
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        assert struct.unpack(">I", data[pos + 8 + length:pos + 12 + length])[0] == zlib.crc32(kind + body)
        idat += body if kind == b"IDAT" else b""
        pos += 12 + length
    assert zlib.decompress(idat) == b"".join(b"\x00" + row for row in rows)  # checks Adler-32
