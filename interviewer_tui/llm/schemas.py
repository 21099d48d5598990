"""The JSON shapes we ask the model for (structured outputs), and their validation in code.

The schemas are strict (every field required, no extras) so providers that enforce them return
well-formed objects; we still validate every reply ourselves, because a compatible server may
ignore the schema and a model can always be wrong. Scores are clamped, never trusted.
"""

from __future__ import annotations

import copy
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from interviewer_tui.core.models import Evaluation, ReportDraft, Usage
from interviewer_tui.core.scoring import clamp_score
from interviewer_tui.core.text import sanitize_terminal
from interviewer_tui.core.topics import BY_ID, CATALOG, resolve_topic

MAX_ITEMS = 8
MAX_ITEM_CHARS = 200
MAX_FEEDBACK_CHARS = 1_500
MAX_SUMMARY_CHARS = 2_000


class EvaluationOutput(BaseModel):
    model_config = ConfigDict(extra="forbid")

    intent: Literal["answer", "clarification"]
    covered: list[str] = Field(description="Key points of a strong answer the candidate covered.")
    missed: list[str] = Field(description="Key points of a strong answer the candidate left out.")
    feedback: str = Field(description="2-4 critical sentences; the last is one improvement.")
    score: int = Field(description="Integer from 0 to 10.")
    follow_up: bool = Field(description="Whether one follow-up question would tell more.")


class ReportOutput(BaseModel):
    model_config = ConfigDict(extra="forbid")

    summary: str
    strengths: list[str]
    improvements: list[str]
    suggested_topics: list[str] = Field(description="Topic ids from the catalog.")


def _strict(schema: dict[str, Any]) -> dict[str, Any]:
    """Strict mode wants every property required and no additional properties."""
    schema = copy.deepcopy(schema)
    schema["additionalProperties"] = False
    schema["required"] = list(schema["properties"])
    return schema


def evaluation_schema() -> dict[str, Any]:
    return _strict(EvaluationOutput.model_json_schema())


def report_schema() -> dict[str, Any]:
    schema = _strict(ReportOutput.model_json_schema())
    schema["properties"]["suggested_topics"]["items"] = {
        "type": "string",
        "enum": [t.id for t in CATALOG],
    }
    return schema


def response_format(name: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"type": "json_schema", "json_schema": {"name": name, "schema": schema, "strict": True}}


def _clean(text: str, limit: int) -> str:
    text = sanitize_terminal(text).strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _items(values: list[str], limit: int = MAX_ITEMS) -> tuple[str, ...]:
    cleaned = (_clean(v, MAX_ITEM_CHARS) for v in values)
    return tuple(v for v in cleaned if v)[:limit]


def parse_evaluation(data: object, usage: Usage) -> Evaluation:
    """Validate a decoded reply into an Evaluation; raises ValueError when it does not fit."""
    if not isinstance(data, dict):
        raise ValueError("the reply is not a JSON object")
    data = dict(data)
    # clamp before validation: an out-of-range or fractional score is the model's mistake to
    # correct, not a reason to retry
    data["score"] = clamp_score(data.get("score"))
    out = EvaluationOutput.model_validate(data)
    feedback = _clean(out.feedback, MAX_FEEDBACK_CHARS)
    if out.intent == "answer" and not feedback:
        raise ValueError("the grader returned no feedback")
    return Evaluation(
        intent=out.intent,
        score=out.score,  # kept for clarifications too: past the engine's cap they count
        feedback=feedback,
        covered=_items(out.covered),
        missed=_items(out.missed),
        follow_up=out.follow_up,
        usage=usage,
    )


def parse_report(data: object, usage: Usage) -> ReportDraft:
    if not isinstance(data, dict):
        raise ValueError("the reply is not a JSON object")
    out = ReportOutput.model_validate(data)
    summary = _clean(out.summary, MAX_SUMMARY_CHARS)
    if not summary:
        raise ValueError("the report has no summary")
    topics: list[str] = []
    for raw in out.suggested_topics:
        topic = raw if raw in BY_ID else resolve_topic(raw)
        if topic and topic not in topics:
            topics.append(topic)
    return ReportDraft(
        summary=summary,
        strengths=_items(out.strengths, 5),
        improvements=_items(out.improvements, 5),
        suggested_topics=tuple(topics[:5]),
        usage=usage,
    )
