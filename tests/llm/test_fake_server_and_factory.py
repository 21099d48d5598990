"""The fake server as a separate process (how CLI tests and benchmarks use it), and make_model."""

from __future__ import annotations

import subprocess
import sys

import pytest

from interviewer_tui.config import load_settings
from interviewer_tui.errors import ModelError
from interviewer_tui.llm.factory import make_model
from tests.fakes.openai_server import DEFAULT_TURNS, FakeOpenAIServer, parse_script, spawn_server
from tests.llm.conftest import Screen, turn_request


def test_fault_scripts_parse_into_targeted_faults() -> None:
    faults = parse_script("429*2@turn:retry_after=0.5; cut@structured;slow:delay=3")
    assert [(f.kind, f.on) for f in faults] == [
        ("429", "turn"),
        ("429", "turn"),
        ("cut", "structured"),
        ("slow", "any"),
    ]
    assert faults[0].retry_after == 0.5 and faults[3].delay == 3
    with pytest.raises(ValueError, match="unknown fault kind"):
        parse_script("explode")


def test_server_process_takes_faults_at_start_and_over_http(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with spawn_server("--script", "503@turn", "--instant") as server:
        server.inject("cut", on="turn")
        server.configure(score=15)
        assert [f["kind"] for f in server.pending_faults()] == ["503", "cut"]
        monkeypatch.setenv("OPENAI_API_KEY", "k")
        monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
        model = make_model(load_settings(), backoff_base=0.01, backoff_cap=0.01)
        try:
            screen = Screen()
            assert model.stream_turn(turn_request(), screen).text == DEFAULT_TURNS[0]
            assert len(screen.retries) == 2
            recorded = server.requests
            assert [r.fault for r in recorded] == ["503", "cut", None]
            assert recorded[0].body["model"] == "gpt-5-mini"  # the default model name
        finally:
            model.close()
        server.reset()
        assert server.requests == [] and server.pending_faults() == []


def test_make_model_is_offline_without_a_key_or_when_asked(
    openai_env: FakeOpenAIServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert make_model(load_settings(), offline=True).info.provider == "offline"
    monkeypatch.setenv("INTERVIEWER_OFFLINE", "1")
    assert make_model(load_settings()).info.provider == "offline"
    monkeypatch.delenv("INTERVIEWER_OFFLINE")
    monkeypatch.delenv("OPENAI_API_KEY")
    assert make_model(load_settings()).info.provider == "offline"


def test_make_model_uses_openai_settings(openai_env: FakeOpenAIServer) -> None:
    model = make_model(load_settings(), backoff_base=0.01, backoff_cap=0.01)
    try:
        assert (model.info.provider, model.info.model) == ("openai", "fake-model")
        openai_env.inject("500", times=5)
        with pytest.raises(
            ModelError, match="after 3 attempts"
        ):  # INTERVIEWER_OPENAI_MAX_RETRIES=2
            model.stream_turn(turn_request(), Screen())
    finally:
        model.close()


def test_the_offline_path_does_not_import_openai() -> None:
    code = (
        "import sys; from interviewer_tui.config import Settings; "
        "from interviewer_tui.llm.factory import make_model; "
        "m = make_model(Settings(), offline=True); "
        "print('openai' in sys.modules, m.info.provider)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "offline"]
