"""analysis engine: jobs, passage vectors, question mappings, tags, recommendations, relations, themes

A separate branch from 0001 so it merges with the other features' migrations; `upgrade` runs to "heads".

Revision ID: 0005
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa


revision = "0005"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('analysis_jobs',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('run_id', sa.String(length=32), nullable=False),
    sa.Column('call_id', sa.String(length=80), nullable=False),
    sa.Column('question_id', sa.String(length=40), nullable=True),
    sa.Column('stage', sa.String(length=40), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('total', sa.Integer(), nullable=False),
    sa.Column('processed', sa.Integer(), nullable=False),
    sa.Column('failed', sa.Integer(), nullable=False),
    sa.Column('message', sa.Text(), nullable=True),
    sa.Column('errors', sa.JSON(), nullable=False),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['call_id'], ['calls.id'], name=op.f('fk_analysis_jobs_call_id_calls')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_analysis_jobs'))
    )
    with op.batch_alter_table('analysis_jobs', schema=None) as batch_op:
        batch_op.create_index('ix_analysis_jobs_call_stage', ['call_id', 'stage'], unique=False)
        batch_op.create_index(batch_op.f('ix_analysis_jobs_run_id'), ['run_id'], unique=False)

    op.create_table('themes',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('call_id', sa.String(length=80), nullable=False),
    sa.Column('question_id', sa.String(length=40), nullable=False),
    sa.Column('keywords', sa.JSON(), nullable=False),
    sa.Column('name', sa.Text(), nullable=True),
    sa.Column('named_by', sa.String(length=120), nullable=True),
    sa.Column('is_other', sa.Boolean(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('merged_into', sa.Integer(), nullable=True),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('created_by', sa.String(length=10), nullable=False),
    sa.Column('representatives', sa.JSON(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['call_id'], ['calls.id'], name=op.f('fk_themes_call_id_calls')),
    sa.ForeignKeyConstraint(['merged_into'], ['themes.id'], name=op.f('fk_themes_merged_into_themes')),
    sa.ForeignKeyConstraint(['parent_id'], ['themes.id'], name=op.f('fk_themes_parent_id_themes')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_themes'))
    )
    with op.batch_alter_table('themes', schema=None) as batch_op:
        batch_op.create_index('ix_themes_call_question', ['call_id', 'question_id'], unique=False)

    op.create_table('submission_relations',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('call_id', sa.String(length=80), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('level', sa.String(length=20), nullable=False),
    sa.Column('a_submission_id', sa.Integer(), nullable=False),
    sa.Column('b_submission_id', sa.Integer(), nullable=True),
    sa.Column('a_item', sa.Integer(), nullable=True),
    sa.Column('b_item', sa.Integer(), nullable=True),
    sa.Column('similarity', sa.Float(), nullable=False),
    sa.Column('detail', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['a_submission_id'], ['submissions.id'], name=op.f('fk_submission_relations_a_submission_id_submissions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['b_submission_id'], ['submissions.id'], name=op.f('fk_submission_relations_b_submission_id_submissions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['call_id'], ['calls.id'], name=op.f('fk_submission_relations_call_id_calls')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_submission_relations'))
    )
    with op.batch_alter_table('submission_relations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_submission_relations_call_id'), ['call_id'], unique=False)

    op.create_table('analysis_passages',
    sa.Column('passage_id', sa.Integer(), nullable=False),
    sa.Column('call_id', sa.String(length=80), nullable=False),
    sa.Column('text_key', sa.String(length=32), nullable=False),
    sa.Column('embedder', sa.String(length=60), nullable=False),
    sa.Column('vector', sa.LargeBinary(), nullable=False),
    sa.Column('analysed_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['passage_id'], ['passages.id'], name=op.f('fk_analysis_passages_passage_id_passages'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('passage_id', name=op.f('pk_analysis_passages'))
    )
    with op.batch_alter_table('analysis_passages', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_analysis_passages_call_id'), ['call_id'], unique=False)

    op.create_table('passage_tags',
    sa.Column('passage_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('key', sa.String(length=60), nullable=False),
    sa.Column('label', sa.Text(), nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.Column('matched', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['passage_id'], ['passages.id'], name=op.f('fk_passage_tags_passage_id_passages'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('passage_id', 'kind', 'key', name=op.f('pk_passage_tags'))
    )
    with op.batch_alter_table('passage_tags', schema=None) as batch_op:
        batch_op.create_index('ix_passage_tags_kind_key', ['kind', 'key'], unique=False)

    op.create_table('question_mappings',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('passage_id', sa.Integer(), nullable=False),
    sa.Column('question_id', sa.String(length=40), nullable=False),
    sa.Column('assigned_by', sa.String(length=10), nullable=False),
    sa.Column('decision', sa.String(length=5), nullable=False),
    sa.Column('confidence', sa.Float(), nullable=False),
    sa.Column('method', sa.String(length=20), nullable=False),
    sa.Column('analyst', sa.String(length=120), nullable=True),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['passage_id'], ['passages.id'], name=op.f('fk_question_mappings_passage_id_passages'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_question_mappings')),
    sa.UniqueConstraint('passage_id', 'question_id', 'assigned_by', name='uq_question_mappings_decision')
    )
    with op.batch_alter_table('question_mappings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_question_mappings_question_id'), ['question_id'], unique=False)

    op.create_table('recommendations',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('passage_id', sa.Integer(), nullable=False),
    sa.Column('sentence_index', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('addressees', sa.JSON(), nullable=False),
    sa.Column('measures', sa.JSON(), nullable=False),
    sa.Column('confidence', sa.Float(), nullable=False),
    sa.ForeignKeyConstraint(['passage_id'], ['passages.id'], name=op.f('fk_recommendations_passage_id_passages'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_recommendations'))
    )
    with op.batch_alter_table('recommendations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_recommendations_passage_id'), ['passage_id'], unique=False)

    op.create_table('theme_members',
    sa.Column('question_id', sa.String(length=40), nullable=False),
    sa.Column('passage_id', sa.Integer(), nullable=False),
    sa.Column('theme_id', sa.Integer(), nullable=False),
    sa.Column('similarity', sa.Float(), nullable=False),
    sa.Column('assigned_by', sa.String(length=10), nullable=False),
    sa.Column('analyst', sa.String(length=120), nullable=True),
    sa.ForeignKeyConstraint(['passage_id'], ['passages.id'], name=op.f('fk_theme_members_passage_id_passages'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['theme_id'], ['themes.id'], name=op.f('fk_theme_members_theme_id_themes'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('question_id', 'passage_id', name=op.f('pk_theme_members'))
    )
    with op.batch_alter_table('theme_members', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_theme_members_theme_id'), ['theme_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('theme_members', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_theme_members_theme_id'))

    op.drop_table('theme_members')
    with op.batch_alter_table('recommendations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_recommendations_passage_id'))

    op.drop_table('recommendations')
    with op.batch_alter_table('question_mappings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_question_mappings_question_id'))

    op.drop_table('question_mappings')
    with op.batch_alter_table('passage_tags', schema=None) as batch_op:
        batch_op.drop_index('ix_passage_tags_kind_key')

    op.drop_table('passage_tags')
    with op.batch_alter_table('analysis_passages', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_analysis_passages_call_id'))

    op.drop_table('analysis_passages')
    with op.batch_alter_table('submission_relations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_submission_relations_call_id'))

    op.drop_table('submission_relations')
    with op.batch_alter_table('themes', schema=None) as batch_op:
        batch_op.drop_index('ix_themes_call_question')

    op.drop_table('themes')
    with op.batch_alter_table('analysis_jobs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_analysis_jobs_run_id'))
        batch_op.drop_index('ix_analysis_jobs_call_stage')

    op.drop_table('analysis_jobs')
