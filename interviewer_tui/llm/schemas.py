"""The JSON shapes we ask the model for (structured outputs), and their validation in code.

The schemas are strict (every field required, no extras) so providers that enforce them return
well-formed objects; we still validate every reply ourselves, because a compatible server may
ignore the schema and a model can always be wrong. Scores are clamped, never trusted.
"""

from __future__ import annotations

import copy
import functools
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from interviewer_tui.core import prompts
from interviewer_tui.core.models import Evaluation, ReportDraft, Usage
from interviewer_tui.core.scoring import clamp_score
from interviewer_tui.core.text import sanitize_terminal
from interviewer_tui.core.topics import BY_ID, CATALOG, resolve_topic

MAX_ITEMS = 8
MAX_ITEM_CHARS = 200
MAX_FEEDBACK_CHARS = 1_500
MAX_SUMMARY_CHARS = 2_000


# the caps the grading prompt states, clamped again here in code at every difficulty: a model
# that lists a false claim (or calls the answer buzzword-only) yet scores it high is overruled
FALSE_CLAIM_CAP = prompts.FALSE_CLAIM_CAP
BUZZWORD_CAP = prompts.BUZZWORD_CAP


class FalseClaim(BaseModel):
    model_config = ConfigDict(extra="forbid")

    claim: str = Field(description="The false statement, in a few words, as the candidate made it.")
    correction: str = Field(description="The correct fact, in one sentence.")


class EvaluationOutput(BaseModel):
    """Field order is the order the grader works in: what a strong answer contains, what this one
    covered, what it got wrong, then the verdict; the score comes after the evidence."""

    model_config = ConfigDict(extra="forbid")

    intent: Literal["answer", "clarification"]
    expected_points: list[str] = Field(
        description="The 3-6 key points a strong answer to this question contains."
    )
    covered: list[str] = Field(
        description="Expected points the candidate explained correctly (not just named)."
    )
    missed: list[str] = Field(description="Expected points the candidate left out.")
    false_claims: list[FalseClaim] = Field(
        description="Every factually wrong statement in the answer; empty if none."
    )
    buzzword_only: bool = Field(
        description="True if the answer names terms without explaining any mechanism."
    )
    feedback: str = Field(
        description="2-4 critical sentences; names each false claim and states the correct "
        "fact; the last sentence is one improvement."
    )
    score: int = Field(description="Integer from 0 to 10, within the caps.")
    follow_up: bool = Field(description="Whether one follow-up question would tell more.")


class ReportOutput(BaseModel):
    model_config = ConfigDict(extra="forbid")

    summary: str
    strengths: list[str]
    improvements: list[str]
    suggested_topics: list[str] = Field(description="Topic ids from the catalog.")


def _strict(schema: dict[str, Any]) -> dict[str, Any]:
    """Strict mode wants every property required and no additional properties, nested too."""
    schema = copy.deepcopy(schema)
    for node in [schema, *schema.get("$defs", {}).values()]:
        node["additionalProperties"] = False
        node["required"] = list(node["properties"])
    return schema


def evaluation_schema() -> dict[str, Any]:
    """A fresh copy of the grading schema, generated once: pydantic took about 0.5 ms to build
    it, once per graded answer, before the grading call could be sent."""
    return copy.deepcopy(_evaluation_schema())


@functools.cache
def _evaluation_schema() -> dict[str, Any]:
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
    claims = [
        (_clean(c.claim, MAX_ITEM_CHARS), _clean(c.correction, MAX_ITEM_CHARS))
        for c in out.false_claims
    ]
    claims = [(claim, fact) for claim, fact in claims if claim][:MAX_ITEMS]
    score = out.score  # kept for clarifications too: past the engine's cap they count
    if claims:
        score = min(score, FALSE_CLAIM_CAP)
        feedback = _name_false_claims(feedback, claims)
    if out.buzzword_only:
        score = min(score, BUZZWORD_CAP)
    return Evaluation(
        intent=out.intent,
        score=score,
        feedback=feedback,
        covered=_items(out.covered),
        missed=_items(out.missed),
        follow_up=out.follow_up or bool(claims),
        usage=usage,
        false_claims=tuple(claim for claim, _fact in claims),
    )


def _words(text: str) -> set[str]:
    return {
        w for w in "".join(c if c.isalnum() else " " for c in text.lower()).split() if len(w) > 3
    }


def _name_false_claims(feedback: str, claims: list[tuple[str, str]]) -> str:
    """Feedback must name each false claim and state the fact: add what the grader left out."""
    missing: list[str] = []
    for claim, fact in claims[:2]:
        said = _words(feedback)
        if len(_words(claim) & said) < max(1, len(_words(claim)) // 2):
            correction = f" In fact, {fact.rstrip('.')}." if fact else ""
            missing.append(f"Not right: {claim.rstrip('.')}.{correction}")
    return _clean(" ".join([*missing, feedback]), MAX_FEEDBACK_CHARS)


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
