"""ids are never reused on SQLite (AUTOINCREMENT)

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02 02:20:00

SQLite's plain `INTEGER PRIMARY KEY` hands out max(id) + 1, so deleting the newest interview
let the next one take its id: `show 7` could name two different interviews over time, and an
export or a note that says "interview 7" would point at the wrong one. AUTOINCREMENT keeps the
high-water mark in `sqlite_sequence`. SQLite cannot add it in place, so each table is rebuilt
(batch mode); copying the rows keeps their ids and sets the high-water mark to the current
maximum. The rebuild runs with foreign keys off (see migrations/env.py): dropping the old
`interviews` table with them on would cascade-delete every conversation and message.

PostgreSQL's identity sequences never hand out an id twice already: nothing to do there.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# parents before children, so each rebuilt child is created after the table it references
TABLES = (
    "users",
    "refresh_tokens",
    "password_resets",
    "interviews",
    "conversations",
    "questions",
    "messages",
)


def _rebuild(autoincrement: bool) -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for name in TABLES:
        with op.batch_alter_table(
            name, recreate="always", table_kwargs={"sqlite_autoincrement": autoincrement}
        ):
            pass


def upgrade() -> None:
    _rebuild(True)


def downgrade() -> None:
    _rebuild(False)
