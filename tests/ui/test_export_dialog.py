"""The TUI's export: the user chooses format and path; mismatches and existing files are refused
as in the CLI; the file is 0600 and free of escape sequences and bidi controls."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from textual.widgets import Checkbox, Input, Label

from interviewer_tui.ui.app import InterviewerApp
from tests.ui.helpers import on_screen, wait_for
from tests.ui.test_history_and_auth import open_history, seed

SIZE = (100, 36)


async def _dialog(pilot: Any) -> Any:
    await pilot.press("e")
    await wait_for(pilot, on_screen(pilot, "ExportDialog"), what="export dialog")
    return pilot.app.screen


async def test_history_export_to_a_chosen_path_and_format(sqlite_ctx: Any, tmp_path: Path) -> None:
    paused_id, _ = seed(sqlite_ctx)
    target_dir = tmp_path / "exports"
    target_dir.mkdir()
    old_umask = os.umask(0)  # the file must be 0600 whatever the umask
    try:
        app = InterviewerApp(sqlite_ctx)
        async with app.run_test(size=SIZE) as pilot:
            history = await open_history(pilot)
            history.query_one("DataTable").focus()
            row = list(history.rows).index(str(paused_id))
            history.query_one("DataTable").move_cursor(row=row)

            dialog = await _dialog(pilot)
            await pilot.click("#fmt-json")
            path_field = dialog.query_one("#export-path", Input)
            await wait_for(pilot, lambda: path_field.value.endswith(".json"), what="suffix")
            path_field.value = str(target_dir / "mine.md")  # says Markdown, format says JSON
            await pilot.click("#export-ok")
            error = dialog.query_one("#export-error", Label)
            await wait_for(pilot, lambda: "ends in .md" in str(error.render()), what="mismatch")

            path_field.value = str(target_dir)  # a directory: interview-N.json inside it
            # a Button ignores clicks during its 0.2 s press effect: wait it out, as a person would
            await wait_for(
                pilot,
                lambda: not dialog.query_one("#export-ok").has_class("-active"),
                what="button ready",
            )
            await pilot.click("#export-ok")
            written = target_dir / f"interview-{paused_id}.json"
            await wait_for(pilot, written.exists, what="export written")
            assert json.loads(written.read_text("utf-8"))["interview"]["id"] == paused_id
            assert written.stat().st_mode & 0o777 == 0o600

            written.write_text("keep me")  # an existing file is kept unless Overwrite is ticked
            dialog = await _dialog(pilot)
            await pilot.click("#fmt-json")
            dialog.query_one("#export-path", Input).value = str(written)
            await pilot.click("#export-ok")
            await wait_for(pilot, on_screen(pilot, "HistoryScreen"), what="dialog closed")
            await wait_for(
                pilot,
                lambda: any("already exists" in str(n.message) for n in app._notifications),
                what="exists warning",
            )
            assert written.read_text() == "keep me"

            dialog = await _dialog(pilot)
            await pilot.click("#fmt-json")
            dialog.query_one("#export-path", Input).value = str(written)
            dialog.query_one("#export-force", Checkbox).value = True
            await pilot.click("#export-ok")
            await wait_for(pilot, lambda: written.read_text() != "keep me", what="overwritten")
            data = json.loads(written.read_text("utf-8"))
            assert data["interview"]["id"] == dialog.interview_id  # the selected row's
            assert written.stat().st_mode & 0o777 == 0o600
    finally:
        os.umask(old_umask)
