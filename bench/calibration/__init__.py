"""9. Grading calibration: does the interviewer rank answers the way a fair interviewer would?

The data set (bench/calibration/answers/*.toml) holds, per bank question, six answers written as
candidates answer, not copied from the bank's key points or reference answers: strong, partial,
confidently wrong, a buzzword list, irrelevant or "I don't know", and a prompt injection wrapped
around a weak answer. Each file says which split it belongs to: `tuning` (looked at while the
offline grader was tuned), `heldout` (written before the grader changed and never tuned on,
though its scores were looked at after the first round of tuning) or `fresh` (written blind, for
20 other questions, by someone who saw only the question text, after the second round of tuning,
and measured once) or `fresh2` (written blind the same way for 24 more questions in session 4,
kept outside the repository while the third round of tuning ran; measured on the grader before
and after that round, aggregates only); the splits are reported apart so a reader can see
whether tuning generalised.

Figures, per interviewer and split:
- pairwise ordering: share of the pairs strong > partial and partial > each weak kind that the
  scores order strictly (a tie counts as wrong);
- wrong/buzzword passing: share of confidently-wrong and buzzword answers scored >= 7;
- strong passing: share of strong answers scored >= 7 (and injection passing, for information).
The offline interviewer always runs; the configured model too when OPENAI_API_KEY is set, through
the real `OpenAIInterviewer`, so a user can check a model before trusting its grades.

    python -m bench calibration            # or: python -m bench.calibration [--split tuning] [-v]
"""

from __future__ import annotations

import argparse
import os
import sys
import tomllib
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from bench.common import Config, Row

if TYPE_CHECKING:
    from interviewer_tui.llm.bank import BankQuestion
    from interviewer_tui.llm.protocol import InterviewerModel

NAME = "grading calibration"
ANSWERS = Path(__file__).resolve().parent / "answers"
KINDS = ("strong", "partial", "wrong", "buzzword", "irrelevant", "injection")
WEAK = ("wrong", "buzzword", "irrelevant", "injection")
SPLITS = ("tuning", "heldout", "fresh", "fresh2")
SPLIT_LABEL = {
    "tuning": "tuning",
    "heldout": "held-out",
    "fresh": "fresh (blind)",
    "fresh2": "fresh2 (blind)",
}
JUDGED = ("heldout", "fresh", "fresh2")  # the goals are set for answers the grader was not tuned on
PASS = 7
GOAL_PAIRWISE = 0.90
GOAL_WRONG_PASS = 0.05
GOAL_STRONG_PASS = 0.85
ONLINE_WORKERS = 4


@dataclass(frozen=True)
class Case:
    question: BankQuestion
    split: str
    answers: dict[str, str]


@dataclass(frozen=True)
class Metrics:
    questions: int
    pairs: int
    ordered: int
    wrong_passing: int
    wrong_total: int
    strong_passing: int
    injection_passing: int

    @property
    def pairwise(self) -> float:
        return self.ordered / self.pairs if self.pairs else 0.0

    @property
    def wrong_pass(self) -> float:
        return self.wrong_passing / self.wrong_total if self.wrong_total else 0.0

    @property
    def strong_pass(self) -> float:
        return self.strong_passing / self.questions if self.questions else 0.0

    @property
    def injection_pass(self) -> float:
        return self.injection_passing / self.questions if self.questions else 0.0


def load_cases(folder: Path = ANSWERS) -> list[Case]:
    """Every answer file, checked: a known bank question, a split, all six kinds."""
    from interviewer_tui.llm.bank import all_questions

    by_id = {q.id: q for q in all_questions()}
    cases: list[Case] = []
    for path in sorted(folder.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        question = by_id.get(str(data.get("question")))
        if question is None:
            raise ValueError(f"{path.name}: unknown bank question {data.get('question')!r}")
        split = str(data.get("split"))
        if split not in SPLITS:
            raise ValueError(f"{path.name}: split must be one of {', '.join(SPLITS)}")
        answers = {k: " ".join(str(v).split()) for k, v in dict(data.get("answers", {})).items()}
        missing = [k for k in KINDS if not answers.get(k)]
        if missing:
            raise ValueError(f"{path.name}: missing answer kinds {', '.join(missing)}")
        cases.append(Case(question, split, answers))
    return cases


def grade(model: InterviewerModel, question: BankQuestion, answer: str) -> int:
    """One answer graded as the first answer to its question, at the question's difficulty."""
    from interviewer_tui.core.models import (
        EvaluationRequest,
        InterviewOptions,
        PlannedQuestion,
        ThreadEntry,
    )

    request = EvaluationRequest(
        options=InterviewOptions(difficulty=question.difficulty, topics=(question.topic,)),
        question=PlannedQuestion(1, question.topic),
        question_text=question.text,
        thread=(
            ThreadEntry("interviewer", "question", question.text),
            ThreadEntry("candidate", "answer", answer),
        ),
        answer=answer,
    )
    return model.evaluate(request).score


Scores = dict[tuple[str, str], int]


def grade_all(model: InterviewerModel, cases: Iterable[Case], *, workers: int = 1) -> Scores:
    jobs = [(c, kind) for c in cases for kind in KINDS]

    def one(job: tuple[Case, str]) -> int:
        case, kind = job
        return grade(model, case.question, case.answers[kind])

    if workers > 1:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            results = list(pool.map(one, jobs))
    else:
        results = [one(job) for job in jobs]
    return {(c.question.id, kind): s for (c, kind), s in zip(jobs, results, strict=True)}


def measure(cases: Iterable[Case], scores: Scores) -> Metrics:
    chosen = list(cases)
    pairs = ordered = wrong_passing = wrong_total = strong_passing = injection_passing = 0
    for case in chosen:
        s = {kind: scores[(case.question.id, kind)] for kind in KINDS}
        chain = [("strong", "partial")] + [("partial", weak) for weak in WEAK]
        for better, worse in chain:
            pairs += 1
            ordered += s[better] > s[worse]
        for kind in ("wrong", "buzzword"):
            wrong_total += 1
            wrong_passing += s[kind] >= PASS
        strong_passing += s["strong"] >= PASS
        injection_passing += s["injection"] >= PASS
    return Metrics(
        len(chosen), pairs, ordered, wrong_passing, wrong_total, strong_passing, injection_passing
    )


def _pct(value: float) -> str:
    return f"{100 * value:.0f}%"


def table(results: list[tuple[str, str, Metrics]]) -> str:
    """The calibration table as aligned text (the README shows it verbatim)."""
    head = [
        "interviewer",
        "split",
        "questions",
        "pairwise ordering",
        "wrong/buzzword pass",
        "strong pass",
        "injection pass",
    ]
    lines = [head]
    for who, split, m in results:
        lines.append(
            [
                who,
                SPLIT_LABEL[split],
                str(m.questions),
                f"{_pct(m.pairwise)} ({m.ordered}/{m.pairs})",
                f"{_pct(m.wrong_pass)} ({m.wrong_passing}/{m.wrong_total})",
                f"{_pct(m.strong_pass)} ({m.strong_passing}/{m.questions})",
                f"{_pct(m.injection_pass)} ({m.injection_passing}/{m.questions})",
            ]
        )
    widths = [max(len(row[i]) for row in lines) for i in range(len(head))]
    out = [
        "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in lines
    ]
    out.insert(1, "-" * len(out[0]))
    goals = (
        f"goals (offline, held-out and fresh): pairwise >= {_pct(GOAL_PAIRWISE)}, "
        f"wrong/buzzword pass <= {_pct(GOAL_WRONG_PASS)}, strong pass >= {_pct(GOAL_STRONG_PASS)}"
    )
    return "\n".join([*out, goals])


def _interviewers() -> list[tuple[str, Callable[[], InterviewerModel], int]]:
    from interviewer_tui.llm.offline import OfflineInterviewer

    found: list[tuple[str, Callable[[], InterviewerModel], int]] = [
        ("offline", OfflineInterviewer, 1)
    ]
    if os.environ.get("OPENAI_API_KEY"):
        from interviewer_tui.config import load_settings
        from interviewer_tui.llm.openai_model import OpenAIInterviewer

        settings = load_settings()
        found.append(
            (
                f"openai {settings.model}",
                lambda: OpenAIInterviewer.from_settings(settings),
                ONLINE_WORKERS,
            )
        )
    return found


def evaluate(
    splits: tuple[str, ...] = SPLITS, *, verbose: bool = False
) -> list[tuple[str, str, Metrics]]:
    cases = [c for c in load_cases() if c.split in splits]
    results: list[tuple[str, str, Metrics]] = []
    for who, make, workers in _interviewers():
        model = make()
        try:
            scores = grade_all(model, cases, workers=workers)
        finally:
            model.close()
        if verbose:
            for case in cases:
                cells = " ".join(f"{k}={scores[(case.question.id, k)]}" for k in KINDS)
                print(f"{who} {case.split} {case.question.id}: {cells}", file=sys.stderr)
        for split in splits:
            chosen = [c for c in cases if c.split == split]
            if chosen:
                results.append((who, split, measure(chosen, scores)))
    return results


def rows_for(results: list[tuple[str, str, Metrics]]) -> list[Row]:
    rows: list[Row] = []
    for who, split, m in results:
        judged = who == "offline" and split in JUDGED
        label = f"{who}, {SPLIT_LABEL[split]}"
        figures = (
            (
                "pairwise ordering",
                m.pairwise,
                f">= {_pct(GOAL_PAIRWISE)}",
                m.pairwise >= GOAL_PAIRWISE,
            ),
            (
                "wrong/buzzword passing",
                m.wrong_pass,
                f"<= {_pct(GOAL_WRONG_PASS)}",
                m.wrong_pass <= GOAL_WRONG_PASS,
            ),
            (
                "strong passing",
                m.strong_pass,
                f">= {_pct(GOAL_STRONG_PASS)}",
                m.strong_pass >= GOAL_STRONG_PASS,
            ),
        )
        for figure, value, goal, met in figures:
            rows.append(
                Row(
                    NAME,
                    f"{label}: {figure}",
                    round(100 * value, 1),
                    unit="%",
                    goal=goal if judged else "",
                    ok=met if judged else None,
                    note=f"{m.questions} questions x {len(KINDS)} answers",
                )
            )
    if rows:
        rows[0].extra["details"] = "\n" + table(results)
    return rows


def run(cfg: Config) -> list[Row]:
    return rows_for(evaluate(verbose=cfg.verbose))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.calibration", description=__doc__)
    parser.add_argument("--split", choices=SPLITS, help="only this split (default: all)")
    parser.add_argument("-v", "--verbose", action="store_true", help="every score, per answer")
    args = parser.parse_args(argv)
    splits = (args.split,) if args.split else SPLITS
    print(table(evaluate(splits, verbose=args.verbose)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
