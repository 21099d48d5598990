"""`interviewer config show`: the effective value of every setting, where it came from (environment,
`.env` in the working directory, `config.toml`), and never a secret."""

from __future__ import annotations

import os
from pathlib import Path

from interviewer_tui.config import Settings
from tests.support.settings import Run

API_KEY = "sk-test-secret-0123456789abcdef"
JWT_SECRET = "jwt-secret-that-must-never-print-0123456789"
SMTP_PASSWORD = "smtp-pw-never-printed"
DB_PASSWORD = "db-pw-never-printed"


def _rows(stdout: str) -> dict[str, tuple[str, str]]:
    """In a pipe the command prints `NAME<TAB>value<TAB>origin` lines."""
    rows = {}
    for line in stdout.splitlines():
        name, value, origin = line.split("\t") if line.count("\t") == 2 else (*line.split("\t"), "")
        rows[name] = (value, origin)
    return rows


def _config_file() -> Path:
    path = Path(os.environ["INTERVIEWER_HOME"]) / "config" / "config.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def test_defaults_for_every_setting(run: Run) -> None:
    result = run("config", "show")
    assert result.returncode == 0, result.stderr
    rows = _rows(result.stdout)
    home = os.environ["INTERVIEWER_HOME"]
    assert rows["INTERVIEWER_HOME"] == (home, "environment")
    assert rows["DATABASE_URL"] == ("(not set)", "default")
    assert rows["OPENAI_API_KEY"] == ("(not set)", "default")
    assert rows["INTERVIEWER_MODEL"] == (Settings().model, "default")
    assert rows["data dir"][0] == f"{home}/data"
    assert rows["config dir"][0] == f"{home}/config"
    assert rows["state dir"][0] == f"{home}/state"
    for field in Settings.model_fields.values():
        assert str(field.validation_alias.choices[0]) in rows  # type: ignore[union-attr]


def test_secrets_from_the_environment_are_masked(run: Run) -> None:
    result = run(
        "config",
        "show",
        OPENAI_API_KEY=API_KEY,
        INTERVIEWER_JWT_SECRET=JWT_SECRET,
        SMTP_PASSWORD=SMTP_PASSWORD,
        DATABASE_URL=f"postgresql://app:{DB_PASSWORD}@db.example:5432/interviews",
        INTERVIEWER_MODEL="gpt-test",
    )
    assert result.returncode == 0, result.stderr
    output = result.stdout + result.stderr
    for secret in (API_KEY, JWT_SECRET, SMTP_PASSWORD, DB_PASSWORD):
        assert secret not in output
    rows = _rows(result.stdout)
    assert rows["OPENAI_API_KEY"] == ("********", "environment")
    assert rows["INTERVIEWER_JWT_SECRET"] == ("********", "environment")
    assert rows["SMTP_PASSWORD"] == ("********", "environment")
    assert rows["DATABASE_URL"] == (
        "postgresql://app:***@db.example:5432/interviews",
        "environment",
    )
    assert rows["INTERVIEWER_MODEL"] == ("gpt-test", "environment")


def test_dotenv_in_the_working_directory_is_read_and_named(run: Run, tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    (project / ".env").write_text(
        f"OPENAI_API_KEY={API_KEY}\nINTERVIEWER_MODEL=from-dotenv\nINTERVIEWER_OFFLINE=true\n"
    )
    result = run("config", "show", cwd=project)
    assert result.returncode == 0, result.stderr
    assert API_KEY not in result.stdout + result.stderr
    rows = _rows(result.stdout)
    origin = f".env ({project / '.env'})"
    assert rows["OPENAI_API_KEY"] == ("********", origin)
    assert rows["INTERVIEWER_MODEL"] == ("from-dotenv", origin)
    assert rows["INTERVIEWER_OFFLINE"] == ("True", origin)


def test_config_toml_is_read_case_insensitively_and_named(run: Run) -> None:
    toml = _config_file()
    toml.write_text(
        f'interviewer_model = "from-toml"\nOPENAI_API_KEY = "{API_KEY}"\n'
        "Interviewer_Access_Token_TTL = 120\n"
    )
    result = run("config", "show")
    assert result.returncode == 0, result.stderr
    assert API_KEY not in result.stdout + result.stderr
    rows = _rows(result.stdout)
    origin = f"config file ({toml})"
    assert rows["INTERVIEWER_MODEL"] == ("from-toml", origin)
    assert rows["OPENAI_API_KEY"] == ("********", origin)
    assert rows["INTERVIEWER_ACCESS_TOKEN_TTL"] == ("120", origin)


def test_config_toml_takes_the_settings_own_names_too(run: Run) -> None:
    """`server = "…"` reads as naturally in a TOML file as `INTERVIEWER_SERVER = "…"`."""
    toml = _config_file()
    toml.write_text('server = "https://interviews.example.com"\nmodel = "gpt-from-toml"\n')
    result = run("config", "show")
    assert result.returncode == 0, result.stderr
    rows = _rows(result.stdout)
    origin = f"config file ({toml})"
    assert rows["INTERVIEWER_SERVER"] == ("https://interviews.example.com", origin)
    assert rows["INTERVIEWER_MODEL"] == ("gpt-from-toml", origin)


def test_environment_beats_dotenv_beats_config_file(run: Run, tmp_path: Path) -> None:
    _config_file().write_text('INTERVIEWER_MODEL = "toml"\nINTERVIEWER_OPENAI_TIMEOUT = 5\n')
    (tmp_path / ".env").write_text("INTERVIEWER_MODEL=dotenv\nINTERVIEWER_OPENAI_TIMEOUT=7\n")
    rows = _rows(run("config", "show", cwd=tmp_path, INTERVIEWER_MODEL="env").stdout)
    assert rows["INTERVIEWER_MODEL"] == ("env", "environment")
    assert rows["INTERVIEWER_OPENAI_TIMEOUT"] == ("7.0", f".env ({tmp_path / '.env'})")


def test_interviewer_home_in_dotenv_moves_the_config_file(run: Run, tmp_path: Path) -> None:
    other_home = tmp_path / "other-home"
    (other_home / "config").mkdir(parents=True)
    (other_home / "config" / "config.toml").write_text('INTERVIEWER_MODEL = "other"\n')
    (tmp_path / ".env").write_text(f"INTERVIEWER_HOME={other_home}\n")
    rows = _rows(run("config", "show", cwd=tmp_path, INTERVIEWER_HOME=None).stdout)
    assert rows["INTERVIEWER_MODEL"][0] == "other"
    assert rows["data dir"][0] == f"{other_home}/data"


def test_an_invalid_setting_is_one_line_and_exit_2(run: Run) -> None:
    result = run("config", "show", INTERVIEWER_ACCESS_TOKEN_TTL="soon", OPENAI_API_KEY=API_KEY)
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1
    assert "invalid configuration" in result.stderr
    assert "INTERVIEWER_ACCESS_TOKEN_TTL" in result.stderr
    assert API_KEY not in result.stderr


def test_a_broken_config_file_is_one_line_and_exit_2(run: Run) -> None:
    _config_file().write_text(f'OPENAI_API_KEY = "{API_KEY}"\nthis is not toml\n')
    result = run("config", "show")
    assert result.returncode == 2, result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert API_KEY not in result.stdout + result.stderr


def test_a_short_jwt_secret_is_refused_without_being_shown(run: Run) -> None:
    result = run("config", "show", INTERVIEWER_JWT_SECRET="changethis-placeholder")
    assert result.returncode == 2
    assert result.stderr.startswith("error: invalid configuration: INTERVIEWER_JWT_SECRET")
    assert "32 bytes" in result.stderr
    assert "changethis-placeholder" not in result.stdout + result.stderr
