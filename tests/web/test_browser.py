"""`interviewer web` in a real headless browser: Debian's Chromium driven by playwright (which is
pointed at that binary and never downloads one of its own).

What a person sees is the terminal that xterm.js draws on a canvas, so the test reads xterm's
screen buffer: the page's script is served with one statement added that keeps the terminal
object reachable (`window.__textual`); everything else is textual-serve's page as users get it.
Set INTERVIEWER_WEB_SCREENSHOT=path.png to also save what the browser shows (docs/ has one).
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from typing import Any

import pytest

from tests.web.conftest import WebProcess, chromium_or_skip

pytestmark = pytest.mark.slow

KEEP_TERMINAL = ("const t=new w(e,{ping:r});", "const t=new w(e,{ping:r});window.__textual=t;")
SCREEN_JS = """() => {
  const term = window.__textual && window.__textual.terminal;
  if (!term) return "";
  const buf = term.buffer.active, rows = [];
  for (let i = 0; i < buf.length; i++) {
    const line = buf.getLine(i);
    rows.push(line ? line.translateToString(true) : "");
  }
  return rows.join("\\n");
}"""


class Tab:
    """One browser tab on `interviewer web`, with waits that poll what the terminal shows."""

    def __init__(self, page: Any) -> None:
        self.page = page

    def screen(self) -> str:
        return str(self.page.evaluate(SCREEN_JS))

    def wait_for(self, *needles: str, count: int = 1, timeout: float = 20) -> str:
        deadline = time.monotonic() + timeout
        while True:
            text = self.screen()
            if all(text.count(n) >= count for n in needles):
                return text
            if time.monotonic() > deadline:
                raise AssertionError(f"never saw {needles!r}; the browser showed:\n{text}")
            time.sleep(0.05)

    def fill(self, text: str, *, shown: str | None = None, count: int = 1) -> None:
        """Type into the focused field, then wait until the app shows it: keys reached it."""
        self.page.keyboard.type(text)
        self.wait_for(shown if shown is not None else text, count=count)

    def key(self, key: str) -> None:
        self.page.keyboard.press(key)

    def next_field(self, label: str) -> None:
        """Tab to the next field. Textual moves focus on its next loop turn; the field's label
        changes colour then, which the buffer does not show, so wait for the cursor to move."""
        before = self.cursor()
        self.key("Tab")
        deadline = time.monotonic() + 10
        while self.cursor() == before:
            if time.monotonic() > deadline:
                raise AssertionError(f"focus never left the field before {label!r}")
            time.sleep(0.05)

    def cursor(self) -> tuple[int, int]:
        x, y = self.page.evaluate(
            "() => { const b = window.__textual.terminal.buffer.active;"
            " return [b.cursorX, b.cursorY]; }"
        )
        return int(x), int(y)


@pytest.fixture
def browser() -> Iterator[Any]:
    executable = chromium_or_skip()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        try:
            yield chromium
        finally:
            chromium.close()


def open_tab(browser: Any, url: str) -> Tab:
    page = browser.new_page(viewport={"width": 1100, "height": 720})

    def keep_terminal(route: Any) -> None:
        response = route.fetch()
        body = response.text()
        assert KEEP_TERMINAL[0] in body, "textual-serve's textual.js changed: update KEEP_TERMINAL"
        route.fulfill(response=response, body=body.replace(*KEEP_TERMINAL))

    page.route("**/static/js/textual.js", keep_terminal)
    page.route("https://fonts.googleapis.com/**", lambda route: route.abort())  # no network
    page.goto(url, wait_until="domcontentloaded")
    page.wait_for_function("() => window.__textual !== undefined", timeout=10_000)
    return Tab(page)


def test_a_user_registers_and_starts_an_interview_in_the_browser(
    web_server: WebProcess, browser: Any
) -> None:
    tab = open_tab(browser, web_server.url)
    other = open_tab(browser, web_server.url)  # starts its app while the first tab is used
    tab.wait_for("Log in", "Register", "Username or email")  # the login screen renders

    tab.page.locator(".xterm-screen").click()  # the terminal has the keyboard, as after a click
    tab.key("Control+r")  # a browser would reload the page; the app gets it instead
    tab.wait_for("Repeat password")
    tab.fill("webuser")
    tab.next_field("Email")
    tab.fill("web@example.com")
    tab.next_field("Password")
    tab.fill("a long passphrase 123", shown="•" * 21)
    tab.next_field("Repeat password")
    tab.fill("a long passphrase 123", shown="•" * 21, count=2)
    tab.key("Enter")
    tab.wait_for("Welcome, webuser.")

    tab.key("n")
    tab.wait_for("Difficulty", "Topics")
    tab.key("Control+s")
    screen = tab.wait_for("Interviewer · Q1", "your turn", timeout=30)
    assert "?" in screen.split("Interviewer · Q1", 1)[1]  # a question is on screen

    # the second tab is an app of its own: still on its login screen, nobody typed there
    assert "Username or email" in other.wait_for("Log in", "Register")
    assert "webuser" not in other.screen()

    if path := os.environ.get("INTERVIEWER_WEB_SCREENSHOT"):
        tab.page.screenshot(path=path)

    # closing the tab is a hang-up: the interview is left paused, ready to resume
    tab.page.close()
    deadline = time.monotonic() + 20
    while (status := web_server.interviews()[0]["status"]) != "paused":
        assert time.monotonic() < deadline, f"the interview stayed {status!r} after the tab closed"
        time.sleep(0.2)
