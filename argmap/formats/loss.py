"""What a conversion to or from another format could not carry over, counted by kind.

Every Argdown/AIF import and export returns one of these with its result, so no policy
(a copied statement, an undercut read as an attack, a dropped dialogue layer) is silent.
The CLI prints `lines()` on stderr; the editor shows them once, as plain text.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from argmap.core.model import SourceRecord


@dataclass
class LossReport:
    """Ordered counts: one line per kind of loss, in the order each kind first occurred."""

    counts: dict[tuple[str, str], int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def add(self, singular: str, plural: str, n: int = 1) -> None:
        """Count `n` losses of one kind; `singular`/`plural` complete "1 ..." / "N ..."."""
        if n > 0:
            key = (singular, plural)
            self.counts[key] = self.counts.get(key, 0) + n

    def note(self, line: str) -> None:
        """A loss that is one fact rather than a count (e.g. a dropped layer with its size)."""
        if line not in self.notes:
            self.notes.append(line)

    def count(self, singular: str) -> int:
        return sum(n for (one, _many), n in self.counts.items() if one == singular)

    def lines(self) -> list[str]:
        out = [f"{n} {one if n == 1 else many}" for (one, many), n in self.counts.items()]
        return out + self.notes

    def __bool__(self) -> bool:
        return bool(self.counts or self.notes)


def add_record_losses(report: LossReport, sources: Iterable[SourceRecord], fmt: str) -> None:
    """Source records that say more than a title and URL: the format keeps only those (on
    each node that cites the record), so an author, a date or an attached text is lost."""
    report.add(f"source's author, date or attached text not kept ({fmt} keeps its title "
               "and URL on each node)",
               f"sources' authors, dates or attached texts not kept ({fmt} keeps their "
               "titles and URLs on each node)", sum(1 for r in sources if not r.plain))
