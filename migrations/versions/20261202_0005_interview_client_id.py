"""interviews.client_id: idempotent creation over /v1

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 14:40:00

Issue 15. A remote client sends `POST /v1/interviews` with an id it chose and retries after a
network failure; the server stores the id and a retry returns the interview it already created
instead of a second one. Unique per user (NULLs, every interview started another way, never
clash on either backend).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # SQLite rebuilds the table: keep AUTOINCREMENT (migration 0002) on the new one
    with op.batch_alter_table("interviews", table_kwargs={"sqlite_autoincrement": True}) as batch:
        batch.add_column(
            sa.Column("client_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True)
        )
        batch.create_unique_constraint("uq_interviews_client_id", ["user_id", "client_id"])


def downgrade() -> None:
    with op.batch_alter_table("interviews", table_kwargs={"sqlite_autoincrement": True}) as batch:
        batch.drop_constraint("uq_interviews_client_id", type_="unique")
        batch.drop_column("client_id")
