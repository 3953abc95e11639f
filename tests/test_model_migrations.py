"""The schema is made and upgraded by Alembic: a database made by the first migration, holding
data, upgrades to the newest schema without losing anything, and matches the ORM exactly."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlalchemy.exc import IntegrityError

from facilitator.model.db import (
    DB_FILENAME,
    HEAD_REVISION,
    Database,
    alembic_config,
    make_engine,
    upgrade,
)
from facilitator.model.orm import Base


def test_first_migration_then_upgrade_keeps_data(data_dir):
    # GIVEN a database built with the first migration only, with a workshop, a run and a note
    engine = make_engine(data_dir / DB_FILENAME)
    upgrade(engine, "0001")
    with engine.begin() as c:
        c.execute(
            text(
                "INSERT INTO workshops (id, uid, title, description, facilitator_notes, media_dir,"
                " is_demo, frozen_for_run, created_at, updated_at)"
                " VALUES (1, 'u', 'Old plan', '', '', 'media/u', 0, 1, 0, 0)"
            )
        )
        c.execute(
            text(
                "INSERT INTO steps (id, workshop_id, position, kind, title, prompt,"
                " facilitator_notes, settings)"
                " VALUES (1, 1, 0, 'whiteboard', 'Board', '', '', '{}')"
            )
        )
        c.execute(
            text(
                "INSERT INTO runs (id, workshop_id, title, place, facilitator, started_at,"
                " current_position, join_key, remote_key, room_code, black, timer_running)"
                " VALUES (1, 1, 'Old plan', '', '', 0, 0, 'j', 'r', 'ABCD', 0, 0)"
            )
        )
        c.execute(
            text(
                "INSERT INTO notes (id, run_id, step_id, author_name, client_id, text, color,"
                " hidden, votes, created_at, updated_at)"
                " VALUES (1, 1, 1, 'Sam', 'c1', 'kept through the upgrade', 'yellow', 0, 0, 0, 0)"
            )
        )
    assert "ix_notes_run_step" not in {i["name"] for i in inspect(engine).get_indexes("notes")}
    engine.dispose()

    # WHEN the app opens it (migrations run at start)
    db = Database(data_dir)

    # THEN the note is still there, the newer index exists and the schema matches the ORM
    with db.engine.connect() as c:
        assert c.execute(text("SELECT text FROM notes")).scalar() == "kept through the upgrade"
        assert c.execute(text("SELECT version_num FROM alembic_version")).scalar() == HEAD_REVISION
        diff = compare_metadata(MigrationContext.configure(c), Base.metadata)
    assert diff == []
    assert "ix_notes_run_step" in {i["name"] for i in inspect(db.engine).get_indexes("notes")}
    db.close()


def test_note_vectors_column_added_to_a_database_with_notes(data_dir):
    # GIVEN a database at 0002 (before suggested groups) holding a note
    engine = make_engine(data_dir / DB_FILENAME)
    upgrade(engine, "0002")
    with engine.begin() as c:
        c.execute(
            text(
                "INSERT INTO workshops (id, uid, title, description, facilitator_notes, media_dir,"
                " is_demo, frozen_for_run, created_at, updated_at)"
                " VALUES (1, 'u', 'Plan', '', '', 'media/u', 0, 1, 0, 0)"
            )
        )
        c.execute(
            text(
                "INSERT INTO steps (id, workshop_id, position, kind, title, prompt,"
                " facilitator_notes, settings) VALUES (1, 1, 0, 'whiteboard', 'B', '', '', '{}')"
            )
        )
        c.execute(
            text(
                "INSERT INTO runs (id, workshop_id, title, place, facilitator, started_at,"
                " current_position, join_key, remote_key, room_code, black, timer_running)"
                " VALUES (1, 1, 'Plan', '', '', 0, 0, 'j', 'r', 'ABCD', 0, 0)"
            )
        )
        c.execute(
            text(
                "INSERT INTO notes (id, run_id, step_id, author_name, client_id, text, color,"
                " hidden, votes, created_at, updated_at)"
                " VALUES (1, 1, 1, 'Sam', 'c1', 'an old note', 'yellow', 0, 0, 0, 0)"
            )
        )
    engine.dispose()

    # WHEN the app opens it
    db = Database(data_dir)

    # THEN the note is kept, without a vector yet, and a vector can be stored with it
    with db.engine.connect() as c:
        assert c.execute(text("SELECT text, vector FROM notes")).one() == ("an old note", None)
    with db.write() as s:
        s.execute(text("UPDATE notes SET vector = :v WHERE id = 1"), {"v": b"\0" * 1536})
    with db.engine.connect() as c:
        assert len(c.execute(text("SELECT vector FROM notes")).scalar()) == 1536
    db.close()


def test_participant_devices_added_to_a_database_with_participants(data_dir):
    # GIVEN a database at 0003 (before joining by device) with a run and two participants
    engine = make_engine(data_dir / DB_FILENAME)
    upgrade(engine, "0003")
    with engine.begin() as c:
        c.execute(
            text(
                "INSERT INTO workshops (id, uid, title, description, facilitator_notes, media_dir,"
                " is_demo, frozen_for_run, created_at, updated_at)"
                " VALUES (1, 'u', 'Plan', '', '', 'media/u', 0, 1, 0, 0)"
            )
        )
        c.execute(
            text(
                "INSERT INTO runs (id, workshop_id, title, place, facilitator, started_at,"
                " current_position, join_key, remote_key, room_code, black, timer_running)"
                " VALUES (1, 1, 'Plan', '', '', 0, 0, 'j', 'r', 'ABCD', 0, 0)"
            )
        )
        for n, name in enumerate(["Brave Heron", "Calm Otter"], start=1):
            c.execute(
                text(
                    "INSERT INTO participants (id, run_id, name, name_key, token_hash, joined_at)"
                    " VALUES (:id, 1, :name, lower(:name), :token, 0)"
                ),
                {"id": n, "name": name, "token": f"t{n}"},
            )

    # WHEN it is upgraded to 0004
    upgrade(engine, "0004")

    # THEN both are kept without a device, and a device is unique within a run
    with engine.begin() as c:
        rows = c.execute(text("SELECT name, device_hash FROM participants ORDER BY id")).all()
        assert rows == [("Brave Heron", None), ("Calm Otter", None)]
        c.execute(text("UPDATE participants SET device_hash = 'd' WHERE id = 1"))
    indexes = {i["name"]: i for i in inspect(engine).get_indexes("participants")}
    device_index = indexes["ix_participants_run_device"]
    assert device_index["unique"] and device_index["column_names"] == ["run_id", "device_hash"]
    with pytest.raises(IntegrityError), engine.begin() as c:
        c.execute(text("UPDATE participants SET device_hash = 'd' WHERE id = 2"))
    engine.dispose()


def test_pragmas_for_durability(data_dir):
    db = Database(data_dir)
    with db.engine.connect() as c:
        assert c.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert c.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert c.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert c.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
    db.close()


def test_opening_twice_is_harmless(data_dir):
    Database(data_dir).close()
    db = Database(data_dir)
    with db.engine.connect() as c:
        assert c.execute(text("SELECT count(*) FROM alembic_version")).scalar() == 1
    db.close()


def test_head_revision_constant_matches_the_scripts():
    from alembic.script import ScriptDirectory

    assert ScriptDirectory.from_config(alembic_config()).get_current_head() == HEAD_REVISION


def _old_run_with_answers(engine) -> None:
    """A database at 0004 holding a run with a position step, a feedback step, two people, two
    dots and two feedback forms (in the tables of before 0005)."""
    with engine.begin() as c:
        c.execute(
            text(
                "INSERT INTO workshops (id, uid, title, description, facilitator_notes, media_dir,"
                " is_demo, frozen_for_run, created_at, updated_at)"
                " VALUES (1, 'u', 'Plan', '', '', 'media/u', 0, 1, 0, 0)"
            )
        )
        for sid, kind, settings in (
            (1, "position", "{}"),
            (2, "feedback", '{"questions": [{"id": "useful", "text": "Useful?", "type": "rating"},'
             ' {"id": "next", "text": "Next?", "type": "text"}]}'),
        ):  # fmt: skip
            c.execute(
                text(
                    "INSERT INTO steps (id, workshop_id, position, kind, title, prompt,"
                    " facilitator_notes, settings) VALUES (:id, 1, :pos, :kind, 'S', '', '', :s)"
                ),
                {"id": sid, "pos": sid - 1, "kind": kind, "s": settings},
            )
        c.execute(
            text(
                "INSERT INTO runs (id, workshop_id, title, place, facilitator, started_at,"
                " current_position, join_key, remote_key, room_code, black, timer_running)"
                " VALUES (1, 1, 'Plan', '', '', 0, 0, 'j', 'r', 'ABCD', 0, 0)"
            )
        )
        for pid, name in ((1, "Sam"), (2, "Ali")):
            c.execute(
                text(
                    "INSERT INTO participants (id, run_id, name, name_key, token_hash, joined_at)"
                    " VALUES (:id, 1, :n, :k, :t, 0)"
                ),
                {"id": pid, "n": name, "k": name.lower(), "t": f"hash{pid}"},
            )
        c.execute(
            text(
                "INSERT INTO placements (id, run_id, step_id, participant_id, x, y, updated_at)"
                " VALUES (1, 1, 1, 1, 0.25, 0.75, 10), (2, 1, 1, 2, 0.5, 0.125, 11)"
            )
        )
        c.execute(
            text(
                "INSERT INTO feedback_answers (id, run_id, step_id, participant_id, answers,"
                ' updated_at) VALUES (1, 1, 2, 1, \'{"useful": 5, "next": "More time"}\', 12),'
                " (2, 1, 2, 2, '{\"useful\": 3}', 13)"
            )
        )
        c.execute(
            text("INSERT INTO step_states (run_id, step_id, revealed, locked) VALUES (1, 2, 0, 1)")
        )


def test_placements_and_feedback_move_into_the_responses_table(data_dir):
    # GIVEN a database at 0004 with dots and feedback forms in their old tables
    engine = make_engine(data_dir / DB_FILENAME)
    upgrade(engine, "0004")
    _old_run_with_answers(engine)
    engine.dispose()

    # WHEN the app opens it
    from facilitator.model.service import open_model

    model = open_model(data_dir)

    # THEN every answer is in the one table, unchanged, with its time, and tallies read them
    steps = model.runs.steps(1)
    dots = model.responses.answers(1, steps[0].id)
    assert [(d.name, d.answer, d.updated_at) for d in dots] == [
        ("Sam", {"x": 0.25, "y": 0.75}, 10),
        ("Ali", {"x": 0.5, "y": 0.125}, 11),
    ]
    forms = model.responses.answers(1, steps[1].id)
    assert [f.answer for f in forms] == [
        {"answers": {"useful": 5, "next": "More time"}},
        {"answers": {"useful": 3}},
    ]
    tally = model.responses.tally(steps[1], 1)
    assert tally["questions"][0]["average"] == 4 and tally["questions"][1]["comments"]
    state = model.runs.step_state(1, steps[1].id)
    assert state.locked and state.results_shown is None and state.data == {}
    with model.db.engine.connect() as c:
        tables = set(inspect(c).get_table_names())
        diff = compare_metadata(MigrationContext.configure(c), Base.metadata)
    assert "placements" not in tables and "feedback_answers" not in tables
    assert diff == []
    model.close()


def test_the_responses_migration_goes_back_without_loss(data_dir):
    engine = make_engine(data_dir / DB_FILENAME)
    upgrade(engine, "0004")
    _old_run_with_answers(engine)
    upgrade(engine, "0005")

    from alembic import command

    command.downgrade(alembic_config(engine), "0004")
    with engine.connect() as c:
        dots = c.execute(text("SELECT participant_id, x, y FROM placements ORDER BY id")).all()
        forms = c.execute(text("SELECT answers FROM feedback_answers ORDER BY id")).all()
    assert [tuple(d) for d in dots] == [(1, 0.25, 0.75), (2, 0.5, 0.125)]
    assert len(forms) == 2
    engine.dispose()
