"""Offline grading: concepts covered, false claims, the shape of the answer, and feedback.

A key point counts when one of its keywords or paraphrases appears in a sentence that does not
deny it ("don't hash" is not "hash"), matched on Snowball stems. The score grows with coverage
(harder levels bend the curve down), takes BM25 closeness to the reference answer as a smaller
second signal, and is held back for thin answers. Then caps that no vocabulary can lift: a stated
misconception cannot pass, a list of terms without explanation, a pasted repetition, instructions
to the grader, and "I don't know" stay low. Nothing the candidate writes can raise a score except
explaining the key points correctly.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache

from interviewer_tui.core.models import Difficulty
from interviewer_tui.llm import textmatch as tm
from interviewer_tui.llm.bank.model import BankQuestion, KeyPoint, Misconception

MIN_WORDS: dict[Difficulty, int] = {"easy": 20, "medium": 35, "hard": 50}
"""Below this many words an answer is too thin to earn full marks at the level."""
EXPONENT: dict[Difficulty, float] = {"easy": 0.85, "medium": 1.0, "hard": 1.3}
"""Coverage is raised to this power: lenient (< 1) for easy, strict (> 1) for hard."""
SIMILARITY_WEIGHT = 0.25
"""Share of the score that comes from closeness to the reference answer rather than coverage."""
SIMILARITY_FULL = 0.45
"""BM25 closeness (answer over reference-on-itself) that earns that share in full."""
SIMILARITY_ON_TOPIC = 0.12
"""Closeness at which an answer with no key point is on topic, not irrelevant."""
TOPICAL_ON_TOPIC = 0.5
"""Or, besides being closer to its question than to any other in the bank (BM25), the share
of an answer's content words that its question's own text and reference use,
at which a short plain answer with no key point recognised is on topic (length-independent)."""
ON_TOPIC_SCORE = 3
"""The least an honest on-topic attempt earns: strictly above "I don't know", a list of terms,
instructions to the grader, a stated false claim (all capped at 1) and sweeping claims (2)."""
ELABORATION_FLOOR = 2
"""An on-topic answer that explains at length, with reasons and examples, earns up to this much
above ON_TOPIC_SCORE even when its wording matches no key point: it is not a one-liner. The lift
is scaled by closeness to the reference (similarity over SIMILARITY_FULL): a long confident
answer about something else than the reference explains (a wrong mechanism, a tangent) is not
an explanation of the question, however many reasons and examples it gives."""
EXPLAINED_FULL = 0.8
"""Elaboration at which an answer is explained enough for full marks: about twice the level's
minimum length with a few reasons, or a little shorter with an example or numbers."""
FOCUSED = 0.5
"""Share of an answer's distinct content words that its question's own text and reference use
(`similarity.topical_share`), from which an attempt keeps to the question's subject."""
FOCUS_BELOW = 5
"""A focused attempt scoring from ON_TOPIC_SCORE up to this (exclusive) gets one point more than
one that wanders into other subjects: a wrong mechanism or a tangent brings in words the
question's subject does not use, a short correct partial answer mostly does not. Only while
fewer than half the key points are recognised (the grader has little other evidence; with more,
coverage and the level's strictness decide), and only below a pass: focus orders weak attempts
and never makes one pass."""
CAP_MISCONCEPTION = 1
"""A wrong central claim cannot pass, however much else is right."""
CAP_SLIP = 4
MOSTLY_RIGHT = 0.75
"""One false claim in an answer that makes this share of the key points is capped at CAP_SLIP."""
CAP_SWEEPING = 2
SWEEPING_MIN = 2
SWEEPING_MAX_WORDS = 90
SWEEPING_DENSITY = 0.6
"""A short answer dense with sweeping claims ("always", "never", "no way to", "nothing
happens"), at least SWEEPING_MIN of them and SWEEPING_DENSITY per sentence, is capped at
CAP_SWEEPING: confident absolutes are what wrong answers are made of, and a sound short answer
says when something holds. Longer answers that qualify their absolutes are left to the other
signals."""
CAP_ECHO = 1
ECHO_SHARE = 0.6
"""An answer whose content words are mostly the question's own restates it ("Raft elects a
leader and commits log entries, and in a partition the nodes deal with it"): capped at
CAP_ECHO like an echo of the interviewer, since it adds nothing the question did not say."""
CAP_TERM_LIST = 1
CAP_REPETITION = 5
CAP_INJECTION = 1
CAP_DONT_KNOW = 1
REPEATED_SHARE = 0.4
"""An answer whose sentences are this much repeats is graded once and capped."""

_WORD = re.compile(r"[\w'’+#.-]+")
_CLARIFY_OPENERS = (
    "can you clarify",
    "could you clarify",
    "can you explain the question",
    "could you explain the question",
    "what do you mean",
    "do you mean",
    "did you mean",
    "could you repeat",
    "can you repeat",
    "can i assume",
    "should i assume",
    "may i assume",
    "could you rephrase",
    "can you rephrase",
)
_CLAUSE_END = re.compile(r"[,.;:!?()\n]|\bbut\b|\bhowever\b|\binstead\b")


@dataclass(frozen=True)
class Grade:
    score: int
    covered: tuple[KeyPoint, ...]
    missed: tuple[KeyPoint, ...]
    words: int
    wrong: tuple[Misconception, ...] = ()
    caps: tuple[str, ...] = field(default=())  # why the score was held down, in words
    similarity: float = 0.0


def normalise(text: str) -> str:
    return " ".join(text.lower().replace("’", "'").split())


@lru_cache(maxsize=4096)
def _pattern(keyword: str) -> re.Pattern[str]:
    """A keyword's words in any inflection: each word of five letters or more by its Snowball
    stem and any ending ("concerns" meets "concern", "holding locks" meets "hold the lock" only
    as "hold lock"), shorter words and symbols exactly, the last word also as a prefix."""
    body = r"[\s\-_]+".join(_word_pattern(part) for part in keyword.split())
    start = r"\b" if keyword[:1].isalnum() or keyword[:1] == "_" else ""
    end = r"\b" if len(keyword) < 4 and (keyword[-1:].isalnum() or keyword[-1:] == "_") else ""
    return re.compile(start + body + end)


def _word_pattern(word: str) -> str:
    if len(word) >= 5 and word.isalpha():
        # the part of the word its stem keeps ("dirty" stems to "dirti": "dirt" + any ending)
        stem = tm.stem(word)
        same = next(
            (i for i, (a, b) in enumerate(zip(word, stem, strict=False)) if a != b), len(stem)
        )
        base = word[:same]
        if len(base) >= 4:
            return re.escape(base) + r"\w*"
    return re.escape(word)


def _negative(point: KeyPoint) -> bool:
    """Points that are themselves denials ("never plain text"): negation is their content."""
    return any(w in tm.NEGATIONS for w in tm.words(point.label))


def _denied(normalised_text: str, start: int, end: int) -> bool:
    """A negation cue among the few words before the match ("don't hash") or right after it
    ("writes are not slower"), within the same clause."""
    before = _CLAUSE_END.split(normalised_text[:start])[-1]
    after = _CLAUSE_END.split(re.sub(r"^[\w'’-]+", "", normalised_text[end:]))[0]
    near = tm.words(before)[-tm.NEGATION_REACH :] + tm.words(after)[: tm.NEGATION_REACH]
    return any(w in tm.NEGATIONS for w in near)


def _keyword_hit(keyword: str, normalised_text: str, negative: bool) -> bool:
    for found in _pattern(keyword).finditer(normalised_text):
        if negative or any(w in tm.NEGATIONS for w in keyword.split()):
            return True
        if not _denied(normalised_text, found.start(), found.end()):
            return True
    return False


def keyword_in(keyword: str, normalised_text: str) -> bool:
    """Whether a keyword appears at all, denied or not (follow-ups must not say it)."""
    return _pattern(keyword).search(normalised_text) is not None


@lru_cache(maxsize=512)
def beyond_the_question(question: BankQuestion) -> tuple[KeyPoint, ...]:
    """The key points without the keywords the question itself uses: "Raft elects a leader and
    commits log entries; what happens in a partition?" is answered by saying how, and an answer
    that repeats "elect", "commit", "log" and "partition" has only echoed it. Paraphrases stay:
    they need the point's other terms in the same sentence."""
    asked = normalise(question.text)
    return tuple(
        replace(p, keywords=tuple(k for k in p.keywords if not keyword_in(k, asked)))
        for p in question.key_points
    )


def covers(
    point: KeyPoint, normalised_text: str, analysed: tuple[tm.Sentence, ...] | None = None
) -> bool:
    negative = _negative(point)
    if any(_keyword_hit(k, normalised_text, negative) for k in point.keywords):
        return True
    if not point.paraphrases:
        return False
    sentences = analysed if analysed is not None else tm.analyse(normalised_text)
    return tm.any_match((tm.compile_pattern(p) for p in point.paraphrases), sentences) is not None


def misconceptions(
    candidates: Iterable[Misconception], analysed: tuple[tm.Sentence, ...]
) -> tuple[Misconception, ...]:
    return tuple(
        m
        for m in candidates
        if tm.any_match((tm.compile_claim(p) for p in m.patterns), analysed) is not None
    )


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def score_for(
    covered: int,
    total: int,
    words: int,
    difficulty: Difficulty,
    similarity: float = 0.0,
    *,
    on_topic: bool = False,
    elaboration: float | None = None,
) -> int:
    """0 when nothing is covered and the answer is off topic; else coverage bent by strictness
    (plus a share for closeness to the reference), held back for answers that state rather than
    explain. `elaboration` (`textmatch.elaboration`) measures that; without it, length alone."""
    if total <= 0:
        return 0
    explained = min(1.0, words / MIN_WORDS[difficulty]) if elaboration is None else elaboration
    # the lift is for explaining the question's subject: length spent elsewhere earns nothing
    reach = min(1.0, similarity / SIMILARITY_FULL)
    floor = ON_TOPIC_SCORE + (
        0 if elaboration is None else int(ELABORATION_FLOOR * elaboration * reach)
    )
    if covered <= 0:
        # on topic but no key point recognised: an honest attempt, above every weak kind
        return floor if on_topic or similarity >= SIMILARITY_ON_TOPIC else 0
    coverage = math.pow(min(covered, total) / total, EXPONENT[difficulty])
    close = (
        math.pow(min(1.0, similarity / SIMILARITY_FULL), EXPONENT[difficulty])
        if similarity
        else coverage
    )
    blended = (1 - SIMILARITY_WEIGHT) * coverage + SIMILARITY_WEIGHT * close
    depth = 0.5 + 0.5 * min(1.0, explained / EXPLAINED_FULL)
    return max(floor, min(10, round(10 * blended * depth)))


@dataclass(frozen=True)
class Reading:
    """What an answer says once injected instructions and repeats are set aside."""

    text: str  # normalised, graded text
    analysed: tuple[tm.Sentence, ...]
    words: int
    caps: tuple[tuple[int, str], ...]


def read(answer: str, asked: tuple[str, ...] = ()) -> Reading:
    """`asked`: what the interviewer said in this thread; sentences of the answer that only repeat
    it (a follow-up pasted back) are dropped before grading: echoing the interviewer is no
    attempt."""
    text, injected = tm.split_injection(answer)
    if asked:
        said = {tuple(tm.words(s)) for a in asked for s in tm.sentences(a)}
        text = " ".join(s for s in tm.sentences(text) if tuple(tm.words(s)) not in said)
    text, repeated = tm.deduplicate(text)
    caps: list[tuple[int, str]] = []
    if injected:
        caps.append((CAP_INJECTION, "instructions addressed to the grader earn nothing"))
    if repeated >= REPEATED_SHARE:
        caps.append((CAP_REPETITION, "repeating the same text does not add anything"))
    if tm.is_term_list(text):
        caps.append((CAP_TERM_LIST, "a list of terms without explanation shows no mechanism"))
    sweeping, sentences = tm.sweeping_claims(text)
    if (
        sweeping >= SWEEPING_MIN
        and sweeping >= SWEEPING_DENSITY * sentences
        and word_count(text) < SWEEPING_MAX_WORDS
    ):
        caps.append((CAP_SWEEPING, "sweeping claims (always, never, nothing) need conditions"))
    if tm.says_dont_know(text) and word_count(text) < 40:
        caps.append((CAP_DONT_KNOW, "you said you do not know"))
    return Reading(normalise(text), tm.analyse(text), word_count(text), tuple(caps))


def assess(
    question: BankQuestion,
    answer: str,
    difficulty: Difficulty,
    *,
    already: tuple[KeyPoint, ...] = (),
    earlier: str = "",
    asked: tuple[str, ...] = (),
) -> Grade:
    """Grade `answer`. For a follow-up answer, `earlier` is what the candidate said before and
    `already` the points it covered: they still count, but only `answer` can add points, and
    only `answer`'s false claims and caps apply (the first answer's own grade keeps its own).
    `asked` is what the interviewer said in the thread (see `read`)."""
    from interviewer_tui.llm.similarity import question_share, rank, similarity, topical_share

    reading = read(answer, asked)
    # depth and closeness over the whole thread, repeats removed: saying it again adds nothing
    whole = read(earlier + "\n" + answer, asked) if earlier else reading
    points = question.key_points
    hit = tuple(
        p
        for p, unasked in zip(points, beyond_the_question(question), strict=True)
        if p in already or covers(unasked, reading.text, reading.analysed)
    )
    missed = tuple(p for p in points if p not in hit)
    wrong = misconceptions(question.misconceptions, reading.analysed)
    words = whole.words
    close = similarity(question, whole.text) if reading.words else 0.0
    # a question back ("what sits between them?") is not an attempt, however close its words
    stated = " ".join(s for s in tm.sentences(reading.text) if not s.endswith("?"))
    on_topic = bool(reading.words) and (
        rank(question, stated) == 0 or topical_share(question, whole.text) >= TOPICAL_ON_TOPIC
    )
    explained = tm.elaboration(whole.text, MIN_WORDS[difficulty])
    score = score_for(
        len(hit), len(points), words, difficulty, close, on_topic=on_topic, elaboration=explained
    )
    if (
        ON_TOPIC_SCORE <= score < FOCUS_BELOW
        and 2 * len(hit) < len(points)
        and topical_share(question, whole.text) >= FOCUSED
    ):
        score += 1  # keeps to the question's subject: a focused attempt, not a wandering one
    caps = list(reading.caps)
    if question_share(question, reading.text) >= ECHO_SHARE:
        caps.append((CAP_ECHO, "repeating the question's words does not answer it"))
    if wrong:
        mostly_right = len(wrong) == 1 and len(hit) >= MOSTLY_RIGHT * len(points)
        cap = CAP_SLIP if mostly_right else CAP_MISCONCEPTION
        caps.append((cap, "a central claim is false"))
    for cap, _reason in caps:
        score = min(score, cap)
    reasons = [reason for _cap, reason in caps]  # said even when not binding: they are true
    return Grade(score, hit, missed, words, wrong, tuple(reasons), close)


def grade(key_points: tuple[KeyPoint, ...], answer: str, difficulty: Difficulty) -> Grade:
    """Coverage only, for points without a bank question (an answer to an unknown question)."""
    reading = read(answer)
    hit = tuple(p for p in key_points if covers(p, reading.text, reading.analysed))
    missed = tuple(p for p in key_points if p not in hit)
    score = score_for(len(hit), len(key_points), reading.words, difficulty)
    for cap, _reason in reading.caps:
        score = min(score, cap)
    return Grade(score, hit, missed, reading.words, caps=tuple(r for _c, r in reading.caps))


def looks_like_clarification(answer: str) -> bool:
    """A short reply that asks about the question rather than answering it."""
    text = normalise(answer)
    if not text or word_count(text) > 30:
        return False
    return text.endswith("?") or text.startswith(_CLARIFY_OPENERS)


def _join(labels: list[str]) -> str:
    if len(labels) <= 1:
        return "".join(labels)
    return ", ".join(labels[:-1]) + " and " + labels[-1]


def feedback(result: Grade, difficulty: Difficulty, *, first_score: int | None = None) -> str:
    """Two to five sentences: any false claim corrected, what was there, what was not, then one
    concrete improvement. For a follow-up answer (`first_score` given) it also says what the
    question now scores, since the first answer keeps its weight."""
    from interviewer_tui.core.scoring import question_score

    if first_score is not None:
        total = question_score([first_score, result.score])
        lead = feedback(result, difficulty)
        head, _, improve = lead.rpartition(" Improve: ")
        note = (
            f"With the follow-up the question scores {total}/10 (your first answer: "
            f"{first_score}/10, the whole thread: {result.score}/10)."
        )
        return f"{head} {note} Improve: {improve}" if head else f"{note} {lead}"
    covered = [p.label for p in result.covered]
    missed = [p.label for p in result.missed]
    thin = result.words < MIN_WORDS[difficulty]
    parts: list[str] = []
    for item in result.wrong[:2]:
        parts.append(f"Not right: you said {item.claim}. In fact, {_sentence(item.fact)}")
    if result.score == 0:
        first = missed[0] if missed else "the core idea"
        parts.append("There is nothing here I can score against the question.")
        parts.append(f"Improve: answer directly, starting with {first}, even in a few sentences.")
        return " ".join(parts)
    if result.score >= 8:
        parts.append(f"Strong answer: you covered {_join(covered[:4])}.")
    elif result.score >= 5 and missed:
        parts.append(
            f"Partly there: you covered {_join(covered[:3])}, but not {_join(missed[:3])}."
        )
    elif result.score >= 5:
        parts.append(f"Partly there: you touched on {_join(covered[:3])}, without much depth.")
    elif missed and covered:
        parts.append(
            f"This misses most of what the question is after: {_join(missed[:4])}; you did "
            f"touch on {_join(covered[:2])}."
        )
    elif missed:
        parts.append(f"This misses most of what the question is after: {_join(missed[:4])}.")
    else:
        parts.append(f"This touches only lightly on the question ({_join(covered[:2])}).")
    if result.caps:
        parts.append(f"The score is held down because {_join(list(result.caps[:2]))}.")
    elif thin:
        parts.append(
            f"At {result.words} words it is too thin for a {difficulty} question: explain the "
            "mechanism, not just name it."
        )
    if result.wrong:
        parts.append(f"Improve: correct the claim that {result.wrong[0].claim}, and say why.")
    elif missed:
        parts.append(f"Improve: next time explain {missed[0]} and say why it matters here.")
    else:
        parts.append(
            "Improve: ground it in one concrete example from a system you worked on, with numbers."
        )
    return " ".join(parts)


def _sentence(text: str) -> str:
    text = text.strip()
    text = text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text
    return text if text.endswith((".", "!", "?")) else text + "."
