"""Choosing the interviewer model: OpenAI (or compatible) when a key is set, else offline."""

from __future__ import annotations

from typing import Any

from interviewer_tui.config import Settings
from interviewer_tui.llm.protocol import InterviewerModel


def make_model(settings: Settings, *, offline: bool = False, **overrides: Any) -> InterviewerModel:
    """The offline bank when asked (`--offline`, INTERVIEWER_OFFLINE) or when no API key is set.

    `overrides` go to `OpenAIInterviewer` (tests pass fast backoff, benchmarks a reused client's
    settings); the openai SDK is imported only here, on the online path.
    """
    if offline or settings.use_offline:
        from interviewer_tui.llm.offline import OfflineInterviewer

        return OfflineInterviewer()
    from interviewer_tui.llm.openai_model import OpenAIInterviewer

    return OpenAIInterviewer.from_settings(settings, **overrides)
