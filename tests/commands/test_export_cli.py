"""`interviewer export`: where it writes, in which format, never over a file unless --force,
always 0600, and sanitised like the terminal (JSON keeping the text, escaped)."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from tests.support.cli import Cli, interviewer_exe

HOSTILE = "my answer \u202egnp.exe\u2066 with bidi controls"


@pytest.fixture
def interview(logged_in: Cli) -> tuple[Cli, int]:
    res = logged_in.run(
        "start", "--offline", "--questions", "1", "--json", input=HOSTILE + "\n.\n/end\n.\n"
    )
    return logged_in, json.loads(res.stdout.splitlines()[0])["interview_id"]


def _export(cli: Cli, *args: str, umask: int = 0o022) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*interviewer_exe(), "export", *args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=cli.env,
        cwd=cli.cwd,
        timeout=60,
        preexec_fn=lambda: os.umask(umask),
    )


def test_the_suffix_or_format_decides_and_a_directory_gets_the_default_name(
    interview: tuple[Cli, int], tmp_path: Path
) -> None:
    cli, iid = interview
    assert _export(cli, str(iid), "-o", str(tmp_path / "a.json")).returncode == 0
    assert json.loads((tmp_path / "a.json").read_text())["interview"]["id"] == iid
    out = tmp_path / "dir"
    out.mkdir()
    assert _export(cli, str(iid), "-o", str(out)).returncode == 0
    assert (out / f"interview-{iid}.md").read_text().startswith(f"# Interview {iid}")
    assert _export(cli, str(iid), "-o", str(out), "--format", "json").returncode == 0
    assert json.loads((out / f"interview-{iid}.json").read_text())["interview"]["id"] == iid
    assert _export(cli, str(iid), "-o", str(tmp_path / "b.txt"), "-f", "md").returncode == 0
    assert (tmp_path / "b.txt").read_text().startswith("# Interview")


def test_a_suffix_that_contradicts_the_format_is_exit_2(
    interview: tuple[Cli, int], tmp_path: Path
) -> None:
    cli, iid = interview
    res = _export(cli, str(iid), "-o", str(tmp_path / "x.json"), "--format", "md")
    assert res.returncode == 2 and "ends in .json" in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "x.json").exists()


def test_no_overwrite_without_force_and_files_are_0600_whatever_the_umask(
    interview: tuple[Cli, int], tmp_path: Path
) -> None:
    cli, iid = interview
    target = tmp_path / "report.md"
    assert _export(cli, str(iid), "-o", str(target), umask=0).returncode == 0
    assert target.stat().st_mode & 0o777 == 0o600
    target.write_text("mine")
    res = _export(cli, str(iid), "-o", str(target), umask=0)
    assert res.returncode == 2 and "--force" in res.stderr and target.read_text() == "mine"
    target.chmod(0o644)
    assert _export(cli, str(iid), "-o", str(target), "--force", umask=0).returncode == 0
    assert target.read_text().startswith("# Interview") and target.stat().st_mode & 0o777 == 0o600


def test_a_symlink_is_never_written_through(interview: tuple[Cli, int], tmp_path: Path) -> None:
    cli, iid = interview
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    link = tmp_path / "link.md"
    link.symlink_to(victim)
    assert _export(cli, str(iid), "-o", str(link)).returncode == 2
    assert _export(cli, str(iid), "-o", str(link), "--force").returncode == 0
    assert victim.read_text() == "precious" and not link.is_symlink()


def test_exports_and_show_carry_no_bidi_control_and_json_keeps_the_text_escaped(
    interview: tuple[Cli, int], tmp_path: Path
) -> None:
    cli, iid = interview
    assert _export(cli, str(iid), "-o", str(tmp_path / "r.md")).returncode == 0
    assert _export(cli, str(iid), "-o", str(tmp_path / "r.json")).returncode == 0
    markdown = (tmp_path / "r.md").read_text("utf-8")
    raw_json = (tmp_path / "r.json").read_text("utf-8")
    shown = cli.run("show", str(iid)).stdout
    for text in (markdown, raw_json, shown, _export(cli, str(iid)).stdout):
        assert "\u202e" not in text and "\u2066" not in text and "\x1b" not in text
    assert "my answer gnp.exe with bidi controls" in markdown
    assert "\\u202e" in raw_json
    answers = [m["content"] for m in json.loads(raw_json)["messages"] if m["kind"] == "answer"]
    assert answers == [HOSTILE]  # the stored text, exactly
