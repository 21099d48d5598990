"""`interviewer web` as seen without a browser: who it answers, what it refuses, what it says.

A page on another site must not be able to drive an app that runs as the operator (a websocket
from a foreign Origin), nor reach it under its own name (DNS rebinding: a foreign Host); a
non-loopback address is refused unless asked for, and then warned about.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import aiohttp
import httpx
import pytest

from tests.support.cli import interviewer_script
from tests.support.net import free_port
from tests.web.conftest import start_web, web_env

PUBLIC = "https://interviews.example.com"


async def _websocket_status(url: str, origin: str | None) -> int:
    headers = {"Origin": origin} if origin else {}
    async with aiohttp.ClientSession() as session:
        try:
            async with session.ws_connect(f"{url}/ws", headers=headers, origin=None):
                return 101
        except aiohttp.WSServerHandshakeError as exc:
            return exc.status


async def test_foreign_hosts_and_origins_are_refused_and_urls_follow_the_browser(
    tmp_path: Path,
) -> None:
    with start_web(tmp_path, "--public-url", PUBLIC) as server:
        port = server.port
        with httpx.Client(base_url=server.url, timeout=10) as http:
            page = http.get("/", headers={"Host": f"localhost:{port}"})
            assert page.status_code == 200
            # the page's websocket goes where the browser went (or to the public URL)
            assert "wss://interviews.example.com/ws" in page.text
            assert page.headers["X-Frame-Options"] == "DENY"
            assert "frame-ancestors 'none'" in page.headers["Content-Security-Policy"]

            behind_proxy = http.get("/", headers={"Host": "interviews.example.com"})
            assert behind_proxy.status_code == 200

            rebound = http.get("/", headers={"Host": f"evil.example:{port}"})
            assert rebound.status_code == 403
            assert "host name" in rebound.text
            assert (
                http.get("/static/js/textual.js", headers={"Host": "evil.example"}).status_code
                == 403
            )

        assert await _websocket_status(server.url, "https://evil.example") == 403
        assert await _websocket_status(server.url, None) == 403
        assert await _websocket_status(server.url, f"http://evil.example:{port}") == 403
        log = server.output()
    assert "refused a websocket from origin 'https://evil.example'" in log
    assert "refused a request for host 'evil.example" in log


def _web(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [interviewer_script(), "web", *args],
        env=web_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=30,
        stdin=subprocess.DEVNULL,
    )


def test_a_network_address_is_refused_without_allow_remote(tmp_path: Path) -> None:
    result = _web(tmp_path, "--host", "0.0.0.0", "--port", str(free_port()))
    assert result.returncode == 2
    assert "refusing to listen on 0.0.0.0" in result.stderr
    assert "--allow-remote" in result.stderr
    assert "Traceback" not in result.stderr


def test_allow_remote_warns_and_a_taken_port_is_one_clear_line(tmp_path: Path) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = _web(tmp_path, "--host", "0.0.0.0", "--allow-remote", "--port", str(port))
    assert "warning: listening on 0.0.0.0, not loopback" in result.stderr
    assert result.returncode == 2, result.stderr
    assert f"cannot listen on 0.0.0.0:{port}" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("url", ["ftp://x", "https://host/prefix", "not a url"])
def test_a_bad_public_url_is_a_usage_error(tmp_path: Path, url: str) -> None:
    result = _web(tmp_path, "--public-url", url)
    assert result.returncode == 2
    assert "--public-url must be http(s)://host[:port]" in result.stderr


def test_without_textual_serve_it_says_what_to_install(tmp_path: Path) -> None:
    code = (
        "import sys; sys.modules['textual_serve'] = None\n"
        "from interviewer_tui.cli import main; main(['web'])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env=web_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 2
    assert "pip install 'interviewer-tui[web]'" in result.stderr
