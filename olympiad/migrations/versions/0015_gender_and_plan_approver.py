"""a participant's gender (where the patronymic does not tell) and the plan's approver

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-03 08:30:00

"""

from alembic import op
import sqlalchemy as sa


revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("participant", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("gender", sa.String(length=1), server_default="", nullable=False)
        )
    with op.batch_alter_table("plan", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("approver_position", sa.Text(), server_default="", nullable=False)
        )
        batch_op.add_column(
            sa.Column("approver_name", sa.String(length=200), server_default="", nullable=False)
        )
        batch_op.add_column(sa.Column("approved_on", sa.Date(), nullable=True))


def downgrade():
    with op.batch_alter_table("plan", schema=None) as batch_op:
        batch_op.drop_column("approved_on")
        batch_op.drop_column("approver_name")
        batch_op.drop_column("approver_position")
    with op.batch_alter_table("participant", schema=None) as batch_op:
        batch_op.drop_column("gender")
