"""Interview commands: start, resume, history, show, export, topics.

`start` and `resume` open the TUI on a terminal; with --plain/--json, or without a TTY, they run
line by line (answers from stdin or --answers FILE, each ended by a line holding only `.`).
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TextIO

import typer

from interviewer_tui.commands.completion import (
    complete_interview_id,
    complete_topic,
    complete_unfinished_id,
)

if TYPE_CHECKING:
    from interviewer_tui.services.port import Application, RunningInterview


class Difficulty(StrEnum):
    easy = "easy"
    medium = "medium"
    hard = "hard"


class Status(StrEnum):
    in_progress = "in_progress"
    paused = "paused"
    completed = "completed"
    abandoned = "abandoned"


class Format(StrEnum):
    markdown = "markdown"
    md = "md"
    json = "json"


PlainOpt = Annotated[bool, typer.Option("--plain", help="Plain text, no colours, no TUI.")]
JsonOpt = Annotated[bool, typer.Option("--json", help="JSON Lines events on stdout, no TUI.")]
AnswersOpt = Annotated[
    Path | None,
    typer.Option("--answers", help="Read answers from FILE instead of stdin.", dir_okay=False),
]


def register(app: typer.Typer) -> None:
    app.command()(start)
    app.command()(resume)
    app.command()(history)
    app.command()(show)
    app.command()(export)
    app.command()(topics)


def _line_mode(plain: bool, as_json: bool) -> bool:
    from interviewer_tui.terminal import tui_unavailable

    return plain or as_json or tui_unavailable() is not None


def _read_text_file(path: Path, what: str) -> str:
    from interviewer_tui.errors import UsageError

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read the {what} {path}: {exc.strerror}") from None
    if len(data) > 1_000_000:
        raise UsageError(f"the {what} {path} is too large ({len(data):,} bytes)")
    return data.decode("utf-8", errors="replace")


def start(
    difficulty: Annotated[
        Difficulty, typer.Option(help="How deep and strict.")
    ] = Difficulty.medium,
    topic: Annotated[
        list[str] | None,
        typer.Option(
            "--topic",
            "-t",
            metavar="<topic>",
            help="Topic id (repeatable); see `interviewer topics`.",
            autocompletion=complete_topic,
        ),
    ] = None,
    questions: Annotated[
        int | None, typer.Option(help="Number of questions, 1-30 (default: two per topic).")
    ] = None,
    language: Annotated[
        str | None, typer.Option(metavar="<language>", help="Your programming language.")
    ] = None,
    length: Annotated[
        int | None, typer.Option(metavar="<minutes>", help="Soft time box in minutes.")
    ] = None,
    job_description: Annotated[
        Path | None,
        typer.Option("--job-description", help="A job description file to tailor the interview."),
    ] = None,
    resume_file: Annotated[
        Path | None,
        typer.Option(
            "--resume",
            help="Your résumé (text, Markdown or PDF): questions on your projects and the gaps.",
            dir_okay=False,
        ),
    ] = None,
    offline: Annotated[bool, typer.Option(help="Use the built-in offline interviewer.")] = False,
    plain: PlainOpt = False,
    as_json: JsonOpt = False,
    answers: AnswersOpt = None,
) -> None:
    """Start a new mock interview."""
    from interviewer_tui.commands.common import acting, open_login
    from interviewer_tui.core.plan import OptionsError, normalise_options
    from interviewer_tui.errors import UsageError

    jd = _read_text_file(job_description, "job description") if job_description else None
    cv: str | None = None
    if resume_file is not None:
        from interviewer_tui.services.resume import read_resume

        cv = read_resume(resume_file)
    try:
        options = normalise_options(
            difficulty=difficulty.value,
            topics=topic or [],
            questions=questions,
            language=language,
            length_minutes=length,
            job_description=jd,
            resume=cv,
        )
    except OptionsError as exc:
        raise UsageError(str(exc)) from None
    if not _line_mode(plain, as_json) and answers is None:
        from interviewer_tui.commands.common import open_tui

        open_tui(start_options=options, offline=offline)
        return
    login = open_login()
    app = login.app
    me = acting(login)
    runner = app.start_interview(
        user_id=me.user.id, options=options, offline=offline, login_id=me.login_id
    )
    _run_lines(runner, app=app, plain=plain, as_json=as_json, answers=answers, resumed=False)


def resume(
    interview_id: Annotated[
        int | None,
        typer.Argument(
            help="Interview id (default: the latest unfinished one).",
            autocompletion=complete_unfinished_id,
        ),
    ] = None,
    plain: PlainOpt = False,
    as_json: JsonOpt = False,
    answers: AnswersOpt = None,
) -> None:
    """Continue an unfinished interview exactly where it stopped."""
    if not _line_mode(plain, as_json) and answers is None:
        from interviewer_tui.commands.common import open_tui

        open_tui(resume_id=interview_id if interview_id is not None else "latest")
        return
    from interviewer_tui.commands.common import acting, open_login

    login = open_login()
    app = login.app
    me = acting(login)
    runner = app.resume_interview(
        user_id=me.user.id, interview_id=interview_id, login_id=me.login_id
    )
    _run_lines(runner, app=app, plain=plain, as_json=as_json, answers=answers, resumed=True)


def _run_lines(
    runner: RunningInterview,
    *,
    app: Application | None = None,
    plain: bool,
    as_json: bool,
    answers: Path | None,
    resumed: bool,
) -> None:
    from interviewer_tui.scripted.answers import read_answers
    from interviewer_tui.scripted.line_mode import run
    from interviewer_tui.scripted.output import JsonOutput, Output, PlainOutput

    output: Output = (
        JsonOutput(sys.stdout)
        if as_json
        else PlainOutput(sys.stdout, interactive=sys.stdin.isatty() and answers is None)
    )
    stream: TextIO
    if answers is not None:
        try:
            stream = answers.open(encoding="utf-8", errors="replace")
        except OSError as exc:
            from interviewer_tui.errors import UsageError

            runner.close()
            raise UsageError(f"cannot read answers from {answers}: {exc.strerror}") from None
    else:
        sys.stdin.reconfigure(errors="replace")  # type: ignore[union-attr]
        stream = sys.stdin
    with stream if answers is not None else _nullcontext():
        code = run(runner, output, read_answers(stream), resumed=resumed, app=app)
    if code:
        raise typer.Exit(code)


class _nullcontext:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None


def history(
    status: Annotated[Status | None, typer.Option(help="Only interviews with this status.")] = None,
    limit: Annotated[int, typer.Option(min=1, max=1000, help="At most this many.")] = 20,
    search: Annotated[
        str | None, typer.Option(help="Filter by topic, difficulty, language.")
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """List your past interviews, newest first."""
    from interviewer_tui.commands.common import console, open_login, signed_in
    from interviewer_tui.core.topics import title

    login = open_login()
    app = login.app
    rows = app.list_interviews(
        user_id=signed_in(login),
        status=status.value if status else None,
        limit=limit,
        search=search,
    )
    if as_json:
        from interviewer_tui.scripted.output import json_line
        from interviewer_tui.services.wire import encode

        for row in rows:
            sys.stdout.write(json_line(encode(row)) + "\n")
        return
    if not rows:
        typer.echo("no interviews yet: start one with `interviewer start`", err=True)
        return
    from rich.table import Table

    out = console()
    table = Table(box=None, pad_edge=False)
    for name in ("id", "date", "status", "difficulty", "score", "answered"):
        table.add_column(name, no_wrap=True)
    # one line per interview: a long topic list is cut with an ellipsis rather than wrapped
    table.add_column("topics", no_wrap=True, overflow="ellipsis", max_width=max(10, out.width - 68))
    for r in rows:
        table.add_row(
            str(r.id),
            f"{r.created_at:%Y-%m-%d %H:%M}",
            r.status,
            r.difficulty,
            f"{r.score}%" if r.score is not None else "-",
            f"{r.answered}/{r.number_questions}",
            ", ".join(title(t) for t in r.topics),
        )
    out.print(table)


InterviewId = Annotated[
    int, typer.Argument(help="Interview id.", autocompletion=complete_interview_id)
]


def show(
    interview_id: InterviewId,
    as_json: JsonOpt = False,
    model_answer: Annotated[
        int | None,
        typer.Option(
            "--model-answer",
            metavar="Q",
            help="A strong answer to question Q, beside yours (only once yours is graded).",
        ),
    ] = None,
) -> None:
    """Show one interview: transcript, scores and report."""
    from interviewer_tui.commands.common import open_login, signed_in
    from interviewer_tui.core.text import sanitize_terminal

    login = open_login()
    app = login.app
    user_id = signed_in(login)
    if model_answer is not None:
        from interviewer_tui.commands.practice import render_model_answer

        answer = app.model_answer(
            user_id=user_id, interview_id=interview_id, question_number=model_answer
        )
        render_model_answer(answer, as_json=as_json)
        return
    text = app.export_interview(
        user_id=user_id, interview_id=interview_id, fmt="json" if as_json else "markdown"
    )
    sys.stdout.write(text if as_json else sanitize_terminal(text))


def export(
    interview_id: InterviewId,
    fmt: Annotated[
        Format | None,
        typer.Option(
            "--format",
            "-f",
            help="markdown (md) or json; default: from the file's suffix, else markdown.",
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="<path>",
            help="Write to this file, or into this directory as interview-ID.md/.json.",
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Export an interview as Markdown or JSON (to stdout, or a 0600 file with -o)."""
    from interviewer_tui.commands.common import open_login, signed_in
    from interviewer_tui.core.text import sanitize_terminal
    from interviewer_tui.services.export import resolve_target, write_private

    target, fmt_name = resolve_target(output, fmt.value if fmt else None, interview_id)
    login = open_login()
    app = login.app
    text = app.export_interview(user_id=signed_in(login), interview_id=interview_id, fmt=fmt_name)
    if target is None:
        sys.stdout.write(text if fmt_name == "json" else sanitize_terminal(text))
        return
    write_private(target, text, force=force)
    typer.echo(f"wrote {target}", err=True)


def topics(as_json: JsonOpt = False) -> None:
    """List the topic catalog (ids work with --topic)."""
    from interviewer_tui.core.topics import CATALOG

    if as_json:
        from dataclasses import asdict

        from interviewer_tui.scripted.output import json_line

        for t in CATALOG:
            sys.stdout.write(json_line(asdict(t)) + "\n")
        return
    group = ""
    for t in CATALOG:
        if t.group != group:
            group = t.group
            typer.echo(f"\n{group.title()} topics:")
        typer.echo(f"  {t.id:<20} {t.title} — {t.description}")
