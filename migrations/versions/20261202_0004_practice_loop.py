"""the practice loop: résumé and setup, retry links, regrades, the review schedule

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02 02:55:00

Issue 17. `interviews` gains the résumé text and the tailoring setup shown in the report, and a
link from a retry attempt to the question it retries. Regrades get their own table so an original
grade is never overwritten. `review_items` holds each user's key points and misconceptions with
their SM-2 schedule.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

from interviewer_tui.store.types import UTCDateTime

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # SQLite rebuilds the table: keep AUTOINCREMENT (migration 0002) on the new one
    with op.batch_alter_table("interviews", table_kwargs={"sqlite_autoincrement": True}) as batch:
        batch.add_column(sa.Column("resume_text", sa.Text(), nullable=True))
        batch.add_column(sa.Column("setup", sa.JSON(), nullable=True))
        batch.add_column(sa.Column("retry_of_interview_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("retry_of_question", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            "fk_interviews_retry_of",
            "interviews",
            ["retry_of_interview_id"],
            ["id"],
            ondelete="SET NULL",
        )
        batch.create_index(
            "ix_interviews_retry_of_interview_id", ["retry_of_interview_id"], unique=False
        )
    op.create_table(
        "regrades",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("interview_id", sa.Integer(), nullable=False),
        sa.Column("run_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("question_number", sa.Integer(), nullable=False),
        sa.Column("provider", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("model", sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("feedback", sa.Text(), nullable=False),
        sa.Column("covered", sa.JSON(), nullable=False),
        sa.Column("missed", sa.JSON(), nullable=False),
        sa.Column("created_at", UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["interview_id"], ["interviews.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_regrades_interview_id", "regrades", ["interview_id"])
    op.create_index("ix_regrades_run_id", "regrades", ["run_id"])
    op.create_table(
        "review_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("topic", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("point", sa.Text(), nullable=False),
        sa.Column("point_key", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("ease", sa.Float(), nullable=False),
        sa.Column("interval_days", sa.Integer(), nullable=False),
        sa.Column("repetitions", sa.Integer(), nullable=False),
        sa.Column("lapses", sa.Integer(), nullable=False),
        sa.Column("due_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("last_quality", sa.Integer(), nullable=False),
        sa.Column("last_question", sa.Text(), nullable=True),
        sa.Column("last_reviewed_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("created_at", UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("user_id", "topic", "point_key", name="uq_review_items_point"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_review_items_user_due", "review_items", ["user_id", "due_at"])


def downgrade() -> None:
    op.drop_index("ix_review_items_user_due", table_name="review_items")
    op.drop_table("review_items")
    op.drop_index("ix_regrades_run_id", table_name="regrades")
    op.drop_index("ix_regrades_interview_id", table_name="regrades")
    op.drop_table("regrades")
    # SQLite rebuilds the table: keep AUTOINCREMENT (migration 0002) on the new one
    with op.batch_alter_table("interviews", table_kwargs={"sqlite_autoincrement": True}) as batch:
        batch.drop_index("ix_interviews_retry_of_interview_id")
        batch.drop_constraint("fk_interviews_retry_of", type_="foreignkey")
        batch.drop_column("retry_of_question")
        batch.drop_column("retry_of_interview_id")
        batch.drop_column("setup")
        batch.drop_column("resume_text")
