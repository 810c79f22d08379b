"""What the Argdown parser keeps of a file: one record per statement or argument (all the
occurrences of one title merged as they are parsed), the relations and reconstructions
between them by key, and the counts the loss report needs.

Nothing here grows with repeated occurrences except the relations and premises, and those
are counted: the parser stops with TooLarge as soon as a limit is passed, so refusing a
file of a million statements costs what reading 200,000 of them costs.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from argmap.core.errors import MapFileError
from argmap.core.mapfile import check_shape
from argmap.core.model import MAX_NODES

#: Statement, argument and relation occurrences in one file (argmap's own export of the
#: largest map has three per node: its line, its data line and its relation).
MAX_OCCURRENCES = 5 * MAX_NODES
#: JSON objects and arrays in one data block or front matter read as argmap's data.
MAX_DATA_CONTAINERS = 1_000


class TooLarge(ValueError):
    """The file holds more than a map can: raised while parsing, at `line`."""

    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line


@dataclass(slots=True)
class Element:
    """One statement or argument occurrence in the text, while it is being parsed."""

    is_argument: bool
    title: str | None
    text: str = ""
    line: int = 0
    data: list[str] | None = None
    tags: list[str] | None = None
    formatted: bool = False  # had bold/italic/link/special-character markup
    role: str = "top"  # top, relation, premise, conclusion, list, inference
    key: str = ""  # the statement it belongs to (Document.statements), "" until added


@dataclass(slots=True)
class Statement:
    """Every occurrence of one titled statement or argument (or one untitled occurrence)."""

    key: str
    title: str
    line: int  # of the first occurrence
    wordings: list[str] = field(default_factory=list)  # distinct texts, in file order
    lines: list[int] = field(default_factory=list)  # where each wording is first
    hint: dict[str, object] | None = None  # argmap's own data ({"argmap": {...}})
    tags: list[str] | None = None


@dataclass(slots=True)
class Relation:
    source: str  # a statement key, or an inference's key (Pcs.inferences)
    target: str
    type: str  # support, attack, contradictory, undercut
    line: int


@dataclass(slots=True)
class Pcs:
    argument: str | None  # the key of the argument block just before it, if any
    premises: list[tuple[str, int]]  # (key, line)
    conclusions: list[tuple[str, int]]  # intermediary ones first, main conclusion last
    inference_rules: int = 0
    line: int = 0
    #: (key undercuts (<_) below an inference target, the step: 0 for the first inference)
    inferences: list[tuple[str, int]] = field(default_factory=list)


@dataclass
class Document:
    statements: dict[str, Statement] = field(default_factory=dict)
    relations: list[Relation] = field(default_factory=list)
    pcs: list[Pcs] = field(default_factory=list)
    headings: list[str] = field(default_factory=list)
    front_matter: str | None = None
    lists: int = 0
    first: Element | None = None  # the first occurrence, as parsed (for argdown.escape)
    occurrences: int = 0  # statements, arguments and relations, with repeats
    extra_wordings: int = 0  # wordings past a statement's first: each becomes a node
    foreign_data: int = 0
    formatted: int = 0
    tagged: int = 0
    _untitled: int = 0
    _inferences: int = 0

    def add(self, el: Element) -> str:
        """Merge one occurrence into its statement; its key."""
        self.count(el.line)
        if self.first is None:
            self.first = el
        prefix = "a" if el.is_argument else "s"
        if el.title:
            key = f"{prefix}:{el.title}"
        else:
            key = f"{prefix}#{self._untitled}"
            self._untitled += 1
        st = self.statements.get(key)
        if st is None:
            st = self.statements[key] = Statement(key, el.title or "", el.line)
            if len(self.statements) + self.extra_wordings > MAX_NODES:
                self._too_many(el.line)
        el.key = st.key
        text = el.text.strip()
        if text and text not in st.wordings:
            if st.wordings:
                self.extra_wordings += 1
                if len(self.statements) + self.extra_wordings > MAX_NODES:
                    self._too_many(el.line)
            st.wordings.append(text)
            st.lines.append(el.line)
        for raw in el.data or ():
            own, foreign = _argmap_data(raw)
            self.foreign_data += foreign
            if own and st.hint is None:
                st.hint = dict(own)
            elif own and st.hint is not None:
                st.hint.update(own)
        if el.tags:
            self.tagged += 1
            if st.tags is None:
                st.tags = []
            st.tags.extend(el.tags)
        self.formatted += el.formatted
        return st.key

    def inference(self) -> str:
        """A key for an inference line (what an undercut `<_` under it targets)."""
        self._inferences += 1
        return f"i#{self._inferences}"

    def relate(self, relation: Relation) -> None:
        self.count(relation.line)
        self.relations.append(relation)

    def count(self, line: int) -> None:
        self.occurrences += 1
        if self.occurrences > MAX_OCCURRENCES:
            raise TooLarge(line, f"more than {MAX_OCCURRENCES} statement, argument and "
                                 "relation occurrences; argmap reads at most that many")

    def _too_many(self, line: int) -> None:
        raise TooLarge(line, f"more than {MAX_NODES} statements and arguments; a map holds "
                             f"at most {MAX_NODES} nodes")


def bounded_json(raw: str) -> object:
    """json.loads of a data block or front matter, or None when it is not JSON or holds more
    than argmap's data ever does (a 30 MB block of `{}` never reaches json.loads)."""
    data = raw.encode("utf-8", "surrogatepass")
    try:
        check_shape(data, "data", MAX_DATA_CONTAINERS, values_per_container=100)
        return json.loads(raw)
    except (MapFileError, ValueError, RecursionError):
        return None


#: `assessment: 0.7` in a data block argmap cannot read as JSON (YAML, as people write it).
_ASSESSMENT = re.compile(r"(?:^|[{,\s])assessment[ \t]*:[ \t]*([^,}\s]+)")
_ONLY_ASSESSMENT = re.compile(r"\{\s*assessment[ \t]*:[ \t]*[^,}\s]+\s*\}")


def _argmap_data(raw: str) -> tuple[dict[str, object], bool]:
    """(what argmap reads from a data block, True when the block says more than that):
    argmap's own data ({"argmap": {...}}) and an `assessment` key, in JSON or as a YAML
    `assessment: 0.7`."""
    value = bounded_json(raw)
    own: dict[str, object] = {}
    if isinstance(value, dict):
        if isinstance(value.get("argmap"), dict):
            own.update(value["argmap"])
        if "assessment" in value:
            own["assessment"] = value["assessment"]
        return own, bool(set(value) - {"argmap", "assessment"}) or not own
    m = _ASSESSMENT.search(raw)
    if m is None:
        return own, True
    own["assessment"] = _number(m.group(1))
    return own, _ONLY_ASSESSMENT.fullmatch(raw.strip()) is None


def _number(raw: str) -> object:
    """A YAML scalar as a number when it is one, else the text (rejected when checked)."""
    try:
        return float(raw) if raw.strip().lower() not in ("nan", "inf", "-inf", "+inf") else raw
    except ValueError:
        return raw
