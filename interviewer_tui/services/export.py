"""Exports of one interview: the Markdown document (the JSON one is `services/wire.export_json`),
where an export goes (a file, a directory, the format from the suffix or `--format`) and how the
file is written (0600 whatever the umask, never over an existing file unless asked)."""

from __future__ import annotations

import os
from pathlib import Path

from interviewer_tui.core.report_outline import report_lists
from interviewer_tui.core.resume import describe_setup
from interviewer_tui.core.topics import title
from interviewer_tui.errors import ConflictError, UsageError
from interviewer_tui.services.views import InterviewDetail

FORMATS = {"markdown": "markdown", "md": "markdown", "json": "json"}
SUFFIXES = {".md": "markdown", ".markdown": "markdown", ".json": "json"}
EXTENSION = {"markdown": "md", "json": "json"}


def default_name(interview_id: int, fmt: str) -> str:
    return f"interview-{interview_id}.{EXTENSION[fmt]}"


def resolve_target(
    output: Path | None, fmt: str | None, interview_id: int
) -> tuple[Path | None, str]:
    """(file to write or None for stdout, "markdown" or "json").

    `output` may be a directory (the file is `interview-N.md` or `.json` in it). The format is
    `fmt` if given, else the suffix's (.md, .markdown, .json), else Markdown; a suffix that says
    one format and `fmt` another is a UsageError rather than a .json file holding Markdown.
    """
    chosen = None
    if fmt is not None:
        chosen = FORMATS.get(fmt.lower())
        if chosen is None:
            raise UsageError(f"the format must be markdown (md) or json, not {fmt!r}")
    if output is None:
        return None, chosen or "markdown"
    if output.is_dir():
        fmt_name = chosen or "markdown"
        return output / default_name(interview_id, fmt_name), fmt_name
    implied = SUFFIXES.get(output.suffix.lower())
    if chosen and implied and chosen != implied:
        raise UsageError(
            f"{output} ends in {output.suffix} but the format asked for is {chosen}: "
            f"change the file name or the format"
        )
    return output, chosen or implied or "markdown"


def write_private(path: Path, text: str, *, force: bool = False) -> None:
    """Write `text` to `path` as a new file, mode 0600 whatever the umask (an interview is
    personal). An existing file (or a symlink) is a ConflictError unless `force`, and then it
    is replaced atomically by a new 0600 file, never written through."""
    data = text.encode("utf-8")
    try:
        if not force:
            try:
                _write_new(path, data)
            except FileExistsError:
                raise ConflictError(f"{path} already exists: use --force to overwrite it") from None
            return
        if path.is_dir():
            raise UsageError(f"{path} is a directory")
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        _write_new(tmp, data)
        try:
            os.replace(tmp, path)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from None


def _write_new(path: Path, data: bytes) -> None:
    # O_EXCL also refuses a dangling symlink, so nothing is ever written through a link
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.fchmod(fd, 0o600)  # the mode given to open() is cut by the umask; this is not
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        path.unlink(missing_ok=True)
        raise
    os.close(fd)


def _fence(text: str) -> str:
    """Quote user/model text so Markdown in it cannot break the document's structure."""
    return "\n".join("> " + line if line else ">" for line in text.splitlines()) or ">"


def to_markdown(detail: InterviewDetail) -> str:
    s = detail.summary
    label = "offline interviewer" if s.provider == "offline" else f"{s.provider} {s.model}"
    lines = [
        f"# Interview {s.id}: {s.difficulty}, {', '.join(title(t) for t in s.topics)}",
        "",
        f"- Date: {s.created_at:%Y-%m-%d %H:%M} UTC",
        f"- Status: {s.status}",
        f"- Interviewer: {label}",
        f"- Questions: {s.answered} answered of {s.number_questions}",
        f"- Score: {s.score}%" if s.score is not None else "- Score: not scored yet",
        "",
    ]
    if detail.setup:
        lines.insert(-1, f"- Tailored to: {describe_setup(detail.setup)}")
    report = detail.report
    if report is not None:
        lines += ["## Report", "", report.summary, ""]
        if report.per_topic:
            lines += ["| Topic | Score |", "| --- | --- |"]
            lines += [f"| {title(t)} | {p}% |" for t, p in report.per_topic.items()]
            lines.append("")
        for heading, items in report_lists(
            report.strengths, report.improvements, report.suggested_topics
        ):
            if items:
                lines += [f"### {heading}", ""] + [f"- {item}" for item in items] + [""]
    lines += ["## Questions", ""]
    for q in detail.questions:
        score = "skipped" if q.skipped else ("-" if q.score is None else f"{q.score}/10")
        lines += [f"### Q{q.number} · {title(q.topic)} · {score}", "", _fence(q.question), ""]
        if q.feedback:
            lines += [f"**Feedback:** {q.feedback}", ""]
    lines += ["## Transcript", ""]
    for m in detail.messages:
        who = "Interviewer" if m.author == "interviewer" else "You"
        extra = f" (score {m.score}/10)" if m.kind == "feedback" and m.score is not None else ""
        lines += [f"**{who} · {m.kind}{extra}**", "", _fence(m.content), ""]
    return "\n".join(lines).rstrip() + "\n"
