"""`interviewer model check` against the local OpenAI-compatible server, in a real subprocess."""

from __future__ import annotations

import json

from tests.fakes.openai_server import FakeOpenAIServer
from tests.support.cli import Cli


def _env(server: FakeOpenAIServer, **extra: str) -> dict[str, str]:
    return {
        "OPENAI_API_KEY": "sk-secret-probe-key-123",
        "OPENAI_BASE_URL": server.base_url,
        "INTERVIEWER_MODEL": "fake-model",
        **extra,
    }


def test_everything_supported_exits_0(sqlite_cli: Cli, openai_server: FakeOpenAIServer) -> None:
    run = sqlite_cli.run("model", "check", env=_env(openai_server))
    assert run.returncode == 0, run.stdout + run.stderr
    for name in ("models", "streaming", "stream_usage", "json_schema"):
        assert f"ok    {name}" in run.stdout
    assert "interviews will work" in run.stdout
    kinds = [(r.kind, r.stream) for r in openai_server.requests]
    assert kinds == [("turn", True), ("structured", False)]


def test_json_schema_switched_off_says_so_and_exits_4(
    sqlite_cli: Cli, openai_server: FakeOpenAIServer
) -> None:
    openai_server.configure(json_schema=False)
    run = sqlite_cli.run("model", "check", env=_env(openai_server))
    assert run.returncode == 4, run.stdout + run.stderr
    line = next(x for x in run.stdout.splitlines() if "json_schema" in x and "FAIL" in x)
    assert "not supported" in line and "HTTP 400" in line
    assert "structured outputs" in run.stdout  # what to change
    assert "ok    streaming" in run.stdout
    assert "NOT work" in run.stdout
    assert "sk-secret-probe-key-123" not in run.stdout + run.stderr


def test_no_usage_in_stream_is_a_warning(sqlite_cli: Cli, openai_server: FakeOpenAIServer) -> None:
    openai_server.configure(send_usage=False)
    run = sqlite_cli.run("model", "check", "--json", env=_env(openai_server))
    assert run.returncode == 0, run.stderr
    checks = {c["name"]: c for c in json.loads(run.stdout)["checks"]}
    assert checks["stream_usage"]["status"] == "warn"
    assert checks["json_schema"]["status"] == "ok"


def test_unknown_model_names_the_listed_ones(
    sqlite_cli: Cli, openai_server: FakeOpenAIServer
) -> None:
    openai_server.configure(models=["llama3", "qwen2"])
    run = sqlite_cli.run("model", "check", env=_env(openai_server))
    assert run.returncode == 4
    assert "llama3, qwen2" in run.stdout and "INTERVIEWER_MODEL" in run.stdout


def test_rejected_key_and_credentials_in_url_never_printed(sqlite_cli: Cli) -> None:
    with FakeOpenAIServer(api_key="the-right-key") as server:
        url = server.base_url.replace("http://", "http://bob:hunter2pass@")
        run = sqlite_cli.run(
            "model", "check", env=_env(server, OPENAI_BASE_URL=url, OPENAI_API_KEY="sk-wrong-99")
        )
    out = run.stdout + run.stderr
    assert run.returncode == 4
    assert "401" in out and "OPENAI_API_KEY" in out
    assert "hunter2pass" not in out and "sk-wrong-99" not in out
    assert "bob:***@" in out


def test_unreachable_endpoint_exits_4(sqlite_cli: Cli) -> None:
    with FakeOpenAIServer() as server:
        url = server.base_url
    run = sqlite_cli.run("model", "check", env={"OPENAI_API_KEY": "k", "OPENAI_BASE_URL": url})
    assert run.returncode == 4
    assert "cannot connect" in run.stdout and "skip" in run.stdout


def test_without_a_key_exits_2(sqlite_cli: Cli) -> None:
    run = sqlite_cli.run("model", "check")
    assert run.returncode == 2
    assert "OPENAI_API_KEY" in run.stderr
