"""ctrl+e in the TUI's answer box: the real app in tmux suspends for a script-as-editor."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.support.cli import interviewer_exe
from tests.support.tmux import TMUX, open_terminal
from tests.support.users import PASSWORD

pytestmark = [pytest.mark.tmux, pytest.mark.slow]


def test_ctrl_e_edits_the_draft_in_the_editor_and_submits_it(tmp_path: Path) -> None:
    if TMUX is None:
        pytest.skip("tmux is not installed (.ci/run installs it)")
    bin_dir = Path(interviewer_exe()[0]).parent
    env = {
        "PATH": f"{bin_dir}:{os.environ.get('PATH', '/usr/bin:/bin')}",
        "HOME": str(tmp_path),
        "TERM": "xterm-256color",
        "LANG": "C.UTF-8",
        "INTERVIEWER_HOME": str(tmp_path / "home"),
        "INTERVIEWER_OFFLINE": "1",
        "INTERVIEWER_SESSION_STORE": "file",
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
    }
    for cmd in (["register", "--username", "eve", "--email", "eve@example.com"], ["login"]):
        args = cmd if cmd[0] == "register" else ["login", "--username", "eve"]
        subprocess.run(
            [*interviewer_exe(), *args, "--password-stdin"],
            input=PASSWORD + "\n",
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
    editor = tmp_path / "editor.sh"
    editor.write_text(
        "#!/bin/sh\n"
        f'cp "$1" "{tmp_path}/seen.txt"\n'
        'printf "EDITED IN VIM: measure first, then add a covering index.\\n" > "$1"\n'
    )
    env["EDITOR"] = f"sh {editor}"
    with open_terminal(tmp_path, env, prefix="p17-editor", width=100, height=32) as term:
        term.line("interviewer start --questions 1; echo EXITED:$?")
        term.wait_for("Interviewer · Q1", "your turn")
        term.type("my typed draft")
        term.wait_for("my typed draft")
        term.keys("C-e")
        term.wait_for("EDITED IN VIM: measure first")
        assert (tmp_path / "seen.txt").read_text() == "my typed draft\n"
        term.keys("C-j")
        # a one-question interview goes straight on to its report once the answer is graded
        term.wait_for("1/1 answered", timeout=40)
    shown = subprocess.run(
        [*interviewer_exe(), "show", "1", "--json"], env=env, capture_output=True, text=True
    )
    assert shown.returncode == 0, shown.stderr
    assert "EDITED IN VIM: measure first, then add a covering index." in shown.stdout
