"""Credentials inside URLs never reach any output: `config show`, model and database errors on
stderr, `--json` events on stdout, crash.log, or any file the app writes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from interviewer_tui.core.redact import mask_url, redact
from tests.fakes.openai_server import FakeOpenAIServer
from tests.support.cli import Cli

SECRETS = ("S3cretUserPw", "S3cretQueryPw", "S3cretSslPw", "S3cretToken", "S3cretDbPw")


def _no_secret_anywhere(*texts: str, home: Path | None = None) -> None:
    blob = "\n".join(texts)
    if home is not None:  # crash.log, session files, anything else the app wrote
        blob += "\n".join(p.read_text("utf-8", "replace") for p in home.rglob("*") if p.is_file())
    leaked = [s for s in SECRETS if s in blob]
    assert not leaked, f"leaked {leaked}"


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("https://user:S3cretUserPw@gw.example/v1", "https://user:***@gw.example/v1"),
        ("https://S3cretToken@gw.example/v1", "https://***@gw.example/v1"),
        (
            "postgresql://me@db:5432/x?password=S3cretQueryPw&sslmode=require&sslpassword=S3cretSslPw",
            "postgresql://me@db:5432/x?password=***&sslmode=require&sslpassword=***",
        ),
        ("http://h/v1?api_key=S3cretToken&Token=S3cretToken", "http://h/v1?api_key=***&Token=***"),
        ("postgresql://me:S3cret/DbPw@db/x", "postgresql://me:***@db/x"),  # unencoded "/"
        ("postgresql://me:S3cret@DbPw@db/x", "postgresql://me:***@db/x"),  # unencoded "@"
        ("sqlite:////home/me/interviewer.db", "sqlite:////home/me/interviewer.db"),
        ("https://api.openai.com/v1", "https://api.openai.com/v1"),
    ],
)
def test_mask_url(url: str, shown: str) -> None:
    assert mask_url(url) == shown


def test_urls_inside_messages_and_tracebacks_are_masked() -> None:
    text = 'failed: "https://u:S3cretUserPw@h/v1" then (postgres://a:S3cretDbPw@db/x) host=db password=S3cretQueryPw'
    assert (
        redact(text)
        == 'failed: "https://u:***@h/v1" then (postgres://a:***@db/x) host=db password=***'
    )


def test_config_show_masks_every_url_setting(sqlite_cli: Cli) -> None:
    env = {
        "OPENAI_BASE_URL": "https://user:S3cretUserPw@gw.example/v1?api_key=S3cretToken",
        "DATABASE_URL": "postgresql://me:S3cretDbPw@127.0.0.1:1/x?password=S3cretQueryPw&sslpassword=S3cretSslPw",
    }
    res = sqlite_cli.run("config", "show", env=env)
    assert res.returncode == 0, res.stderr
    rows = {line.split("\t")[0]: line.split("\t")[1] for line in res.stdout.splitlines()}
    assert rows["OPENAI_BASE_URL"] == "https://user:***@gw.example/v1?api_key=***"
    assert rows["DATABASE_URL"] == (
        "postgresql://me:***@127.0.0.1:1/x?password=***&sslpassword=***"
    )
    _no_secret_anywhere(res.stdout, res.stderr)


def test_model_errors_mask_the_base_url_on_stderr_and_in_json(logged_in: Cli) -> None:
    home = Path(logged_in.env["INTERVIEWER_HOME"])
    outputs: list[str] = []
    with FakeOpenAIServer(api_key="the-right-key") as server:
        base = server.base_url.replace("http://", "http://user:S3cretUserPw@")
        for fault, key in (("404", "the-right-key"), (None, "a-wrong-key")):
            if fault:
                server.inject(fault, times=5)
            env = {"OPENAI_API_KEY": key, "OPENAI_BASE_URL": base, "INTERVIEWER_MODEL": "m"}
            for mode in ("--plain", "--json"):
                res = logged_in.run("start", "--questions", "1", mode, input="", env=env)
                assert res.returncode == 4, res.stderr
                assert "user:***@127.0.0.1" in (res.stdout if mode == "--json" else res.stderr)
                outputs += [res.stdout, res.stderr]
            server.reset()
    errors = [
        json.loads(line) for text in outputs for line in text.splitlines() if '"error"' in line
    ]
    assert errors and all("***" in e["message"] for e in errors)
    _no_secret_anywhere(*outputs, home=home)


def test_database_errors_mask_the_url(logged_in: Cli) -> None:
    url = "postgresql://me:S3cretDbPw@127.0.0.1:1/x?password=S3cretQueryPw&sslpassword=S3cretSslPw"
    outputs = []
    for args in (["history"], ["db", "current"], ["start", "--offline", "--json"]):
        res = logged_in.run(*args, input="", env={"DATABASE_URL": url})
        assert res.returncode != 0
        outputs += [res.stdout, res.stderr]
    _no_secret_anywhere(*outputs, home=Path(logged_in.env["INTERVIEWER_HOME"]))


def test_crash_log_masks_urls(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from interviewer_tui.exits import guarded

    def boom() -> int:
        raise RuntimeError("cannot reach https://user:S3cretUserPw@gw.example/v1")

    assert guarded(boom) == 1
    _no_secret_anywhere(*capsys.readouterr(), home=tmp_path / "home")
    log = (tmp_path / "home" / "state" / "crash.log").read_text()
    assert "https://user:***@gw.example/v1" in log
