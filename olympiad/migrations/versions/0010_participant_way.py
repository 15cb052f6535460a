"""the participant's way: start time, what to bring, visible comments, contested quote

Revision ID: 0010_participant_way
Revises: 0009
Create Date: 2026-12-03 08:20:00

"""

import sqlalchemy as sa
from alembic import op

revision = "0010_participant_way"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("olympiad", schema=None) as batch_op:
        batch_op.add_column(sa.Column("starts_at_time", sa.Time(), nullable=True))
        batch_op.add_column(
            sa.Column("what_to_bring", sa.Text(), server_default="", nullable=False)
        )
        batch_op.add_column(
            sa.Column("comments_visible", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
    with op.batch_alter_table("appeal", schema=None) as batch_op:
        batch_op.add_column(sa.Column("contested", sa.Text(), server_default="", nullable=False))


def downgrade():
    with op.batch_alter_table("appeal", schema=None) as batch_op:
        batch_op.drop_column("contested")
    with op.batch_alter_table("olympiad", schema=None) as batch_op:
        batch_op.drop_column("comments_visible")
        batch_op.drop_column("what_to_bring")
        batch_op.drop_column("starts_at_time")
