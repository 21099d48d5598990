"""A long conversation opens at its end with only its last messages mounted; older ones load a
page at a time as the reader scrolls up, without the view jumping, and the newest unmount so at
most WINDOW + PAGE are ever mounted; home and end jump to either end. Same for resuming one."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from interviewer_tui.services.views import MessageView
from interviewer_tui.ui.app import InterviewerApp
from interviewer_tui.ui.widgets.transcript import (
    PAGE,
    WINDOW,
    EarlierMessages,
    LaterMessages,
    Transcript,
)
from tests.ui.fixed_data import FixedBackend, detail, frozen_clock
from tests.ui.helpers import on_screen, wait_for
from tests.ui.pilot_steps import messages, shown

COUNT = 3 * WINDOW + 7
AT = datetime(2025, 3, 14, 9, 30, tzinfo=UTC)


def conversation(count: int) -> tuple[MessageView, ...]:
    kinds = ("question", "answer", "feedback", "followup", "answer", "feedback")
    views = []
    for seq in range(1, count + 1):
        kind = kinds[(seq - 1) % len(kinds)]
        number = (seq - 1) // len(kinds) + 1
        author = "candidate" if kind == "answer" else "interviewer"
        views.append(
            MessageView(
                seq,
                author,
                kind,
                f"message {seq}: **{kind}** of question {number}",
                6 if kind == "feedback" else None,
                number,
                AT,
            )
        )
    return tuple(views)


class LongBackend(FixedBackend):
    def get_interview(self, *, user_id: int, interview_id: int) -> Any:
        from dataclasses import replace

        return replace(detail(interview_id), messages=conversation(COUNT))


def seqs(pilot: Any) -> list[int]:
    return [m.seq for m in messages(pilot)]


async def test_long_transcript_opens_at_the_end_and_loads_earlier_pages() -> None:
    app = InterviewerApp(backend=LongBackend(), clock=frozen_clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, on_screen(pilot, "HomeScreen"))
        pilot.app.open_transcript(6)
        await wait_for(pilot, lambda: getattr(pilot.app.screen, "detail", None), what="detail")
        view = pilot.app.screen.query_one(Transcript)
        await wait_for(pilot, lambda: view.max_scroll_y > 0 and view.scroll_y == view.max_scroll_y)
        assert seqs(pilot) == list(range(COUNT - WINDOW + 1, COUNT + 1))
        last = messages(pilot)[-1]
        assert pilot.app.focused is last and view.region.overlaps(last.region)
        line = view.query_one(EarlierMessages)
        assert f"{COUNT - WINDOW} earlier messages" in shown(line)

        # scrolling to the top brings one page, and the message that was on top stays put
        top = messages(pilot)[0]
        at_top = top.virtual_region.y  # its place in the view once scrolled to the top
        view.scroll_home(animate=False)
        await wait_for(pilot, lambda: len(seqs(pilot)) == WINDOW + PAGE, what="a page more")
        await wait_for(
            pilot, lambda: top.virtual_region.y - view.scroll_y == at_top, what="view kept still"
        )
        assert view.scroll_y > 0
        assert seqs(pilot) == list(range(COUNT - WINDOW - PAGE + 1, COUNT + 1))

        # enter on the 'earlier' line brings the rest, and the line goes away; the newest
        # messages unmount behind a 'later' line, so no more than WINDOW + PAGE are mounted
        for _ in range(COUNT):
            if not view.earlier_count:
                break
            line.focus()
            await pilot.press("enter")
            await pilot.pause()
            assert len(messages(pilot)) <= WINDOW + PAGE
        assert seqs(pilot) == list(range(1, WINDOW + PAGE + 1))
        assert view.later_count == COUNT - WINDOW - PAGE
        await wait_for(pilot, lambda: not view.query(EarlierMessages), what="line removed")
        assert f"{COUNT - WINDOW - PAGE} later messages" in shown(view.query_one(LaterMessages))

        await pilot.press("y")  # copy: the whole conversation, in order
        copied = pilot.app.clipboard
        assert copied.index("message 1:") < copied.index(f"message {COUNT}:")
        assert copied.count("\n## ") + 1 == COUNT

        # end jumps to the last messages; scrolling to the bottom after home brings later pages
        await pilot.press("end")
        await wait_for(pilot, lambda: seqs(pilot)[-1:] == [COUNT], what="the end")
        assert seqs(pilot) == list(range(COUNT - WINDOW + 1, COUNT + 1))
        assert pilot.app.focused is messages(pilot)[-1] and not view.later_count
        await pilot.press("home")
        await wait_for(pilot, lambda: seqs(pilot)[:1] == [1] and view.scroll_y == 0, what="home")
        assert seqs(pilot) == list(range(1, WINDOW + 1))
        assert pilot.app.focused is messages(pilot)[0]
        for _ in range(COUNT):
            if not view.later_count:
                break
            view.scroll_end(animate=False)
            await pilot.pause()
            assert len(messages(pilot)) <= WINDOW + PAGE
        # the last page is asked for once nothing is left later; its widgets mount a moment after
        await wait_for(
            pilot,
            lambda: seqs(pilot)[-1:] == [COUNT] and not view.query(LaterMessages),
            what="the last page mounted",
        )
        assert len(messages(pilot)) <= WINDOW + PAGE


class ThousandBackend(FixedBackend):
    def get_interview(self, *, user_id: int, interview_id: int) -> Any:
        from dataclasses import replace

        return replace(detail(interview_id), messages=conversation(1000))


async def test_home_reaches_the_first_of_1000_messages_with_few_mounted() -> None:
    """Issue 16: bottom to top of a 1,000-message transcript at 80x24 with the keyboard only,
    with the number of mounted messages bounded."""
    app = InterviewerApp(backend=ThousandBackend(), clock=frozen_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, on_screen(pilot, "HomeScreen"))
        pilot.app.open_transcript(6)
        await wait_for(pilot, lambda: seqs(pilot)[-1:] == [1000], what="the last message")
        view = pilot.app.screen.query_one(Transcript)
        await pilot.press("home")
        await wait_for(pilot, lambda: seqs(pilot)[:1] == [1] and view.scroll_y == 0, what="top")
        first = messages(pilot)[0]
        assert pilot.app.focused is first and view.region.overlaps(first.region)
        assert len(messages(pilot)) == WINDOW and view.later_count == 1000 - WINDOW
        await pilot.press("tab")  # keyboard navigation walks on from the first message
        assert pilot.app.focused is messages(pilot)[1]
        await pilot.press("end")
        await wait_for(pilot, lambda: seqs(pilot)[-1:] == [1000], what="back at the end")
        assert len(messages(pilot)) == WINDOW and pilot.app.focused is messages(pilot)[-1]


async def test_copy_includes_messages_not_mounted_yet() -> None:
    app = InterviewerApp(backend=LongBackend(), clock=frozen_clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, on_screen(pilot, "HomeScreen"))
        pilot.app.open_transcript(6)
        await wait_for(pilot, lambda: len(messages(pilot)) == WINDOW, what="messages")
        await pilot.press("y")
        assert pilot.app.clipboard.count("\n## ") + 1 == COUNT


async def test_resuming_a_long_interview_mounts_the_last_messages_once() -> None:
    backend = FixedBackend()
    views = conversation(COUNT)
    backend.runner.transcript = lambda: list(views)  # type: ignore[method-assign]
    app = InterviewerApp(backend=backend, clock=frozen_clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: getattr(pilot.app.screen, "dashboard", None), what="home")
        await pilot.press("c")
        await wait_for(
            pilot,
            lambda: (
                type(pilot.app.screen).__name__ == "InterviewScreen" and pilot.app.screen._loaded
            ),
            what="interview",
        )
        view = pilot.app.screen.query_one(Transcript)
        await wait_for(pilot, lambda: view.max_scroll_y > 0 and view.scroll_y == view.max_scroll_y)
        assert seqs(pilot) == list(range(COUNT - WINDOW + 1, COUNT + 1))
        assert view.earlier_count == COUNT - WINDOW
        # a saved message that is already shown is not drawn again
        assert view.add_view(views[-1]) is None
        assert len(messages(pilot)) == WINDOW


async def test_a_long_live_interview_unmounts_its_oldest_messages() -> None:
    """While the reader follows the end, a growing conversation keeps only its last WINDOW
    messages mounted (the rest wait behind the 'earlier' line), and nothing is lost."""
    backend = FixedBackend()
    views = conversation(WINDOW)
    backend.runner.transcript = lambda: list(views)  # type: ignore[method-assign]
    app = InterviewerApp(backend=backend, clock=frozen_clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: getattr(pilot.app.screen, "dashboard", None), what="home")
        await pilot.press("c")
        await wait_for(
            pilot,
            lambda: (
                type(pilot.app.screen).__name__ == "InterviewScreen" and pilot.app.screen._loaded
            ),
            what="interview",
        )
        view = pilot.app.screen.query_one(Transcript)
        assert not view.query(EarlierMessages)
        for n in range(PAGE + 1):
            view.add_note(f"live note {n}")
            await pilot.pause()
        assert len(messages(pilot)) == WINDOW
        assert view.earlier_count == PAGE + 1
        assert messages(pilot)[-1].text == f"live note {PAGE}"
        await wait_for(pilot, lambda: view.query(EarlierMessages), what="the earlier line")
        copied = view.all_text()
        assert (
            copied.index("message 1:")
            < copied.index("live note 0")
            < copied.index(f"live note {PAGE}")
        )
