"""Shell completion (bash, zsh, fish) and the no-terminal rules, through the installed script.

Completion is driven exactly as the scripts from `interviewer --show-completion SHELL` drive it:
`interviewer` run with no arguments and the words in environment variables.
"""

from __future__ import annotations

import json
import os
import pty
import select
import socket
import subprocess
import time
from pathlib import Path

from tests.support.cli import Cli, interviewer_exe

ALT_SCREEN = "\x1b[?1049h"  # what Textual sends first: the TUI started


def _complete(
    cli: Cli, shell: str, line: str, *, timings: list[float] | None = None
) -> subprocess.CompletedProcess[str]:
    """Ask for the completions of `line` (the command line up to the cursor) as `shell` would."""
    env = {"_INTERVIEWER_COMPLETE": f"complete_{shell}"}
    if shell == "bash":
        words = line.split(" ")
        env |= {"COMP_WORDS": line, "COMP_CWORD": str(len(words) - 1)}
    else:
        env["_TYPER_COMPLETE_ARGS"] = line
        if shell == "fish":
            env["_TYPER_COMPLETE_FISH_ACTION"] = "get-args"
    started = time.monotonic()
    res = subprocess.run(
        interviewer_exe(),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env={**cli.env, **env},
        cwd=cli.cwd,
        timeout=60,  # before the fix it never returned: it was running the full-screen app
    )
    if timings is not None:
        timings.append(time.monotonic() - started)
    assert ALT_SCREEN not in res.stdout + res.stderr, "completion opened the terminal app"
    assert res.returncode == 0 and res.stderr == "", res.stderr
    return res


def _values(shell: str, stdout: str) -> list[str]:
    """The candidate values out of each shell's format."""
    if shell == "zsh":
        if stdout.strip() == "_files":
            return []
        return [line.split('"')[1] for line in stdout.splitlines() if '"' in line]
    return [line.split("\t")[0] for line in stdout.splitlines() if line]


SHELLS = ("bash", "zsh", "fish")


def _candidates(cli: Cli, line: str) -> list[str]:
    """The candidates for `line`, which must be the same in every shell."""
    found = {shell: _values(shell, _complete(cli, shell, line).stdout) for shell in SHELLS}
    assert found["zsh"] == found["bash"] == found["fish"], found
    return found["bash"]


def test_commands_options_topics_and_difficulties_complete(sqlite_cli: Cli) -> None:
    assert _candidates(sqlite_cli, "interviewer st") == ["start"]
    assert "--topic" in _candidates(sqlite_cli, "interviewer start --to")
    assert _candidates(sqlite_cli, "interviewer start --topic sys") == ["system_design"]
    assert _candidates(sqlite_cli, "interviewer start --difficulty ") == ["easy", "medium", "hard"]
    # nothing was created on the way: completing a word must not set up a database
    assert not (Path(sqlite_cli.env["INTERVIEWER_HOME"]) / "data" / "interviewer.db").exists()


def test_topic_help_reaches_zsh_and_fish(sqlite_cli: Cli) -> None:
    fish = _complete(sqlite_cli, "fish", "interviewer start --topic data").stdout
    assert "databases\tDatabases and Data Management" in fish.splitlines()
    zsh = _complete(sqlite_cli, "zsh", "interviewer start -t data").stdout
    assert '"databases":"Databases and Data Management"' in zsh


def test_interview_ids_of_the_logged_in_user_complete(cli: Cli) -> None:
    cli.login_new_user()
    done = cli.run("start", "--offline", "--questions", "1", "--json", input="/end\n.\n")
    paused = cli.run("start", "--offline", "--questions", "1", "--json", input="")
    done_id = json.loads(done.stdout.splitlines()[0])["interview_id"]
    paused_id = json.loads(paused.stdout.splitlines()[0])["interview_id"]
    assert _candidates(cli, "interviewer show ") == [str(paused_id), str(done_id)]  # newest first
    assert _candidates(cli, "interviewer resume ") == [str(paused_id)]
    cli.login_new_user("bob")  # another user on the same computer and database sees only his
    assert _candidates(cli, "interviewer export ") == []


def test_ids_complete_to_nothing_quietly_when_logged_out_or_without_a_database(
    sqlite_cli: Cli,
) -> None:
    assert _candidates(sqlite_cli, "interviewer show ") == []
    assert not (Path(sqlite_cli.env["INTERVIEWER_HOME"]) / "data" / "interviewer.db").exists()
    sqlite_cli.login_new_user()
    sqlite_cli.run("logout")
    assert _candidates(sqlite_cli, "interviewer resume ") == []
    unreachable = {**sqlite_cli.env, "DATABASE_URL": "postgresql://u@127.0.0.1:1/x"}
    assert _candidates(Cli(env=unreachable, cwd=sqlite_cli.cwd), "interviewer show ") == []


def test_a_database_that_never_answers_costs_a_tab_at_most_the_deadline(sqlite_cli: Cli) -> None:
    from interviewer_tui.commands.completion import ID_DEADLINE_SECONDS

    def at(url: str) -> Cli:
        return Cli(env={**sqlite_cli.env, "DATABASE_URL": url}, cwd=sqlite_cli.cwd)

    with socket.socket() as silent:  # accepts connections, never says a word
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        port = silent.getsockname()[1]
        # the baseline does the same work (imports, settings) but its server refuses at once
        refused: list[float] = []
        _complete(at("postgresql://u@127.0.0.1:1/x"), "bash", "interviewer show ", timings=refused)
        waited: list[float] = []
        hung = _complete(
            at(f"postgresql://u@127.0.0.1:{port}/x"), "bash", "interviewer show ", timings=waited
        )
        assert hung.stdout.strip() == ""
    assert waited[0] - refused[0] < ID_DEADLINE_SECONDS + 2, (waited, refused)


def test_the_real_bash_completion_script_completes(sqlite_cli: Cli) -> None:
    script = sqlite_cli.run("--show-completion", "bash")
    assert script.returncode == 0 and "complete -o default -F" in script.stdout
    program = (
        f"{script.stdout}\n"
        "COMP_WORDS=(interviewer start --topic syst); COMP_CWORD=3\n"
        "_interviewer_completion interviewer\n"
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    env = {**sqlite_cli.env, "PATH": f"{Path(interviewer_exe()[0]).parent}:{os.environ['PATH']}"}
    res = subprocess.run(
        ["bash", "--norc", "--noprofile", "-c", program],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=env,
        timeout=20,
    )
    assert res.stdout.split() == ["system_design"], res.stderr


# -- no terminal, or a dumb one ------------------------------------------------------------


def test_bare_interviewer_without_a_terminal_prints_a_short_help_and_exits_2(
    sqlite_cli: Cli,
) -> None:
    res = sqlite_cli.run(timeout=20)  # stdin and stdout are pipes
    assert res.returncode == 2
    assert res.stderr.startswith("usage: interviewer") and "start --plain" in res.stderr
    assert res.stdout == "" and ALT_SCREEN not in res.stderr


def _on_a_pty(cli: Cli, *args: str, answers: str, env: dict[str, str]) -> tuple[int, str]:
    """Run with stdin/stdout/stderr on a pseudo-terminal; type `answers` at the first prompt."""
    master, slave = pty.openpty()
    proc = subprocess.Popen(
        [*interviewer_exe(), *args],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env={**cli.env, **env},
        cwd=cli.cwd,
        close_fds=True,
    )
    os.close(slave)
    seen = b""
    typed = False
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.2)
            if ready:
                try:
                    chunk = os.read(master, 65536)
                except OSError:  # the child closed the terminal
                    break
                if not chunk:
                    break
                seen += chunk
            if not typed and b"Your answer" in seen:
                os.write(master, answers.encode())
                typed = True
            if ALT_SCREEN.encode() in seen or (proc.poll() is not None and not ready):
                break
    finally:
        if proc.poll() is None:
            proc.kill()
        code = proc.wait(10)
        os.close(master)
    return code, seen.decode("utf-8", "replace")


def test_term_dumb_start_uses_line_mode_on_a_terminal(logged_in: Cli) -> None:
    code, shown = _on_a_pty(
        logged_in,
        "start",
        "--offline",
        "--questions",
        "1",
        answers="/end\n.\n",
        env={"TERM": "dumb"},
    )
    assert ALT_SCREEN not in shown, "TERM=dumb opened the full-screen app"
    assert "Q1/1 · " in shown and "Your answer" in shown and code == 0, shown[-2000:]


def test_bare_interviewer_on_a_dumb_terminal_prints_the_short_help(logged_in: Cli) -> None:
    code, shown = _on_a_pty(logged_in, answers="", env={"TERM": "dumb"})
    assert ALT_SCREEN not in shown and code == 2
    assert "usage: interviewer" in shown and "TERM=dumb" in shown
