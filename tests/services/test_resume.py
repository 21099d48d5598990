"""Résumé tailoring: a PDF the test builds, keyword extraction, questions and the report's setup."""

from __future__ import annotations

from pathlib import Path

import pytest

from interviewer_tui.core.models import InterviewOptions
from interviewer_tui.core.resume import extract_resume, gaps
from interviewer_tui.errors import UsageError
from interviewer_tui.services import interviews as svc
from interviewer_tui.services.resume import read_resume
from tests.fakes.openai_server import FakeOpenAIServer
from tests.support.cli import Cli
from tests.support.pdf import text_pdf

RESUME = [
    "Jane Doe - Backend Engineer",
    "Skills: Python, PostgreSQL, Redis, Docker",
    "Experience",
    "- Built a payments ledger in Python and PostgreSQL handling 2k writes per second",
    "- Migrated session storage from Memcached to Redis with zero downtime",
]
JOB = "Senior backend engineer, fintech. Go, Kafka, PostgreSQL and Kubernetes in production."


def test_keyword_extraction_finds_projects_skills_and_gaps() -> None:
    text = "\n".join(RESUME)
    found = extract_resume(text)
    assert {"python", "postgresql", "redis"} <= set(found.skills)
    assert found.projects[0].startswith("Built a payments ledger")
    assert gaps(text, JOB) == ("go", "kafka", "kubernetes")


def test_pdf_text_layer_is_read(tmp_path: Path) -> None:
    pdf = tmp_path / "cv.pdf"
    pdf.write_bytes(text_pdf(RESUME))
    text = read_resume(pdf)
    assert "Built a payments ledger" in text and "Redis" in text
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\nnot really")
    with pytest.raises(UsageError, match=r"broken\.pdf"):
        read_resume(broken)


def test_offline_resume_interview_asks_about_projects_and_gaps(cli: Cli, tmp_path: Path) -> None:
    cli.login_new_user()
    (tmp_path / "cv.pdf").write_bytes(text_pdf(RESUME))
    (tmp_path / "job.txt").write_text(JOB)
    run = cli.run(
        "start",
        "--offline",
        "--plain",
        "--questions",
        "2",
        "--resume",
        str(tmp_path / "cv.pdf"),
        "--job-description",
        str(tmp_path / "job.txt"),
        input="I would partition by key.\n.\nI would learn Kafka consumer groups.\n.\n",
    )
    assert run.returncode == 0, run.stderr
    out = run.stdout
    assert 'your own project from your résumé: "Built a payments ledger' in out
    assert "The job asks for go, which your résumé does not mention" in out
    setup = "Tailored to: job description (stack: go, postgresql, kafka, kubernetes); résumé"
    assert setup in out and "gaps: go, kafka, kubernetes" in out
    assert out.count("keyword-based extraction (offline)") == 2  # at the start and in the report
    shown = cli.run("show", "1")
    assert "- Tailored to: job description" in shown.stdout
    missing = cli.run("start", "--offline", "--plain", "--resume", str(tmp_path / "none.pdf"))
    assert missing.returncode == 2 and "none.pdf" in missing.stderr


def test_model_sees_the_resume_as_data(openai_env: FakeOpenAIServer, ctx, user_id) -> None:  # type: ignore[no-untyped-def]
    options = InterviewOptions(
        questions=1, topics=("databases",), job_description=JOB, resume="\n".join(RESUME)
    )
    runner = svc.start_interview(ctx, user_id=user_id, options=options)
    list(runner.advance())
    prompt = openai_env.requests_of("turn")[0].prompt_text
    assert "<resume>\nJane Doe" in prompt and "own projects" in prompt
    assert "the résumé does not show: go, kafka, kubernetes" in prompt
    detail = svc.get_interview(ctx, user_id=user_id, interview_id=runner.interview_id)
    assert (
        detail.options.resume
        and detail.setup
        and detail.setup["gaps"] == ["go", "kafka", "kubernetes"]
    )
    runner.close()
