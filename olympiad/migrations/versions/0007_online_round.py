"""online round

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29 19:53:43.375181

"""
from alembic import op
import sqlalchemy as sa

import olympiad.models.base


# revision identifiers, used by Alembic.
revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade():
    # ### checked by hand: three new tables, their CHECK constraints as in the models ###
    op.create_table('online_sitting',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('olympiad_id', sa.Integer(), nullable=False),
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.Column('school_ids', sa.JSON(), nullable=False),
    sa.Column('starts_at', olympiad.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('ends_at', olympiad.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('time_limit_minutes', sa.Integer(), nullable=False),
    sa.Column('supervised', sa.Boolean(), nullable=False),
    sa.Column('created_at', olympiad.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint('ends_at > starts_at', name=op.f('ck_online_sitting_window_order')),
    sa.CheckConstraint('time_limit_minutes > 0', name=op.f('ck_online_sitting_limit_positive')),
    sa.ForeignKeyConstraint(['group_id'], ['grade_group.id'], name=op.f('fk_online_sitting_group_id_grade_group'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['olympiad_id'], ['olympiad.id'], name=op.f('fk_online_sitting_olympiad_id_olympiad')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_online_sitting'))
    )
    with op.batch_alter_table('online_sitting', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_online_sitting_group_id'), ['group_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_online_sitting_olympiad_id'), ['olympiad_id'], unique=False)

    op.create_table('online_attempt',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sitting_id', sa.Integer(), nullable=False),
    sa.Column('participant_id', sa.Integer(), nullable=False),
    sa.Column('started_at', olympiad.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('extra_minutes', sa.Integer(), nullable=False),
    sa.Column('last_seen_at', olympiad.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('submitted_at', olympiad.models.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('auto_submitted', sa.Boolean(), nullable=False),
    sa.Column('layout', sa.String(length=10), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.CheckConstraint('extra_minutes >= 0', name=op.f('ck_online_attempt_extra_not_negative')),
    sa.ForeignKeyConstraint(['participant_id'], ['participant.id'], name=op.f('fk_online_attempt_participant_id_participant')),
    sa.ForeignKeyConstraint(['sitting_id'], ['online_sitting.id'], name=op.f('fk_online_attempt_sitting_id_online_sitting')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_online_attempt')),
    sa.UniqueConstraint('participant_id', name=op.f('uq_online_attempt_participant_id'))
    )
    with op.batch_alter_table('online_attempt', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_online_attempt_sitting_id'), ['sitting_id'], unique=False)

    op.create_table('online_answer',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('attempt_id', sa.Integer(), nullable=False),
    sa.Column('paper_task_id', sa.Integer(), nullable=False),
    sa.Column('value', sa.JSON(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('answered', sa.Boolean(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('saved_at', olympiad.models.base.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint('seq >= 0', name=op.f('ck_online_answer_seq_not_negative')),
    sa.ForeignKeyConstraint(['attempt_id'], ['online_attempt.id'], name=op.f('fk_online_answer_attempt_id_online_attempt'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['paper_task_id'], ['paper_task.id'], name=op.f('fk_online_answer_paper_task_id_paper_task')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_online_answer')),
    sa.UniqueConstraint('attempt_id', 'paper_task_id', name=op.f('uq_online_answer_attempt_id_paper_task_id'))
    )
    with op.batch_alter_table('online_answer', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_online_answer_paper_task_id'), ['paper_task_id'], unique=False)

    # ###


def downgrade():
    # ### checked by hand: three new tables, their CHECK constraints as in the models ###
    with op.batch_alter_table('online_answer', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_online_answer_paper_task_id'))

    op.drop_table('online_answer')
    with op.batch_alter_table('online_attempt', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_online_attempt_sitting_id'))

    op.drop_table('online_attempt')
    with op.batch_alter_table('online_sitting', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_online_sitting_olympiad_id'))
        batch_op.drop_index(batch_op.f('ix_online_sitting_group_id'))

    op.drop_table('online_sitting')
    # ###
