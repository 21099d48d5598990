"""The practice loop's commands: model answers, retry and regrade, practice, progress.

Thin: parse, call a service, render. Rendering of a model answer is shared with `show`.
"""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from interviewer_tui.core.models import QuestionResult
    from interviewer_tui.services.model_answers import ModelAnswer
    from interviewer_tui.services.views import AttemptComparison, RegradeResult

COLUMN = 38

PlainOpt = Annotated[bool, typer.Option("--plain", help="Plain text, no colours.")]
JsonOpt = Annotated[bool, typer.Option("--json", help="JSON on stdout.")]


def register(app: typer.Typer) -> None:
    app.command()(retry)
    app.command()(regrade)
    app.command()(practice)
    app.command()(progress)


SPARKS = "▁▂▃▄▅▆▇█"


def sparkline(values: tuple[int, ...], top: int = 10) -> str:
    """Scores 0..top as block characters, the same look as Textual's Sparkline in the TUI."""
    return "".join(SPARKS[min(len(SPARKS) - 1, v * len(SPARKS) // (top + 1))] for v in values)


def practice(
    count: Annotated[int, typer.Option("--count", "-n", help="How many due items (1-30).")] = 5,
    ahead: Annotated[
        int, typer.Option("--ahead", help="Also take items due within DAYS (review ahead).")
    ] = 0,
    offline: Annotated[bool, typer.Option(help="Use the built-in offline interviewer.")] = False,
    plain: PlainOpt = False,
    as_json: JsonOpt = False,
    answers: Annotated[
        Path | None,
        typer.Option("--answers", help="Read answers from FILE instead of stdin.", dir_okay=False),
    ] = None,
) -> None:
    """A short session on what is due for review: new questions on the points you missed.

    Runs line by line (answers end at a line holding only `.`); every grade moves the schedule.
    """
    from interviewer_tui.commands.common import acting, err, open_login
    from interviewer_tui.commands.interview import _run_lines

    login = open_login()
    app = login.app
    me = acting(login)
    user_id = me.user.id
    picked = app.plan_practice(user_id=user_id, count=count, ahead_days=ahead)
    for i, q in enumerate(picked, start=1):
        err(f"review {i}: {q.point} ({q.topic})")
    runner = app.start_practice(
        user_id=user_id, count=count, ahead_days=ahead, offline=offline, login_id=me.login_id
    )
    _run_lines(runner, app=app, plain=True, as_json=as_json, answers=answers, resumed=False)


def progress(as_json: JsonOpt = False) -> None:
    """What is due for review, and the score trend per topic (a terminal plot)."""
    import sys
    from dataclasses import asdict

    from interviewer_tui.commands.common import open_login, signed_in
    from interviewer_tui.core.text import sanitize_terminal
    from interviewer_tui.core.topics import title
    from interviewer_tui.scripted.output import json_line

    login = open_login()
    app = login.app
    p = app.progress(user_id=signed_in(login))
    if as_json:
        sys.stdout.write(json_line(asdict(p)) + "\n")
        return
    lines = [
        f"Review: {p.due_now} due now, {p.due_today} due today, {p.items} points tracked",
        "",
        f"{'topic':<24}{'due':>4}{'points':>8}  trend (0-10 per answer)   last",
    ]
    for t in p.topics:
        last = f"{t.trend[-1]}/10" if t.trend else "-"
        lines.append(
            f"{title(t.topic)[:23]:<24}{t.due:>4}{t.items:>8}  {sparkline(t.trend):<26}{last}"
        )
    if p.next_due:
        lines += ["", "Next up:"]
        for v in p.next_due:
            lines.append(
                f"  {v.due_at:%Y-%m-%d}  {v.kind:<8} {v.point} ({title(v.topic)})"
                f"  every {v.interval_days}d"
            )
    sys.stdout.write(sanitize_terminal("\n".join(lines) + "\n"))


def side_by_side(left_title: str, right_title: str, rows: list[tuple[str, str, str]]) -> str:
    """Label, left and right columns, each cell wrapped to COLUMN characters."""
    out = [f"{'':<10}{left_title:<{COLUMN}}  {right_title}"]
    out.append(f"{'':<10}{'-' * COLUMN}  {'-' * COLUMN}")
    for label, left, right in rows:
        lw = textwrap.wrap(left, COLUMN) or [""]
        rw = textwrap.wrap(right, COLUMN) or [""]
        for i in range(max(len(lw), len(rw))):
            head = label if i == 0 else ""
            a = lw[i] if i < len(lw) else ""
            b = rw[i] if i < len(rw) else ""
            out.append(f"{head:<10}{a:<{COLUMN}}  {b}".rstrip())
    return "\n".join(out) + "\n"


def _score(q: QuestionResult) -> str:
    from interviewer_tui.core.scoring import band

    if q.skipped:
        return "skipped"
    if q.score is None:
        return "not graded"
    return f"{q.score}/10 ({band(q.score)})"


def _grade_rows(left: QuestionResult | None, right: QuestionResult) -> list[tuple[str, str, str]]:
    def fields(q: QuestionResult | None) -> tuple[str, str, str, str]:
        if q is None:
            return ("", "", "", "")
        return (
            _score(q),
            "; ".join(q.covered) or "-",
            "; ".join(q.missed) or "-",
            q.feedback or "-",
        )

    a, b = fields(left), fields(right)
    labels = ("score", "covered", "missed", "feedback")
    return [(labels[i], a[i], b[i]) for i in range(4)]


def render_comparison(c: AttemptComparison) -> str:
    from interviewer_tui.core.topics import title

    head = f"\nQ{c.original.number} · {title(c.original.topic)} · first attempt vs retry\n"
    head += textwrap.fill(c.original.question, 2 + 2 * COLUMN + 8) + "\n\n"
    body = side_by_side(
        f"first (interview {c.original_interview})",
        f"retry (interview {c.retry_interview})",
        _grade_rows(c.original, c.retry),
    )
    delta = (c.retry.score or 0) - (c.original.score or 0)
    verdict = (
        f"\n{'Better' if delta > 0 else 'Worse' if delta < 0 else 'Same score'}"
        f" by {abs(delta)} point{'s' if abs(delta) != 1 else ''}\n"
        if c.retry.score is not None and c.original.score is not None
        else ""
    )
    return head + body + verdict


def render_regrade(r: RegradeResult) -> str:
    from dataclasses import replace

    from interviewer_tui.core.topics import title

    parts = [f"Regrade of interview {r.interview_id} (run {r.run_id[:8]}; originals kept)\n"]
    for q in r.questions:
        new = replace(
            q.original, score=q.score, feedback=q.feedback, covered=q.covered, missed=q.missed
        )
        sign = f"{q.delta:+d}"
        parts.append(f"\nQ{q.number} · {title(q.topic)} · {sign}\n")
        parts.append(
            side_by_side(
                f"original ({r.original_grader})",
                f"regrade ({r.grader})",
                _grade_rows(q.original, new),
            )
        )
    old = [q.original.score or 0 for q in r.questions]
    new_scores = [q.score for q in r.questions]
    parts.append(
        f"\nTotal: {sum(old)}/{10 * len(old)} -> {sum(new_scores)}/{10 * len(new_scores)}"
        f" ({sum(new_scores) - sum(old):+d}); "
        f"{sum(1 for q in r.questions if q.delta != 0)} of {len(r.questions)} grades changed\n"
    )
    return "".join(parts)


def retry(
    interview_id: Annotated[int, typer.Argument(help="The interview to take a question from.")],
    question: Annotated[int, typer.Argument(help="The question number to answer again.")],
    offline: Annotated[bool, typer.Option(help="Grade with the offline interviewer.")] = False,
    plain: PlainOpt = False,
    as_json: JsonOpt = False,
    answers: Annotated[
        Path | None,
        typer.Option("--answers", help="Read answers from FILE instead of stdin.", dir_okay=False),
    ] = None,
) -> None:
    """Answer one question of a past interview again; show both grades side by side.

    The retry is a new interview linked to the first; the original grade is never changed.
    Runs line by line (answers end at a line holding only `.`).
    """
    import sys
    from dataclasses import asdict

    from interviewer_tui.commands.common import acting, open_login
    from interviewer_tui.commands.interview import _run_lines
    from interviewer_tui.core.text import sanitize_terminal
    from interviewer_tui.scripted.output import json_line

    login = open_login()
    app = login.app
    me = acting(login)
    user_id = me.user.id
    runner = app.start_retry(
        user_id=user_id,
        interview_id=interview_id,
        question_number=question,
        offline=offline,
        login_id=me.login_id,
    )
    _run_lines(runner, app=app, plain=True, as_json=as_json, answers=answers, resumed=False)
    comparison = app.compare_attempts(user_id=user_id, retry_id=runner.interview_id)
    if as_json:
        sys.stdout.write(json_line({"event": "retry_compared", **asdict(comparison)}) + "\n")
    else:
        sys.stdout.write(sanitize_terminal(render_comparison(comparison)))


def regrade(
    interview_id: Annotated[int, typer.Argument(help="The interview to grade again.")],
    offline: Annotated[
        bool, typer.Option("--offline", help="Grade with the offline interviewer.")
    ] = False,
    model: Annotated[
        str | None, typer.Option("--model", help="Grade with this model (needs OPENAI_API_KEY).")
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Grade a stored interview's answers again and show the differences (originals are kept)."""
    import sys
    from dataclasses import asdict

    from interviewer_tui.commands.common import open_login, signed_in
    from interviewer_tui.core.text import sanitize_terminal
    from interviewer_tui.scripted.output import json_line

    login = open_login()
    app = login.app
    result = app.regrade(
        user_id=signed_in(login), interview_id=interview_id, offline=offline, model=model
    )
    if as_json:
        sys.stdout.write(json_line({"event": "regraded", **asdict(result)}) + "\n")
    else:
        sys.stdout.write(sanitize_terminal(render_regrade(result)))


def render_model_answer(answer: ModelAnswer, *, as_json: bool) -> None:
    """`show ID --model-answer Q`: the question, your graded answer, then the strong one."""
    from dataclasses import asdict

    from interviewer_tui.core.text import sanitize_terminal
    from interviewer_tui.core.topics import title
    from interviewer_tui.scripted.output import json_line

    if as_json:
        typer.echo(json_line({"event": "model_answer", **asdict(answer)}))
        return
    where = (
        "the bank's reference answer"
        if answer.source == "reference"
        else f"written by {answer.model}"
    )
    text = (
        f"Q{answer.question_number} · {title(answer.topic)}\n{answer.question}\n\n"
        f"Your answer ({answer.score}/10):\n{answer.your_answer}\n\n"
        f"Model answer ({where}):\n{answer.text}\n"
    )
    typer.echo(sanitize_terminal(text), nl=False)
