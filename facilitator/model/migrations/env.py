"""Alembic environment: runs migrations on the engine the program hands over (never a URL in an
ini file), so the same migrations run at start-up, in tests and from the command line."""

from __future__ import annotations

from alembic import context

from facilitator.model.orm import Base

config = context.config
engine = config.attributes.get("engine")
if engine is None:  # pragma: no cover - only when someone runs the alembic CLI by hand
    raise RuntimeError("Facilitator runs its migrations itself; open the database with the app.")

with engine.begin() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,
        compare_type=True,
    )
    context.run_migrations()
