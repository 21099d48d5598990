"""Options, plans, job-description tailoring and the report's arithmetic."""

from __future__ import annotations

import pytest

from interviewer_tui.core.models import QuestionResult, ReportDraft
from interviewer_tui.core.plan import OptionsError, extract_profile, make_plan, normalise_options
from interviewer_tui.core.scoring import band, build_report, clamp_score
from interviewer_tui.core.topics import DEFAULT_TOPICS, resolve_topic


def test_default_plan_is_two_questions_per_core_topic() -> None:
    plan = make_plan(normalise_options())
    assert [q.topic for q in plan] == [t for t in DEFAULT_TOPICS for _ in range(2)]
    assert [q.number for q in plan] == list(range(1, 13))


def test_question_count_spreads_over_topics() -> None:
    plan = make_plan(normalise_options(topics=["sql", "Caching"], questions=5))
    assert [q.topic for q in plan] == ["sql_indexing"] * 3 + ["caching"] * 2


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"difficulty": "insane"}, "difficulty"),
        ({"questions": 0}, "between 1 and 30"),
        ({"questions": 31}, "between 1 and 30"),
        ({"topics": ["astrology"]}, "unknown topic"),
        ({"length_minutes": 0}, "length"),
        ({"job_description": "x" * 20_001}, "too long"),
    ],
)
def test_bad_options_are_explained(kwargs, message) -> None:
    with pytest.raises(OptionsError, match=message):
        normalise_options(**kwargs)


def test_topic_aliases() -> None:
    assert resolve_topic("System Design") == "system_design"
    assert resolve_topic("kafka") == "queues_streaming"
    assert resolve_topic("JavaScript/TypeScript") == "lang_javascript"
    assert resolve_topic("nonsense") is None


def test_job_description_tailors_the_plan() -> None:
    jd = "Senior backend engineer (Go, PostgreSQL, Kafka) for our payments platform."
    profile = extract_profile(jd)
    assert profile.level == "senior" and profile.domain == "fintech"
    assert {"go", "postgresql", "kafka"} <= set(profile.stack)
    topics = {q.topic for q in make_plan(normalise_options(job_description=jd))}
    assert {"lang_go", "sql_indexing", "queues_streaming"} <= topics


@pytest.mark.parametrize(
    ("raw", "expected"),
    [(15, 10), (-3, 0), ("7", 7), (6.6, 7), ("ten", 0), (None, 0), (float("nan"), 0)],
)
def test_scores_are_clamped(raw, expected) -> None:
    assert clamp_score(raw) == expected


def test_bands() -> None:
    assert [band(s) for s in (10, 7, 6, 5, 4, 0, None)] == [
        "pass",
        "pass",
        "borderline",
        "borderline",
        "fail",
        "fail",
        "none",
    ]


def test_report_percentages_follow_reference_semantics() -> None:
    results = (
        QuestionResult(1, "caching", "q1", 8, "f"),
        QuestionResult(2, "caching", "q2", 6, "f"),
        QuestionResult(3, "databases", "q3", 0, "f", skipped=True),
        QuestionResult(4, "databases", "q4", None, None),  # never answered: not counted
    )
    report = build_report(
        results, ReportDraft("s", ("a",), ("b",), ("c",)), provider="offline", model="bank"
    )
    assert report.overall_percent == round(100 * 14 / 30)
    assert report.per_topic == {"caching": 70, "databases": 0}
    assert report.answered == 3
