"""No rich-text entry point in the code: map and file text is only ever shown as plain text.

Qt renders rich text (loading images and style sheets from disk) through setHtml, HTML
tooltips, QTextBrowser/QTextDocument HTML and auto-detected label text. This scan fails
on any of them; labels that may show user text must set Qt.PlainText (tested in the GUI).
"""

from __future__ import annotations

import re
from pathlib import Path

SOURCE = Path(__file__).resolve().parents[2] / "argmap"
FORBIDDEN = {
    r"\.setHtml\(": "setHtml renders rich text",
    r"\.insertHtml\(": "insertHtml renders rich text",
    # plain_tooltip() leads with a checked plain first line, from which Qt decides
    r"\.setToolTip\((?!plain_tooltip\()": "tool tips auto-detect rich text",
    r"ToolTipRole": "item tool tips auto-detect rich text",
    r"QTextBrowser": "a rich-text viewer",
    r"fromHtml|toHtml": "HTML conversion",
    r"Qt\.RichText|Qt\.AutoText|TextFormat\.RichText": "rich text format",
    r"QGraphicsTextItem": "a rich-text item (and slow); items paint plain QTextLayouts",
}


def test_no_rich_text_entry_points():
    found = []
    for path in sorted(SOURCE.rglob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for pattern, why in FORBIDDEN.items():
                if re.search(pattern, line):
                    found.append(f"{path.relative_to(SOURCE)}:{number}: {why}: {line.strip()}")
    assert not found, "\n".join(found)


def test_every_message_box_goes_through_the_plain_helper():
    for path in sorted(SOURCE.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        for call in ("QMessageBox.warning(", "QMessageBox.critical(", "QMessageBox.information(",
                     "QMessageBox.question(", "QMessageBox.about("):
            assert call not in text, f"{path.name}: use plain_message_box instead of {call}"
