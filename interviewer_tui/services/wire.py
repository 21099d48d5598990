"""The wire codec: one way to turn read models and events into JSON, and JSON back into them.

Every JSON the program prints or writes goes through here: `history --json`, `show --json`,
`export -f json`, the line mode's JSON Lines events (and next the HTTP API and its client). The
types stay the plain frozen dataclasses of `services/views.py` and `services/events.py`; pydantic
`TypeAdapter`s, built once per type on first use, do the encoding and the validation.

Timestamps are ISO 8601 in UTC with a `Z`, to the microsecond when there is one:
`2025-03-14T09:30:00Z`, `2025-03-14T09:30:00.123456Z` (RFC 3339; `datetime.fromisoformat`,
`date -d` and JavaScript's `Date` all read it). Tuples become arrays, None becomes null.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from interviewer_tui.core.models import InterviewOptions, QuestionResult, Report
from interviewer_tui.services.views import InterviewDetail, InterviewSummary, MessageView

if TYPE_CHECKING:
    from pydantic import TypeAdapter

T = TypeVar("T")
EXPORT_FORMAT = "interviewer.export"
EXPORT_VERSION = 1


@dataclass(frozen=True)
class InterviewExport:
    """The document of `export -f json` and `show --json` (field names are stable)."""

    format: str
    version: int
    interview: InterviewSummary
    options: InterviewOptions
    questions: tuple[QuestionResult, ...]
    messages: tuple[MessageView, ...]
    report: Report | None

    @classmethod
    def of(cls, detail: InterviewDetail) -> InterviewExport:
        return cls(
            format=EXPORT_FORMAT,
            version=EXPORT_VERSION,
            interview=detail.summary,
            options=detail.options,
            questions=detail.questions,
            messages=detail.messages,
            report=detail.report,
        )


_ADAPTERS: dict[type[Any], TypeAdapter[Any]] = {}


def _adapter(tp: type[Any]) -> TypeAdapter[Any]:
    """Built on first use per type (a few ms each), then reused: pydantic loads only when JSON
    is asked for."""
    adapter = _ADAPTERS.get(tp)
    if adapter is None:
        from pydantic import TypeAdapter

        adapter = _ADAPTERS[tp] = TypeAdapter(tp)
    return adapter


def encode(value: object) -> Any:
    """A read model or event as JSON-ready data (dicts, lists, strings, numbers, None)."""
    return _adapter(type(value)).dump_python(value, mode="json")


def decode(tp: type[T], data: Any) -> T:
    """The inverse of `encode`: JSON-ready data validated back into the read model `tp`."""
    value: T = _adapter(tp).validate_python(data)
    return value


def dumps(value: object, *, indent: int | None = None) -> str:
    """`encode` then one JSON text; non-ASCII text is kept as it is (UTF-8)."""
    separators = None if indent is not None else (",", ":")
    return json.dumps(encode(value), ensure_ascii=False, indent=indent, separators=separators)


def export_json(detail: InterviewDetail) -> str:
    return dumps(InterviewExport.of(detail), indent=2) + "\n"
