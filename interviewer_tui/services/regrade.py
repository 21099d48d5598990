"""`interviewer regrade ID`: grade a stored interview's answers again with another interviewer.

Each answered question's thread is sent to the chosen grader as it was; the new grades go to the
`regrades` table under one `run_id`, so the original grades (on `questions`) are never
overwritten and every regrade can be looked at later.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from interviewer_tui.core.models import (
    EvaluationRequest,
    PlannedQuestion,
    ThreadEntry,
)
from interviewer_tui.errors import UsageError
from interviewer_tui.services.views import RegradedQuestion, RegradeResult

if TYPE_CHECKING:
    from sqlmodel import Session

    from interviewer_tui.llm.protocol import InterviewerModel
    from interviewer_tui.services.context import AppContext


def grader_for(ctx: AppContext, *, offline: bool, model: str | None) -> InterviewerModel:
    if offline and model:
        raise UsageError("choose one: --offline or --model")
    from interviewer_tui.llm.factory import make_model

    if model:
        if ctx.settings.openai_api_key is None:
            raise UsageError("--model needs OPENAI_API_KEY (or use --offline)")
        return make_model(ctx.settings, model=model)
    return make_model(ctx.settings, offline=offline)


def regrade(
    ctx: AppContext, *, user_id: int, interview_id: int, grader: InterviewerModel
) -> RegradeResult:
    from interviewer_tui.services import interviews as svc
    from interviewer_tui.store.tables import Regrade

    detail = svc.get_interview(ctx, user_id=user_id, interview_id=interview_id)
    answered = [q for q in detail.questions if q.score is not None and not q.skipped]
    if not answered:
        raise UsageError(f"interview {interview_id} has no graded answers to grade again")
    info = grader.info
    out: list[RegradedQuestion] = []
    for q in answered:
        thread = tuple(
            ThreadEntry(m.author, m.kind, m.content)  # type: ignore[arg-type]
            for m in detail.messages
            if m.question_number == q.number and m.kind != "feedback"
        )
        answers = [e.text for e in thread if e.author == "candidate" and e.kind == "answer"]
        request = EvaluationRequest(
            options=detail.options,
            question=PlannedQuestion(q.number, q.topic),
            question_text=q.question,
            thread=thread,
            answer=answers[-1] if answers else "",
        )
        grade = grader.evaluate(request)
        out.append(
            RegradedQuestion(
                number=q.number,
                topic=q.topic,
                question=q.question,
                original=q,
                score=grade.score,
                feedback=grade.feedback,
                covered=grade.covered,
                missed=grade.missed,
            )
        )
    run_id = str(uuid.uuid4())

    def save(session: Session) -> None:
        now = ctx.clock()
        for r in out:
            session.add(
                Regrade(
                    interview_id=interview_id,
                    run_id=run_id,
                    question_number=r.number,
                    provider=info.provider,
                    model=info.model,
                    score=r.score,
                    feedback=r.feedback,
                    covered=list(r.covered),
                    missed=list(r.missed),
                    created_at=now,
                )
            )

    ctx.tx(save)
    s = detail.summary
    return RegradeResult(
        interview_id=interview_id,
        run_id=run_id,
        original_grader=f"{s.provider}: {s.model}",
        grader=f"{info.provider}: {info.model}",
        questions=tuple(out),
    )
