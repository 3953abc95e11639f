"""one responses table for every kind's answers; step states say closed, shown and kind data

Revision ID: 0005
Revises: 0004

Placements become ``{"x": .., "y": ..}`` answers and feedback answers ``{"answers": {..}}``
answers of the one ``responses`` table, row for row, with their times; then the two old tables
go. The downgrade moves them back.
"""

import json

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

KEYS = ("id", "run_id", "step_id", "participant_id", "updated_at")


def _fk(table: str, column: str, target: str):
    return sa.ForeignKeyConstraint(
        [column],
        [f"{target}.id"],
        name=op.f(f"fk_{table}_{column}_{target}"),
        ondelete="CASCADE",
    )


def _answer_table(name: str, *columns) -> sa.Table:
    """responses, placements or feedback_answers: the columns every one has, and its own."""
    return op.create_table(
        name,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("step_id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        *columns,
        sa.Column("updated_at", sa.Float(), nullable=False),
        _fk(name, "participant_id", "participants"),
        _fk(name, "run_id", "runs"),
        _fk(name, "step_id", "steps"),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{name}")),
        sa.UniqueConstraint(
            "step_id", "participant_id", name=op.f(f"uq_{name}_step_id_participant_id")
        ),
    )


def upgrade() -> None:
    responses = _answer_table("responses", sa.Column("answer", sa.JSON(), nullable=False))
    op.create_index("ix_responses_run_step", "responses", ["run_id", "step_id"], unique=False)
    connection = op.get_bind()
    rows = []
    for row in connection.execute(sa.text("SELECT * FROM placements ORDER BY id")).mappings():
        rows.append({**{k: row[k] for k in KEYS}, "answer": {"x": row["x"], "y": row["y"]}})
    offset = max([r["id"] for r in rows], default=0)
    query = sa.text("SELECT * FROM feedback_answers ORDER BY id")
    for row in connection.execute(query).mappings():
        answers = row["answers"]
        if isinstance(answers, str):
            answers = json.loads(answers)
        item = {k: row[k] for k in KEYS}
        item["id"] += offset  # ids of the two old tables overlap
        rows.append({**item, "answer": {"answers": answers or {}}})
    if rows:
        op.bulk_insert(responses, rows)
    op.drop_table("placements")
    op.drop_table("feedback_answers")
    op.add_column("step_states", sa.Column("results_shown", sa.Boolean(), nullable=True))
    op.add_column("step_states", sa.Column("data", sa.JSON(), nullable=True))


def downgrade() -> None:
    """Back to the two tables; answers of the kinds that came with this revision are lost."""
    placements = _answer_table(
        "placements",
        sa.Column("x", sa.Float(), nullable=False),
        sa.Column("y", sa.Float(), nullable=False),
    )
    feedback = _answer_table("feedback_answers", sa.Column("answers", sa.JSON(), nullable=False))
    connection = op.get_bind()
    query = sa.text(
        "SELECT r.*, s.kind FROM responses r JOIN steps s ON s.id = r.step_id ORDER BY r.id"
    )
    dots, forms = [], []
    for row in connection.execute(query).mappings():
        answer = row["answer"]
        if isinstance(answer, str):
            answer = json.loads(answer)
        item = {k: row[k] for k in KEYS}
        if row["kind"] == "position":
            dots.append({**item, "x": answer["x"], "y": answer["y"]})
        elif row["kind"] == "feedback":
            forms.append({**item, "answers": answer.get("answers", {})})
    if dots:
        op.bulk_insert(placements, dots)
    if forms:
        op.bulk_insert(feedback, forms)
    op.drop_index("ix_responses_run_step", table_name="responses")
    op.drop_table("responses")
    with op.batch_alter_table("step_states", schema=None) as batch_op:
        batch_op.drop_column("data")
        batch_op.drop_column("results_shown")
