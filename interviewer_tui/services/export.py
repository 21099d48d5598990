"""The Markdown export of one interview, for people; the JSON one is `services/wire.export_json`."""

from __future__ import annotations

from interviewer_tui.core.resume import describe_setup
from interviewer_tui.core.topics import title
from interviewer_tui.services.views import InterviewDetail


def _fence(text: str) -> str:
    """Quote user/model text so Markdown in it cannot break the document's structure."""
    return "\n".join("> " + line if line else ">" for line in text.splitlines()) or ">"


def to_markdown(detail: InterviewDetail) -> str:
    s = detail.summary
    label = "offline interviewer" if s.provider == "offline" else f"{s.provider} {s.model}"
    lines = [
        f"# Interview {s.id}: {s.difficulty}, {', '.join(title(t) for t in s.topics)}",
        "",
        f"- Date: {s.created_at:%Y-%m-%d %H:%M} UTC",
        f"- Status: {s.status}",
        f"- Interviewer: {label}",
        f"- Questions: {s.answered} answered of {s.number_questions}",
        f"- Score: {s.score}%" if s.score is not None else "- Score: not scored yet",
        "",
    ]
    if detail.setup:
        lines.insert(-1, f"- Tailored to: {describe_setup(detail.setup)}")
    report = detail.report
    if report is not None:
        lines += ["## Report", "", report.summary, ""]
        if report.per_topic:
            lines += ["| Topic | Score |", "| --- | --- |"]
            lines += [f"| {title(t)} | {p}% |" for t, p in report.per_topic.items()]
            lines.append("")
        for heading, items in (
            ("Strengths", report.strengths),
            ("Improvements", report.improvements),
            ("Practise next", tuple(title(t) for t in report.suggested_topics)),
        ):
            if items:
                lines += [f"### {heading}", ""] + [f"- {item}" for item in items] + [""]
    lines += ["## Questions", ""]
    for q in detail.questions:
        score = "skipped" if q.skipped else ("-" if q.score is None else f"{q.score}/10")
        lines += [f"### Q{q.number} · {title(q.topic)} · {score}", "", _fence(q.question), ""]
        if q.feedback:
            lines += [f"**Feedback:** {q.feedback}", ""]
    lines += ["## Transcript", ""]
    for m in detail.messages:
        who = "Interviewer" if m.author == "interviewer" else "You"
        extra = f" (score {m.score}/10)" if m.kind == "feedback" and m.score is not None else ""
        lines += [f"**{who} · {m.kind}{extra}**", "", _fence(m.content), ""]
    return "\n".join(lines).rstrip() + "\n"
