"""A question's score combines its first answer with the follow-ups (issue 12): a weak first answer
is never erased, and a false claim reaches the follow-up so it can be challenged."""

from __future__ import annotations

from dataclasses import replace

from interviewer_tui.core.models import Evaluation, EvaluationRequest, InterviewOptions
from interviewer_tui.services import interviews as svc

from .conftest import ScriptedModel


def _graded(scores: dict[int, list[int]], *, claim: bool = False) -> ScriptedModel:
    """Grades question N's answers with scores[N] in order, asking a follow-up after the first."""
    seen: dict[int, int] = {}

    def grade(request: EvaluationRequest) -> Evaluation:
        n = request.question.number
        i = seen.get(n, 0)
        seen[n] = i + 1
        evaluation = Evaluation("answer", scores[n][i], "Improve: explain more.", follow_up=i == 0)
        if claim and i == 0:
            evaluation = replace(evaluation, false_claims=("an index makes writes faster",))
        return evaluation

    return ScriptedModel(grade=grade)


def test_weak_first_answers_are_not_erased_by_good_follow_ups(ctx, user_id) -> None:
    model = _graded({1: [4, 10], 2: [2, 10]})
    options = InterviewOptions(difficulty="medium", topics=("caching", "databases"), questions=2)
    runner = svc.start_interview(ctx, user_id=user_id, options=options, model=model)
    list(runner.advance())
    for text in ("thin", "much better", "thinner", "much better too"):
        runner.answer(text)
        list(runner.advance())
    assert runner.finished
    report = runner.report()
    assert report is not None
    assert [q.score for q in report.questions] == [7, 6]
    assert report.overall_percent == 65  # it was 100: the follow-ups replaced the first answers
    runner.close()
    detail = svc.get_interview(ctx, user_id=user_id, interview_id=runner.interview_id)
    assert [m.score for m in detail.messages if m.kind == "feedback"] == [4, 10, 2, 10]
    assert detail.summary.score == 65


def test_a_false_claim_reaches_the_follow_up_request(ctx, user_id) -> None:
    model = _graded({1: [3, 5]}, claim=True)
    options = InterviewOptions(difficulty="medium", topics=("sql_indexing",), questions=1)
    runner = svc.start_interview(ctx, user_id=user_id, options=options, model=model)
    list(runner.advance())
    runner.answer("An index makes writes faster.")
    list(runner.advance())
    follow_up = next(t for t in model.turns if t.kind == "followup")
    assert follow_up.false_claims == ("an index makes writes faster",)
    runner.close()


def test_question_score_moves_halfway_from_the_first_answer() -> None:
    from interviewer_tui.core.scoring import question_score

    assert question_score([4]) == 4
    assert question_score([4, 10]) == 7
    assert question_score([2, 10]) == 6
    assert question_score([8, 2]) == 5  # a wrong follow-up pulls it down
    assert question_score([5, 6, 9]) == 7  # the last grade is the whole thread's
