"""`interviewer serve` as a command: loopback by default, TLS from uvicorn's key/cert, and a clear
exit for a database it cannot reach."""

from __future__ import annotations

import shutil
import ssl
import subprocess
from pathlib import Path

import httpx
import pytest

from tests.server.conftest import server_env, start_server
from tests.support.cli import interviewer_script
from tests.support.net import free_port


def _listening_addresses(port: int) -> set[str]:
    """Local addresses with a listening TCP socket on `port`, from /proc/net/tcp (IPv4)."""
    found = set()
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        local, state = line.split()[1], line.split()[3]
        address, hexport = local.split(":")
        if state == "0A" and int(hexport, 16) == port:  # 0A: LISTEN
            octets = [str(int(address[i : i + 2], 16)) for i in (6, 4, 2, 0)]
            found.add(".".join(octets))
    return found


@pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="needs Linux /proc/net/tcp")
def test_serve_binds_to_loopback_unless_told_otherwise(tmp_path: Path) -> None:
    port = free_port()
    srv = start_server(
        server_env(tmp_path / "h", f"sqlite:///{tmp_path / 'a.db'}"), tmp_path / "a.log", port=port
    )
    try:
        assert _listening_addresses(port) == {"127.0.0.1"}
        assert "http://127.0.0.1:" in srv.access_log().splitlines()[0]
    finally:
        srv.stop()


@pytest.mark.skipif(shutil.which("openssl") is None, reason="needs the openssl command")
def test_serve_speaks_tls_with_a_key_and_certificate(tmp_path: Path) -> None:
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            str(key),
            "-out",
            str(cert),
            "-days",
            "1",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
        ],
        check=True,
        capture_output=True,
    )
    port = free_port()
    env = server_env(tmp_path / "h", f"sqlite:///{tmp_path / 't.db'}")
    log = tmp_path / "t.log"
    proc = subprocess.Popen(
        [
            interviewer_script(),
            "serve",
            "--port",
            str(port),
            "--ssl-certfile",
            str(cert),
            "--ssl-keyfile",
            str(key),
        ],
        env=env,
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
    )
    try:
        import time

        deadline = time.monotonic() + 60
        while True:
            try:
                r = httpx.get(
                    f"https://127.0.0.1:{port}/healthz",
                    verify=ssl.create_default_context(cafile=str(cert)),
                    timeout=2,
                )
                break
            except httpx.HTTPError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise AssertionError(log.read_text()) from None
                time.sleep(0.2)
        assert r.json() == {"status": "ok"}
        with pytest.raises(httpx.HTTPError):
            httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2)  # plain HTTP is refused
    finally:
        proc.terminate()
        proc.wait(timeout=40)


def test_serve_on_an_unreachable_database_exits_5_with_one_line(tmp_path: Path) -> None:
    env = server_env(tmp_path / "h", "postgresql://postgres:hunter2@127.0.0.1:1/nowhere")
    proc = subprocess.run(
        [interviewer_script(), "serve", "--port", str(free_port())],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 5, proc.stderr
    assert "Traceback" not in proc.stderr and "hunter2" not in proc.stderr
    assert "127.0.0.1" in proc.stderr


def test_serve_wants_both_key_and_certificate(tmp_path: Path) -> None:
    env = server_env(tmp_path / "h", f"sqlite:///{tmp_path / 'x.db'}")
    proc = subprocess.run(
        [interviewer_script(), "serve", "--ssl-certfile", str(tmp_path / "c.pem")],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 2
    assert "--ssl-keyfile" in proc.stderr and "Traceback" not in proc.stderr
