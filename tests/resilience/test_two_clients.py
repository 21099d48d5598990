"""Two clients of the same user on the same interview: the second is refused with a clear
"open elsewhere" (exit 2) and the first goes on with no interleaved or duplicated turn."""

from __future__ import annotations

import pytest

from tests.fakes.openai_server import FakeOpenAIServer
from tests.support.cli import Cli

from .conftest import unique_turns
from .helpers import answer_block, answers_saved, assert_sound, events, read_transcript

FIRST = "Sharding by tenant keeps hot tenants apart; rebalancing uses consistent hashing."
SECOND = "A write-ahead log makes the commit durable before the pages are flushed."


@pytest.mark.parametrize(
    "db_url", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)], indirect=True
)
def test_second_client_is_told_the_interview_is_open_elsewhere(
    rcli: Cli, fake: FakeOpenAIServer, db_url: str
) -> None:
    texts = unique_turns()
    fake.configure(turn_texts=texts)
    first = rcli.popen("start", "--questions", "2", "--json")
    assert first.stdin is not None and first.stdout is not None
    seen = []
    while not seen or seen[-1]["event"] != "question":
        line = first.stdout.readline()
        assert line, "the first client stopped early"
        seen += events(line)
    interview_id = int(seen[0]["interview_id"])  # type: ignore[arg-type]

    for args in (["resume", str(interview_id)], ["resume"]):
        other = rcli.run(*args, "--json", input=answer_block("typed in the second window"))
        assert other.returncode == 2, other.stderr
        assert f"interview {interview_id} is open elsewhere" in other.stderr
        assert "Traceback" not in other.stderr

    out, err = first.communicate((answer_block(FIRST) + answer_block(SECOND)).encode(), timeout=60)
    assert first.returncode == 0, err.decode(errors="replace")
    assert events(out)[-1]["event"] == "report"
    db = rcli.env["DATABASE_URL"]
    status, rows = read_transcript(db, interview_id)
    assert status == "completed"
    assert_sound(rows, acked=[FIRST, SECOND], full_texts=texts)
    assert answers_saved(db, interview_id) == [FIRST, SECOND]
