"""The offline interviewer: the built-in question bank, rubric grading and canned follow-ups.

Deterministic on purpose: the same (topic, difficulty, seed) and earlier questions always give the
same question, so resuming an interview re-asks exactly what was pending. It needs no network, so
it is what runs without an API key; its output is always labelled offline (`ModelInfo`).
"""

from __future__ import annotations

import re
import time
import zlib
from collections.abc import Iterator
from functools import cache

from interviewer_tui.core.models import (
    DIFFICULTIES,
    PASS_SCORE,
    Difficulty,
    Evaluation,
    EvaluationRequest,
    InterviewOptions,
    QuestionResult,
    QuestionSummary,
    ReportDraft,
    ReportRequest,
    ThreadEntry,
    TurnRequest,
    Utterance,
)
from interviewer_tui.core.plan import extract_profile
from interviewer_tui.core.scoring import overall_percent, per_topic_percent
from interviewer_tui.core.topics import BY_ID, DEFAULT_TOPICS, title
from interviewer_tui.core.words import count
from interviewer_tui.llm import rubric
from interviewer_tui.llm.bank import BankQuestion, KeyPoint, all_questions, questions_for
from interviewer_tui.llm.protocol import Delta, Listener, ModelInfo

OFFLINE_INFO = ModelInfo(provider="offline", model="offline-bank")
FALLBACK_TOPIC = "general_backend"
_MATCH_CHARS = 60  # leading characters of a question that identify it in summaries
UNKNOWN_FULL_MARKS = 4

_PROBES: tuple[tuple[str, str], ...] = (
    # (label words that put a key point in an area, a question about that area naming nothing)
    (r"\bexample|for instance|scenario", "Can you make it concrete: one real case, step by step?"),
    (
        r"cost|slower|storage|overhead|downside|trade|price|memory|space",
        "What does this cost you, and when would you decide it is not worth it?",
    ),
    (
        r"o\(|complexity|linear|quadratic|time and|scal",
        "How does your approach behave as the input or the load grows?",
    ),
    (
        r"fail|crash|error|retry|retries|duplicate|conflict|concurren|lost|timeout|partition",
        "Walk me through what goes wrong when things fail or happen at the same moment.",
    ),
    (
        r"choose|choice|when to|when would|pick|versus|vs\b|prefer|instead",
        "How would you decide between the options in a real system?",
    ),
    (
        r"measure|metric|monitor|alert|detect|observ|log|trace|test",
        "How would you know, in production, that it is working or that it is not?",
    ),
)
_FALLBACK_PROBES = (
    "What actually happens underneath, step by step, when this runs?",
    "What would you check first if this misbehaved in production, and why?",
    "Which part of your answer would you defend most, and which part is weakest?",
)
# Questions about the candidate's own experience have no mechanism "underneath" to probe: their
# follow-ups ask for the story's missing parts (what they did, how it ended, what they learned).
_STORY_TOPICS = frozenset({"introduction", "behavioral"})
_STORY_PROBES = (
    "What was the hardest moment in that, and what did you do about it yourself?",
    "How did it end? How did you know it had worked, or that it had not?",
    "Looking back, what would you do another way if you started it tomorrow?",
)


def _fallbacks(topic: str) -> tuple[str, ...]:
    return _STORY_PROBES if topic in _STORY_TOPICS else _FALLBACK_PROBES


def _norm(text: str) -> str:
    return rubric.normalise(text).rstrip("…. ")


def _stable(*parts: object) -> int:
    return zlib.crc32(":".join(str(p) for p in parts).encode())


def _was_asked(question: BankQuestion, summary: tuple[QuestionSummary, ...]) -> bool:
    head = _norm(question.text)[:_MATCH_CHARS]
    for item in summary:
        asked = _norm(item.question)
        if head in asked or (len(asked) >= 20 and _norm(question.text).startswith(asked)):
            return True
    return False


def pick_question(
    topic: str, difficulty: Difficulty, seed: int, summary: tuple[QuestionSummary, ...], number: int
) -> BankQuestion:
    """Same inputs, same question; never one already in `summary` while the topic has others."""
    bank_topic = topic if topics_in_bank().get(topic) else FALLBACK_TOPIC
    wanted = DIFFICULTIES.index(difficulty)
    order = sorted(DIFFICULTIES, key=lambda d: abs(DIFFICULTIES.index(d) - wanted))
    for level in order:  # nearest difficulty first when the requested one is used up
        pool = sorted(questions_for(bank_topic, level), key=lambda q: _stable(seed, q.id))
        for question in pool:
            if not _was_asked(question, summary):
                return question
    pool = sorted(topics_in_bank()[bank_topic], key=lambda q: _stable(seed, q.id))
    return pool[number % len(pool)]


@cache
def topics_in_bank() -> dict[str, tuple[BankQuestion, ...]]:
    grouped: dict[str, list[BankQuestion]] = {}
    for question in all_questions():
        grouped.setdefault(question.topic, []).append(question)
    return {topic: tuple(items) for topic, items in grouped.items()}


def find_question(text: str, topic: str | None = None) -> BankQuestion | None:
    """The bank question an utterance asked (it may carry a suffix such as a language hint)."""
    asked = _norm(text)
    candidates = sorted(all_questions(), key=lambda q: q.topic != topic)
    for question in candidates:
        if _norm(question.text)[:_MATCH_CHARS] in asked:
            return question
    return None


def _chunks(text: str, words_per_chunk: int = 3) -> Iterator[str]:
    tokens = re.findall(r"\S+\s*", text)
    for i in range(0, len(tokens), words_per_chunk):
        yield "".join(tokens[i : i + words_per_chunk])


def _candidate_text(thread: tuple[ThreadEntry, ...], answer: str = "") -> str:
    """Everything the candidate said on this question: a follow-up answer adds to the first."""
    parts = [e.text for e in thread if e.author == "candidate"]
    if answer and (not parts or parts[-1] != answer):
        parts.append(answer)
    return "\n".join(parts)


class OfflineInterviewer:
    """An `InterviewerModel` that needs no network: bank questions, rubric scores, canned prose."""

    def __init__(self, *, chunk_delay: float = 0.0) -> None:
        self._chunk_delay = chunk_delay  # > 0 makes the stream look typed (demos)

    @property
    def info(self) -> ModelInfo:
        return OFFLINE_INFO

    def close(self) -> None:
        return None

    # -- turns --------------------------------------------------------------------------------

    def stream_turn(self, request: TurnRequest, on_event: Listener) -> Utterance:
        text = self._turn_text(request)
        for piece in _chunks(text):
            on_event(Delta(piece))
            if self._chunk_delay:
                time.sleep(self._chunk_delay)
        return Utterance(text=text)

    def _turn_text(self, request: TurnRequest) -> str:
        if request.kind == "question":
            return self._question_text(request)
        current = self._current_question(request.thread, request.question.topic)
        if request.kind == "followup":
            return self._follow_up(request, current)
        return self._clarification(request, current)

    def _question_text(self, request: TurnRequest) -> str:
        chosen = pick_question(
            request.question.topic,
            request.options.difficulty,
            request.seed,
            request.summary,
            request.question.number,
        )
        return (
            chosen.text
            + _tailoring(request.options, request.question.topic)
            + _resume_tailoring(request.options, request.question.number)
        )

    @staticmethod
    def _current_question(thread: tuple[ThreadEntry, ...], topic: str) -> BankQuestion | None:
        for entry in thread:
            if entry.author == "interviewer" and entry.kind == "question":
                return find_question(entry.text, topic)
        return None

    def _follow_up(self, request: TurnRequest, current: BankQuestion | None) -> str:
        """A stated misconception is challenged first; then the area of a missed point is
        probed without naming the point (pasting the follow-up back must earn nothing)."""
        asked_before = [e.text for e in request.thread if e.kind == "followup"]
        if current is None:
            return _fresh(list(_fallbacks(request.question.topic)), asked_before) or _CONCRETE
        answers = [e.text for e in request.thread if e.author == "candidate"]
        difficulty = request.options.difficulty
        for answer in reversed(answers):
            for claim in rubric.assess(current, answer, difficulty).wrong:
                if claim.challenge not in asked_before:
                    return claim.challenge
        grade = rubric.assess(current, "\n".join(answers), difficulty)
        wanted = [p.label for p in grade.missed] + list(request.missed)
        missed = [p for p in current.key_points if p.label in wanted]
        banned = {k for p in missed for k in p.keywords}
        fallbacks = _fallbacks(current.topic)
        candidates = [probe_for(p, fallbacks) for p in missed] + list(fallbacks)
        clean = [c for c in candidates if not _names_any(c, banned)]
        return _fresh(clean, asked_before) or _CONCRETE

    def _clarification(self, request: TurnRequest, current: BankQuestion | None) -> str:
        asked = ""
        for entry in reversed(request.thread):
            if entry.author == "candidate":
                asked = rubric.normalise(entry.text)
                break
        if re.search(r"\b(scale|traffic|users|requests|load|how (many|big|much)|size)\b", asked):
            reply = (
                "Assume a typical mid-size production service: a few thousand requests per second, "
                "data that fits on a handful of database nodes, and a small team running it."
            )
        elif re.search(r"\b(language|code|coding|pseudo ?code|syntax)\b", asked):
            language = request.options.language or "any language you are comfortable with"
            reply = f"Use {language}; pseudocode is fine as long as you explain your reasoning."
        elif re.search(r"\b(example|which|what kind|specific)\b", asked):
            reply = "Pick the concrete example you know best and say why you chose it."
        else:
            reply = "Answer for the common case, and state any assumption you make as you go."
        question = current.text if current is not None else _first_question_text(request.thread)
        return f"Good question. {reply}\n\nThe question again: {question}" if question else reply

    # -- grading ------------------------------------------------------------------------------

    def evaluate(self, request: EvaluationRequest, on_event: Listener | None = None) -> Evaluation:
        difficulty = request.options.difficulty
        current = find_question(request.question_text, request.question.topic)
        # graded even when it is a clarification: past the engine's cap it counts as an answer
        clarifying = rubric.looks_like_clarification(request.answer) and (
            current is None or len(rubric.assess(current, request.answer, difficulty).covered) < 2
        )
        if current is None:
            answers = _candidate_text(request.thread, request.answer)
            return self._evaluate_unknown(request.question.topic, answers, difficulty, clarifying)
        result, first = self._evaluate_bank(request, current)
        return Evaluation(
            intent="clarification" if clarifying else "answer",
            score=result.score,
            feedback=rubric.feedback(result, difficulty, first_score=first),
            covered=tuple(p.label for p in result.covered),
            missed=tuple(p.label for p in result.missed),
            follow_up=bool(result.wrong) or (bool(result.missed) and 0 < result.score < 9),
        )

    def _evaluate_bank(
        self, request: EvaluationRequest, current: BankQuestion
    ) -> tuple[rubric.Grade, int | None]:
        """The first answer graded alone; a follow-up answer adds only what it newly explains.
        Also the first answer's own score, for a follow-up (None for the first answer)."""
        difficulty = request.options.difficulty
        earlier = [e.text for e in request.thread if e.author == "candidate"]
        if earlier and earlier[-1] == request.answer:
            earlier = earlier[:-1]
        if not earlier:
            return rubric.assess(current, request.answer, difficulty), None
        asked = tuple(e.text for e in request.thread if e.author == "interviewer")
        first = rubric.assess(current, earlier[0], difficulty).score
        before = rubric.assess(current, "\n".join(earlier), difficulty, asked=asked)
        grade = rubric.assess(
            current,
            request.answer,
            difficulty,
            already=before.covered,
            earlier="\n".join(earlier),
            asked=asked,
        )
        return grade, first

    def _evaluate_unknown(
        self, topic: str, answers: str, difficulty: Difficulty, clarifying: bool
    ) -> Evaluation:
        """A question the bank did not ask (say, resumed from an online interview): grade by how
        many of the topic's key ideas the answer touches, four making a full answer."""
        pool = topics_in_bank().get(topic) or topics_in_bank()[FALLBACK_TOPIC]
        points = {p.label: p for q in pool for p in q.key_points}
        text = rubric.normalise(answers)
        hits = tuple(p for p in points.values() if rubric.covers(p, text))[:UNKNOWN_FULL_MARKS]
        words = rubric.word_count(answers)
        score = rubric.score_for(len(hits), UNKNOWN_FULL_MARKS, words, difficulty)
        result = rubric.Grade(score, hits, (), words)
        return Evaluation(
            intent="clarification" if clarifying else "answer",
            score=score,
            feedback=rubric.feedback(result, difficulty),
            covered=tuple(p.label for p in hits),
        )

    # -- report -------------------------------------------------------------------------------

    def write_report(self, request: ReportRequest, on_event: Listener | None = None) -> ReportDraft:
        return offline_report(request.options, request.results)


_CONCRETE = (
    "Let's make it concrete: describe one real situation where this mattered, what you did, and "
    "what you would watch out for."
)


def probe_for(point: KeyPoint, fallbacks: tuple[str, ...] = _FALLBACK_PROBES) -> str:
    """The point's own probe, else a question about its area chosen from its label, else one of
    the topic's `fallbacks`."""
    if point.probe:
        return point.probe
    label = point.label.lower()
    for pattern, probe in _PROBES:
        if re.search(pattern, label):
            return probe
    return fallbacks[_stable(point.label) % len(fallbacks)]


def _names_any(text: str, keywords: set[str]) -> bool:
    lowered = rubric.normalise(text)
    return any(rubric.keyword_in(k, lowered) for k in keywords)


def _fresh(candidates: list[str], asked_before: list[str]) -> str:
    asked = {rubric.normalise(a) for a in asked_before}
    return next((c for c in candidates if rubric.normalise(c) not in asked), "")


def _tailoring(options: InterviewOptions, topic: str) -> str:
    """A short suffix (never a prefix: summaries identify questions by their first words)."""
    extra: list[str] = []
    if topic == "coding" and options.language:
        extra.append(f"Use {options.language} for any code.")
    if options.job_description and topic in ("system_design", "databases", "coding"):
        domain = extract_profile(options.job_description).domain
        if domain:
            extra.append(f"Where it helps, set your answer in a {domain} product.")
    return (" " + " ".join(extra)) if extra else ""


def _resume_tailoring(options: InterviewOptions, number: int) -> str:
    """With `--resume`: odd questions ask for one of the candidate's own projects, even ones
    for a technology the job names and the résumé does not (keyword-based; see core/resume)."""
    if not options.resume:
        return ""
    from interviewer_tui.core.resume import extract_resume, gaps

    profile = extract_resume(options.resume)
    missing = gaps(options.resume, options.job_description) if options.job_description else ()
    if number % 2 == 0 and missing:
        tech = missing[(number // 2 - 1) % len(missing)]
        return (
            f" The job asks for {tech}, which your résumé does not mention: answer as you would"
            f" with {tech}, and say what you would need to learn."
        )
    if profile.projects:
        project = profile.projects[(number // 2) % len(profile.projects)]
        return f' Ground your answer in your own project from your résumé: "{project}".'
    return ""


def _first_question_text(thread: tuple[ThreadEntry, ...]) -> str:
    for entry in thread:
        if entry.author == "interviewer":
            return entry.text
    return ""


def offline_report(options: InterviewOptions, results: tuple[QuestionResult, ...]) -> ReportDraft:
    """Report prose built only from the scores, key points and topics (numbers from core)."""
    answered = [r for r in results if r.score is not None]
    per_topic = per_topic_percent(results)
    ranked = sorted(per_topic.items(), key=lambda item: (item[1], item[0]))
    overall = overall_percent(results)
    summary = _summary(options, results, answered, ranked, overall)

    strengths: list[str] = []
    for topic, percent in reversed(ranked):
        if percent >= 10 * PASS_SCORE and len(strengths) < 2:
            strengths.append(f"{title(topic)} is a strength ({percent}%).")
    for result in sorted(answered, key=lambda r: -(r.score or 0)):
        if (result.score or 0) >= PASS_SCORE and result.covered:
            strengths.append(f"Solid on {result.covered[0]} ({title(result.topic)}).")
    best = max(answered, key=lambda r: (r.score or 0, -r.number), default=None)
    if best is not None and (best.score or 0) > 0:
        strengths.append(
            f"Your best answer was question {best.number} on {title(best.topic)} ({best.score}/10)."
        )
    if answered and not any(r.skipped for r in results):
        strengths.append("You attempted every question you were given instead of skipping.")
    if any((r.score or 0) >= 5 for r in answered):
        strengths.append("Where you knew the material, you explained the core mechanism.")
    # always true, so the report has at least three strengths however the answers went
    strengths += [
        "You set aside time to practise: regular mock interviews are what move scores.",
        "You now have a concrete list of gaps to study, below.",
        "You can repeat this interview offline any time, no API key needed.",
    ]

    improvements: list[str] = []
    for result in sorted(answered, key=lambda r: (r.score or 0, r.number)):
        if (result.score or 0) < PASS_SCORE and result.missed:
            improvements.append(f"Revise {result.missed[0]} ({title(result.topic)}).")
    for result in results:
        if result.skipped:
            improvements.append(
                f"Practise {title(result.topic)}: you skipped question {result.number}."
            )
    improvements += [
        "Name the trade-offs and failure modes explicitly in every answer.",
        "Back each answer with one concrete example from your own work, with numbers.",
        "Structure answers: the direct answer first, then how it works, then caveats.",
    ]

    weak = [topic for topic, percent in ranked if percent < 10 * PASS_SCORE]
    suggested = weak or [topic for topic, _ in ranked[:1]]
    if not suggested:
        suggested = [t for t in options.topics if t in BY_ID] or list(DEFAULT_TOPICS[:3])
    return ReportDraft(
        summary=summary,
        strengths=tuple(_unique(strengths))[:5],
        improvements=tuple(_unique(improvements))[:5],
        suggested_topics=tuple(_unique(suggested))[:5],
    )


def _summary(
    options: InterviewOptions,
    results: tuple[QuestionResult, ...],
    answered: list[QuestionResult],
    ranked: list[tuple[str, int]],
    overall: int | None,
) -> str:
    if overall is None:
        return (
            f"Offline interview at {options.difficulty} difficulty: no question was answered, so "
            "there is nothing to score yet. Start again when you have time for a few questions."
        )
    parts = [
        f"Offline interview at {options.difficulty} difficulty: you answered {len(answered)} of "
        f"{count(len(results), 'question')} for an overall {overall}%."
    ]
    if len(ranked) > 1:
        (low, low_p), (high, high_p) = ranked[0], ranked[-1]
        if low_p == high_p:
            parts.append(f"Every topic scored {high_p}%.")
        elif low_p < 10 * PASS_SCORE:
            parts.append(
                f"Strongest area: {title(high)} ({high_p}%); weakest: {title(low)} ({low_p}%)."
            )
        else:  # nothing below the bar: "weakest" would be a slur on a passing topic
            parts.append(
                f"Strongest area: {title(high)} ({high_p}%); every topic is at or above the pass "
                f"bar, the lowest being {title(low)} ({low_p}%)."
            )
    if overall >= 80:
        parts.append("That is senior-level at this difficulty; try a harder level next.")
    elif overall >= 10 * PASS_SCORE:
        parts.append("That is a pass at this level; the gaps below separate it from strong.")
    elif overall >= 50:
        parts.append("Close to a pass: the missed key points below are the gap.")
    else:
        parts.append("Not yet at the bar for this level: focus on the fundamentals listed below.")
    return " ".join(parts)


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))
