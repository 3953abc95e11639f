"""The database tables, as typed SQLAlchemy 2.0 models. Times are Unix seconds (UTC) as floats.

A run never points at the workshop the facilitator edits: starting a run freezes a copy of the
workshop (``Workshop.frozen_for_run``), so editing the plan later never changes a past run.
"""

from __future__ import annotations

import time
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, validates

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def now() -> float:
    return time.time()


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {dict[str, Any]: JSON}


class Workshop(Base):
    __tablename__ = "workshops"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    facilitator_notes: Mapped[str] = mapped_column(Text, default="")
    media_dir: Mapped[str] = mapped_column(String(300))  # relative to the data folder
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    frozen_for_run: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[float] = mapped_column(Float, default=now)
    updated_at: Mapped[float] = mapped_column(Float, default=now, onupdate=now)

    steps: Mapped[list[Step]] = relationship(
        back_populates="workshop", order_by="Step.position", cascade="all, delete-orphan"
    )
    resources: Mapped[list[Resource]] = relationship(
        back_populates="workshop", order_by="Resource.position", cascade="all, delete-orphan"
    )


class Step(Base):
    __tablename__ = "steps"

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(200), default="")
    prompt: Mapped[str] = mapped_column(Text, default="")
    facilitator_notes: Mapped[str] = mapped_column(Text, default="")
    timer_seconds: Mapped[int | None] = mapped_column(Integer, nullable=True)
    settings: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    workshop: Mapped[Workshop] = relationship(back_populates="steps")
    zones: Mapped[list[Zone]] = relationship(
        back_populates="step", order_by="Zone.position", cascade="all, delete-orphan"
    )

    __table_args__ = (Index("ix_steps_workshop_position", "workshop_id", "position"),)


def new_step(
    *,
    position: int,
    kind: str,
    title: str,
    prompt: str,
    facilitator_notes: str,
    timer_seconds: int | None,
    settings: dict,
    zones: list[str],
) -> Step:
    """A step row with its zones, as importing a file and freezing a plan for a run make them."""
    step = Step(
        position=position,
        kind=kind,
        title=title,
        prompt=prompt,
        facilitator_notes=facilitator_notes,
        timer_seconds=timer_seconds,
        settings=dict(settings or {}),
    )
    step.zones = [Zone(position=i, label=label) for i, label in enumerate(zones)]
    return step


class Zone(Base):
    __tablename__ = "zones"

    id: Mapped[int] = mapped_column(primary_key=True)
    step_id: Mapped[int] = mapped_column(ForeignKey("steps.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    label: Mapped[str] = mapped_column(String(120))

    step: Mapped[Step] = relationship(back_populates="zones")


class Resource(Base):
    __tablename__ = "resources"

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))
    url: Mapped[str | None] = mapped_column(String(1000), nullable=True)
    file: Mapped[str | None] = mapped_column(String(300), nullable=True)
    text: Mapped[str] = mapped_column(Text, default="")

    workshop: Mapped[Workshop] = relationship(back_populates="resources")


class Run(Base):
    __tablename__ = "runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="RESTRICT"))
    source_workshop_id: Mapped[int | None] = mapped_column(
        ForeignKey("workshops.id", ondelete="SET NULL"), nullable=True
    )
    title: Mapped[str] = mapped_column(String(200))
    place: Mapped[str] = mapped_column(String(200), default="")
    facilitator: Mapped[str] = mapped_column(String(200), default="")
    started_at: Mapped[float] = mapped_column(Float, default=now)
    ended_at: Mapped[float | None] = mapped_column(Float, nullable=True)
    current_position: Mapped[int] = mapped_column(Integer, default=0)
    join_key: Mapped[str] = mapped_column(String(64), unique=True)
    remote_key: Mapped[str] = mapped_column(String(64), unique=True)
    room_code: Mapped[str] = mapped_column(String(12))
    black: Mapped[bool] = mapped_column(Boolean, default=False)
    timer_running: Mapped[bool] = mapped_column(Boolean, default=False)
    timer_deadline: Mapped[float | None] = mapped_column(Float, nullable=True)
    timer_remaining: Mapped[float | None] = mapped_column(Float, nullable=True)

    workshop: Mapped[Workshop] = relationship(foreign_keys=[workshop_id])


class StepState(Base):
    """What a run did to one step: revealed its notes, locked its board."""

    __tablename__ = "step_states"

    run_id: Mapped[int] = mapped_column(ForeignKey("runs.id", ondelete="CASCADE"), primary_key=True)
    step_id: Mapped[int] = mapped_column(
        ForeignKey("steps.id", ondelete="CASCADE"), primary_key=True
    )
    revealed: Mapped[bool] = mapped_column(Boolean, default=False)
    locked: Mapped[bool] = mapped_column(Boolean, default=False)  # closed to notes and answers
    results_shown: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    data: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True, default=dict)


class Participant(Base):
    __tablename__ = "participants"

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("runs.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(80))
    name_key: Mapped[str] = mapped_column(String(80))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # the hash of the random id the phone keeps in local storage (runs.Runs.join); None for
    # participants who joined without one (scripts, and runs before migration 0004)
    device_hash: Mapped[str | None] = mapped_column(String(64), nullable=True)
    joined_at: Mapped[float] = mapped_column(Float, default=now)

    __table_args__ = (
        UniqueConstraint("run_id", "name_key"),
        Index("ix_participants_run_device", "run_id", "device_hash", unique=True),
    )


class Group(Base):
    __tablename__ = "groups"

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("runs.id", ondelete="CASCADE"))
    step_id: Mapped[int] = mapped_column(ForeignKey("steps.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(120), default="")
    x: Mapped[float | None] = mapped_column(Float, nullable=True)
    y: Mapped[float | None] = mapped_column(Float, nullable=True)
    created_at: Mapped[float] = mapped_column(Float, default=now)


class Note(Base):
    __tablename__ = "notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("runs.id", ondelete="CASCADE"))
    step_id: Mapped[int] = mapped_column(ForeignKey("steps.id", ondelete="CASCADE"))
    participant_id: Mapped[int | None] = mapped_column(
        ForeignKey("participants.id", ondelete="SET NULL"), nullable=True
    )
    author_name: Mapped[str] = mapped_column(String(80), default="")
    client_id: Mapped[str] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text)
    color: Mapped[str] = mapped_column(String(20), default="yellow")
    x: Mapped[float | None] = mapped_column(Float, nullable=True)
    y: Mapped[float | None] = mapped_column(Float, nullable=True)
    group_id: Mapped[int | None] = mapped_column(
        ForeignKey("groups.id", ondelete="SET NULL"), nullable=True
    )
    zone_id: Mapped[int | None] = mapped_column(
        ForeignKey("zones.id", ondelete="SET NULL"), nullable=True
    )
    hidden: Mapped[bool] = mapped_column(Boolean, default=False)
    votes: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[float] = mapped_column(Float, default=now)
    updated_at: Mapped[float] = mapped_column(Float, default=now)
    # The note's sentence vector (float32 bytes, facilitator/model/themes), made in the
    # background after the note arrives; None until then, and again once its text changes.
    vector: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True, deferred=True)

    __table_args__ = (
        UniqueConstraint("run_id", "client_id"),
        Index("ix_notes_run_step", "run_id", "step_id"),
    )

    @validates("text")
    def _text_set(self, _key: str, text: str) -> str:
        """A vector describes the text it was made from: new text, no vector."""
        if text != self.text:
            self.vector = None
        return text


class Vote(Base):
    __tablename__ = "votes"

    id: Mapped[int] = mapped_column(primary_key=True)
    note_id: Mapped[int] = mapped_column(ForeignKey("notes.id", ondelete="CASCADE"))
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"))
    step_id: Mapped[int] = mapped_column(ForeignKey("steps.id", ondelete="CASCADE"))
    created_at: Mapped[float] = mapped_column(Float, default=now)

    __table_args__ = (
        UniqueConstraint("note_id", "participant_id"),
        Index("ix_votes_step_participant", "step_id", "participant_id"),
    )


class Response(Base):
    """One participant's answer to a step of any kind that takes answers (records.ResponseInfo);
    the kind's answer model decides what ``answer`` holds."""

    __tablename__ = "responses"

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("runs.id", ondelete="CASCADE"))
    step_id: Mapped[int] = mapped_column(ForeignKey("steps.id", ondelete="CASCADE"))
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"))
    answer: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    updated_at: Mapped[float] = mapped_column(Float, default=now)

    __table_args__ = (
        UniqueConstraint("step_id", "participant_id"),
        Index("ix_responses_run_step", "run_id", "step_id"),
    )
