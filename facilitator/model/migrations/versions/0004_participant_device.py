"""participants remember the phone they joined from

Revision ID: 0004
Revises: 0003

A joining phone sends a random device id it keeps in local storage; the participant row keeps
its hash, unique within a run, so the same phone joining again (an answer lost on bad Wi-Fi)
finds its participant instead of making a second one.
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A nullable column and an index: SQLite adds both in place, without copying the table;
    # the rows already there have no device (NULLs never clash in a unique index).
    op.add_column("participants", sa.Column("device_hash", sa.String(64), nullable=True))
    op.create_index(
        "ix_participants_run_device", "participants", ["run_id", "device_hash"], unique=True
    )


def downgrade() -> None:
    op.drop_index("ix_participants_run_device", table_name="participants")
    with op.batch_alter_table("participants", schema=None) as batch_op:
        batch_op.drop_column("device_hash")
