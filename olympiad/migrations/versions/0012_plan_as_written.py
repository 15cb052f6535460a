"""the plan as written: headings, author, chapters after the sixth section, responsible people

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-03 08:15:00

"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "plan_chapter",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=10), nullable=False),
        sa.Column("heading", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["plan.id"], name=op.f("fk_plan_chapter_plan_id_plan"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_chapter")),
    )
    with op.batch_alter_table("plan_chapter", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_plan_chapter_plan_id"), ["plan_id"], unique=False)
    with op.batch_alter_table("plan", schema=None) as batch_op:
        batch_op.add_column(sa.Column("headings", sa.JSON(), server_default="{}", nullable=False))
        batch_op.add_column(sa.Column("author", sa.Text(), server_default="", nullable=False))
    with op.batch_alter_table("plan_item", schema=None) as batch_op:
        batch_op.add_column(sa.Column("chapter_id", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("planned_when", sa.String(length=100), server_default="", nullable=False)
        )
        batch_op.add_column(sa.Column("responsible", sa.Text(), server_default="", nullable=False))
        batch_op.create_index(batch_op.f("ix_plan_item_chapter_id"), ["chapter_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_plan_item_chapter_id_plan_chapter"),
            "plan_chapter",
            ["chapter_id"],
            ["id"],
            ondelete="CASCADE",
        )
    with op.batch_alter_table("plan_meeting", schema=None) as batch_op:
        batch_op.add_column(sa.Column("responsible", sa.Text(), server_default="", nullable=False))


def downgrade():
    with op.batch_alter_table("plan_meeting", schema=None) as batch_op:
        batch_op.drop_column("responsible")
    with op.batch_alter_table("plan_item", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_plan_item_chapter_id_plan_chapter"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_plan_item_chapter_id"))
        batch_op.drop_column("responsible")
        batch_op.drop_column("planned_when")
        batch_op.drop_column("chapter_id")
    with op.batch_alter_table("plan", schema=None) as batch_op:
        batch_op.drop_column("author")
        batch_op.drop_column("headings")
    with op.batch_alter_table("plan_chapter", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_plan_chapter_plan_id"))
    op.drop_table("plan_chapter")
