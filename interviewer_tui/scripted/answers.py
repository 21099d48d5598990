"""Reading answers from a stream: an answer ends at a line holding only `.`.

So answers can hold blank lines and code. `/skip`, `/end`, `/pause` and `/model-answer` (a
strong answer to the question just graded) as a whole answer are commands.
A line holding only `/edit` opens $VISUAL/$EDITOR on what was typed of the answer so far (the
session does that; the reader only hands over the draft). At end of input, unterminated text
still counts as an answer; then the reader reports EOF.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal, TextIO

TERMINATOR = "."
COMMANDS = {"/skip": "skip", "/end": "end", "/pause": "pause", "/model-answer": "model_answer"}
EDIT = "/edit"


@dataclass(frozen=True)
class Answer:
    kind: Literal["answer", "skip", "end", "pause", "edit", "model_answer"]
    text: str = ""


def read_answers(stream: TextIO) -> Iterator[Answer]:
    """Yield one Answer per block; stops at end of input."""
    lines: list[str] = []
    for raw in stream:
        line = raw[:-1] if raw.endswith("\n") else raw
        line = line[:-1] if line.endswith("\r") else line
        if line.strip() == TERMINATOR:
            yield _block(lines)
            lines = []
            continue
        if line.strip().lower() == EDIT:
            yield Answer("edit", "\n".join(lines).strip("\n"))
            lines = []
            continue
        lines.append(line)
    if any(line.strip() for line in lines):
        yield _block(lines)


def _block(lines: list[str]) -> Answer:
    text = "\n".join(lines).strip("\n")
    command = COMMANDS.get(text.strip().lower())
    if command is not None:
        return Answer(command)  # type: ignore[arg-type]
    return Answer("answer", text)
