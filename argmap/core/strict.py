"""Field types whose reader and published JSON Schema are one definition (no Qt).

Each type below is checked by a plain-Python validator built from the very regular
expression and length that its JSON Schema publishes (resources/argmap-v2.schema.json;
the version-1 schema beside it is published and frozen), so that the reader accepts exactly
the values the schema accepts: no lax coercion ("5" or true for an integer, 1700000000 for
a timestamp), and nothing the schema refuses slips through after whitespace is stripped.
Patterns use only syntax that ECMA-262 and Python's `re` read alike, end with `(?![\\s\\S])`
(a true end of string, where `$` would also match before a final newline) and spell digits
[0-9] (`\\d` is Unicode-wide in Python).

Rules within one node (an argument node has a polarity, no other kind has one) are a
model validator in core/model.py and an `if`/`then` in the schema, written side by side.
Rules that span nodes (unique ids, parents that exist, no cycles, kind rules, an argument's
premises) are not expressible in JSON Schema; only the reader checks them
(model.check_structure), and the schema's descriptions state them.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Annotated, Any

from pydantic import BeforeValidator, WithJsonSchema

_END = r"(?![\s\S])"
#: Characters SQLite and UTF-8 cannot hold: NUL and lone surrogates.
_STORABLE = r"[^\u0000\ud800-\udfff]"
_VISIBLE = r"[^\s\u0000\ud800-\udfff]"
#: One-line text: no line or paragraph breaks, tabs or separators.
_ONE_LINE = r"[^\u0000\ud800-\udfff\n\r\t\v\f\x1c-\x1e\x85\u2028\u2029]"

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}" + _END
TEXT_PATTERN = f"^{_STORABLE}*{_VISIBLE}{_STORABLE}*{_END}"
TITLE_PATTERN = f"^{_ONE_LINE}*{_VISIBLE}{_ONE_LINE}*{_END}"
OPTIONAL_TEXT_PATTERN = f"^{_STORABLE}*{_END}"
#: RFC 3339 date-time with seconds, at most microseconds, and an explicit offset. Years 0001
#: and 9999 are left out: with an offset, their UTC time can fall outside years 1-9999.
TIMESTAMP_PATTERN = (
    r"^(?!000[01]-|9999-)[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])"
    r"T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]{1,6})?"
    r"(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9])" + _END
)


def _string(value: Any, pattern: re.Pattern[str], limit: int | None, what: str) -> str:
    if not isinstance(value, str):
        raise ValueError("must be a string")
    if limit is not None and len(value) > limit:
        raise ValueError(f"at most {limit} characters, not {len(value)}")
    if pattern.search(value) is None:
        raise ValueError(what)
    return value


def text_type(pattern: str, limit: int | None, what: str, strip: bool) -> object:
    """An Annotated str: checked raw against (pattern, limit), then stripped if asked."""
    compiled = re.compile(pattern)

    def check(value: Any) -> str:
        value = _string(value, compiled, limit, what)
        return value.strip() if strip else value

    schema: dict[str, Any] = {"type": "string", "pattern": pattern}
    if limit is not None:
        schema["maxLength"] = limit
    return Annotated[str, BeforeValidator(check), WithJsonSchema(schema)]


def _timestamp(value: Any) -> Any:
    if isinstance(value, datetime):  # built by argmap itself, not read from a file
        stamp = value
    else:
        text = _string(value, _TIMESTAMP, None,
                       "must be an RFC 3339 date-time such as 2026-01-31T09:30:00Z")
        try:
            stamp = datetime.fromisoformat(text)
        except ValueError:
            raise ValueError("not a real date (day out of range for the month)") from None
    if stamp.tzinfo is None:
        raise ValueError("needs a time-zone offset (Z or +hh:mm)")
    try:
        return stamp.astimezone(UTC)
    except OverflowError:
        raise ValueError("out of range: the time in UTC falls outside years 1-9999") from None


_TIMESTAMP = re.compile(TIMESTAMP_PATTERN)

Timestamp = Annotated[
    datetime,
    BeforeValidator(_timestamp),
    WithJsonSchema({"type": "string", "format": "date-time", "pattern": TIMESTAMP_PATTERN}),
]


def integer_type(minimum: int, maximum: int, default: int) -> object:
    """A JSON Schema integer in [minimum, maximum]: an int, or a float with no fraction
    (5.0, which JSON Schema counts as an integer); never a bool or a string."""

    def check(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError("must be an integer")
        if isinstance(value, float):
            if not value.is_integer():
                raise ValueError("must be an integer")
            value = int(value)
        if not minimum <= value <= maximum:
            raise ValueError(f"must be from {minimum} to {maximum}")
        return value

    return Annotated[
        int,
        BeforeValidator(check),
        WithJsonSchema({"type": "integer", "minimum": minimum, "maximum": maximum,
                        "default": default}),
    ]


def fraction_type(minimum: float, maximum: float) -> object:
    """A JSON Schema number in [minimum, maximum] (an int or a float; never a bool or a
    string), held as a float; -0.0 becomes 0.0 so that one value has one byte form."""

    def check(value: Any) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError("must be a number")
        if not minimum <= value <= maximum:  # NaN and 1e400 (inf) fail here too
            raise ValueError(f"must be from {minimum:g} to {maximum:g}")
        return float(value) + 0.0

    return Annotated[
        float,
        BeforeValidator(check),
        WithJsonSchema({"type": "number", "minimum": minimum, "maximum": maximum}),
    ]
