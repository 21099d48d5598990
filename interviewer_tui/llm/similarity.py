"""How close an answer is to the bank's reference answer, by BM25 over the whole bank (bm25s).

One signal among several, never the score: it rewards talking about what the reference talks
about, in any wording the stemmer folds together, and weighs rare, specific words over common
ones because the statistics come from all 120 references. It ships as code and the bank; there is
no model to download. bm25s (and numpy) load on the first grade only.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from interviewer_tui.llm.bank import BankQuestion, all_questions
from interviewer_tui.llm.textmatch import FUNCTION_WORDS, stem, words


def terms(text: str) -> list[str]:
    return [stem(t) for t in words(text) if t[:1].isalnum() and t not in FUNCTION_WORDS]


@cache
def _index() -> tuple[Any, dict[str, int], list[list[str]]]:
    import bm25s

    questions = all_questions()
    corpus = [terms(q.text + " " + q.reference) for q in questions]
    retriever = bm25s.BM25()
    retriever.index(corpus, show_progress=False)
    return retriever, {q.id: i for i, q in enumerate(questions)}, corpus


@cache
def _self_score(i: int) -> float:
    """A reference queried against itself: the most an answer could reasonably reach."""
    retriever, _row, corpus = _index()
    return float(retriever.get_scores(corpus[i])[i])


def similarity(question: BankQuestion, answer: str) -> float:
    """0..1: the answer's BM25 score against this question's reference, over the reference's own
    score; 0 when the answer is closer to most other questions than to this one."""
    query = terms(answer)
    if not query:
        return 0.0
    retriever, row, _corpus = _index()
    i = row.get(question.id)
    if i is None:
        return 0.0
    scores = retriever.get_scores(query)
    mine = float(scores[i])
    if mine <= 0 or sum(float(s) > mine for s in scores) >= 3:
        return 0.0
    best = _self_score(i)
    return min(1.0, mine / best) if best > 0 else 0.0


TOPICAL_MIN_TERMS = 3
"""An answer needs this many distinct content words before it can be judged on topic by them."""


def topical_share(question: BankQuestion, answer: str) -> float:
    """0..1: the share of the answer's distinct content words (stemmed) that this question's own
    text and reference use. Unlike `similarity` it does not grow with length, so a short, plain
    answer that stays on the subject ("GET is to get data, POST sends it, PUT updates") is told
    apart from one about something else; 0 with too few words, or when the answer is closer to
    three other questions than to this one."""
    query = set(terms(answer))
    if len(query) < TOPICAL_MIN_TERMS:
        return 0.0
    retriever, row, corpus = _index()
    i = row.get(question.id)
    if i is None:
        return 0.0
    scores = retriever.get_scores(list(query))
    mine = float(scores[i])
    if mine <= 0 or sum(float(s) > mine for s in scores) >= 3:
        return 0.0
    own = set(corpus[i])
    return len(query & own) / len(query)


def rank(question: BankQuestion, answer: str) -> int | None:
    """How many bank questions the answer is closer to (BM25 over their text and references)
    than to this one: 0 when this is its closest question; None with fewer than
    TOPICAL_MIN_TERMS content words or no overlap at all."""
    query = terms(answer)
    if len(set(query)) < TOPICAL_MIN_TERMS:
        return None
    retriever, row, _corpus = _index()
    i = row.get(question.id)
    if i is None:
        return None
    scores = retriever.get_scores(query)
    mine = float(scores[i])
    if mine <= 0:
        return None
    return sum(float(s) > mine for s in scores)


def question_share(question: BankQuestion, answer: str) -> float:
    """0..1: the share of the answer's distinct content words (stemmed) that the question's own
    text uses; 0 with fewer than TOPICAL_MIN_TERMS of them. Answers add their own words (under
    half of theirs are the question's in the calibration set); a restatement of the question
    is mostly made of its words."""
    query = set(terms(answer))
    if len(query) < TOPICAL_MIN_TERMS:
        return 0.0
    return len(query & set(terms(question.text))) / len(query)
