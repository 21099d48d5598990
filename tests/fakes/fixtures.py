"""Pytest fixtures around the fake OpenAI server; import them into a conftest.py to use them:

from tests.fakes.fixtures import openai_env, openai_server  # noqa: F401
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.fakes.openai_server import FakeOpenAIServer


@pytest.fixture
def openai_server() -> Iterator[FakeOpenAIServer]:
    """A running fake server on a free port, stopped after the test."""
    with FakeOpenAIServer() as server:
        yield server


@pytest.fixture
def openai_env(
    openai_server: FakeOpenAIServer, monkeypatch: pytest.MonkeyPatch
) -> FakeOpenAIServer:
    """Settings from the environment now point at the fake server (short timeout, 2 retries)."""
    monkeypatch.setenv("OPENAI_API_KEY", "test-key")
    monkeypatch.setenv("OPENAI_BASE_URL", openai_server.base_url)
    monkeypatch.setenv("INTERVIEWER_MODEL", "fake-model")
    monkeypatch.setenv("INTERVIEWER_OPENAI_TIMEOUT", "2")
    monkeypatch.setenv("INTERVIEWER_OPENAI_MAX_RETRIES", "2")
    monkeypatch.delenv("INTERVIEWER_OFFLINE", raising=False)
    return openai_server
