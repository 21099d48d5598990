"""What `interviewer start` / `interviewer resume` hand to the TUI becomes the right start."""

from __future__ import annotations

import pytest

from interviewer_tui.core.models import InterviewOptions
from interviewer_tui.ui.launch import start_options_from


def test_no_options_just_opens_the_app() -> None:
    assert start_options_from({}) is None
    assert start_options_from({"offline": False, "resume_id": None}) is None


def test_validated_options_from_start() -> None:
    options = InterviewOptions(difficulty="hard", topics=("caching",), questions=3)
    start = start_options_from({"start_options": options, "offline": True})
    assert start is not None
    assert start.options == options
    assert start.offline


def test_resume_latest_or_by_id() -> None:
    latest = start_options_from({"resume_id": "latest"})
    assert latest is not None and latest.resume and latest.resume_id is None
    by_id = start_options_from({"resume_id": 7})
    assert by_id is not None and by_id.resume_id == 7


def test_raw_fields_and_unknown_names() -> None:
    start = start_options_from({"difficulty": "easy", "topics": ["sql"], "questions": 2})
    assert start is not None and start.topics == ("sql",) and start.questions == 2
    with pytest.raises(TypeError, match="colour"):
        start_options_from({"colour": "blue"})
