"""A broken `.env`, `config.toml` or state dir: one clear line and exit code 2, never a warning
stream, a silent skip or an "unexpected" crash."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.support.settings import Run, interviewer_script


def _one_error_line(result: subprocess.CompletedProcess[str], *needles: str) -> str:
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 2, result.stderr
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert "Traceback" not in result.stderr and "unexpected" not in result.stderr
    for needle in needles:
        assert needle in lines[0], lines[0]
    return lines[0]


@pytest.mark.parametrize("command", [["config", "show"], ["history"], ["topics", "--json"]])
def test_a_malformed_env_file_is_one_line_naming_it(
    run: Run, tmp_path: Path, command: list[str]
) -> None:
    (tmp_path / ".env").write_text("INTERVIEWER_MODEL=x\nOPENAI_API_KEY sk-Secret-On-A-Bad-Line\n")
    result = run(*command, cwd=tmp_path, INTERVIEWER_HOME=str(tmp_path / "home"))
    if command[0] == "topics":  # needs no settings: unaffected
        assert result.returncode == 0 and result.stderr == ""
        return
    line = _one_error_line(result, str(tmp_path / ".env"), "line 2")
    assert "python-dotenv" not in result.stderr and "sk-Secret" not in line


def test_an_env_directory_is_refused(run: Run, tmp_path: Path) -> None:
    (tmp_path / ".env").mkdir()
    result = run("config", "show", cwd=tmp_path, INTERVIEWER_HOME=str(tmp_path / "home"))
    _one_error_line(result, ".env", "not a regular file")


def test_a_config_toml_directory_is_refused(run: Run, tmp_path: Path) -> None:
    home = tmp_path / "home"
    (home / "config" / "config.toml").mkdir(parents=True)
    result = run("config", "show", cwd=tmp_path, INTERVIEWER_HOME=str(home))
    _one_error_line(result, str(home / "config" / "config.toml"), "not a regular file")


def test_an_unreadable_state_dir_is_one_clear_line(tmp_path: Path) -> None:
    """Root ignores permission bits; it is run without CAP_DAC_OVERRIDE so they apply."""
    prefix: list[str] = []
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv: permissions cannot be enforced")
        prefix = [setpriv, "--bounding-set=-dac_override,-dac_read_search"]
    home = tmp_path / "home"
    state = home / "state"
    (state / "sessions").mkdir(parents=True)
    state.chmod(0)
    env = {
        **os.environ,
        "INTERVIEWER_HOME": str(home),
        "INTERVIEWER_SESSION_STORE": "auto",
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
    }
    try:
        result = subprocess.run(
            [*prefix, interviewer_script(), "whoami"],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            env=env,
            cwd=tmp_path,
            timeout=60,
        )
    finally:
        state.chmod(0o700)
    _one_error_line(result, str(state), "Permission denied", "state dir")
