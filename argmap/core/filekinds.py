"""What a file that is no map file is, from its first bytes: a map file picked by mistake
or renamed (holiday.png saved as .argmap.json) is named for what it is ("is a PNG picture,
not a map file") instead of "not valid UTF-8 (byte 0, line 1)". No Qt, no I/O."""

from __future__ import annotations

from argmap.core.errors import MapFileError

#: Other kinds of file a map file is mistaken for (renamed, or picked by mistake), by their
#: first bytes: named for what they are instead of "not valid UTF-8 (byte 0, line 1)".
_OTHER_FILES = ((b"\x89PNG\r\n\x1a\n", "a PNG picture"), (b"\xff\xd8\xff", "a JPEG picture"),
                (b"GIF87a", "a GIF picture"), (b"GIF89a", "a GIF picture"),
                (b"%PDF-", "a PDF document"), (b"SQLite format 3\x00", "an SQLite database"),
                (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
                (b"{\\rtf", "an RTF document"), (b"II*\x00", "a TIFF picture"),
                (b"MM\x00*", "a TIFF picture"), (b"\x7fELF", "a program (ELF)"),
                (b"OggS", "an Ogg audio or video file"), (b"ID3", "an MP3 audio file"),
                (b"\x00\x00\x01\x00", "an icon (ICO)"))


def what_file_is(data: bytes) -> str | None:
    """What a file that is not a map file is, from its first bytes ("a PNG picture"); None
    when it is nothing argmap knows (it may still be a map file)."""
    for magic, what in _OTHER_FILES:
        if data.startswith(magic):
            return what
    if data.startswith(b"RIFF") and data[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return {b"WEBP": "a WebP picture", b"WAVE": "a WAV audio file",
                b"AVI ": "an AVI video"}[data[8:12]]
    if data[4:8] == b"ftyp":
        return "an MP4 or QuickTime video (or HEIC picture)"
    if data.startswith(b"PK\x03\x04"):
        head = data[:2000]
        for marker, what in ((b"word/", "a Word document (DOCX)"),
                             (b"xl/", "an Excel workbook (XLSX)"),
                             (b"ppt/", "a PowerPoint presentation (PPTX)"),
                             (b"opendocument", "an OpenDocument file")):
            if marker in head:
                return what
        return "a ZIP archive"
    return None


def check_not_other_file(data: bytes, name: str) -> None:
    """MapFileError naming what the file is when it is a picture, a document, an archive, a
    database … and not a map file of any kind argmap reads."""
    what = what_file_is(data)
    if what is not None:
        raise MapFileError(name, f"is {what}, not a map file")
