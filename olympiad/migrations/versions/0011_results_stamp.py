"""results stamp: the key of final results pages rendered once

Revision ID: 0011
Revises: 0010_participant_way
Create Date: 2026-12-03 08:20:00

"""

import uuid

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0011"
down_revision = "0010_participant_way"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("olympiad", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("results_stamp", sa.String(length=32), server_default="", nullable=False)
        )
    # a stamp of its own for each olympiad there is, so no two databases share one
    olympiad = sa.table("olympiad", sa.column("id", sa.Integer), sa.column("results_stamp"))
    bind = op.get_bind()
    for (olympiad_id,) in bind.execute(sa.select(olympiad.c.id)).all():
        bind.execute(
            olympiad.update()
            .where(olympiad.c.id == olympiad_id)
            .values(results_stamp=uuid.uuid4().hex)
        )


def downgrade():
    with op.batch_alter_table("olympiad", schema=None) as batch_op:
        batch_op.drop_column("results_stamp")
