"""Long answers in the user's own editor, the way `git commit` does it.

`$VISUAL`, then `$EDITOR`, then `vi`; the value is split with shlex (so `code --wait` or
`emacs -nw` work), the draft goes into a temp file only the user can read (0600: answers may hold
work details), we wait for the editor to exit and read the file back. The caller saves the draft
before and after, so a crashed editor or a killed terminal loses nothing.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path

from interviewer_tui.errors import UsageError

FALLBACK_EDITOR = "vi"


def editor_command(env: Mapping[str, str] | None = None) -> list[str]:
    """The editor's argv from $VISUAL / $EDITOR (UsageError if the value cannot be split)."""
    env = os.environ if env is None else env
    raw = (env.get("VISUAL") or "").strip() or (env.get("EDITOR") or "").strip()
    raw = raw or FALLBACK_EDITOR
    try:
        argv = shlex.split(raw)
    except ValueError as exc:
        raise UsageError(f"cannot read $VISUAL/$EDITOR ({exc}): fix the variable") from None
    if not argv:
        raise UsageError("$VISUAL/$EDITOR is empty")
    return argv


def edit_text(draft: str, *, env: Mapping[str, str] | None = None) -> str:
    """Open the editor on `draft`; return what the user saved (trailing newlines stripped).

    Raises UsageError when the editor cannot start or exits non-zero (the draft stays as it was,
    as git keeps the message when the editor fails).
    """
    argv = editor_command(env)
    fd, name = tempfile.mkstemp(prefix="interviewer-answer-", suffix=".md")  # mode 0600
    path = Path(name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(draft + ("\n" if draft and not draft.endswith("\n") else ""))
        try:
            # in line mode stdout may be a pipe of JSON events: keep the editor's output off it
            out = None if os.isatty(1) else sys.stderr
            done = subprocess.run([*argv, str(path)], check=False, stdout=out)
        except OSError as exc:
            raise UsageError(
                f"cannot start the editor {argv[0]!r}: {exc.strerror}; set $VISUAL or $EDITOR"
            ) from None
        if done.returncode != 0:
            raise UsageError(f"the editor exited with status {done.returncode}; the draft was kept")
        return path.read_text(encoding="utf-8", errors="replace").rstrip("\n")
    finally:
        path.unlink(missing_ok=True)
