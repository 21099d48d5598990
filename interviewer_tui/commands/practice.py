"""The practice loop's commands: model answers, retry and regrade, practice, progress.

Thin: parse, call a service, render. Rendering of a model answer is shared with `show`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from interviewer_tui.services.model_answers import ModelAnswer


def register(app: typer.Typer) -> None:
    return None


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
