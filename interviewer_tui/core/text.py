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
