"""Making untrusted text (from the model or the user) safe to show in a terminal."""

from __future__ import annotations

import re

# CSI / OSC / DCS / other ESC sequences, and C0/C1 controls except tab and newline.
_ESCAPES = re.compile(
    r"""
    \x1b\[[0-?]*[ -/]*[@-~]          # CSI ... final byte
  | \x1b\][^\x07\x1b]*(?:\x07|\x1b\\)? # OSC ... BEL or ST
  | \x1b[PX^_][^\x1b]*(?:\x1b\\)?      # DCS / SOS / PM / APC ... ST
  | \x1b[@-Z\\-_]                      # two-byte ESC sequences
  | \x1b                               # a lone ESC
  | \x9b[0-?]*[ -/]*[@-~]              # 8-bit CSI
    """,
    re.VERBOSE,
)
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def sanitize_terminal(text: str) -> str:
    """Drop escape sequences and control characters; keep tabs, newlines and all printable Unicode.

    Carriage returns are dropped too (a lone CR could overwrite a line on screen); CRLF becomes LF.
    """
    text = text.replace("\r\n", "\n")
    text = _ESCAPES.sub("", text)
    return _CONTROLS.sub("", text)


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
    text = _ESCAPES.sub("", text)
    return _INPUT_CONTROLS.sub("", text)
