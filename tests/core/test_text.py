"""The one terminal sanitiser: whole escape sequences, bidi controls, streamed chunks, JSON."""

from __future__ import annotations

import io
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from interviewer_tui.core.text import (
    BIDI_CONTROLS,
    StreamSanitizer,
    escape_json_text,
    sanitize_terminal,
)
from interviewer_tui.scripted.output import PlainOutput

HOSTILE = (
    "a\x1b[31mred\x1b[0m b\x1b(B\x1b[m c\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\ d\u202eexe.txt"
)

# characters that start, continue or end escape sequences, so hypothesis builds real ones
_SEQUENCE_ALPHABET = st.sampled_from(
    list("\x1b\x9b[]()P_^X\\;?0123m J\x07\x00\n\r\ta€") + list(BIDI_CONTROLS)
)
_TEXT = st.text(
    alphabet=st.one_of(_SEQUENCE_ALPHABET, st.characters(blacklist_categories=("Cs",))),
    max_size=120,
)


def _is_clean(text: str) -> bool:
    return not any(
        (ord(c) < 0x20 and c not in "\t\n") or 0x7F <= ord(c) <= 0x9F or c in BIDI_CONTROLS
        for c in text
    )


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("\x1b[31mred\x1b[0m", "red"),
        ("\x1b(B\x1b[mplain", "plain"),  # tput sgr0 on xterm: ESC ( B was left as "(B"
        ("\x1b7saved\x1b8", "saved"),
        ("\x1b\x00[31mred", "red"),  # a NUL inside a sequence does not stop a terminal
        ("cut at the end\x1b[3", "cut at the end"),
        ("\x9b31mred", "red"),
        ("title\x1b]0;pwned\x07 rest", "title rest"),
        ("abc\u202edef\u2066x\u2069\u200e\u200f\u061c", "abcdefx"),
        ("ünïcödé 🙂 日本語\tok\r\n", "ünïcödé 🙂 日本語\tok\n"),
    ],
)
def test_whole_sequences_and_bidi_controls_are_dropped(raw: str, shown: str) -> None:
    assert sanitize_terminal(raw) == shown


def test_no_fragment_is_left_of_a_sequence_split_between_stream_chunks() -> None:
    for cut in range(len(HOSTILE) + 1):
        out = io.StringIO()
        plain = PlainOutput(out, interactive=False)
        plain.delta(HOSTILE[:cut])
        plain.delta(HOSTILE[cut:])
        plain.turn_done(kind="question", number=1, total=1, topic="coding", text="")
        assert out.getvalue() == "ared b clink dexe.txt\n", cut


@settings(max_examples=400, deadline=None)
@given(_TEXT, st.lists(st.integers(min_value=0, max_value=120), max_size=6))
def test_streaming_any_text_in_any_chunks_equals_sanitising_it_whole(
    text: str, cuts: list[int]
) -> None:
    points = sorted({min(c, len(text)) for c in cuts})
    chunks = [text[a:b] for a, b in zip([0, *points], [*points, len(text)], strict=True)]
    stream = StreamSanitizer()
    got = "".join(stream.feed(c) for c in chunks) + stream.flush()
    assert got == sanitize_terminal(text)
    assert _is_clean(got)


def test_what_a_stream_holds_back_stays_small() -> None:
    stream = StreamSanitizer()
    stream.feed("\x1b]0;")
    for _ in range(10_000):
        assert stream.feed("x" * 100) == ""
    assert len(stream._pending) <= 3
    assert stream.feed("\x07visible") == "visible"


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_sanitized_text_never_holds_a_control_or_bidi_character(text: str) -> None:
    assert _is_clean(sanitize_terminal(text))


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_json_text_keeps_every_character_but_escapes_the_dangerous_ones(text: str) -> None:
    document = escape_json_text(json.dumps({"text": text}, ensure_ascii=False))
    assert _is_clean(document) and "\u2028" not in document
    assert json.loads(document)["text"] == text
