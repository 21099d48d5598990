"""Our interview in the reference product's shapes (`Interview`, `Conversation`), exactly as its
web client reads them (../shared/seed/API_CONTRACT.md, "Shapes").

The subtle part is where feedback sits: the client shows, for each question, its `prompt` and the
first `user` message, and takes the score and feedback of answer N from the first interviewer
message whose content is a JSON object in the NEXT question; the last answer's feedback goes on the
last question itself. Every interviewer turn we store (question, follow-up, clarification) becomes
one such "question", so follow-ups are shown too; topics are the interview's topics in plan order,
numbered 1..6 (a seventh or later topic shares slot 6).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from interviewer_tui.core.topics import title
from interviewer_tui.services.views import InterviewDetail

SLOTS = 6
DEFAULT_NAMES = (
    "Introduction",
    "Coding",
    "System Design",
    "Databases and Data Management",
    "Behavioral",
    "General Backend Knowledge",
)
SPOKEN = ("question", "followup", "clarification")
STATUS = {
    "in_progress": "active",
    "paused": "paused",
    "completed": "finished",
    "abandoned": "finished",
}


def iso(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def score_percent(detail: InterviewDetail) -> int:
    """Go's rule: round(sum / (answered * 10) * 100), 100 before the first answer."""
    if detail.summary.score is not None:
        return detail.summary.score
    scores = [q.score for q in detail.questions if q.score is not None]
    return round(sum(scores) / (len(scores) * 10) * 100) if scores else 100


def _slots(detail: InterviewDetail) -> list[str]:
    order = list(dict.fromkeys(detail.options.topics or [q.topic for q in detail.questions]))
    return order


def _slot_of(topic: str, order: list[str]) -> int:
    return min(order.index(topic) + 1, SLOTS) if topic in order else SLOTS


def interview_shape(detail: InterviewDetail, *, user_id: int) -> dict[str, Any]:
    summary = detail.summary
    first = next(
        (m.content for m in detail.messages if m.author == "interviewer" and m.kind == "question"),
        "",
    )
    scores = [q.score for q in detail.questions if q.score is not None]
    return {
        "id": summary.id,
        "conversation_id": summary.id,
        "user_id": user_id,
        "length": detail.options.length_minutes or 0,
        "number_questions": summary.number_questions,
        "number_questions_answered": summary.answered,
        "score_numerator": sum(scores),
        "score": score_percent(detail),
        "difficulty": summary.difficulty,
        "status": STATUS.get(summary.status, "active"),
        "language": detail.options.language or "",
        "prompt": "",
        "jd_summary": (detail.options.job_description or "")[:500],
        "first_question": first,
        "subtopic": "",
        "created_at": iso(summary.created_at),
        "updated_at": iso(summary.updated_at),
    }


def conversation_shape(detail: InterviewDetail) -> dict[str, Any]:
    cid = detail.summary.id
    order = _slots(detail)
    topic_of = {q.number: q.topic for q in detail.questions}
    names = list(DEFAULT_NAMES)
    for i, topic in enumerate(order[:SLOTS]):
        names[i] = title(topic)
    topics: dict[str, dict[str, Any]] = {
        str(i + 1): {"id": i + 1, "conversation_id": cid, "name": names[i], "questions": {}}
        for i in range(SLOTS)
    }
    counters = [0] * (SLOTS + 1)
    current: dict[str, Any] | None = None
    current_slot = 0
    pending: dict[str, Any] | None = None  # feedback waiting for the next question

    def msg(author: str, content: str, slot: int, number: int, at: datetime) -> dict[str, Any]:
        return {
            "author": author,
            "content": content,
            "topic_id": slot,
            "question_id": number,
            "conversation_id": cid,
            "created_at": iso(at),
        }

    for m in detail.messages:
        if m.author == "interviewer" and m.kind in SPOKEN:
            slot = _slot_of(topic_of.get(m.question_number or 0, ""), order)
            counters[slot] += 1
            number = counters[slot]
            messages: list[dict[str, Any]] = []
            if pending is not None:
                pending["next_question"] = m.content
                pending["next_topic"] = names[slot - 1]
                messages.append(msg("interviewer", json.dumps(pending), slot, number, m.created_at))
                pending = None
            else:
                messages.append(msg("interviewer", m.content, slot, number, m.created_at))
            current = {
                "conversation_id": cid,
                "topic_id": slot,
                "question_number": number,
                "prompt": m.content,
                "created_at": iso(m.created_at),
                "messages": messages,
            }
            topics[str(slot)]["questions"][str(number)] = current
            current_slot = slot
        elif m.author == "candidate" and current is not None:
            current["messages"].append(
                msg("user", m.content, current_slot, current["question_number"], m.created_at)
            )
        elif m.kind == "feedback" and current is not None:
            pending = {
                "topic": names[current_slot - 1],
                "subtopic": "",
                "question": current["prompt"],
                "score": m.score or 0,
                "feedback": m.content,
                "next_question": "",
                "next_topic": "",
                "next_subtopic": "",
            }
    done = detail.summary.status in ("completed", "abandoned")
    if pending is not None and current is not None and done:
        current["messages"].append(
            msg(
                "interviewer",
                json.dumps(pending),
                current_slot,
                current["question_number"],
                detail.summary.updated_at,
            )
        )
    summary = detail.summary
    return {
        "id": cid,
        "interview_id": summary.id,
        "current_topic": 0 if done else current_slot,
        "current_subtopic": "finished" if done else "",
        "current_question_number": 0 if done else (current or {}).get("question_number", 0),
        "created_at": iso(summary.created_at),
        "updated_at": iso(summary.updated_at),
        "topics": topics,
    }
