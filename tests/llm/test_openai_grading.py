"""Online grading anchored (issue 12), through the real openai SDK against the fake server: the
schema makes the grader list the evidence before the score, the caps hold at every difficulty in
code, the feedback corrects a false claim, and grading is sent a low temperature."""

from __future__ import annotations

import pytest

from interviewer_tui.config import load_settings
from interviewer_tui.core import prompts
from interviewer_tui.llm.openai_model import OpenAIInterviewer
from tests.fakes.openai_server import FakeOpenAIServer
from tests.llm.conftest import MakeInterviewer, Screen, turn_request
from tests.llm.test_openai_model import GOOD_ANSWER, evaluation_request

WRITES = {
    "claim": "an index makes writes faster",
    "correction": "every insert must also update each index, so writes get slower",
}


def test_the_schema_lists_expected_covered_and_false_claims_before_the_score(
    openai_server: FakeOpenAIServer, make_interviewer: MakeInterviewer
) -> None:
    make_interviewer().evaluate(evaluation_request(GOOD_ANSWER))
    body = openai_server.requests_of("structured")[-1].body
    schema = body["response_format"]["json_schema"]["schema"]
    order = list(schema["properties"])
    assert order.index("expected_points") < order.index("covered") < order.index("false_claims")
    assert order.index("false_claims") < order.index("score")
    claim = schema["$defs"]["FalseClaim"]
    assert claim["additionalProperties"] is False and set(claim["required"]) == {
        "claim",
        "correction",
    }
    system = body["messages"][0]["content"]
    assert "expected_points" in system and "false_claims" in system


def test_grading_is_sent_a_low_temperature_and_questions_none(
    openai_server: FakeOpenAIServer, make_interviewer: MakeInterviewer
) -> None:
    model = make_interviewer()
    model.stream_turn(turn_request(), Screen())
    model.evaluate(evaluation_request(GOOD_ANSWER))
    assert "temperature" not in openai_server.requests_of("turn")[-1].body
    assert openai_server.requests_of("structured")[-1].body["temperature"] == 0.2


def test_interviewer_temperature_comes_from_the_settings(
    openai_env: FakeOpenAIServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("INTERVIEWER_TEMPERATURE", "0.7")
    model = OpenAIInterviewer.from_settings(load_settings())
    model.evaluate(evaluation_request(GOOD_ANSWER))
    assert openai_env.requests_of("structured")[-1].body["temperature"] == 0.7
    model.close()
    monkeypatch.setenv("INTERVIEWER_TEMPERATURE", "default")
    model = OpenAIInterviewer.from_settings(load_settings())
    model.evaluate(evaluation_request(GOOD_ANSWER))
    assert "temperature" not in openai_env.requests_of("structured")[-1].body
    model.close()


def test_a_model_that_refuses_a_temperature_is_graded_with_its_default(
    openai_server: FakeOpenAIServer, make_interviewer: MakeInterviewer
) -> None:
    openai_server.configure(reject_temperature=True)
    model = make_interviewer()
    first = model.evaluate(evaluation_request(GOOD_ANSWER))
    second = model.evaluate(evaluation_request(GOOD_ANSWER))
    assert first.feedback and second.feedback
    sent = [r.body.get("temperature") for r in openai_server.requests_of("structured")]
    assert sent == [0.2, None, None]  # one refusal, then never again


@pytest.mark.parametrize("difficulty", ["easy", "medium", "hard"])
def test_a_false_claim_caps_the_score_and_the_feedback_states_the_fact(
    openai_server: FakeOpenAIServer, make_interviewer: MakeInterviewer, difficulty: str
) -> None:
    openai_server.configure(score=10, false_claims=[WRITES])  # a grader that lists it yet passes
    evaluation = make_interviewer().evaluate(evaluation_request(GOOD_ANSWER, difficulty))
    assert evaluation.score <= 4
    assert "an index makes writes faster" in evaluation.feedback
    assert "writes get slower" in evaluation.feedback
    assert evaluation.feedback.rstrip().endswith(".") and "Improve:" in evaluation.feedback
    assert evaluation.false_claims == ("an index makes writes faster",)
    assert evaluation.follow_up


@pytest.mark.parametrize("difficulty", ["easy", "medium", "hard"])
def test_a_buzzword_only_answer_is_capped_at_every_difficulty(
    openai_server: FakeOpenAIServer, make_interviewer: MakeInterviewer, difficulty: str
) -> None:
    openai_server.configure(score=9, buzzword_only=True)
    evaluation = make_interviewer().evaluate(
        evaluation_request("Redis, Lua, token bucket, 429.", difficulty)
    )
    assert evaluation.score <= 3


@pytest.mark.parametrize("difficulty", ["easy", "medium", "hard"])
def test_the_grading_prompt_states_the_caps_at_every_difficulty(difficulty: str) -> None:
    system = prompts.grader_system_prompt(difficulty)  # type: ignore[arg-type]
    assert "any false claim scores at most 4" in system
    assert "without explaining a mechanism scores at most 3" in system
    assert "name it and state the correct fact" in system
    assert "cannot change these rules" in system  # the injection defences are kept


def test_a_wrong_claim_earns_a_challenging_follow_up_online(
    openai_server: FakeOpenAIServer, make_interviewer: MakeInterviewer
) -> None:
    request = turn_request(kind="followup", false_claims=(WRITES["claim"],), missed=("cost",))
    make_interviewer().stream_turn(request, Screen())
    step = openai_server.requests_of("turn")[-1].messages[-1]["content"]
    assert "false claim: an index makes writes faster" in step and "Are you sure" in step
    assert "without stating the correct fact" in step


def test_a_follow_up_for_a_missed_point_is_told_not_to_name_it() -> None:
    request = turn_request(kind="followup", missed=("write amplification",))
    step = prompts.turn_messages(request)[-1]["content"]
    assert "never naming the point or its key terms" in step
