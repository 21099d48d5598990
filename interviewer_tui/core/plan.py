"""Turning options (and an optional job description) into a question plan."""

from __future__ import annotations

import re
from dataclasses import dataclass

from interviewer_tui.core.models import (
    DIFFICULTIES,
    MAX_QUESTIONS,
    InterviewOptions,
    PlannedQuestion,
)
from interviewer_tui.core.text import clean_input
from interviewer_tui.core.topics import BY_ID, DEFAULT_TOPICS, LANGUAGES, resolve_topic

QUESTIONS_PER_TOPIC = 2
MAX_JOB_DESCRIPTION_CHARS = 20_000


class OptionsError(ValueError):
    """Options a person typed that cannot make an interview; the message says how to fix them.

    `field` names the option at fault (a keyword of `normalise_options`), so a form can put the
    message beside that field and move the cursor there.
    """

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class JobProfile:
    level: str | None  # junior, mid, senior, staff
    domain: str | None  # fintech, e-commerce, ...
    stack: tuple[str, ...]  # technologies named in the text
    topics: tuple[str, ...]  # topic ids the description points at


_LEVELS = (
    ("staff", r"\b(staff|principal|architect)\b"),
    ("senior", r"\b(senior|sr\.?|lead)\b"),
    ("junior", r"\b(junior|jr\.?|graduate|entry[- ]level|intern)\b"),
    ("mid", r"\b(mid[- ]level|intermediate)\b"),
)
_DOMAINS = (
    ("fintech", r"\b(fintech|payments?|banking|trading|ledger)\b"),
    ("e-commerce", r"\b(e-?commerce|checkout|retail|marketplace)\b"),
    ("healthcare", r"\b(health\s?care|medical|clinical|patients?)\b"),
    ("gaming", r"\b(gaming|games?|multiplayer)\b"),
    ("adtech", r"\b(adtech|advertising|ad serving)\b"),
    ("saas", r"\b(saas|b2b)\b"),
    ("infrastructure", r"\b(infrastructure|platform team|devops|sre)\b"),
)
# technology -> topic it suggests
_STACK: dict[str, str | None] = {
    "go": "lang_go",
    "golang": "lang_go",
    "python": "lang_python",
    "django": "lang_python",
    "fastapi": "lang_python",
    "java": "lang_java",
    "spring": "lang_java",
    "kotlin": "lang_java",
    "node.js": "lang_javascript",
    "nodejs": "lang_javascript",
    "typescript": "lang_javascript",
    "javascript": "lang_javascript",
    "postgresql": "sql_indexing",
    "postgres": "sql_indexing",
    "mysql": "sql_indexing",
    "sql": "sql_indexing",
    "mongodb": "databases",
    "redis": "caching",
    "memcached": "caching",
    "kafka": "queues_streaming",
    "rabbitmq": "queues_streaming",
    "sqs": "queues_streaming",
    "kubernetes": "distributed_systems",
    "microservices": "distributed_systems",
    "grpc": "http_apis",
    "rest": "http_apis",
    "graphql": "http_apis",
    "oauth": "security_auth",
    "prometheus": "observability",
    "opentelemetry": "observability",
    "grafana": "observability",
    "aws": None,
    "gcp": None,
    "docker": None,
    "terraform": None,
}


def extract_profile(text: str) -> JobProfile:
    """Read level, domain and stack out of a job description with plain keyword rules.

    Deterministic and offline; the OpenAI interviewer also sees the full text and tailors further.
    """
    lowered = text.lower()
    level = next((name for name, rx in _LEVELS if re.search(rx, lowered)), None)
    domain = next((name for name, rx in _DOMAINS if re.search(rx, lowered)), None)
    stack: list[str] = []
    topics: list[str] = []
    for tech, topic in _STACK.items():
        if re.search(rf"(?<![\w.]){re.escape(tech)}(?![\w])", lowered):
            stack.append(tech)
            if topic and topic not in topics:
                topics.append(topic)
    return JobProfile(level=level, domain=domain, stack=tuple(stack), topics=tuple(topics))


def normalise_options(
    *,
    difficulty: str = "medium",
    topics: list[str] | tuple[str, ...] = (),
    questions: int | None = None,
    language: str | None = None,
    length_minutes: int | None = None,
    job_description: str | None = None,
    resume: str | None = None,
) -> InterviewOptions:
    """Validate what a user chose; every problem becomes one readable OptionsError."""
    diff = difficulty.strip().lower()
    if diff not in DIFFICULTIES:
        raise OptionsError(
            f"difficulty must be one of {', '.join(DIFFICULTIES)} (got {difficulty!r})",
            field="difficulty",
        )
    resolved: list[str] = []
    for raw in topics:
        for part in raw.split(","):
            if not part.strip():
                continue
            topic = resolve_topic(part)
            if topic is None:
                raise OptionsError(
                    f"unknown topic {part.strip()!r}: see `interviewer topics`", field="topics"
                )
            if topic not in resolved:
                resolved.append(topic)
    if questions is not None and not 1 <= questions <= MAX_QUESTIONS:
        raise OptionsError(
            f"questions must be between 1 and {MAX_QUESTIONS} (got {questions})", field="questions"
        )
    if length_minutes is not None and not 1 <= length_minutes <= 240:
        raise OptionsError(
            f"length must be between 1 and 240 minutes (got {length_minutes})",
            field="length_minutes",
        )
    language = clean_input(language) if language else language
    job_description = clean_input(job_description) if job_description else job_description
    lang = language.strip().lower() if language and language.strip() else None
    if lang is not None and len(lang) > 32:
        raise OptionsError("language must be at most 32 characters", field="language")
    jd = job_description.strip() if job_description and job_description.strip() else None
    if jd is not None and len(jd) > MAX_JOB_DESCRIPTION_CHARS:
        raise OptionsError(
            f"the job description is too long ({len(jd)} characters, at most "
            f"{MAX_JOB_DESCRIPTION_CHARS})",
            field="job_description",
        )
    cv = clean_input(resume).strip() if resume and resume.strip() else None
    if cv is not None and len(cv) > MAX_JOB_DESCRIPTION_CHARS:
        raise OptionsError(
            f"the résumé is too long ({len(cv)} characters, at most {MAX_JOB_DESCRIPTION_CHARS})",
            field="resume",
        )
    return InterviewOptions(
        difficulty=diff,
        topics=tuple(resolved),
        questions=questions,
        language=lang,
        length_minutes=length_minutes,
        job_description=jd,
        resume=cv or None,
    )


def make_plan(options: InterviewOptions) -> tuple[PlannedQuestion, ...]:
    """Topics in order, round-robin until the question count is reached.

    No topics chosen: the reference product's default (six core topics, two questions each), with
    the candidate's language topic and the job description's topics folded in.
    """
    topics = list(options.topics)
    if not topics:
        topics = list(DEFAULT_TOPICS)
        extra: list[str] = []
        if options.job_description:
            extra.extend(extract_profile(options.job_description).topics)
        if options.language and options.language in LANGUAGES:
            extra.append(LANGUAGES[options.language])
        # tailored topics replace the generic "general backend" slot first, then add on
        for topic in extra:
            if topic in topics:
                continue
            if "general_backend" in topics and topic in BY_ID:
                topics[topics.index("general_backend")] = topic
            else:
                topics.append(topic)
    count = options.questions or QUESTIONS_PER_TOPIC * min(len(topics), 6)
    count = max(1, min(count, MAX_QUESTIONS))
    per_topic, extra_count = divmod(count, len(topics))
    plan: list[PlannedQuestion] = []
    for i, topic in enumerate(topics):
        for _ in range(per_topic + (1 if i < extra_count else 0)):
            plan.append(PlannedQuestion(number=len(plan) + 1, topic=topic))
    return tuple(plan)
