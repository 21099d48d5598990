"""Schemathesis (property-based tests from /openapi.json) against a real server, authenticated as
a real user who has an interview: no 5xx anywhere, every response conforms to its schema."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.server.conftest import server_env, start_server

pytestmark = pytest.mark.slow


def test_every_v1_operation_survives_schemathesis(tmp_path: Path) -> None:
    env = server_env(
        tmp_path / "home",
        f"sqlite:///{tmp_path / 'st.db'}",
        INTERVIEWER_SERVER_LOGIN_ATTEMPTS="1000000",  # schemathesis logs in thousands of times
    )
    server = start_server(env, tmp_path / "st.log")
    try:
        token, _ = server.user("fuzzer")
        with server.client(token) as c:
            c.post("/v1/interviews", json={"offline": True, "questions": 2})
        st = Path(sys.executable).with_name("schemathesis")
        proc = subprocess.run(
            [
                str(st),
                "run",
                f"{server.base}/openapi.json",
                "-H",
                f"Authorization: Bearer {token}",
                "--checks",
                "not_a_server_error,response_schema_conformance",
                "--max-examples",
                "5",
                "--phases",
                "examples,coverage,fuzzing",
                "--request-timeout",
                "30",
                "--seed",
                "14",
                # logging out or revoking its own session (it finds the id in GET /v1/sessions)
                # would end the login the rest of the run uses; test_v1.py covers both
                "--exclude-path-regex",
                r"^/v1/sessions/(logout|\{session_id\})$",
            ],
            capture_output=True,
            text=True,
            timeout=400,
            cwd=tmp_path,
        )
        summary = [line for line in proc.stdout.splitlines() if re.search(r"\d+ generated", line)]
        print("\n".join(summary))  # the summary line, shown with -s
        assert proc.returncode == 0, proc.stdout[-4000:]
        assert summary and "failed" not in summary[-1], summary
        assert "Authentication failed" not in proc.stdout, proc.stdout[-3000:]
        log = server.access_log()
        assert '"status":500' not in log
    finally:
        server.stop()
