"""Making untrusted text (from the model or the user) safe for a terminal, a file or JSON.

This is the one sanitiser: the CLI, line mode, the TUI, `show` and exports all call it, so a rule
added here (a new escape form, another invisible control) holds everywhere at once.
"""

from __future__ import annotations

import re

# Bidirectional controls reorder what is shown (U+202E makes "txt.exe" read "exe.txt"): dropped.
BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"

# First pass, one character at a time: C0 controls except tab, newline, BEL and ESC (BEL and ESC
# belong to sequences and are handled by the second pass), CR (CRLF becomes LF; a lone CR could
# overwrite a line), DEL, C1 controls except the 8-bit CSI, and the bidi controls. Dropping these
# first matters: a terminal ignores a NUL inside `ESC [ 3 1 m` and still turns red, so must we.
_CHARS = re.compile(f"[\x00-\x06\x08\x0b-\x1a\x1c-\x1f\x7f-\x9a\x9c-\x9f{BIDI_CONTROLS}]")

# Second pass, whole escape sequences, so no `[31m` is left behind after the ESC goes. A sequence
# cut short by the end of the text is dropped whole as well.
_SEQUENCES = re.compile(
    r"""
    \x1b\[[0-?]*[ -/]*[@-~]?              # CSI: parameters, intermediates, final byte
  | \x9b[0-?]*[ -/]*[@-~]?                # 8-bit CSI
  | \x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?    # OSC ... BEL or ST
  | \x1b[PX^_][^\x1b]*(?:\x1b\\)?         # DCS / SOS / PM / APC ... ST
  | \x1b[ -/]*[0-~]?                      # every other ESC sequence (ESC ( B, ESC 7...), lone ESC
  | \x07                                  # a BEL outside an OSC
    """,
    re.VERBOSE,
)

# The start of a sequence that more text could still extend (see StreamSanitizer).
_OPEN_TAIL = re.compile(
    r"""
    (?: \x1b\[[0-?]*[ -/]*
      | \x9b[0-?]*[ -/]*
      | \x1b\][^\x07\x1b]*
      | \x1b[PX^_][^\x1b]*
      | \x1b[ -/]*
    )\Z
    """,
    re.VERBOSE,
)

# In JSON: C0 is always escaped by json.dumps; these are not, and a terminal acts on them too.
_UNSAFE_IN_JSON = re.compile(f"[\x7f-\x9f\u2028\u2029{BIDI_CONTROLS}]")


def sanitize_terminal(text: str) -> str:
    """Drop escape sequences, control characters and bidi controls; keep tabs, newlines and every
    other printable character (accents, emoji, CJK)."""
    return _SEQUENCES.sub("", _CHARS.sub("", text))


def escape_json_text(document: str) -> str:
    """\\u-escape, inside an already encoded JSON document, the characters json.dumps leaves raw
    that a terminal or a text viewer would act on. The decoded text is unchanged."""
    return _UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", document)


class StreamSanitizer:
    """`sanitize_terminal` for text that arrives in chunks (a streamed model reply).

    A sequence split across two chunks (`...\\x1b[3` then `1m...`) is held back until it is
    complete, so the joined output is exactly `sanitize_terminal` of the joined input. What is held
    stays a few characters long whatever the model sends: the body of an OSC or a CSI's parameters
    are dropped anyway, so only what decides where the sequence ends is kept.
    """

    def __init__(self) -> None:
        self._pending = ""

    def feed(self, chunk: str) -> str:
        text = self._pending + _CHARS.sub("", chunk)
        tail = _OPEN_TAIL.search(text)
        if tail is None:
            self._pending = ""
            return _SEQUENCES.sub("", text)
        self._pending = _compress(tail.group())
        return _SEQUENCES.sub("", text[: tail.start()])

    def flush(self) -> str:
        """The end of the stream: an unfinished sequence is dropped."""
        text, self._pending = self._pending, ""
        return _SEQUENCES.sub("", text)


def _compress(tail: str) -> str:
    if tail[:2] == "\x1b]" or tail[:2] in ("\x1bP", "\x1bX", "\x1b^", "\x1b_"):
        return tail[:2]  # the string body is dropped whatever comes next
    head = 2 if tail.startswith("\x1b[") else 1
    intermediates = tail[head:].lstrip("0123456789:;<=>?")
    return tail[:head] + intermediates[:1]


_INPUT_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def clean_input(text: str) -> str:
    """User text as it is stored: line ends as LF, no escape sequence, no C0 control but tab and
    newline (nor DEL).

    Applied where text enters the services, so SQLite and PostgreSQL store the same thing:
    PostgreSQL refuses NUL in text outright (an answer holding one could never be saved, and
    every resume failed), while SQLite kept it. Whole escape sequences go, not just the ESC,
    so no `[31m` is left behind.
    """
    if text.isprintable():
        return text  # the common case: nothing to do, no regex run
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _SEQUENCES.sub("", text)
    return _INPUT_CONTROLS.sub("", text)
