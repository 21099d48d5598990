"""Offline grading a candidate can trust (issue 12): understanding, not vocabulary.

Every case here scored as a pass, or named the answer away, before the grader learned to read
negation, false claims, lists of terms, repetition and paraphrase.
"""

from __future__ import annotations

import re

import pytest

from interviewer_tui.core.models import (
    EvaluationRequest,
    InterviewOptions,
    PlannedQuestion,
    ThreadEntry,
)
from interviewer_tui.llm.bank import BankQuestion, all_questions
from interviewer_tui.llm.offline import OfflineInterviewer
from tests.llm.conftest import Screen, turn_request

BANK = {q.id: q for q in all_questions()}


def _grade(question: BankQuestion, answer: str, *earlier: str) -> tuple[int, str, tuple[str, ...]]:
    """(score, feedback, covered) of `answer`, after `earlier` exchanges (question, answer...)."""
    thread = [ThreadEntry("interviewer", "question", question.text)]
    for n, text in enumerate(earlier):
        kind = ("answer", "followup")[n % 2]
        thread.append(ThreadEntry("candidate" if kind == "answer" else "interviewer", kind, text))
    thread.append(ThreadEntry("candidate", "answer", answer))
    request = EvaluationRequest(
        InterviewOptions(difficulty=question.difficulty),
        PlannedQuestion(1, question.topic),
        question.text,
        tuple(thread),
        answer,
    )
    evaluation = OfflineInterviewer().evaluate(request)
    return evaluation.score, evaluation.feedback, evaluation.covered


def _follow_up(question: BankQuestion, *exchanges: str) -> str:
    thread = [ThreadEntry("interviewer", "question", question.text)]
    for n, text in enumerate(exchanges):
        if n % 2 == 0:
            thread.append(ThreadEntry("candidate", "answer", text))
        else:
            thread.append(ThreadEntry("interviewer", "followup", text))
    request = turn_request(
        kind="followup",
        topic=question.topic,
        thread=tuple(thread),
        options=InterviewOptions(difficulty=question.difficulty),
    )
    return OfflineInterviewer().stream_turn(request, Screen()).text


def test_a_confident_but_wrong_answer_cannot_pass_and_the_feedback_corrects_it() -> None:
    index = BANK["sql_indexing-easy-1"]
    score, feedback, _ = _grade(
        index,
        "An index is a B-tree that makes lookups faster without a full scan, and it also makes "
        "writes faster: there is no cost at all, so put one on every column.",
    )
    assert score < 7
    assert "Not right" in feedback and "slower" in feedback  # names the claim, states the fact
    assert feedback.split(". ")[-1].startswith("Improve:")

    passwords = BANK["security_auth-easy-2"]
    score, feedback, _ = _grade(
        passwords,
        "Encrypt the passwords with AES-256 and a strong key so they are safe, and when a user "
        "forgets theirs you decrypt it and email the password back to them.",
    )
    assert score < 7 and "hash" in feedback.lower()


def test_a_negated_answer_earns_nothing_for_what_it_denies() -> None:
    passwords = BANK["security_auth-easy-2"]
    score, _, covered = _grade(
        passwords,
        "Don't hash them and don't salt them, plain text is fine for a small app, there is no "
        "need for bcrypt or argon2.",
    )
    assert score <= 2
    assert "slow, salted password hash" not in covered and "unique salt per user" not in covered

    index = BANK["sql_indexing-easy-1"]
    _, _, covered = _grade(
        index,
        "It is a sorted B-tree for fast lookups; writes are not slower and it takes no space.",
    )
    assert "slower writes" not in covered and "extra storage" not in covered


def test_a_paragraph_pasted_twelve_times_scores_no_more_than_a_thin_answer() -> None:
    question = BANK["caching-medium-2"]
    once = "Lots of requests miss the cache together when a popular key expires, so use a lock."
    score_once, _, _ = _grade(question, once)
    score_pasted, feedback, _ = _grade(question, " ".join([once] * 12))
    assert score_pasted <= score_once
    assert "repeating" in feedback


@pytest.mark.parametrize(
    ("qid", "partial", "buzzwords"),
    [
        (
            "caching-medium-2",
            "It happens when a popular entry expires and all the requests hit the database at "
            "once; I would let only one request rebuild the value while the others wait.",
            "Thundering herd, hot key, TTL, mutex, single-flight, jitter, probabilistic refresh.",
        ),
        (
            "concurrency-easy-2",
            "Two threads each hold a lock and wait for the one the other holds, so both hang; "
            "taking locks in the same order avoids it.",
            "Mutex, circular wait, lock ordering, timeout, detection, Coffman conditions.",
        ),
        (
            "transactions-medium-2",
            "Pessimistic locking takes the row lock first, with SELECT FOR UPDATE, so others wait "
            "until you commit.",
            "Optimistic, pessimistic, version column, compare-and-swap, retries, contention.",
        ),
    ],
)
def test_a_list_of_buzzwords_scores_below_an_honest_partial_answer(
    qid: str, partial: str, buzzwords: str
) -> None:
    question = BANK[qid]
    honest, _, _ = _grade(question, partial)
    listed, feedback, _ = _grade(question, buzzwords)
    assert listed < honest and listed <= 2
    assert "list of terms" in feedback


def test_a_key_point_in_the_candidates_own_words_counts() -> None:
    deadlock = BANK["concurrency-easy-2"]
    _, _, covered = _grade(
        deadlock,
        "Thread A is holding one lock while waiting for a second lock that thread B grabbed, and "
        "B is blocked on the first one, so neither ever makes progress.",
    )
    assert "each waits for a lock the other holds" in covered

    slow_query = BANK["sql_indexing-medium-2"]
    _, _, covered = _grade(
        slow_query,
        "Last year I found the worst statement with pg_stat_statements, saw it read the whole "
        "orders table, found a missing index and added it.",
    )
    assert {"EXPLAIN ANALYZE", "fix: index or rewrite"} <= set(covered)


def test_a_key_point_counts_in_another_inflection_of_its_words() -> None:
    """The bank says "holding locks" and "concerns"; a candidate writes "holding lock", "concern"."""
    from interviewer_tui.llm import rubric
    from interviewer_tui.llm.bank.model import KeyPoint

    point = KeyPoint("lock order", ("holding locks", "concerns"))
    assert rubric.covers(point, rubric.normalise("Each thread ends up HOLDING LOCK after lock."))
    assert rubric.covers(point, rubric.normalise("My main concern is the order."))
    assert not rubric.covers(point, rubric.normalise("We are not holding locks here."))
    assert not rubric.covers(point, rubric.normalise("It holds nothing."))


def _mentions(text: str, keyword: str) -> bool:
    body = r"[\s\-_]+".join(re.escape(part) for part in keyword.split())
    start = r"\b" if keyword[:1].isalnum() else ""
    end = r"\b" if len(keyword) < 4 and keyword[-1:].isalnum() else ""
    return re.search(start + body + end, text.lower()) is not None


@pytest.mark.parametrize("question", list(BANK.values()), ids=lambda q: q.id)
def test_follow_ups_probe_without_naming_a_missed_key_point(question: BankQuestion) -> None:
    weak = "I would need to think about it more; it really depends on the system and the team."
    first = _follow_up(question, weak)
    second = _follow_up(question, weak, first, "Not sure, sorry.")
    for text in (first, second):
        named = [k for p in question.key_points for k in p.keywords if _mentions(text, k)]
        assert named == [], f"{text!r} names {named}"
    assert first != second

    # pasting the follow-up back as the answer earns nothing new
    score_before, _, _ = _grade(question, weak)
    score_pasted, _, _ = _grade(question, first, weak, first)
    assert score_pasted <= max(score_before, 2)


@pytest.mark.parametrize(
    "question",
    [q for q in BANK.values() if q.topic in ("introduction", "behavioral")],
    ids=lambda q: q.id,
)
def test_follow_ups_on_the_candidates_own_story_ask_about_the_story(question: BankQuestion) -> None:
    """Asking what happens underneath when this runs makes no sense after a story."""
    thin = "I worked on a payments service at my last job; it was a good team and I learned a lot."
    first = _follow_up(question, thin)
    second = _follow_up(question, thin, first, "It went fine, I think.")
    for text in (first, second):
        assert not re.search(r"underneath|when this runs|misbehaved in production", text), text


def test_a_wrong_claim_gets_a_challenging_follow_up() -> None:
    index = BANK["sql_indexing-easy-1"]
    text = _follow_up(index, "An index makes lookups faster and it makes writes faster too.")
    assert text.startswith("Are you sure") and "writes get faster" in text


def test_a_follow_up_answer_earns_only_what_it_newly_explains() -> None:
    question = BANK["sql_indexing-easy-1"]
    first = "It lets the database find rows fast instead of scanning the whole table."
    probe = _follow_up(question, first)
    repeat, _, _ = _grade(question, first, first, probe)
    better, _, covered = _grade(
        question,
        "Every insert and update also has to maintain each index, so writes slow down, and the "
        "index takes extra disk space of its own.",
        first,
        probe,
    )
    wrong, _, _ = _grade(
        question, "Writes get faster with an index as well, and it costs nothing.", first, probe
    )
    alone, _, _ = _grade(question, first)
    assert repeat <= alone < better
    assert wrong <= alone  # naming writes and cost, wrongly, earns nothing
    assert {"slower writes", "extra storage"} <= set(covered)


@pytest.mark.parametrize("question", list(BANK.values()), ids=lambda q: q.id)
def test_every_question_knows_its_misconceptions_and_paraphrases(question: BankQuestion) -> None:
    from interviewer_tui.llm.textmatch import compile_claim, compile_pattern

    assert question.misconceptions, "no misconception"
    assert any(p.paraphrases for p in question.key_points), "no paraphrase"
    for point in question.key_points:
        assert all(compile_pattern(p).terms for p in point.paraphrases)
    for item in question.misconceptions:
        assert item.claim and item.fact and item.challenge.endswith("?")
        assert all(compile_claim(p).terms for p in item.patterns)
