"""The answer reader and the JSON events writer, including property tests over hostile input."""

from __future__ import annotations

import io
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from interviewer_tui.core.text import sanitize_terminal
from interviewer_tui.scripted.answers import Answer, read_answers
from interviewer_tui.scripted.output import json_line


def _read(text: str) -> list[Answer]:
    return list(read_answers(io.StringIO(text)))


def test_blocks_end_at_a_lone_dot_and_keep_blank_lines_and_code() -> None:
    text = "first line\n\n    def f():\n        return 1\n.\n/skip\n.\n/END\n.\n"
    assert _read(text) == [
        Answer("answer", "first line\n\n    def f():\n        return 1"),
        Answer("skip"),
        Answer("end"),
    ]


def test_unterminated_text_at_eof_is_still_an_answer_and_crlf_is_handled() -> None:
    assert _read("a\r\n.\r\nlast words") == [Answer("answer", "a"), Answer("answer", "last words")]
    assert _read("") == [] and _read("\n\n") == []


def test_a_dot_inside_text_does_not_end_the_answer() -> None:
    assert _read("ends with a dot.\n..\n.\n") == [Answer("answer", "ends with a dot.\n..")]


def test_huge_answer_is_read_whole() -> None:
    big = "x" * 200_000
    assert _read(big + "\n.\n") == [Answer("answer", big)]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200), max_size=8
    )
)
def test_reader_never_crashes_and_round_trips_terminated_blocks(blocks: list[str]) -> None:
    blocks = [b.replace("\r", "").replace("\n", " ") for b in blocks]
    blocks = [b for b in blocks if b.strip() != "."]
    text = "".join(b + "\n.\n" for b in blocks)
    got = _read(text)
    assert len(got) == len(blocks)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=500))
def test_json_events_are_single_lines_with_no_raw_control_bytes(text: str) -> None:
    line = json_line({"event": "question", "text": text})
    assert "\n" not in line and "\x1b" not in line
    assert not any(0x7F <= ord(c) <= 0x9F or ord(c) < 0x20 for c in line)
    assert json.loads(line)["text"] == text


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=500))
def test_sanitized_text_has_no_escape_or_control_characters(text: str) -> None:
    clean = sanitize_terminal(text)
    assert "\x1b" not in clean and "\r" not in clean
    assert not any((ord(c) < 0x20 and c not in "\t\n") or 0x7F <= ord(c) <= 0x9F for c in clean)


def test_sanitize_keeps_unicode_and_drops_sequences() -> None:
    hostile = "héllo 🙂\x1b[31mred\x1b[0m \x1b]52;c;ZXZpbA==\x07 \x9b2J tab\tok"
    assert sanitize_terminal(hostile) == "héllo 🙂red   tab\tok"


def test_one_megabyte_of_escapes_is_handled() -> None:
    data = ("\x1b[2J\x1b]0;x\x07" * 80_000)[:1_000_000]
    assert "\x1b" not in sanitize_terminal(data)
